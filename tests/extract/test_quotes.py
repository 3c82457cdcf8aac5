"""Quote extraction, one case per phenomenon (our own sentences), textacy style:
text -> expected (kind, quote text, speaker name) tuples; every span must slice exactly."""

from __future__ import annotations

import pytest

from newsledger.extract.quotes import extract_quotes, find_marked, paragraphs
from newsledger.text.boilerplate import find_boilerplate


def run(nlp, text):
    doc = nlp(text)
    quotes = doc._.nl_quotes
    for q in quotes:
        assert text[q.span[0] : q.span[1]] == q.text
        if q.speaker is not None and q.speaker.span is not None:
            assert text[q.speaker.span[0] : q.speaker.span[1]] == q.speaker.mention
        if q.cue is not None:
            assert text[q.cue.span[0] : q.cue.span[1]] == q.cue.text
    return doc, quotes


def triples(quotes):
    return [(q.kind, q.text, q.speaker.name if q.speaker else None) for q in quotes]


CASES = [
    pytest.param(
        'Mayor Anna Kowalski spoke on Tuesday. "The bridge will reopen next week," she said.',
        [("direct", "The bridge will reopen next week,", "Anna Kowalski")],
        id="straight-double-trailing-pronoun",
    ),
    pytest.param(
        "“We have enough water for the summer,” said Tomas Berg, the head of the utility.",
        [("direct", "We have enough water for the summer,", "Tomas Berg")],
        id="curly-double-inverted",
    ),
    pytest.param(
        "Harbour master Piet Jansen said: 'The port's cranes are back in service.'",
        [("direct", "The port's cranes are back in service.", "Piet Jansen")],
        id="single-marks-apostrophe-inside",
    ),
    pytest.param(
        "The regulator said that the 'scale of the company's losses' was not yet known.",
        [("mixed", "the 'scale of the company's losses' was not yet known", "regulator")],
        id="mixed-single-fragment-apostrophe",
    ),
    pytest.param(
        "Ruth Amsel warned that the river would flood the lower town by Friday.",
        [("indirect", "the river would flood the lower town by Friday", "Ruth Amsel")],
        id="indirect-warned",
    ),
    pytest.param(
        "According to the city council, the new tram line will open in May.",
        [("indirect", "the new tram line will open in May", "city council")],
        id="according-to",
    ),
    pytest.param(
        "Sea ice shrank again.\n\nAccording to the Norwegian Polar Institute, the summer minimum this year was the "
        "third lowest on record.",
        [("indirect", "the summer minimum this year was the third lowest on record", "Norwegian Polar Institute")],
        id="according-to-subject-the-parser-hung-on-the-source",
    ),
    pytest.param(
        "More than 3.1 million people in Kestria are waiting for hospital treatment, the highest number since "
        "records began, according to health ministry figures published on Thursday.",
        [("indirect", "More than 3.1 million people in Kestria are waiting for hospital treatment, the highest "
                      "number since records began", "health ministry figures")],
        id="according-to-after-an-appositive-covers-the-whole-clause",
    ),
    pytest.param(
        "The union said the claim was false, pointing to figures showing the median wait had risen to 14 weeks.",
        [("indirect", "the claim was false", "union"),
         ("indirect", "the median wait had risen to 14 weeks", "union")],
        id="a-clause-keeps-the-subject-the-parser-gave-to-another-verb",
    ),
    pytest.param(
        "The transport ministry has urged drivers to avoid the coast road this weekend.",
        [("indirect", "drivers to avoid the coast road this weekend", "transport ministry")],
        id="request-verb-object-infinitive",
    ),
    pytest.param(
        'Coach Elena Marsh said: "We trained hard.\n"We will win on Sunday."',
        [("direct", "We trained hard.", "Elena Marsh"), ("direct", "We will win on Sunday.", "Elena Marsh")],
        id="multi-paragraph",
    ),
    pytest.param(
        'Coach Elena Marsh said: "We trained hard.\nAdvert\n"We will win on Sunday."',
        [("direct", "We trained hard.", "Elena Marsh"), ("direct", "We will win on Sunday.", "Elena Marsh")],
        id="multi-paragraph-across-advert",
    ),
    pytest.param(
        'The council met on Monday. It said "the budget is balanced and nothing',
        [("direct", "the budget is balanced and nothing", "council")],
        id="it-resolves-to-organisation-unclosed",
    ),
    pytest.param(
        "Nobody knows what comes next.",
        [],
        id="no-quote",
    ),
    pytest.param(
        "The minister defended the plan on Monday. Hospitals admitted 300 patients over the weekend.",
        [],
        id="actions-with-an-object-are-no-quotes",
    ),
    pytest.param(
        "The union rejected the criticism and praised the drivers.",
        [],
        id="stance-verbs-are-no-quotes",
    ),
    pytest.param(
        "The senator denied the allegations.",
        [("indirect", "the allegations", "senator")],
        id="a-denial-names-what-it-denies",
    ),
    pytest.param(
        "Analyst Mia Holt said investors would want to see a clear plan for the mines.",
        [("indirect", "investors would want to see a clear plan for the mines", "Mia Holt")],
        id="an-intention-inside-reported-speech-is-no-quote-of-its-own",
    ),
    pytest.param(
        "The appeals court ruled that the new district map was unlawful.",
        [("indirect", "the new district map was unlawful", "appeals court")],
        id="a-court-ruling",
    ),
    pytest.param(
        "The ministry accused the rebels of shelling the port.",
        [("indirect", "the rebels of shelling the port", "ministry")],
        id="an-accusation-names-the-accused-and-the-charge",
    ),
    pytest.param(
        "Prosecutors charged the firm with fraud on Monday.",
        [("indirect", "the firm with fraud", "Prosecutors")],
        id="a-charge-needs-no-verb",
    ),
    pytest.param(
        "The company has repeatedly denied polluting the river.",
        [("indirect", "polluting the river", "company")],
        id="a-denial-of-an-act",
    ),
    pytest.param(
        "The minister did not say whether the plant would close. She declined to say when talks would resume.",
        [],
        id="saying-nothing-is-no-quote",
    ),
    pytest.param(
        "According to Whitaker, residents had warned officials about the flood wall in 2021.",
        [("indirect", "residents had warned officials about the flood wall in 2021", "Whitaker")],
        id="according-to-before-a-clause-with-a-cue-of-its-own",
    ),
    pytest.param(
        "Anton Volkov spoke by video on Monday. The march was meant as a protest against the generals, he said, "
        "according to a translation by the agency.",
        [("indirect", "The march was meant as a protest against the generals", "Anton Volkov")],
        id="according-to-after-said-sources-the-wording-not-the-claim",
    ),
    pytest.param(
        "According to the Harbour Gazette, Mayor Ruth Adler said that the ferry would run again in May.",
        [("indirect", "the ferry would run again in May", "Ruth Adler")],
        id="according-to-a-paper-relays-the-mayor's-words",
    ),
    pytest.param(
        "Asked whether the tolls would rise, a city official told reporters: \"Nothing is decided.\" "
        "The mayor was asked whether she would resign.",
        [("direct", "Nothing is decided.", "city official")],
        id="the-question-put-is-no-quote-the-answer-is",
    ),
    pytest.param(
        "The senator questioned the bank's chief for two hours. The auditors questioned the count.",
        [("indirect", "the count", "auditors")],
        id="questioning-a-person-is-no-quote-questioning-a-count-is",
    ),
    pytest.param(
        "Dock workers are reported to be planning a walkout. The chairman is said to have resigned.",
        [],
        id="hearsay-about-the-subject-quotes-no-one",
    ),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_phenomena(nlp, text, expected):
    _doc, quotes = run(nlp, text)
    got = triples(quotes)
    assert len(got) == len(expected), got
    for (kind, qtext, name), (gk, gt, gn) in zip(expected, got):
        assert gk == kind
        assert gt == qtext
        if name is None:
            assert gn is None
        else:
            assert gn is not None and name.lower() in gn.lower(), (name, gn)


def test_ids_in_text_order_and_continuation(nlp):
    text = 'Coach Elena Marsh said: "We trained hard.\n"We will win on Sunday."'
    _doc, quotes = run(nlp, text)
    assert [q.id for q in quotes] == ["q1", "q2"]
    assert quotes[1].continues == "q1"
    assert quotes[0].cue.text == "said"


def test_unclosed_at_end_is_reported(nlp):
    text = 'Farmer Jo Hale said: "The harvest is late and the prices are falling'
    _doc, quotes = run(nlp, text)
    assert len(quotes) == 1
    assert quotes[0].unclosed is True
    assert quotes[0].text.endswith("falling")


def test_no_speaker_is_not_invented(nlp):
    text = '"The trains will not run tomorrow because of the strike."'
    _doc, quotes = run(nlp, text)
    assert len(quotes) == 1
    assert quotes[0].speaker is None


def test_nested_quote_stays_inside(nlp):
    text = '"They told us \'go home now\' and we left," said Maria Lopez.'
    _doc, quotes = run(nlp, text)
    assert triples(quotes) == [("direct", "They told us 'go home now' and we left,", "Maria Lopez")]


def test_spans_groups_and_boilerplate(nlp):
    text = 'Advert\n"The roads are closed," police said.\nAdvert'
    doc, quotes = run(nlp, text)
    assert [s.text for s in doc.spans["quotes"]] == ['The roads are closed,']
    assert [s.text for s in doc.spans["cues"]] == ["said"]
    assert [s.text for s in doc.spans["speakers"]] == ["police"]
    for q in quotes:
        for b in find_boilerplate(text):
            assert not (b.span[0] < q.span[1] and q.span[0] < b.span[1])


def test_marks_apostrophes_are_not_quotes():
    text = "The farmers’ tractors and the town's buses met in a '90s style rock 'n' roll jam."
    assert find_marked(text, paragraphs(text)) == []


def test_marks_single_quote_with_inner_apostrophe():
    text = "She praised the 'patience of the island's ferry crews' today."
    (m,) = find_marked(text, paragraphs(text))
    assert text[m.start : m.end] == "patience of the island's ferry crews"


def test_extract_quotes_computes_boilerplate_when_absent(nlp):
    doc = nlp.make_doc('"We will rebuild the school," said Principal Ada Obi.')
    for _name, proc in nlp.pipeline:
        doc = proc(doc) if _name != "newsledger_quotes_v1" else doc
    doc._.nl_boilerplate = None
    quotes = extract_quotes(doc)
    assert quotes and quotes[0].speaker.name == "Ada Obi"


def test_component_is_registered(nlp):
    assert "newsledger_quotes_v1" in nlp.pipe_names
    assert nlp.pipe_names.index("newsledger_quotes_v1") > nlp.pipe_names.index("newsledger_boilerplate_v1")


# Broad attribution (PolNeAR style): intentions, objects and prepositional objects of cue verbs,
# a mid-sentence "according to", stage directions and circumstantial fragments.
# Each case: text -> [(kind, quote text, quote span, speaker name, speaker mention, speaker span)].
SPAN_CASES = [
    pytest.param(
        "The mayor vowed to rebuild the harbour wall before winter.",
        [("indirect", "to rebuild the harbour wall before winter", (16, 57), "mayor", "The mayor", (0, 9))],
        id="intent-infinitive",
    ),
    pytest.param(
        "The union wants the council to reopen the depot.",
        [("indirect", "the council to reopen the depot", (16, 47), "union", "The union", (0, 9))],
        id="intent-object-infinitive",
    ),
    pytest.param(
        "Senator Ruth Ellery cited the rising cost of bread as proof of the crisis.",
        [("indirect", "the rising cost of bread as proof of the crisis", (26, 73), "Ruth Ellery", "Senator Ruth Ellery", (0, 19))],
        id="topic-object-with-as",
    ),
    pytest.param(
        "Inspector Hal Brun warned against false rumours about the fire.",
        [("indirect", "false rumours about the fire", (34, 62), "Hal Brun", "Inspector Hal Brun", (0, 18))],
        id="topic-prepositional-object",
    ),
    pytest.param(
        "Dr. Nora Quist pointed out that the clinic had no heating.",
        [("indirect", "the clinic had no heating", (32, 57), "Nora Quist", "Dr. Nora Quist", (0, 14))],
        id="pointed-out-particle",
    ),
    pytest.param(
        "The harbour handled four million tonnes last year, according to the port authority, "
        "and the airport handled a million passengers.",
        [
            ("indirect", "The harbour handled four million tonnes last year", (0, 49), "port authority", "the port authority", (64, 82)),
            ("indirect", "the airport handled a million passengers", (88, 128), "port authority", "the port authority", (64, 82)),
        ],
        id="according-to-mid-sentence",
    ),
    pytest.param(
        "MODERATOR: Thank you all for coming tonight.\nKELLER: (APPLAUSE.)",
        [("direct", "Thank you all for coming tonight.", (11, 44), "Moderator", "MODERATOR", (0, 9))],
        id="transcript-stage-direction-skipped",
    ),
    pytest.param(
        'Ms. Lina Orr said on "Morning Radio" that the vote was fair.',
        [("indirect", "the vote was fair", (42, 59), "Lina Orr", "Ms. Lina Orr", (0, 12))],
        id="show-title-fragment-is-not-content",
    ),
    pytest.param(
        "Advisers to Mr. Tomas Rand said that the plan was dead.",
        [("indirect", "the plan was dead", (37, 54), "Advisers to Mr. Tomas Rand", "Advisers to Mr. Tomas Rand", (0, 26))],
        id="name-inside-modifier-is-not-the-speaker",
    ),
    pytest.param("Volunteers spent the night defending the bridge.", [], id="participle-activity-is-not-attribution"),
    pytest.param("Farmers who pledged to plant more trees met on Friday.", [], id="intent-in-relative-clause-skipped"),
]


@pytest.mark.parametrize("text,expected", SPAN_CASES)
def test_broad_attribution_spans(nlp, text, expected):
    _doc, quotes = run(nlp, text)
    got = [(q.kind, q.text, tuple(q.span), q.speaker.name if q.speaker else None,
            q.speaker.mention if q.speaker else None, tuple(q.speaker.span) if q.speaker and q.speaker.span else None)
           for q in quotes]
    assert got == expected
