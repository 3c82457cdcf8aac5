"""Speakers: canonical names, roles, pronouns, organisations (our own sentences)."""

from __future__ import annotations

import pytest


def quotes_of(nlp, text):
    doc = nlp(text)
    for q in doc._.nl_quotes:
        if q.speaker is not None and q.speaker.span is not None:
            assert text[q.speaker.span[0] : q.speaker.span[1]] == q.speaker.mention
    return doc._.nl_quotes


CASES = [
    pytest.param(
        "Finance Minister Lena Vogt presented the plan. Vogt said that taxes would not rise.",
        "Lena Vogt", "Vogt", None, id="short-form-to-fullest-name",
    ),
    pytest.param(
        "Senior economic adviser Marco Bellini told reporters that inflation had peaked.",
        "Marco Bellini", "Senior economic adviser Marco Bellini", "Senior economic adviser", id="role-before-name",
    ),
    pytest.param(
        "Jonas Pikk, the captain of the ferry, said that the crossing was safe.",
        "Jonas Pikk", "Jonas Pikk", "captain of the ferry", id="appositive-role",
    ),
    pytest.param(
        "Sara Lind thanked the volunteers. She said that the shelter was full.",
        "Sara Lind", "She", None, id="she-by-recency-and-gender",
    ),
    pytest.param(
        "Mrs. Okafor met Mr. Haddad on Monday. He said that the talks had failed.",
        "Haddad", "He", None, id="he-skips-female-candidate",
    ),
    pytest.param(
        "The national weather service issued a warning. They said: \"Stay indoors until the storm passes.\"",
        "weather service", "They", None, id="they-prefers-organisation",
    ),
    pytest.param(
        "\"Prices will fall next year,\" the central bank said in a statement.",
        "central bank", "the central bank", None, id="organisation-speaker",
    ),
    pytest.param(
        "Sen. Maria Lopez questioned the bank's chief for two hours. The senator said no one had been held to account.",
        "Maria Lopez", "The senator", None, id="an-abbreviated-title-is-the-office",
    ),
    pytest.param(
        "The UN relief coordinator for Kestria, Margit Lund, said that two trains had left.",
        "Margit Lund", "The UN relief coordinator for Kestria", None, id="an-office-for-a-place-then-the-name",
    ),
    pytest.param(
        "Orvalia's ambassador to Britain, Pavel Stein, said that the report was false.",
        "Pavel Stein", "Orvalia's ambassador to Britain", None, id="an-ambassador-to-a-country-then-the-name",
    ),
    pytest.param(
        "A spokeswoman for Maria Lopez said that the claim was false.",
        "spokeswoman for Maria Lopez", "A spokeswoman for Maria Lopez", None, id="a-spokeswoman-for-x-is-not-x",
    ),
    pytest.param(
        "Local MP Joan Whitaker said that she would raise the flooding in parliament.",
        "Joan Whitaker", "Local MP Joan Whitaker", "Local MP", id="mp-is-a-title",
    ),
    pytest.param(
        "Gov. Tom Reyes signed the bill on Monday. The governor said that it would save money.",
        "Tom Reyes", "The governor", None, id="gov-is-governor",
    ),
    pytest.param(
        "Rep. Anna Kline voted against the plan. The congresswoman said that it was rushed.",
        "Anna Kline", "The congresswoman", None, id="a-representative-is-a-congresswoman",
    ),
    pytest.param(
        "The Danish prime minister, Karin Holm, met the unions. Later the Danish leader said that talks would go on.",
        "Karin Holm", "the Danish leader", None, id="a-country's-leader-is-its-prime-minister",
    ),
]


@pytest.mark.parametrize("text,name,mention,role", CASES)
def test_speakers(nlp, text, name, mention, role):
    quotes = quotes_of(nlp, text)
    assert quotes, "no quote found"
    sp = quotes[-1].speaker
    assert sp is not None
    assert name.lower() in (sp.name or "").lower(), sp
    assert sp.mention == mention
    if role is not None:
        assert sp.role == role


def test_quote_paragraph_without_cue_continues_previous_speaker(nlp):
    text = "\"We are ready,\" said Ivo Marek.\n\"The team has never been stronger.\""
    quotes = quotes_of(nlp, text)
    assert [q.speaker.name for q in quotes] == ["Ivo Marek", "Ivo Marek"]


def test_colon_introduction_from_previous_paragraph(nlp):
    text = "Professor Hana Sato continued:\n\"The data show a clear trend over ten years.\""
    quotes = quotes_of(nlp, text)
    assert quotes and quotes[0].speaker.name == "Hana Sato"


def test_transcript_label(nlp):
    text = "Tom Reyes spoke to the host.\nREYES: We will hold the line on spending this year."
    quotes = quotes_of(nlp, text)
    assert quotes[-1].speaker.name == "Tom Reyes"
    assert quotes[-1].text == "We will hold the line on spending this year."


def test_first_person_outside_quote_is_not_resolved_to_someone(nlp):
    text = "I said that the vote was rigged."
    quotes = quotes_of(nlp, text)
    assert quotes and quotes[0].speaker is not None and quotes[0].speaker.name is None


@pytest.mark.parametrize("text", [
    "OSLO -- Prime Minister Karin Holm, opening a new museum on Saturday after months of delays over its cost, "
    "said it would tell a story of \"loss and hope.\"",
    "LAGOS (Newswire) - Governor Ade Bello, visiting the flooded districts with his ministers and engineers, "
    "said the city would need \"years, not months\" to recover.",
])
def test_a_dateline_is_never_the_speaker(nlp, text):
    """The capitals before the dash say where a story was filed; a long aside between subject and verb must not
    make them the speaker."""
    quotes = quotes_of(nlp, text)
    assert quotes
    for q in quotes:
        assert q.speaker is None or not (q.speaker.mention or "").isupper(), q.speaker


@pytest.mark.parametrize("text, name", [
    ("OSLO -- Prime Minister Karin Holm, opening a new museum on Saturday after months of delays over its cost, "
     "said it would tell a story of \"loss and hope.\"", "Karin Holm"),
    ("LAGOS (Newswire) - Governor Ade Bello, visiting the flooded districts with his ministers and engineers, said "
     "the city would need \"years, not months\" to recover.", "Ade Bello"),
    ("KYIV, Ukraine (Newswire) -- Mayor Ivan Petrenko, touring the damaged districts with engineers and rescue "
     "crews, said the city would need \"years, not months\" to recover.", "Ivan Petrenko"),
])
def test_a_subject_the_parser_hung_on_the_dateline_still_speaks(nlp, text, name):
    (q,) = quotes_of(nlp, text)
    assert q.speaker is not None and q.speaker.name == name


@pytest.mark.parametrize("text, name", [
    ("Minister: 'We will not raise taxes'\n\nFinance Minister Carla Mendes ruled out tax rises on Wednesday.",
     "Carla Mendes"),
    ("Mayor says the budget is safe\n\nMayor Linda Okafor presented the figures on Monday.", "Linda Okafor"),
    ("Senator: 'We need answers'\n\nSen. Ana Lopez and Sen. Bob Hill met the board on Friday.", "Senator"),
])
def test_a_headline_names_the_office_the_story_names_the_person(nlp, text, name):
    """An office in the headline is the one person the article names in it; with two holders it stays as written."""
    q = quotes_of(nlp, text)[0]
    assert q.speaker is not None and q.speaker.name == name


def test_a_list_item_without_its_subject_names_no_speaker(nlp):
    """'Keeps saying ...' in a bulleted list leaves its subject out; the capitalised verb is nobody."""
    text = ("What the candidate has done:\n\nKeeps saying she opposed the war, when there are clips of her "
            "backing it.\n\nResidents saying they were never warned have sued the city.\n")
    speakers = [(q.speaker.name if q.speaker else None) for q in quotes_of(nlp, text)]
    assert speakers == [None, "Residents"]


@pytest.mark.parametrize("text, content, name", [
    ("The harbour board questioned chief engineer Tomas Berg on Tuesday.\n\nSenator Ilse Marr forced Berg to admit "
     "that the crane had failed twice.", "the crane had failed twice", "Tomas Berg"),
    ("Pressed by the auditors, the board got the mayor to concede that the budget was wrong.",
     "the budget was wrong", "mayor"),
])
def test_the_object_a_verb_makes_speak_is_the_speaker(nlp, text, content, name):
    """'forced X to admit that ...': X admits; the one forcing does not. After a request ('urged X to
    concede') X has said nothing yet."""
    (q,) = [q for q in quotes_of(nlp, text) if q.text == content]
    assert q.speaker is not None and q.speaker.name == name


@pytest.mark.parametrize("text, name", [
    ("Secretary General Ban Ki-moon condemned what he called a \"brazen breach\" of the treaty.", "Ban Ki-moon"),
    ("President Moon Jae-in visited the port on Monday. Moon said the new pier \"changes everything.\"",
     "Moon Jae-in"),
])
def test_hyphenated_given_names_are_names(nlp, text, name):
    """The lower-case half of a hyphenated given name ("Ki-moon") does not make the name a headline."""
    q = quotes_of(nlp, text)[-1]
    assert q.speaker is not None and q.speaker.name == name


def test_a_quote_after_a_sentence_about_a_person_is_theirs(nlp):
    """A quote with no cue, opening a sentence after one whose subject is a named person in the same paragraph,
    is that person's, not the previous paragraph's speaker's."""
    text = ("Mayor Tom Reed said \"the bridge will open in June.\"\n\n"
            "Sen. Ada Marsh (Vt.), who lost the primaries to Reed, identified young voters' exhaustion with tolls as "
            "one of the reasons that they should get excited about Reed's rival. \"The younger people are ... sick "
            "and tired of paying for a bridge nobody asked for.\"")
    q = quotes_of(nlp, text)[-1]
    assert q.speaker is not None and q.speaker.name == "Ada Marsh"


@pytest.mark.parametrize("text, name", [
    ("Midfielder Tomas Brandt said the team would bounce back.", "Tomas Brandt"),
    ("Striker Ana Vidal said the title race was far from over.", "Ana Vidal"),
    ("Goalkeeper Ivo Kral said the penalty should not have been given.", "Ivo Kral"),
])
def test_a_players_position_before_the_name_is_no_part_of_it(nlp, text, name):
    (q,) = quotes_of(nlp, text)
    assert q.speaker is not None and q.speaker.name == name


@pytest.mark.parametrize("text, content, name", [
    # a nationality or age epithet is the person just named, like a pronoun
    ("United manager Erik ten Hag praised his players. \"They showed character,\" the Dutchman said.",
     "They showed character,", "Erik ten Hag"),
    ("Veteran striker Ana Vidal scored twice. \"I feel young again,\" the 34-year-old said.",
     "I feel young again,", "Ana Vidal"),
    # the story moved to someone new: a pronoun after their sentence is theirs, not the last quote's speaker's
    ("\"We never stopped,\" Tomas Brandt told reporters.\n\nCoach Ivo Kral refused to blame the referee. Asked "
     "about the penalty, he said: \"I will not talk about it.\"", "I will not talk about it.", "Ivo Kral"),
    # a hyphenated given name the NER missed keeps its first half
    ("Mr Hale said the talks had failed.\n\nJean-Luc Moreau, 52, a nurse from Brill, said he would vote to strike. "
     "\"I love my job,\" he told reporters.", "I love my job,", "Jean-Luc Moreau"),
])
def test_epithets_and_who_the_story_moved_to(nlp, text, content, name):
    q = next(q for q in quotes_of(nlp, text) if q.text == content)
    assert q.speaker is not None and q.speaker.name == name


def test_a_programme_title_after_the_verb_is_not_its_subject(nlp):
    """'..., Flynn said on Fox News's “Fox and Friends.” “I mean ...”': the parser may take the quoted title for
    the verb's subject; the one who spoke is the name before the verb."""
    text = ("Retired Lt. Gen. Mark Flynn said Dan Crane was “absolutely right” when he said Wednesday night that "
            "under President Ann Lee, “the generals have been reduced to rubble.”\n\n“He's absolutely right. "
            "There's a severe disconnect between this White House and frankly the president and our military,” "
            "Flynn, a top Crane surrogate, said Thursday morning on Fox News’s “Fox and Friends.” “I mean, there's "
            "a lot of frustration within the ranks and there's a lot of frustration I know in the senior leadership "
            "about what we're not able to do.”\n")
    q = next(q for q in quotes_of(nlp, text) if q.text.startswith("I mean"))
    assert q.speaker is not None and q.speaker.name == "Mark Flynn", q.speaker
