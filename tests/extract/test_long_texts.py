"""Long texts are processed in pieces cut at paragraph breaks whose spans map back exactly: never truncated,
never refused (issue 15, case 1: spaCy's E088 above nlp.max_length used to crash the whole batch)."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.extract import extract_records
from newsledger.extract.pipeline import chunk_bounds
from newsledger.ingest.article import make_article
from newsledger.records import check_spans

PARAGRAPHS = [
    "Mayor Ilse Varga of Lorvik said on Monday that the harbour bridge would reopen next week.",
    "'We have finished the repairs and the inspectors are satisfied,' Varga told reporters.",
    "Advert",
    "The port authority said 1,200 lorries a day had used the bridge before it closed in March.",
    "Finance chief Oren Talbot said the council would publish the costs in full.",
    "'Nobody will be asked to pay twice for the same bridge,' Talbot said.",
    "Talbot added that the ferry to Amsel would keep running until the end of the month.",
]
TEXT = "\n".join(PARAGRAPHS * 3) + "\n"


@contextlib.contextmanager
def max_length(nlp, n: int):
    saved = nlp.max_length
    nlp.max_length = n
    try:
        yield
    finally:
        nlp.max_length = saved


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab .\n\r\t\u0301é"), max_size=400), limit=st.integers(1, 60))
def test_pieces_cover_the_text_exactly_and_fit_the_limit(text, limit):
    bounds = chunk_bounds(text, limit)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a < b or len(text) == 0 for a, b in bounds)
    assert all(b - a <= limit for a, b in bounds)
    assert all(bounds[i][1] == bounds[i + 1][0] for i in range(len(bounds) - 1))


def test_pieces_end_at_paragraph_breaks_when_there_are_any():
    bounds = chunk_bounds(TEXT, 400)
    assert len(bounds) > 3
    assert all(TEXT[b - 1] == "\n" for _, b in bounds[:-1])
    crlf = TEXT.replace("\n", "\r\n")
    assert all(crlf[b - 2:b] == "\r\n" for _, b in chunk_bounds(crlf, 400)[:-1])
    lone_cr = TEXT.replace("\n", "\r")
    assert all(lone_cr[b - 1] == "\r" for _, b in chunk_bounds(lone_cr, 400)[:-1])


def test_a_text_over_max_length_gives_the_same_quotes_with_exact_spans(nlp):
    article = make_article(TEXT, "long.txt", metadata={"published": "2024-05-06"})
    (whole,) = extract_records([article], nlp)
    with max_length(nlp, 700):  # what a 1.1 M-character text is to the default limit of 1,000,000
        (pieced,) = extract_records([article], nlp)
    assert pieced.text == TEXT and check_spans(pieced) == []
    assert [(q.text, q.span, q.speaker and q.speaker.name) for q in pieced.quotes] == [
        (q.text, q.span, q.speaker and q.speaker.name) for q in whole.quotes]
    assert [q.id for q in pieced.quotes] == [f"q{i}" for i in range(1, len(pieced.quotes) + 1)]
    assert [e.id for e in pieced.entities] == [f"e{i}" for i in range(1, len(pieced.entities) + 1)]
    ids = {e.id for e in pieced.entities}
    assert {q.speaker.entity for q in pieced.quotes if q.speaker and q.speaker.entity} <= ids
    assert len({(e.type, e.name) for e in pieced.entities}) == len(pieced.entities)  # one entity a name
    (talbot,) = [e for e in pieced.entities if e.name == "Oren Talbot"]
    assert len(talbot.mentions) == len([e for e in whole.entities if e.name == "Oren Talbot"][0].mentions)
    times = {t.id for t in pieced.times}
    assert {c.time for c in pieced.claims if c.time} <= times


def test_a_long_article_does_not_change_its_neighbours_in_the_batch(nlp):
    short = make_article(PARAGRAPHS[0] + "\n" + PARAGRAPHS[1] + "\n", "short.txt")
    long = make_article(TEXT, "long.txt")
    alone = next(extract_records([short], nlp))
    with max_length(nlp, 700):
        records = list(extract_records([short, long, short], nlp, batch_size=2))
    assert [r.source for r in records] == ["short.txt", "long.txt", "short.txt"]
    assert records[0].to_dict() == records[2].to_dict() == alone.to_dict()
