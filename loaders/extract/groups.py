"""People of a country who are not its state: "Rwandan rebels", "Afghan guerrillas", "demonstrators in Baghdad".

CAMEO codes such an actor as its country plus a sector (RWAREB); the agent nouns and their sectors come from
the PETRARCH2 agents dictionary (``lang/en/cameo_agents.jsonl``), the sectors' standing from the CAMEO
codebook (``data/cameo_sectors.tsv``). A state's own sectors (government, military, police, judiciary) stay
the state, as the entity reader already reads them; the others become a group entity that keeps its
country and sector, so an event has the group as its actor, not the state.

>>> sector_of("guerrillas"), sector_of("soldier"), state_sector("MIL"), state_sector("REB")
('REB', 'MIL', True, False)
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

from loaders.extract.nlp import children, doc_text
from loaders.gazetteer import gazetteer, slug
from loaders.lang.tables import Tables
from loaders.model import Entity, Span

HERE = Path(__file__).resolve().parent.parent
MODIFIER_DEPS = ("amod", "compound", "nmod")
QUANTITY_NOUNS = Tables("events").words("QUANTITY_NOUNS")  # the event reader's: one table
PEOPLE_WEAK_BEFORE = Tables("entities").words("PEOPLE_WEAK_BEFORE")  # the entity reader's: "ethnic Uzbeks"
PEOPLE_SECTOR = "PPL"  # PETRARCH2 agents dictionary: PEOPLE [~PPL]


@lru_cache(maxsize=4)
def _agents(lang: str = "en") -> dict[str, str]:
    """Single-word agent nouns -> sector code (the first listed wins, as in the source)."""
    out: dict[str, str] = {}
    with (HERE / "lang" / lang / "cameo_agents.jsonl").open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if " " not in r["phrase"]:
                out.setdefault(r["phrase"], r["code"])
    return out


@lru_cache(maxsize=1)
def _sectors() -> dict[str, dict]:
    with (HERE / "data" / "cameo_sectors.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {r["code"]: r for r in rows}


def sector_of(word: str, lang: str = "en") -> str | None:
    """CAMEO sector of an agent noun, singular or regular plural."""
    agents = _agents(lang)
    w = word.lower()
    for form in (w, w[:-1] if w.endswith("s") else None, w[:-2] if w.endswith("es") else None,
                 w[:-3] + "y" if w.endswith("ies") else None):
        if form and form in agents:
            return agents[form]
    return None


def state_sector(code: str) -> bool:
    """True where a sector acts for its state (a combined code takes its first sector's answer)."""
    return _sectors().get(code[:3], {}).get("of_state") == "yes"


def known_sector(code: str) -> bool:
    """True for a CAMEO sector code (a combined code by its first sector); "***" and the like are unknown."""
    return code[:3] in _sectors()


def state_agent(word: str, lang: str = "en") -> bool:
    """True for an agent noun of a sector whose every noun makes a demonym its state's ("French marines")."""
    code = sector_of(word, lang)
    return code is not None and _sectors().get(code[:3], {}).get("by_noun") == "yes"


def _located(place):
    """The plural noun that ``place`` locates: "demonstrators in Baghdad", "rebels in the Ivory Coast"."""
    prep = place.head if place.dep_ == "pobj" else None
    if prep is None or prep.lower_ != "in" or prep.dep_ != "prep" or prep.head.pos_ != "NOUN":
        return None
    head = prep.head if prep.head.i < prep.i else None
    if head is not None and head.lower_ in QUANTITY_NOUNS:
        # "thousands of demonstrators in Tbilisi": the parser hangs the place on the number
        people = [o for c in children(head) if c.dep_ == "prep" and c.lower_ == "of" for o in children(c)
                  if o.dep_ == "pobj"]
        head = people[0] if people else head
    return head


def national_groups(parsed, entities: list[Entity], matches) -> list[Entity]:
    """Group entities for every state name or demonym that modifies a plural non-state agent noun, or a state or
    capital that locates one; ``matches`` are the entity reader's gazetteer matches of the same Doc."""
    taken = {(m.start, m.end) for e in entities for m in e.mentions}
    out: dict[str, Entity] = {}
    text = doc_text(parsed)
    g = gazetteer()
    matches = [m for m in matches if m[2] in ("state", "adjective", "capital", "people") and m[3] in g.states]
    national = {i for s, e, *_ in matches for i in range(s, e)}
    for s, e, what, key, _ in matches:
        last = parsed[e - 1]
        if what == "people":
            # "ethnic Turks", "many Russians": a people's name that the entity reader does not take for the state
            # names people of the country (CAMEO: the country code with the people sector)
            if s > 0 and parsed[s - 1].lower_ in PEOPLE_WEAK_BEFORE and last.tag_ in ("NNS", "NNPS"):
                _add(out, taken, text, g.states[key]["name"], key, "people", PEOPLE_SECTOR,
                     parsed[s - 1].idx, last.idx + len(last))
            continue
        head = _located(last) if what in ("state", "capital") else None
        if head is not None and any(c.i in national for c in children(head) if c.dep_ in (*MODIFIER_DEPS, "poss")):
            head = None  # "Syrian refugees in Turkey" are Syria's: the modifier names the country, not the place
        if head is None and what != "capital":
            head = last.head if last.dep_ in MODIFIER_DEPS and last.head.i > last.i else None
        if head is None or head.tag_ != "NNS":
            continue  # a plural noun names people ("Afghan guerrillas"); "Kyrgyzstan's gas industry" does not
        code = sector_of(head.lemma_) or sector_of(head.text)
        if code is None or state_sector(code):
            continue
        start, end = min(parsed[s].idx, head.idx), max(head.idx + len(head), last.idx + len(last))
        _add(out, taken, text, g.states[key]["name"], key, head.lemma_, code, start, end)
    return list(out.values())


def _add(out: dict[str, Entity], taken, text: str, name: str, key: str, noun: str, code: str, start: int,
         end: int) -> None:
    """One mention of the group of state ``key`` named by ``noun``, unless another entity holds the span."""
    if (start, end) in taken:
        return
    gkey = f"group:{slug(name)}-{slug(noun)}"
    grp = out.get(gkey)
    if grp is None:
        grp = out[gkey] = Entity(key=gkey, kind="Organization", label=f"{name} {noun}",
                                 attrs={"country": key, "sector": code, "group": True})
    grp.mentions.append(Span(start, end, text[start:end]))
