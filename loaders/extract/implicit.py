"""Actors that events need but the text never names (a speaker's own state)."""
from __future__ import annotations

from loaders.model import Entity


def implicit_entities(entities: list[Entity], events, alignments) -> list[Entity]:
    """States/organisations that events need but the text never names: the state a named person acts for
    ("Vladimir Putin: ... we met ..." with Russia never written). Marked ``attrs["implicit"]``, no mentions,
    as GOLD.md's ``implicit: true``; without them the graph would drop the actor."""
    known = {e.key for e in entities}
    needed = []
    for ev in events:
        needed += ev.actors + ev.targets
    for al in alignments:
        needed += [al.a, al.b]
    out = []
    for key in dict.fromkeys(needed):
        if key in known:
            continue
        known.add(key)
        label, kind, iso3 = _describe(key)
        out.append(Entity(key=key, kind=kind, label=label, wikidata=key if key.startswith("Q") else None,
                          iso3=iso3, attrs={"implicit": True}))
    return out


def _describe(key: str) -> tuple[str, str, str | None]:
    try:
        from loaders.gazetteer import gazetteer

        g = gazetteer()
        if key in g.states:
            return g.states[key]["name"], "State", g.states[key].get("iso3")
        if key in g.orgs:
            return g.orgs[key]["name"], "Organization", None
    except Exception:  # the gazetteer is optional here: an unknown key still names an actor
        pass
    kind = "Organization" if key.startswith(("org:", "group:")) else "State"
    return key.split(":", 1)[-1].replace("-", " ").title(), kind, None
