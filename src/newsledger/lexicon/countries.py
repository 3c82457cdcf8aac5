"""Every country's written forms, so that "the Kenyan minister", "Kenya's minister" and "in Kenya" are one
country for news from anywhere, not only for the countries our own short table names.

The names, demonyms and English alternative names come from the `countryinfo` package (about 250 countries
and territories, read from its files in a few milliseconds). Our table in :mod:`.words` comes first: it keeps
the keys the rest of the code knows ("us", "uk") and the forms news writes that the package lacks ("u.s.",
"britain", plurals). A form the package gives to two countries ("Congolese", "Dominican") names neither.
"""

from __future__ import annotations

import re

from .folding import fold

__all__ = ["with_package_countries"]

#: An alternative name worth reading in English text: letters, spaces, dots, hyphens, apostrophes.
_READABLE = re.compile(r"[A-Za-z][A-Za-z .'’-]*")


def _package_forms(info: dict) -> tuple[list[str], list[str]]:
    """The country's names (name, English alternative names) and its demonyms, folded."""
    names = [info.get("name") or ""]
    for alt in info.get("altSpellings") or []:
        is_code = alt.replace(".", "").isupper() and len(alt.replace(".", "")) <= 4
        if _READABLE.fullmatch(alt) and not is_code and "," not in alt:
            names.append(alt)
    demonyms = [d for d in re.split(r"\s*/\s*", info.get("demonym") or "") if d and _READABLE.fullmatch(d)]
    return [fold(n) for n in names if n], [fold(d) for d in demonyms]


def with_package_countries(forms: dict[str, str], adjectives: dict[str, str]) -> tuple[dict, dict]:
    """``forms`` (written form -> country key) and ``adjectives`` (key -> demonym) extended with the package's
    countries; what ``forms`` already says is kept."""
    from countryinfo import CountryInfo

    claimed: dict[str, set[str]] = {}
    demonym_of: dict[str, str] = {}
    for info in sorted(CountryInfo.all().values(), key=lambda i: i.get("name") or ""):
        names, demonyms = _package_forms(info)
        if not names[0]:
            continue
        key = next((forms[f] for f in names if f in forms), names[0])  # a demonym may be shared: not by it
        for form in names + demonyms:
            claimed.setdefault(form, set()).add(key)
        if demonyms and key not in adjectives and " " not in demonyms[0]:
            demonym_of[key] = (info.get("demonym") or "").split("/")[0].strip()
    out = dict(forms)
    for form, keys in sorted(claimed.items()):
        if form not in out and len(keys) == 1:
            out[form] = next(iter(keys))
    return out, {**demonym_of, **adjectives}
