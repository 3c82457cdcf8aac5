#!/usr/bin/env python3
"""Train the speaker ranker on PolNeAR and write it into the package.

    .venv/bin/python scripts/train/speaker_builder.py [--data ../shared/data/polnear-train] [--folds 5]
                     [--cache .cache/speaker-train] [--out src/newsledger/extract/speaker_model]

Steps, each reproducible (fixed seeds, one thread, sorted inputs):

1. parse every training article once with the spaCy model (cached as a DocBin under --cache),
   then run newsledger's own components up to the quote finder (the rules);
2. pair our quotes with the gold quotes (the reference scorer's token-overlap pairing) and, for
   each pair, label the candidate sources: the head of the gold source span or a mention of the
   same document entity, never a word that only qualifies it (or the null candidate where the
   gold relation has no source);
3. 5-fold cross-validation grouped by article: top-1 accuracy of the model beside the rules;
4. train on everything and write ``speaker_ranker.txt`` (LightGBM) and ``speaker_ranker.json``
   (features, data, parameters, cross-validated figures).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pathlib
import sys
import time

import numpy as np

ROOT = pathlib.Path(__file__).resolve().parents[2]
PARAMS = {
    "objective": "lambdarank", "metric": "ndcg", "ndcg_eval_at": [1], "learning_rate": 0.05, "num_leaves": 15,
    "min_data_in_leaf": 20, "feature_fraction": 0.9, "bagging_fraction": 0.9, "bagging_freq": 1,
    "lambda_l2": 1.0, "seed": 7, "deterministic": True, "force_row_wise": True, "num_threads": 1, "verbose": -1,
}
ROUNDS = 300


def _scorer():
    path = ROOT.parent / "shared" / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("reference_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def parsed_docs(data: pathlib.Path, cache: pathlib.Path, nlp):
    """(gold, doc) per training article; the model's parse is cached, newsledger's components rerun."""
    from spacy.tokens import DocBin

    from newsledger.extract.pipeline import doc_for, model_name
    from newsledger.ingest.article import make_article

    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((data / "gold").glob("*.json"))]
    # components that run before the model's parser shape the parse, so they run in the cached pass
    parser_at = nlp.pipe_names.index("parser") if "parser" in nlp.pipe_names else 0
    before = [name for name in nlp.pipe_names[:parser_at] if name.startswith("newsledger")]
    own = [(name, proc) for name, proc in nlp.pipeline if name.startswith("newsledger") and name not in before]
    cache_file = cache / f"parsed-{model_name(nlp)}-{'-'.join(before) or 'plain'}.spacy"
    if cache_file.is_file():
        docs = list(DocBin().from_disk(cache_file).get_docs(nlp.vocab))
    else:
        cache.mkdir(parents=True, exist_ok=True)
        texts = [(data / "texts" / g["file"]).read_text(encoding="utf-8") for g in golds]
        with nlp.select_pipes(disable=[name for name, _ in own]):
            docs = list(nlp.pipe(texts, batch_size=32))
        DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "LEMMA", "POS", "MORPH"],
               docs=docs).to_disk(cache_file)
    for gold, doc in zip(golds, docs):
        article = make_article(doc.text, gold["file"], metadata={"published": gold.get("published")})
        seeded = doc_for(nlp, article)
        doc._.nl_published, doc._.nl_boilerplate = seeded._.nl_published, seeded._.nl_boilerplate
        for name, proc in own:
            if name == "newsledger_speakers_v1":
                break
            doc = proc(doc)
        yield gold, doc


def examples(data: pathlib.Path, cache: pathlib.Path):
    """Feature rows, labels, group sizes, article ids and the rule's choice per group."""
    from newsledger.extract import build_pipeline
    from newsledger.extract.speaker_model import quote_rows
    from newsledger.extract.speaker_model.candidates import positive
    from newsledger.extract.speaker_model.features import INDEX

    scorer = _scorer()
    nlp = build_pipeline()
    X, y, groups, articles, rule_pick = [], [], [], [], []
    stats = {"gold_quotes": 0, "paired": 0, "with_positive": 0}
    for a, (gold, doc) in enumerate(parsed_docs(data, cache, nlp)):
        quotes = doc._.nl_quotes
        stats["gold_quotes"] += len(gold["quotes"])
        by_text = {}
        preds = [q.to_dict() for q in quotes]
        for g, p in scorer.pair(gold["quotes"], preds, scorer.text_of, 0.5):
            by_text[tuple(p["span"])] = g
        stats["paired"] += len(by_text)
        for t in quote_rows(doc, doc._.nl_people, quotes):
            g = by_text.get(tuple(quotes[t.index].span))
            if g is None:
                continue
            sp = g.get("speaker") or {}
            gold_span = sp.get("span") if (sp.get("name") or sp.get("mention")) else None
            labels = [int(positive(doc, c, gold_span, doc._.nl_people)) for c in t.candidates]
            if not any(labels):
                continue
            stats["with_positive"] += 1
            X.append(t.rows)
            y.extend(labels)
            groups.append(len(labels))
            articles.append(a)
            votes = t.rows[:, INDEX["rule_vote"]]
            rule_pick.append(int(np.argmax(votes)) if votes.max() > 0 else 0)
    return np.vstack(X), np.array(y), np.array(groups), np.array(articles), np.array(rule_pick), stats


def _top1(scores, y, groups, picks=None) -> float:
    hits, pos = 0, 0
    for k, n in enumerate(groups):
        s = scores[pos:pos + n] if picks is None else None
        choice = int(np.argmax(s)) if picks is None else int(picks[k])
        hits += y[pos + choice]
        pos += n
    return hits / len(groups)


def _slices(groups):
    starts = np.concatenate([[0], np.cumsum(groups)[:-1]])
    return [(s, s + n) for s, n in zip(starts, groups)]


def cross_validate(X, y, groups, articles, rule_pick, folds: int) -> dict:
    import lightgbm
    from sklearn.model_selection import GroupKFold

    slices = _slices(groups)
    model_acc, rule_acc = [], []
    for train_g, test_g in GroupKFold(n_splits=folds).split(np.zeros(len(groups)), groups=articles):
        rows = lambda gs: np.concatenate([np.arange(*slices[g]) for g in gs])  # noqa: E731
        tr, te = rows(train_g), rows(test_g)
        booster = lightgbm.train(PARAMS, lightgbm.Dataset(X[tr], y[tr], group=groups[train_g]), ROUNDS)
        scores = booster.predict(X[te], num_threads=1)
        model_acc.append(_top1(scores, y[te], groups[test_g]))
        rule_acc.append(_top1(None, y[te], groups[test_g], picks=rule_pick[test_g]))
    return {"model_top1": [round(v, 4) for v in model_acc], "rules_top1": [round(v, 4) for v in rule_acc],
            "model_mean": round(float(np.mean(model_acc)), 4), "rules_mean": round(float(np.mean(rule_acc)), 4)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=pathlib.Path, default=ROOT.parent / "shared" / "data" / "polnear-train")
    ap.add_argument("--cache", type=pathlib.Path, default=ROOT / ".cache" / "speaker-train")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "src" / "newsledger" / "extract" / "speaker_model")
    ap.add_argument("--folds", type=int, default=5)
    args = ap.parse_args(argv)
    import lightgbm

    from newsledger.extract.speaker_model.features import FEATURES

    t0 = time.time()
    X, y, groups, articles, rule_pick, stats = examples(args.data, args.cache)
    print(f"{len(groups)} quotes with a labelled source, {len(y)} candidates ({time.time() - t0:.0f}s); {stats}")
    cv = cross_validate(X, y, groups, articles, rule_pick, args.folds)
    print(f"{args.folds}-fold CV top-1: model {cv['model_mean']:.4f}  rules {cv['rules_mean']:.4f}")
    booster = lightgbm.train(PARAMS, lightgbm.Dataset(X, y, group=groups), ROUNDS)
    args.out.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(args.out / "speaker_ranker.txt"))
    meta = {"features": list(FEATURES), "params": PARAMS, "rounds": ROUNDS, "trained_on": "PolNeAR train split "
            "(networkdynamics/PolNeAR, 837 articles; Newell, Margolin and Ruths, LREC 2018)",
            "examples": {"quotes": int(len(groups)), "candidates": int(len(y)), **stats}, "cross_validation": cv,
            "lightgbm": lightgbm.__version__}
    (args.out / "speaker_ranker.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'speaker_ranker.txt'}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
