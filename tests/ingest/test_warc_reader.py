"""WARC reader: HTML responses become articles, the rest is skipped, breaks are reported."""

from __future__ import annotations

from _ingest_helpers import articles, errors, page, write_warc

from newsledger.errors import InputTooLarge, MalformedWARC
from newsledger.ingest import read_inputs
from newsledger.ingest.warc import archive_iterator


def _pages(n=3):
    return [(f"https://example.org/story/{i}", page(f"Storm story number {i}").encode()) for i in range(n)]


def test_html_responses_only(tmp_path, settings):
    path = write_warc(tmp_path / "crawl.warc.gz", _pages(2), extra=[
        ("https://example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://example.org/old", "404 Not Found", "text/html", page().encode()),
        ("https://example.org/robots.txt", "200 OK", "text/plain", b"User-agent: *\n"),
    ])
    results = list(read_inputs([str(path)], settings))
    assert errors(results) == []
    assert [a.url for a in results] == ["https://example.org/story/0", "https://example.org/story/1"]
    for a in results:
        assert a.format == "warc"
        assert a.source.startswith(f"{path}@")
        assert a.published == "2023-06-05"  # from the page, never from WARC-Date
    assert results[0].title == "Storm story number 0"


def test_warc_date_is_not_publication_date(tmp_path, settings):
    html = page().replace('<meta property="article:published_time" content="2023-06-05T08:00:00Z">', "").encode()
    path = write_warc(tmp_path / "nodate.warc", [("https://example.org/x", html)], gzip=False)
    (article,) = read_inputs([str(path)], settings)
    assert article.published is None and article.published_from is None


def test_truncated_gzip_warc(tmp_path, settings):
    path = write_warc(tmp_path / "crawl.warc.gz", _pages(3))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    results = list(read_inputs([str(path)], settings))
    assert [a.url for a in articles(results)] == ["https://example.org/story/0", "https://example.org/story/1"]
    assert isinstance(results[-1], MalformedWARC)
    assert str(path) in str(results[-1]) and "offset" in str(results[-1])


def test_truncated_plain_warc(tmp_path, settings):
    path = write_warc(tmp_path / "crawl.warc", _pages(3), gzip=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 300])
    results = list(read_inputs([str(path)], settings))
    assert len(articles(results)) == 2
    assert isinstance(results[-1], MalformedWARC) and str(path) in str(results[-1])


def test_not_a_warc(tmp_path, settings):
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n" * 5)
    (err,) = read_inputs([str(path)], settings)
    assert isinstance(err, MalformedWARC) and str(path) in str(err)


def test_record_over_max_bytes(tmp_path, settings):
    big = page().replace("</article>", "<p>" + "More words about the storm. " * 300 + "</p></article>").encode()
    path = write_warc(tmp_path / "crawl.warc.gz", [("https://example.org/big", big), *_pages(1)])
    results = list(read_inputs([str(path)], settings.replace(max_bytes=len(big) - 1)))
    assert isinstance(results[0], InputTooLarge) and str(path) in str(results[0])
    assert [a.url for a in articles(results)] == ["https://example.org/story/0"]


def _damage(path, at: int, garbage: bytes) -> None:
    data = bytearray(path.read_bytes())
    data[at:at + len(garbage)] = garbage
    path.write_bytes(bytes(data))


def test_a_record_damaged_in_the_middle_costs_that_record_only(tmp_path, settings):
    """gzip: the damaged member is skipped, reading resumes at the next member that opens a record."""
    path = write_warc(tmp_path / "crawl.warc.gz", _pages(5))
    with open(path, "rb") as fh:
        it = archive_iterator(fh)
        members = [it.get_record_offset() for _ in it]  # request, response, request, response...
    _damage(path, members[5] + 10, bytes((i * 37 + 11) % 256 for i in range(60)))  # the third page (a response)
    results = list(read_inputs([str(path)], settings))
    assert [a.url for a in articles(results)] == [f"https://example.org/story/{i}" for i in (0, 1, 3, 4)]
    (err,) = errors(results)
    assert isinstance(err, MalformedWARC) and str(err).startswith(f"{path}@")
    assert str(err).startswith(f"{path}@{members[5]}: ") and f"next record at offset {members[6]}" in str(err)
    assert len(str(err)) < 200 and "\\x" not in str(err)


def test_a_plain_record_with_a_wrong_length_costs_that_record_only(tmp_path, settings):
    path = write_warc(tmp_path / "crawl.warc", _pages(5), gzip=False)
    data = path.read_bytes()
    third = data.index(b"WARC-Type: response", data.index(b"story/2"))
    at = data.index(b"Content-Length: ", third)
    path.write_bytes(data[:at] + b"Content-Length: 999999x" + data[data.index(b"\r\n", at):])
    results = list(read_inputs([str(path)], settings))
    assert [a.url for a in articles(results)] == [f"https://example.org/story/{i}" for i in (0, 1, 3, 4)]
    (err,) = errors(results)
    assert isinstance(err, MalformedWARC) and len(str(err)) < 200 and "\n" not in str(err)


def test_warcio_writes_nothing_of_its_own_to_stderr(tmp_path, settings, capfd):
    path = write_warc(tmp_path / "crawl.warc", _pages(3), gzip=False)
    data = path.read_bytes()
    at = data.index(b"Content-Length: ", data.index(b"WARC-Type: response", data.index(b"story/1")))
    path.write_bytes(data[:at] + b"Content-Length: 10" + data[data.index(b"\r\n", at):])
    list(read_inputs([str(path)], settings))
    assert capfd.readouterr().err == ""
