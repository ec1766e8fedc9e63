"""Large realistic graphs for the benchmarks, made through the project's own mapping (no hand-built triples).

    python tests/bench/generate.py EVENTS OUT.nq [--seed 0]

Each synthetic article is a :class:`loaders.model.Facts` (real states, leaders and organisations from
the shipped gazetteer; events with PLOVER types and partial or missing dates over 20 years; agreements
with their signings and ratifications, bases with openings and evictions; alignment statements;
evidence sentences) turned into quads by :func:`kg.mapping.to_quads`, exactly as an extracted article
is, and written as N-Quads for ``Store.bulk_load``. States are drawn with a Zipf law over a fixed
ranking (USA, Russia, China first; Uzbekistan about 20th), so some states are in many articles and
most in few, as in the news. The same seed gives the same file.

>>> facts = next(iter(synthetic_facts(12, seed=1)))
>>> len(facts.events), facts.entities[0].kind
(10, 'State')
>>> graph, quads = to_quads(facts, Minter())
>>> len(quads) > 100
True
"""
from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox

from kg.descriptions import ENTITIES
from kg.iris import Minter
from kg.mapping import to_quads
from loaders.gazetteer import GAZETTEER
from loaders.model import PLOVER_TYPES, Alignment, Document, Entity, Event, Facts, Span

EVENTS_PER_DOC = 10
FIRST_DAY, DAYS = date(2005, 1, 1), 20 * 365  # 2005 .. 2024
MAJOR = ["USA", "RUS", "CHN", "GBR", "FRA", "DEU", "UKR", "IRN", "ISR", "IND", "JPN", "TUR", "PAK", "SAU",
         "KOR", "PRK", "SYR", "AFG", "KAZ", "UZB"]  # UZB 20th: the benchmarks' typical state
BLOCS = {"Q7184": ["USA", "GBR", "FRA", "DEU", "TUR", "POL", "ITA", "CAN"],
         "Q318693": ["RUS", "KAZ", "KGZ", "TJK", "ARM", "BLR", "UZB"],
         "Q485207": ["CHN", "RUS", "KAZ", "KGZ", "TJK", "UZB", "IND", "PAK"]}
PUBLISHERS = [f"{name} {kind}" for name in ("Global", "Eurasia", "Pacific", "Atlantic", "Capital", "Border",
                                            "Steppe", "Gulf") for kind in ("Times", "Wire", "Herald", "Daily", "Post")]
WEIGHTS = {"CONSULT": 12, "AGREE": 8, "SUPPORT": 6, "COOPERATE": 8, "AID": 4, "REQUEST": 6, "ACCUSE": 8,
           "REJECT": 5, "THREATEN": 4, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 2, "COERCE": 3, "ASSAULT": 3,
           "CONCEDE": 2, "RETREAT": 1}
TRIGGER = {"CONSULT": "met", "AGREE": "agreed", "SUPPORT": "backed", "COOPERATE": "cooperated", "AID": "sent aid to",
           "REQUEST": "asked", "ACCUSE": "accused", "REJECT": "rejected", "THREATEN": "threatened",
           "PROTEST": "protested against", "SANCTION": "sanctioned", "MOBILIZE": "mobilised against",
           "COERCE": "expelled diplomats of", "ASSAULT": "attacked", "CONCEDE": "conceded to", "RETREAT": "withdrew from"}


class _World:
    """What the gazetteer offers: states in rank order, leaders by state, blocs."""

    def __init__(self):
        g = json.loads(GAZETTEER.read_text(encoding="utf-8"))
        states = {s["iso3"]: s for s in g["states"].values() if not s["historical"] and s.get("iso3")}
        rest = sorted(set(states) - set(MAJOR))
        random.Random(7).shuffle(rest)
        self.states = [states[c] for c in MAJOR if c in states] + [states[c] for c in rest]
        self.by_iso = states
        zipf = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(self.states))))
        self.cum = [w / zipf[-1] for w in zipf]
        self.leaders: dict[str, list[dict]] = {}
        for o in g["offices"]:
            if o.get("qid") and o.get("start"):
                self.leaders.setdefault(o["state"], []).append(o)
        self.orgs = g["orgs"]
        self.types = list(WEIGHTS)
        self.type_cum = list(itertools.accumulate(WEIGHTS[t] for t in self.types))
        assert set(self.types) == set(PLOVER_TYPES)

    def draw_states(self, rnd: random.Random, k: int) -> list[dict]:
        out: dict[str, dict] = {}
        while len(out) < k:
            s = self.states[bisect.bisect_left(self.cum, rnd.random())]
            out[s["iso3"]] = s
        return list(out.values())

    def draw_type(self, rnd: random.Random) -> str:
        return self.types[bisect.bisect_left(self.type_cum, rnd.random() * self.type_cum[-1])]


def _date(rnd: random.Random, published: date) -> str | None:
    day = published - timedelta(days=rnd.randrange(0, 40))
    r = rnd.random()
    if r < 0.70:
        return day.isoformat()
    if r < 0.85:
        return day.isoformat()[:7]
    if r < 0.90:
        return day.isoformat()[:4]
    return None  # undated: "before publication" at best


class _Text:
    """The article body, sentence by sentence, so every fact has a real evidence span."""

    def __init__(self):
        self.parts: list[str] = []
        self.size = 0

    def sentence(self, text: str) -> Span:
        start = self.size + (1 if self.parts else 0)
        self.parts.append(text)
        self.size = start + len(text)
        return Span(start, self.size, text)

    @property
    def text(self) -> str:
        return " ".join(self.parts)


def _article(world: _World, rnd: random.Random, i: int, n_events: int) -> Facts:
    published = FIRST_DAY + timedelta(days=rnd.randrange(DAYS))
    publisher = PUBLISHERS[rnd.randrange(len(PUBLISHERS))]
    states = world.draw_states(rnd, rnd.choice((2, 3, 3, 4, 5)))
    body = _Text()
    ent: dict[str, Entity] = {}
    for s in states:
        span = body.sentence(f"Officials of {s['name']} spoke on {published.isoformat()}.")
        ent[s["qid"]] = Entity(s["qid"], "State", s["name"], wikidata=s["qid"], iso3=s["iso3"],
                               mentions=[Span(span.start + 13, span.start + 13 + len(s["name"]), s["name"])])
    keys = list(ent)
    persons: dict[str, str] = {}  # state key -> person key
    for s in states[:2]:
        tenures = world.leaders.get(s["qid"]) or []
        if tenures and rnd.random() < 0.5:
            o = tenures[rnd.randrange(len(tenures))]
            span = body.sentence(f"{o['name']}, {o['office']}, commented.")
            ent[o["qid"]] = Entity(o["qid"], "Person", o["name"], wikidata=o["qid"],
                                   mentions=[Span(span.start, span.start + len(o["name"]), o["name"])],
                                   attrs={"state": s["qid"], "office": o["office"], "office_start": o["start"],
                                          "office_end": o["end"]})
            persons[s["qid"]] = o["qid"]
    for qid, members in BLOCS.items():  # a bloc when one of its members is in the article
        iso = {s["iso3"] for s in states} & set(members)
        if iso and rnd.random() < 0.15 and qid in world.orgs:
            org = world.orgs[qid]
            span = body.sentence(f"The {org['name']} was mentioned.")
            ent[qid] = Entity(qid, "Organization", org["name"], wikidata=qid,
                              mentions=[Span(span.start + 4, span.start + 4 + len(org["name"]), org["name"])],
                              attrs={"members": [world.by_iso[m]["qid"] for m in members if m in world.by_iso],
                                     "bloc": True})
            ent.update({world.by_iso[m]["qid"]: Entity(world.by_iso[m]["qid"], "State", world.by_iso[m]["name"],
                                                       wikidata=world.by_iso[m]["qid"], iso3=m)
                        for m in members if m in world.by_iso and world.by_iso[m]["qid"] not in ent})
    events: list[Event] = []
    a, b = keys[0], keys[1]
    if rnd.random() < 0.05:  # an agreement, signed and perhaps ratified
        name = f"Treaty {i} between {ent[a].label} and {ent[b].label}"
        key = f"agreement:treaty-{i}"
        span = body.sentence(f"{ent[a].label} and {ent[b].label} signed the {name}.")
        ent[key] = Entity(key, "Agreement", name, mentions=[span],
                          attrs={"parties": [a, b], "agreement_type": rnd.choice(("treaty", "alliance",
                                                                                 "strategic-partnership"))})
        events.append(Event("s", "AGREE", span, actors=[a, b], date=_date(rnd, published), trigger="signed",
                            agreement=key, lifecycle="signing", confidence=0.9))
        if rnd.random() < 0.5:
            span = body.sentence(f"{ent[b].label} ratified the {name}.")
            events.append(Event("r", "AGREE", span, actors=[b], targets=[a], date=_date(rnd, published),
                                trigger="ratified", agreement=key, lifecycle="ratification", confidence=0.8))
    if rnd.random() < 0.02:  # a base hosted by one state for another
        key = f"base:base-{i % 500}"
        span = body.sentence(f"{ent[b].label} troops at the Base {i % 500} in {ent[a].label} were told to leave.")
        ent[key] = Entity(key, "MilitaryBase", f"Base {i % 500}", mentions=[span], attrs={"host": a, "users": [b]})
        events.append(Event("o", "COOPERATE", span, actors=[b], targets=[a], date=_date(rnd, published),
                            trigger="opened", base=key, lifecycle="opening", confidence=0.7))
        events.append(Event("v", "COERCE", span, actors=[a], targets=[b], date=_date(rnd, published),
                            trigger="told to leave", base=key, lifecycle="eviction", confidence=0.8,
                            deadline=(published + timedelta(days=180)).isoformat()))
    while len(events) < n_events:
        actor, target = rnd.sample(keys, 2)
        code = world.draw_type(rnd)
        text = f"{ent[actor].label} {TRIGGER[code]} {ent[target].label} over issue {rnd.randrange(10**6)}."
        span = body.sentence(text)
        actors = [actor] + ([k for k in keys if k not in (actor, target)][:1] if rnd.random() < 0.1 else [])
        events.append(Event(f"e{len(events)}", code, span, actors=actors, targets=[target],
                            persons=[persons[actor]] if actor in persons else [], date=_date(rnd, published),
                            date_relation="before", trigger=TRIGGER[code], label=f"{code.lower()}: {text[:40]}",
                            confidence=round(rnd.uniform(0.4, 0.95), 2)))
    events = events[:n_events]
    before = [(events[j].id, events[j + 1].id) for j in range(len(events) - 1) if rnd.random() < 0.1]
    alignments = []
    for _ in range(rnd.choice((0, 1, 1, 2))):
        x, y = rnd.sample(keys, 2)
        direction = rnd.choice(("toward", "toward", "away"))
        span = body.sentence(f"{ent[x].label} is moving {direction} {ent[y].label}.")
        alignments.append(Alignment(x, y, direction, span, date=_date(rnd, published),
                                    confidence=round(rnd.uniform(0.5, 0.9), 2)))
    doc = Document(text=body.text, source=f"https://news.example/{publisher.split()[0].lower()}/{i}",
                   url=f"https://news.example/{publisher.split()[0].lower()}/{i}", title=f"Report {i}",
                   published=published.isoformat(), publisher=publisher, reader="synthetic")
    return Facts(doc, entities=list(ent.values()), events=events, alignments=alignments, before=before)


def synthetic_facts(n_events: int, *, seed: int = 0, events_per_doc: int = EVENTS_PER_DOC) -> Iterator[Facts]:
    """Articles holding ``n_events`` events in all (``events_per_doc`` each, the last one fewer)."""
    world, rnd = _World(), random.Random(seed)
    for i in range(0, n_events, events_per_doc):
        yield _article(world, rnd, i // events_per_doc, min(events_per_doc, n_events - i))


def write_nquads(n_events: int, out: str | Path, *, seed: int = 0, base: str | None = None) -> dict:
    """Write the graph of ``n_events`` events to ``out`` (N-Quads); returns counts."""
    minter = Minter(base)
    docs = quads = 0
    described: set[ox.Quad] = set()  # the shared descriptions are written once, as the store keeps them
    tmp = Path(str(out) + ".part")
    with open(tmp, "w", encoding="utf-8") as f:
        for facts in synthetic_facts(n_events, seed=seed):
            _, qs = to_quads(facts, minter)
            qs = [q for q in qs if q.graph_name != ENTITIES or q not in described]
            described.update(q for q in qs if q.graph_name == ENTITIES)
            f.write("".join(f"{q} .\n" for q in qs))
            docs += 1
            quads += len(qs)
    tmp.replace(out)  # a killed run leaves no half file that a later run would take for whole
    return {"events": n_events, "documents": docs, "quads": quads}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("events", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    t = time.perf_counter()
    counts = write_nquads(a.events, a.out, seed=a.seed)
    counts["seconds"] = round(time.perf_counter() - t, 2)
    json.dump(counts, sys.stdout)
    print()


if __name__ == "__main__":
    main()
