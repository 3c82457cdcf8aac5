"""Name keys: when two written names denote the same person, organisation or place.

Used within one article (to gather mentions into entities) and across articles
(to merge entities into ledger entities), so both levels agree.  The functions
are pure and cached: a large ingest compares the same few thousand names often.  The keys are
deliberately explainable: every merge can say which rule joined two names.

- Persons match on a transliteration-insensitive skeleton of the surname
  (Zelenskyy / Zelensky / Zelenskiy) and compatible first names (missing, the
  same skeleton, or an initial); two people sharing only a surname stay apart.
- Organisations match on the set of their content words after normalising
  countries to one form and spelling variants (defense/defence), so "Ukraine's
  defence ministry", "the Ukrainian defence ministry" and "Ministry of Defence
  of Ukraine" share a key, while "UK Ministry of Defence" does not.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from .folding import fold
from .words import COUNTRY_ADJECTIVE, COUNTRY_FORMS, MULTI_WORD_COUNTRIES, SURNAME_PARTICLES, TITLE_WORDS

__all__ = [
    "fold", "skeleton", "person_parts", "same_person", "person_match_reason", "org_key", "formal_org_name",
    "place_key", "org_head_words", "org_words", "acronym_of", "org_part_of",
]

_SPELLING = {"defense": "defence", "organization": "organisation", "center": "centre", "programme": "program"}
_STOP = frozenset("the a an of for and on in at to 's ’s".split())
#: Legal forms after a company's name: "Apple Inc.", "Chrysler LLC" and "Fiat Group SpA" are Apple, Chrysler, Fiat.
_LEGAL_FORMS = frozenset("inc corp corporation co company llc ltd limited plc group spa nv n.v ag sa gmbh holdings "
                         "lp llp".split())


@lru_cache(maxsize=65536)
@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A transliteration-insensitive key for one name word (Zelenskyy, Zelensky, Zelenskiy -> zelensky)."""
    w = re.sub(r"[^a-z]", "", fold(word)).replace("ch", "9").replace("c", "k").replace("9", "ch")
    for a, b in (("kh", "h"), ("ks", "x"), ("ph", "f"), ("w", "v"), ("ck", "k"), ("j", "y"), ("ts", "z"), ("tz", "z")):
        w = w.replace(a, b)
    w = w.replace("y", "i")  # Remys / Remis, Yuriy / Iurii
    w = re.sub(r"(?<=.)i+$", "y", w)  # Zelenskyy / Zelensky / Zelenskiy / Zelenskyi
    if re.search(r"(?:k[ao]|enk[ao]|uk|ik|ich|ov|ev|sk[iy]|chuk|nko)$", w):
        w = w.replace("g", "h")  # Slavic Г written H or G: Halushka / Galushka
    w = re.sub(r"(.)\1+", r"\1", w)  # doubled letters
    if len(w) >= 5 and w.endswith("e") and w[-2] not in "aeiouy":
        w = w[:-1]  # Brisk / Briske
    return w


def _words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w'’.-]+", name) if w]


@lru_cache(maxsize=65536)
def person_parts(name: str) -> tuple[Optional[str], Optional[str]]:
    """(first-name skeleton or None, surname skeleton) of a person's name, titles removed."""
    words = [w[:-2] if fold(w).endswith("'s") else w for w in _words(name) if fold(w) not in _STOP]
    while len(words) > 1 and fold(words[0]).rstrip(".") in TITLE_WORDS:  # "Mr", "President": never a surname ("King")
        words = words[1:]
    words = [w for w in words if w]
    if not words:
        return None, None
    last = skeleton(words[-1])
    first = skeleton(words[0]) if len(words) > 1 and fold(words[0]) not in SURNAME_PARTICLES else None
    return first or None, last or None


@lru_cache(maxsize=65536)
def person_match_reason(a: str, b: str) -> Optional[str]:
    """Why two person names denote the same person, or None when they do not."""
    fa, la = person_parts(a)
    fb, lb = person_parts(b)
    if not la or la != lb:
        return None
    if fa is None or fb is None:
        return f"same surname ({la}); one name has no first name"
    if fa == fb:
        return f"same first name and surname up to spelling ({fa} {la})"
    if fa[0] == fb[0] and (len(fa) == 1 or len(fb) == 1):
        return f"same surname ({la}) and matching initial"
    return None


def same_person(a: str, b: str) -> bool:
    return person_match_reason(a, b) is not None


@lru_cache(maxsize=65536)
def org_key(name: str) -> frozenset[str]:
    """Content words of an organisation name with countries and spellings normalised."""
    return frozenset(org_head_words(name))


@lru_cache(maxsize=65536)
def org_head_words(name: str) -> tuple[str, ...]:
    """The content words of an organisation name in order, countries, spellings and plurals normalised and the
    legal form left out ("Ford Motors Co." -> ("ford", "motor")): a shorter name that is their beginning
    ("Ford") may be the same body."""
    text = fold(name)
    for multi in MULTI_WORD_COUNTRIES:
        text = text.replace(multi, COUNTRY_FORMS[multi])
    words = []
    for w in re.findall(r"[a-z0-9.]+(?:'s)?", text):
        w = w[:-2] if w.endswith("'s") else w
        w = w.strip(".") if w not in ("u.k.", "u.s.", "u.n.") else w
        if not w or w in _STOP:
            continue
        w = COUNTRY_FORMS.get(w, w)
        if w.endswith("ian") and len(w) > 6:  # romanian -> romania, croatian -> croatia
            w = w[:-1]
        words.append(_SPELLING.get(w, w))
    # plurals after the legal form is gone: "Ford Motors" / "Ford Motor Company", "Apple Corps" stays a name
    return tuple(w[:-1] if len(w) >= 5 and w.endswith("s") and not w.endswith(("ss", "us", "is")) else w
                 for w in org_words(words))


def org_words(words: list[str]) -> list[str]:
    """Content words of an organisation name without its trailing legal form (all of them when that is all)."""
    end = len(words)
    while end > 1 and fold(words[end - 1]).rstrip(".") in _LEGAL_FORMS:
        end -= 1
    return words[:end]


@lru_cache(maxsize=65536)
def formal_org_name(name: str) -> Optional[str]:
    """'Ukraine's defence ministry' -> 'Ukrainian Ministry of Defence' (None when not of that shape)."""
    m = re.fullmatch(r"(?:the\s+)?([\w.]+(?:['’]s)?)\s+([a-z]+)\s+(ministry|department)", name.strip(), re.I)
    if not m:
        return None
    word = m.group(1)
    topic = _SPELLING.get(m.group(2).lower(), m.group(2).lower()).capitalize()
    topic = {"Foreign": "Foreign Affairs", "Home": "Home Affairs", "Internal": "Internal Affairs"}.get(topic, topic)
    head = m.group(3).capitalize()
    country = COUNTRY_FORMS.get(fold(word).removesuffix("'s"))
    if country in COUNTRY_ADJECTIVE:
        return f"{COUNTRY_ADJECTIVE[country]} {head} of {topic}"
    if not word[0].isupper():
        return None
    if re.search(r"['’]s$", word):  # "Romania's defence ministry"
        return f"{head} of {topic} of {word[:-2]}"
    if re.search(r"(?:an|ese|ish|i)$", word):  # an adjective of nationality: "Romanian"
        return f"{word} {head} of {topic}"
    return None


@lru_cache(maxsize=65536)
def place_key(name: str) -> str:
    text = fold(name)
    text = re.sub(r"^the\s+", "", text)
    return COUNTRY_FORMS.get(text, text)


@lru_cache(maxsize=65536)
def acronym_of(short: str, name: str) -> bool:
    """'GM' for 'General Motors', 'USAF' for 'United States Air Force', 'WFP' for 'World Food Programme'."""
    letters = short.replace(".", "")
    if not (2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()):
        return False
    words = [w for w in re.findall(r"[\w&]+", name) if fold(w) not in ("of", "the", "and", "for", "&")]
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return initials == letters or "".join(w[0] for w in org_words(words) if w[:1].isupper()) == letters


@lru_cache(maxsize=65536)
def org_part_of(short: str, name: str) -> Optional[str]:
    """Why the shorter organisation name ``short`` may denote the body ``name`` names, or None: its first words
    ("Ford" for "Ford Motor Company"), the name without its country ("the Air Force" for "the US Air Force"),
    its acronym ("GM" for "General Motors").  A short name may fit several bodies (Apple: Apple Inc. and Apple
    Corps): the caller decides whether the fit is unique."""
    if acronym_of(short, name):
        return f"acronym ({short.replace('.', '')})"
    if re.search(r"['’]s?(?:\s|$)", name):
        return None  # "Apple's board of directors" is a body of Apple's, not Apple
    written = [fold(w).rstrip(".") for w in _words(short)]
    if written and written[-1] in _LEGAL_FORMS:
        return None  # "Apple Inc." is a full name, not a short form of "Apple Corps"
    a, b = org_head_words(short), org_head_words(name)
    if not a or len(a) >= len(b):
        return None
    if b[:len(a)] == a and a[0] not in COUNTRY_FORMS:
        return f"first words of the name ({' '.join(a)})"
    rest = tuple(w for w in b if w not in COUNTRY_FORMS)
    if rest == a and len(rest) < len(b):
        return f"the name without its country ({' '.join(a)})"
    return None
