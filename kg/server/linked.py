"""Linked Data: entity IRIs dereference, the ontology at its IRI, a VoID description.

The graph's IRIs live under the base (``https://w3id.org/geokg/`` unless ``--base``), not under the
host serving them, so the server maps its own paths onto them: ``/id/{kind}/{key}`` stands for
``{base}id/{kind}/{key}``. Following Cool URIs (slash IRIs), ``/id/...`` (the thing) answers
``303 See Other`` to ``/doc/...`` (the document about it), which negotiates HTML, Turtle,
JSON-LD, N-Triples or RDF/XML (``?format=`` also works). ``/graph/{key}`` gives one source
document's named graph; ``/ontology`` the TBox (``https://w3id.org/geokg/ontology``);
``/.well-known/void`` the VoID description (counts, licence, sources, the owl:sameAs linkset to
Wikidata).

>>> local_href("https://w3id.org/geokg/id/state/UZB", "https://w3id.org/geokg/")
'/id/state/UZB'
>>> local_href("https://w3id.org/geokg/ontology#State", "https://w3id.org/geokg/")
'/ontology#State'
>>> local_href("javascript:alert(1)", "https://w3id.org/geokg/") is None
True
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.templating import Jinja2Templates
from starlette.responses import RedirectResponse, Response

from kg.namespaces import GK_IRI, ONTOLOGY_IRI, PREFIXES
from kg.summaries import DERIVED_GRAPHS
from kg.server.api import rows
from kg.server.app import HERE, error_response, reply_response
from kg.server.formats import GRAPH_FORMATS, from_param, negotiate

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescapes every value in .html
_SAFE_PATH = re.compile(r"^[A-Za-z0-9._~!$&'()*+,;=:@%/-]+$")
WIKIDATA = "http://www.wikidata.org/entity/"
VOID = "http://rdfs.org/ns/void#"
DCT = "http://purl.org/dc/terms/"
FOAF = "http://xmlns.com/foaf/0.1/"
DATA_LICENSE = "https://www.apache.org/licenses/LICENSE-2.0"  # the project's licence (pyproject.toml)


def local_href(iri: str, base: str) -> str | None:
    """Where a browser on this server should go for ``iri``; None when it is not a web link."""
    if iri.startswith(base + "id/"):
        return "/" + iri[len(base):]
    if iri.startswith(base + "graph/"):
        return "/" + iri[len(base):]
    if iri == ONTOLOGY_IRI or iri.startswith(GK_IRI):
        return "/ontology" + iri[len(ONTOLOGY_IRI):]
    return iri if iri.startswith(("http://", "https://")) else None


def short(iri: str) -> str:
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and re.fullmatch(r"[\w.-]+", iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _fmt(request: Request, *, html: bool = True) -> str | None:
    named = request.query_params.get("format")
    if named:
        return "html" if named == "html" and html else from_param(named, GRAPH_FORMATS)
    return negotiate(request.headers.get("accept"), GRAPH_FORMATS, html=html, default="turtle")


@router.api_route("/id/{path:path}", methods=["GET", "HEAD"])
async def thing(path: str, request: Request) -> Response:
    # the thing is not a document: send the client to the document that describes it
    suffix = f"?{request.url.query}" if request.url.query else ""
    return RedirectResponse(f"/doc/{path}{suffix}", status_code=303, headers={"Vary": "Accept"})


@router.api_route("/doc/{path:path}", methods=["GET", "HEAD"])
async def document(path: str, request: Request) -> Response:
    config = request.app.state.config
    iri = _iri(f"{config.base}id/{path}") if _SAFE_PATH.match(path) else None
    if iri is None:
        return error_response(404, "E708", f"/id/{path} is not an IRI path of this graph")
    return await describe(request, iri, f"/id/{path}")


def _iri(text: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(text)
    except ValueError:  # e.g. a stray % escape
        return None


# what the sources and the ontology state, not the alignment sums derived from them (kg.summaries), whose
# hundreds of facts per state would crowd a state's page out
_STATED = f"FILTER(?g NOT IN ({', '.join(str(g) for g in DERIVED_GRAPHS)}))"


async def describe(request: Request, iri: ox.NamedNode, thing_path: str) -> Response:
    fmt = _fmt(request)
    if fmt is None:
        return error_response(406, "E706", "ask for text/html, text/turtle, application/ld+json, "
                                           "application/n-triples or application/rdf+xml")
    pool, config = request.app.state.pool, request.app.state.config
    headers = {"Vary": "Accept", "Link": f'<{iri.value}>; rel="describes"'}
    if fmt != "html":
        known = await pool.run({"kind": "sparql", "check": False, "results": "json",
                                "query": f"ASK {{ GRAPH ?g {{ {{ {iri} ?p ?o }} UNION {{ ?s ?q {iri} }} }} {_STATED} }}"})
        if known[0] != "ok":
            return reply_response(known)
        if not json.loads(known[1])["boolean"]:
            return error_response(404, "E708", f"nothing is known about {iri.value}; search at /")
        query = (f"CONSTRUCT {{ {iri} ?p ?o . ?s ?q {iri} }} WHERE {{ GRAPH ?g {{ {{ {iri} ?p ?o }} UNION {{ ?s ?q {iri} }} }} "
                 f"{_STATED} }}")
        reply = await pool.run({"kind": "sparql", "query": query, "check": False, "graph": fmt,
                                "max_rows": config.max_rows})
        return reply_response(reply, headers=headers)
    # HTML: every statement about the thing (out and in), with the other end's label or sentence
    query = f"""SELECT DISTINCT ?dir ?p ?o ?label WHERE {{
      GRAPH ?g {{ {{ {iri} ?p ?o . BIND("out" AS ?dir) }} UNION {{ ?o ?p {iri} . BIND("in" AS ?dir) }} }} {_STATED}
      OPTIONAL {{ ?o <{PREFIXES['rdfs']}label>|<{GK_IRI}sentence> ?label }}
    }} ORDER BY ?dir ?p ?o LIMIT {config.max_rows}"""
    reply = await pool.run({"kind": "sparql", "query": query, "check": False, "results": "json",
                            "max_rows": config.max_rows})
    if reply[0] != "ok":
        return reply_response(reply)
    data = json.loads(reply[1])["results"]["bindings"]
    if not data:
        return error_response(404, "E708", f"nothing is known about {iri.value}; search at /")
    out, inbound, labels, seen = [], [], [], set()
    for b in data:
        key = (b["dir"]["value"], b["p"]["value"], b["o"]["value"], b["o"].get("datatype"), b["o"].get("xml:lang"))
        if key in seen:
            continue  # a second label of the same value
        seen.add(key)
        item = {"p": b["p"]["value"], "p_short": short(b["p"]["value"]),
                "p_href": local_href(b["p"]["value"], config.base), "o": _value(b["o"], b.get("label"), config.base)}
        (out if b["dir"]["value"] == "out" else inbound).append(item)
        if item["p"] == PREFIXES["rdfs"] + "label" and b["dir"]["value"] == "out":
            labels.append(b["o"]["value"])
    return templates.TemplateResponse(request, "resource.html", {
        "iri": iri.value, "title": labels[0] if labels else short(iri.value), "out": out, "inbound": inbound,
        "thing_path": thing_path, "doc_path": "/doc/" + thing_path[len("/id/"):] if thing_path.startswith("/id/")
        else thing_path}, headers=headers)


def _value(term: dict, label: dict | None, base: str) -> dict:
    if term["type"] == "uri":
        return {"kind": "iri", "text": label["value"] if label else short(term["value"]),
                "href": local_href(term["value"], base), "iri": term["value"]}
    if term["type"] == "bnode":
        return {"kind": "bnode", "text": "_:" + term["value"]}
    dt = term.get("datatype", "")
    href = term["value"] if dt.endswith("#anyURI") and term["value"].startswith(("http://", "https://")) else None
    return {"kind": "literal", "text": term["value"], "lang": term.get("xml:lang"),
            "datatype": short(dt) if dt else None, "href": href}


@router.get("/graph/{key}")
async def named_graph(key: str, request: Request) -> Response:
    """A source document's named graph (its facts, as one unit of provenance)."""
    config = request.app.state.config
    graph = _iri(f"{config.base}graph/{key}") if _SAFE_PATH.match(key) else None
    if graph is None:
        return error_response(404, "E708", "not a graph of this store")
    fmt = _fmt(request, html=False)
    if fmt is None:
        return error_response(406, "E706", "ask for text/turtle, application/ld+json, application/n-triples or "
                                           "application/rdf+xml")
    known = await request.app.state.pool.run({"kind": "sparql", "check": False, "results": "json",
                                              "query": f"ASK {{ GRAPH {graph} {{ ?s ?p ?o }} }}"})
    if known[0] != "ok":
        return reply_response(known)
    if not json.loads(known[1])["boolean"]:
        return error_response(404, "E708", f"no graph {graph.value} in this store")
    reply = await request.app.state.pool.run({"kind": "sparql", "check": False, "graph": fmt,
                                              "max_rows": config.max_rows,
                                              "query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"})
    return reply_response(reply, headers={"Vary": "Accept"})


@lru_cache(maxsize=1)
def _ontology_triples() -> list:
    from kg.ontology import source_path

    return list(ox.parse(path=str(source_path()), format=ox.RdfFormat.TURTLE))


@router.get("/ontology")
async def ontology(request: Request) -> Response:
    """The TBox at its IRI (a hash namespace: the terms are fragments of this one document)."""
    from kg.ontology import release_path, source_path

    fmt = _fmt(request)
    headers = {"Vary": "Accept"}
    if fmt is None:
        return error_response(406, "E706", "ask for text/html, text/turtle, application/rdf+xml, "
                                           "application/ld+json or application/n-triples")
    if fmt == "turtle":
        return Response(source_path().read_bytes(), media_type="text/turtle; charset=utf-8", headers=headers)
    if fmt == "rdfxml":
        return Response(release_path().read_bytes(), media_type="application/rdf+xml", headers=headers)
    triples = _ontology_triples()
    if fmt != "html":
        return Response(ox.serialize(triples, format=GRAPH_FORMATS[fmt].oxigraph),
                        media_type=GRAPH_FORMATS[fmt].media_type, headers=headers)
    terms: dict[str, dict] = {}
    for t in triples:
        s = t.subject.value if isinstance(t.subject, ox.NamedNode) else None
        if not s or not s.startswith(GK_IRI):
            continue
        term = terms.setdefault(s, {"name": s[len(GK_IRI):], "types": [], "label": "", "comment": "", "super": []})
        p = t.predicate.value
        if p == PREFIXES["rdf"] + "type":
            term["types"].append(short(t.object.value))
        elif p == PREFIXES["rdfs"] + "label":
            term["label"] = t.object.value
        elif p == PREFIXES["rdfs"] + "comment":
            term["comment"] = t.object.value
        elif p in (PREFIXES["rdfs"] + "subClassOf", PREFIXES["rdfs"] + "subPropertyOf") \
                and isinstance(t.object, ox.NamedNode):
            term["super"].append({"text": short(t.object.value),
                                  "href": local_href(t.object.value, request.app.state.config.base)})
    ordered = sorted(terms.values(), key=lambda t: ("owl:Class" not in t["types"], t["name"].lower()))
    return templates.TemplateResponse(request, "ontology.html", {"iri": ONTOLOGY_IRI, "terms": ordered,
                                                                 "title": "geokg ontology"}, headers=headers)


def _void_query(base: str) -> str:
    gk, owl = GK_IRI, PREFIXES["owl"]
    return f"""SELECT * WHERE {{
  {{ SELECT (COUNT(*) AS ?triples) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ ?s ?p ?o }} }} }}
  {{ SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?p) AS ?properties)
            (COUNT(DISTINCT ?o) AS ?objects) WHERE {{ ?s ?p ?o }} }}
  {{ SELECT (COUNT(DISTINCT ?c) AS ?classes) WHERE {{ ?x a ?c }} }}
  {{ SELECT (COUNT(DISTINCT ?e) AS ?entities) WHERE {{ ?e a ?k FILTER(STRSTARTS(STR(?e), "{base}id/")) }} }}
  {{ SELECT (COUNT(DISTINCT ?d) AS ?documents) WHERE {{ ?d a <{gk}Document> }} }}
  {{ SELECT (COUNT(*) AS ?links) WHERE {{ SELECT DISTINCT ?x ?w WHERE {{
       ?x <{owl}sameAs> ?w FILTER(STRSTARTS(STR(?w), "{WIKIDATA}")) }} }} }}
  OPTIONAL {{ SELECT (MIN(?st) AS ?example) WHERE {{ ?st a <{gk}State> }} }}
}}"""


def _sources_query() -> str:
    gk = GK_IRI
    return f"""SELECT DISTINCT ?doc ?url ?title ?license WHERE {{ ?doc a <{gk}Document> .
      OPTIONAL {{ ?doc <{gk}url> ?url }} OPTIONAL {{ ?doc <{gk}title> ?title }}
      OPTIONAL {{ ?doc <{gk}license> ?license }} }} ORDER BY ?doc"""


@router.get("/.well-known/void")
async def void(request: Request) -> Response:
    config, pool = request.app.state.config, request.app.state.pool
    fmt = _fmt(request)
    if fmt is None:
        return error_response(406, "E706", "ask for text/turtle, application/ld+json, application/n-triples or "
                                           "application/rdf+xml")
    counts = await pool.run({"kind": "sparql", "query": _void_query(config.base), "check": False,
                             "results": "json", "max_rows": 10})
    sources = await pool.run({"kind": "sparql", "query": _sources_query(), "check": False, "results": "json",
                              "max_rows": config.max_rows})
    for reply in (counts, sources):
        if reply[0] != "ok":
            return reply_response(reply)
    here = str(request.base_url)
    triples = void_triples(rows(counts[1])[0], rows(sources[1]), base=config.base, here=here)
    if fmt == "html":
        text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_VOID_PREFIXES).decode()
        return templates.TemplateResponse(request, "text.html", {"title": "VoID description", "text": text,
                                                                 "iri": here + ".well-known/void"})
    f = GRAPH_FORMATS[fmt]
    return Response(ox.serialize(triples, format=f.oxigraph, prefixes=_VOID_PREFIXES if f.prefixes else None),
                    media_type=f.media_type, headers={"Vary": "Accept"})


_VOID_PREFIXES = {"void": VOID, "dcterms": DCT, "foaf": FOAF, "owl": PREFIXES["owl"], "xsd": PREFIXES["xsd"]}


def void_triples(counts: dict, sources: list[dict], *, base: str, here: str) -> list:
    """The VoID description: the dataset, its counts, licence, sources, and the Wikidata linkset."""
    N, L = ox.NamedNode, ox.Literal
    a = N(PREFIXES["rdf"] + "type")
    ds, links, wd = N(here + ".well-known/void#geokg"), N(here + ".well-known/void#wikidata-links"), \
        N(here + ".well-known/void#wikidata")
    integer = N(PREFIXES["xsd"] + "integer")
    out = [ox.Triple(ds, a, N(VOID + "Dataset")),
           ox.Triple(ds, N(DCT + "title"), L("geokg: a knowledge graph of geopolitics from the news", language="en")),
           ox.Triple(ds, N(DCT + "description"), L("States, leaders, organisations, bases, agreements, events "
                                                   "(PLOVER) and alignment statements read from news articles, "
                                                   "each with its evidence sentence and source.", language="en")),
           ox.Triple(ds, N(DCT + "license"), N(DATA_LICENSE)),
           ox.Triple(ds, N(VOID + "sparqlEndpoint"), N(here + "sparql")),
           ox.Triple(ds, N(VOID + "uriSpace"), L(base + "id/")),
           ox.Triple(ds, N(VOID + "vocabulary"), N(ONTOLOGY_IRI)),
           ox.Triple(ds, N(VOID + "feature"), N("http://www.w3.org/ns/formats/Turtle")),
           ox.Triple(ds, N(VOID + "feature"), N("http://www.w3.org/ns/formats/JSON-LD")),
           ox.Triple(ds, N(VOID + "subset"), links)]
    for key, prop in (("triples", "triples"), ("entities", "entities"), ("classes", "classes"),
                      ("properties", "properties"), ("subjects", "distinctSubjects"),
                      ("objects", "distinctObjects"), ("documents", "documents")):
        out.append(ox.Triple(ds, N(VOID + prop), L(str(counts.get(key) or 0), datatype=integer)))
    if counts.get("example"):
        out.append(ox.Triple(ds, N(VOID + "exampleResource"), N(counts["example"])))
    for s in sources:
        src = N(s["url"]) if s.get("url") and re.match(r"^https?://[^\s<>\"{}|\\^`]+$", s["url"]) else N(s["doc"])
        out.append(ox.Triple(ds, N(DCT + "source"), src))
        if s.get("title"):
            out.append(ox.Triple(src, N(DCT + "title"), L(s["title"])))
        if s.get("license"):
            out.append(ox.Triple(src, N(DCT + "rights"), L(s["license"])))
    out += [ox.Triple(links, a, N(VOID + "Linkset")),
            ox.Triple(links, N(VOID + "linkPredicate"), N(PREFIXES["owl"] + "sameAs")),
            ox.Triple(links, N(VOID + "subjectsTarget"), ds),
            ox.Triple(links, N(VOID + "objectsTarget"), wd),
            ox.Triple(links, N(VOID + "triples"), L(str(counts.get("links") or 0), datatype=integer)),
            ox.Triple(wd, a, N(VOID + "Dataset")),
            ox.Triple(wd, N(FOAF + "homepage"), N("https://www.wikidata.org/")),
            ox.Triple(wd, N(VOID + "uriSpace"), L(WIKIDATA)),
            ox.Triple(wd, N(VOID + "sparqlEndpoint"), N("https://query.wikidata.org/sparql"))]
    return out
