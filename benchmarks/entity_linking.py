"""Entity linking on MEANTIME: mention detection, within-document and cross-document B³.

    python benchmarks/entity_linking.py [--shared ../shared] [--limit N]

MEANTIME gives every annotated entity its mentions and a cross-document
``instance_id``.  We run the full pipeline on each article (with its gold
publication date), store the records with the ledger linker in a temporary
SQLite store, and score:

- mention detection: a gold mention of a named PERSON/ORG/LOC entity (its head
  word capitalised: not a pronoun or description) is found when a predicted
  mention covers its head word;
- within-document B³: over found mentions, gold entity vs predicted article entity;
- cross-document B³: over found mentions of the whole corpus, gold ``instance_id``
  vs predicted ledger entity.

B³ (Bagga & Baldwin 1998): for each mention, precision = |gold ∩ predicted
cluster| / |predicted cluster|, recall = |gold ∩ predicted| / |gold cluster|,
averaged over mentions.  A baseline in the same run links names only when they
are written identically (exact string match), so the figures can be read
against it.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import tempfile
from collections import defaultdict

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsledger.evaluate import known_sets, predict  # noqa: E402
from newsledger.extract import build_pipeline  # noqa: E402
from newsledger.ledger.linker import Ledger  # noqa: E402
from newsledger.store import open_store  # noqa: E402

TYPES = {"PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC"}
PRONOUNS = {"he", "she", "it", "they", "his", "her", "its", "their", "him", "them", "we", "i", "who", "which", "that"}


def named(text: str) -> bool:
    """A name, not a pronoun or description: its head (last) word is capitalised ("Steve Jobs", not "the US treasury")."""
    words = text.split()
    return bool(words) and text.lower() not in PRONOUNS and words[-1][:1].isupper()


def head_span(text: str, span: list[int]) -> tuple[int, int]:
    """Offsets of the last word of a mention: a prediction must cover it to count as that mention."""
    last = text.split()[-1]
    end = span[1]
    return end - len(last), end


def b_cubed(gold: dict, pred: dict) -> dict:
    """gold, pred: mention -> cluster key, over the same mentions."""
    g_members, p_members = defaultdict(set), defaultdict(set)
    for m, k in gold.items():
        g_members[k].add(m)
    for m, k in pred.items():
        p_members[k].add(m)
    if not gold:
        return {"p": 0.0, "r": 0.0, "f1": 0.0, "mentions": 0}
    p = r = 0.0
    for m in gold:
        both = len(g_members[gold[m]] & p_members[pred[m]])
        p += both / len(p_members[pred[m]])
        r += both / len(g_members[gold[m]])
    p, r = p / len(gold), r / len(gold)
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "mentions": len(gold)}


def wrong_joins(gold: dict, pred: dict) -> dict:
    """Merge precision, read pairwise: of the pairs of mentions the prediction puts in one entity, how many are
    two different gold entities (pairs wrongly joined / pairs joined)."""
    p_members = defaultdict(list)
    for m, k in pred.items():
        p_members[k].append(m)
    joined = wrong = 0
    for members in p_members.values():
        by_gold = defaultdict(int)
        for m in members:
            by_gold[gold[m]] += 1
        n = len(members)
        joined += n * (n - 1) // 2
        wrong += n * (n - 1) // 2 - sum(c * (c - 1) // 2 for c in by_gold.values())
    return {"pairs_joined": joined, "pairs_wrong": wrong, "wrong_rate": round(wrong / joined, 4) if joined else 0.0}


def name_forms(ge: dict) -> set[str]:
    """The entity's names as MEANTIME annotates them (its instance name and the texts of its NAM / PRE.NAM
    mentions, a leading "the" removed): a mention written so is a name, anything else a description."""
    return {ge["name"].lower(), *(a.lower() for a in ge.get("aliases", []))}


def is_name(gm: dict, ge: dict, annotated: bool) -> bool:
    if not annotated:
        return named(gm["text"])
    text = gm["text"]
    text = text[4:] if text.lower().startswith("the ") else text
    return named(text) and text.lower() in name_forms(ge)


def best_hit(pred_mentions: list, span: list[int], head: tuple[int, int], annotated: bool):
    """The predicted mention of a gold mention: one covering its head word; with ``annotated``, of those the one
    overlapping the gold span most (so "Bank of America" is the bank's mention, not America's)."""
    hits = [(sp, pe) for sp, pe in pred_mentions if sp[0] < head[1] and head[0] < sp[1]]
    if not hits:
        return None
    if not annotated:
        return hits[0]
    return max(hits, key=lambda h: (min(h[0][1], span[1]) - max(h[0][0], span[0]), -abs(h[0][1] - h[0][0] - span[1] + span[0])))


def collect(records: list, golds: dict, ledger_of: dict, annotated: bool) -> dict:
    """Gold and predicted clusters (within and across documents, ours and the exact-string baseline) over the
    gold name mentions our mentions find."""
    found = total = predicted_named = matched_pred = 0
    maps = tuple({} for _ in range(6))
    within_gold, within_pred, cross_gold, cross_pred, base_within, base_cross = maps
    for rec in records:
        stem = pathlib.Path(rec.source).stem
        gold = golds[stem]
        scope = gold.get("scope") or [0, len(rec.text)]
        pred_mentions = [(m.span, e) for e in rec.entities for m in e.mentions if scope[0] <= m.span[0] < scope[1]]
        predicted_named += len(pred_mentions)
        all_gold = [m["span"] for ge in gold["entities"] for m in ge["mentions"]]
        matched_pred += sum(1 for span, _ in pred_mentions if any(span[0] < ge and gs < span[1] for gs, ge in all_gold))
        for gi, ge in enumerate(gold["entities"]):
            if ge["type"] not in TYPES:
                continue
            for gm in ge["mentions"]:
                if not is_name(gm, ge, annotated) or not (scope[0] <= gm["span"][0] < scope[1]):
                    continue
                total += 1
                hit = best_hit(pred_mentions, gm["span"], head_span(gm["text"], gm["span"]), annotated)
                if hit is None:
                    continue
                found += 1
                key = (stem, *gm["span"])
                within_gold[key], within_pred[key] = (stem, gi), (stem, hit[1].id)
                cross_gold[key] = ge.get("instance_id") or f"{stem}#{gi}"
                cross_pred[key] = ledger_of.get((rec.id, hit[1].id)) or f"{stem}#{hit[1].id}"
                # baseline: names link only when written identically
                base_within[key] = (stem, rec.text[hit[0][0]:hit[0][1]].lower())
                base_cross[key] = rec.text[hit[0][0]:hit[0][1]].lower()
    return {"counts": (found, total, predicted_named, matched_pred), "maps": maps}


def ledger_links(records: list, table: str, column: str) -> dict:
    """(article, item) -> its ledger id, from a temporary SQLite store the records are linked into in batches."""
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(pathlib.Path(tmp) / "meantime.db"))
        for i in range(0, len(records), 32):
            store.write(records[i:i + 32], ledger=Ledger())
        links = {(r["article_id"], r["id"]): r[column]
                 for r in store.execute(f"SELECT article_id, id, {column} FROM {table}")}
        store.close()
    return links


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--errors", action="store_true", help="print predicted entities that join different gold entities")
    ap.add_argument("--head-words", action="store_true",
                    help="the earlier measure: every gold mention whose last word is capitalised counts as a name, "
                         "matched by its last word (descriptions such as 'the largest bank in the United States' "
                         "then count as mentions of the United States)")
    a = ap.parse_args(argv)
    sets = known_sets(pathlib.Path(a.shared))
    if "meantime" not in sets:
        print(f"MEANTIME not found under {a.shared}: nothing to measure")
        return 0
    gold_set = sets["meantime"]
    golds = {path.stem: gold for path, gold in gold_set.items(a.limit)}
    records = predict(gold_set, build_pipeline(), limit=a.limit)
    ledger_of = ledger_links(records, "entities", "ledger_entity")

    scored = collect(records, golds, ledger_of, annotated=not a.head_words)
    found, total, predicted_named, matched_pred = scored["counts"]
    within_gold, within_pred, cross_gold, cross_pred, base_within, base_cross = scored["maps"]
    recall = found / total if total else 0.0
    precision = matched_pred / predicted_named if predicted_named else 0.0
    print(f"articles {len(records)}  gold named mentions (PERSON/ORG/LOC) {total}  predicted mentions {predicted_named}")
    print(f"mention detection: recall {recall:.3f} ({found}/{total}); precision {precision:.3f} "
          f"({matched_pred}/{predicted_named} predicted mentions overlap a gold mention of any entity type)")
    rows = [
        ("within-document", b_cubed(within_gold, within_pred), b_cubed(within_gold, base_within)),
        ("cross-document", b_cubed(cross_gold, cross_pred), b_cubed(cross_gold, base_cross)),
    ]
    joins = {"within-document": (wrong_joins(within_gold, within_pred), wrong_joins(within_gold, base_within)),
             "cross-document": (wrong_joins(cross_gold, cross_pred), wrong_joins(cross_gold, base_cross))}
    print(f"{'B³ over found mentions':24s} {'P':>6s} {'R':>6s} {'F1':>6s}   baseline (exact string) P/R/F1"
          f"   pairs wrongly joined / pairs joined (baseline)")
    for name, ours, base in rows:
        mine, theirs = joins[name]
        ours["merge"], base["merge"] = mine, theirs
        print(f"{name:24s} {ours['p']:6.3f} {ours['r']:6.3f} {ours['f1']:6.3f}   "
              f"{base['p']:.3f}/{base['r']:.3f}/{base['f1']:.3f}   "
              f"{mine['pairs_wrong']}/{mine['pairs_joined']} = {mine['wrong_rate']:.3f} "
              f"({theirs['pairs_wrong']}/{theirs['pairs_joined']} = {theirs['wrong_rate']:.3f})")
    print(json.dumps({"mention_recall": round(recall, 4), "mention_precision": round(precision, 4),
                      **{n: o for n, o, _ in rows}}))
    if a.errors:
        confusions = defaultdict(set)
        for key, pk in within_pred.items():
            confusions[pk].add(within_gold[key])
        for pk, gks in confusions.items():
            if len(gks) > 1:
                doc = golds[pk[0]]
                print("joined:", pk, [doc["entities"][g[1]]["name"] for g in gks])
    return 0


if __name__ == "__main__":
    sys.exit(main())
