"""Property: any text and any publication date never crash times or claims, and every span slices exactly."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.extract.claims import extract_claims
from newsledger.extract.quantities import find_quantities
from newsledger.extract.times import resolve_times

# words that exercise the rules, mixed with arbitrary text
WORDS = st.sampled_from([
    "Monday", "last", "week", "five", "days", "ago", "the", "day", "before", "invasion", "since", "seventh",
    "Today", "marks", "March", "May", "3", "2020", "1999s", "'82", "12:30", "UTC", "p.m.", "every", "year",
    "hundreds", "of", "thousands", "said", "that", "according", "to", "There", "have", "been", "reports",
    "not", "verified", "denied", "as", "many", "up", "more", "than", ",", ".", "\n", "“", "”", "'", "-",
    "quarter", "third", "this", "morning", "tonight", "2,300", "two", "dozen", "and", "a", "half",
    "$116m", "£1.5bn", "€3", "bn", "5k", "70,000-80,000", "between", "aged", "48,", "sixth", "one", "in", "five",
    "%", "per", "cent", "-year-old", "Street", "o'clock", "(", ")", "these", "figures", "claim", "false", "confirmed",
    "could", "independently", "verify", "They", "Ivanov,", "Three", "Amigos", "up", "to", "approximately",
])
TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(WORDS, max_size=40).map(" ".join),
    st.lists(st.one_of(WORDS, st.text(max_size=5)), max_size=30).map(" ".join),
)
DATES = st.one_of(
    st.none(),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(text=TEXTS, published=DATES,
       known=st.one_of(st.none(), st.dictionaries(st.text(max_size=10), st.text(max_size=12), max_size=2)))
def test_times_never_crash_and_spans_slice(text, published, known):
    for t in resolve_times(text, published, known):
        assert text[t.span[0]:t.span[1]] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_quantities_spans_slice(text):
    for q in find_quantities(text):
        assert text[q.span[0]:q.span[1]] == q.quantity.text
        assert q.quantity.high is None or q.quantity.high >= q.quantity.value
        assert q.quantity.bound in ("exact", "lower", "upper", "approximate")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=TEXTS, published=DATES)
def test_pipeline_times_and_claims_spans_slice(nlp, text, published):
    doc = nlp.make_doc(text)
    doc._.nl_published = published
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    for t in doc._.nl_times or []:
        assert text[t.span[0]:t.span[1]] == t.text
    claims = extract_claims(doc)
    for c in claims:
        assert text[c.span[0]:c.span[1]] == c.text
        if c.quantity is not None and c.quantity.span:
            assert text[c.quantity.span[0]:c.quantity.span[1]] == c.quantity.text
        if c.status_evidence:
            assert text[c.status_evidence.span[0]:c.status_evidence.span[1]] == c.status_evidence.text
            if c.status_evidence.refers:
                assert text[c.status_evidence.refers.span[0]:c.status_evidence.refers.span[1]] == c.status_evidence.refers.text
        if c.source and c.source.span:
            assert text[c.source.span[0]:c.source.span[1]] == c.source.mention
        if c.cue:
            assert text[c.cue.span[0]:c.cue.span[1]] == c.cue.text


def test_extreme_publication_dates_do_not_crash():
    for published in ("0001-01-01", "9999-12-31"):
        for text in ("yesterday", "tomorrow", "last week", "next year", "The vote will be on Friday.", "five days ago",
                     "Sunday was the third day of the flood.", "the weekend", "last year", "next month"):
            for t in resolve_times(text, published):
                assert text[t.span[0]:t.span[1]] == t.text and t.value
