"""Stored queries over HTTP, grlc-style: ``GET /api/{name}?param=...`` for each ``queries/*.rq``.

The routes and their OpenAPI description (``/api/openapi.json``) are generated from the ``#+``
headers: ``summary``, ``tags``, and one query parameter per BASIL variable (required or not, its type,
its default). Rows are those of ``kg query NAME`` (kg.queries binds the parameters, in a worker);
SPARQL results JSON by default, or CSV/TSV/XML by Accept or ``format=``. Every query takes ``limit`` and
``offset``; a listing (grlc's ``pagination:`` header) answers one page by default, and a page with more
after it says so in a ``Link: <...>; rel="next"`` header.
"""
from __future__ import annotations

import json
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from starlette.responses import JSONResponse, Response

from kg import queries
from kg.server.app import error_response, reply_response
from kg.server.formats import RESULT_FORMATS, from_param, negotiate

_TYPES = {"iri": ("string", "a state by QID (Q265), ISO code (UZB), name or IRI"),
          "literal": ("string", "text"), "integer": ("integer", "an integer"),
          "xsd_date": ("string", "a date: YYYY, YYYY-MM or YYYY-MM-DD")}
RESERVED = ("format", "output")


def _defaults(q: queries.StoredQuery) -> dict[str, str]:
    out = {}
    for item in q.header.get("defaults") or []:
        if isinstance(item, dict):
            out.update({str(k): str(v) for k, v in item.items()})
    return out


def describe(q: queries.StoredQuery) -> dict:
    """The catalogue entry of a stored query (also its OpenAPI parameters)."""
    defaults = _defaults(q)
    enum = {}
    for item in q.header.get("enumerate") or []:
        if isinstance(item, dict):
            enum.update({str(k): [str(v) for v in vs or []] for k, vs in item.items()})
    params = []
    for p in q.params:
        schema = {"type": _TYPES[p.type][0]}
        if p.name in enum:
            schema["enum"] = enum[p.name]
        if p.name in defaults:
            schema["example"] = defaults[p.name]
        params.append({"name": p.name, "in": "query", "required": p.required, "schema": schema,
                       "description": _TYPES[p.type][1]})
    page = q.header.get("pagination")
    params += [{"name": "limit", "in": "query", "required": False, "schema": {"type": "string"},
                "description": f"rows in a page, 1 to {queries.MAX_PAGE} (default {page or 'every row'})"},
               {"name": "offset", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0},
                "description": "rows to skip: the next page starts at offset + limit (the Link header says it)"}]
    return {"name": q.name, "summary": q.summary, "tags": [str(t) for t in q.header.get("tags") or []],
            "parameters": params, "defaults": defaults}


def _route(name: str):
    async def run_stored(request: Request) -> Response:
        params = {k: v for k, v in request.query_params.items() if k not in RESERVED}
        named = request.query_params.get("format") or request.query_params.get("output")
        fmt = from_param(named, RESULT_FORMATS) if named else negotiate(request.headers.get("accept"),
                                                                        RESULT_FORMATS)
        if fmt is None:
            return error_response(406, "E706", "stored queries answer in SPARQL results JSON, XML, CSV or TSV")
        job = {"kind": "stored", "name": name, "params": params, "results": fmt, "graph": "turtle",
               "max_rows": request.app.state.config.max_rows}
        reply = await request.app.state.pool.run(job)
        headers = {"Vary": "Accept"}
        page = reply[4] if reply[0] == "ok" and len(reply) > 4 else {}
        if page.get("next_offset") is not None:  # grlc's way: the next page as a Link header (RFC 8288)
            following = urlencode({**request.query_params, "offset": page["next_offset"]})
            headers["Link"] = f'<{request.url.path}?{following}>; rel="next"'
        return reply_response(reply, headers=headers)

    run_stored.__name__ = f"query_{name}"
    return run_stored


def add_routes(app: FastAPI) -> None:
    entries = [describe(queries.load(name)) for name in queries.catalogue()]

    @app.get("/api/queries", summary="The stored questions: name, summary, parameters, SPARQL text",
             tags=["catalogue"])
    async def catalogue(request: Request) -> JSONResponse:
        return JSONResponse(await _catalogue(request, entries))

    for e in entries:
        app.add_api_route(f"/api/{e['name']}", _route(e["name"]), methods=["GET"], summary=e["summary"],
                          tags=e["tags"] or ["queries"], operation_id=e["name"],
                          response_class=Response,
                          openapi_extra={"parameters": e["parameters"], "responses": {"200": {
                              "description": "SPARQL 1.1 query results",
                              "content": {f.media_type: {} for f in RESULT_FORMATS.values()}}}})


async def _catalogue(request: Request, entries: list[dict]) -> list[dict]:
    """The entries with their SPARQL text and, for the editor, the text bound to the defaults."""
    cache = getattr(request.app.state, "catalogue", None)
    if cache is not None:
        return cache
    out = []
    for e in entries:
        q = queries.load(e["name"])
        example = q.text
        if e["defaults"]:
            reply = await request.app.state.pool.run({"kind": "bind", "name": e["name"], "params": e["defaults"]})
            if reply[0] == "ok":
                example = reply[1].decode()
        out.append({**e, "text": q.text, "example": example})
    request.app.state.catalogue = out
    return out


def rows(body: bytes) -> list[dict]:
    """Plain rows (values as strings) of SPARQL results JSON, like ``kg.queries.Result.rows``.

    >>> rows(b'{"head":{"vars":["a","b"]},"results":{"bindings":[{"a":{"type":"literal","value":"x"}}]}}')
    [{'a': 'x', 'b': None}]
    """
    data = json.loads(body)
    names = data["head"]["vars"]
    return [{v: (b[v]["value"] if v in b else None) for v in names} for b in data["results"]["bindings"]]
