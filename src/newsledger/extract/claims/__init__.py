"""Claims: what is asserted, by whom, with which figure, and what is known of its truth.

Small steps with one job each, pure functions over a parsed Doc:

1. :mod:`.units` - where claims can be: quotation contents (source: the quote's resolved
   speaker), clauses reported by a verb of saying or evidence (source: the verb's resolved
   subject), hedged hearsay (unattributed) and the article's own narration;
2. :mod:`.figures` - the stated figures of a unit (values, units and bounds from
   :mod:`newsledger.extract.quantities`; names, ages and classifying measures left out), what
   each counts, and one claim per figure;
3. :mod:`.assertion` - whether a clause with no figure asserts a fact (no opinion, appeal,
   prediction, question or assessment; no topic word decides);
4. :mod:`.status` and :mod:`.links` - verification cues and an explicit link from each piece of
   evidence to the claims it speaks of, with who gave the evidence.

The spaCy component ``newsledger_claims_v1`` writes ``doc._.nl_claims`` and
``doc.spans["claims"]``; it reads ``doc._.nl_people``, ``doc._.nl_quotes`` and
``doc._.nl_times`` when earlier components set them.
"""

from spacy.language import Language
from spacy.tokens import Doc

from .._doc import ensure_extensions
from ..spans import char_spans
from .assertion import not_an_assertion
from .build import extract_claims
from .status import StatusCue, find_status_cues

__all__ = ["extract_claims", "find_status_cues", "not_an_assertion", "StatusCue", "ClaimExtractor"]


class ClaimExtractor:
    """spaCy component: ``doc._.nl_claims`` and the ``claims`` span group (label: status)."""

    def __init__(self, name: str = "newsledger_claims"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        claims = extract_claims(doc)
        doc._.nl_claims = claims
        doc.spans["claims"] = char_spans(doc, claims, label=lambda c: c.status)
        return doc


ensure_extensions()


@Language.factory(
    "newsledger_claims_v1",
    assigns=["doc._.nl_claims", "doc.spans"],
    requires=["doc.sents", "token.dep"],
    retokenizes=False,
)
def make_claims(nlp: Language, name: str) -> ClaimExtractor:
    return ClaimExtractor(name)
