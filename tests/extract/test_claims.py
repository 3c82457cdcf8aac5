"""Claims: what is check-worthy, who it is attributed to, quantities and verification status (our own sentences)."""

from __future__ import annotations

import pytest

from newsledger.extract.claims import extract_claims, find_status_cues
from newsledger.records import Quote, Speaker


@pytest.fixture(scope="module")
def parse(nlp):
    def run(text, quotes=None):
        doc = nlp(text)
        doc._.nl_published = "2023-05-10"
        return doc, extract_claims(doc, quotes=quotes if quotes is not None else [])
    return run


def check_spans(doc, claims):
    for c in claims:
        assert doc.text[c.span[0]:c.span[1]] == c.text
        if c.status_evidence:
            s, e = c.status_evidence.span
            assert doc.text[s:e] == c.status_evidence.text


# -- status cues, as a pure function over one or two sentences --------------------------------------

@pytest.mark.parametrize(
    "text, status, evidence",
    [
        ("These numbers could not be independently verified.", "unverified", "These numbers could not be independently verified"),
        ("The toll has not been confirmed by the hospital, officials said.", "unverified", "The toll has not been confirmed by the hospital"),
        ("Reporters were unable to verify the account.", "unverified", "Reporters were unable to verify the account"),
        ("The figure remains unverified.", "unverified", "The figure remains unverified"),
        ("The navy denied the report.", "disputed", "The navy denied the report"),
        ("The company rejects the allegation, however.", "disputed", "The company rejects the allegation"),
        ("The count was independently verified by observers.", "confirmed", "The count was independently verified by observers"),
        ("Two barns burned, according to reports.", "unattributed", "Two barns burned, according to reports"),
        ("The mayor reportedly fled the town.", "unattributed", "The mayor reportedly fled the town"),
        ("There have been reports of looting in the port.", "unattributed", "There have been reports of looting in the port"),
    ],
)
def test_status_cues(text, status, evidence):
    cues = find_status_cues(text)
    assert cues and cues[0].status == status
    assert cues[0].evidence.text == evidence
    s, e = cues[0].evidence.span
    assert text[s:e] == evidence


def test_anaphoric_cue_is_marked():
    (cue,) = find_status_cues("These figures have not been verified.")
    assert cue.anaphoric


# -- extraction ---------------------------------------------------------------------------------------

def test_attributed_number_unverified_by_next_sentence(parse):
    doc, claims = parse("The coast guard says that up to 120 fishing boats were damaged in the storm. "
                        "These numbers have not been independently verified by the harbour office.")
    check_spans(doc, claims)
    (c,) = claims
    assert c.text.startswith("up to 120 fishing boats")
    assert c.source.name == "coast guard"
    assert c.quantity.value == 120 and c.quantity.bound == "upper"
    assert c.status == "unverified"
    assert c.status_evidence.text == "These numbers have not been independently verified by the harbour office"
    assert c.cue.text == "says"


def test_unattributed_quantity(parse):
    doc, claims = parse("Tens of thousands of sheep have died in the drought across the province.")
    check_spans(doc, claims)
    (c,) = claims
    assert c.status == "unattributed" and c.source is None
    assert c.quantity.value == 10_000 and c.quantity.bound == "lower"


def test_there_have_been_reports(parse):
    doc, claims = parse("There have been reports of soldiers looting shops in the old town, as well as a fire at the depot.")
    check_spans(doc, claims)
    (c,) = claims
    assert c.status == "unattributed"
    assert c.text == "There have been reports of soldiers looting shops in the old town"
    assert c.status_evidence.text == "There have been reports"


def test_according_to(parse):
    doc, claims = parse("According to the regional governor, 35 civilians were killed in the shelling.")
    check_spans(doc, claims)
    (c,) = claims
    assert "35 civilians were killed" in c.text
    assert "governor" in c.source.name
    assert c.quantity.value == 35


def test_denial_is_disputed(parse):
    doc, claims = parse("The army denied that its troops had shelled the hospital.")
    check_spans(doc, claims)
    (c,) = claims
    assert c.status == "disputed" and c.source.name == "army"


def test_same_sentence_cue(parse):
    doc, claims = parse("The rebels claimed that 40 tanks were destroyed, a figure that could not be independently verified.")
    (c,) = claims
    assert c.status == "unverified"
    assert "could not be independently verified" in c.status_evidence.text


def test_claim_in_quote_is_the_speakers(parse):
    text = 'The minister said: "There are hundreds of wounded soldiers in the hospitals. We ask for help."'
    start = text.index("There")
    end = text.index('help."') + len("help.")
    quote = Quote(id="q1", kind="direct", text=text[start:end], span=(start, end),
                  speaker=Speaker(name="Anna Petrenko", mention="The minister", span=(0, 12)))
    doc, claims = parse(text, quotes=[quote])
    check_spans(doc, claims)
    (c,) = claims
    assert c.text == "There are hundreds of wounded soldiers in the hospitals"
    assert c.source.name == "Anna Petrenko" and c.source.quote == "q1"
    assert c.status == "claimed"
    assert c.quantity.value == 100 and c.quantity.bound == "lower"


def test_speaker_from_quotes_for_reported_clause(parse):
    text = "She told reporters that 12 soldiers were captured near the river."
    s = text.index("12")
    quote = Quote(id="q7", kind="indirect", text=text[s:len(text) - 1], span=(s, len(text) - 1),
                  speaker=Speaker(name="Olena Koval", mention="She", span=(0, 3)))
    doc, claims = parse(text, quotes=[quote])
    (c,) = claims
    assert c.source.name == "Olena Koval" and c.source.mention == "She" and c.source.quote == "q7"


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the talks will produce 3 agreements next month.",  # prediction
        "We call on everyone to send 200 blankets.",  # appeal
        "The senator said the decision was a difficult one.",  # opinion
        "Will 50 more buses be enough?",  # question
        "The choir sang beautifully at the festival.",  # no claim at all
    ],
)
def test_not_claims(parse, text):
    _, claims = parse(text)
    assert claims == []


def test_time_is_linked(nlp):
    from newsledger.extract.pipeline import doc_for
    from newsledger.ingest.article import make_article

    art = make_article("The ministry says that 60 soldiers were captured three days ago.", source="x.txt",
                       metadata={"published": "2023-05-10"})
    doc = nlp(doc_for(nlp, art))
    (c,) = doc._.nl_claims
    t = next(t for t in doc._.nl_times if t.id == c.time)
    assert t.text == "three days ago"
    assert [s.text for s in doc.spans["claims"]] == [doc.text[c.span[0]:c.span[1]]]
