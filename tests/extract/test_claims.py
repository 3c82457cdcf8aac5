"""Claims: what is asserted, by whom, with which figure, and the evidence for its status (our own sentences).

Each test runs the whole pipeline (document model, quotes, speakers, times) so that sources are
resolved as in production, and checks text -> expected tuples.
"""

from __future__ import annotations

import pytest

from newsledger.extract.claims import extract_claims, find_status_cues, not_an_assertion
from newsledger.records import check_spans, Record


@pytest.fixture(scope="module")
def run(nlp):
    def claims_of(text):
        doc = nlp(text)
        record = Record(id="t", source="t", text=text, claims=list(doc._.nl_claims))
        assert check_spans(record) == []  # claims, quantities, evidence and its anaphor all slice exactly
        return doc._.nl_claims
    return claims_of


def _one(claims, words):
    found = [c for c in claims if words in c.text]
    assert len(found) == 1, [c.text for c in claims]
    return found[0]


# -- status cues as a pure function ---------------------------------------------------------------

@pytest.mark.parametrize(
    "text, status, evidence",
    [
        ("These numbers could not be independently verified.", "unverified", "These numbers could not be independently verified"),
        ("The toll has not been confirmed by the hospital, officials said.", "unverified", "The toll has not been confirmed by the hospital"),
        ("Reporters were unable to verify the account.", "unverified", "Reporters were unable to verify the account"),
        ("It was not possible to confirm the report.", "unverified", "It was not possible to confirm the report"),
        ("The figure remains unverified.", "unverified", "The figure remains unverified"),
        ("The navy denied the report.", "disputed", "The navy denied the report"),
        ("The company rejects the allegation, however.", "disputed", "The company rejects the allegation"),
        ("The post is misleading.", "disputed", "The post is misleading"),
        ("There is no evidence for that.", "disputed", "There is no evidence for that"),
        ("The rumour was debunked by the agency.", "disputed", "The rumour was debunked by the agency"),
        ("The count was independently verified by observers.", "confirmed", "The count was independently verified by observers"),
        ("The cost was confirmed in budget papers.", "confirmed", "The cost was confirmed in budget papers"),
    ],
)
def test_status_cues(text, status, evidence):
    cues = find_status_cues(text)
    assert cues and cues[0].status == status
    s, e = cues[0].evidence.span
    assert cues[0].evidence.text == evidence == text[s:e]


def test_negated_confirmation_is_unverified_only():
    assert [c.status for c in find_status_cues("The deaths have not been confirmed.")] == ["unverified"]


# -- status from evidence, linked to the claim it speaks of ---------------------------------------

@pytest.mark.parametrize(
    "text, claim_words, status, evidence, evidence_source, refers",
    [
        # unverified, placed after the claim it speaks of (the next paragraph)
        ("The rebel group said it had shot down two helicopters over the valley.\n"
         "It was not possible to independently verify the group's claim.",
         "two helicopters", "unverified", "It was not possible to independently verify the group's claim", None,
         "the group's claim"),
        ("The port authority said 1,200 containers were lost in the storm. These figures have not been verified.",
         "1,200 containers", "unverified", "These figures have not been verified", None, "These figures"),
        ("Farmers said that 40 wells had run dry, a figure that could not be independently verified.",
         "40 wells", "unverified", "a figure that could not be independently verified", None, "a figure"),
        # disputed: a denial by a second party
        ("The union said the factory had dumped waste into the river.\n"
         "The factory's owners denied that they had dumped waste into the river.",
         "had dumped waste", "disputed", "The factory's owners denied that they had dumped waste into the river",
         "factory's owners", None),
        ("The mayor said the park was closed. The council rejected the claim, calling it misleading.",
         "the park was closed", "disputed", "The council rejected the claim", "council", "the claim"),
        # disputed: a fact-check verdict
        ("The senator claimed that unemployment fell to 3.2% last year. Fact-checkers found the claim false.",
         "unemployment fell", "disputed", "Fact-checkers found the claim false", "Fact-checkers", "the claim"),
        ("Russia's defence ministry said the Syrian army had retaken the airport.\nThe Russian and Syrian claims are false, the observers said.",
         "had retaken the airport", "disputed", "The Russian and Syrian claims are false", "observers",
         "The Russian and Syrian claims"),
        ("The candidate falsely claimed that the count had been stopped at midnight.",
         "the count had been stopped", "disputed", "The candidate falsely claimed", "candidate", None),
        # confirmed
        ("The Pentagon confirmed that three soldiers died in the crash near the border.",
         "three soldiers died", "confirmed", "The Pentagon confirmed", "Pentagon", None),
        # confirmed: the article's own statement, then "the news" / "the arrest" confirmed by someone
        ("The striker has left the club. The news was confirmed by the club's chairman.",
         "The striker has left the club", "confirmed", "The news was confirmed by the club's chairman", "chairman",
         "The news"),
        ("The cyclist, who won silver in the 2019 race, has been arrested in Lyon. The arrest was confirmed by police.",
         "has been arrested in Lyon", "confirmed", "The arrest was confirmed by police", "police", "The arrest"),
        ("Witnesses said a tanker caught fire near the port. This could not be independently verified.",
         "a tanker caught fire", "unverified", "This could not be independently verified", None, "This"),
        ("The ministry said the hospital had reopened. The reopening was verified by the Red Cross.",
         "the hospital had reopened", "confirmed", "The reopening was verified by the Red Cross", "Red Cross",
         "The reopening"),
    ],
)
def test_status_evidence_and_link(run, text, claim_words, status, evidence, evidence_source, refers):
    c = _one(run(text), claim_words)
    assert c.status == status
    assert c.status_evidence.text == evidence
    assert c.status_evidence.link
    got_source = c.status_evidence.source.name if c.status_evidence.source else None
    assert (got_source is None) if evidence_source is None else (evidence_source in (got_source or ""))
    assert (c.status_evidence.refers.text if c.status_evidence.refers else None) == refers


@pytest.mark.parametrize(
    "text, claim_words",
    [
        # a next sentence that starts with "They" but is not about the claim
        ("Local officials said 40 homes were destroyed by the flood. They also opened two shelters for families.",
         "40 homes"),
        ("Officials said 40 homes were destroyed. They could not confirm when the road would reopen.", "40 homes"),
        # a status word in an unrelated next sentence
        ("The agency said 300 families had left the valley.\nIn a separate case, a court rejected an appeal by the owner.",
         "300 families"),
        ("The governor said 12 schools had closed. The mayor resigned on Friday. It was not confirmed by the council.",
         "12 schools"),
    ],
)
def test_status_is_never_taken_by_adjacency(run, text, claim_words):
    c = _one(run(text), claim_words)
    assert c.status == "claimed" and c.status_evidence is None


def test_denial_restating_an_earlier_claim_disputes_that_claim(run):
    claims = run("The governor said the bridge had been closed since March because of cracks.\n"
                 "The transport ministry denied that the bridge was closed.")
    (c,) = claims
    assert c.status == "disputed" and c.source.name == "governor"
    assert c.status_evidence.source.name == "transport ministry"


def test_denial_of_an_accusation_by_the_accused(run):
    claims = run("Ukraine accused Russia of shelling the grain terminal in Odesa. Russia has denied targeting the port.")
    c = _one(claims, "shelling the grain terminal")
    assert c.status == "disputed" and c.source.name == "Ukraine"
    assert "denied" in c.status_evidence.text and c.status_evidence.source.name == "Russia"


# -- detection: any beat, no topic words -------------------------------------------------------------

@pytest.mark.parametrize(
    "text, claim_words, source",
    [
        ("Republicans argue Clinton lied about her emails.", "Clinton lied about her emails", "Republicans"),
        ("The regulator said the bank had misreported its losses for two years.", "the bank had misreported", "regulator"),
        ("According to the court filing, the company paid the consultant in cash.", "the company paid the consultant", "court filing"),
        ("Inflation rose to 4.1% in May, the statistics office said.", "Inflation rose to 4.1%", "statistics office"),
        ("A federal judge ruled on Tuesday that the company had broken competition law.", "had broken competition law",
         "federal judge"),
        ("The mayor reportedly fled the town before the vote.", "The mayor reportedly fled the town", None),
        ("There have been reports of looting in the port, as well as a fire at the depot.",
         "There have been reports of looting in the port", None),
        ("The minister is believed to have resigned on Tuesday.", "The minister is believed to have resigned", None),
        ("Dock workers are reported to be planning a walkout in March.", "Dock workers are reported to be planning",
         None),
        ("The union said the board had changed how overtime was paid.", "the board had changed how overtime was paid",
         "union"),
        ("Tens of thousands of sheep have died in the drought across the province.", "Tens of thousands of sheep", None),
    ],
)
def test_claims_on_any_beat(run, text, claim_words, source):
    c = _one(run(text), claim_words)
    assert (c.source.name if c.source else None) == source or source in (c.source.name if c.source else "")
    assert c.status == ("claimed" if source else "unattributed")


@pytest.mark.parametrize(
    "text",
    [
        "The minister said the talks will produce 3 agreements next month.",  # prediction
        "The firm said its new plant would create 300 jobs.",  # prediction with a figure
        "We call on everyone to send 200 blankets.",  # appeal
        "The senator said the decision was a difficult one.",  # opinion
        "The coach said the result was quite an achievement.",  # assessment
        "She said it was unconscionable for the city to close the library.",  # assessment
        "Will 50 more buses be enough?",  # question
        "The choir sang beautifully at the festival.",  # narration without a figure
        "The activists said they want a city that is not afraid of its own history.",  # wish
        "I think the reform is working, the governor said.",  # stance
        '"There are serious flaws in the plan," she said.',  # judged existential
        '"The worst thing is the silence," he said.',  # judged subject
        "We have to be realistic about the budget, the minister said.",  # obligation
        "The central bank expects inflation to fall below 3 percent by December.",  # forecast with a figure
    ],
)
def test_not_claims(run, text):
    assert run(text) == []


@pytest.mark.parametrize(
    "text, reason",
    [
        ("This is a disgrace.", "comment on what was said ('this is ...')"),
        ("Every vote we lose hurts us.", "generic statement"),
        ("They are expected to announce the result tomorrow.", "prediction"),
        ("Submit your forms by Friday.", "appeal (imperative)"),
        ("You cannot blame the farmers for leaving.", "said to the listener, or of anyone ('you can't blame them')"),
        ("You see the queues every morning.", "said to the listener, or of anyone ('you can't blame them')"),
        ("The coach was disappointed with the result.", "a feeling ('was disappointed')"),
        ("Residents are worried about the water supply.", "a feeling ('was disappointed')"),
    ],
)
def test_why_not_an_assertion(nlp, text, reason):
    assert not_an_assertion(nlp(text), 0, len(text)) == reason


# -- figures: one claim each, with value, unit, bound and what is counted --------------------------------

@pytest.mark.parametrize(
    "text, value, high, unit, bound",
    [
        ("The council spent $116m on new buses, officials said.", 116_000_000, None, "USD", "exact"),
        ("The club paid £1.5bn for the stadium, the report said.", 1_500_000_000, None, "GBP", "exact"),
        ("The museum raised €20 million for the roof, its director said.", 20_000_000, None, "EUR", "exact"),
        ("The charity received $2.3 trillion in pledges, it said.", 2_300_000_000_000, None, "USD", "exact"),
        ("The startup raised 50k dollars, its founder said.", 50_000, None, "USD", "exact"),
        ("Fines of up to $250,000 were issued, the agency said.", 250_000, None, "USD", "upper"),
        ("Between 70,000 and 80,000 people marched in the capital, organisers said.", 70_000, 80_000, None, "lower"),
        ("Approximately 20,000-25,000 troops are massed near the border, the army said.", 20_000, 25_000, None, "approximate"),
        ("Turnout was just over half of registered voters, the commission said.", 0.5, None, None, "lower"),
        ("Exports are now around a sixth of what they were, the ministry said.", 1 / 6, None, None, "approximate"),
        ("Prices rose 4.5% in the harbour towns, the bank said.", 4.5, None, "percent", "exact"),
    ],
)
def test_money_ranges_fractions(run, text, value, high, unit, bound):
    (c,) = run(text)
    q = c.quantity
    assert q.value == pytest.approx(value)
    assert q.high == (pytest.approx(high) if high else None)
    assert (q.unit, q.bound) == (unit, bound)
    assert text[q.span[0]:q.span[1]] == q.text


def test_one_claim_per_figure(run):
    claims = run("The agency said 91 of its rescuers have been killed and more than 340 injured.")
    assert [(c.quantity.value, c.quantity.bound) for c in claims] == [(91, "exact"), (340, "lower")]
    assert claims[0].quantity.counts == "rescuers killed"
    assert all(c.source.name == "agency" for c in claims)


@pytest.mark.parametrize(
    "text, value",
    [
        ("Anna Berg, 55, told reporters that the factory had fired 120 workers.", 120),  # an age is no figure
        ("The 34-year-old driver said 12 cars were damaged.", 12),
        ("Doctors said the patient, 72, had received 3 doses.", 3),
        ("Men between the ages of 18 and 60 must stay, but 3,000 crossed the border, guards said.", 3000),
        ("The Three Amigos reunited as 900 fans watched, the venue said.", 900),  # a name
        ("The lifter, who finished fourth in the 85kg class, said 30 athletes withdrew.", 30),  # ordinal, class
        ("The auditors said 14 sites had closed. The last one had been losing money for years.", 14),  # a pronoun
    ],
)
def test_ages_names_and_ordinals_are_not_figures(run, text, value):
    assert [c.quantity.value for c in run(text) if c.quantity] == [value]


def test_one_counts_when_it_stands_for_one_of_them(run):
    claims = run("Medics said 40 soldiers were treated for burns and that one had died.")
    assert sorted(c.quantity.value for c in claims if c.quantity) == [1, 40]


def test_counts_and_time(nlp):
    from newsledger.extract.pipeline import doc_for
    from newsledger.ingest.article import make_article

    art = make_article("The ministry says that 60 civilians were killed on Monday.", source="x.txt",
                       metadata={"published": "2023-05-10"})
    doc = nlp(doc_for(nlp, art))
    (c,) = doc._.nl_claims
    assert c.quantity.counts == "civilians killed"
    t = next(t for t in doc._.nl_times if t.id == c.time)
    assert t.text.endswith("Monday")
    assert [s.text for s in doc.spans["claims"]] == [doc.text[c.span[0]:c.span[1]]]


# -- sources come from the document model ------------------------------------------------------------

def test_source_of_a_quote_is_its_speakers_canonical_name(run):
    claims = run('Olena Koval, the regional governor, spoke on Monday. "Twelve soldiers were captured near the river," '
                 "the governor said.")
    c = _one(claims, "Twelve soldiers were captured")
    assert c.source.name == "Olena Koval" and c.source.quote


def test_the_organisation_behind_the_ministry_said(run):
    claims = run("Poland's health ministry published new data on Monday. The ministry said 450 beds were free.")
    c = _one(claims, "450 beds")
    assert c.source.name == "Polish Ministry of Health"  # the document entity's canonical name, not 'ministry'


def test_article_asserting_a_figure_has_no_source(nlp):
    doc = nlp("Dozens of silos were destroyed by shelling.")
    (c,) = extract_claims(doc)
    assert c.source is None and c.status == "unattributed"


def test_a_confirmed_statement_is_the_confirmers_claim(run):
    c = _one(run("The striker has left the club. The news was confirmed by the club's chairman."), "left the club")
    assert c.source is not None and "chairman" in c.source.name


@pytest.mark.parametrize(
    "text, value",
    [
        ("The new tariff is expected to raise $2bn a year, the treasury said.", 2e9),  # a stated estimate
        ("He said he would rush aid to the region as he signed a $40 billion spending bill.", 40e9),  # own tense
        ("Men between the ages of 18 and 60 must stay, but 3,000 crossed the border, guards said.", 3000),
    ],
)
def test_a_figure_asserted_beside_a_prediction(run, text, value):
    assert [c.quantity.value for c in run(text) if c.quantity] == [value]


@pytest.mark.parametrize("text, words, source, status", [
    ("Fact-checkers at Verity Desk found that the claim that the bridge had collapsed was false.",
     "the bridge had collapsed", None, "disputed"),
    ("The regional governor's claim that 300 homes were flooded could not be verified.",
     "300 homes were flooded", "regional governor", "unverified"),
    ("The company rejected the allegation that its chief executive misled investors.",
     "its chief executive misled investors", None, "disputed"),
])
def test_a_claim_named_by_a_noun_is_rated(run, text, words, source, status):
    """What a claim noun's own clause says is a claim (its owner's, else nobody's), so a verdict on it rates it."""
    c = _one(run(text), words)
    assert (c.source.name if c.source else None) == source or source in (c.source.name if c.source else "")
    assert c.status == status
