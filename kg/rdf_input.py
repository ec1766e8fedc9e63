"""RDF from outside the project (``kg load``): checked before any parser sees it, never fetched.

Refused, each with its own code:

====  ========================================================================================
E801  a DOCTYPE or ENTITY in RDF/XML: entity expansion turns ~600 bytes into gigabytes ("billion
      laughs"); rdflib hangs on it and pyoxigraph 0.5.13 aborts the whole process
E802  RDF/XML nested deeper than :data:`MAX_XML_DEPTH`: pyoxigraph's RDF/XML parser slows down
      quadratically with depth
E803  JSON-LD whose ``@context`` names a document (``http:``, ``file:``, a relative path) or uses
      ``@import``: reading it would mean a request or a local file read; nothing is ever fetched
E804  larger than :data:`MAX_RDF_BYTES`
E805  not UTF-8
E806  not valid in its format (the parser's message, with line and column)
E807  unknown format
E808  RDF 1.2 triple terms or directional language tags (SPARQL 1.1 updates and rdflib exports)
E813  two different files with the same base name in one ``kg load``: the second would replace the first
E814  more triples than :data:`MAX_TRIPLES` (``kg load --max-triples``): five megabytes of one flat
      collection are five million triples
E815  a literal longer than :data:`MAX_LITERAL_CHARS` characters (``kg load --max-literal``)
E816  Turtle or TriG with collections or ``[ ]`` nested deeper than :data:`MAX_NESTING`: pyoxigraph's
      parser slows down quadratically with depth (two megabytes of ``((((`` took 174 s and 6.9 GB)
====  ========================================================================================

The file is parsed twice: once to check every quad against the limits, keeping nothing, and once to
stream it into the store, so a refused file changes nothing and memory stays bounded by a batch.

Every quad goes into one named graph chosen by the caller, whatever graph the file names, so a
file cannot overwrite a document's graph or the ontology. Blank nodes are fresh on every parse,
which is why a file's graph is replaced, not added to, when it is loaded again.

>>> len(parse_rdf(b'<http://example.org/a> <http://example.org/p> "x" .', "nt"))
1
>>> parse_rdf(b'{"@context": "http://schema.org/", "name": "x"}', "jsonld")
Traceback (most recent call last):
...
kg.errors.KgError: [E803] JSON-LD @context 'http://schema.org/' names a document to fetch; ...
"""
from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg.descriptions import share_descriptions
from kg.link import link_graphs

MAX_RDF_BYTES = 50 * 1024 * 1024
MAX_XML_DEPTH = 200
MAX_TRIPLES = 1_000_000
MAX_LITERAL_CHARS = 4 * 1024 * 1024
MAX_NESTING = 1_000
FORMATS = {"ttl": ox.RdfFormat.TURTLE, "turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
           "ntriples": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS, "nquads": ox.RdfFormat.N_QUADS,
           "trig": ox.RdfFormat.TRIG, "rdf": ox.RdfFormat.RDF_XML, "owl": ox.RdfFormat.RDF_XML,
           "xml": ox.RdfFormat.RDF_XML, "rdfxml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD,
           "json": ox.RdfFormat.JSON_LD}
_XML_DECL = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# what can hold a bracket in Turtle without opening anything: long and short strings, IRIs, comments
_TTL_TOKEN = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\'|"(?:[^"\\\n]|\\.)*"'
                        r"|'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*|[()\[\]]")


@dataclass(frozen=True)
class Limits:
    """How much one file may hold; ``kg load --max-triples / --max-literal`` change them."""

    triples: int = MAX_TRIPLES
    literal_chars: int = MAX_LITERAL_CHARS


def rdf_format(name: str, fmt: str | None = None) -> ox.RdfFormat:
    """The format named by ``fmt``, else by the file extension of ``name``.

    >>> rdf_format("a.ttl").name, rdf_format("x", "jsonld").name
    ('Turtle', 'JSON-LD')
    """
    key = (fmt or Path(name).suffix.lstrip(".")).lower().replace("-", "")
    if key not in FORMATS:
        raise KgError("E807", f"unknown RDF format {fmt or Path(name).suffix or name!r}; use --format with one of "
                              f"{', '.join(sorted(FORMATS))}")
    return FORMATS[key]


def _check_xml(data: bytes) -> None:
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    if _XML_DECL.search(data):  # also catches what an XML parser would only see in another encoding
        raise KgError("E801", "RDF/XML with a DOCTYPE or ENTITY declaration is refused (entity expansion can exhaust "
                              "memory); expand the entities (e.g. convert the file to Turtle) and load that")
    depth = 0
    try:
        for event, _ in safe_et.iterparse(io.BytesIO(data), events=("start", "end"), forbid_dtd=True):
            depth += 1 if event == "start" else -1
            if depth > MAX_XML_DEPTH:
                raise KgError("E802", f"RDF/XML nested more than {MAX_XML_DEPTH} elements deep is refused "
                                      "(parsing it would take very long); convert the file to Turtle or N-Triples")
    except DefusedXmlException:
        raise KgError("E801", "RDF/XML with a DOCTYPE or ENTITY declaration is refused (entity expansion can exhaust "
                              "memory); expand the entities (e.g. convert the file to Turtle) and load that") from None
    except safe_et.ParseError as exc:
        raise KgError("E806", f"not well-formed XML ({exc}); check the file is RDF/XML") from None


def _remote_contexts(doc) -> str | None:
    # any @context that is (or lists) a reference, or a context object with @import, would be fetched
    todo = [doc]
    while todo:
        node = todo.pop()
        if isinstance(node, list):
            todo.extend(node)
        elif isinstance(node, dict):
            for key, value in node.items():
                if key == "@context":
                    for ctx in value if isinstance(value, list) else [value]:
                        if isinstance(ctx, str):
                            return ctx
                        if isinstance(ctx, dict) and "@import" in ctx:
                            return str(ctx["@import"])
                todo.append(value)
    return None


def _keyword_once(pairs: list) -> dict:
    seen = set()
    for key, _ in pairs:
        if key in seen and key.startswith("@"):  # json.loads keeps the last, another parser the first
            raise KgError("E806", f"a JSON-LD object has the key {key} twice (parsers disagree on which counts, so "
                                  "it cannot be checked); keep one")
        seen.add(key)
    return dict(pairs)


def _check_jsonld(text: str) -> None:
    try:
        doc = json.loads(text, object_pairs_hook=_keyword_once)
    except (ValueError, RecursionError) as exc:
        raise KgError("E806", f"not valid JSON ({str(exc)[:120]}); check the file is JSON-LD") from None
    ref = _remote_contexts(doc)
    if ref is not None:
        raise KgError("E803", f"JSON-LD @context {ref[:200]!r} names a document to fetch; nothing is fetched "
                              "(no network, no local files): put the context object inline in the file")


def _check_nesting(text: str) -> None:
    if text.count("(") + text.count("[") <= MAX_NESTING:  # cannot be deeper: no scan
        return
    depth = 0
    for m in _TTL_TOKEN.finditer(text):
        c = m.group()
        if c in "([":
            depth += 1
            if depth > MAX_NESTING:
                raise KgError("E816", f"collections or [ ] nested more than {MAX_NESTING} deep are refused (parsing "
                                      "them takes time growing with the square of the depth); flatten the data")
        elif c in ")]":
            depth -= 1


def _prepared(data: bytes, fmt: ox.RdfFormat) -> str:
    """The text of ``data`` once every check that needs the whole file has passed."""
    if len(data) > MAX_RDF_BYTES:
        raise KgError("E804", f"{len(data)} bytes is more than the {MAX_RDF_BYTES}-byte limit for one RDF file; "
                              "split it")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise KgError("E805", f"not valid UTF-8 (byte {exc.start}); RDF files must be UTF-8: re-save it as UTF-8") \
            from None
    if fmt == ox.RdfFormat.RDF_XML:
        _check_xml(data)
    elif fmt == ox.RdfFormat.JSON_LD:
        _check_jsonld(text)
    elif fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG):
        _check_nesting(text)
    return text


def _quads(text: str, fmt: ox.RdfFormat, target, base_iri: str | None, limits: Limits) -> Iterator[ox.Quad]:
    n = 0
    try:
        for q in ox.parse(text, format=fmt, base_iri=base_iri):
            n += 1
            if n > limits.triples:
                raise KgError("E814", f"more than {limits.triples} triples in one file; split it, or raise the "
                                      "limit with --max-triples")
            if _rdf12(q):
                raise KgError("E808", f"RDF 1.2 {_rdf12(q)} cannot be stored or exported (the store's one-"
                                      "transaction replace is SPARQL 1.1, the Turtle export rdflib): keep to RDF 1.1")
            if isinstance(q.object, ox.Literal) and len(q.object.value) > limits.literal_chars:
                raise KgError("E815", f"a literal of {len(q.object.value)} characters (triple {n}) is longer than "
                                      f"the {limits.literal_chars}-character limit; raise it with --max-literal")
            yield ox.Quad(q.subject, q.predicate, q.object, target)
    except SyntaxError as exc:
        raise KgError("E806", f"not valid {fmt.name}: {exc}") from None


def parse_rdf(data: bytes, fmt: str | ox.RdfFormat, *, graph: ox.NamedNode | None = None,
              base_iri: str | None = None, limits: Limits = Limits()) -> list[ox.Quad]:
    """The quads of ``data`` after the checks above, all in ``graph`` (the default graph if None)."""
    fmt = fmt if isinstance(fmt, ox.RdfFormat) else rdf_format("", fmt)
    return list(_quads(_prepared(data, fmt), fmt, graph or ox.DefaultGraph(), base_iri, limits))


def _rdf12(q: ox.Quad) -> str | None:
    if isinstance(q.subject, ox.Triple) or isinstance(q.object, ox.Triple):
        return "triple terms (<<( s p o )>>)"
    if isinstance(q.object, ox.Literal) and getattr(q.object, "direction", None):
        return f"directional language tags (@{q.object.language}--{q.object.direction})"
    return None


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_RDF_BYTES:
            raise KgError("E804", f"{path}: more than the {MAX_RDF_BYTES}-byte limit for one RDF file; split it")
        with open(path, "rb") as f:
            return f.read(MAX_RDF_BYTES + 1)
    except OSError as exc:
        raise KgError("E602", f"cannot read {path}: {exc.strerror or exc}") from None


def loaded_graph(name: str, *, base: str | None = None) -> ox.NamedNode:
    """The named graph that ``kg load`` gives a file, from its base name (so ``kg remove NAME`` finds it).

    >>> loaded_graph("extra.ttl", base="https://example.org/").value
    'https://example.org/graph/load-...'
    """
    from kg.iris import Minter, digest

    return ox.NamedNode(Minter(base).graph("load-" + digest("load", Path(name).name)))


def distinct_files(paths, *, base: str | None = None) -> list[Path]:
    """``paths`` with repeats of one file dropped; E813 if two different files share a base name.

    A file's graph is named by its base name, so that loading it again (from any folder) replaces it and
    ``kg remove extra.ttl`` finds it; two different files of one name in one run would silently replace
    each other, so the run is refused before anything is loaded.
    """
    seen: dict[str, Path] = {}  # graph IRI -> the first file of this run that names it
    out = []
    for p in map(Path, paths):
        graph = loaded_graph(str(p), base=base).value
        first = seen.setdefault(graph, p)
        if first is p:
            out.append(p)
        elif os.path.realpath(first) != os.path.realpath(p):
            raise KgError("E813", f"{first} and {p} have the same file name, so they would be loaded into one "
                                  f"graph and the second would replace the first; nothing was loaded: rename one, e.g. "
                                  f"to {p.parent.resolve().name or 'other'}-{p.name}")
    return out


def load_file(store, path: str | os.PathLike, *, fmt: str | None = None, base: str | None = None,
              limits: Limits = Limits()) -> tuple[str, int]:
    """Replace the file's graph in ``store`` by its quads; (graph IRI, quads). Checked in full first (see the
    module text), then streamed, so neither the file's quads nor an update text is held in memory."""
    path = Path(path)
    graph = loaded_graph(str(path), base=base)
    data = _read(path)
    try:
        rdf = rdf_format(path.name, fmt)
        text = _prepared(data, rdf)
        base_iri = path.resolve().as_uri()
        n = sum(1 for _ in _quads(text, rdf, graph, base_iri, limits))
    except KgError as err:
        raise KgError(err.code, f"{path}: {err.message}") from None
    store.replace_graph(graph, _quads(text, rdf, graph, base_iri, limits))
    share_descriptions(store.oxigraph, [graph])  # a geokg dump's entity descriptions join the shared ones
    link_graphs(store.oxigraph, [graph])  # its events that carry same-event keys meet their other reports
    store.summarize([graph])  # with their links: the alignment sums (kg.summaries)
    store.flush()
    return graph.value, n
