"""Every kind of bad input in a batch: the right error class, naming the file, and the good inputs still come through."""

from __future__ import annotations

import json

import pytest
from _ingest_helpers import ARTICLE, articles, errors, page, write_warc

from newsledger.errors import (
    BinaryInput, EmptyInput, InputTooLarge, MalformedJSONL, MalformedMetadata, MalformedWARC, NotFound,
    UndecodableInput,
)
from newsledger.ingest import read_inputs


def _truncated_warc(path):
    write_warc(path, [(f"https://example.org/{i}", page(f"Story {i}").encode()) for i in range(3)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 150])


def _bad_sidecar(path):
    path.write_text(ARTICLE + "Sidecar case.\n")
    path.with_name(path.stem + ".meta.json").write_text('{"published": ')


CASES = {
    "binary": ("bad.txt", lambda p: p.write_bytes(b"GIF89a\x00\x01\x00\x01" * 20), BinaryInput),
    "empty": ("bad.txt", lambda p: p.write_text(" \n \n"), EmptyInput),
    "undecodable": ("bad.txt", lambda p: p.write_bytes(bytes(range(0x80, 0x100)) * 3), UndecodableInput),
    "too-large": ("bad.txt", lambda p: p.write_text("word " * 2000), InputTooLarge),
    "missing": ("bad.txt", lambda p: None, NotFound),
    "jsonl-line": ("bad.jsonl", lambda p: p.write_text('{"text": "broken\n'), MalformedJSONL),
    "warc": ("bad.warc.gz", _truncated_warc, MalformedWARC),
    "sidecar": ("bad.txt", _bad_sidecar, MalformedMetadata),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_in_a_batch(case, tmp_path, settings):
    name, make, error_class = CASES[case]
    good_before = tmp_path / "a_good.txt"
    good_before.write_text(ARTICLE)
    bad = tmp_path / name
    make(bad)
    good_after = tmp_path / "z_good.jsonl"
    good_after.write_text(json.dumps({"text": ARTICLE + "From the feed.\n"}) + "\n")

    results = list(read_inputs([str(good_before), str(bad), str(good_after)], settings.replace(max_bytes=5000)))
    errs = errors(results)
    assert len(errs) == 1, errs
    assert isinstance(errs[0], error_class)
    assert str(bad) in str(errs[0])
    assert errs[0].to_dict()["code"] == error_class.code
    sources = [a.source for a in articles(results)]
    assert sources[0] == str(good_before)
    assert sources[-1] == f"{good_after}:1"


def test_cp1252_is_not_an_error(tmp_path, settings):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("The envoy\u2019s r\u00e9sum\u00e9 was read aloud in the caf\u00e9, officials said.\n".encode("cp1252"))
    (article,) = read_inputs([str(legacy)], settings)
    assert "r\u00e9sum\u00e9" in article.text
