"""The small public API: everything in __all__ exists, and the documented example runs."""

from __future__ import annotations

import newsledger


def test_all_names_resolve():
    for name in newsledger.__all__:
        assert getattr(newsledger, name) is not None, name


def test_documented_example(nlp, tmp_path):
    (tmp_path / "a.txt").write_text("The mayor said the bridge would reopen on Friday.\n", encoding="utf-8")
    records = list(newsledger.extract_records(newsledger.read_articles([str(tmp_path)]), nlp))
    assert len(records) == 1
    assert records[0].quotes and records[0].quotes[0].text == "the bridge would reopen on Friday"
