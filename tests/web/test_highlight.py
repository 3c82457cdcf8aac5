"""The highlighter and the SVG charts as pure functions: segments rebuild the text, slots never collide,
related claims are found by word overlap."""

from __future__ import annotations

import html
import re

from hypothesis import given, settings, strategies as st

from newsledger.records import Article, Claim, Cue, Quote, Record, Speaker
from newsledger.web.highlight import OTHERS, PALETTE_SIZE, Mark, assign_slots, render_body, segments, speaker_legend
from newsledger.web.related import ClaimIndex, tokens
from newsledger.web.svg import quotes_chart, timeline_chart

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20)), max_size=12)


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=80), raw=spans)
def test_segments_rebuild_the_text_and_slots_never_collide(text, raw):
    marks = [Mark("quote", s, min(s + n, len(text)), "l", f"q{i}") for i, (s, n) in enumerate(raw) if s < len(text)]
    marks = [m for m in marks if m.start < m.end]
    assign_slots(marks)
    for a in marks:
        for b in marks:
            if a is not b and a.start < b.end and b.start < a.end:
                assert a.slot != b.slot
    pieces = segments(text, marks)
    assert "".join(p for p, _, _ in pieces) == text
    pos = 0
    for piece, covering, _ in pieces:
        assert {id(m) for m in covering} == {id(m) for m in marks if m.start <= pos and pos + len(piece) <= m.end}
        pos += len(piece)


def test_render_body_escapes_and_round_trips():
    text = "He said: 'a <b>\"bold\"</b> & move'.\nAdvert"
    q_text = "a <b>\"bold\"</b> & move"
    start = text.index(q_text)
    rec = Record.from_article(
        Article(id="x", source="s", text=text, boilerplate=[]),
        quotes=[Quote(id="q1", kind="direct", text=q_text, span=(start, start + len(q_text)),
                      speaker=Speaker(name='He "x"', mention="He", span=(0, 2)), cue=Cue(text="said", span=(3, 7)))],
        claims=[Claim(id="c1", text="bold", span=(text.index("bold"), text.index("bold") + 4), status="claimed")],
    )
    body = str(render_body(rec))
    assert "<b>" not in body and "&lt;b&gt;" in body
    visible = html.unescape(re.sub(r"<[^>]+>", "", body))
    assert visible == text
    assert 'data-quote="q1"' in body and "l-speaker" in body and "l-cue" in body and "l-claim" in body
    assert body.count("s1") >= 1  # the claim inside the quote is drawn on a second level


def test_charts_escape_and_handle_empty():
    assert "No dated" in quotes_chart([])
    svg = str(quotes_chart([{"day": "2024-03-01", "quotes": 2}, {"day": "2024-03-05", "quotes": 1}]))
    assert svg.startswith("<svg") and svg.count("<rect") == 5  # five days, gaps filled
    long = str(quotes_chart([{"day": "2023-01-01", "quotes": 1}, {"day": "2024-01-01", "quotes": 3}]))
    assert long.count("<rect") == 13  # per month
    tl = str(timeline_chart([{"date": "2024-03-01", "kind": "claim", "what": "x", "text": "<script>", "status": "unverified"},
                             {"date": "2024-03-09", "kind": "event", "what": "talks", "text": "t"}]))
    assert "<script>" not in tl and "&lt;script&gt;" in tl and "<circle" in tl


class _FakeStore:
    def __init__(self, rows):
        self.rows = rows

    def execute(self, sql, args=()):
        return self.rows


def test_related_claims_repeat_and_contradict():
    base = {"status": "claimed", "published": "2024-01-01", "title": "t", "source": "s"}
    rows = [
        {**base, "article_id": "a", "id": "c1", "text": "As many as 5,300 Orvalian soldiers have been killed in Serin",
         "quantity": 5300.0, "counts": "Orvalian soldiers"},
        {**base, "article_id": "b", "id": "c1", "text": "5,300 Orvalian soldiers have been killed in Serin, officials said",
         "quantity": 5300.0, "counts": "Orvalian soldiers"},
        {**base, "article_id": "c", "id": "c1", "text": "Only 800 Orvalian soldiers have been killed in Serin",
         "quantity": 800.0, "counts": "Orvalian soldiers"},
        {**base, "article_id": "d", "id": "c1", "text": "Grain exports rose sharply", "quantity": None, "counts": None},
    ]
    idx = ClaimIndex()
    rel = idx.related(_FakeStore(rows), rows[0])
    assert [r["article_id"] for r in rel["repeats"]] == ["b"]
    assert [r["article_id"] for r in rel["contradicts"]] == ["c"]
    assert "5300" in tokens("as many as 5,300")


def test_claim_index_sees_commits_from_other_connections(tmp_path):
    """The related-claims index is rebuilt after another connection (thread, worker, CLI) commits."""
    from newsledger.store import open_store

    db = str(tmp_path / "s.db")

    def add(store, aid, text):
        store.execute("INSERT INTO articles (id, source, format, text, topics, boilerplate, record, ingested_at) "
                      "VALUES (?, ?, 'text', ?, '[]', '[]', '{}', 'now')", (aid, aid, text))
        store.execute("INSERT INTO claims (article_id, id, text, start_char, end_char, status) "
                      "VALUES (?, 'c1', ?, 0, 1, 'claimed')", (aid, text))

    reader, writer = open_store(db), open_store(db)
    add(writer, "a", "Grain exports from Odemar rose to record levels")
    idx = ClaimIndex()
    claim = {"article_id": "a", "id": "c1", "text": "Grain exports from Odemar rose to record levels",
             "quantity": None, "counts": None}
    assert idx.related(reader, claim)["repeats"] == []
    add(writer, "b", "Grain exports from Odemar rose to record levels, officials said")
    assert [r["article_id"] for r in idx.related(reader, claim)["repeats"]] == ["b"]
    reader.close()
    writer.close()


def test_more_speakers_than_colours_keep_one_colour_each_for_the_most_quoted():
    names = [f"Speaker{i}" for i in range(PALETTE_SIZE + 3)]
    text = " ".join(f"{n} said: 'Line {i}.'" for i, n in enumerate(names)) + " Speaker5 said: 'Again.'"
    quotes = []
    for i, (n, said) in enumerate([(n, f"Line {i}.") for i, n in enumerate(names)] + [("Speaker5", "Again.")]):
        at, start = text.index(n + " said"), text.index(said)
        quotes.append(Quote(id=f"q{i}", kind="direct", text=said, span=(start, start + len(said)), confidence=0.9,
                            speaker=Speaker(name=n, mention=n, span=(at, at + len(n)))))
    legend = speaker_legend(Record.from_article(Article(id="x" * 16, source="x.txt", text=text), quotes=quotes))
    colours = [e["colour"] for e in legend]
    assert len(legend) == len(names) and colours.count(OTHERS) == len(names) - (PALETTE_SIZE - 1)
    own = [c for c in colours if c != OTHERS]
    assert len(set(own)) == len(own) == PALETTE_SIZE - 1
    assert legend[5]["colour"] != OTHERS  # the most quoted keeps a colour of its own
