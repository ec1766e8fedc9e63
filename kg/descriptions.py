"""Each entity described once: the shared graph of entity descriptions and its upkeep.

A document graph says what that document says: its events, statements and evidence, that it names
an entity (``?entity gk:mentionedIn ?doc``), the names it used for it (``skos:altLabel``), the relations
it states (who acts for whom, an agreement's parties, a base's host and users, a bloc's members) and which
tenure a person held when it speaks (``gk:holds``). What an entity *is* (its types, label, Wikidata
``owl:sameAs``, codes, group, and the office, state and dates of a tenure) is the same whichever document
names it, so it lives once, in the graph :data:`ENTITIES_GRAPH`, not once per document: the union default
graph the queries read would otherwise hold n copies of an entity named in n documents, and every join
through it n rows.

Removing or replacing a document (:func:`forget_update`, in the same SPARQL update as the drop, so one
transaction) removes the description of every entity no other document names and of every tenure no other
document holds; a description several documents share stays. Stores written before this layout are upgraded
by the first writer that opens them (:func:`upgrade`, called by :class:`kg.store.Store`), a batch of graphs
per transaction; the store folder then holds a small file (:data:`LAYOUT_FILE`) that says so. ``kg load``
moves the descriptions a loaded dump of another geokg store holds the same way (:func:`share_descriptions`).
"""
from __future__ import annotations

import sys

import pyoxigraph as ox

from kg.namespaces import GK_IRI, ONTOLOGY_IRI, PREFIXES
from kg.summaries import DERIVED_GRAPHS

ENTITIES_GRAPH = "https://w3id.org/geokg/graph/entities"
ENTITIES = ox.NamedNode(ENTITIES_GRAPH)
LAYOUT = "entities-once/1"  # written to the store folder's LAYOUT_FILE once a store is in this layout
LAYOUT_FILE = "kg-layout"
# what a document says about an entity: these stay in its graph, everything else about the entity is shared
DOCUMENT_PREDICATES = tuple(GK_IRI + p for p in ("mentionedIn", "actsFor", "hostState", "userState", "party",
                                                  "member", "holds")) + (PREFIXES["skos"] + "altLabel",)
UPGRADE_BATCH = 200  # graphs moved per transaction when an old store is upgraded

_MENTIONED, _HOLDS = f"<{GK_IRI}mentionedIn>", f"<{GK_IRI}holds>"
_KEEP = ", ".join(f"<{p}>" for p in DOCUMENT_PREDICATES)


def forget_update(graph: ox.NamedNode) -> str:
    """SPARQL update, to run before ``graph`` is dropped: the shared descriptions of entities and tenures
    that only ``graph`` names."""
    return (f"DELETE {{ GRAPH {ENTITIES} {{ ?s ?p ?o }} }} WHERE {{\n"
            f"  {{ GRAPH {graph} {{ ?s {_MENTIONED} ?d }}\n"
            f"    FILTER NOT EXISTS {{ GRAPH ?h {{ ?s {_MENTIONED} ?x }} FILTER(?h != {graph}) }} }}\n"
            f"  UNION {{ GRAPH {graph} {{ ?y {_HOLDS} ?s }}\n"
            f"    FILTER NOT EXISTS {{ GRAPH ?h {{ ?z {_HOLDS} ?s }} FILTER(?h != {graph}) }} }}\n"
            f"  GRAPH {ENTITIES} {{ ?s ?p ?o }}\n}}")


def collect_update() -> str:
    """SPARQL update: every shared description no document graph names any more (after an undone load)."""
    return (f"DELETE {{ GRAPH {ENTITIES} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {ENTITIES} {{ ?s ?p ?o }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?h {{ ?s {_MENTIONED} ?x }} }}\n"
            f"  FILTER NOT EXISTS {{ GRAPH ?h {{ ?y {_HOLDS} ?s }} }} }}")


def _move_update(graph: ox.NamedNode) -> str:
    # an old document graph's descriptions of what it names (and of the tenures it holds) into the shared graph
    return (f"DELETE {{ GRAPH {graph} {{ ?s ?p ?o }} }} INSERT {{ GRAPH {ENTITIES} {{ ?s ?p ?o }} }} WHERE {{\n"
            f"  GRAPH {graph} {{ {{ SELECT DISTINCT ?s WHERE {{ {{ ?s {_MENTIONED} ?d }} UNION {{ ?y {_HOLDS} ?s }} }} }}\n"
            f"    ?s ?p ?o FILTER(?p NOT IN ({_KEEP})) }} }}")


def _document_graphs(store: ox.Store) -> list[ox.NamedNode]:
    return [g for g in store.named_graphs()
            if isinstance(g, ox.NamedNode) and g.value != ONTOLOGY_IRI and g not in (ENTITIES, *DERIVED_GRAPHS)]


def share_descriptions(store: ox.Store, graphs: list[ox.NamedNode] | None = None) -> int:
    """Move the entity and tenure descriptions held in ``graphs`` (default: every graph but the ontology and the
    shared one) into the shared graph; the number of graphs looked at. Each batch is one transaction and
    moving is idempotent, so a move killed half way is finished by running it again."""
    if graphs is None:
        graphs = _document_graphs(store)
    for i in range(0, len(graphs), UPGRADE_BATCH):
        store.update(" ;\n".join(_move_update(g) for g in graphs[i:i + UPGRADE_BATCH]))
    return len(graphs)


def upgrade(store: ox.Store, *, where: str = "the store") -> int:
    """Bring a store written before this layout into it (:func:`share_descriptions` of every document graph);
    the number of graphs moved."""
    graphs = _document_graphs(store)
    if graphs:
        print(f"kg: [W305] {where} keeps a copy of each entity's description in every document that names it "
              f"(written by an older kg): moving them into one shared graph ({len(graphs):,} graphs)", file=sys.stderr)
        share_descriptions(store, graphs)
    return len(graphs)
