"""Score newsledger against gold sets in the ``shared/gold`` format.

A gold set is a folder of ``<stem>.json`` annotations plus the article texts
they name (``"file"``).  Each article is extracted with its gold publication
date as metadata (as a feed would give it), and the records are scored with
the reference scorer ``score.py`` of the shared tools, so our figures are the
same numbers anyone else gets from that script.
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
import tempfile
from dataclasses import dataclass
from typing import Iterator, Optional

from .ingest.article import make_article
from .records import Record

__all__ = ["GoldSet", "known_sets", "predict", "score", "METRICS"]

METRICS = ("quotes", "attributed", "times", "time_values", "claims")
ACCURACIES = ("speaker_given_match", "claim_source", "claim_status", "claim_quantity")


@dataclass(frozen=True)
class GoldSet:
    name: str
    gold_dir: pathlib.Path
    texts_dir: pathlib.Path

    def items(self, limit: Optional[int] = None) -> Iterator[tuple[pathlib.Path, dict]]:
        for i, path in enumerate(sorted(self.gold_dir.glob("*.json"))):
            if limit is not None and i >= limit:
                break
            gold = json.loads(path.read_text(encoding="utf-8"))
            yield self.texts_dir / gold["file"], gold


def known_sets(shared: pathlib.Path) -> dict[str, GoldSet]:
    """The gold sets present under a ``shared`` folder."""
    data = shared / "data"
    candidates = {
        "seeds": GoldSet("seeds", shared / "gold", shared / "seeds"),
        "warnews": GoldSet("warnews", data / "warnews-dev" / "gold", data / "warnews-dev" / "texts"),
        "polnear": GoldSet("polnear", data / "polnear-dev" / "gold", data / "polnear-dev" / "texts"),
        "meantime": GoldSet("meantime", data / "meantime" / "gold", data / "meantime" / "texts"),
        "timebank": GoldSet("timebank", data / "timebank" / "gold", data / "timebank" / "texts"),
    }
    return {k: v for k, v in candidates.items() if v.gold_dir.is_dir() and v.texts_dir.is_dir()}


def predict(gold_set: GoldSet, nlp, limit: Optional[int] = None, batch_size: int = 16) -> list[Record]:
    from .extract import extract_records

    articles = [
        make_article(path.read_text(encoding="utf-8"), source=str(path), metadata={"published": gold.get("published")})
        for path, gold in gold_set.items(limit)
    ]
    return list(extract_records(articles, nlp, batch_size=batch_size))


def _scorer(path: pathlib.Path):
    spec = importlib.util.spec_from_file_location("newsledger_reference_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def score(gold_set: GoldSet, records: list[Record], scorer_path: pathlib.Path, limit: Optional[int] = None) -> dict:
    """Run the reference scorer over ``records``; returns its JSON result."""
    import contextlib
    import io

    with tempfile.TemporaryDirectory() as tmp:
        gold_dir = pathlib.Path(tmp) / "gold"
        gold_dir.mkdir()
        for path, gold in gold_set.items(limit):  # only the articles that were predicted
            (gold_dir / f"{path.stem}.json").write_text(json.dumps(gold), encoding="utf-8")
        pred = pathlib.Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            _scorer(scorer_path).main([str(gold_dir), str(pred), "--json"])
        return json.loads(out.getvalue())


def table(results: dict[str, dict]) -> list[dict]:
    """One row per (set, metric) for printing."""
    rows = []
    for name, res in results.items():
        for m in METRICS:
            r = res[m]
            if r["gold"]:  # a set that does not annotate this kind of item says nothing about it
                rows.append({"set": name, "metric": m, "p": r["p"], "r": r["r"], "f1": r["f1"],
                             "tp": r["tp"], "pred": r["pred"], "gold": r["gold"]})
        for m in ACCURACIES:
            r = res[m]
            if r["n"]:
                rows.append({"set": name, "metric": m, "accuracy": r["accuracy"], "n": r["n"]})
    return rows
