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
import unicodedata
from functools import lru_cache
from typing import Optional

__all__ = [
    "fold", "skeleton", "person_parts", "same_person", "person_match_reason", "org_key", "formal_org_name",
    "place_key", "COUNTRY_FORMS", "TITLE_WORDS", "ROLE_HEADS", "ORG_WORDS",
]

#: Every written form of a country or bloc -> one key.  Adjectives and short forms included.
_COUNTRIES = {  # key: every form, "|"-separated (multi-word forms allowed)
    "ukraine": "ukraine|ukrainian|ukrainians", "russia": "russia|russian|russians|russian federation",
    "belarus": "belarus|belarusian|belarussian", "uk": "uk|u.k.|britain|british|united kingdom|great britain",
    "us": "us|u.s.|usa|united states|american|america", "eu": "eu|european union", "france": "france|french",
    "germany": "germany|german", "poland": "poland|polish", "china": "china|chinese", "israel": "israel|israeli",
    "iran": "iran|iranian", "turkey": "turkey|turkish|turkiye", "nato": "nato", "un": "un|u.n.|united nations",
    "syria": "syria|syrian", "gaza": "gaza|gazan", "palestine": "palestine|palestinian", "lebanon": "lebanon|lebanese",
    "moldova": "moldova|moldovan", "georgia": "georgia|georgian", "sudan": "sudan|sudanese", "yemen": "yemen|yemeni",
    "india": "india|indian", "pakistan": "pakistan|pakistani", "japan": "japan|japanese", "canada": "canada|canadian",
    "australia": "australia|australian",
}
#: Every written form of a country or bloc -> one key.
COUNTRY_FORMS: dict[str, str] = {form: key for key, forms in _COUNTRIES.items() for form in forms.split("|")}
_MULTI_WORD = sorted((f for f in COUNTRY_FORMS if " " in f), key=len, reverse=True)

_COUNTRY_ADJECTIVE = {
    "ukraine": "Ukrainian", "russia": "Russian", "belarus": "Belarusian", "uk": "UK", "us": "US", "eu": "EU",
    "france": "French", "germany": "German", "poland": "Polish", "china": "Chinese", "israel": "Israeli",
    "iran": "Iranian", "turkey": "Turkish", "syria": "Syrian", "moldova": "Moldovan", "georgia": "Georgian",
    "india": "Indian", "pakistan": "Pakistani", "japan": "Japanese", "canada": "Canadian", "australia": "Australian",
}

#: Words of address and office that are not part of a person's name.
TITLE_WORDS = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady president vice prime minister deputy general gen col colonel
    maj major capt captain lt lieutenant sgt sergeant adm admiral chancellor secretary senator sen rep
    governor gov mayor ambassador king queen prince princess pope rev reverend father sheikh chief
    commander spokesman spokeswoman spokesperson adviser advisor""".split()
)

#: Head nouns that make a phrase before a name a role ("presidential adviser", "commander of the platoon").
ROLE_HEADS = frozenset(
    """president minister adviser advisor spokesman spokeswoman spokesperson commander general chief head secretary
    mayor governor ambassador envoy official officer leader chancellor premier senator director chairman chairwoman
    chair ceo founder editor correspondent analyst expert professor researcher spokesman lawyer attorney judge
    prosecutor colonel captain major lieutenant sergeant admiral marshal soldier medic doctor nurse witness
    resident mother father activist negotiator diplomat representative deputy mp lawmaker congressman
    congresswoman candidate aide strategist economist scientist manager coordinator commissioner inspector
    pilot driver volunteer journalist reporter photographer governor-general king queen prince pope""".split()
)

#: Words that mark a name as an organisation rather than a person.
ORG_WORDS = frozenset(
    """ministry department office council committee commission agency service services army navy force forces
    military government parliament party union bank news independent tv television radio times post press
    agency institute university college school hospital foundation fund association organisation organization
    company corp corporation inc ltd llc group network channel broadcaster cross crescent defence defense
    programme program unicef unhcr who nato ministry administration operator agency inc
    guard guards brigade battalion regiment command staff police authority authorities assembly court
    embassy consulate federation league coalition alliance front movement church red""".split()
)

_SPELLING = {"defense": "defence", "organization": "organisation", "center": "centre", "programme": "program"}
_STOP = frozenset("the a an of for and on in at to 's ’s".split())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes made plain."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").replace("‘", "'").lower().strip()


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
    words = [w for w in _words(name) if fold(w).rstrip(".") not in TITLE_WORDS and fold(w) not in _STOP]
    words = [w[:-2] if fold(w).endswith("'s") else w for w in words]
    if not words:
        return None, None
    last = skeleton(words[-1])
    first = skeleton(words[0]) if len(words) > 1 else None
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
    text = fold(name)
    for multi in _MULTI_WORD:
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
        w = _SPELLING.get(w, w)
        words.append(w)
    return frozenset(words)


@lru_cache(maxsize=65536)
def formal_org_name(name: str) -> Optional[str]:
    """'Ukraine's defence ministry' -> 'Ukrainian Ministry of Defence' (None when not of that shape)."""
    m = re.fullmatch(r"(?:the\s+)?([\w.]+(?:['’]s)?)\s+([a-z]+)\s+(ministry|department)", name.strip(), re.I)
    if not m:
        return None
    word = m.group(1)
    topic = _SPELLING.get(m.group(2).lower(), m.group(2).lower()).capitalize()
    head = m.group(3).capitalize()
    country = COUNTRY_FORMS.get(fold(word).removesuffix("'s"))
    if country in _COUNTRY_ADJECTIVE:
        return f"{_COUNTRY_ADJECTIVE[country]} {head} of {topic}"
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
