"""HTML reader: trafilatura text and metadata."""

from __future__ import annotations

from _ingest_helpers import page

from newsledger.errors import BinaryInput, MalformedHTML
from newsledger.ingest import read_inputs
from newsledger.ingest.html import extract_html, looks_like_html
from newsledger.records import check_spans


def test_page_text_and_metadata(tmp_path, settings):
    path = tmp_path / "breakwater.html"
    path.write_text(page(), encoding="utf-8")
    (article,) = read_inputs([str(path)], settings)
    assert article.format == "html"
    assert article.title == "Breakwater closed after storm damage"
    assert article.author == "Nadia Ferrant"
    assert article.publisher == "The Harbour Times"
    assert (article.published, article.published_from) == ("2023-06-05", "metadata")
    lines = article.text.splitlines()
    assert any(line.startswith("The harbour authority confirmed on Sunday") for line in lines)
    assert any(line.startswith("'We cannot let people walk") for line in lines)
    assert "Sport" not in article.text and "Copyright" not in article.text  # navigation, footer
    assert check_spans(article) == []


def test_page_without_date_falls_back(tmp_path, settings):
    html = page().replace('<meta property="article:published_time" content="2023-06-05T08:00:00Z">', "")
    path = tmp_path / "nodate.htm"
    path.write_text(html, encoding="utf-8")
    (article,) = read_inputs([str(path)], settings.replace(published="2023-06-09"))
    assert (article.published, article.published_from) == ("2023-06-09", "option")


def test_no_text_is_malformed(tmp_path, settings):
    path = tmp_path / "empty-page.html"
    path.write_text("<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    (err,) = read_inputs([str(path)], settings)
    assert isinstance(err, MalformedHTML)
    assert str(path) in str(err)


def test_binary_html_is_refused():
    assert isinstance(extract_html(b"\x89PNG\r\n\x1a\n\x00\x00", "img.html"), BinaryInput)


def test_sniffing():
    assert looks_like_html(b"\n  <!DOCTYPE html><html>")
    assert looks_like_html(b"<html lang='en'>")
    assert not looks_like_html(b"The <html> tag opens a page.")


def test_unknown_extension_is_sniffed(tmp_path, settings):
    (tmp_path / "page.dat").write_text(page(), encoding="utf-8")
    (tmp_path / "note.dat").write_text("A short plain note about the harbour, with no markup at all.\n")
    results = list(read_inputs([str(tmp_path / "page.dat"), str(tmp_path / "note.dat")], settings))
    assert [a.format for a in results] == ["html", "text"]
