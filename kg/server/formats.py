"""Media types the server speaks, and content negotiation (HTTP Accept with q-values).

SPARQLWrapper and other clients also name a format in a ``format`` or ``output`` parameter
(``json``, ``xml``, ``turtle``...); that parameter wins over the Accept header.

>>> negotiate("application/sparql-results+xml", RESULT_FORMATS)
'xml'
>>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8", GRAPH_FORMATS, html=True)
'html'
>>> negotiate("text/turtle;q=0.5, application/ld+json", GRAPH_FORMATS)
'jsonld'
>>> negotiate("image/png", RESULT_FORMATS) is None
True
>>> from_param("json", RESULT_FORMATS), from_param("rdf+xml", GRAPH_FORMATS)
('json', 'rdfxml')
"""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    media_type: str
    oxigraph: object
    aliases: tuple[str, ...]  # other media types and short names that mean this format
    prefixes: bool = False  # the syntax has prefixes (Turtle)


RESULT_FORMATS = {
    "json": Format("application/sparql-results+json", ox.QueryResultsFormat.JSON,
                   ("application/json", "json", "srj")),
    "xml": Format("application/sparql-results+xml", ox.QueryResultsFormat.XML,
                  ("application/xml", "text/xml", "xml", "srx")),
    "csv": Format("text/csv", ox.QueryResultsFormat.CSV, ("csv",)),
    "tsv": Format("text/tab-separated-values", ox.QueryResultsFormat.TSV, ("tsv",)),
}
GRAPH_FORMATS = {
    "turtle": Format("text/turtle", ox.RdfFormat.TURTLE,
                     ("application/x-turtle", "application/turtle", "text/n3", "text/rdf+n3", "turtle", "ttl", "n3"),
                     prefixes=True),
    "ntriples": Format("application/n-triples", ox.RdfFormat.N_TRIPLES, ("text/plain", "ntriples", "nt")),
    "jsonld": Format("application/ld+json", ox.RdfFormat.JSON_LD, ("json-ld", "jsonld", "application/json")),
    "rdfxml": Format("application/rdf+xml", ox.RdfFormat.RDF_XML,
                     ("application/xml", "text/xml", "rdf+xml", "rdfxml", "rdf", "xml")),
}
HTML = "text/html"


def _accept(header: str) -> list[tuple[str, float, int]]:
    """(media type, q, position) of each Accept entry; malformed entries are skipped."""
    out = []
    for i, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        mtype, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = max(0.0, min(1.0, float(f[2:])))
                except ValueError:
                    q = 0.0
        if mtype and "/" in mtype:
            out.append((mtype, q, i))
    return out


def negotiate(accept: str | None, formats: dict[str, Format], *, html: bool = False,
              default: str | None = None) -> str | None:
    """The key of the best format for ``accept`` (``'html'`` when allowed and preferred), else None.

    A missing or empty header, or one that accepts anything (``*/*``), gets ``default`` (or the
    first format); an exact media type beats a wildcard at the same q.
    """
    default = default or next(iter(formats))
    entries = _accept(accept or "")
    if not entries:
        return default
    best, best_rank = None, None
    candidates = [(k, (f.media_type, *(a for a in f.aliases if "/" in a))) for k, f in formats.items()]
    if html:
        candidates.insert(0, ("html", (HTML, "application/xhtml+xml")))
    for mtype, q, pos in entries:
        if q <= 0:
            continue
        if mtype == "*/*":
            hits = [default]
            exact = 0
        elif mtype.endswith("/*"):
            hits = [k for k, types in candidates if any(t.startswith(mtype[:-1]) for t in types)]
            exact = 1
        else:
            hits = [k for k, types in candidates if mtype in types]
            exact = 2
        for k in hits[:1]:
            rank = (q, exact, -pos)
            if best_rank is None or rank > best_rank:
                best, best_rank = k, rank
    return best


def from_param(value: str | None, formats: dict[str, Format]) -> str | None:
    """The format a ``format``/``output`` parameter names (short name or media type), else None."""
    v = (value or "").strip().lower()
    if not v:
        return None
    for key, f in formats.items():
        if v == key or v == f.media_type or v in f.aliases:
            return key
    return None
