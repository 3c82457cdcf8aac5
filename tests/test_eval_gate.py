"""Evaluation gate: F1 floors on the gold sets that may only go up (as trafilatura's eval gate).

Runs the full pipeline over every gold set present under ../shared and fails when
any figure drops below its floor.  Raise a floor whenever the extractor improves;
never lower one to make a change pass.  Skipped when ../shared is absent.  The seed
floors are 0.95, not 1.0, on purpose: two articles must not pull the rules towards
themselves at the cost of news the project has never seen.
"""

from __future__ import annotations

import pytest

from newsledger.evaluate import known_sets, predict, score

# (set, metric) -> floor.  f1 for P/R/F1 metrics, accuracy for the others.
FLOORS: dict[tuple[str, str], float] = {
    ("seeds", "quotes"): 0.95,
    ("seeds", "attributed"): 0.95,
    ("seeds", "times"): 0.95,
    ("seeds", "time_values"): 0.95,
    ("seeds", "claims"): 0.95,
    ("seeds", "claim_source"): 0.95,
    ("seeds", "claim_status"): 0.95,
    ("seeds", "claim_quantity"): 0.95,
    ("warnews", "quotes"): 0.93,
    ("warnews", "attributed"): 0.92,
    ("warnews", "speaker_given_match"): 0.98,
    ("warnews", "times"): 0.96,
    ("warnews", "time_values"): 0.95,
    ("warnews", "claims"): 0.86,
    ("warnews", "claim_source"): 0.97,
    ("warnews", "claim_status"): 0.93,
    ("warnews", "claim_quantity"): 0.96,
    ("polnear", "quotes"): 0.69,
    ("polnear", "attributed"): 0.57,
    ("polnear", "speaker_given_match"): 0.825,
    ("meantime", "times"): 0.93,
    ("meantime", "time_values"): 0.86,
    ("timebank", "times"): 0.93,
    ("timebank", "time_values"): 0.82,
}


@pytest.fixture(scope="module")
def results(shared_dir, nlp):
    sets = known_sets(shared_dir)
    out = {}
    for name in sorted({s for s, _ in FLOORS}):
        if name in sets:
            out[name] = score(sets[name], predict(sets[name], nlp), shared_dir / "tools" / "score.py")
    return out


@pytest.mark.slow
@pytest.mark.shared
@pytest.mark.parametrize("set_name,metric", sorted(FLOORS))
def test_floor(results, set_name, metric):
    if set_name not in results:
        pytest.skip(f"gold set {set_name} not present")
    res = results[set_name][metric]
    value = res["f1"] if "f1" in res else res["accuracy"]
    assert value >= FLOORS[(set_name, metric)], f"{set_name} {metric} fell to {value} (floor {FLOORS[(set_name, metric)]})"
