"""Property: the time and quantity parsers take hostile text (right-to-left, combining marks, CR and CRLF line
ends, digits of other scripts, huge numbers) without an exception, and what they find slices the text
(issue 15, Deliver 4; tests/extract/test_times_claims_property.py covers plain text)."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.extract.quantities import find_quantities, parse_number
from newsledger.extract.times import resolve_times

HOSTILE = st.sampled_from([
    "\r", "\r\n", "\n", "\u200f", "\u202e", "\u0301", "\u0308", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
    "\u0663\u0662", "\u0968", "\uff11\uff12", "1,000,000,000,000,000,000,000", "9" * 40, "0.5", "½", "−3", "1e308",
    "March", "2024", "Monday", "last", "week", "as many as", "about", "300", "thousand", "hundreds of", "people",
    "killed", "on", "the", "day", "before", "yesterday", " ", ", ", ". ",
])
TEXTS = st.lists(st.one_of(HOSTILE, st.text(max_size=6)), max_size=40).map("".join)
DATES = st.one_of(st.none(), st.sampled_from(["2024-03-04", "0001-01-01", "9999-12-31", "2024-02-29"]))


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, published=DATES)
def test_times_in_hostile_text(text, published):
    for t in resolve_times(text, published):
        assert text[t.span[0]:t.span[1]] == t.text and t.text.strip()


@settings(max_examples=300, deadline=None)
@given(text=TEXTS)
def test_quantities_in_hostile_text(text):
    for q in find_quantities(text):
        assert text[q.span[0]:q.span[1]] == q.quantity.text
        assert not math.isnan(q.quantity.value)


@settings(max_examples=500, deadline=None)
@given(st.one_of(TEXTS, st.text(max_size=30)))
def test_numbers_are_a_value_or_none(text):
    value = parse_number(text)
    assert value is None or (isinstance(value, float) and not math.isnan(value))
