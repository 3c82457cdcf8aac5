"""The terminal as a user meets it: one-line errors (never a traceback), a missing database refused,
"no matches" on stderr, the search hit shown, lists comma-joined, every option explained."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from newsledger.cli import cli
from newsledger.records import Article, Claim, ClaimSource, Entity, Mention, Quote, Record, Speaker
from newsledger.store import open_store

TEXT = "Mayor Ilona Teller said: 'The bridge reopens on Friday.' The ferry stays shut. Repairs cost 2 million."


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "t.db")
    quote = "The bridge reopens on Friday."
    start = TEXT.index(quote)
    claim = "Repairs cost 2 million"
    record = Record.from_article(
        Article(id="t000000000000001", source="t.txt", text=TEXT, published="2024-05-01", title="Bridge"),
        quotes=[Quote(id="q1", kind="direct", text=quote, span=(start, start + len(quote)),
                      speaker=Speaker(name="Ilona Teller", mention="Ilona Teller", span=(6, 18)), confidence=0.9)],
        claims=[Claim(id="c1", text=claim, span=(TEXT.index(claim), TEXT.index(claim) + len(claim)),
                      status="claimed", source=ClaimSource(name="Ilona Teller"))])
    with open_store(path) as store:
        store.write([record])
    return path


def run(*args, env=None):
    return CliRunner().invoke(cli, [*args], env=env)


def _one_line_error(result, *words):
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], lines[0]


@pytest.mark.parametrize("command", [["articles"], ["quotes"], ["claims"], ["speakers"], ["entities"], ["timeline"],
                                     ["search", "bridge"], ["export", "--format", "jsonl", "-o", "out.jsonl"],
                                     ["entities", "merge", "a", "b"]])
def test_read_commands_refuse_a_missing_database_and_create_none(tmp_path, command):
    missing = tmp_path / "typo.db"
    result = run(*command[:1], "--db", str(missing), *command[1:])
    _one_line_error(result, f"no database at {missing} (run newsledger ingest first)")
    assert not missing.exists()


def test_serve_refuses_a_missing_or_garbage_database(tmp_path):
    _one_line_error(run("serve", "--db", str(tmp_path / "nope.db")), "no database at")
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not an sqlite file at all, just words" * 50)
    _one_line_error(run("serve", "--db", str(garbage)), "garbage.db", "cannot open database")


@pytest.mark.parametrize("args", [["search", "*"], ["search", '"'], ["search", "'"], ["search", "\\"],
                                  ["quotes", "--search", '"'], ["quotes", "--search", "*"], ["quotes", "--search", "\\"]])
def test_full_text_syntax_is_never_a_traceback(db, args):
    result = run(args[0], "--db", db, *args[1:])
    assert result.exit_code == 0, result.output
    assert result.exception is None
    assert result.stdout == "" and result.stderr.strip() == "no matches"


def test_no_matches_goes_to_stderr_and_json_stays_valid(db):
    table = run("quotes", "--db", db, "--speaker", "Nobody Here")
    assert table.exit_code == 0 and table.stdout == "" and "no matches" in table.stderr
    as_json = run("quotes", "--db", db, "--speaker", "Nobody Here", "--format", "json")
    assert json.loads(as_json.stdout) == [] and "no matches" in as_json.stderr


def test_search_shows_the_matching_sentence_with_the_hit_marked(db):
    result = run("search", "--db", db, "ferry")
    assert result.exit_code == 0, result.output
    assert "The **ferry** stays shut." in result.stdout
    (row,) = json.loads(run("search", "--db", db, "ferry", "--format", "json").stdout)
    assert row["sentence"] == "The ferry stays shut." and TEXT[row["hit_start"]:row["hit_end"]] == "ferry"


def test_tables_print_lists_comma_joined(db):
    from newsledger.ledger.linker import Ledger

    result = run("timeline", "--db", db, "--reported")
    assert result.exit_code == 0, result.output
    assert "[" not in result.stdout and '"' not in result.stdout
    assert "Bridge" in result.stdout
    record = Record.from_article(
        Article(id="t000000000000003", source="u.txt", text=TEXT, published="2024-05-02"),
        entities=[Entity(id="e1", name="Ilona Teller", type="PERSON", aliases=["Mayor Teller", "Ms Teller"],
                         roles=["mayor", "engineer"], mentions=[Mention(text="Ilona Teller", span=(6, 18))])])
    with open_store(db) as store:
        store.write([record], ledger=Ledger())
    table = run("entities", "--db", db, "--name", "Teller")
    assert table.exit_code == 0, table.output
    (row,) = [line for line in table.stdout.splitlines() if "Ilona Teller" in line]
    assert "Mayor Teller, Ms Teller" in row and "engineer, mayor" in row
    assert "[" not in table.stdout and '"' not in table.stdout


@pytest.mark.parametrize("args,words", [
    (["articles", "--limit", "-5"], ["-5", "--limit", "newsledger articles --help"]),
    (["quotes", "--limit", "0"], ["--limit", "newsledger quotes --help"]),
    (["quotes", "--limit", "many"], ["'many'"]),
    (["quotes", "--bogus"], ["--bogus"]),
    (["timeline", "--from", "notadate"], ["notadate", "YYYY-MM-DD"]),
    (["claims", "--to", "2024-02-30"], ["2024-02-30"]),
    (["claims", "--status", "rumoured"], ["rumoured", "unverified"]),
    (["speakers", "--sort", "loudest"], ["loudest"]),
    (["entities", "--type", "persn"], ["persn", "PERSON, ORG"]),
    (["speakers", "--type", "people"], ["people", "PERSON"]),
    (["search"], ["TEXT", "newsledger search --help"]),
    (["entities", "merge", "only-one"], ["OTHER"]),
])
def test_bad_options_are_one_line_errors(db, args, words):
    command, rest = (args[:2], args[2:]) if args[:2] == ["entities", "merge"] else (args[:1], args[1:])
    _one_line_error(run(*command, "--db", db, *rest), *words)


@pytest.mark.parametrize("args", [["--bogus"], ["quotez"], ["entities", "--db", "x.db", "melt", "a", "b"]])
def test_bad_commands_are_one_line_errors(args):
    _one_line_error(run(*args), "newsledger")


def test_a_driver_message_over_several_lines_is_one_line():
    # psycopg's "connection refused" spans two lines; the password never shows
    result = run("quotes", "--db", "postgresql://reader:secret@127.0.0.1:1/ledger")
    _one_line_error(result, "cannot open database", "reader:***@")
    assert "secret" not in result.output


def test_entity_types_in_any_case(db, tmp_path):
    from newsledger.ledger.linker import Ledger

    path = str(tmp_path / "typed.db")
    said = "The bridge reopens on Friday."
    start = TEXT.index(said)
    record = Record.from_article(
        Article(id="t000000000000002", source="t.txt", text=TEXT, published="2024-05-01"),
        quotes=[Quote(id="q1", kind="direct", text=said, span=(start, start + len(said)), confidence=0.9,
                      speaker=Speaker(name="Ilona Teller", mention="Ilona Teller", span=(6, 18), entity="e1"))],
        entities=[Entity(id="e1", name="Ilona Teller", type="PERSON", mentions=[Mention(text="Ilona Teller",
                                                                                       span=(6, 18))])])
    with open_store(path) as store:
        store.write([record], ledger=Ledger())
    for command, name in (("entities", "name"), ("speakers", "speaker")):
        upper = json.loads(run(command, "--db", path, "--type", "PERSON", "--format", "json").stdout)
        lower = json.loads(run(command, "--db", path, "--type", " person", "--format", "json").stdout)
        assert [r[name] for r in lower] == [r[name] for r in upper] == ["Ilona Teller"]
        assert json.loads(run(command, "--db", path, "--type", "org", "--format", "json").stdout) == []
    (entity,) = json.loads(run("entities", "--db", path, "--type", "person", "--format", "json").stdout)
    assert (entity["name"], entity["type"], entity["quotes"], entity["first"], entity["last"]) == (
        "Ilona Teller", "PERSON", 1, "2024-05-01", "2024-05-01")


def test_merge_and_split_take_the_database_after_the_subcommand(db, tmp_path):
    missing = tmp_path / "typo.db"
    _one_line_error(run("entities", "merge", "a", "b", "--db", str(missing)), f"no database at {missing}")
    _one_line_error(run("entities", "split", "a", "b", "--db", str(missing)), f"no database at {missing}")
    _one_line_error(run("entities", "merge", "Nobody", "Else", "--db", db), "'Nobody'", "found none")
    assert not missing.exists()


@pytest.mark.parametrize("command", [["ingest"], ["extract"]])
def test_a_bad_publication_date_is_refused_by_option_and_environment(tmp_path, command):
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday.\n", encoding="utf-8")
    db = ["--db", str(tmp_path / "x.db")] if command == ["ingest"] else []
    _one_line_error(run(*command, str(article), *db, "--published", "2024-13-45"), "2024-13-45", "YYYY-MM-DD")
    _one_line_error(run(*command, str(article), *db, env={"NEWSLEDGER_PUBLISHED": "garbage"}), "garbage")
    assert not (tmp_path / "x.db").exists()


def test_export_to_an_unwritable_place_is_one_line(db):
    _one_line_error(run("export", "--db", db, "--format", "csv", "-o", "/proc/nope"), "/proc/nope")


def test_extract_to_an_unwritable_file_is_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday.\n", encoding="utf-8")
    _one_line_error(run("extract", str(article), "-o", str(tmp_path / "no" / "such" / "dir.jsonl")), "dir.jsonl")


def _commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


def test_every_option_has_help_and_help_is_never_cut():
    for path, command in _commands(cli):
        assert command.help, path
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, (path, param.name)
    top = run("--help", env={"COLUMNS": "80"})
    assert "…" not in top.stdout
    for path, command in _commands(cli):
        first = command.help.split("\n\n")[0].split()
        assert " ".join(first) in " ".join(top.stdout.split()) or len(path) > 1, path


def test_settings_show_the_value_in_force_and_never_the_token(tmp_path):
    result = run("settings", "--format", "json", env={"NEWSLEDGER_DB": str(tmp_path / "mine.db"),
                                                      "NEWSLEDGER_TOKEN": "not-for-your-eyes"})
    assert result.exit_code == 0, result.output
    rows = {r["setting"]: r for r in json.loads(result.stdout)}
    assert (rows["db"]["value"], rows["db"]["default"]) == (str(tmp_path / "mine.db"), "newsledger.db")
    assert rows["max_bytes"]["default"] == 5000000 and rows["model"]["default"] is None
    assert rows["token"]["value"] == "(set)" and "not-for-your-eyes" not in result.output
    _one_line_error(run("settings", env={"NEWSLEDGER_WORKERS": "many"}), "NEWSLEDGER_WORKERS", "'many'")


@pytest.mark.parametrize("value,text", [(3000.0, "3000"), (0.99, "0.99"), (["a", None, 2], "a, , 2"),
                                        ({"k": 1}, '{"k": 1}'), ("two\n lines", "two lines"), (None, ""), (True, "True")])
def test_table_cells(value, text):
    from newsledger.cli.output import cell_text

    assert cell_text(value) == text


@pytest.mark.parametrize("args,words", [
    (["articles", "--limit", "-5"], ["--limit", "-5"]),
    (["articles", "--bogus"], ["--bogus"]),
    (["quotes", "--format", "yaml"], ["--format", "yaml"]),
    (["claims", "--status", "maybe"], ["--status", "maybe"]),
])
def test_usage_errors_are_one_line_too(db, args, words):
    _one_line_error(run(args[0], "--db", db, *args[1:]), *words)


def test_an_unopenable_output_file_is_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday and agreed the harbour budget.\n", encoding="utf-8")
    _one_line_error(run("extract", str(article), "-o", str(tmp_path / "no" / "such" / "dir.jsonl")), "dir.jsonl")


@pytest.fixture
def good_bad_good(tmp_path):
    (tmp_path / "1_good.txt").write_text("The mayor of Lorvik said on Monday that the bridge would reopen.\n")
    (tmp_path / "2_bad.txt").write_bytes(b"\x00\x01\x02 not text")
    (tmp_path / "3_good.txt").write_text("The mayor of Tessin said on Monday that the ferry would stop.\n")
    return [str(tmp_path / n) for n in ("1_good.txt", "2_bad.txt", "3_good.txt")]


def test_strict_keeps_what_came_before_the_bad_input(good_bad_good, tmp_path, nlp):  # nlp: the model is cached
    result = run("extract", *good_bad_good, "--strict")
    assert result.exit_code == 1
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [good_bad_good[0]]
    assert [line for line in result.stderr.splitlines() if line.startswith("error:")] == [
        f"error: {good_bad_good[1]}: binary file: NUL byte at offset 0"]
    db = str(tmp_path / "strict.db")
    assert run("ingest", *good_bad_good, "--strict", "--db", db).exit_code == 1
    with open_store(db) as store:
        assert [r["source"] for r in store.execute("SELECT source FROM articles")] == [good_bad_good[0]]


def test_serve_on_a_port_in_use_or_a_host_that_is_none_is_one_line(db):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        _one_line_error(run("serve", "--db", db, "--port", str(port)), f"cannot listen on 127.0.0.1:{port}")
    _one_line_error(run("serve", "--db", db, "--host", "256.1.1.1", "--port", "8765"), "cannot listen on 256.1.1.1")


def test_a_driver_error_over_several_lines_is_one_line():
    _one_line_error(run("articles", "--db", "postgresql://nobody:secret@127.0.0.1:1/none"), "cannot open database",
                    "***")
