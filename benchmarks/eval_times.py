#!/usr/bin/env python3
"""Score time expressions and claims on the seeds and MEANTIME, and time their cost.

    .venv/bin/python benchmarks/eval_times.py                 # seeds + meantime scores
    .venv/bin/python benchmarks/eval_times.py --set meantime  # one set
    .venv/bin/python benchmarks/eval_times.py --speed         # cost of times+claims vs the rest

Each article gets its gold ``published`` date.  Predictions are written as
JSONL next to a temporary directory and scored with ../shared/tools/score.py,
so the figures are the scorer's own.  ``--speed`` runs the pipeline with and
without the times and claims components over the same texts, in one run, and
prints the ratio (baseline: everything else the pipeline does).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from timing import best_pipe_time  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "seeds": (SHARED / "seeds", SHARED / "gold"),
    "meantime": (SHARED / "data" / "meantime" / "texts", SHARED / "data" / "meantime" / "gold"),
}


def load(set_name: str):
    texts_dir, gold_dir = SETS[set_name]
    items = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = texts_dir / (gold_path.stem + ".txt")
        if text_path.exists():
            items.append((text_path, text_path.read_text(encoding="utf-8"), gold))
    return items, gold_dir


def predict(nlp, items, out_path: pathlib.Path) -> None:
    from newsledger.extract.pipeline import extract_records
    from newsledger.ingest.article import make_article

    arts = [make_article(text, source=str(path), metadata={"published": gold.get("published")}) for path, text, gold in items]
    with out_path.open("w", encoding="utf-8") as fh:
        for rec in extract_records(arts, nlp):
            fh.write(json.dumps(rec.to_dict(), ensure_ascii=False) + "\n")


def score(gold_dir: pathlib.Path, pred_path: pathlib.Path) -> dict:
    out = subprocess.run([sys.executable, str(SHARED / "tools" / "score.py"), str(gold_dir), str(pred_path), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def speed(nlp, items, repeat: int = 3) -> None:
    texts = [t for _, t, _ in items]
    mine = [n for n in nlp.pipe_names if n in ("newsledger_times_v1", "newsledger_claims_v1")]

    def run(disable):
        return best_pipe_time(nlp, texts, disable, repeat)

    run(mine)  # warm-up (dateparser, caches)
    run([])
    base = run(mine)
    full = run([])
    print(f"speed: {len(texts)} articles, baseline {base:.3f}s, with times+claims {full:.3f}s, "
          f"added {100 * (full - base) / base:.1f}% (ratio {full / base:.3f})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=sorted(SETS), action="append")
    ap.add_argument("--speed", action="store_true")
    ap.add_argument("--keep", help="directory to keep the prediction files in")
    a = ap.parse_args(argv)
    if not (SHARED / "tools" / "score.py").exists():
        print("../shared is absent: nothing to score", file=sys.stderr)
        return 1
    from newsledger.extract.pipeline import build_pipeline

    nlp = build_pipeline()
    if a.speed:
        items = []
        for s in a.set or ["meantime", "seeds"]:
            items += load(s)[0]
        speed(nlp, items)
        return 0
    tmp = pathlib.Path(a.keep or tempfile.mkdtemp(prefix="nl-times-"))
    tmp.mkdir(parents=True, exist_ok=True)
    for s in a.set or ["seeds", "meantime"]:
        items, gold_dir = load(s)
        pred = tmp / f"{s}.jsonl"
        predict(nlp, items, pred)
        r = score(gold_dir, pred)
        line = [f"{s:9s}"]
        for m in ("times", "time_values", "claims"):
            line.append(f"{m} P {r[m]['p']:.3f} R {r[m]['r']:.3f} F1 {r[m]['f1']:.3f}")
        for m in ("claim_source", "claim_status", "claim_quantity"):
            acc = r[m]["accuracy"]
            line.append(f"{m} {'n/a' if acc is None else f'{acc:.3f}'} (n {r[m]['n']})")
        print(" | ".join(line))
    print(f"predictions in {tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
