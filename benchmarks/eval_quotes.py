#!/usr/bin/env python3
"""Score the quote extractor against a gold set, optionally with textacy as a peer and a speed ratio.

    .venv/bin/python benchmarks/eval_quotes.py                      # seeds (../shared/seeds + ../shared/gold)
    .venv/bin/python benchmarks/eval_quotes.py --set polnear        # ../shared/data/polnear-dev
    .venv/bin/python benchmarks/eval_quotes.py --texts DIR --gold DIR
    ... --peer textacy    also score textacy's extract.triples.direct_quotations (same model, same texts):
                          on the whole text, and where textacy refuses a text (it raises on unbalanced
                          quote marks) paragraph by paragraph, as the issue measured it
    ... --speed           time model+boilerplate+quotes, and the full pipeline, against plain nlp.pipe
                          of the same model (same texts, same process; best of two runs)
    ... --keep FILE       keep the predictions JSONL
    ... --errors [N]      error analysis by category (misses, false positives, speaker errors),
                          with N examples per category (default 3)

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


def _textacy_quotes(doc, direct_quotations) -> list[dict]:
    quotes = []
    for q in direct_quotations(doc):
        content = q.content  # a Span (or a list of tokens in older versions)
        if hasattr(content, "start_char"):
            text = content.text
        else:
            toks = list(content)
            text = doc.text[toks[0].idx : toks[-1].idx + len(toks[-1].text)] if toks else ""
        speaker = " ".join(t.text for t in q.speaker) if q.speaker else None
        cue = " ".join(t.text for t in q.cue) if q.cue else None
        quotes.append({"text": text.strip("\"'“”‘’ "), "speaker": {"name": speaker, "mention": speaker}, "cue": cue})
    return quotes


def textacy_peer(items, model, stats: dict | None = None) -> list[dict]:
    """textacy's ``direct_quotations`` on each whole text; where it refuses a text (it raises on
    unbalanced quote marks), on that text paragraph by paragraph, skipping paragraphs it still refuses."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise SystemExit(f"textacy is not installed ({exc}); try .venv/bin/pip install textacy")
    stats = stats if stats is not None else {}
    stats.update(texts=len(items), whole=0, by_paragraph=0, paragraphs_refused=0)
    out = []
    for (path, text, _gold), doc in zip(items, model.pipe(text for _, text, _ in items)):
        try:
            quotes = _textacy_quotes(doc, direct_quotations)
            stats["whole"] += 1
        except ValueError:  # an odd number of quote marks somewhere in the text
            stats["by_paragraph"] += 1
            quotes = []
            paras = [p for p in text.splitlines() if p.strip()]
            for pdoc in model.pipe(paras):
                try:
                    quotes += _textacy_quotes(pdoc, direct_quotations)
                except ValueError:
                    stats["paragraphs_refused"] += 1
        out.append({"source": str(path), "quotes": quotes})
    return out


def _scorer():
    import importlib.util

    spec = importlib.util.spec_from_file_location("nl_score", SHARED / "tools" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


_PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "his", "her", "their", "who", "which", "this", "that"}


def _cue_key(cue) -> str:
    if isinstance(cue, dict):
        cue = cue.get("text")
    words = (cue or "").lower().split()
    return " ".join(words[-2:]) if words else "-"


def _len_bucket(text: str) -> str:
    n = len(text.split())
    return "1-3w" if n <= 3 else "4-8w" if n <= 8 else "9+w"


def errors(items, records: list[dict], examples: int = 3) -> str:
    """Misses, false positives and speaker errors by category, paired the way score.py pairs them."""
    from collections import Counter, defaultdict

    sc = _scorer()
    cats: dict[str, Counter] = defaultdict(Counter)
    ex: dict[tuple[str, str], list[str]] = defaultdict(list)

    def note(group: str, cat: str, line: str) -> None:
        cats[group][cat] += 1
        if len(ex[(group, cat)]) < examples:
            ex[(group, cat)].append(line)

    by_stem = {pathlib.Path(r["source"]).stem: r for r in records}
    for path, text, gold in items:
        rec = by_stem.get(path.stem, {})
        gq, pq = gold.get("quotes", []), rec.get("quotes", []) or []
        ents = gold.get("entities", [])
        pairs = sc.pair(gq, pq, sc.text_of, 0.5)
        got_g = {id(g) for g, _ in pairs}
        got_p = {id(p) for _, p in pairs}
        for g in gq:
            if id(g) in got_g:
                continue
            best, near = max(((sc.overlap(g["text"], p["text"]), p["text"]) for p in pq), default=(0.0, ""))
            why = "boundary" if best >= 0.2 else "none"
            line = f"{path.stem[:30]} [{g.get('cue')}] {g['text'][:110]!r}"
            if why == "boundary":
                line += f"\n             ours {near[:110]!r}"
            note("missed", f"{g['kind']:8s} {why:8s} {_len_bucket(g['text'])}", line)
            note("missed-cue", _cue_key(g.get("cue")), f"{g['text'][:100]!r}")
        for p in pq:
            if id(p) in got_p:
                continue
            best = max((sc.overlap(p["text"], g["text"]) for g in gq), default=0.0)
            why = "boundary" if best >= 0.2 else "none"
            cue = p.get("cue")
            note("false-pos", f"{p['kind']:8s} {why:8s} {_len_bucket(p['text'])}",
                 f"{path.stem[:30]} [{_cue_key(cue)}] {p['text'][:110]!r}")
        for g, p in pairs:
            gs, ps = g.get("speaker") or {}, p.get("speaker") or {}
            if sc.speaker_ok(ps, gs, ents):
                continue
            gname, gm = gs.get("name"), gs.get("mention")
            pname, pm = ps.get("name"), ps.get("mention")
            if not gname and not gm:
                cat = "gold-none/pred-named"
            elif not pname and not pm:
                cat = "gold-named/pred-none"
            elif gname is None:
                cat = "gold-pronoun/pred-" + ("pronoun" if (pm or "").lower() in _PRONOUNS else "name")
            elif (pm or "").lower() in _PRONOUNS:
                cat = "gold-name/pred-pronoun"
            elif sc.overlap(pm or "", gm or "") > 0:
                cat = "gold-name/partial-overlap"
            else:
                cat = "gold-name/other-name"
            note("speaker", cat, f"gold {gm!r}->{gname!r}  pred {pm!r}->{pname!r}  [{g.get('cue')}] {g['text'][:60]!r}")
    out = []
    for group in ("missed", "missed-cue", "false-pos", "speaker"):
        total = sum(cats[group].values())
        out.append(f"-- {group} ({total})")
        limit = 25 if group == "missed-cue" else None
        for cat, n in cats[group].most_common(limit):
            out.append(f"  {n:5d}  {cat}")
            if group != "missed-cue" or n >= 10:
                for line in ex[(group, cat)]:
                    out.append(f"           {line}")
    return "\n".join(out)


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
    ap.add_argument("--errors", nargs="?", type=int, const=3, default=None, metavar="N",
                    help="error analysis by category with N examples each (default 3)")
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
    records = ours(items, nlp)
    print(score(gold_dir, records, keep=a.keep, as_json=a.json))
    if a.errors is not None:
        print("== errors")
        print(errors(items, records, a.errors))
    if a.peer == "textacy":
        ours_names = [n for n in nlp.pipe_names if n.startswith("newsledger_")]
        with nlp.select_pipes(disable=ours_names):
            stats: dict = {}
            peer = textacy_peer(items, nlp, stats)
            print("== textacy direct_quotations (same model; whole text, else paragraph by paragraph)", json.dumps(stats))
            print(score(gold_dir, peer, as_json=a.json))
    if a.speed:
        print("== speed", json.dumps(speed(items, nlp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
