"""Build a store of N synthetic articles for load tests, without NLP (records written directly).

Each article is realistic in shape: a headline, 6-10 paragraphs, direct and reported quotes
attributed to named people (with roles, cues and speaker mentions), numeric claims with a
source, a bound, what they count and a verification status (unverified ones with an evidence
sentence), dated time expressions, and entity mentions.  All spans slice the text exactly
(``check_spans`` is asserted on a sample).  Deterministic for a given seed.

    .venv/bin/python benchmarks/make_synthetic_store.py --articles 10000 --db /tmp/synthetic.db
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import sys
import time

from newsledger.ledger.linker import Ledger
from newsledger.records import (Article, Boilerplate, Claim, ClaimSource, Cue, Entity, Evidence, Mention,
                                PipelineInfo, Quantity, Quote, Record, Speaker, TimeExpr, check_spans)
from newsledger.store import open_store

SYL = ["ka", "ve", "lor", "min", "tas", "ru", "bel", "dor", "ish", "an", "vo", "sel", "mar", "tin", "gra", "pol",
       "nev", "ost", "ula", "ber", "kri", "zan", "hol", "mek"]
FIRST = ["Anna", "Pavel", "Ilona", "Tomas", "Marta", "Oleh", "Irena", "Viktor", "Dana", "Lukas", "Sofia", "Roman",
         "Elena", "Karel", "Nadia", "Jonas", "Vera", "Marek", "Lena", "Stefan"]
ROLES = ["Defence Minister", "Foreign Minister", "mayor", "spokesperson", "governor", "army chief", "senior diplomat",
         "health official", "police chief", "analyst"]
CUES = ["said", "told reporters", "added", "warned", "claimed", "insisted"]
COUNTS = ["civilians", "soldiers", "refugees", "ships", "tonnes of grain", "homes", "prisoners", "drones", "tanks"]
VERBS = ["were killed", "were evacuated", "left the port", "were destroyed", "were exchanged", "were shot down",
         "were damaged", "arrived"]


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYL) for _ in range(rng.randint(2, 3)))


class Builder:
    """Appends text and returns spans of what it appended."""

    def __init__(self):
        self.parts: list[str] = []
        self.n = 0

    def add(self, s: str) -> tuple[int, int]:
        start = self.n
        self.parts.append(s)
        self.n += len(s)
        return (start, self.n)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def make_world(rng: random.Random):
    places = sorted({word(rng).capitalize() for _ in range(60)})
    people = sorted({f"{rng.choice(FIRST)} {word(rng).capitalize()}" for _ in range(400)})
    orgs = [f"{p} {kind}" for p in places[:30] for kind in ("Ministry of Defence", "Red Cross")][:50]
    vocab = [word(rng) for _ in range(3000)]
    return places, people, orgs, vocab


def sentence(rng, vocab, n=None) -> str:
    words = [rng.choice(vocab) for _ in range(n or rng.randint(8, 16))]
    return " ".join(words).capitalize()


def make_record(i: int, rng: random.Random, world, start: dt.date) -> Record:
    places, people, orgs, vocab = world
    published = start + dt.timedelta(days=rng.randrange(730))
    b = Builder()
    quotes, claims, times, ents = [], [], [], {}
    boiler = []

    def entity(name, etype, span, role=None):
        e = ents.get(name)
        if e is None:
            e = ents[name] = Entity(id=f"e{len(ents) + 1}", name=name, type=etype)
        e.mentions.append(Mention(text=name, span=span))
        if role and role not in e.roles:
            e.roles.append(role)
        return e

    place = rng.choice(places)
    sp = b.add(place)
    entity(place, "GPE", sp)
    b.add(f" officials said on {published.strftime('%A')} that " + sentence(rng, vocab).lower() + ".\n")
    cast = rng.sample(people, 3)
    for p in range(rng.randint(6, 10)):
        kind = rng.random()
        if kind < 0.45:  # a quote
            who = rng.choice(cast)
            role = rng.choice(ROLES)
            cue = rng.choice(CUES)
            if rng.random() < 0.6:
                b.add("'")
                qtext = sentence(rng, vocab) + ", " + sentence(rng, vocab).lower() + "."
                qs = b.add(qtext)
                b.add("' ")
                ms = b.add(who)
                b.add(", the " + place + " " + role + ", ")
                cs = b.add(cue)
                b.add(".\n")
                qkind = "direct"
            else:
                ms = b.add(who)
                b.add(" ")
                cs = b.add(cue)
                b.add(" that ")
                qtext = sentence(rng, vocab).lower()
                qs = b.add(qtext)
                b.add(".\n")
                qkind = "indirect"
            e = entity(who, "PERSON", ms, role)
            quotes.append(Quote(id=f"q{len(quotes) + 1}", kind=qkind, text=qtext, span=qs,
                                speaker=Speaker(name=who, mention=who, span=ms, role=role, entity=e.id),
                                cue=Cue(text=cue, span=cs), confidence=round(rng.uniform(0.6, 1.0), 2)))
        elif kind < 0.75:  # a claim
            org = rng.choice(orgs)
            os_ = b.add("The " + org)
            os_ = (os_[0] + 4, os_[1])
            e = entity(org, "ORG", os_)
            b.add(" said that ")
            value = rng.choice([120, 300, 1500, 5300, 12000, 40000, rng.randint(2, 900)])
            bound = rng.choice(["exact", "upper", "lower", "approximate"])
            prefix = {"exact": "", "upper": "as many as ", "lower": "more than ", "approximate": "about "}[bound]
            counts = rng.choice(COUNTS)
            ctext = f"{prefix}{value:,} {counts} {rng.choice(VERBS)} near {rng.choice(places)} " + " ".join(
                rng.choice(vocab) for _ in range(4))
            cspan = b.add(ctext)
            b.add(". ")
            status = rng.choice(["unverified", "claimed", "claimed", "confirmed", "disputed"])
            evidence = None
            if status == "unverified":
                ev = b.add("These figures could not be independently verified")
                evidence = Evidence(text="These figures could not be independently verified", span=ev)
                b.add(".")
            b.add("\n")
            claims.append(Claim(id=f"c{len(claims) + 1}", text=ctext, span=cspan, status=status,
                                source=ClaimSource(name=org, mention=org, span=os_, entity=e.id),
                                quantity=Quantity(value=float(value), text=f"{value:,}", counts=counts, bound=bound),
                                status_evidence=evidence))
        elif kind < 0.9:  # a dated sentence
            day = published - dt.timedelta(days=rng.randint(0, 20))
            b.add("On ")
            ds = b.add(f"{day.strftime('%B')} {day.day}")
            times.append(TimeExpr(id=f"t{len(times) + 1}", text=b.text[ds[0]:ds[1]], span=ds, type="DATE",
                                  value=day.isoformat(), anchor=f"published:{published.isoformat()}"))
            b.add(", " + sentence(rng, vocab).lower() + " in ")
            ps = b.add(rng.choice(places))
            entity(b.text[ps[0]:ps[1]], "GPE", ps)
            b.add(".\n")
        else:
            bs = b.add("Advert")
            boiler.append(Boilerplate(kind="advert", text="Advert", span=bs))
            b.add("\n")
    b.add(sentence(rng, vocab) + ".\n")
    tspan = b.add("Topics: " + ", ".join(rng.sample(places, 2)))
    boiler.append(Boilerplate(kind="topics", text=b.text[tspan[0]:tspan[1]], span=tspan))
    text = b.text
    aid = hashlib.sha256(text.encode()).hexdigest()[:16]
    article = Article(id=aid, source=f"synthetic/{i:05d}.txt", text=text, title=f"{place}: " + sentence(rng, vocab, 6),
                      published=published.isoformat(), published_from="metadata", boilerplate=boiler)
    return Record.from_article(article, quotes=quotes, claims=claims, times=times, entities=list(ents.values()),
                               pipeline=PipelineInfo(version="synthetic", model="none"))


def build(db: str, n: int, seed: int = 7, batch: int = 500, quiet: bool = False) -> str:
    rng = random.Random(seed)
    world = make_world(rng)
    start = dt.date(2022, 1, 1)
    t0 = time.perf_counter()
    ledger = Ledger()
    with open_store(db) as store:
        have = store.count()
        if have >= n:
            return db
        records = []
        for i in range(n):
            r = make_record(i, rng, world, start)
            if i < 50:
                assert check_spans(r) == [], check_spans(r)
            records.append(r)
            if len(records) >= batch:
                store.write(records, ledger=ledger)
                records = []
                if not quiet:
                    print(f"  {i + 1} articles ({time.perf_counter() - t0:.0f}s)", file=sys.stderr)
        store.write(records, ledger=ledger)
    return db


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", default="/tmp/newsledger-synthetic-10000.db")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if os.path.exists(args.db):
        print(f"{args.db} exists: reusing it (delete it to rebuild)", file=sys.stderr)
    build(args.db, args.articles, args.seed)
    with open_store(args.db) as s:
        print(f"{args.db}: {s.count()} articles, {s.count('quotes')} quotes, {s.count('claims')} claims, "
              f"{s.count('entities')} entity rows", file=sys.stderr)


if __name__ == "__main__":
    main()
