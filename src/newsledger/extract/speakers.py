"""Who said it: from the source token of a cue to a :class:`~newsledger.records.Speaker`.

Two small steps over a parsed Doc and its document model (``doc._.nl_people``):

- :func:`subject_of` finds the token that performs a reporting act (nsubj,
  passive agent, "according to" object, the subject a participle or a
  coordinated verb borrows, the noun a "who said" clause modifies);
- :class:`SpeakerResolver` turns that token into a Speaker: the mention as
  written (with its span), the document entity's canonical name and role.
  Pronouns take their entity, preferring the passage's current speaker when
  it agrees; first-person pronouns take the quote's own speaker; a document
  ("the report published by X") gives way to its author.

Nothing here invents a speaker: a source that is no person, body or document
("the case", "statement") gives None.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from ..lexicon.names import fold, org_key, person_parts
from ..lexicon.words import (
    CAUSATIVE_VERBS, DOCUMENT_NOUNS, NEVER_SPEAKERS, PRONOUNS, PUBLISHING_VERBS, QUANTIFIER_SOURCES, ROLE_NAMES,
    SPEECH_VERBS, TITLE_WORDS,
)
from ..records import Speaker
from ._doc import sentence_at
from .people import DocEntity, People, PersonMention
from .people.pronouns import GUESSED_GENDER_CLASH, agrees, main_clause_subject

__all__ = ["subject_of", "quoted_speaker", "publisher_of", "SpeakerResolver", "np_extent"]

_RELATIVE = ("who", "which", "that")


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
        if c.dep_ == "nsubj" and not _in_quoted_title(c, tok):
            return c
        if c.dep_ == "nsubjpass":
            passive = c
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    if passive is not None and passive.lower_ not in ("it", "that", "this"):
        if tok.lemma_ in ("quote", "cite", "report"):  # "X was quoted as saying": the passive subject speaks
            return _through_relative(passive)
    if passive is not None and tok.dep_ not in ("conj", "advcl", "xcomp", "pcomp"):
        return None
    return _borrowed_subject(tok, depth)


def _in_quoted_title(subj: Token, verb: Token) -> bool:
    """'... said on Fox News's "Fox and Friends."': a word in quotation marks after the verb, that the parser
    took for its subject, is a title, not who spoke."""
    if subj.i < verb.i:
        return False
    return any(t.is_quote and t.text in ("“", '"', "``", "‘") for t in subj.doc[max(verb.i + 1, subj.i - 3):subj.i])


def _borrowed_subject(tok: Token, depth: int) -> Optional[Token]:
    """The subject of the verb a participle, infinitive or coordinated verb hangs on."""
    if depth < 3 and tok.dep_ in ("conj", "advcl", "xcomp", "pcomp", "ccomp") and tok.head.i != tok.i:
        head = tok.head
        if tok.dep_ == "pcomp" and head.head.i != head.i:  # "as quoted by", "after saying"
            head = head.head
        quoted = _quoted_source(head) or _controller(tok)
        if quoted is not None:
            return quoted
        while head.pos_ in ("VERB", "AUX") and depth < 3:
            found = subject_of(head, depth + 1)
            if found is not None or head.dep_ not in ("conj", "advcl", "xcomp", "ccomp") or head.head.i == head.i:
                return found
            head = head.head
            depth += 1
    if tok.dep_ in ("relcl", "acl") and tok.head.pos_ in ("PROPN", "NOUN"):
        return tok.head
    return None


def _controller(tok: Token) -> Optional[Token]:
    """'forced the banker to admit that ...': the infinitive's speaker is the object the verb acts on, not
    the verb's subject."""
    if tok.dep_ != "xcomp" or tok.head.lemma_ not in CAUSATIVE_VERBS:
        return None
    obj = next((c for c in tok.head.children if c.dep_ == "dobj" and c.i < tok.i), None)
    return obj if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON") else None


def publisher_of(cue: Token) -> Optional[Token]:
    """'In a note issued by the council, it was said ...': for a cue with no personal subject, the agent of a
    publishing verb in its sentence issued what the cue reports."""
    subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is not None and subj.lower_ not in ("it", "that", "this"):
        return None
    for t in sentence_at(cue.doc, cue.i):
        if t.dep_ == "agent" and t.head.i != cue.i and t.head.lemma_ in PUBLISHING_VERBS:
            return next((g for g in t.children if g.dep_ == "pobj"), None)
    return None


def quoted_speaker(cue: Token) -> Optional[Token]:
    """The one an agency or paper quotes ("X quoted the minister as saying ..."), or the one a verb makes
    speak ("forced the banker to admit ..."), or None: the parse states who spoke, so no ranking is needed."""
    if cue.dep_ not in ("pcomp", "advcl", "xcomp") or cue.head.i == cue.i:
        return None
    head = cue.head.head if cue.dep_ == "pcomp" and cue.head.head.i != cue.head.i else cue.head
    return _quoted_source(head) or _controller(cue)


def _quoted_source(verb: Token) -> Optional[Token]:
    """'The agency quoted the minister as saying ...': the one quoted speaks, not the one quoting."""
    if verb.lemma_ not in ("quote", "cite"):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _through_relative(tok: Token) -> Token:
    """'who' / 'which' as a subject stands for the noun its clause modifies."""
    if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
        return tok.head.head
    return tok


def np_extent(tok: Token) -> tuple[int, int]:
    """Token range of the noun phrase a head token stands for, cut at a comma, bracket, clause or line."""
    doc = tok.doc
    left, right = tok.left_edge.i, tok.i
    for t in tok.subtree:
        if t.i <= tok.i:
            continue
        if t.text in (",", "(", "—", "–", "―", ";", ":") or t.dep_ in ("relcl", "acl") or t.lower_ in _RELATIVE \
                or t.is_space or "\n" in doc[t.i - 1].text_with_ws:
            break
        right = t.i
    for j in range(tok.i - 1, left - 1, -1):
        if "\n" in doc[j].text_with_ws:
            left = j + 1
            break
    while left < tok.i and (doc[left].is_punct or doc[left].is_space or doc[left].lower_ in ("and", "but", "while", "as")):
        left += 1
    return left, right + 1


class SpeakerResolver:
    """Speakers of one doc through its document model; ``prefer`` is the passage's current speaker entity."""

    def __init__(self, doc: Doc, people: People):
        self.doc = doc
        self.people = people
        self._entity: Optional[int] = None  # entity of the speaker the last resolve() gave

    def from_token(self, tok: Token, prefer: Optional[int] = None) -> Optional[Speaker]:
        return self.resolve(tok, prefer)[0]

    def resolve(self, tok: Token, prefer: Optional[int] = None) -> tuple[Optional[Speaker], Optional[int]]:
        """The speaker a source token gives, and the index of its document entity (None if it has none)."""
        self._entity = None
        speaker = self._resolve(tok, prefer)
        return speaker, (self._entity if speaker is not None else None)

    def _resolve(self, tok: Token, prefer: Optional[int] = None) -> Optional[Speaker]:
        if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl" and tok.head.head.i != tok.i:
            inner = self._resolve(tok.head.head, prefer)
            if inner is None:
                return None
            return Speaker(name=inner.name, mention=tok.text, span=(tok.idx, tok.idx + len(tok.text)), role=inner.role)
        m = self.people.mention_at(tok.i)
        if m is not None and (m.head == tok.i or m.kind == "name"):
            return self._from_mention(m, prefer)
        return self._from_phrase(tok, prefer)

    def _from_mention(self, m: PersonMention, prefer: Optional[int]) -> Optional[Speaker]:
        span = m.char_span
        if m.kind == "pronoun":
            ent = self._pronoun_entity(m, prefer)
            self._entity = ent.index if ent is not None else None
            return Speaker(name=ent.name if ent else None, mention=m.text, span=span, role=_role(ent, None))
        ent = self.people.entity_of(m)
        self._entity = ent.index if ent is not None else None
        name = ent.name if ent is not None else (m.name or m.role or m.text)
        return Speaker(name=name, mention=m.text, span=span, role=_role(ent, m))

    def _pronoun_entity(self, m: PersonMention, prefer: Optional[int]) -> Optional[DocEntity]:
        if m.person in (1, 2):
            return self.people.entities[prefer] if prefer is not None and m.person == 1 else None
        ranked = self.people.pronoun_referents(m)
        if prefer is not None and prefer < len(self.people.entities) and not m.epithet:
            wanted = self.people.entities[prefer]
            # the passage's speaker, when it agrees and is not far less salient; a first-name guess of
            # the other gender does not count against the speaker the passage is about
            guessed_only = wanted.gender not in (None, m.gender) and ranked and _last_before(wanted, m) >= \
                _last_before(ranked[0][1], m)  # ... unless someone of the pronoun's gender came up since
            margin = 1.0 + (GUESSED_GENDER_CLASH if guessed_only else 0.0)
            if agrees(m, wanted) and any(e.index == wanted.index and s > ranked[0][0] - margin for s, e in ranked) \
                    and not _took_over(self.doc, ranked[0][1], wanted, m):
                return wanted
        if ranked:
            return ranked[0][1]
        return self.people.entity_of(m)

    def _from_phrase(self, tok: Token, prefer: Optional[int]) -> Optional[Speaker]:
        """A source that is no person mention: a document with its author, or a plain description."""
        doc = self.doc
        lemma = tok.lemma_.lower()
        if tok.lower_ in QUANTIFIER_SOURCES and tok.pos_ in ("DET", "PRON", "NOUN"):
            return Speaker(name=tok.text, mention=tok.text, span=(tok.idx, tok.idx + len(tok.text)))  # "some say": unnamed, as written
        named = next((self.people.mention_at(c.i) for c in tok.children if c.dep_ == "appos"
                      and (self.people.mention_at(c.i) or _NONE).kind == "name"), None)
        if named is not None:  # "the election, Ann Lee, an adviser, said": a misparse round a name
            return self._from_mention(named, prefer)
        if tok.pos_ not in ("NOUN", "PROPN") or tok.lower_ in PRONOUNS:
            return None
        start, end = np_extent(tok)
        mention = doc[start:end]
        if lemma in DOCUMENT_NOUNS:  # a document speaks for its author ("the statement said" after "X issued a statement")
            author = self._author_of(tok) or self._earlier_document_author(tok)
            if author is not None:
                found = self._from_mention(author, prefer)
                if found is not None:
                    return Speaker(name=found.name, mention=mention.text, span=(mention.start_char, mention.end_char),
                                   role=found.role)
        if lemma in NEVER_SPEAKERS:
            return None
        words = [t for t in mention if t.pos_ not in ("DET", "PUNCT")]
        if not words or all(t.pos_ in ("NUM", "ADV", "PRON") for t in words):
            return None
        name = doc[words[0].i:words[-1].i + 1].text
        known = self._named_entity(name) if tok.text[:1].isupper() else None
        if known is not None:  # a name the NER missed here but found elsewhere in the article
            self._entity = known.index
            return Speaker(name=known.name, mention=mention.text, span=(mention.start_char, mention.end_char),
                           role=_role(known, None))
        return Speaker(name=name, mention=mention.text, span=(mention.start_char, mention.end_char))

    def _named_entity(self, name: str) -> Optional[DocEntity]:
        """The one named entity of the article this written name fits (surname or organisation key); a bare
        office ("Minister: ..." in a headline) fits the one named person holding it."""
        office = fold(name).rstrip(".")
        if office in TITLE_WORDS and " " not in office:
            office = ROLE_NAMES.get(office, office)
            holders = [e for e in self.people.entities if e.named and e.type == "PERSON" and office in e.role_heads]
            return holders[0] if len(holders) == 1 else None
        first, last = person_parts(name)
        fits = []
        for ent in self.people.entities:
            if not ent.named:
                continue
            for other in ent.names():
                of, ol = person_parts(other)
                if (ent.type == "PERSON" and last and ol == last and (first is None or first == of)) or (
                        ent.type == "ORG" and org_key(other) == org_key(name)):
                    fits.append(ent)
                    break
        return fits[0] if len(fits) == 1 else None

    def _earlier_document_author(self, tok: Token) -> Optional[PersonMention]:
        """'The statement said ...' after 'In a statement, the council said ...': the definite document is the
        one named shortly before, and its author is who issued it there (in its own phrase or as the subject
        of the verb of saying it belongs to)."""
        if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
            return None
        sent_lo = self.people.sent_of[tok.i]
        for k in range(tok.i - 1, -1, -1):
            if self.people.sent_of[k] < sent_lo - 3:
                break
            earlier = self.doc[k]
            if earlier.lemma_.lower() != tok.lemma_.lower():
                continue
            author = self._author_of(earlier)
            if author is None and earlier.dep_ == "pobj" and earlier.head.head.lemma_ in SPEECH_VERBS:
                subj = subject_of(earlier.head.head)
                author = self.people.mention_at(subj.i) if subj is not None else None
            return author
        return None

    def _author_of(self, tok: Token) -> Optional[PersonMention]:
        """'the report published by X', "X's report", 'a statement from X': the mention of X."""
        for c in tok.subtree:
            if c.i == tok.i:
                continue
            if (c.dep_ == "poss" and c.head.i == tok.i) or (c.dep_ == "pobj" and c.head.lower_ in ("by", "from", "of")):
                m = self.people.mention_at(c.i)
                if m is not None and m.kind != "pronoun":
                    return m
        return None


def _took_over(doc: Doc, best: DocEntity, wanted: DocEntity, m: PersonMention) -> bool:
    """Someone else became the subject of a sentence since the passage's speaker was last mentioned
    ("Arsenal's manager refused to blame the referee. Asked about it, he said ..."): the story moved to them."""
    if best.index == wanted.index:
        return False
    last_subject = max((x.start for x in best.mentions if x.start < m.start and not x.quoted
                        and main_clause_subject(doc, x)), default=-1)
    return last_subject > _last_before(wanted, m)


def _last_before(ent: DocEntity, m: PersonMention) -> int:
    """Where ``ent`` was last mentioned before ``m`` (-1 if it was not); for a pronoun outside quotation
    marks, a name inside someone's quote is not where the story last spoke of them."""
    return max((x.start for x in ent.mentions if x.start < m.start and (m.quoted or not x.quoted)), default=-1)


class _NoMention:
    kind = None


_NONE = _NoMention()


def _role(ent: Optional[DocEntity], m: Optional[PersonMention]) -> Optional[str]:
    if m is not None and m.role and m.kind == "name":
        return m.role
    if ent is not None and ent.roles and ent.named:
        return next((r for r in ent.roles if fold(r) != fold(ent.name)), None)
    return None
