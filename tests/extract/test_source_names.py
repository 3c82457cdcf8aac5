"""Source names: a role with a name in apposition, and pronouns agreeing with a role's gender."""

from __future__ import annotations

import pytest

from newsledger.extract.pipeline import doc_for
from newsledger.ingest.article import make_article


def run(nlp, text):
    doc = nlp(doc_for(nlp, make_article(text, "mem", metadata={"published": "2024-05-02"})))
    return doc, doc._.nl_quotes, doc._.nl_claims


def test_claim_source_named_by_apposition(nlp):
    text = ("The port's harbour master, Captain Ilse Marten, said more than 300 ships had been turned away "
            "since January.\n")
    doc, quotes, claims = run(nlp, text)
    (claim,) = claims
    assert claim.source.name == "Ilse Marten"
    (quote,) = quotes  # the claim's source is its quote's speaker, as the document model resolved it
    assert (claim.source.mention, claim.source.span, claim.source.quote) == (quote.speaker.mention, quote.speaker.span,
                                                                             quote.id)
    assert text[claim.source.span[0]:claim.source.span[1]] == claim.source.mention


@pytest.mark.parametrize("role", ["a spokeswoman for the navy", "the mother of two conscripts"])
def test_she_goes_to_the_woman_named_by_her_role_not_a_nearer_unknown_name(nlp, role):
    text = (f"Colonel Dana Orlik, {role}, said nine drones were shot down near Brestavo.\n"
            "\"We are stretching a handful of systems over a whole region,\" she said.\n")
    _, quotes, _ = run(nlp, text)
    direct = [q for q in quotes if q.kind == "direct"]
    assert direct and direct[0].speaker.name == "Dana Orlik"
