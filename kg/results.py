"""SPARQL SELECT results written with an exact row cut, for a page of a stored query and the server's row limit.

The JSON is written here (it is a plain structure) so the cut is exact; the other formats are pyoxigraph's
serializers run over that JSON.

>>> import pyoxigraph as ox
>>> s = ox.Store()
>>> body, cut = serialize_solutions(s.query("SELECT ?x WHERE { VALUES ?x { 1 2 3 } }"), "csv", 2)
>>> body.decode().split(), cut
(['x', '1', '2'], 2)
"""
from __future__ import annotations

import json

import pyoxigraph as ox

SYNTAX = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
          "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def term_json(term) -> dict:
    """A term as SPARQL 1.1 results JSON."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}  # RDF-star triple terms: shown as text


def serialize_solutions(solutions, fmt: str, max_rows: int, variables: list[str] | None = None) -> tuple[bytes, int | None]:
    """SPARQL results in ``fmt`` (json, xml, csv or tsv), cut after ``max_rows`` rows; the cut (``max_rows``)
    when there were more, else None. ``solutions`` is a pyoxigraph QuerySolutions, or any iterable of
    solutions when ``variables`` names their variables."""
    variables = variables if variables is not None else [v.value for v in solutions.variables]
    rows, truncated = [], None
    for i, s in enumerate(solutions):
        if i >= max_rows:
            truncated = max_rows
            break
        rows.append({v: term_json(s[v]) for v in variables if s[v] is not None})
    body = json.dumps({"head": {"vars": variables}, "results": {"bindings": rows}}, ensure_ascii=False).encode()
    if fmt != "json":
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        body = parsed.serialize(format=SYNTAX[fmt])
    return body, truncated
