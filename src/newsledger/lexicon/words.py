"""The one lexicon: every word list extract and ledger share, read once at import.

Titles and offices, organisation and role heads, countries and their adjectives,
reporting-cue verbs and ordinals live here, below both ``extract`` and
``ledger``, so that "what counts as a title" has one answer everywhere.
"""

from __future__ import annotations

import re
from typing import Optional

__all__ = [
    "COUNTRY_FORMS", "COUNTRY_ADJECTIVE", "MULTI_WORD_COUNTRIES", "TITLE_WORDS", "ROLE_MODIFIERS", "ROLE_HEADS",
    "ORG_WORDS", "OFFICE_PREFIXES", "QUANTIFIER_SOURCES", "GROUP_NOUNS", "PLURAL_GROUPS", "DOCUMENT_NOUNS", "NEVER_SPEAKERS", "PRONOUNS", "FEMALE_WORDS",
    "MALE_WORDS",
    "SPEECH_VERBS", "BELIEF_VERBS", "INTENT_VERBS", "TOPIC_VERBS", "TOPIC_PREPS", "REQUEST_VERBS",
    "INTRO_WORDS", "PHRASE_CUES", "ORDINALS", "ordinal_value",
]

# ---------------------------------------------------------------------------------------------
# Countries, offices, organisations

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
MULTI_WORD_COUNTRIES = sorted((f for f in COUNTRY_FORMS if " " in f), key=len, reverse=True)

COUNTRY_ADJECTIVE = {
    "ukraine": "Ukrainian", "russia": "Russian", "belarus": "Belarusian", "uk": "UK", "us": "US", "eu": "EU",
    "france": "French", "germany": "German", "poland": "Polish", "china": "Chinese", "israel": "Israeli",
    "iran": "Iranian", "turkey": "Turkish", "syria": "Syrian", "moldova": "Moldovan", "georgia": "Georgian",
    "india": "Indian", "pakistan": "Pakistani", "japan": "Japanese", "canada": "Canadian", "australia": "Australian",
}

#: Words of address and office that stand before a name and are not part of it
#: ("President Volodymyr Zelenskyy", "Sen. Ted Cruz", "Ms Olena Brisk").
TITLE_WORDS = frozenset(
    """mr mrs ms miss mx dr prof sir dame lord lady president vice prime minister deputy general gen col colonel
    maj major capt captain lt lieutenant sgt sergeant adm admiral chancellor secretary senator sen rep
    representative governor gov mayor ambassador king queen prince princess pope rev reverend father sister
    sheikh chief commander spokesman spokeswoman spokesperson adviser advisor judge justice chairman chairwoman
    chair speaker leader commissioner attorney director officer sheriff detective inspector superintendent
    professor coach manager ceo executive principal pastor bishop rabbi imam trooper councillor councilman
    councilwoman alderman congressman congresswoman premier marshal president-elect""".split()
)

#: Words that qualify an office inside a title phrase and go with it to the role
#: ("former Defence Secretary", "Democratic presidential nominee").
ROLE_MODIFIERS = frozenset(
    """former then acting interim foreign defence defense interior health finance state home justice
    democratic republican presidential vice deputy assistant press candidate nominee senior junior
    top chief general""".split()
)

#: Words that form one office with the title after them: a vice president is not the president.
OFFICE_PREFIXES = frozenset("vice prime deputy assistant under lieutenant attorney surgeon first".split())

#: Quantifiers that stand for the people a sentence is about ("all said", "each told us"): a speaker
#: left unresolved, with its words as the mention.
QUANTIFIER_SOURCES = frozenset("all each both many some most several others few none everyone someone somebody anyone".split())

#: Head nouns that make a phrase before a name a role ("presidential adviser", "commander of the platoon").
ROLE_HEADS = frozenset(
    """president minister adviser advisor spokesman spokeswoman spokesperson commander general chief head secretary
    mayor governor ambassador envoy official officer leader chancellor premier senator director chairman chairwoman
    chair ceo founder editor correspondent analyst expert professor researcher spokesman lawyer attorney judge
    prosecutor colonel captain major lieutenant sergeant admiral marshal soldier medic doctor nurse witness
    resident mother father activist negotiator diplomat representative deputy mp lawmaker congressman
    congresswoman candidate aide strategist economist scientist manager coordinator commissioner inspector
    pilot driver volunteer journalist reporter photographer governor-general king queen prince pope
    executive founder co-founder owner partner chairperson president-elect superintendent principal teacher
    student farmer worker employee nurse surgeon physician scientist engineer economist historian author
    writer novelist artist actor actress singer musician player coach captain referee athlete manager
    banker investor entrepreneur businessman businesswoman landlord tenant shopkeeper owner-operator
    survivor victim relative brother sister son daughter wife husband widow mother father parent neighbour
    neighbor friend colleague member leader organiser organizer campaigner protester demonstrator priest
    pastor bishop rabbi imam cleric monk general marshal commander officer trooper sheriff detective
    investigator prosecutor defender counsel solicitor barrister magistrate juror plaintiff defendant
    suspect accused lawmaker legislator councillor councilor alderman delegate envoy minister secretary
    treasurer auditor regulator inspector official spokesman spokeswoman spokesperson representative
    analyst consultant adviser advisor aide assistant deputy director head boss chief principal""".split()
)

#: Words that mark a name as an organisation rather than a person.
ORG_WORDS = frozenset(
    """ministry department office council committee commission agency service services army navy force forces
    military government parliament party union bank news independent tv television radio times post press
    agency institute university college school hospital foundation fund association organisation organization
    company corp corporation inc ltd llc group network channel broadcaster cross crescent defence defense
    programme program unicef unhcr who nato ministry administration operator agency inc
    guard guards brigade battalion regiment command staff police authority authorities assembly court
    embassy consulate federation league coalition alliance front movement church red journal kremlin
    center centre campaign media poll senate congress house firm""".split()
)

#: Head nouns of organisations and groups that can speak ("the ministry said", "officials said").
GROUP_NOUNS = frozenset(
    """ministry military government army navy police department agency office officials official authorities
    campaign committee party company court council commission administration kremlin spokesman spokeswoman
    spokesperson spokespeople group organization organisation union board team sources aides advisers
    democrats republicans critics supporters experts analysts researchers pollsters prosecutors investigators
    lawyers attorneys regulators forces staff service services bureau embassy delegation parliament congress
    senate cabinet media newspaper network poll survey report study website outlet firm bank
    association coalition alliance federation institute center centre foundation""".split()
)

#: Group nouns that are plural in meaning: "they", not "it", refers to them.
PLURAL_GROUPS = frozenset(
    """officials authorities sources aides advisers democrats republicans critics supporters experts analysts
    researchers pollsters prosecutors investigators lawyers attorneys regulators forces staff police
    residents witnesses people protesters rescuers""".split()
)

#: Nouns of documents and media that "say" things; their author, where the phrase names one, speaks.
DOCUMENT_NOUNS = frozenset(
    """report statement letter study survey poll memo document filing complaint lawsuit ruling order
    indictment ad advertisement video post tweet article editorial op-ed piece analysis review audit
    assessment estimate data figures release bulletin update transcript book speech""".split()
)

#: Nouns that are never a speaker, whatever the parse says ("said in a statement", "the case shows").
NEVER_SPEAKERS = frozenset(
    """statement case efforts effort way time times thing things fact question issue matter idea
    war conflict situation aggression plan proposal funding money decision move change news""".split()
)

# ---------------------------------------------------------------------------------------------
# People: pronouns and gender

#: Personal pronouns -> (person, gender, number): gender m / f / n (neuter) / None, number sg / pl.
PRONOUNS: dict[str, tuple[int, Optional[str], str]] = {
    "i": (1, None, "sg"), "me": (1, None, "sg"), "my": (1, None, "sg"), "mine": (1, None, "sg"),
    "we": (1, None, "pl"), "us": (1, None, "pl"), "our": (1, None, "pl"), "ours": (1, None, "pl"),
    "you": (2, None, "sg"), "your": (2, None, "sg"),
    "he": (3, "m", "sg"), "him": (3, "m", "sg"), "his": (3, "m", "sg"), "himself": (3, "m", "sg"),
    "she": (3, "f", "sg"), "her": (3, "f", "sg"), "hers": (3, "f", "sg"), "herself": (3, "f", "sg"),
    "it": (3, "n", "sg"), "its": (3, "n", "sg"), "itself": (3, "n", "sg"),
    "they": (3, None, "pl"), "them": (3, None, "pl"), "their": (3, None, "pl"), "themselves": (3, None, "pl"),
}

#: Words near a name that give a person's gender (titles, family and gendered role words).
FEMALE_WORDS = frozenset(
    """mrs ms miss madam lady queen princess dame mother wife woman sister daughter girl grandmother aunt niece
    widow congresswoman chairwoman spokeswoman businesswoman councilwoman actress""".split()
)
MALE_WORDS = frozenset(
    """mr sir lord king prince father husband man brother son boy grandfather uncle nephew widower
    congressman chairman spokesman businessman councilman actor""".split()
)


# ---------------------------------------------------------------------------------------------
# Reporting cues

#: Verbs of saying whose clausal complement is the reported content ("said that ...").
SPEECH_VERBS: frozenset[str] = frozenset(
    """
    say tell add announce confirm stress warn claim state explain note insist argue admit acknowledge rule
    deny suggest report write tweet declare reply respond continue concede contend maintain remark
    observe allege complain comment mention reveal disclose assert emphasize emphasise reiterate repeat
    predict promise vow pledge boast recall recount testify caution concur agree estimate indicate
    inform proclaim retort quip joke muse wonder question speculate hint signal conclude affirm assure
    reckon opine posit counter clarify elaborate post blog told lament acknowledge charge accuse
    admit complain shout whisper exclaim cry scream yell sneer snap fume thunder rage
    """.split()
)

#: Verbs of belief and finding whose clausal complement is an attributed proposition
#: ("polls show that ...", "she believes that ..."): PARC-style attribution, lower confidence.
BELIEF_VERBS: frozenset[str] = frozenset(
    """believe expect show find reveal indicate suggest conclude estimate acknowledge predict""".split()
) - SPEECH_VERBS

#: Verbs of intention whose infinitive is the content ("vowed to cut taxes", "plans to visit Ohio").
INTENT_VERBS: frozenset[str] = frozenset(
    """vow pledge promise want propose threaten hope intend agree offer""".split()
)

#: Verbs of saying whose direct object is what a source put forward ("she cited the
#: unemployment figures", "he denied the allegations", "they questioned the count").  Verbs of
#: stance or action with an object ("defended the plan", "praised the mayor", "rejected the
#: criticism", "admitted 400 patients") report no content and are not here.
TOPIC_VERBS: frozenset[str] = frozenset(
    """cite mention question criticize criticise discuss describe dispute propose announce
    reference echo point note report claim confirm deny reveal disclose predict
    repeat reiterate recall recount stress emphasize emphasise""".split()
)

#: Prepositions whose object is the content after a cue verb ("pointed to the polls", "warned
#: against hackers", "complained about the food"); "out" is the particle of "pointed out".
TOPIC_PREPS: dict[str, frozenset[str]] = {
    "point": frozenset({"to", "out"}),
    "comment": frozenset({"on"}),
    "complain": frozenset({"about", "of"}),
    "warn": frozenset({"about", "against", "of"}),
    "boast": frozenset({"about", "of"}),
    "joke": frozenset({"about"}),
    "write": frozenset({"about", "of"}),
    "tweet": frozenset({"about"}),
    "testify": frozenset({"about"}),
}

#: Verbs of accusing: the one accused and the preposition that carries the charge are the content
#: ("accused the rebels of shelling the port", "charged the firm with fraud").
ACCUSATION_PREPS: dict[str, str] = {"accuse": "of", "charge": "with"}

#: Verbs whose object + infinitive is the content ("asked the Red Cross to help").
REQUEST_VERBS: frozenset[str] = frozenset(
    "ask implore urge beg call appeal plead order instruct demand invite encourage advise request".split()
)

#: Nouns and verbs that introduce a quotation after a colon ("her post read:", "the statement said:").
INTRO_WORDS: frozenset[str] = frozenset(
    "read reads quote quoted statement attribute attributed write wrote writes post posted tweet tweeted".split()
)

#: Multi-word cues matched on lower-cased text; head is the index inside the phrase.
PHRASE_CUES: dict[str, int] = {
    "according to": 1,
    "in the words of": 3,
    "quoted as saying": 2,
    "went on to say": 3,
    "went on to add": 3,
    "in a statement": 2,
}


# ---------------------------------------------------------------------------------------------
# Ordinals

#: Ordinal words and their values ("the third day", "a second round").
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "hundredth": 100,
}
_DIGIT_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)", re.I)


def ordinal_value(word: str) -> Optional[int]:
    """3 for "third" or "3rd", None for a word that is no ordinal."""
    value = ORDINALS.get(word.lower())
    if value is not None:
        return value
    m = _DIGIT_ORDINAL.fullmatch(word)
    return int(m.group(1)) if m else None
