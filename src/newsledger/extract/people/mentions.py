"""Mentions of people and bodies in one parsed Doc: names, descriptions and pronouns.

Each mention is a :class:`PersonMention` over a token range, with what the
words themselves say about it (kind, type, gender, number, role, nationality).
Which mentions denote the same entity is :mod:`.clusters`' job; this module
only reads the words and the parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from spacy.tokens import Doc, Span, Token

from ...lexicon.names import fold, place_key
from ...lexicon.words import (
    COMPANY_NOUNS, COUNTRY_ADJECTIVE, COUNTRY_FORMS, DOCUMENT_NOUNS, FEMALE_WORDS, GROUP_NOUNS, MALE_WORDS,
    NEVER_SPEAKERS, OFFICE_PREFIXES, ORG_WORDS, PLURAL_GROUPS, PRONOUNS, ROLE_HEADS, ROLE_MODIFIERS, ROLE_NAMES,
    SPEECH_VERBS, SURNAME_PARTICLES, TITLE_WORDS,
)
from ..spans import SpanIndex
from .gender import first_name_gender

__all__ = ["PersonMention", "find_mentions", "mention_type", "NAME_LABELS"]

#: spaCy entity labels that can name a person or a body that speaks.
NAME_LABELS = ("PERSON", "ORG", "NORP", "GPE")
_NOMINAL_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative", "ROOT", "poss", "npadvmod",
                 "oprd", "agent")
_POSSESSIVE = re.compile(r"['’]s?$")
_NAME_WORD = re.compile(r"^[A-Z][\w'’.\-]*$|^[A-Z]\.$")


@dataclass
class PersonMention:
    """One mention of a person, organisation, place-as-actor or group."""

    start: int  # token range [start, end)
    end: int
    head: int  # token index of the head word
    kind: str  # name | description | pronoun
    type: str  # PERSON | ORG | GPE | NORP | GROUP | ? (unknown)
    text: str  # the words as written
    char_span: tuple[int, int]
    name: Optional[str] = None  # for names: the name words, titles and possessive removed
    role: Optional[str] = None  # "Ukrainian President", "the founder of Acme"
    role_head: Optional[str] = None  # the role's head noun, lower case: "president", "founder"
    gender: Optional[str] = None  # m | f | None
    gender_stated: bool = False  # said by the text (a title, "spokeswoman"), not guessed from a first name
    number: str = "sg"  # sg | pl
    subject: bool = False  # subject of its clause
    nationality: frozenset = field(default_factory=frozenset)  # country keys the words tie it to
    qualifiers: frozenset = field(default_factory=frozenset)  # other proper-noun modifiers: "indiana" governor
    definite: bool = True  # "the mayor", "Mayor X", a name; not "a spokesman"
    quoted: bool = False  # inside quotation marks
    acronym_of: Optional[int] = None  # "Singapore Airlines (SIA)": the first token of the name SIA stands for
    described: bool = False  # a body named by a description ("Ukraine's defence ministry"), not a proper name
    epithet: bool = False  # "the Dutchman", "the 34-year-old": a third-person reference resolved as a pronoun is
    entity: int = -1  # index of its document entity, set by clustering

    @property
    def person(self) -> Optional[int]:
        """Grammatical person of a pronoun (1, 2, 3), None for other mentions."""
        if self.epithet:
            return 3
        info = PRONOUNS.get(self.text.lower())
        return info[0] if self.kind == "pronoun" and info else None


def _title_case_name(tokens: Iterable[Token]) -> bool:
    return all(_NAME_WORD.match(t.text) or (t.text == "-" and not t.whitespace_) for t in tokens)


def _strip_name(doc: Doc, start: int, end: int) -> tuple[int, int, int]:
    """(title start, name start, name end): titles in front go to the role, a possessive or 'that' at the end goes;
    a name never runs across a line break (the NER sometimes joins a headline to the next line)."""
    for i in range(start, end - 1):
        if "\n" in doc[i].text_with_ws or doc[i].is_space:
            end = i + 1 if not doc[i].is_space else i
            break
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].lower_ in ("'s", "’s", "that", "who")
                           or doc[end - 1].is_punct or _reporting_verb_form(doc[end - 1].lower_)):
        end -= 1
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_quote):
        start += 1  # an opening quotation mark (``, “) the NER swept into a name is no part of it
    title_start = start
    while start < end - 1 and (fold(doc[start].text).rstrip(".") in TITLE_WORDS
                               or doc[start].lower_ in ROLE_MODIFIERS or doc[start].lower_ in ROLE_HEADS):
        start += 1  # "Striker Ana Vidal": an office or position written before the name is its role
    return title_start, start, end


def _reporting_verb_form(word: str) -> bool:
    """'says', 'warned', 'told': a headline's verb the NER swept into a name ("Obama Says ...")."""
    if word in ("said", "told", "wrote", "says", "tells", "writes"):
        return True
    for suffix in ("s", "ed", "d"):
        if word.endswith(suffix) and word[:-len(suffix)] in SPEECH_VERBS and len(word) > 4:
            return True
    return False


def _all_titles(words: Span) -> bool:
    return all(fold(t.text).rstrip(".") in TITLE_WORDS or t.lower_ in ROLE_MODIFIERS for t in words)


def _name_text(doc: Doc, start: int, end: int) -> str:
    return _POSSESSIVE.sub("", doc[start:end].text) if doc[end - 1].text.endswith(("'", "’")) else doc[start:end].text


def _nationality(tokens: Iterable[Token]) -> frozenset:
    keys = set()
    for t in tokens:
        key = COUNTRY_FORMS.get(fold(_POSSESSIVE.sub("", t.text)))
        if key is not None and (t.ent_type_ in ("GPE", "NORP") or t.pos_ in ("ADJ", "PROPN")):
            keys.add(key)
    return frozenset(keys)


def _gender_from_words(words: Iterable[str]) -> Optional[str]:
    for w in words:
        lw = fold(w).rstrip(".")
        if lw in FEMALE_WORDS:
            return "f"
        if lw in MALE_WORDS:
            return "m"
    return None


def mention_type(label: str, name: str) -> str:
    """The type a name's words support: an organisation word overrides a PERSON label."""
    words = {fold(w).strip(".,") for w in name.split()}
    if label == "PERSON" and words & ORG_WORDS:
        return "ORG"
    return label


_NAME_PARTICLES = SURNAME_PARTICLES | {"of", "and", "the", "for"}
_COMMON_HEADS = COMPANY_NOUNS | ROLE_HEADS | GROUP_NOUNS  # common nouns, however capitalised


def _plausible_name(words: Span) -> bool:
    """A name, not a headline the NER took for one ("Mayor Sees 'Personal Insult'")."""
    if len(words) > 7 or any(t.text in "\"“”‘’'" and t.i not in (words.start, words.end - 1) for t in words):
        return False
    return all(t.text[:1].isupper() or t.lower_ in _NAME_PARTICLES or not t.is_alpha or _after_hyphen(t)
               for t in words)


def _after_hyphen(tok: Token) -> bool:
    """The second half of a hyphenated given name ("Ban Ki-moon", "Moon Jae-in"), written in lower case."""
    if tok.i < 2:
        return False
    hyphen, first = tok.doc[tok.i - 1], tok.doc[tok.i - 2]
    return hyphen.text == "-" and not hyphen.whitespace_ and first.text[:1].isupper() and not first.whitespace_


def _given_names_before(doc: Doc, start: int, end: int) -> int:
    """Where a person's name really starts when the NER left out given names ("Governor Ana [Pitt]"):
    capitalised proper nouns compounded onto the name that are neither titles nor other entities."""
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].dep_ == "compound" \
            and start <= doc[start - 1].head.i < end and _NAME_WORD.match(doc[start - 1].text) \
            and not doc[start - 1].ent_type_ and fold(doc[start - 1].text).rstrip(".") not in TITLE_WORDS \
            and doc[start - 1].lower_ not in ROLE_MODIFIERS and doc[start - 1].lower_ not in ROLE_HEADS:
        start -= 1
    return start


def _name_mention(doc: Doc, ent: Span, label: str) -> Optional[PersonMention]:
    title_start, start, end = _strip_name(doc, ent.start, ent.end)
    if label == "PERSON" and start == ent.start:
        title_start = start = _given_names_before(doc, start, end)
    if label != "PERSON" and start > title_start and first_name_gender(doc[start:end].text) is None:
        start = title_start  # "General Motors", "Prince Edward Island": a title word that is part of the name
    if end <= start or _all_titles(doc[start:end]) or not _plausible_name(doc[start:end]):
        return None
    if label in ("GPE", "NORP") and doc[end - 1].dep_ in ("amod", "compound", "poss") and doc[end - 1].head.i >= end:
        return None  # "Russian officials", "Ukraine's ministry": a modifier, not an actor
    head = doc[start:end].root
    title_start = min(title_start, _role_start(doc, title_start, start, end))
    name = _name_text(doc, start, end)
    kind_type = mention_type(label, name)
    if kind_type == "ORG" and 2 <= len(name.split()) <= 3 and not {fold(w) for w in name.split()} & ORG_WORDS \
            and fold(name.split()[0]).rstrip(".") not in TITLE_WORDS and first_name_gender(name) is not None:
        kind_type = "PERSON"  # "Marta Ilves" tagged ORG: a given name the name list knows says person
    title_words = [t.text for t in doc[title_start:start]]
    before = [t.text for t in doc[max(0, title_start - 2):title_start]]
    gender = stated = None
    if kind_type == "PERSON":
        stated = _gender_from_words(title_words + before)
        gender = stated or first_name_gender(name)
    number = "pl" if label == "NORP" or (head.tag_ in ("NNS", "NNPS") and label != "PERSON") else "sg"
    if label == "NORP":
        kind_type = "GROUP"
    role = _role_before(doc, title_start, start, end)
    return PersonMention(
        start=title_start, end=end, head=head.i, kind="name", type=kind_type, text=doc[title_start:end].text,
        char_span=(doc[title_start].idx, doc[end - 1].idx + len(doc[end - 1].text)), name=name,
        role=role, role_head=_role_head(role), gender=gender, gender_stated=stated is not None, number=number,
        subject=head.dep_ in ("nsubj", "nsubjpass"), nationality=_nationality(doc[max(0, title_start - 3):start]),
    )


#: Words of address that are no role ("Ms. Williams" has none).
_HONORIFICS = frozenset("mr mrs ms miss mx sir dame".split())


def _role_head(role: Optional[str]) -> Optional[str]:
    """The head noun of a title phrase: its last word that is a title or role word."""
    if not role:
        return None
    words = [fold(w).rstrip(".") for w in role.split()]
    for k in range(len(words) - 1, -1, -1):
        if words[k] in TITLE_WORDS or words[k] in ROLE_HEADS:
            return _with_prefixes(words[:k], ROLE_NAMES.get(words[k], words[k]))
    return None


def _with_prefixes(before: list[str], head: str) -> str:
    """'vice president', 'deputy prime minister': office-forming words stay with the head."""
    out = [head]
    for w in reversed(before):
        if w not in OFFICE_PREFIXES:
            break
        out.insert(0, w)
    return " ".join(out)


def _role_start(doc: Doc, lo: int, name_start: int, name_end: int) -> int:
    """Where the title phrase before a name begins inside its noun phrase ("Ukrainian presidential adviser
    Olexiy Arestovych"); ``lo`` when there is none."""
    i = lo
    while i > 0 and lo - i < 8 and name_start <= _np_root(doc, i - 1) < name_end and doc[i - 1].dep_ in (
            "compound", "amod", "poss", "nmod", "case") and "\n" not in doc[i - 1].text_with_ws:
        i -= 1
    while i < name_start and (doc[i].pos_ in ("DET", "PART") or doc[i].lower_ in ("'s", "’s")):
        i += 1
    words = doc[i:name_start]
    if not len(words) or not any(fold(t.text).rstrip(".") in TITLE_WORDS or t.lemma_ in ROLE_HEADS for t in words):
        return lo
    return i


def _np_root(doc: Doc, i: int) -> int:
    """The token a modifier finally attaches to, through a chain of modifiers."""
    t = doc[i]
    for _ in range(6):
        if t.dep_ not in ("compound", "amod", "poss", "nmod", "case", "det", "punct") or t.head.i == t.i:
            break
        t = t.head
    return t.i


def _role_before(doc: Doc, lo: int, name_start: int, name_end: Optional[int] = None) -> Optional[str]:
    """The title phrase before a name inside its noun phrase, or None."""
    start = _role_start(doc, lo, name_start, name_end or name_start + 1)
    if start == lo and not any(fold(t.text).rstrip(".") in TITLE_WORDS for t in doc[lo:name_start]):
        return None
    words = doc[start:name_start]
    if not len(words) or all(fold(t.text).rstrip(".") in _HONORIFICS for t in words):
        return None
    return words.text


def _qualifiers(words: Iterable[Token]) -> frozenset:
    """Proper-noun modifiers that are no country: the "Indiana" of "the Indiana governor"."""
    return frozenset(fold(t.text) for t in words if t.pos_ == "PROPN" and fold(t.text) not in COUNTRY_FORMS
                     and fold(t.text).rstrip(".") not in TITLE_WORDS)


def _before_a_break(doc: Doc, start: int, end: int) -> int:
    """Where a phrase after a head noun ends: at its first comma or line break ("a spokeswoman for the chain,
    which runs 80 stores" ends at "chain"); the head alone when the break comes at once."""
    for i in range(start, end):
        if doc[i].text == "," or "\n" in doc[i].text_with_ws or doc[i].is_space:
            return i if i > start + 1 else start
    return end


def _np_extent(doc: Doc, head: Token, descriptive: bool = False) -> tuple[int, int]:
    """Token range of a description's noun phrase: modifiers before the head, an 'of' phrase after it,
    and with ``descriptive`` a participle or adjective phrase that says who they are ("a union
    representing pilots", "a person familiar with the talks")."""
    start = head.i
    for t in reversed(list(head.lefts)):
        if t.dep_ in ("det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case") or t.tag_ == "POS":
            start = min(start, t.left_edge.i)
        else:
            break
    end = head.i + 1
    for t in head.rights:
        if t.dep_ == "prep" and t.lower_ in ("of", "for", "at", "to"):
            end = _before_a_break(doc, t.i, t.right_edge.i + 1)
        elif descriptive and ((t.dep_ == "acl" and t.tag_ in ("VBG", "VBN")) or (t.dep_ == "amod" and t.pos_ == "ADJ")):
            end = _before_a_break(doc, t.i, t.right_edge.i + 1)
        break
    for i in range(head.i - 1, start - 1, -1):  # a noun phrase never runs across a line break
        if "\n" in doc[i].text_with_ws or doc[i].is_space:
            start = i + 1
            break
    while end - 1 > head.i and doc[end - 1].dep_ in ("cc", "punct"):
        end -= 1  # "the former secretary of state and [current nominee]": never end on the "and"
    return start, end


def _description(doc: Doc, head: Token) -> Optional[PersonMention]:
    lemma = head.lemma_.lower()
    lower = head.lower_
    if lemma in NEVER_SPEAKERS or lemma in DOCUMENT_NOUNS or head.dep_ == "compound":
        return None
    if lemma in ROLE_HEADS or lemma in ("man", "woman", "person", "resident", "witness", "survivor", "victim"):
        kind_type = "PERSON"
    elif lemma in GROUP_NOUNS or lower in GROUP_NOUNS or lemma in ORG_WORDS:
        kind_type = "ORG"
    elif lower in PLURAL_GROUPS:
        kind_type = "GROUP"
    else:
        return None
    plural = head.tag_ == "NNS" or lower in PLURAL_GROUPS
    if plural:
        kind_type = "GROUP"
    start, end = _np_extent(doc, head, descriptive=True)
    words = doc[start:end]
    det = next((t for t in words if t.dep_ in ("det", "poss") and t.head.i == head.i), None)
    if det is None:  # "officials", "experts": a bare plural is indefinite; "Kremlin spokesperson": a title
        definite = not plural and doc[start].pos_ in ("PROPN", "ADJ", "NOUN") and doc[start].text[:1].isupper()
    else:
        definite = det.dep_ == "poss" or det.lower_ in ("the", "this", "that", "these", "those")
    role_head = _with_prefixes([fold(t.text) for t in doc[start:head.i]], ROLE_NAMES.get(lemma, lemma))
    gender = _gender_from_words([head.text]) if kind_type == "PERSON" else None
    nationality = _nationality(w for w in words if w.i < head.i or (w.dep_ == "pobj" and w.head.lower_ == "of"))
    if kind_type == "ORG" and definite and (nationality or any(
            (t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE")) and t.text[:1].isupper() for t in words if t.i < head.i)):
        name = _strip_det(words)  # "Ukraine's defence ministry" names one body, as "the Kestrian navy" does
        return PersonMention(
            start=start, end=end, head=head.i, kind="name", type="ORG", text=words.text,
            char_span=(words.start_char, words.end_char), name=name, subject=head.dep_ in ("nsubj", "nsubjpass"),
            nationality=nationality, described=True)
    return PersonMention(
        start=start, end=end, head=head.i, kind="description", type=kind_type, text=words.text,
        char_span=(words.start_char, words.end_char), role=_strip_det(words), role_head=role_head, gender=gender,
        gender_stated=gender is not None,
        number="pl" if plural else "sg", subject=head.dep_ in ("nsubj", "nsubjpass"),
        nationality=nationality, qualifiers=_qualifiers(doc[start:head.i]), definite=definite,
    )


def _strip_det(words: Span) -> str:
    toks = list(words)
    while toks and toks[0].pos_ == "DET":
        toks = toks[1:]
    return words.doc[toks[0].i:toks[-1].i + 1].text if toks else words.text


def _is_expletive(tok: Token) -> bool:
    """'It is clear that ...', 'it was claimed that ...': an 'it' that refers to nothing."""
    if tok.lower_ != "it":
        return False
    head = tok.head
    if tok.dep_ == "nsubjpass":
        return True
    return head.lemma_ in ("be", "seem", "appear", "remain") and any(
        c.dep_ in ("ccomp", "xcomp", "csubj") for c in head.children)


def _pronoun(doc: Doc, tok: Token) -> Optional[PersonMention]:
    info = PRONOUNS.get(tok.lower_)
    if info is None or tok.pos_ not in ("PRON", "DET") or _is_expletive(tok):
        return None
    person, gender, number = info
    kind_type = "PERSON" if gender in ("m", "f") or person in (1, 2) else ("ORG" if gender == "n" else "?")
    return PersonMention(
        start=tok.i, end=tok.i + 1, head=tok.i, kind="pronoun", type=kind_type, text=tok.text,
        char_span=(tok.idx, tok.idx + len(tok.text)), gender=gender if gender in ("m", "f") else None,
        gender_stated=gender in ("m", "f"),
        number=number, subject=tok.dep_ in ("nsubj", "nsubjpass"),
    )


_AGE_EPITHET = re.compile(r"\d{1,3}-year-old$")
_DEMONYMS = frozenset(fold(a) for a in COUNTRY_ADJECTIVE.values())  # "dutch", not "the EU" or "the Netherlands"
_DEMONYM_ENDINGS = (("woman", "f"), ("man", "m"))


def _epithet(tok: Token) -> bool:
    """'the Dutchman', 'the 34-year-old' as a subject: a person the story named, spoken of as a pronoun would."""
    word = fold(tok.text)
    stem = next((word[:-len(end)] for end, _ in _DEMONYM_ENDINGS if word.endswith(end)), word)  # "dutch"
    return any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children) and (
        bool(_AGE_EPITHET.match(word)) or (tok.tag_ in ("NN", "NNP") and stem in _DEMONYMS))


def _epithet_mention(tok: Token) -> PersonMention:
    word = fold(tok.text)
    gender = next((g for end, g in _DEMONYM_ENDINGS if word.endswith(end) and not _AGE_EPITHET.match(word)), None)
    start = next(c.i for c in tok.children if c.dep_ == "det")
    return PersonMention(
        start=start, end=tok.i + 1, head=tok.i, kind="pronoun", type="PERSON", text=tok.doc[start:tok.i + 1].text,
        char_span=(tok.doc[start].idx, tok.idx + len(tok.text)), gender=gender, gender_stated=gender is not None,
        number="sg", subject=True, epithet=True,
    )


def _unlabelled_name(doc: Doc, tok: Token) -> Optional[PersonMention]:
    """A proper-noun subject the NER missed ("Arestovych said"), or a name in apposition to a person's
    role ("the ambassador, Ilse Marrow, said"): a name of unknown type, a person's when the role says so."""
    if tok.ent_type_ or not _NAME_WORD.match(tok.text) or tok.lower_ in _COMMON_HEADS:
        return None  # "Carmaker recalls 80,000 vehicles": a headline's capital makes a common noun look like a name
    role_appositive = tok.dep_ == "appos" and tok.head.pos_ == "NOUN" and tok.head.lemma_.lower() in ROLE_HEADS
    if tok.dep_ not in ("nsubj", "nsubjpass") and not role_appositive:
        return None
    start = tok.i
    while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == tok.i and \
            doc[start - 1].ent_type_ in ("", "NORP") and doc[start - 1].text[:1].isupper():
        start -= 1  # "the Islamic State": a nationality or creed word compounded onto a name is part of it
    while start > 1 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
            and not doc[start - 2].whitespace_ and doc[start - 2].text[:1].isupper() and doc[start - 2].is_alpha:
        start -= 2  # "Jean-Luc Moreau": the first half of a hyphenated given name
    title_start, name_start, end = _strip_name(doc, start, tok.i + 1)
    if end > name_start and _all_titles(doc[name_start:end]):
        return _title_description(doc, tok, title_start)
    if end <= name_start or not _title_case_name(doc[name_start:end]):
        return None
    name = doc[name_start:end].text
    kind_type = "ORG" if {fold(w) for w in name.split()} & ORG_WORDS or any(
        t.ent_type_ == "NORP" for t in doc[name_start:end]) else "?"
    if kind_type == "?" and role_appositive and end - name_start >= 2:
        kind_type = "PERSON"
    if kind_type == "ORG":  # "the Northern Dairy Farmers Alliance": the whole phrase names the body
        lo, _ = _np_extent(doc, tok)
        title_start = name_start = max(lo, title_start if doc[lo].pos_ == "DET" else lo)
        while name_start < end and doc[name_start].pos_ == "DET":
            name_start += 1
        name = doc[name_start:end].text
    return PersonMention(
        start=title_start, end=end, head=tok.i, kind="name", type=kind_type, text=doc[title_start:end].text,
        char_span=(doc[title_start].idx, tok.idx + len(tok.text)), name=name,
        role=_role_before(doc, title_start, name_start), subject=tok.dep_ in ("nsubj", "nsubjpass"),
        role_head=_role_head(_role_before(doc, title_start, name_start)),
        gender=first_name_gender(name) if end - name_start >= 2 else None,
    )


_PLACE_PREPS = frozenset("in near outside into across around towards toward from".split())
_PLACE_NOUNS = frozenset("""city town village region port capital province district oblast county area airport front
    border suburb outskirts state country island""".split())


def place_context(doc: Doc, start: int, end: int) -> bool:
    """Words around a name that only a place takes: "in X", "the city of X", "the capital X", "the X region"."""
    prev = doc[start - 1].lower_ if start > 0 else ""
    prev2 = doc[start - 2].lower_ if start > 1 else ""
    nxt = doc[end].lower_ if end < len(doc) else ""
    if nxt in ("'s", "’s"):
        return False  # "in Kovalenko's view"
    if prev in _PLACE_PREPS or prev in _PLACE_NOUNS:
        return True
    if prev == "of" and prev2 in _PLACE_NOUNS:
        return True
    if prev == "at" and start > 1 and doc[start - 2].tag_ == "NNS" and doc[start - 2].pos_ == "NOUN":
        return True  # "troops at X", "workers at X"
    return nxt in _PLACE_NOUNS and prev in ("the", "over", "in", "near")


def _looks_like_nationality(tok: Token) -> bool:
    """A country adjective tagged as a name ("Moldovan"): a known form, or an -ian/-ese word before a noun."""
    if fold(tok.text) in COUNTRY_FORMS and tok.pos_ == "ADJ":
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return bool(re.search(r"(?:ian|ean|ese|ish)s?$", tok.text)) and nxt is not None and nxt.pos_ in ("NOUN", "PROPN")


def _with_surname_after_particle(doc: Doc, ent: Span) -> Span:
    """'Ursula von der' + 'Leyen': a person's name the NER cut after a particle takes the capitalised word
    that follows it, whatever label that word was given; one cut inside a hyphenated given name ("Moon
    Jae" of "Moon Jae-in") takes the rest of it."""
    end = ent.end
    if end < len(doc) and doc[end - 1].lower_ in _NAME_PARTICLES and doc[end].text[:1].isupper() \
            and doc[end].pos_ == "PROPN":
        return doc[ent.start:end + 1]
    if end + 1 < len(doc) and doc[end].lower_ in SURNAME_PARTICLES and doc[end].text.islower() \
            and doc[end + 1].text[:1].isupper() and doc[end + 1].pos_ == "PROPN" and doc[end].whitespace_:
        return doc[ent.start:end + 2]  # "Erik" + "ten Hag": the particle the NER left out starts the surname
    if end + 1 < len(doc) and doc[end].text == "-" and _after_hyphen(doc[end + 1]) and doc[end + 1].is_alpha:
        return doc[ent.start:end + 2]  # "Moon Jae" + "-in"
    return ent


def repaired_ents(doc: Doc) -> list[tuple[Span, str]]:
    """spaCy's entities with their labels repaired from context, one vote per written name.

    A country glued to a person ("Kestria Anna Kovalenko" as one ORG) is split; a
    one-word PERSON in a place context ("the capital Lviv", "in Lviv") is a place
    unless the article also uses the word as a person's name (the surname of a full
    name, or the same word outside any place context); a one-word place that is the
    surname of a person the article names, outside a place context, is that person;
    a lone nationality word is no name.
    """
    found = _labelled_ents(doc)
    surnames = {fold(span[-1].text) for span, label in found if label == "PERSON" and len(span) >= 2}
    as_person = {fold(span.text) for span, label in found
                 if label == "PERSON" and " " not in span.text and not place_context(doc, span.start, span.end)}
    out = []
    for span, label in found:
        if " " not in span.text and label in ("PERSON", "GPE", "LOC"):  # one word ("al-Tanf" is three tokens)
            word = fold(span.text)
            placed = place_context(doc, span.start, span.end)
            if label == "PERSON" and placed and word not in surnames and word not in as_person:
                label = "GPE"
            elif label != "PERSON" and not placed and word in surnames:
                label = "PERSON"
        out.append((span, label))
    return out


def _labelled_ents(doc: Doc) -> list[tuple[Span, str]]:
    out = []
    swallowed = -1  # end of a name that took in the entity after it
    for ent in doc.ents:
        label = ent.label_
        if label not in NAME_LABELS or ent.start < swallowed:
            continue
        ent = _with_surname_after_particle(doc, ent) if label == "PERSON" else ent
        swallowed = ent.end
        toks = list(ent)
        if len(toks) == 1 and label in ("PERSON", "ORG") and (_looks_like_nationality(toks[0]) or toks[0].lower_ in
                                                              _COMMON_HEADS or (
                toks[0].dep_ in ("nsubj", "nsubjpass") and _epithet(toks[0]))):
            continue  # "the Dutchman" is a person already named, not a name
        if label in ("ORG", "PERSON") and len(toks) >= 3 and fold(toks[0].text) in COUNTRY_FORMS \
                and _title_case_name(toks[1:]) and len(toks) <= 4 and not {fold(t.text) for t in toks} & ORG_WORDS:
            out.append((doc[ent.start:ent.start + 1], "GPE"))
            out.append((doc[ent.start + 1:ent.end], "PERSON"))
            continue
        out.append((ent, label))
    return out


def _title_description(doc: Doc, tok: Token, start: int) -> PersonMention:
    """A capitalised office standing as a noun phrase ("the Deputy Prime Minister of Kestria ...")."""
    _, end = _np_extent(doc, tok)
    words = doc[start:end]
    return PersonMention(
        start=start, end=end, head=tok.i, kind="description", type="PERSON", text=words.text,
        char_span=(words.start_char, words.end_char), role=doc[start:tok.i + 1].text,
        role_head=fold(tok.text).rstrip("."), subject=tok.dep_ in ("nsubj", "nsubjpass"),
        nationality=_nationality(doc[start:end]), gender=_gender_from_words([tok.text]),
        gender_stated=_gender_from_words([tok.text]) is not None,
    )


def find_mentions(doc: Doc, skip: Optional[SpanIndex] = None, quoted: Optional[SpanIndex] = None) -> list[PersonMention]:
    """Every person/body mention of the doc in text order, none inside ``skip`` (boilerplate)."""
    out: list[PersonMention] = []
    covered: set[int] = set()
    for ent, label in repaired_ents(doc):
        m = _name_mention(doc, ent, label)
        if m is not None:
            out.append(m)
            covered.update(range(m.start, m.end))
    for tok in doc:
        if tok.i in covered:
            continue
        m = None
        if tok.pos_ in ("PRON", "DET") and tok.lower_ in PRONOUNS:
            m = _pronoun(doc, tok)
        elif tok.dep_ in ("nsubj", "nsubjpass") and _epithet(tok):
            m = _epithet_mention(tok)
        elif (tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.text.islower())) and tok.dep_ in _NOMINAL_DEPS:
            m = _description(doc, tok)
        elif tok.pos_ == "PROPN":
            m = _unlabelled_name(doc, tok)
        if m is not None and not any(i in covered for i in range(m.start, m.end) if i == m.head):
            out.append(m)
            covered.update(range(m.head, m.head + 1))
    if skip:
        out = [m for m in out if not skip.overlaps(*m.char_span)]
    _mark_acronyms(doc, out)
    if quoted:
        for m in out:
            m.quoted = quoted.covering(m.char_span[0]) is not None
    out.sort(key=lambda m: (m.char_span[0], -m.char_span[1]))
    return out


def _mark_acronyms(doc: Doc, mentions: list[PersonMention]) -> None:
    """A short name in capitals in brackets right after an organisation's name is that organisation's."""
    ends = {m.end: m for m in mentions if m.kind == "name" and m.type in ("ORG", "?")}
    for m in mentions:
        words = (m.name or "").replace(".", "")
        if m.kind == "name" and m.start >= 1 and doc[m.start - 1].text == "(" and m.start - 1 in ends \
                and 2 <= len(words) <= 6 and words.isupper() and words.isalpha():
            m.acronym_of = ends[m.start - 1].start
            m.type = ends[m.start - 1].type


def is_place(m: PersonMention) -> bool:
    return m.type == "GPE" or place_key(m.name or m.text) in COUNTRY_FORMS.values()
