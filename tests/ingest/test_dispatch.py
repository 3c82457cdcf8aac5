"""read_inputs / iter_files: dispatch by extension, directory walks, order, stdin."""

from __future__ import annotations

import io
import json

from _ingest_helpers import ARTICLE, page, write_warc

from newsledger.errors import InputError, NotFound
from newsledger.ingest import format_of, iter_files, read_inputs


def test_format_of():
    assert format_of("a/b.TXT") == "text"
    assert format_of("notes.md") == "text"
    assert format_of("x.text") == "text"
    assert format_of("p.xhtml") == "html"
    assert format_of("p.htm") == "html"
    assert format_of("f.ndjson") == "jsonl"
    assert format_of("f.jsonl.gz") == "jsonl"
    assert format_of("c.warc.gz") == "warc"
    assert format_of("c.arc.gz") == "warc"
    assert format_of("c.gz") is None
    assert format_of("x.meta.json") is None


def test_directory_walk(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(ARTICLE)
    (tmp_path / "a.html").write_text(page())
    (tmp_path / "a.meta.json").write_text("{}")
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(ARTICLE)
    (tmp_path / "README.md").write_text("# corpus notes")
    (tmp_path / "build.py").write_text("print('hi')")
    (tmp_path / "noext").write_text(ARTICLE)
    (tmp_path / "c.jsonl").write_text(json.dumps({"text": ARTICLE}) + "\n")
    found = list(iter_files([str(tmp_path)]))
    assert found == [str(tmp_path / n) for n in ("a.html", "c.jsonl", "noext", "b/z.txt")]
    # explicit files are passed through whatever they are; "-" too
    assert list(iter_files(["-", str(tmp_path / "README.md")])) == ["-", str(tmp_path / "README.md")]


def test_mixed_batch_in_order(tmp_path, settings):
    (tmp_path / "one.txt").write_text(ARTICLE)
    (tmp_path / "two.htm").write_text(page())
    (tmp_path / "three.jsonl").write_text(json.dumps({"text": ARTICLE + "More.\n"}) + "\n")
    write_warc(tmp_path / "four.warc.gz", [("https://example.org/w", page("Warc page").encode())])
    paths = [str(tmp_path / n) for n in ("one.txt", "two.htm", "three.jsonl", "four.warc.gz")]
    results = list(read_inputs([*paths, str(tmp_path / "missing.txt"), "-"], settings, stdin=io.StringIO(ARTICLE)))
    assert [getattr(r, "format", None) for r in results] == ["text", "html", "jsonl", "warc", None, "text"]
    assert isinstance(results[4], NotFound) and "missing.txt" in str(results[4])
    assert results[5].source == "<stdin>"


def test_errors_are_values_never_raised(tmp_path, settings):
    results = list(read_inputs([str(tmp_path / "nope"), str(tmp_path)], settings))
    assert len(results) == 1 and isinstance(results[0], InputError)


def test_same_text_same_id(tmp_path, settings):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE)
    a, b = read_inputs([str(tmp_path)], settings)
    assert a.id == b.id and a.source != b.source
