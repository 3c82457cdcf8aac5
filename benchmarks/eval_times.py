#!/usr/bin/env python3
"""Score time expressions (and claims) on the gold sets, and time the times component.

    .venv/bin/python benchmarks/eval_times.py                      # seeds, meantime, timebank, warnews scores
    .venv/bin/python benchmarks/eval_times.py --set timebank       # one set
    .venv/bin/python benchmarks/eval_times.py --speed              # docs/s of time extraction, beside HeidelTime
    .venv/bin/python benchmarks/eval_times.py --cost               # cost of times+claims vs the rest of the pipeline

Each article gets its gold ``published`` date.  Predictions are written as JSONL
into a temporary directory and scored with ../shared/tools/score.py, so the figures
are the scorer's own.

``--speed`` parses the texts once (the spaCy model alone: the baseline, timed in the
same run), then times the times component over the parsed Docs, best of three.  Its
own cost is what a HeidelTime run replaces (HeidelTime does its own tagging), so
docs/s of the component is set beside HeidelTime's: measured in the same run when a
command for it is given (``--heideltime "CMD {file} {dct}"``, one call per document,
e.g. a client of a warm HeidelTime server, or ``HEIDELTIME_JAR`` naming the standalone jar,
one cold JVM per document), else the figure measured on this project's machines with
HeidelTime 2.2.1 in a warm JVM (README), marked as such.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from timing import best_pipe_time  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SETS = {
    "seeds": (SHARED / "seeds", SHARED / "gold"),
    "meantime": (DATA / "meantime" / "texts", DATA / "meantime" / "gold"),
    "timebank": (DATA / "timebank" / "texts", DATA / "timebank" / "gold"),
    "warnews": (DATA / "warnews-dev" / "texts", DATA / "warnews-dev" / "gold"),
}
#: HeidelTime 2.2.1 (TreeTagger, NEWS type, warm JVM) on this project's 2-core machines: documents per second.
HEIDELTIME_DOCS_PER_S = 2.0


def load(set_name: str):
    texts_dir, gold_dir = SETS[set_name]
    items = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = texts_dir / gold.get("file", gold_path.stem + ".txt")
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


def _best(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _heideltime(command: str, items) -> float:
    """Seconds for HeidelTime over the same texts, one call of ``command`` per document."""
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for i, (_, text, gold) in enumerate(items):
            f = pathlib.Path(tmp) / f"{i}.txt"
            f.write_text(text, encoding="utf-8")
            files.append((f, gold.get("published") or ""))
        t0 = time.perf_counter()
        for f, dct in files:
            subprocess.run(shlex.split(command.format(file=f, dct=dct)), capture_output=True, check=True)
        return time.perf_counter() - t0


def speed(nlp, items, heideltime: str | None) -> None:
    from newsledger.extract.pipeline import doc_for
    from newsledger.extract.times import TimeExtractor
    from newsledger.ingest.article import make_article

    model_pipes = [n for n in nlp.pipe_names if not n.startswith("newsledger_")]
    arts = [make_article(text, source=str(path), metadata={"published": gold.get("published")})
            for path, text, gold in items]
    with nlp.select_pipes(enable=model_pipes):
        t0 = time.perf_counter()
        docs = list(nlp.pipe((doc_for(nlp, a) for a in arts), batch_size=32))
        parse = time.perf_counter() - t0
    times = TimeExtractor()
    times(docs[0])  # warm-up (holiday tables, caches)
    own = _best(lambda: [times(d) for d in docs])
    n = len(docs)
    print(f"speed: {n} documents; parse (spaCy model alone, baseline) {n / parse:.1f} docs/s; "
          f"time extraction {n / own:.0f} docs/s ({own / parse * 100:.1f}% of the parse)")
    jar = os.environ.get("HEIDELTIME_JAR")
    if not heideltime and jar and shutil.which("java"):  # the standalone jar: one (cold) JVM per document
        heideltime = f"java -jar {shlex.quote(jar)} {{file}} -t NEWS -l ENGLISH -dct {{dct}}"
    if heideltime:
        secs = _heideltime(heideltime, items)
        print(f"HeidelTime (measured in this run, same texts): {n / secs:.2f} docs/s; "
              f"newsledger times is {secs / own:.0f}x faster")
    else:
        print(f"HeidelTime: not run here (give --heideltime); {HEIDELTIME_DOCS_PER_S:.1f} docs/s measured on this "
              f"project's machines (README); newsledger times is {n / own / HEIDELTIME_DOCS_PER_S:.0f}x that")


def cost(nlp, items, repeat: int = 3) -> None:
    texts = [t for _, t, _ in items]
    mine = [n for n in nlp.pipe_names if n in ("newsledger_times_v1", "newsledger_claims_v1")]

    def run(disable):
        return best_pipe_time(nlp, texts, disable, repeat)

    run(mine)  # warm-up
    base = run(mine)
    full = run([])
    print(f"cost: {len(texts)} articles, baseline {base:.3f}s, with times+claims {full:.3f}s, "
          f"added {100 * (full - base) / base:.1f}% (ratio {full / base:.3f})")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=sorted(SETS), action="append")
    ap.add_argument("--speed", action="store_true", help="docs/s of time extraction beside HeidelTime's")
    ap.add_argument("--heideltime", help='command running HeidelTime on one file, e.g. "ht-client {file} {dct}"')
    ap.add_argument("--cost", action="store_true", help="cost of times+claims against the rest of the pipeline")
    ap.add_argument("--keep", help="directory to keep the prediction files in")
    a = ap.parse_args(argv)
    if not (SHARED / "tools" / "score.py").exists():
        print("../shared is absent: nothing to score", file=sys.stderr)
        return 1
    from newsledger.extract.pipeline import build_pipeline

    nlp = build_pipeline()
    if a.speed or a.cost:
        items = []
        for s in a.set or ["timebank", "meantime"]:
            items += load(s)[0]
        speed(nlp, items, a.heideltime) if a.speed else cost(nlp, items)
        return 0
    tmp = pathlib.Path(a.keep or tempfile.mkdtemp(prefix="nl-times-"))
    tmp.mkdir(parents=True, exist_ok=True)
    for s in a.set or ["seeds", "meantime", "timebank", "warnews"]:
        items, gold_dir = load(s)
        pred = tmp / f"{s}.jsonl"
        predict(nlp, items, pred)
        r = score(gold_dir, pred)
        line = [f"{s:9s}"]
        for m in ("times", "time_values", "claims"):
            if r[m]["gold"]:
                line.append(f"{m} P {r[m]['p']:.3f} R {r[m]['r']:.3f} F1 {r[m]['f1']:.3f}")
        print(" | ".join(line))
    print(f"predictions in {tmp}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
