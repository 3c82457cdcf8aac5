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
