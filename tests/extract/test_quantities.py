"""Numbers in words and digits, vague plurals and bounds (our own sentences)."""

from __future__ import annotations

import pytest

from newsledger.extract.quantities import find_quantities, parse_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("7", 7),
        ("12,450", 12450),
        ("3.5", 3.5),
        ("2.4 million", 2_400_000),
        ("nine", 9),
        ("forty-two", 42),
        ("three dozen", 36),
        ("a hundred", 100),
        ("six hundred and twelve", 612),
        ("two thousand", 2000),
        ("seven hundred thousand", 700_000),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "banana", "the", "5 5"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "sentence, value, bound",
    [
        ("Up to 800 sheep were lost in the flood", 800, "upper"),
        ("As many as 40 boats sank overnight", 40, "upper"),
        ("More than 1,200 homes lost power", 1200, "lower"),
        ("At least nine bridges collapsed", 9, "lower"),
        ("Tens of thousands of fans filled the square", 10_000, "lower"),
        ("Hundreds of thousands of ducks migrate here", 100_000, "lower"),
        ("Thousands of letters arrived", 1000, "lower"),
        ("Dozens of shops closed early", 12, "lower"),
        ("About 300 volunteers came", 300, "approximate"),
        ("Nearly two dozen lorries were stuck", 24, "approximate"),
        ("Exactly 57 pupils sat the exam", 57, "exact"),
        ("Fifteen ferries were cancelled", 15, "exact"),
    ],
)
def test_bounds(sentence, value, bound):
    found = find_quantities(sentence)
    assert found, sentence
    q, (s, e) = found[0].quantity, found[0].span
    assert q.value == pytest.approx(value)
    assert q.bound == bound
    assert sentence[s:e] == q.text


def test_units_and_counts():
    (m,) = find_quantities("Prices rose 4.5% in the harbour towns")
    assert m.quantity.unit == "percent" and m.quantity.value == 4.5
    (m,) = find_quantities("The council spent £3 million on lamps")
    assert m.quantity.unit == "GBP" and m.quantity.value == 3_000_000
    (m,) = find_quantities("Rescuers found 14 stranded hikers")
    assert m.quantity.counts.startswith("stranded hikers")


def test_years_and_clock_times_are_not_quantities():
    assert find_quantities("The mill opened in 1998 and shut at 17:30") == []


def test_excluded_spans():
    text = "five days later 30 cows escaped"
    found = find_quantities(text, exclude=[(0, 15)])
    assert [q.quantity.value for q in found] == [30]


@pytest.mark.parametrize("text", ["The FTSE 100 slipped", "Fans queued for the Pixel 8", "The DC-9 was retired"])
def test_numbers_inside_names_are_not_quantities(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    "text, values",
    [
        ("The plant spent $116m on repairs", [116e6]),
        ("The club was sold for £1.5bn", [1.5e9]),
        ("Sales reached €3 billion", [3e9]),
        ("The race drew 5k runners", [5000]),
        ("Debts of 2.4 trillion yen were written off", [2.4e12]),
        ("Farmers lost 300 million dollars", [3e8]),
        ("Between 70,000 and 80,000 people marched", [70_000]),
        ("Approximately 20,000-25,000 troops massed", [20_000]),
        ("The vote passed 52 to 48", [52]),
        ("One in five adults smokes", [0.2]),
        ("Exports are around a sixth of what they were", [1 / 6]),
        ("Two-thirds of voters agreed", [2 / 3]),
        ("Almost half a million people fled", [500_000]),
        ("A man aged 55 and a 34-year-old woman were hurt", []),
        ("Between the ages of 18 and 60, men must register", []),
        ("The summit lasted three to six hours", []),
        ("She lives at 10 Downing Street", []),
        ("He finished 4th and flew an F-16", []),
        ("Leaders met after 17 o'clock on March 10-11", []),
    ],
)
def test_values_with_multipliers_ranges_and_what_is_not_a_figure(text, values):
    assert [q.quantity.value for q in find_quantities(text)] == pytest.approx(values)


def test_a_range_keeps_both_ends_and_a_fiscal_year_is_no_figure():
    (m,) = find_quantities("They estimate 20-25 million people were affected")
    assert (m.quantity.value, m.quantity.high, m.quantity.bound) == (20e6, 25e6, "lower")
    text = "Exports reached $723m in 2019-20"
    year = text.index("2019")
    assert [q.quantity.value for q in find_quantities(text, exclude=[(year, year + 4)])] == [723e6]
