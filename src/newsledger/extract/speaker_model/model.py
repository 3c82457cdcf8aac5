"""The shipped speaker ranker: a LightGBM LambdaRank model over candidate sources.

LightGBM because the features mix binary parse facts with distances and
counts whose effect is not linear (a subject two tokens from the cue is not
half as likely as one at one token), the model is small (a text file of a few
hundred kilobytes, loaded once per process), and its ranking objective scores
a quote's candidates against each other, which is the decision to be made.
The weights are trained by ``scripts/train/speaker_builder.py`` on PolNeAR;
when the file is absent the rules' speakers stand.
"""

from __future__ import annotations

import json
import pathlib
from functools import lru_cache
from typing import Optional

import numpy as np

from .features import FEATURES

__all__ = ["MODEL_PATH", "META_PATH", "SpeakerRanker", "load_ranker"]

MODEL_PATH = pathlib.Path(__file__).with_name("speaker_ranker.txt")
META_PATH = pathlib.Path(__file__).with_name("speaker_ranker.json")


class SpeakerRanker:
    """Scores candidate rows; higher is more likely the speaker."""

    def __init__(self, booster):
        self.booster = booster
        if booster.num_feature() != len(FEATURES):
            raise ValueError(f"speaker model expects {booster.num_feature()} features, code has {len(FEATURES)}")

    def scores(self, rows: np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        return self.booster.predict(rows, num_threads=1)


@lru_cache(maxsize=4)
def load_ranker(path: Optional[str] = None) -> Optional[SpeakerRanker]:
    """The model at ``path`` (default: the shipped one), or None when there is none or it does not fit."""
    model = pathlib.Path(path) if path else MODEL_PATH
    if not model.is_file():
        return None
    import lightgbm

    booster = lightgbm.Booster(model_file=str(model))
    meta = json.loads(META_PATH.read_text(encoding="utf-8")) if META_PATH.is_file() and not path else {}
    if meta and tuple(meta.get("features", ())) != FEATURES:
        return None  # trained on other columns: retrain rather than mis-score
    return SpeakerRanker(booster)
