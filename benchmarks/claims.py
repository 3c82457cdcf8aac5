#!/usr/bin/env python3
"""Score claims (F1; source, status and quantity accuracy) on gold sets with the reference scorer.

    .venv/bin/python benchmarks/claims.py                         # warnews-dev and the seeds
    .venv/bin/python benchmarks/claims.py --set warnews           # one known set
    .venv/bin/python benchmarks/claims.py --dir PATH [--dir ...]  # any folder with gold/ and texts/
    .venv/bin/python benchmarks/claims.py --errors                # also list unpaired and wrong claims
    .venv/bin/python benchmarks/claims.py --speed [--set polnear]   # cost of the claims component

Each article gets its gold ``published`` date; records are scored by ../shared/tools/score.py
(through ``newsledger.evaluate``), so the figures are the scorer's own.  ``--dir`` takes a
held-out set in the same gold format (for instance war reporting from other outlets,
annotated by the warnews-dev rules): nothing of it needs to be in the repository.

``--speed`` runs the whole pipeline with and without ``newsledger_claims_v1`` over the same
texts, alternated in one process, best of three CPU times, and prints the ratio (the baseline is
every other component).
"""

from __future__ import annotations

import argparse
import importlib.util
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from timing import best_pipe_time  # noqa: E402

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


def speed(nlp, gold_sets, repeat: int = 3) -> None:
    texts = [path.read_text(encoding="utf-8") for g in gold_sets for path, _ in g.items()]
    words = sum(len(t.split()) for t in texts)

    best_pipe_time(nlp, texts, (), 1)  # warm-up
    base = full = float("inf")
    for _ in range(repeat):  # alternated, so load from other processes falls on both alike
        base = min(base, best_pipe_time(nlp, texts, ["newsledger_claims_v1"], 1, clock=time.process_time))
        full = min(full, best_pipe_time(nlp, texts, (), 1, clock=time.process_time))
    print(f"speed (CPU time): {len(texts)} articles, {words} words; without claims {base:.2f}s, with claims {full:.2f}s: "
          f"claims add {100 * (full - base) / base:.1f}% (ratio {full / base:.3f})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", help="a known gold set under ../shared (warnews, seeds, ...)")
    ap.add_argument("--dir", action="append", help="a folder holding gold/ and texts/")
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--speed", action="store_true", help="time the claims component against the rest")
    args = ap.parse_args(argv)
    from newsledger.evaluate import predict, score
    from newsledger.extract import build_pipeline

    nlp = build_pipeline()
    if args.speed:
        speed(nlp, list(_sets(args).values()))
        return 0
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
