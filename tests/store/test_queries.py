"""The one query layer on SQLite and PostgreSQL: who a name denotes, keyset pages (NULL dates too),
full-text syntax that never crashes, and the CLI and the web answering with the same rows."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsledger.cli import cli
from newsledger.errors import QueryError
from newsledger.records import Article, Entity, Mention, Quote, Record, Speaker
from newsledger.store import open_store, queries


def _article(aid: str, text: str, published, quotes: list[tuple[str, str, str | None]]) -> Record:
    """An article whose quotes are (quote text, speaker name, entity type or None for an unlinked speaker)."""
    made_quotes, made_entities = [], []
    for i, (said, name, etype) in enumerate(quotes, 1):
        start = text.index(said)
        at = text.index(name)
        entity = None
        if etype:
            entity = f"e{i}"
            made_entities.append(Entity(id=entity, name=name, type=etype, aliases=[], roles=[],
                                        mentions=[Mention(text=name, span=(at, at + len(name)))]))
        made_quotes.append(Quote(id=f"q{i}", kind="direct", text=said, span=(start, start + len(said)),
                                 speaker=Speaker(name=name, mention=name, span=(at, at + len(name)), entity=entity),
                                 confidence=0.9))
    return Record.from_article(Article(id=aid, source=f"{aid}.txt", text=text, published=published),
                               quotes=made_quotes, entities=made_entities)


RECORDS = [
    _article("a000000000000001",
             "Anna Berg said: 'The dam will hold.' Later Anna Berg added: 'We checked twice.' "
             "Joanne Smith said: 'Nobody asked us.'", "2024-01-02",
             [("The dam will hold.", "Anna Berg", "PERSON"), ("We checked twice.", "Anna Berg", None),
              ("Nobody asked us.", "Joanne Smith", "PERSON")]),
    _article("a000000000000002", "Ann Marsh said: 'The road is shut.' Anna Berg said: 'It opens soon.'", None,
             [("The road is shut.", "Ann Marsh", None), ("It opens soon.", "Anna Berg", "PERSON")]),
    _article("a000000000000003", "Petra Berg said: 'The dam leaks.'", "2024-01-01",
             [("The dam leaks.", "Petra Berg", "PERSON")]),
]


@pytest.fixture(scope="module")
def db(module_store_url):
    from newsledger.ledger.linker import Ledger

    with open_store(module_store_url) as store:
        store.write(RECORDS, ledger=Ledger())
    return module_store_url


@pytest.fixture
def store(db):
    with open_store(db) as s:
        yield s


def _keys(rows) -> list[tuple[str, str]]:
    return [(r["article_id"], r["id"]) for r in rows]


def test_a_speaker_is_every_quote_of_that_person_and_never_another_persons(store):
    rows = queries.quotes(store, speaker="Anna Berg")
    assert sorted(_keys(rows)) == [("a000000000000001", "q1"), ("a000000000000001", "q2"), ("a000000000000002", "q2")]
    assert {r["speaker"] for r in rows} == {"Anna Berg"}
    assert ("a000000000000001", "q2") in _keys(rows)  # the unlinked quote written with her name counts
    assert _keys(queries.quotes(store, speaker="Petra Berg")) == [("a000000000000003", "q1")]
    assert queries.quotes(store, speaker="Ann") == []  # not Joanne, not Anna: never a substring
    entity = rows[0]["entity"] or rows[1]["entity"]
    assert sorted(_keys(queries.quotes(store, speaker=entity))) == sorted(_keys(rows))  # the id denotes the same


def test_quotes_are_in_publication_order_undated_first_and_pages_cover_them_once(store):
    everything = queries.quotes(store, limit=100)
    assert [r["published"] for r in everything][:2] == [None, None]
    assert [r["published"] for r in everything][2:] == sorted(r["published"] for r in everything[2:])
    seen, after = [], None
    while True:
        page = queries.quotes(store, after=after, limit=1)
        seen += _keys(page)
        if page.next is None:
            break
        after = page.next
    assert seen == _keys(everything)


def test_articles_newest_first_undated_last_in_pages(store):
    everything = queries.articles(store, limit=None)
    assert [r["id"] for r in everything] == ["a000000000000001", "a000000000000003", "a000000000000002"]
    first = queries.articles(store, limit=2)
    assert [r["id"] for r in queries.articles(store, after=first.next, limit=2)] == ["a000000000000002"]


def test_each_quote_comes_with_its_sentence_as_stored(store):
    text = {r.id: r.text for r in RECORDS}
    for r in queries.quotes(store):
        assert text[r["article_id"]][r["context_start"]:r["context_start"] + len(r["context"])] == r["context"]
        assert r["text"] in r["context"]
    (joanne,) = queries.quotes(store, speaker="Joanne Smith")
    assert joanne["context"] == "Joanne Smith said: 'Nobody asked us.'"


@pytest.mark.parametrize("text", ['"', "*", "'", "\\", '"dam', "dam*", "NEAR(dam", "dam OR", ")(", "-dam", "^dam"])
def test_full_text_syntax_never_crashes(store, text):
    quotes = queries.quotes(store, search=text)
    found = queries.search_articles(store, text)
    words = queries.search_words(text)
    if "dam" in words:  # the operator's letters are words too ("OR", "NEAR"): every row still has "dam"
        assert all("dam" in r["text"].lower() for r in quotes)
        assert words != ["dam"] or (quotes and found)
    else:
        assert list(quotes) == [] and list(found) == []


def test_search_gives_the_matching_sentence_and_the_hit(store):
    (hit,) = [r for r in queries.search_articles(store, "leaks")]
    assert hit["sentence"] == "Petra Berg said: 'The dam leaks.'"
    text = RECORDS[2].text
    assert text[hit["hit_start"]:hit["hit_end"]] == "leaks"


def test_speakers_one_row_each_with_filters_and_sorts(store):
    rows = queries.speakers(store)
    assert len(rows) == len({r["key"] for r in rows})
    by_name = {r["speaker"]: r for r in rows}
    assert by_name["Anna Berg"]["articles"] == 2
    assert [r["speaker"] for r in queries.speakers(store, name="berg")] == ["Anna Berg", "Petra Berg"]
    assert {r["type"] for r in queries.speakers(store, type="PERSON")} == {"PERSON"}
    firsts = [r["first"] for r in queries.speakers(store, sort="first")]
    assert firsts == sorted(firsts, key=lambda d: (d is not None, d or ""))
    with pytest.raises(QueryError):
        queries.speakers(store, sort="nonsense")


def test_bad_cursors_limits_and_dates_are_query_errors(store):
    from newsledger.errors import ConfigError

    with pytest.raises(QueryError):
        queries.quotes(store, after="%%%")
    with pytest.raises(QueryError):
        queries.articles(store, limit=-5)
    with pytest.raises(ConfigError):
        queries.timeline(store, date_from="notadate")


def _cli_json(*args) -> list[dict]:
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("speaker", ["Anna Berg", "Berg", "Petra Berg", "Ann", "Joanne Smith"])
def test_cli_and_web_quotes_by_speaker_are_the_same_rows(db, speaker):
    from starlette.testclient import TestClient

    from newsledger.web import create_app

    cli_rows = _cli_json("quotes", "--db", db, "--speaker", speaker, "--limit", "500")
    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        web_rows = client.get("/quotes.json", params={"speaker": speaker, "limit": 500}).json()["items"]
    assert _keys(cli_rows) == _keys(web_rows)
    assert cli_rows == web_rows


def test_one_speaker_row_whatever_the_case_of_the_name(store_url):
    from newsledger.ledger.linker import Ledger

    records = [_article("b000000000000001", "Prosecutors said: 'The case is closed.'", "2024-02-01",
                        [("The case is closed.", "Prosecutors", None)]),
               _article("b000000000000002", "The prosecutors said: 'We appeal.' Later prosecutors said: 'Soon.'",
                        "2024-02-02", [("We appeal.", "prosecutors", None), ("Soon.", "prosecutors", None)])]
    with open_store(store_url) as s:
        s.write(records, ledger=Ledger())
        rows = [r for r in queries.speakers(s) if r["speaker"].lower() == "prosecutors"]
        assert len(rows) == 1
        assert (rows[0]["quotes"], rows[0]["articles"]) == (3, 2)
        assert (rows[0]["first"], rows[0]["last"]) == ("2024-02-01", "2024-02-02")


def _entities_by(store, **kw) -> list[str]:
    return [r["name"] for r in queries.entities(store, **kw)]


def test_entities_sort_by_articles_quotes_first_and_last_seen(store):
    assert _entities_by(store, sort="name") == ["Anna Berg", "Joanne Smith", "Petra Berg"]
    assert _entities_by(store, sort="articles")[0] == "Anna Berg"  # two articles
    assert _entities_by(store, sort="quotes")[0] == "Anna Berg"
    assert _entities_by(store, sort="first") == ["Petra Berg", "Anna Berg", "Joanne Smith"]  # 01-01 before 01-02
    assert _entities_by(store, sort="last") == ["Anna Berg", "Joanne Smith", "Petra Berg"]
    for row in queries.entities(store):
        # the quotes an entity row counts are the quotes its page lists (the undated one included)
        assert row["quotes"] == len(queries.quotes(store, speaker=row["id"])) > 0, row["name"]
        assert queries.entity(store, row["id"])["quotes"] == row["quotes"]
    anna = queries.entities(store, name="Anna Berg")[0]
    assert (anna["articles"], anna["quotes"], anna["first"], anna["last"]) == (2, 3, "2024-01-02", "2024-01-02")
    per_day = queries.quotes_per_day(store, anna["id"])
    assert per_day == [{"day": None, "quotes": 1}, {"day": "2024-01-02", "quotes": 2}]


def test_entity_lists_page_through_every_sort(store):
    for sort in queries.ENTITY_SORTS:
        everything = [r["id"] for r in queries.entities(store, sort=sort, limit=None)]
        seen, after = [], None
        while True:
            page = queries.entities(store, sort=sort, after=after, limit=1)
            seen += [r["id"] for r in page]
            if page.next is None:
                break
            after = page.next
        assert seen == everything, sort


def test_entity_types_in_any_case_and_only_known_ones(store):
    assert _entities_by(store, type=" person ", sort="name") == _entities_by(store, type="PERSON", sort="name")
    assert [r["speaker"] for r in queries.speakers(store, type="person")] == [
        r["speaker"] for r in queries.speakers(store, type="PERSON")]
    with pytest.raises(QueryError, match="PERSON, ORG"):
        queries.entities(store, type="persons")
    with pytest.raises(QueryError):
        queries.speakers(store, type="human")


def test_first_and_last_seen_follow_reingests_and_deletes(store_url):
    from newsledger.ledger.linker import Ledger

    early = _article("c000000000000001", "Mara Olt said: 'The pier is safe.'", "2024-03-01",
                     [("The pier is safe.", "Mara Olt", "PERSON")])
    late = _article("c000000000000002", "Mara Olt said: 'Repairs start in May.'", "2024-03-09",
                    [("Repairs start in May.", "Mara Olt", "PERSON")])
    with open_store(store_url) as s:
        s.write([early, late], ledger=Ledger())
        assert [(r["first"], r["last"]) for r in queries.entities(s)] == [("2024-03-01", "2024-03-09")]
        moved = _article("c000000000000001", "Mara Olt said: 'The pier is safe.'", "2024-03-05",
                         [("The pier is safe.", "Mara Olt", "PERSON")])
        s.write([moved], ledger=Ledger())  # the same article, its date corrected: the old date is forgotten
        assert [(r["first"], r["last"]) for r in queries.entities(s)] == [("2024-03-05", "2024-03-09")]
        s.delete(["c000000000000002"], ledger=Ledger())
        assert [(r["first"], r["last"], r["articles"]) for r in queries.entities(s)] == [("2024-03-05", "2024-03-05", 1)]
