"""A person's gender from their first name, through the `gender-guesser` package.

The package's name list (about 40,000 first names across countries) is read
once per process.  Only confident answers count: "male"/"female" and their
"mostly_" forms; androgynous and unknown names give None, and the document's
own words (titles, pronouns) decide instead.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

__all__ = ["first_name_gender", "load_first_names"]

_ANSWERS = {"male": "m", "mostly_male": "m", "female": "f", "mostly_female": "f"}


@lru_cache(maxsize=1)
def load_first_names():
    """The package's name list, read once per process."""
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


@lru_cache(maxsize=16384)
def first_name_gender(name: str) -> Optional[str]:
    """'m' or 'f' for a full name whose first word is a clearly gendered first name, else None."""
    words = [w for w in name.replace("’", "'").split() if w[:1].isalpha()]
    if len(words) < 2:
        return None  # a surname alone says nothing
    first = words[0].rstrip(".")
    if len(first) < 2:
        return None
    return _ANSWERS.get(load_first_names().get_gender(first))
