#!/usr/bin/env python3
"""Score claims (F1; source, status and quantity accuracy) on gold sets with the reference scorer.

    .venv/bin/python benchmarks/claims.py                         # warnews-dev and the seeds
    .venv/bin/python benchmarks/claims.py --set warnews           # one known set
    .venv/bin/python benchmarks/claims.py --dir PATH [--dir ...]  # any folder with gold/ and texts/
    .venv/bin/python benchmarks/claims.py --errors                # also list unpaired and wrong claims

Each article gets its gold ``published`` date; records are scored by ../shared/tools/score.py
(through ``newsledger.evaluate``), so the figures are the scorer's own.  ``--dir`` takes a
held-out set in the same gold format (for instance war reporting from other outlets,
annotated by the warnews-dev rules): nothing of it needs to be in the repository.
"""

from __future__ import annotations

import argparse
import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
METRICS = ("claims", "claim_source", "claim_status", "claim_quantity")


def _sets(args) -> dict:
    from newsledger.evaluate import GoldSet, known_sets

    known = known_sets(SHARED) if SHARED.is_dir() else {}
    out = {name: known[name] for name in (args.set or ([] if args.dir else ["warnews", "seeds"])) if name in known}
    for d in args.dir or []:
        path = pathlib.Path(d)
        out[path.name] = GoldSet(path.name, path / "gold", path / "texts")
    return out


def _errors(gold_set, records) -> None:
    spec = importlib.util.spec_from_file_location("score", SHARED / "tools" / "score.py")
    sc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sc)  # type: ignore[union-attr]
    for (path, gold), rec in zip(gold_set.items(), records):
        pred = rec.to_dict()["claims"]
        pairs = sc.pair(gold["claims"], pred, sc.text_of, 0.5)
        paired_g, paired_p = {id(g) for g, _ in pairs}, {id(p) for _, p in pairs}
        print(f"-- {path.name}")
        for g, p in pairs:
            src_ok = sc.same_entity(sc.name_of(p.get("source")), g.get("source"), gold.get("entities", []))
            if not src_ok or p["status"] != g["status"]:
                print(f"   wrong  {p['text'][:90]!r}: source {sc.name_of(p.get('source'))!r} / {g.get('source')!r}, "
                      f"status {p['status']} / {g['status']}")
        for g in gold["claims"]:
            if id(g) not in paired_g:
                print(f"   missed {g['text'][:100]!r}")
        for p in pred:
            if id(p) not in paired_p:
                print(f"   extra  {p['text'][:100]!r}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", help="a known gold set under ../shared (warnews, seeds, ...)")
    ap.add_argument("--dir", action="append", help="a folder holding gold/ and texts/")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args(argv)
    from newsledger.evaluate import predict, score
    from newsledger.extract import build_pipeline

    nlp = build_pipeline()
    print(f"{'set':12s} {'claims P':>8s} {'R':>6s} {'F1':>6s} {'source':>7s} {'status':>7s} {'quantity':>8s}  n")
    for name, gold_set in _sets(args).items():
        records = predict(gold_set, nlp)
        res = score(gold_set, records, SHARED / "tools" / "score.py")
        c = res["claims"]
        acc = [res[m]["accuracy"] for m in METRICS[1:]]
        cells = " ".join(f"{a:7.3f}" if a is not None else "    n/a" for a in acc)
        print(f"{name:12s} {c['p']:8.3f} {c['r']:6.3f} {c['f1']:6.3f} {cells}  {c['gold']} gold, {c['pred']} found")
        if args.errors:
            _errors(gold_set, records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
