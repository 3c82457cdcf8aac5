"""Text no store can hold (lone surrogates, NUL and control characters) is refused by every reader with a
reason naming the source, in the text and in metadata, and the batch goes on (issue 15, case 2)."""

from __future__ import annotations

import io
import json

import pytest
from _ingest_helpers import ARTICLE, articles, errors, page

from newsledger.errors import BinaryInput, UndecodableInput
from newsledger.ingest import read_inputs
from newsledger.ingest.article import make_article, text_problem
from newsledger.ingest.text import read_text_stream


def _jsonl(path, *raw_lines: str):
    path.write_text("".join(line + "\n" for line in raw_lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("line,error,words", [
    ('{"text": "The council met \\ud800 on Monday and voted."}', UndecodableInput, ["surrogate", "U+D800"]),
    ('{"text": "The council met \\udfff"}', UndecodableInput, ["surrogate", "U+DFFF"]),
    ('{"html": "<html><body><p>The council met \\ud83d on Monday to vote on the harbour plan.</p></body></html>"}',
     UndecodableInput, ["HTML", "surrogate"]),
    ('{"text": "The council met on Monday.", "title": "Vote \\udc80 today"}', UndecodableInput, ["'title'", "surrogate"]),
    ('{"text": "The council met\\u0000 on Monday."}', BinaryInput, ["NUL"]),
    ('{"text": "The council met on Monday.", "author": "A\\u0000B"}', BinaryInput, ["'author'", "NUL"]),
    ('{"text": "\\u0001\\u0002\\u0003\\u0004 met"}', BinaryInput, ["control characters"]),
])
def test_jsonl_line_with_text_no_store_can_hold(tmp_path, settings, line, error, words):
    path = _jsonl(tmp_path / "feed.jsonl", json.dumps({"text": ARTICLE}), line, json.dumps({"text": ARTICLE + "More.\n"}))
    results = list(read_inputs([str(path)], settings))
    (err,) = errors(results)
    assert isinstance(err, error) and str(err).startswith(f"{path}:2: ")
    assert all(w in str(err) for w in words), str(err)
    assert [a.source for a in articles(results)] == [f"{path}:1", f"{path}:3"]


def test_a_valid_pair_of_surrogates_is_one_character_and_fine(tmp_path, settings):
    path = _jsonl(tmp_path / "feed.jsonl", '{"text": "The crowd cheered \\ud83d\\ude00 when the bridge reopened."}')
    (article,) = read_inputs([str(path)], settings)
    assert "\U0001F600" in article.text


def test_stdin_as_text_with_a_lone_surrogate(settings):
    stream = io.StringIO("The council met \udcff on Monday, officials said.\n")  # as surrogateescape decodes bad bytes
    (err,) = read_text_stream(stream, settings)
    assert isinstance(err, UndecodableInput) and err.source == "<stdin>"


def test_nul_past_the_binary_sniffing_window_is_still_refused(tmp_path, settings):
    path = tmp_path / "long.txt"
    path.write_bytes((ARTICLE * 800).encode() + b"\x00 trailing")
    (err,) = read_inputs([str(path)], settings)
    assert isinstance(err, BinaryInput) and "NUL" in str(err)


def test_html_file_whose_text_comes_out_clean_is_kept(tmp_path, settings):
    path = tmp_path / "page.html"
    path.write_text(page(), encoding="utf-8")
    (article,) = read_inputs([str(path)], settings)
    assert text_problem(article.text, "x") is None


def test_make_article_raises_the_input_error_instead_of_a_unicode_error():
    with pytest.raises(UndecodableInput, match="surrogate"):
        make_article("bad \ud800 text", "mem")
    assert text_problem("tabs\tand\r\nnewlines\x0c and escapes \x1b are text", "x") is None
