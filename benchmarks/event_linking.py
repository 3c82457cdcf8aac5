"""Event linking across articles on MEANTIME: B³ of our ledger events against the corpus's cross-document
event annotation, beside an exact-trigger baseline.

    python benchmarks/event_linking.py [--shared ../shared] [--limit N]

MEANTIME links event mentions across its documents (EVENT instances with a cross-document id).  We run
the full pipeline on each article, store the records with the ledger linker in a temporary SQLite store,
and score over the gold event mentions our event triggers find (a trigger overlapping the gold mention):

- ours: the ledger event of the event mention whose trigger it is;
- baseline: mentions whose triggers are written alike (lower case) are one event, across all documents.

B³ as in ``entity_linking.py``, with merge precision (pairs wrongly joined / pairs joined).  Gold
mentions need a cross-document id (``instance_id`` on each gold event); a gold file that gives none is
reported and left out, and with none at all there is nothing to score.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from entity_linking import b_cubed, ledger_links, wrong_joins  # noqa: E402
from newsledger.evaluate import known_sets, predict  # noqa: E402
from newsledger.extract import build_pipeline  # noqa: E402


def linked(golds: dict) -> int:
    return sum(1 for g in golds.values() for e in g.get("events", []) if e.get("instance_id"))


def collect(records: list, golds: dict, ledger_of: dict) -> tuple[dict, dict, dict, int]:
    gold, ours, base, total = {}, {}, {}, 0
    for rec in records:
        stem = pathlib.Path(rec.source).stem
        triggers = [(e.trigger.span, e) for e in rec.events]
        for gm in golds[stem].get("events", []):
            if not gm.get("instance_id"):
                continue
            total += 1
            s, e = gm["span"]
            hit = next((ev for (ts, te), ev in triggers if ts < e and s < te), None)
            if hit is None:
                continue
            key = (stem, s, e)
            gold[key] = gm["instance_id"]
            ours[key] = ledger_of.get((rec.id, hit.id)) or f"{stem}#{hit.id}"
            base[key] = hit.trigger.text.lower()
    return gold, ours, base, total


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--limit", type=int, default=None)
    a = ap.parse_args(argv)
    sets = known_sets(pathlib.Path(a.shared))
    if "meantime" not in sets:
        print(f"MEANTIME not found under {a.shared}: nothing to measure")
        return 0
    golds = {path.stem: gold for path, gold in sets["meantime"].items(a.limit)}
    if not linked(golds):
        events = sum(len(g.get("events", [])) for g in golds.values())
        print(f"MEANTIME under {a.shared}: {events} gold event mentions in {len(golds)} documents, none with a "
              "cross-document instance id (the conversion kept each mention's class and lemma only): "
              "cross-document event linking cannot be scored on this copy")
        return 0
    records = predict(sets["meantime"], build_pipeline(), limit=a.limit)
    ledger_of = ledger_links(records, "events", "ledger_event")
    gold, ours, base, total = collect(records, golds, ledger_of)
    print(f"gold event mentions with a cross-document id {total}; found by our triggers {len(gold)}")
    result = {"ours": {**b_cubed(gold, ours), "merge": wrong_joins(gold, ours)},
              "exact_trigger": {**b_cubed(gold, base), "merge": wrong_joins(gold, base)}}
    for name, r in result.items():
        print(f"{name:14s} B³ P {r['p']:.3f} R {r['r']:.3f} F1 {r['f1']:.3f}   pairs wrongly joined "
              f"{r['merge']['pairs_wrong']}/{r['merge']['pairs_joined']}")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
