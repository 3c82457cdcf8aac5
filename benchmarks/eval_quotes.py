#!/usr/bin/env python3
"""Score the quote extractor against a gold set, optionally with textacy as a peer and a speed ratio.

    .venv/bin/python benchmarks/eval_quotes.py                      # seeds (../shared/seeds + ../shared/gold)
    .venv/bin/python benchmarks/eval_quotes.py --set polnear        # ../shared/data/polnear-dev
    .venv/bin/python benchmarks/eval_quotes.py --texts DIR --gold DIR
    ... --peer textacy    also score textacy's extract.triples.direct_quotations (same model, same texts)
    ... --speed           time model+boilerplate+quotes, and the full pipeline, against plain nlp.pipe
                          of the same model (same texts, same process; best of two runs)
    ... --keep FILE       keep the predictions JSONL

Predictions are written to a temporary JSONL file and scored with ../shared/tools/score.py.
Exits 0 with a message when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {
    "seeds": (SHARED / "seeds", SHARED / "gold"),
    "polnear": (SHARED / "data" / "polnear-dev" / "texts", SHARED / "data" / "polnear-dev" / "gold"),
}


def load_set(texts_dir: pathlib.Path, gold_dir: pathlib.Path) -> list[tuple[pathlib.Path, str, dict]]:
    items = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        text_path = texts_dir / (gold_path.stem + ".txt")
        if not text_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        items.append((text_path, text_path.read_text(encoding="utf-8"), gold))
    return items


def ours(items, nlp) -> list[dict]:
    from newsledger.extract.pipeline import extract_records
    from newsledger.ingest.article import make_article

    arts = [make_article(text, source=str(path), metadata={"published": gold.get("published")}) for path, text, gold in items]
    return [rec.to_dict() for rec in extract_records(arts, nlp)]


def textacy_peer(items, model) -> list[dict]:
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SystemExit(f"textacy is not installed ({exc}); try .venv/bin/pip install textacy")
    out = []
    for (path, _text, _gold), doc in zip(items, model.pipe(text for _, text, _ in items)):
        quotes = []
        try:
            found = list(direct_quotations(doc))
        except ValueError:  # textacy bails out on an odd number of quote marks
            found = []
        for q in found:
            content = q.content  # a Span (or a list of tokens in older versions)
            if hasattr(content, "start_char"):
                text = content.text
            else:
                toks = list(content)
                text = doc.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)] if toks else ""
            speaker = " ".join(t.text for t in q.speaker) if q.speaker else None
            cue = " ".join(t.text for t in q.cue) if q.cue else None
            quotes.append({"text": text.strip("\"'“”‘’ "), "speaker": {"name": speaker, "mention": speaker}, "cue": cue})
        out.append({"source": str(path), "quotes": quotes})
    return out


def score(gold_dir: pathlib.Path, records: list[dict], keep: str | None = None, as_json: bool = False) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        pred = fh.name
    if keep:
        pathlib.Path(keep).write_text(pathlib.Path(pred).read_text(encoding="utf-8"), encoding="utf-8")
    cmd = [sys.executable, str(SHARED / "tools" / "score.py"), str(gold_dir), pred] + (["--json"] if as_json else [])
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    pathlib.Path(pred).unlink(missing_ok=True)
    return res.stdout + res.stderr


def speed(items, nlp, repeats: int = 2) -> dict:
    """Seconds for plain nlp.pipe of the model vs our full pipeline, same texts, same process."""
    from newsledger.extract.pipeline import extract_records
    from newsledger.ingest.article import make_article

    texts = [text for _, text, _ in items]
    ours_names = [n for n in nlp.pipe_names if n.startswith("newsledger_")]
    others = [n for n in ours_names if n not in ("newsledger_boilerplate_v1", "newsledger_quotes_v1")]
    base_t, full_t, quotes_t = [], [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        with nlp.select_pipes(disable=ours_names):
            for _doc in nlp.pipe(texts):
                pass
        base_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        arts = [make_article(text, source=str(path)) for path, text, _ in items]
        with nlp.select_pipes(disable=others):
            for _rec in extract_records(arts, nlp):
                pass
        quotes_t.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        arts = [make_article(text, source=str(path)) for path, text, _ in items]
        for _rec in extract_records(arts, nlp):
            pass
        full_t.append(time.perf_counter() - t0)
    base, full, quotes = min(base_t), min(full_t), min(quotes_t)
    return {"plain_nlp_pipe_s": round(base, 3),
            "boilerplate_and_quotes_s": round(quotes, 3), "quotes_ratio": round(quotes / base, 3),
            "full_pipeline_s": round(full, 3), "full_ratio": round(full / base, 3), "components": ours_names}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=sorted(SETS), default="seeds")
    ap.add_argument("--texts", help="texts directory (overrides --set)")
    ap.add_argument("--gold", help="gold directory (overrides --set)")
    ap.add_argument("--peer", choices=["textacy"], help="also score a peer extractor")
    ap.add_argument("--speed", action="store_true", help="print the time ratio against plain nlp.pipe")
    ap.add_argument("--model", help="spaCy model package (default: the pipeline's default)")
    ap.add_argument("--keep", help="also write our predictions to this JSONL file")
    ap.add_argument("--json", action="store_true", help="scores as JSON")
    a = ap.parse_args(argv)
    texts_dir, gold_dir = SETS[a.set]
    if a.texts:
        texts_dir = pathlib.Path(a.texts)
    if a.gold:
        gold_dir = pathlib.Path(a.gold)
    if not (SHARED / "tools" / "score.py").exists() or not gold_dir.is_dir():
        print(f"skipped: {SHARED} (gold and scorer) is absent")
        return 0
    items = load_set(texts_dir, gold_dir)
    if not items:
        print(f"skipped: no texts in {texts_dir} match {gold_dir}")
        return 0

    from newsledger.extract.pipeline import build_pipeline

    nlp = build_pipeline(a.model)
    print(f"== newsledger quotes on {len(items)} texts ({texts_dir})")
    print(score(gold_dir, ours(items, nlp), keep=a.keep, as_json=a.json))
    if a.peer == "textacy":
        ours_names = [n for n in nlp.pipe_names if n.startswith("newsledger_")]
        with nlp.select_pipes(disable=ours_names):
            print("== textacy direct_quotations (same model)")
            print(score(gold_dir, textacy_peer(items, nlp), as_json=a.json))
    if a.speed:
        print("== speed", json.dumps(speed(items, nlp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
