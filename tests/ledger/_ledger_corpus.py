"""Hand-built records (no NLP) that exercise every order-sensitive decision of the ledger: namesakes, surnames
alone, initials, spellings, titles in aliases, organisations written three ways, places, dated, undated,
planned and ordinal events in overlapping windows, and claims (figures of a few counts in a few places with
every bound, from a few sides, some dated; sentences repeated word for word) whose runs meet, part and
contest each other.  Deterministic for a seed."""

from __future__ import annotations

import datetime as dt
import random

from newsledger.records import (Claim, ClaimSource, Entity, Event, Mention, PipelineInfo, Quantity, Quote, Record,
                                Speaker, TimeExpr)

PEOPLE = [
    ("Joe Biden", ["Biden", "President Joe Biden"]), ("Hunter Biden", ["Biden"]), ("Jill Biden", []),
    ("Biden", []), ("J. Biden", []), ("Mr Biden", []),
    ("Volodymyr Zelenskyy", ["Zelenskyy"]), ("Volodymyr Zelensky", ["Zelensky"]), ("Zelenskiy", []),
    ("Anna Kovalenko", ["Kovalenko", "Defence Minister Anna Kovalenko"]), ("Olena Kovalenko", ["Kovalenko"]),
    ("Kovalenko", []), ("Dmytro Halushka", ["Galushka"]), ("Dmytro Galushka", []), ("Galushka", []),
]
ROLES = ["President", "Defence Minister", "mayor", "", "", ""]
ORGS = [("Ukrainian Ministry of Defence", ["Ukraine’s defence ministry"]), ("Ministry of Defence of Ukraine", []),
        ("UK Ministry of Defence", []), ("Kyiv Independent", []), ("Biden", [])]
PLACES = [("Kyiv", "GPE"), ("Ukraine", "GPE"), ("the Ukraine", "GPE"), ("Donbas", "LOC"), ("Kiev", "GPE")]
EVENTS = ["talks", "attack", "release", "meeting"]
COUNTS = ["civilians killed", "people died", "soldiers wounded"]
CLAIM_PLACES = ["Kyiv", "Donbas", ""]
CLAIM_SOURCES = ["Ukrainian Ministry of Defence", "Ukraine's defence ministry", "UK Ministry of Defence", "Kyiv Independent",
                 ""]
BOUNDS = [("", "exact"), ("as many as ", "upper"), ("at least ", "lower"), ("about ", "approximate")]
SENTENCES = ["The bridge over the river was destroyed overnight", "Power was restored to the northern districts",
             "The talks ended without any agreement", "Short one"]


def _claims(rng: random.Random, add, published: str) -> tuple[list[Claim], list[TimeExpr]]:
    """Figures and sentences for one article, with their spans (and a dated time for some figures)."""
    claims, times = [], []
    for k in range(rng.randint(0, 3)):
        source = rng.choice(CLAIM_SOURCES)
        if rng.random() < 0.3:
            text = rng.choice(SENTENCES)
            claims.append(Claim(id=f"c{k + 1}", text=text, span=add(text), status="claimed",
                                source=ClaimSource(name=source) if source else None))
            continue
        words, bound = rng.choice(BOUNDS)
        value, high = rng.choice([9, 12, 12, 41, 100]), None
        figure = f"{words}{value}"
        if rng.random() < 0.15:
            high = value + 10
            figure += f"-{high}"
        place = rng.choice(CLAIM_PLACES)
        text = f"{figure} {rng.choice(COUNTS)}" + (f" in {place}" if place else "")
        span = add(text)
        time = None
        if rng.random() < 0.5:  # dated up to six weeks back: runs of one count part and meet
            time = f"t{len(times) + 1}"
            day = (dt.date.fromisoformat(published) - dt.timedelta(days=rng.randint(0, 40))).isoformat()
            times.append(TimeExpr(id=time, text=day, span=add(day), type="DATE", value=day))
        claims.append(Claim(id=f"c{k + 1}", text=text, span=span, status="claimed",
                            source=ClaimSource(name=source) if source else None, time=time,
                            quantity=Quantity(value=float(value), text=figure, bound=bound, high=high,
                                              counts=text[len(figure) + 1:].split(" in ")[0],
                                              span=(span[0], span[0] + len(figure)))))
    return claims, times


def records(n: int, seed: int = 11) -> list[Record]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        published = (dt.date(2024, 3, 1) + dt.timedelta(days=rng.randint(0, 12))).isoformat()
        parts, entities, events, quotes = [], [], [], []
        pos = 0

        def add(text: str) -> tuple[int, int]:
            nonlocal pos
            start = pos
            parts.append(text + " ")
            pos += len(text) + 1
            return start, start + len(text)

        chosen = rng.sample(PEOPLE, rng.randint(1, 3)) + rng.sample(ORGS, rng.randint(0, 2))
        for k, (name, aliases) in enumerate(chosen, 1):
            etype = "ORG" if (name, aliases) in ORGS else "PERSON"
            span = add(name)
            role = rng.choice(ROLES)
            entities.append(Entity(id=f"e{k}", name=name, type=etype, aliases=list(aliases), roles=[role] if role else [],
                                   mentions=[Mention(text=name, span=span)]))
            if etype == "PERSON" and rng.random() < 0.6:
                text = f"We spoke about item {rng.randint(1, 9)}."
                quotes.append(Quote(id=f"q{len(quotes) + 1}", kind="direct", text=text, span=add(text),
                                    speaker=Speaker(name=name, mention=name, span=span, entity=f"e{k}")))
        for name, etype in rng.sample(PLACES, rng.randint(0, 2)):
            entities.append(Entity(id=f"e{len(entities) + 1}", name=name, type=etype,
                                   mentions=[Mention(text=name, span=add(name))]))
        for v in range(rng.randint(0, 3)):
            etype = rng.choice(EVENTS)
            text = f"{etype} number {v} in article {i}"
            date = None if rng.random() < 0.5 else (dt.date.fromisoformat(published)
                                                    - dt.timedelta(days=rng.randint(0, 4))).isoformat()
            participants = rng.sample(["Ukraine", "Russia", "Kyiv", "Anna Kovalenko", "Joe Biden"], rng.randint(0, 2))
            events.append(Event(id=f"v{v + 1}", text=text, span=add(text), type=etype, date=date,
                                participants=sorted(participants), ordinal=rng.choice([None, None, 1, 2]),
                                modality=rng.choice(["happened", "happened", "planned"]),
                                place=rng.choice([None, "Kyiv", "Geneva"])))
        claim_rng = random.Random(seed * 7919 + i)  # apart from ``rng``: the entities and events stay as they were
        claims, times = _claims(claim_rng, add, published)
        text = "".join(parts) + f"[article {i}]"
        out.append(Record(id=f"r{i:04d}", source=f"r{i:04d}.txt", text=text, published=published,
                          published_from="metadata", entities=entities, events=events, quotes=quotes,
                          claims=claims, times=times, publisher=claim_rng.choice(["Wire", "Post"]),
                          pipeline=PipelineInfo(version="t", model="none")))
    return out
