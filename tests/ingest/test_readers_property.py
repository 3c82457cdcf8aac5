"""Property: every reader takes any bytes without an exception escaping: it yields Articles whose text any
store can hold (boilerplate spans slicing it, the id its hash) or InputErrors naming the source
(issue 15, Deliver 4)."""

from __future__ import annotations

import io
import json
import pathlib
import tempfile

from _ingest_helpers import ARTICLE, page, write_warc
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.errors import ConfigError, InputError
from newsledger.ingest import read_inputs
from newsledger.ingest.article import article_id, text_problem
from newsledger.ingest.pubdate import infer_from_text, normalise_date
from newsledger.ingest.sidecar import parse_sidecar
from newsledger.ingest.text import read_text_stream
from newsledger.records import Article
from newsledger.settings import Settings, check_day

SETTINGS = Settings(max_bytes=20_000)
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXTISH = st.one_of(
    st.binary(max_size=600),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([ARTICLE, page()]).map(str.encode),
    st.builds(lambda a, b, cut: (a.encode() + b)[:cut], st.sampled_from([ARTICLE, page()]), st.binary(max_size=50),
              st.integers(0, 3000)),
)


def _check(results, path: str) -> None:
    for item in results:
        if isinstance(item, InputError):
            assert str(item).startswith(item.source) and item.source.startswith(path)
            assert "\n" not in str(item) and len(str(item)) < 400
        else:
            assert isinstance(item, Article)
            assert text_problem(item.text, "x") is None and item.text.strip()
            assert item.id == article_id(item.text)
            for b in item.boilerplate:
                assert item.text[b.span[0]:b.span[1]] == b.text
            if item.published is not None:
                assert normalise_date(item.published) == item.published


def _read(name: str, data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = f"{folder}/{name}"
        with open(path, "wb") as fh:
            fh.write(data)
        results = list(read_inputs([path], SETTINGS))
        _check(results, path)
        return results


@FAST
@given(data=TEXTISH, name=st.sampled_from(["a.txt", "a.html", "a.md", "noext", "a.jsonl", "a.warc"]))
def test_any_bytes_in_any_reader(data, name):
    _read(name, data)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=30),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=10)
FIELDS = st.fixed_dictionaries({}, optional={k: JSON | st.text(max_size=200) for k in
                                             ("text", "html", "url", "title", "published", "publisher", "author", "id")})


@FAST
@given(lines=st.lists(st.one_of(FIELDS.map(json.dumps), JSON.map(json.dumps), st.text(max_size=40),
                                st.just('{"text": "The council met \\ud800 today."}')), max_size=6))
def test_any_feed_lines(lines):
    _read("feed.jsonl", "\n".join(lines).encode("utf-8", "surrogatepass"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cuts=st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 300), st.binary(max_size=40)), max_size=3),
       gz=st.booleans())
def test_a_damaged_archive_never_raises(cuts, gz):
    with tempfile.TemporaryDirectory() as folder:
        path = write_warc(pathlib.Path(folder) / ("c.warc.gz" if gz else "c.warc"),
                          [(f"https://example.org/{i}", page(f"Story {i} of the harbour").encode()) for i in range(3)],
                          gzip=gz)
        raw = path.read_bytes()
        for at, drop, insert in cuts:  # cut bytes out and put others in, anywhere
            at = at % (len(raw) + 1)
            raw = raw[:at] + insert + raw[at + drop:]
        _read(path.name, raw)


@FAST
@given(st.text(max_size=300))
def test_any_text_on_stdin(text):
    _check(list(read_text_stream(io.StringIO(text), SETTINGS)), "<stdin>")


@FAST
@given(st.binary(max_size=300) | FIELDS.map(json.dumps).map(str.encode))
def test_any_sidecar(raw):
    meta, problem = parse_sidecar(raw, "a.meta.json", "a.txt")
    assert isinstance(meta, dict) and all(isinstance(v, str) for v in meta.values())
    assert problem is None or str(problem).startswith("a.meta.json: ")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), st.dates().map(str), st.datetimes().map(str), st.integers()))
def test_dates_in_any_form(value):
    out = normalise_date(value)
    assert out is None or normalise_date(out) == out
    try:
        assert check_day(str(value), "date") in (None, str(value).strip())
    except ConfigError as exc:
        assert "YYYY-MM-DD" in str(exc)
    found = infer_from_text(str(value))
    assert found is None or normalise_date(found) == found
