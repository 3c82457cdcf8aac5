"""Property: any arrangement of quote marks, apostrophes, newlines and Advert lines never
crashes the extractor, and every span (quote, speaker, cue) slices exactly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.extract.quotes import find_marked, paragraphs

PIECES = [
    '"', "'", "“", "”", "‘", "’", "''", "``", " ", "\n", "\nAdvert\n", ", ", ". ", ": ",
    "said", " he said", " She said", "Anna Berg", " the ministry", " according to", "Ukraine's",
    "invaders’", " we", "don't", "(", ")", "—", "was", "that", "the plan", "will fail",
]

texts = st.lists(st.sampled_from(PIECES), min_size=0, max_size=40).map("".join)


@given(texts)
@settings(max_examples=150, deadline=None)
def test_marks_never_crash_and_slice(text):
    paras = paragraphs(text)
    for m in find_marked(text, paras):
        assert 0 <= m.start < m.end <= len(text)
        lo, hi = paras[m.paragraph]
        assert lo <= m.start and m.end <= hi


@given(texts)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_extractor_never_crashes_and_spans_slice(nlp, text):
    doc = nlp(text)
    ids = [q.id for q in doc._.nl_quotes]
    assert ids == [f"q{i + 1}" for i in range(len(ids))]
    for q in doc._.nl_quotes:
        assert text[q.span[0] : q.span[1]] == q.text
        assert q.kind in ("direct", "mixed", "indirect")
        if q.speaker is not None and q.speaker.span is not None:
            assert text[q.speaker.span[0] : q.speaker.span[1]] == q.speaker.mention
        if q.cue is not None:
            assert text[q.cue.span[0] : q.cue.span[1]] == q.cue.text
        if q.continues is not None:
            assert q.continues in ids[: ids.index(q.id)]
