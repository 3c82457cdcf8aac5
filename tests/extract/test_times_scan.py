"""The one-pass word scan of times finds every start the full alternation of the rules finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.extract.times.candidates import scan_by_alternation, starts
from newsledger.extract.times.patterns import RULES

WORDS = st.sampled_from([
    "the", "last", "week", "mid-July", "'90s", "’80s", "Q3", "H1", "FY2020", "fiscal", "year-ago", "period", "per",
    "half", "quarter", "Christmas", "Eve", "Easter", "Ramadan", "now", "right", "currently", "recent", "weeks",
    "single-day", "overnight", "every", "other", "Tuesday", "Tuesdays", "nineteen", "ninety-six", "2:06:41", "8:30",
    "p.m.", "EDT", "noon", "April", "24", "and", "25", "six", "years", "ago", "earlier", "later", "in", "day",
    "morning", "a", "couple", "of", "months", "decades", "long", "summer", "early", "late", "''", "``", "(", ")",
    ",", ".", "\n", "—", "-", "almost", "about", "more", "than", "that", "following", "next", "year", "ended",
])


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(st.lists(WORDS, max_size=30).map(" ".join), st.lists(WORDS, max_size=30).map("".join),
                      st.text(max_size=60)))
def test_word_scan_finds_every_start_of_the_alternation(text):
    assert set(scan_by_alternation(text)) <= set(starts(text)), repr(text)


def test_every_rule_is_in_the_alternation():
    from newsledger.extract.times.patterns import SCANNER

    assert SCANNER.pattern.count("(?<![\\w-])") == len(RULES)
