"""Export the graph: deterministic (same graph -> same bytes) and atomic (temp file, fsync, replace).

Turtle and N-Triples hold the union of the document graphs; TriG and N-Quads keep one graph per
document. The ontology graph is left out unless ``with_ontology`` is set.

>>> from kg.store import Store
>>> export_text(Store(), "ntriples")
''
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.namespaces import ONTOLOGY_IRI, PREFIXES
from kg.summaries import DERIVED_GRAPHS

FORMATS = {"turtle": "turtle", "ttl": "turtle", "ntriples": "ntriples", "nt": "ntriples", "nquads": "nquads",
           "nq": "nquads", "trig": "trig", "jsonld": "jsonld", "json-ld": "jsonld"}


def _quads(store, with_ontology: bool) -> list[ox.Quad]:
    # the summaries are derived from the rest (kg.summaries): not data to exchange
    skip = set(DERIVED_GRAPHS) | (set() if with_ontology else {ox.NamedNode(ONTOLOGY_IRI)})
    return _stable_blank_nodes([q for q in store.quads() if q.graph_name not in skip])


def _stable_blank_nodes(quads: list[ox.Quad], rounds: int = 4) -> list[ox.Quad]:
    """The quads with each blank node named by a hash of what is said of it (refined over ``rounds`` hops of
    neighbours), so an export does not depend on the labels a store or a parser happened to draw: the same
    graph exports to the same bytes (the ontology's OWL restrictions are blank nodes)."""
    blanks = sorted({t.value for q in quads for t in (q.subject, q.object) if isinstance(t, ox.BlankNode)})
    if not blanks:
        return quads
    label = dict.fromkeys(blanks, "")

    def term(t) -> str:
        return "_:" + label[t.value] if isinstance(t, ox.BlankNode) else str(t)

    for _ in range(rounds):
        facts: dict[str, list[str]] = {b: [] for b in blanks}
        for q in quads:
            if isinstance(q.subject, ox.BlankNode):
                facts[q.subject.value].append(f"> {q.predicate} {term(q.object)} {q.graph_name}")
            if isinstance(q.object, ox.BlankNode):
                facts[q.object.value].append(f"< {term(q.subject)} {q.predicate} {q.graph_name}")
        label = {b: hashlib.sha256("\n".join(sorted(f)).encode()).hexdigest()[:20] for b, f in facts.items()}
    seen: dict[str, int] = {}
    for b in sorted(blanks, key=lambda b: label[b]):  # blank nodes alike in every respect: numbered in turn
        n = seen[label[b]] = seen.get(label[b], -1) + 1
        label[b] = f"b{label[b]}{n if n else ''}"
    named = {b: ox.BlankNode(label[b]) for b in blanks}

    def swap(t):
        return named[t.value] if isinstance(t, ox.BlankNode) else t

    return [ox.Quad(swap(q.subject), q.predicate, swap(q.object), q.graph_name) for q in quads]


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
    # keep the blank node labels (rdflib draws new random ones, which would reorder the pretty-printed output)
    keep = {t.value: rdflib.BNode(t.value) for q in quads for t in (q.subject, q.object) if isinstance(t, ox.BlankNode)}
    g.parse(data=data, format="nquads" if graphs else "nt", bnode_context=keep)
    for prefix, ns in prefixes.items():
        g.bind(prefix, ns, replace=True)
    return g


def export_text(store, fmt: str = "turtle", *, with_ontology: bool = False) -> str:
    """The store serialised as ``fmt`` (turtle, ntriples, nquads, trig, jsonld)."""
    if fmt.lower() == "plover":  # events as PLOVER JSON Lines (kg/plover_export.py), not RDF
        from kg.plover_export import plover_text

        return plover_text(store)
    kind = FORMATS.get(fmt.lower())
    if kind is None:
        raise KgError("E501", f"unknown export format {fmt!r}; use one of turtle, ntriples, nquads, trig, jsonld, "
                              "plover")
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
        return _sorted_json(json.loads(graph.serialize(format="json-ld")))
    return graph.serialize(format="longturtle")


def _sorted_json(doc) -> str:
    """JSON-LD with every unordered array sorted (nodes, values of a property; not an ``@list``), since rdflib
    writes them in its set order, which changes from run to run."""
    def norm(x, ordered=False):
        if isinstance(x, dict):
            return {k: norm(v, k == "@list") for k, v in x.items()}
        if isinstance(x, list):
            items = [norm(v) for v in x]
            return items if ordered else sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
        return x

    return json.dumps(norm(doc), sort_keys=True, indent=1, ensure_ascii=False)


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
