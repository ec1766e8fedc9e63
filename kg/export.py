"""Export the graph: deterministic (same graph -> same bytes) and atomic (temp file, fsync, replace).

Turtle and N-Triples hold the union of the document graphs; TriG and N-Quads keep one graph per
document. The ontology graph is left out unless ``with_ontology`` is set.

>>> from kg.store import Store
>>> export_text(Store(), "ntriples")
''
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.namespaces import ONTOLOGY_IRI, PREFIXES

FORMATS = {"turtle": "turtle", "ttl": "turtle", "ntriples": "ntriples", "nt": "ntriples", "nquads": "nquads",
           "nq": "nquads", "trig": "trig", "jsonld": "jsonld", "json-ld": "jsonld"}


def _quads(store, with_ontology: bool) -> list[ox.Quad]:
    skip = None if with_ontology else ox.NamedNode(ONTOLOGY_IRI)
    return [q for q in store.quads() if q.graph_name != skip]


def _prefixes(store) -> dict[str, str]:
    # the data namespace of this store's base as `id:`, next to the vocabularies
    prefixes = dict(PREFIXES)
    for q in store.quads():
        if isinstance(q.subject, ox.NamedNode) and "/id/" in q.subject.value:
            prefixes["id"] = q.subject.value.split("/id/")[0] + "/id/"
            break
    return prefixes


def _rdflib(quads: list[ox.Quad], prefixes: dict[str, str], *, graphs: bool):
    import rdflib

    data = "\n".join(f"{q.subject} {q.predicate} {q.object} {q.graph_name if graphs else ''} ." for q in quads)
    g = rdflib.Dataset() if graphs else rdflib.Graph()
    g.parse(data=data, format="nquads" if graphs else "nt")
    for prefix, ns in prefixes.items():
        g.bind(prefix, ns, replace=True)
    return g


def export_text(store, fmt: str = "turtle", *, with_ontology: bool = False) -> str:
    """The store serialised as ``fmt`` (turtle, ntriples, nquads, trig, jsonld)."""
    kind = FORMATS.get(fmt.lower())
    if kind is None:
        raise KgError("E501", f"unknown export format {fmt!r}; use one of turtle, ntriples, nquads, trig, jsonld")
    quads = _quads(store, with_ontology)
    if kind == "nquads":
        return "".join(sorted({f"{q} .\n" for q in quads}))
    triples = sorted({f"{q.subject} {q.predicate} {q.object} .\n" for q in quads})
    if kind == "ntriples":
        return "".join(triples)
    if not quads:
        return ""
    if kind == "trig":
        return _rdflib(quads, _prefixes(store), graphs=True).serialize(format="trig")
    graph = _rdflib(quads, _prefixes(store), graphs=False)
    if kind == "jsonld":
        return graph.serialize(format="json-ld", sort_keys=True, indent=1)
    return graph.serialize(format="longturtle")


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new one, never half of one."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; an export is an ordinary file
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(store, path: str | os.PathLike, fmt: str = "turtle", *, with_ontology: bool = False) -> int:
    """Export to ``path`` atomically; returns the number of characters written."""
    text = export_text(store, fmt, with_ontology=with_ontology)
    write_atomic(path, text)
    return len(text)
