"""The one way the lexicon compares written words: lower case, accents removed, typographic apostrophes made
plain (a module of its own so that the country table and the name keys, which it feeds, share it)."""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes made plain."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").replace("‘", "'").lower().strip()
