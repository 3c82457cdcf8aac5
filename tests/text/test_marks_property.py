"""Property: the quotation-mark state machine never fails on any text, and its passages are sane: inside their
paragraph, in order, not overlapping, their marks where they say (issue 15, Deliver 4)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.text.lines import paragraphs
from newsledger.text.marks import MARK_RE, find_marked, passage_span

MARKS = ['"', "'", "“", "”", "‘", "’", "„", "‟", "«", "»", "‚", "‛", "''", "``"]
PIECES = MARKS + [" ", "\n", "\r\n", "\r", "\n\n", "said", "We", "don't", "'90s", "'em", "(", ")", "—", "-", ".", ",",
                  "\u00a0", "\u05e9\u05dc\u05d5\u05dd", "e\u0301", "\u202e", "Anna", "the plan", "1"]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join),
)


@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_passages_sit_inside_their_paragraph_in_order(text):
    paras = paragraphs(text)
    found = find_marked(text, paras)
    previous_end = -1
    for m in found:
        lo, hi = paras[m.paragraph]
        assert lo <= m.start < m.end <= hi
        assert any(c.isalnum() for c in text[m.start:m.end])
        assert m.start >= previous_end  # in text order, never overlapping
        previous_end = m.end
        a, b = passage_span(m)
        assert lo <= a <= m.start and m.end <= b <= hi
        if m.open_at >= 0:
            assert MARK_RE.match(text, m.open_at)
        if m.close_at >= 0:
            assert MARK_RE.match(text, m.close_at) and m.close_at >= m.end
        assert not (m.unclosed and m.runs_on)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_the_same_text_gives_the_same_passages(text):
    paras = paragraphs(text)
    assert find_marked(text, paras) == find_marked(text, list(paras))
