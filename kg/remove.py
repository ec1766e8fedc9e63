"""Retract documents: drop the named graph of each, in one transaction.

Every fact a document supports lives in its own graph (see :mod:`kg.mapping`), so dropping that
graph retracts exactly what only it supported: a statement another document also makes stays, because
the other document's graph holds its own copy, and an entity's shared description (:mod:`kg.descriptions`)
goes with the last document that names it.

A source is named as ``kg ingest`` recorded it (the url, else the file name), as a path to the
article file (its base name and, when it can be read, the urls in its front matter or feed), as a
file name given to ``kg load``, or as a graph IRI.

>>> from kg.store import Store
>>> remove_sources(Store(), ["nothing.txt"])
Traceback (most recent call last):
...
kg.errors.KgError: [E810] no document in the store has the source 'nothing.txt'; ...
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.descriptions import ENTITIES
from kg.namespaces import ONTOLOGY_IRI, PREFIXES
from kg.store import retract_update
from kg.summaries import DERIVED_GRAPHS, pending_before, refresh

GK = PREFIXES["gk"]


def _names(source: str) -> set[str]:
    names = {source, Path(source).name}
    if os.path.isfile(source):  # an article file: also the urls its documents were recorded under
        from loaders.files import iter_documents
        from loaders.model import Document

        names |= {d.source for d in iter_documents([source]) if isinstance(d, Document)}
    return names


def graphs_of(store, source: str, *, base: str | None = None) -> list[ox.NamedNode]:
    """The graphs that hold the document(s) recorded under ``source`` (see the module doc)."""
    from kg.rdf_input import loaded_graph

    names = _names(source)
    values = " ".join(str(ox.Literal(n)) for n in sorted(names))
    found = {row["g"] for row in store.oxigraph.query(
        f"SELECT DISTINCT ?g WHERE {{ VALUES ?name {{ {values} }} "
        f"GRAPH ?g {{ ?doc a <{GK}Document> ; <{GK}sourceName>|<{GK}url> ?value }} FILTER(str(?value) = ?name) }}")}
    for candidate in [loaded_graph(n, base=base) for n in names] + [_iri(source)]:
        if candidate is not None and store.oxigraph.contains_named_graph(candidate):
            found.add(candidate)
    found -= {ox.NamedNode(ONTOLOGY_IRI), ENTITIES, *DERIVED_GRAPHS}  # the TBox and shared/derived graphs are not documents
    return sorted(found, key=lambda g: g.value)


def _iri(text: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(text) if ":" in text else None
    except ValueError:
        return None


def remove_sources(store, sources: Iterable[str], *, base: str | None = None) -> list[str]:
    """Drop the graphs of all ``sources`` in one transaction; the IRIs of the graphs dropped.

    Every source must match (E810), so that a typo removes nothing rather than part of a list.
    """
    graphs: list[ox.NamedNode] = []
    for source in sources:
        found = graphs_of(store, source, base=base)
        if not found:
            raise KgError("E810", f"no document in the store has the source {source!r}; give the url or file name "
                                  "it was ingested under (`kg export --format nquads | grep sourceName` lists them)")
        graphs += [g for g in found if g not in graphs]
    # the links other documents hold to these documents' events go in the same transaction (kg.link)
    store.oxigraph.update(" ;\n".join([pending_before(store.oxigraph, graphs)] + [retract_update(g) for g in graphs]))
    refresh(store.oxigraph)  # the alignment sums (kg.summaries), marked in the update above
    store.flush()
    return [g.value for g in graphs]
