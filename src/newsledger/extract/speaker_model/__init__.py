"""Who said each quote: candidate sources ranked by a small trained model, resolved through the
document model (the source step of attribution, as BBC Citron has a source model of its own).

- :mod:`.candidates`: the noun phrases that could be a quote's source, and "nobody";
- :mod:`.features`: one row of features per candidate;
- :mod:`.model`: the shipped LightGBM ranker (trained by ``scripts/train/speaker_builder.py``);
- :mod:`.component`: the spaCy component ``newsledger_speakers_v1``.
"""

from .component import SpeakerAttributor, attribute, quote_rows
from .features import FEATURES
from .model import load_ranker

__all__ = ["SpeakerAttributor", "attribute", "quote_rows", "FEATURES", "load_ranker"]
