"""SPARQL 1.1 Protocol (query operation only) at ``/sparql``: GET and POST, read-only.

Accepted: ``GET ?query=``, ``POST`` with ``application/sparql-query`` or a form
(``application/x-www-form-urlencoded``); ``default-graph-uri`` and
``named-graph-uri``; a ``format``/``output`` parameter (SPARQLWrapper) that wins over Accept.
Updates in any form are refused (403, E702), as are SERVICE (E703) and datasets outside the store
(E704); the query is parsed before anything runs (kg.server.worker.check_query).
"""
from __future__ import annotations

from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from starlette.responses import RedirectResponse, Response

from kg.server.app import error_response, reply_response
from kg.server.formats import GRAPH_FORMATS, RESULT_FORMATS, from_param, negotiate

router = APIRouter(include_in_schema=False)
MAX_QUERY = 1_000_000  # characters
MAX_BODY = 3 * MAX_QUERY + 65_536  # bytes: a form-encoded query of MAX_QUERY characters, and its other fields


class _TooLarge(Exception):
    pass


async def _body(request: Request) -> bytes:
    """The request body, refused on its Content-Length or as soon as it passes MAX_BODY: never read whole
    first (fifteen 100 MB posts must not hold 1.5 GB)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY):
        raise _TooLarge
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise _TooLarge
        chunks.append(chunk)
    return b"".join(chunks)


async def _params(request: Request) -> tuple[dict[str, list[str]], Response | None]:
    params: dict[str, list[str]] = {}
    for k, v in request.query_params.multi_items():
        params.setdefault(k, []).append(v)
    if request.method != "POST":
        return params, None
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/sparql-update":
        params["update"] = ["-"]  # refused whatever its size: nothing of it is read
        return params, None
    if ctype not in ("application/sparql-query", "application/x-www-form-urlencoded"):
        return params, error_response(415, "E701", f"POST a query as application/sparql-query or as a form "
                                                   f"(query=...), not {ctype or 'no content type'}")
    try:
        body = (await _body(request)).decode("utf-8", "replace")
    except _TooLarge:
        return params, error_response(413, "E701", f"the request body is larger than {MAX_BODY} bytes (a query "
                                                   f"may have {MAX_QUERY} characters)")
    if ctype == "application/sparql-query":
        params["query"] = [body]
    else:
        for k, v in parse_qsl(body, keep_blank_values=True):
            params.setdefault(k, []).append(v)
    return params, None


@router.api_route("/sparql", methods=["GET", "POST"])
async def sparql(request: Request) -> Response:
    params, problem = await _params(request)
    if problem:
        return problem
    if "update" in params:
        return error_response(403, "E702", "this endpoint is read-only: SPARQL updates are refused; change the "
                                           "graph with `kg ingest` instead")
    queries = params.get("query") or []
    if len(queries) != 1 or not queries[0].strip():
        if request.method == "GET" and not queries and "text/html" in request.headers.get("accept", ""):
            return RedirectResponse("/#sparql", status_code=303)  # a person opened the endpoint: the editor
        return error_response(400, "E710", "give exactly one SPARQL query: /sparql?query=SELECT... (GET) or "
                                           "POST it as application/sparql-query or form field `query`")
    if len(queries[0]) > MAX_QUERY:
        return error_response(413, "E701", f"the query is longer than {MAX_QUERY} characters")
    named = (params.get("format") or params.get("output") or [None])[0]
    accept = request.headers.get("accept")
    if named:
        results, graph = from_param(named, RESULT_FORMATS), from_param(named, GRAPH_FORMATS)
        if results is None and graph is None:
            return error_response(406, "E706", f"unknown format {named!r}; use json, xml, csv, tsv, turtle, "
                                               "ntriples, json-ld or rdf+xml")
    else:
        results, graph = negotiate(accept, RESULT_FORMATS), negotiate(accept, GRAPH_FORMATS)
        if results is None and graph is None:
            return error_response(406, "E706", f"cannot answer in {accept!r}; accept a SPARQL results type "
                                               "(JSON, XML, CSV, TSV) or an RDF type (Turtle, N-Triples, "
                                               "JSON-LD, RDF/XML)")
    config = request.app.state.config
    job = {"kind": "sparql", "query": queries[0], "results": results or "json", "graph": graph or "turtle",
           "max_rows": config.max_rows, "default_graph": params.get("default-graph-uri"),
           "named_graphs": params.get("named-graph-uri")}
    reply = await request.app.state.pool.run(job)
    return reply_response(reply, headers={"Vary": "Accept"})
