"""The news extractor: spaCy + gazetteer + rules, Document -> Facts."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from loaders.extract.alignments import find_alignments
from loaders.extract.entities import find_entities
from loaders.extract.events import find_events
from loaders.extract.groups import national_groups
from loaders.extract.nlp import nlp
from loaders.model import Document, Entity, Facts
from loaders.registry import extractor


@extractor("news.v1")
def extract(doc: Document, *, parsed=None) -> Facts:
    """Read the facts of one document; ``parsed`` is its spaCy Doc if already parsed."""
    parsed = parsed if parsed is not None else nlp()(doc.text)
    entities = find_entities(doc, parsed)
    entities = entities + national_groups(parsed, entities)
    events, before = find_events(doc, parsed, entities)
    alignments = find_alignments(doc, parsed, entities)
    entities = entities + implicit_entities(entities, events, alignments)
    return Facts(document=doc, entities=entities, events=events, alignments=alignments, before=before)


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


def extract_many(docs: Iterable[Document], *, batch_size: int = 16) -> Iterator[Facts]:
    """Like :func:`extract` over many documents, parsing them with ``nlp.pipe`` for speed."""
    docs = list(docs)
    for doc, parsed in zip(docs, nlp().pipe((d.text for d in docs), batch_size=batch_size)):
        yield extract(doc, parsed=parsed)
