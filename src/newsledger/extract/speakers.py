"""Who said it: speaker mentions, canonical names, roles and pronoun resolution.

Small pure functions over a parsed Doc:

- :func:`subject_of` finds the token that is the source of a reporting cue
  (nsubj, passive agent, "according to" object, the subject of the verb a
  participle hangs on, the noun a "who said" clause modifies);
- :func:`name_parts` splits the noun phrase around that token into the mention
  (words as written, with span), the name (the proper-noun run) and the role
  ("Ukrainian President", "commander of the platoon");
- :class:`NameBook` maps short forms to the fullest form the article uses
  ("Zelenskyy" -> "Volodymyr Zelenskyy", "the Ukrainian defence ministry" ->
  "Ukraine's defence ministry") and resolves pronouns by gender cues and the
  recency of PERSON / organisation mentions.

Nothing here invents a speaker: where no source can be found the functions
return None.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Optional, Sequence

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from ..records import Speaker
from ._doc import per_vocab
from .spans import SpanIndex

__all__ = [
    "PRONOUNS",
    "GROUP_NOUNS",
    "NameBook",
    "SpeakerFinder",
    "subject_of",
    "name_parts",
]

PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f",
    "they": "p", "them": "p", "their": "p", "it": "n", "its": "n",
    "i": "1", "me": "1", "we": "1", "us": "1", "you": "2", "who": "r", "which": "r", "that": "r",
}

#: Title words that go to the role, not the name ("President Volodymyr Zelenskyy").
TITLES = {
    w.lower()
    for w in """Mr Mr. Mrs Mrs. Ms Ms. Miss Dr Dr. Prof Prof. Sir Dame Lord Lady President Vice Prime Minister
    Deputy Secretary Sen Sen. Senator Rep Rep. Representative Gov Gov. Governor Mayor Gen Gen. General Col Col.
    Colonel Capt Capt. Captain Lt Lt. Sgt Sgt. Adm Adm. Admiral Judge Justice Chancellor King Queen Prince Princess
    Pope Rev Rev. Father Sister Chairman Chairwoman Chair Speaker Leader Commissioner Ambassador Attorney
    Chief Director Officer Commander Minister Foreign Defence Defense Interior Health Finance State Former
    Democratic Republican Candidate Nominee Press Spokesman Spokeswoman Spokesperson Adviser Advisor Sheriff
    Detective Inspector Superintendent Professor Coach Manager CEO Executive Principal Pastor Bishop Rabbi Imam
    Sergeant Lieutenant Trooper Councillor Councilman Councilwoman Alderman Congressman Congresswoman Premier""".split()
}

#: Head nouns of organisations and groups that can speak ("the ministry said", "officials said").
GROUP_NOUNS = frozenset(
    """ministry military government army navy police department agency office officials official authorities
    campaign committee party company court council commission administration kremlin spokesman spokeswoman
    spokesperson spokespeople group organization organisation union board team sources aides advisers
    democrats republicans critics supporters experts analysts researchers pollsters prosecutors investigators
    lawyers attorneys regulators forces staff service services bureau embassy delegation parliament congress
    senate cabinet media newspaper network poll survey report study statement website outlet firm bank
    association coalition alliance federation institute center centre foundation ministry""".split()
)
_PLURAL_GROUPS = frozenset(
    """officials authorities sources aides advisers democrats republicans critics supporters experts analysts
    researchers pollsters prosecutors investigators lawyers attorneys regulators forces staff""".split()
)
_ORG_WORDS = frozenset(
    """ministry department agency office committee party company court council commission administration
    news times post journal press tv television radio network university institute center centre
    foundation association union bank group inc corp ltd llc house senate congress parliament government
    army navy police service services bureau embassy campaign media poll""".split()
)
_FEMALE_WORDS = frozenset(
    "mrs mrs. ms ms. miss madam lady queen princess dame mother wife woman sister daughter girl "
    "congresswoman chairwoman spokeswoman businesswoman actress grandmother aunt niece widow".split()
)
_MALE_WORDS = frozenset(
    "mr mr. sir lord king prince father husband man brother son boy congressman chairman spokesman "
    "businessman actor grandfather uncle nephew widower".split()
)
# Common given names with a clear gender (enough for pronoun agreement; unknown names accept both).
_FEMALE_NAMES = frozenset(
    """mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret
    sandra ashley kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca
    sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
    katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce
    virginia victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline
    martha gloria teresa ann sara madison frances kathryn janice jean abigail alice judy sophia grace
    denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany charlotte marie
    kayla alexis lori hillary kellyanne ivanka melania nikki elizabeth nancy kamala condoleezza huma
    donna debbie tulsi theresa angela ursula kaja iryna olena olga natalia nataliya yulia tatiana irina
    svetlana anastasia marina liz priti suella keir? jacinda sanna nicola kate meghan camilla jill
    michelle laura hilary betsy kirstjen susana sonia ruth ilhan alexandria rashida ayanna elise
    """.replace("?", "").split()
)
_MALE_NAMES = frozenset(
    """james john robert michael william david richard joseph thomas charles christopher daniel matthew
    anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason
    jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel
    gregory frank alexander raymond patrick jack dennis jerry tyler aaron jose adam henry nathan douglas
    zachary peter kyle walter ethan jeremy harold keith christian roger noah gerald carl terry sean
    austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie gabriel logan alan
    juan wayne roy ralph randy eugene vincent russell elijah louis bobby philip johnny barack bernie
    mitt mike ted marco jeb chris rudy newt reince paul tim bill hillary? vladimir volodymyr dmytro
    olexiy oleksiy oleksii sergei sergey dmitry boris emmanuel olaf rishi keir justin xi recep
    kim narendra benjamin ali mohammed muhammad ahmed abdul jens antony lloyd jake kevin konstantin
    denys andriy mykhailo vitali vitaliy vitaly petro yuriy viktor alexei alexey ramzan yevgeny
    """.replace("hillary?", "").split()
)

_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.\-]*$|^[A-Z]\.$")


def _is_nameish(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and bool(_NAME_TOKEN.match(tok.text)) and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL", "MONEY")


def subject_of(tok: Token, depth: int = 0) -> Optional[Token]:
    """The token naming who performs the reporting act ``tok`` (a verb, or 'to' of 'according to')."""
    if tok.lower_ == "to" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "according":
        for c in tok.children:
            if c.dep_ == "pobj":
                return c
        nxt = tok.i + 1
        return tok.doc[nxt] if nxt < len(tok.doc) and tok.doc[nxt].pos_ in ("PROPN", "NOUN", "PRON") else None
    passive = None
    for c in tok.children:
        if c.dep_ == "nsubj":
            return c
        if c.dep_ == "nsubjpass":
            passive = c
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if passive is not None and passive.lower_ not in ("it", "that", "this"):
        # "X was quoted as saying": the passive subject is the source
        if tok.lemma_ in ("quote", "cite", "report"):
            return _through_relative(passive)
    if passive is not None and tok.dep_ not in ("conj", "advcl", "xcomp", "pcomp"):
        return None
    if depth < 3 and tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "ccomp") and tok.head is not tok:
        head = tok.head
        if tok.dep_ == "pcomp" and head.head is not head:  # "as quoted by", "after saying"
            head = head.head
        while head.pos_ in ("VERB", "AUX") and depth < 3:
            found = subject_of(head, depth + 1)
            if found is not None or head.dep_ not in ("conj", "advcl", "xcomp", "ccomp") or head.head is head:
                return found
            head = head.head
            depth += 1
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("PROPN", "NOUN"):
        return tok.head
    return None


def _through_relative(tok: Token) -> Token:
    """'who' / 'which' as a subject stands for the noun its clause modifies."""
    if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


@dataclass
class NameParts:
    mention: tuple[int, int]  # token range [start, end)
    name: Optional[tuple[int, int]]  # token range of the proper-noun run, if any
    role: Optional[str]
    pronoun: Optional[str]


def _propn_run(doc: Doc, i: int, lo: int, hi: int) -> tuple[int, int]:
    s = e = i
    while s - 1 >= lo and _is_nameish(doc[s - 1]) and doc[s - 1].dep_ in ("compound", "flat", "nmod", "amod", "nsubj", "pobj", "appos", "dobj"):
        s -= 1
    while e + 1 < hi and _is_nameish(doc[e + 1]) and doc[e + 1].head.i in range(s, e + 2):
        e += 1
    return s, e + 1


TITLES_NODOT = {t.rstrip(".") for t in TITLES}


def _clean_role(words: Sequence[Token]) -> Optional[str]:
    toks = list(words)
    while toks and (toks[0].pos_ in ("DET", "PUNCT", "ADP", "CCONJ") or toks[0].lower_ in ("former", "then")):
        if toks[0].lower_ == "former" and len(toks) > 1:
            break
        toks = toks[1:]
    while toks and toks[-1].pos_ in ("PUNCT", "ADP", "DET", "CCONJ", "PART"):
        toks = toks[:-1]
    if not toks or not any(t.pos_ in ("NOUN", "PROPN") for t in toks):
        return None
    text = "".join(t.text_with_ws for t in toks).strip()
    return text or None


def name_parts(doc: Doc, tok: Token) -> NameParts:
    """Mention, name and role around the head token of a speaker noun phrase."""
    if tok.pos_ == "PRON" or tok.lower_ in PRONOUNS:
        return NameParts((tok.i, tok.i + 1), None, None, tok.lower_)
    # the mention: the subtree up to a comma, bracket or relative clause after the head
    left = tok.left_edge.i
    right = tok.i
    for t in tok.subtree:
        if t.i <= tok.i:
            continue
        if t.text in (",", "(", "—", "–", "―", ";", ":") or t.dep_ in ("relcl", "acl") or t.lower_ in ("who", "which", "that") or t.is_space:
            break
        right = t.i
    for j in range(tok.i - 1, left - 1, -1):  # never across a line break
        if "\n" in doc[j].text_with_ws:
            left = j + 1
            break
    for j in range(tok.i, right):
        if "\n" in doc[j].text_with_ws:
            right = j
            break
    while left < tok.i and (doc[left].is_punct or doc[left].is_space or doc[left].lower_ in ("and", "but", "while", "as")):
        left += 1
    role = None
    name = None
    if _is_nameish(tok):
        s, e = _propn_run(doc, tok.i, left, right + 1)
        name = (s, e)
        if all(doc[k].text.lower().rstrip(".") in TITLES_NODOT for k in range(s, e)):
            name = None  # "The Deputy Prime Minister of Ukraine Iryna Vereshchuk": the head is a title
    if name is None:
        # "the commander of the platoon Konstantin Buynichev": a name run closing the phrase
        for j in range(right, tok.i, -1):
            if _is_nameish(doc[j]):
                s, e = _propn_run(doc, j, tok.i + 1, right + 1)
                t = s
                while t < e and doc[t].text.lower().rstrip(".") in TITLES_NODOT:
                    t += 1
                # not a name inside a modifier: "advisers to Mr. Obama", "a narrator in the Clinton ad"
                inside = e < right + 1 or (s > 0 and doc[s - 1].pos_ == "ADP" and doc[s - 1].lower_ != "of") \
                    or doc[j].dep_ == "poss"
                if (e - s >= 2 or doc[j].ent_type_ == "PERSON") and not inside:
                    name = (s, e)
                break
        if name is None:
            for c in tok.children:  # appositive name after a comma: "the adviser, Olexiy Arestovych,"
                if c.dep_ == "appos" and _is_nameish(c):
                    s, e = _propn_run(doc, c.i, c.left_edge.i, c.right_edge.i + 1)
                    name = (s, e)
                    role = _clean_role(doc[left : tok.i + 1])
                    right = max(right, c.right_edge.i)
                    break
    if name is not None:
        s, e = name
        # "Minister of Ukraine Iryna Vereshchuk": the place belongs to the title
        if s > 0 and doc[s - 1].lower_ == "of" and e - s >= 3:
            s += 1
        # title words in the run go to the role: "Homeland Security Secretary Jeh Johnson"
        t = s
        for k in range(s, e - 1):
            if doc[k].text.lower().rstrip(".") in TITLES_NODOT:
                t = k + 1
        last = doc[e - 1]
        if last.ent_type_ == "PERSON" and last.ent_iob_ != "B":
            k = e - 1
            while k > t and doc[k].ent_iob_ == "I":
                k -= 1
            if doc[k].ent_iob_ == "B" and doc[k].ent_type_ == "PERSON" and k > t:
                t = k
        name = (t, e)
        if role is None and t > left:
            role = _clean_role(doc[left:t])
        if role is None:
            for c in doc[e - 1].children:  # "Konstantin Buynichev, the commander of the platoon,"
                if c.dep_ == "appos" and c.pos_ == "NOUN":
                    role = _clean_role(doc[c.left_edge.i : c.right_edge.i + 1])
                    break
    return NameParts((left, right + 1), name, role, None)


# --------------------------------------------------------------------------------------------
# The article's names


def _fold(s: str) -> str:
    return s.replace("’", "'").strip()


def _key(word: str) -> str:
    w = _fold(word).lower()
    if w.endswith("'s"):
        w = w[:-2]
    return w.rstrip(".'")


_SUFFIXES = ("ian", "ean", "ese", "ish", "ia", "an", "e", "a", "n", "s")
_ORG_STOP = frozenset("the a an of s and 's its their his her our".split())


def _stem(word: str) -> str:
    w = _key(word)
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 4:
            return w[: -len(suf)]
    return w


def _org_key(words: Sequence[str]) -> frozenset[str]:
    return frozenset(_stem(w) for w in words if _key(w) not in _ORG_STOP)


@dataclass
class _Mention:
    start: int  # char offset
    end: int
    token: int  # head token index
    name: str
    kind: str  # PERSON | ORG
    subject: bool


@dataclass
class NameBook:
    """The article's person and organisation names, their fullest forms and where they occur."""

    persons: dict[str, list[str]] = field(default_factory=dict)  # surname key -> full names, first seen first
    first_names: dict[str, str] = field(default_factory=dict)  # given-name key -> fullest name
    orgs: dict[frozenset, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)  # canonical name -> m | f
    mentions: list[_Mention] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)

    # -- names
    def add_person(self, words: Sequence[str]) -> str:
        words = [w for w in words if w and not w.isspace()]
        if len(words) >= 3:  # "John D. Podesta" -> "John Podesta"
            words = [words[0]] + [w for w in words[1:-1] if not re.fullmatch(r"[A-Z]\.?", w)] + [words[-1]]
        if not words:
            return ""
        key = _key(words[-1])
        full = " ".join(words)
        names = self.persons.setdefault(key, [])
        firsts = [n.split()[0].lower() for n in names]
        if len(words) >= 2 and words[0].lower() not in firsts:
            names.append(full)
        elif len(words) >= 2:
            i = firsts.index(words[0].lower())
            if len(names[i].split()) < len(words):
                names[i] = full
        elif not names:
            names.append(full)
        if len(words) >= 2:
            self.first_names.setdefault(_key(words[0]), full)
        return self.person_name(words) or full

    def person_name(self, words: Sequence[str], gender: Optional[str] = None) -> Optional[str]:
        """Fullest form of a person name: 'Zelenskyy' -> 'Volodymyr Zelenskyy'; None if not a known person."""
        words = [w for w in words if w and not w.isspace()]
        if not words:
            return None
        names = self.persons.get(_key(words[-1]))
        if not names:
            return self.first_names.get(_key(words[0])) if len(words) == 1 else None
        full = [n for n in names if len(n.split()) >= 2]
        if len(words) >= 2:  # a first name given: the name with that first name, else itself
            first = words[0].lower()
            same = [n for n in full if n.split()[0].lower() == first]
            if same:
                return same[0]
            return " ".join(words)
        if gender is not None:
            fits = [n for n in full if self.genders.get(n) in (gender, None)]
            if fits:
                return fits[0]
        return full[0] if full else names[0]

    def is_person(self, words: Sequence[str]) -> bool:
        return self.person_name(words) is not None

    def org_name(self, words: Sequence[str]) -> str:
        key = _org_key(words)
        text = " ".join(words)
        if not key:
            return text
        known = self.orgs.get(key)
        if known is None:
            for k, v in self.orgs.items():  # "the ministry" after "Ukraine's defence ministry"
                if key < k and len(key) >= 1 and any(w in k for w in key):
                    if len(key) >= 2 or len(k) <= 3:
                        return v
            self.orgs[key] = text
            return text
        return known

    def canonical(self, words: Sequence[str], person: Optional[bool] = None, gender: Optional[str] = None) -> str:
        if person is None:
            person = self.is_person(words)
        if person:
            return self.person_name(words, gender) or " ".join(words)
        return self.org_name(words)

    # -- mentions and pronouns
    def add_mention(self, m: _Mention, exclude: Optional[SpanIndex] = None) -> None:
        if exclude is not None and exclude.overlaps(m.start, m.end):
            return
        i = bisect.bisect_right(self._starts, m.start)
        self._starts.insert(i, m.start)
        self.mentions.insert(i, m)

    def resolve(self, pronoun: str, at: int, blocked: Optional[SpanIndex] = None, prefer: Optional[str] = None,
                window: int = 1500) -> Optional[str]:
        """Canonical name a pronoun at char offset ``at`` refers to, or None."""
        p = PRONOUNS.get(pronoun.lower())
        if p not in ("m", "f", "p", "n"):
            return None
        i = bisect.bisect_left(self._starts, at)
        best_any = None
        for j in range(i - 1, -1, -1):
            m = self.mentions[j]
            if at - m.start > window:
                break
            if m.end > at or (blocked is not None and blocked.covering(m.start) is not None):
                continue
            if p in ("m", "f"):
                if m.kind != "PERSON":
                    continue
                g = self.genders.get(m.name)
                if g is not None and g != p:
                    continue
                if prefer == m.name:
                    return m.name
                if g == p and best_any is not None:
                    return m.name  # a person known to agree beats a nearer one of unknown gender who was no subject
                if best_any is None:
                    best_any = m.name
                    if m.subject or g == p:
                        return m.name
            else:
                if m.kind != "ORG":
                    continue
                if p == "n" and m.name.lower().split()[-1] in _PLURAL_GROUPS:
                    continue
                return m.name
        return best_any


def _gender_of(words: Sequence[str], before: Sequence[str]) -> Optional[str]:
    """Gender from title or role words near the name (before it, or in an apposition after), else the given name."""
    for w in list(before)[-6:]:
        lw = w.lower()
        if lw in _FEMALE_WORDS:
            return "f"
        if lw in _MALE_WORDS:
            return "m"
    if words:
        first = _key(words[0])
        if first in _FEMALE_NAMES:
            return "f"
        if first in _MALE_NAMES:
            return "m"
    return None


def _build_group_matcher(vocab) -> Matcher:
    m = Matcher(vocab)
    m.add("group", [[{"LOWER": {"IN": sorted(GROUP_NOUNS)}, "POS": {"IN": ["NOUN", "PROPN"]}}]])
    return m


def _group_matcher(doc: Doc) -> Matcher:
    return per_vocab("speaker-groups", doc, _build_group_matcher)


def build_namebook(doc: Doc, subject_tokens: Sequence[int] = (), exclude: Optional[SpanIndex] = None) -> NameBook:
    """Collect the article's persons (spaCy PERSON entities, proper-noun subjects of cues) and organisations."""
    book = NameBook()
    ents = list(doc.ents)
    # persons: PERSON entities first, then proper-noun runs that speak
    if exclude is not None:
        ents = [e for e in ents if not exclude.overlaps(e.start_char, e.end_char)]
    for ent in ents:
        if ent.label_ == "PERSON":
            words = _name_words(ent)
            if words:
                book.add_person(words)
    speaking: list[tuple[int, int]] = []
    for i in subject_tokens:
        tok = doc[i]
        parts = name_parts(doc, tok)
        if parts.name is not None:
            s, e = parts.name
            words = _span_words(doc[s:e])
            if (e - s >= 2 and not any(w.lower() in _ORG_WORDS for w in words)) or doc[e - 1].ent_type_ == "PERSON":
                book.add_person(words)
            speaking.append((s, e))
    # genders
    for ent in ents:
        if ent.label_ in ("PERSON", "ORG", "NORP", "GPE") or True:
            words = _name_words(ent)
            if words and book.is_person(words):
                before = [t.text for t in doc[max(0, ent.start - 3) : ent.start]]
                if ent.end < len(doc) and doc[ent.end].text == ",":  # "Olena Brisk, a spokeswoman for ..."
                    before += [t.text for t in doc[ent.end + 1 : min(len(doc), ent.end + 4)]]
                g = _gender_of(words, before)
                name = book.person_name(words)
                if g and name and name not in book.genders:
                    book.genders[name] = g
    for name in {n for names in book.persons.values() for n in names}:
        if name not in book.genders:
            g = _gender_of(name.split(), [])
            if g:
                book.genders[name] = g
    # mentions
    seen_tokens: set[int] = set()
    for ent in ents:
        if ent.label_ not in ("PERSON", "ORG", "NORP", "GPE"):
            continue
        words = _name_words(ent)
        if not words:
            continue
        person = book.is_person(words)
        if not person and ent.label_ != "ORG":
            continue
        head = ent.root
        book.add_mention(
            _Mention(ent.start_char, ent.end_char, head.i, book.canonical(words, person), "PERSON" if person else "ORG",
                     head.dep_ in ("nsubj", "nsubjpass")),
            exclude,
        )
        seen_tokens.update(range(ent.start, ent.end))
    for s, e in speaking:
        if s in seen_tokens:
            continue
        words = _span_words(doc[s:e])
        person = book.is_person(words)
        book.add_mention(
            _Mention(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), e - 1, book.canonical(words, person),
                     "PERSON" if person else "ORG", True),
            exclude,
        )
        seen_tokens.update(range(s, e))
    for _, start, _end in _group_matcher(doc)(doc):
        tok = doc[start]
        if tok.i in seen_tokens or tok.dep_ == "compound":
            continue
        left = tok.left_edge.i
        while left < tok.i and doc[left].pos_ in ("DET", "PRON", "PUNCT", "CCONJ"):
            left += 1
        words = [t.text for t in doc[left : tok.i + 1] if t.pos_ != "PART"]
        if any(t.pos_ in ("VERB", "ADP", "NUM") for t in doc[left : tok.i + 1]):
            words = [tok.text]
        name = book.org_name(words)
        book.add_mention(_Mention(doc[left].idx, tok.idx + len(tok), tok.i, name, "ORG", tok.dep_ in ("nsubj", "nsubjpass")), exclude)
    return book


def _span_words(span) -> list[str]:
    """Words of a name as written ('Holtz-Eakin' stays one word), without a possessive 's."""
    text = re.sub(r"['’]s$", "", span.text.strip())
    return text.split()


def _name_words(span) -> list[str]:
    toks = [t for t in span if not t.is_punct or t.text == "."]
    while toks and (toks[0].pos_ == "DET" or toks[0].lower_.rstrip(".") in TITLES_NODOT) and len(toks) > 1:
        toks = toks[1:]
    while toks and toks[-1].pos_ == "PART":
        toks = toks[:-1]
    if not toks:
        return []
    return _span_words(toks[0].doc[toks[0].i : toks[-1].i + 1])


# --------------------------------------------------------------------------------------------
# From a cue to a Speaker


class SpeakerFinder:
    """Turns the source token of a cue into a :class:`~newsledger.records.Speaker`."""

    def __init__(self, doc: Doc, book: NameBook, blocked: Optional[SpanIndex] = None):
        self.doc = doc
        self.book = book
        self.blocked = blocked

    def from_token(self, tok: Token, prefer: Optional[str] = None, relative: Optional[Token] = None) -> Optional[Speaker]:
        doc = self.doc
        if relative is None and tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
            antecedent = tok.head.head
            if antecedent.i != tok.i:
                sp = self.from_token(antecedent, prefer=prefer, relative=tok)
                if sp is not None:
                    return sp
            return Speaker(name=None, mention=tok.text, span=(tok.idx, tok.idx + len(tok.text)))
        if relative is not None:
            sp = self.from_token(tok, prefer=prefer)
            if sp is None:
                return None
            return Speaker(name=sp.name, mention=relative.text, span=(relative.idx, relative.idx + len(relative.text)),
                           role=sp.role)
        parts = name_parts(doc, tok)
        ms, me = parts.mention
        mention_text = doc[ms:me].text  # not doc.text[...]: that rebuilds the whole text on every call
        span = (doc[ms].idx, doc[ms].idx + len(mention_text))
        if parts.pronoun is not None:
            name = self.book.resolve(parts.pronoun, doc[ms].idx, self.blocked, prefer=prefer)
            if parts.pronoun in ("i", "we", "you", "me", "us"):
                name = prefer if prefer else None
            return Speaker(name=name, mention=mention_text, span=span, role=None)
        if parts.name is not None:
            s, e = parts.name
            words = _span_words(doc[s:e])
            person = self.book.is_person(words) or (
                len(words) >= 2 and not any(w.lower() in _ORG_WORDS for w in words) and doc[e - 1].ent_type_ != "GPE"
                and doc[e - 1].ent_type_ != "ORG"
            )
            if person:
                title = doc[s - 1].lower_.rstrip(".") if s > 0 else ""
                gender = "m" if title == "mr" else "f" if title in ("mrs", "ms", "miss") else None
                name = self.book.canonical(words, True, gender)
            else:  # organisations keep their whole name: "the UK Ministry of Defence"
                owords = [t.text for t in doc[ms:me] if not t.is_punct and t.pos_ != "PART"]
                while len(owords) > 1 and owords[0].lower() in ("the", "a", "an"):
                    owords = owords[1:]
                name = self.book.org_name(owords if len(owords) <= 8 else words)
            return Speaker(name=name, mention=mention_text, span=span, role=parts.role)
        # a common-noun source: "the Ukrainian defence ministry", "officials", "a spokesman"
        toks = [t for t in doc[ms:me] if not t.is_punct]
        while toks and toks[0].pos_ in ("DET",) and len(toks) > 1:
            toks = toks[1:]
        if not toks or all(t.pos_ in ("DET", "PRON", "NUM", "ADV") for t in toks):
            return None
        words = [t.text for t in toks if t.pos_ != "PART"]
        if tok.text[:1].isupper() and tok.pos_ != "PRON":  # a name the tagger took for a noun
            known = self.book.person_name([tok.text])
            if known:
                return Speaker(name=known, mention=mention_text, span=span, role=None)
        if len(words) > 12:
            words = words[-6:]
        name = self.book.org_name(words) if tok.lemma_ in GROUP_NOUNS or tok.pos_ == "PROPN" else " ".join(words)
        return Speaker(name=name, mention=mention_text, span=span, role=None)
