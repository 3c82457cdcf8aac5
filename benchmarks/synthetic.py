"""A fixed generator of realistic synthetic war-news articles, as text or as finished records.

Used by the benchmarks: ``articles(n)`` gives Article texts for the NLP pipeline
(throughput, memory), ``records(n)`` gives complete Records with quotes, claims,
times, entities and events whose spans slice exactly, for store and web
benchmarks that must not pay for NLP.  Everything is seeded: the same ``n``
and ``seed`` give the same output on every machine.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Iterator

from newsledger.ingest.article import make_article
from newsledger.records import (
    Article, Claim, ClaimSource, Cue, Entity, Event, Evidence, Mention, PipelineInfo, Quantity, Quote, Record,
    Speaker, TimeExpr,
)

FIRST = ("Anna Mykola Olena Dmytro Iryna Pavel Oksana Taras Maria Andriy Yulia Serhiy Kateryna Viktor Natalia "
         "Bohdan Larysa Roman Halyna Oleh Svitlana Ivan Tetiana Vasyl Liudmyla Petro Nadia Yuriy Zoya Artem").split()
LAST = ("Kovalenko Bondar Tkachenko Kravets Oliynyk Shevchuk Polishchuk Lysenko Marchenko Savchenko Rudenko "
        "Moroz Hnatiuk Melnyk Boyko Koval Shevchenko Tkachuk Kovalchuk Petrenko Bilyk Pavlenko Symonenko Honchar "
        "Karpenko Levchenko Zinchenko Yatsenko Danylyuk Fedorenko Vlasenko Sydorenko Hrytsenko Osadchy Prykhodko "
        "Kuzmenko Lytvyn Nazarenko Ostapenko Yurchenko Stepanenko Tymoshenko Mazur Semenko Voronov Hudz Ivanyk").split()
ROLES = ("Defence Minister", "regional governor", "presidential adviser", "military spokesman", "city mayor",
         "commander of the brigade", "Deputy Prime Minister", "Foreign Minister", "police chief", "aid coordinator")
ORGS = ("defence ministry", "foreign ministry", "interior ministry", "general staff", "emergency service",
        "border guard service", "health ministry", "energy ministry")
COUNTRIES = ("Kestria", "Orvalia", "Marovia", "Dalmerk", "Vessaly", "Tornland", "Brivas", "Selgrad")
ADJECTIVE = {"Kestria": "Kestrian", "Orvalia": "Orvalian", "Marovia": "Marovian", "Dalmerk": "Dalmerkian",
             "Vessaly": "Vessalian", "Tornland": "Tornish", "Brivas": "Brivasian", "Selgrad": "Selgradian"}
CITIES = ("Solvany", "Draguv", "Varnsk", "Lutsa", "Brenik", "Ostravel", "Kirnov", "Pelago", "Tarvik", "Holmsk",
          "Zaretsk", "Mirova", "Dubrin", "Kalvetsk", "Rovno", "Sarpa")
THINGS = ("soldiers", "civilians", "drones", "missiles", "tanks", "residents", "prisoners", "ships")
VERBS = ("killed", "shot down", "destroyed", "evacuated", "wounded", "captured", "released", "sunk")
QUOTES = (
    "We will not give up a single metre of our land, whatever it costs us.",
    "The people of this city have endured more than anyone should ever have to endure.",
    "Every promise of help that arrives late is paid for by our soldiers in blood.",
    "Nobody in that room expected a breakthrough, but we expected them to listen.",
    "Our engineers are repairing by night what the artillery breaks by day.",
    "The corridor will stay open as long as our navy can keep the mines away.",
    "They told us the talks would be frank, and they were frank about wanting our land.",
    "We counted the impacts until we lost count, and then we counted the dead.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class _Writer:
    """Builds a text while recording the span of every piece that will become an item."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _article(rng: random.Random, i: int, base: dt.date):
    published = base + dt.timedelta(days=i % 400)
    w = _Writer()
    country, enemy = rng.sample(COUNTRIES, 2)
    city = rng.choice(CITIES)
    people = [(rng.choice(FIRST), rng.choice(LAST), rng.choice(ROLES)) for _ in range(rng.randint(2, 4))]
    org = f"{ADJECTIVE[country]} {rng.choice(ORGS)}"
    quotes, claims, times, entities, events = [], [], [], [], []
    mentions: dict[tuple[str, str], list[Mention]] = {}
    roles: dict[str, list[str]] = {}

    def name(full: str, etype: str, span) -> None:
        mentions.setdefault((full, etype), []).append(Mention(text=full, span=span))

    w.add(f"{city} came under fire again ")
    day = published - dt.timedelta(days=rng.randint(1, 6))
    weekday = WEEKDAYS[day.weekday()]
    t0 = w.add(f"on {weekday}")
    times.append(TimeExpr(id="t1", text=f"on {weekday}", span=t0, type="DATE", value=day.isoformat(),
                          anchor=f"published:{published.isoformat()}"))
    w.add(", officials in ")
    name(country, "GPE", w.add(country))
    w.add(" said, as ")
    ev_start = w.pos
    w.add(f"{ADJECTIVE[enemy]} forces shelled the eastern districts")
    events.append(Event(id="v1", text=w.text[ev_start:w.pos], span=(ev_start, w.pos), type="attack",
                        date=day.isoformat(), place=city, participants=[enemy], time="t1"))
    w.add(".\n")
    for k, (first, last, role) in enumerate(people, 1):
        full = f"{first} {last}"
        roles.setdefault(full, []).append(role)
        w.add(f"{role.capitalize() if role[0].islower() else role} ")
        mention = w.add(full)
        name(full, "PERSON", mention)
        cue = w.add(" said")
        w.add(": “")
        text = rng.choice(QUOTES)
        qspan = w.add(text)
        w.add("”\n")
        quotes.append(Quote(id=f"q{k}", kind="direct", text=text, span=qspan,
                            speaker=Speaker(name=full, mention=full, span=mention, role=role),
                            cue=Cue(text="said", span=(cue[0] + 1, cue[1])), confidence=0.9))
        if k == 1:
            w.add("Advert\n")
    n = rng.choice((12, 40, 150, 300, 1200, 5300))
    thing, verb = rng.choice(THINGS), rng.choice(VERBS)
    w.add("According to the ")
    src = w.add(org)
    name(org, "ORG", src)
    w.add(", ")
    c_start = w.pos
    q_start = w.pos
    w.add(f"as many as {n:,}")
    q_end = w.pos
    w.add(f" {thing} were {verb} ")
    t1 = w.add("last week")
    c_end = w.pos
    iso = (published - dt.timedelta(days=7)).isocalendar()
    times.append(TimeExpr(id="t2", text="last week", span=t1, type="DATE", value=f"{iso[0]}-W{iso[1]:02d}"))
    w.add(". ")
    e_start = w.pos
    w.add("These figures could not be independently verified")
    e_end = w.pos
    w.add(".\n")
    claims.append(Claim(id="c1", text=w.text[c_start:c_end], span=(c_start, c_end), status="unverified",
                        source=ClaimSource(name=org, mention=org, span=src),
                        quantity=Quantity(value=float(n), text=w.text[q_start:q_end], counts=f"{thing} {verb}", bound="upper"),
                        time="t2", status_evidence=Evidence(text=w.text[e_start:e_end], span=(e_start, e_end))))
    ts = w.pos
    w.add(f"Talks between {country} and {enemy} are due to resume next month in ")
    name(city, "GPE", w.add(city))
    events.append(Event(id="v2", text=w.text[ts:w.pos], span=(ts, w.pos), type="talks", modality="planned",
                        participants=[country, enemy]))
    w.add(".\nTopics: War, ")
    name(country, "GPE", w.add(country))
    w.add(", World News\n")
    for j, ((full, etype), ms) in enumerate(sorted(mentions.items(), key=lambda kv: kv[1][0].span), 1):
        entities.append(Entity(id=f"e{j}", name=full, type=etype, roles=roles.get(full, []), mentions=ms))
    ids = {e.name: e.id for e in entities}
    for q in quotes:
        q.speaker.entity = ids[q.speaker.name]
    for c in claims:
        c.source.entity = ids[c.source.name]
    title = f"{city} shelled as {country} reports {n:,} {thing} {verb}"
    return w.text, published.isoformat(), title, dict(quotes=quotes, claims=claims, times=times,
                                                       entities=entities, events=events)


def articles(n: int, seed: int = 7) -> Iterator[Article]:
    """``n`` synthetic Articles (text and metadata only), for the NLP pipeline."""
    rng = random.Random(seed)
    base = dt.date(2024, 1, 1)
    for i in range(n):
        text, published, title, _ = _article(rng, i, base)
        yield make_article(text, f"synthetic/{i:07d}.txt", metadata={"published": published, "title": title})


def records(n: int, seed: int = 7) -> Iterator[Record]:
    """``n`` complete synthetic Records (as the pipeline would give them), without running NLP."""
    rng = random.Random(seed)
    base = dt.date(2024, 1, 1)
    for i in range(n):
        text, published, title, extracted = _article(rng, i, base)
        article = make_article(text, f"synthetic/{i:07d}.txt", metadata={"published": published, "title": title})
        yield Record.from_article(article, pipeline=PipelineInfo(version="synthetic", model="none"), **extracted)
