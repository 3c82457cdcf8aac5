"""The one lexicon: every word list extract and ledger share, read once at import.

Titles and offices, organisation and role heads, countries and their adjectives,
reporting-cue verbs, ordinals, the words of figures (currencies, multipliers, units,
bounds) and of claims (stance verbs, verification, denial and hearsay cues) live here, below both ``extract`` and
``ledger``, so that "what counts as a title" has one answer everywhere.
"""

from __future__ import annotations

import re
from typing import Optional

from .countries import with_package_countries

__all__ = [
    "COUNTRY_FORMS", "COUNTRY_ADJECTIVE", "MULTI_WORD_COUNTRIES", "TITLE_WORDS", "ROLE_MODIFIERS", "ROLE_HEADS",
    "ORG_WORDS", "OFFICE_PREFIXES", "NATIONAL_LEADER_ROLES", "ROLE_NAMES", "QUANTIFIER_SOURCES", "GROUP_NOUNS", "PLURAL_GROUPS", "DOCUMENT_NOUNS", "NEVER_SPEAKERS", "PRONOUNS", "FEMALE_WORDS",
    "MALE_WORDS",
    "SPEECH_VERBS", "BELIEF_VERBS", "INTENT_VERBS", "TOPIC_VERBS", "TOPIC_PREPS", "REQUEST_VERBS",
    "INTRO_WORDS", "PHRASE_CUES", "ORDINALS", "ordinal_value",
    "CURRENCY_SYMBOLS", "CURRENCY_CODES", "CURRENCY_WORDS", "MULTIPLIERS", "FRACTIONS", "MEASURE_UNITS",
    "TIME_UNITS", "MONTHS", "STREET_WORDS", "BOUND_UPPER", "BOUND_LOWER", "BOUND_APPROX", "AGE_BEFORE",
    "STANCE_VERBS", "FORECAST_VERBS", "DECISION_WORDS", "EXPERIENCE_VERBS", "ACCUSE_VERBS", "DENY_VERBS", "CONFIRM_VERBS", "EVIDENCE_VERBS", "KNOWING_VERBS",
    "DEGREE_ADVERBS",
    "STATE_ADJECTIVES", "FEELING_ADJECTIVES", "CLAIM_NOUNS", "FIGURE_NOUNS", "HEARSAY_PATTERNS", "UNVERIFIED_PATTERNS",
    "DISPUTED_PATTERNS", "CONFIRMED_PATTERNS", "MODAL_WORDS", "PREDICTION_PATTERNS",
    "EVENT_TRIGGERS", "EVENT_TYPE_OF", "HELD_NOUNS", "CUSTODY_NOUNS", "HELD_TYPES",
]

# ---------------------------------------------------------------------------------------------
# Events (extract.events finds them; extract.times anchors dates on them: one lexicon, one notion of an event)

#: Event type -> trigger lemmas.  Order matters: the first type listed wins when a clause has several.
EVENT_TRIGGERS: dict[str, tuple[str, ...]] = {
    "talks": ("talk", "negotiation", "negotiate", "summit", "ceasefire", "truce", "peace"),
    "release": ("release", "free", "exchange", "swap", "pardon"),
    "handover": ("hand", "handover", "return", "repatriate", "repatriation"),
    "capture": ("capture", "surrender", "seize", "detain", "arrest"),
    "casualties": ("kill", "die", "wound", "injure", "death", "casualty"),
    "attack": ("attack", "strike", "airstrike", "shell", "shelling", "bomb", "bombing", "bombardment", "assault",
               "offensive", "invade", "invasion", "raid", "fire", "explosion", "blast"),
    "evacuation": ("evacuate", "evacuation", "flee"),
    "meeting": ("meet", "meeting", "visit"),
    "sanctions": ("sanction", "embargo"),
}
#: Trigger lemma -> its event type (the first type that lists it).
EVENT_TYPE_OF: dict[str, str] = {}
for _type, _words in EVENT_TRIGGERS.items():
    for _word in _words:
        EVENT_TYPE_OF.setdefault(_word, _type)
#: Event types whose trigger must be of people held: releasing a report or a hold is no release.
HELD_TYPES = frozenset({"release"})
#: Nouns of people who can be held, freed, exchanged or pardoned.
HELD_NOUNS = frozenset("""hostage prisoner captive detainee inmate soldier civilian journalist reporter citizen national
    people person man woman child boy girl worker sailor crew fighter serviceman servicemen pow activist dissident
    tourist aid-worker student family""".split())
#: Where people are held: "released from prison".
CUSTODY_NOUNS = frozenset("prison jail custody detention captivity camp cell".split())

# ---------------------------------------------------------------------------------------------
# Countries, offices, organisations

_COUNTRIES = {  # key: every form, "|"-separated (multi-word forms allowed)
    "ukraine": "ukraine|ukrainian|ukrainians", "russia": "russia|russian|russians|russian federation",
    "belarus": "belarus|belarusian|belarussian", "uk": "uk|u.k.|britain|british|united kingdom|great britain",
    "us": "us|u.s.|usa|u.s.a.|united states|united states of america|american|america",
    "eu": "eu|european union", "france": "france|french",
    "germany": "germany|german", "poland": "poland|polish", "china": "china|chinese", "israel": "israel|israeli",
    "iran": "iran|iranian", "turkey": "turkey|turkish|turkiye", "nato": "nato", "un": "un|u.n.|united nations",
    "syria": "syria|syrian", "gaza": "gaza|gazan", "palestine": "palestine|palestinian", "lebanon": "lebanon|lebanese",
    "moldova": "moldova|moldovan", "georgia": "georgia|georgian", "sudan": "sudan|sudanese", "yemen": "yemen|yemeni",
    "india": "india|indian", "pakistan": "pakistan|pakistani", "japan": "japan|japanese", "canada": "canada|canadian",
    "australia": "australia|australian", "italy": "italy|italian", "spain": "spain|spanish",
    "mexico": "mexico|mexican", "brazil": "brazil|brazilian", "egypt": "egypt|egyptian", "iraq": "iraq|iraqi",
    "afghanistan": "afghanistan|afghan", "saudi": "saudi arabia|saudi", "qatar": "qatar|qatari",
    "netherlands": "netherlands|dutch|the netherlands", "switzerland": "switzerland|swiss", "sweden": "sweden|swedish",
    "norway": "norway|norwegian", "ireland": "ireland|irish", "singapore": "singapore|singaporean",
    "indonesia": "indonesia|indonesian",
    "venezuela": "venezuela|venezuelan", "taiwan": "taiwan|taiwanese",
}
#: Every written form of a country or bloc -> one key.
COUNTRY_FORMS: dict[str, str] = {form: key for key, forms in _COUNTRIES.items() for form in forms.split("|")}

COUNTRY_ADJECTIVE = {
    "ukraine": "Ukrainian", "russia": "Russian", "belarus": "Belarusian", "uk": "UK", "us": "US", "eu": "EU",
    "france": "French", "germany": "German", "poland": "Polish", "china": "Chinese", "israel": "Israeli",
    "iran": "Iranian", "turkey": "Turkish", "syria": "Syrian", "moldova": "Moldovan", "georgia": "Georgian",
    "india": "Indian", "pakistan": "Pakistani", "japan": "Japanese", "canada": "Canadian", "australia": "Australian",
    "italy": "Italian", "spain": "Spanish", "mexico": "Mexican", "brazil": "Brazilian", "egypt": "Egyptian",
    "iraq": "Iraqi", "qatar": "Qatari", "netherlands": "Dutch", "switzerland": "Swiss", "sweden": "Swedish",
    "ireland": "Irish",
}
#: Every other country from the countryinfo package (our forms and keys first, see :mod:`.countries`).
COUNTRY_FORMS, COUNTRY_ADJECTIVE = with_package_countries(COUNTRY_FORMS, COUNTRY_ADJECTIVE)
MULTI_WORD_COUNTRIES = sorted((f for f in COUNTRY_FORMS if " " in f), key=len, reverse=True)

#: Words of address and office that stand before a name and are not part of it
#: ("President Volodymyr Zelenskyy", "Sen. Ted Cruz", "Ms Olena Brisk").
TITLE_WORDS = frozenset(
    """mr mrs ms miss mx dr prof sir dame lord lady president vice prime minister deputy general gen col colonel
    maj major mp mep msp mla capt captain lt lieutenant sgt sergeant adm admiral chancellor secretary senator sen rep
    representative governor gov mayor ambassador king queen prince princess pope rev reverend father sister
    sheikh chief commander spokesman spokeswoman spokesperson adviser advisor judge justice chairman chairwoman
    chair speaker leader commissioner attorney director officer sheriff detective inspector superintendent
    professor coach manager ceo executive principal pastor bishop rabbi imam trooper councillor councilman
    councilwoman alderman congressman congresswoman premier marshal president-elect""".split()
)

#: Words that qualify an office inside a title phrase and go with it to the role
#: ("former Defence Secretary", "Democratic presidential nominee").
#: Words that begin or join a surname ("von der Leyen", "de Gaulle", "bin Salman"), never a first name.
SURNAME_PARTICLES = frozenset("de del della di da dos das du van von der den ten ter te la le al el bin ibn bint".split())

ROLE_MODIFIERS = frozenset(
    """former then acting interim foreign defence defense interior health finance state home justice
    democratic republican presidential vice deputy assistant press candidate nominee senior junior
    top chief general""".split()
)

#: Words that form one office with the title after them: a vice president is not the president.
OFFICE_PREFIXES = frozenset("vice prime deputy assistant under lieutenant attorney surgeon first".split())
#: One name for an office however it is written: an abbreviated title ("Sen. X" then "the senator") or another
#: word for the same seat ("Rep. X" then "the congresswoman").
ROLE_NAMES = {
    "sen": "senator", "gov": "governor", "rep": "representative", "congressman": "representative",
    "congresswoman": "representative", "congressmember": "representative", "gen": "general", "col": "colonel",
    "lt": "lieutenant", "capt": "captain", "sgt": "sergeant", "adm": "admiral", "maj": "major", "pres": "president",
    "supt": "superintendent", "insp": "inspector", "prof": "professor", "atty": "attorney", "amb": "ambassador",
    "cmdr": "commander", "sec": "secretary",
}
#: Offices that lead a country: "the Norwegian leader" is the article's Norwegian prime minister or president.
NATIONAL_LEADER_ROLES = frozenset(
    "president prime minister premier chancellor king queen emir sultan monarch taoiseach".split()) | {"prime minister"}

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
    analyst consultant adviser advisor aide assistant deputy director head boss chief principal
    midfielder striker forward winger defender goalkeeper keeper fullback full-back centre-back center-back
    quarterback pitcher catcher batter batsman bowler all-rounder wicketkeeper skipper jockey trainer cyclist
    runner sprinter swimmer boxer wrestler golfer gymnast skier rider racer playmaker""".split()
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
    center centre campaign media poll senate congress house firm treasury cabinet presidency secretariat board
    bureau directorate inspectorate tribunal regulator watchdog airline insurer charity club society observatory
    delegation mission motors motor airlines airways holdings industries technologies pharmaceuticals systems
    partners enterprises laboratories labs petroleum mining resources communications telecom entertainment
    brands foods""".split()
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

#: Generic nouns for a business ("the company said", "the carmaker added"): they stand for the business the story
#: named, whatever its name's words.
COMPANY_NOUNS = frozenset(
    """company firm business corporation automaker carmaker manufacturer maker airline carrier insurer retailer
    lender bank brewer chain developer conglomerate startup start-up giant supplier distributor utility
    publisher broadcaster producer miner driller refiner operator group""".split()
)

#: Words of a business's own name ("Halvorsen Motors", "NPD Group", "Acme Inc."): with one, "the company" may
#: stand for it.
COMPANY_NAME_WORDS = frozenset(
    """inc corp corporation co ltd llc plc ag sa nv gmbh group holdings motors motor airlines airways industries
    technologies pharmaceuticals systems partners enterprises laboratories labs petroleum mining resources
    communications telecom entertainment brands foods company""".split()
)

#: Words of a public body's name ("U.S. government", "Air Force"): "the company" never stands for one.
PUBLIC_BODY_WORDS = frozenset(
    """government ministry department administration agency senate congress parliament court police council
    commission committee office authority authorities treasury cabinet military army navy force forces guard
    party house assembly embassy reserve federal fed""".split()
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
    war conflict situation aggression plan proposal funding money decision move change news
    meeting summit session conference hearing debate talks vote election protest rally attack strike""".split()
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

#: Verbs that make their object do what their infinitive says ("forced the banker to admit"): the object did
#: it. After a request ("urged the mayor to concede", REQUEST_VERBS) nobody has said anything yet.
CAUSATIVE_VERBS: frozenset[str] = frozenset("force compel oblige get prompt lead drive make push".split())

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
    repeat reiterate recount stress emphasize emphasise""".split()
)  # not "recall": its plain object is as often a product called back ("recalls 80,000 vehicles")

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

#: Verbs whose passive agent issued what an impersonal cue reports: "in a note issued by the council,
#: it was said ...".
PUBLISHING_VERBS = frozenset("release issue publish post make attribute".split())

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


# ---------------------------------------------------------------------------------------------
# Figures: currencies, multipliers, units, fractions, bounds (read by extract/quantities.py)

#: Currency signs written before a figure, longest first when matched ("US$" before "$").
CURRENCY_SYMBOLS: dict[str, str] = {
    "US$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD", "R$": "BRL", "$": "USD", "£": "GBP",
    "€": "EUR", "¥": "JPY", "₴": "UAH", "₽": "RUB", "₹": "INR", "₪": "ILS", "₩": "KRW", "₺": "TRY",
}
#: ISO codes written before or after a figure ("USD 5m", "40m EUR").
CURRENCY_CODES = frozenset("USD EUR GBP JPY CNY RUB UAH INR CHF CAD AUD ILS TRY PLN KRW BRL".split())
#: Currency words after a figure ("300 million dollars") -> ISO code.
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB", "hryvnia": "UAH", "hryvnias": "UAH", "hryvnas": "UAH", "rupee": "INR",
    "rupees": "INR", "franc": "CHF", "francs": "CHF", "shekel": "ILS", "shekels": "ILS", "lira": "TRY",
    "zloty": "PLN", "zlotys": "PLN",
}
#: Multipliers after a figure, as words or abbreviations ("1.5 million", "$116m", "£2bn", "5k").
MULTIPLIERS: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}
#: Fractions written in words ("a sixth", "two-thirds", "half") -> value of one part.
FRACTIONS: dict[str, float] = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4,
    "fifth": 1 / 5, "fifths": 1 / 5, "sixth": 1 / 6, "sixths": 1 / 6, "seventh": 1 / 7, "sevenths": 1 / 7,
    "eighth": 1 / 8, "eighths": 1 / 8, "ninth": 1 / 9, "ninths": 1 / 9, "tenth": 1 / 10, "tenths": 1 / 10,
}
#: Units of measure after a figure (regular expression alternatives -> unit name), longest first.
MEASURE_UNITS: dict[str, str] = {
    r"percentage\s+points?": "percentage points", r"per\s*cent": "percent", r"percent": "percent", r"%": "percent",
    r"square\s+kilomet(?:re|er)s": "km2", r"sq\.?\s*km": "km2", r"square\s+miles": "sq mi", r"km2|km²": "km2",
    r"kilomet(?:re|er)s?": "km", r"km/h": "km/h", r"km": "km", r"miles?": "miles", r"mph": "mph",
    r"met(?:re|er)s?": "m", r"mm": "mm", r"cm": "cm", r"feet|ft": "ft",
    r"kilograms?|kg": "kg", r"tonnes?|tons?": "tonnes", r"barrels?": "barrels", r"hectares?": "ha",
    r"acres?": "acres", r"litres?|liters?": "litres", r"gallons?": "gallons",
    r"megawatts?|MW": "MW", r"gigawatts?|GW": "GW",
}
#: Units of time: a figure counting them is a duration, an age or a date, not a stated figure.
TIME_UNITS = frozenset(
    """second seconds minute minutes hour hours day days night nights week weeks weekend weekends month months
    year years decade decades century centuries season seasons""".split()
)
#: Last words of a street address ("10 Downing Street").
STREET_WORDS = frozenset(
    "street st road rd avenue ave lane ln boulevard blvd drive dr square place way terrace court crescent close".split()
)
#: Words before a figure that bound it from above, below or make it approximate (lower case, longest first).
BOUND_UPPER = ("as many as", "as much as", "up to", "at most", "no more than", "not more than", "fewer than",
               "less than", "a maximum of", "just under", "under", "below")
BOUND_LOWER = ("more than", "at least", "in excess of", "upwards of", "no fewer than", "no less than",
               "a minimum of", "just over", "exceeding", "over", "above", "north of")
BOUND_APPROX = ("approximately", "an estimated", "an approximate", "estimated", "about", "around", "nearly",
                "almost", "roughly", "some", "close to", "circa", "approx.", "c.", "more or less")
#: Month names: a number right after one is a date ("March 10-11").
MONTHS = frozenset(
    """january february march april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec""".split()
)
#: Words right before a number that make it an age ("aged 48", "between the ages of 18 and 60").
AGE_BEFORE = ("aged", "age", "ages of", "ages", "age of")


# ---------------------------------------------------------------------------------------------
# Claims: what is an assertion, and the words that verify, deny or confirm one

#: Verbs whose clause states an attitude, a wish or a judgement, not a fact ("we want", "I think").
STANCE_VERBS = frozenset(
    """think believe feel hope wish want fear consider regard expect like love hate prefer need deserve doubt
    suspect guess imagine suppose trust worry welcome share urge demand""".split()
)
#: Verbs whose reported content is a forecast ("the bank expects inflation to fall below 3 percent"): a
#: prediction, never a claim, even with a figure in it.
FORECAST_VERBS = frozenset("expect forecast predict project anticipate foresee".split())
#: Verbs whose past is spelt as their present ("prices hit a record on Tuesday"): the tagger's present
#: tag on one says nothing of when.
UNCHANGED_PAST_VERBS = frozenset(
    "hit cut set put let shut quit spread cost hurt split burst cast broadcast upset bet bid slit thrust forecast"
    .split())
#: Words that announce a decision rather than state a fact ("a decision has been taken", "he is ordering").
DECISION_WORDS = frozenset("decide decision order instruct".split())
#: Verbs of perception and cognition: with "I" or "we" in the present they state an experience or view.
EXPERIENCE_VERBS = frozenset("hear see feel know understand believe think find notice remember recall".split())
#: Verbs that accuse someone of an act ("accused Russia of shelling", "blamed the rebels for").
ACCUSE_VERBS = frozenset("accuse blame charge criticise criticize condemn fault".split())
#: Verbs by which a party disputes what was said.
DENY_VERBS = frozenset("deny dispute reject refute contradict contest dismiss rebut debunk".split())
#: Verbs by which a party confirms what was said.
CONFIRM_VERBS = frozenset("confirm verify corroborate".split())
#: Verbs of evidence whose subject is a document, finding or court ("reports have shown that", "the data
#: indicate", "the judge ruled that").
EVIDENCE_VERBS = frozenset("show reveal find indicate suggest confirm estimate demonstrate prove rule determine".split())
#: Verbs whose "how / what / whether" object is a question, not a fact ("asked how the money was spent"; but
#: "changed how waits are counted" states a change).
KNOWING_VERBS = frozenset("ask wonder know learn understand decide question investigate examine check consider".split())
#: Degree and stance adverbs that mark a judgement or a guess ("quite an indictment", "utterly immoral",
#: "almost certainly sees").
DEGREE_ADVERBS = frozenset(
    """very quite so too really extremely utterly perfectly absolutely incredibly truly deeply highly
    totally entirely completely particularly especially terribly awfully hugely hardly barely simply
    clearly obviously certainly surely probably possibly perhaps maybe undoubtedly arguably""".split()
)
#: Adjectives that state a fact about their subject, not a judgement ("the bridge is closed").
STATE_ADJECTIVES = frozenset(
    """dead alive missing injured wounded displaced homeless unemployed closed open shut illegal legal
    available unavailable present absent pregnant infected ill sick positive negative empty full free
    responsible liable guilty innocent unable able married divorced single involved
    underway operational inoperable intact destroyed damaged flooded occupied vacant armed unarmed
    detained arrested imprisoned jailed released captured safe""".split()
)
#: Adjectives of feeling: "he was disappointed", "residents are worried" report a state of mind, no checkable fact.
FEELING_ADJECTIVES = frozenset(
    """disappointed pleased happy glad delighted sad upset angry furious worried concerned anxious afraid scared
    confident optimistic pessimistic hopeful proud ashamed grateful thankful relieved surprised shocked saddened
    heartbroken frustrated satisfied dissatisfied encouraged disheartened excited nervous sorry""".split()
)
#: Nouns that stand for something said ("the claim", "these allegations", "the group's account").
CLAIM_NOUNS = frozenset(
    """claim claims allegation allegations accusation accusations charge charges assertion assertions
    statement statements report reports account accounts suggestion suggestions story stories
    assessment information rumour rumours rumor rumors news""".split()
)
#: Nouns that stand for stated figures ("these figures", "the death toll").
FIGURE_NOUNS = frozenset(
    """figure figures number numbers toll tolls count counts estimate estimates statistic statistics
    data tally tallies total totals casualties""".split()
)
#: Hedged hearsay: reported with no source (regular expressions, matched case-insensitively).
HEARSAY_PATTERNS = (
    r"there\s+(?:have|has|had)\s+been\s+(?:\w+\s+){0,2}reports?\s+(?:of|that)",
    r"there\s+(?:are|were|is|was)\s+(?:\w+\s+){0,2}reports?\s+(?:of|that)",
    r"amid\s+(?:\w+\s+){0,2}reports?\s+(?:of|that)",
    r"according\s+to\s+(?:unconfirmed\s+|some\s+|media\s+|local\s+|unverified\s+|press\s+|news\s+)?reports",
    r"(?:is|are|was|were|has\s+been|have\s+been)\s+(?:widely\s+)?(?:reported|believed|thought|understood|said|"
    r"rumoured|rumored|alleged|suspected)\s+to",
    r"it\s+is\s+(?:widely\s+)?(?:understood|believed|thought|reported|alleged|rumoured|rumored)\s+that",
    r"reportedly", r"allegedly", r"purportedly", r"supposedly", r"reports\s+(?:suggest|say|said|indicate|claim)",
)
#: Words saying a claim is not verified (regular expressions).
UNVERIFIED_PATTERNS = (
    r"(?:could|can|has|have|had|was|were|is|are|did|do|does)(?:\s+not|n['’]t)\s+(?:yet\s+)?(?:been\s+|be\s+)?"
    r"(?:independently\s+|immediately\s+|separately\s+)?(?:verif(?:ied|y)|confirm(?:ed)?|corroborat(?:e|ed))",
    r"cannot\s+(?:be\s+)?(?:independently\s+)?(?:verif(?:ied|y)|confirm(?:ed)?)",
    r"(?:unable|impossible|not\s+(?:been\s+)?possible|no\s+way)\s+to\s+(?:independently\s+|immediately\s+)?"
    r"(?:verify|confirm|corroborate)",
    r"(?:has|have|had)\s+yet\s+to\s+be\s+(?:independently\s+)?(?:verified|confirmed)",
    r"unverified", r"unverifiable", r"unconfirmed",
    r"not\s+(?:been\s+)?independently\s+(?:verified|confirmed)",
    r"there\s+(?:was|is|has\s+been)\s+no\s+(?:independent\s+)?(?:confirmation|verification)",
)
#: Words saying a claim is false or disputed (regular expressions).
DISPUTED_PATTERNS = (
    r"(?:denied|denies|deny|denying|rejected|rejects|reject|rejecting|disputed|disputes|dispute|refuted|refutes|"
    r"refute|contradicted|contradicts|contested|contests|rebutted|rebuts|debunked|debunks)",
    r"dismiss(?:ed|es|ing)?\s+(?:the|these|this|those|such|as|it|them)",
    r"falsely", r"false", r"untrue", r"misleading", r"baseless", r"unfounded", r"fabricated", r"groundless",
    r"inaccurate", r"incorrect", r"no\s+evidence", r"without\s+(?:providing\s+(?:any\s+)?)?evidence",
    r"not\s+true", r"a\s+lie", r"lies",
)
#: Words saying a claim was confirmed (regular expressions; a negation before them makes them unverified).
CONFIRMED_PATTERNS = (
    r"(?:independently\s+)?(?:verified|confirmed|corroborated)\s+by",
    r"independently\s+(?:verified|confirmed)",
    r"(?:confirmed|confirms|confirm|verified|corroborated)",
)
#: Modal words that make a clause a prediction or a possibility, not a statement of fact.
MODAL_WORDS = frozenset("will would could may might should must shall can 'll ’ll wo ca".split())
#: Phrases that make a clause a prediction ("is expected to", "is going to").
PREDICTION_PATTERNS = (
    r"(?:is|are|was|were|be|['’]s|['’]re)(?:\s+not|n['’]t)?\s+(?:going|expected|likely|unlikely|set|due|poised|"
    r"projected|forecast|predicted|scheduled|about)\s+to",
    r"(?:has|have|had)\s+(?:the|no|every)\s+(?:ability|opportunity|chance|right|power|intention)\s+to",
    r"there\s+(?:is|was|are)\s+no\s+way",
    r"(?:has|have|need|needs|ought)\s+to\s+(?!do\s+with)\w+",
    r"(?:plans?|planned|intends?|intended|aims?|aimed|hopes?|hoped|vows?|vowed|promised?|pledged?|threaten(?:s|ed)?)\s+to",
)

# ---------------------------------------------------------------------------------------------
# The same claim across articles (the claim ledger)

#: Words of what a figure counts that name one count: "41 killed", "41 dead" and "41 died" are one death toll,
#: "the injured" and "the wounded" one count of casualties; irregular plurals as their singular.
COUNT_WORDS: dict[str, str] = {
    "died": "killed", "dead": "killed", "deaths": "killed", "death": "killed", "slain": "killed", "kill": "killed",
    "injured": "wounded", "hurt": "wounded", "injuries": "wounded", "injury": "wounded",
    "persons": "people", "person": "people", "children": "child", "men": "man", "women": "woman",
}
#: Prepositions after which a capitalised name in a claim says where it happened ("killed in Tarvik").
PLACE_PREPOSITIONS = frozenset("in at near outside around inside across into".split())
#: Words that carry no content in a claim's wording (the wording key of claims without a figure).
CLAIM_STOP_WORDS = frozenset("""a an the of to in on at by for from with and or but not no is are was were be been being
have has had that this these those it its as than then there their they them he she his her we our you your i
would will could can may might shall should also about into over under after before since more less some any all
each other such who which what when where while its itself""".split())
