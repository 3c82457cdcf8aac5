"""Plain-text reader: decoding, exact text, sidecars, stdin."""

from __future__ import annotations

import codecs
import io

from _ingest_helpers import ARTICLE, articles, errors

from newsledger.errors import BinaryInput, EmptyInput, UndecodableInput
from newsledger.ingest import read_inputs
from newsledger.ingest.text import decode_text
from newsledger.records import check_spans


def test_utf8_text_is_kept_exactly(tmp_path, settings):
    path = tmp_path / "story.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    (article,) = read_inputs([str(path)], settings)
    assert article.text == ARTICLE
    assert article.source == str(path)
    assert article.format == "text"
    assert [b.kind for b in article.boilerplate] == ["advert", "topics"]
    assert article.topics == ["Transport", "Weather"]
    assert check_spans(article) == []


def test_crlf_and_spacing_are_not_normalised(tmp_path, settings):
    text = "First paragraph,  with two spaces.\r\nSecond paragraph.\r\n\r\nThird.\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    (article,) = read_inputs([str(path)], settings)
    assert article.text == text


def test_utf8_bom_is_not_part_of_the_text(tmp_path, settings):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    (article,) = read_inputs([str(path)], settings)
    assert article.text == ARTICLE
    assert not article.text.startswith("\ufeff")


def test_utf16_with_bom_is_decoded(tmp_path, settings):
    path = tmp_path / "wide.txt"
    path.write_bytes(ARTICLE.encode("utf-16"))
    (article,) = read_inputs([str(path)], settings)
    assert article.text == ARTICLE


def test_cp1252_text_is_detected(tmp_path, settings):
    text = ("The minister\u2019s caf\u00e9 in the old town was closed, the r\u00e9sum\u00e9 said.\n"
            "\u201cWe will not give up,\u201d said the d\u00e9put\u00e9 from the coast, d\u00e9j\u00e0 tired.\n")
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    (article,) = read_inputs([str(path)], settings)
    assert article.text == text


def test_cyrillic_cp1251_is_detected():
    text = "Министр обороны заявил журналистам, что город будет защищён любой ценой.\n"
    assert decode_text(text.encode("cp1251"), "x.txt") == text


def test_undecodable_bytes_are_refused():
    data = bytes(range(0x80, 0x100)) * 4
    err = decode_text(data, "noise.txt")
    assert isinstance(err, UndecodableInput)
    assert "noise.txt" in str(err) and "UTF-8" in str(err)


def test_binary_and_empty(tmp_path, settings):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "b.txt").write_bytes(b"   \n\t\n")
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "d.txt").write_text(ARTICLE, encoding="utf-8")
    results = list(read_inputs([str(tmp_path)], settings))
    errs = errors(results)
    assert [type(e) for e in errs] == [BinaryInput, EmptyInput, EmptyInput]
    assert [a.source for a in articles(results)] == [str(tmp_path / "d.txt")]


def test_stdin_text_and_bytes(settings):
    (a,) = read_inputs(["-"], settings, stdin=io.StringIO(ARTICLE))
    assert a.text == ARTICLE and a.source == "<stdin>"

    class Binary:
        buffer = io.BytesIO(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))

    (b,) = read_inputs(["-"], settings, stdin=Binary())
    assert b.text == ARTICLE


def test_stdin_empty(settings):
    (err,) = read_inputs(["-"], settings, stdin=io.StringIO("  \n"))
    assert isinstance(err, EmptyInput) and "<stdin>" in str(err)


def test_published_option_is_a_fallback(tmp_path, settings):
    path = tmp_path / "story.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (article,) = read_inputs([str(path)], settings.replace(published="2023-01-02"))
    assert (article.published, article.published_from) == ("2023-01-02", "option")
