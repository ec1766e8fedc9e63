"""The HTTP server, started for real (`kg serve` on a free loopback port) and asked by real clients:
SPARQLWrapper, rdflib's SPARQLStore, httpx. One server for the module (starting one costs seconds)."""
from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.dom.minidom import Document as XmlDocument

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, TURTLE, XML, SPARQLWrapper

from kg import queries
from kg.server.api import rows
from kg.store import Store
from kg.descriptions import share_descriptions
from kg import summaries

FIXTURES = Path(__file__).parent / "fixtures"
BASE = "https://example.org/"
GK = "https://w3id.org/geokg/ontology#"
EVIL = '<script>window.kgPwned=1</script><img src=x onerror="window.kgPwned=1">'
# a state whose label and evidence are markup, as hostile news text could make them
EVIL_TRIG = f"""
@prefix gk: <{GK}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{BASE}graph/evil> {{
  <{BASE}id/document/evil> a gk:Document ; rdfs:label "evil.txt" ; gk:sourceName "evil.txt" ;
    gk:url "javascript:alert(5)"^^xsd:anyURI ; gk:published "2005-09-01"^^xsd:date .
  <{BASE}id/state/EVL> a gk:State ; rdfs:label {json.dumps(EVIL)} ; gk:iso3 "EVL" ;
    gk:mentionedIn <{BASE}id/document/evil> .
  <{BASE}id/state/UZB> a gk:State ; rdfs:label "Uzbekistan" ; gk:mentionedIn <{BASE}id/document/evil> .
  <{BASE}id/event/evil-1> a gk:Event, gk:Threaten ; rdfs:label {json.dumps("threat " + EVIL)} ;
    gk:actor <{BASE}id/state/UZB> ; gk:target <{BASE}id/state/EVL> ;
    gk:date "2005-09"^^xsd:gYearMonth ; gk:datePrecision "month" ; gk:evidence <{BASE}id/evidence/evil-1> .
  <{BASE}id/evidence/evil-1> a gk:Evidence ; gk:sentence {json.dumps("Tashkent warned " + EVIL)} ;
    gk:startOffset 0 ; gk:endOffset 10 ; gk:confidence 0.5 ; gk:inDocument <{BASE}id/document/evil> .
}}
"""
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
TIMEOUT = 3.0
MAX_ROWS = 50


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_store(path: Path) -> Path:
    """The fixture graphs (and the hostile one) in an on-disk store at ``path``."""
    store = Store(path)
    store.ensure_ontology()
    for name in ("graph.trig", "catalogue.trig"):
        store.oxigraph.load(path=str(FIXTURES / name), format=ox.RdfFormat.TRIG)
    store.oxigraph.load(EVIL_TRIG.encode(), format=ox.RdfFormat.TRIG)
    share_descriptions(store.oxigraph)  # as kg writes them: each entity described once
    summaries.rebuild(store.oxigraph)  # and the alignment sums
    store.flush()
    del store
    return path


class RunningServer:
    """`kg serve` in a child process on a free loopback port; stopped by ``stop()``."""

    def __init__(self, store: Path, *, timeout: float = TIMEOUT, max_rows: int = MAX_ROWS, workers: int = 2,
                 max_waiting: int | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--base", BASE, "--host", "127.0.0.1",
             "--port", str(self.port), "--timeout", str(timeout), "--max-rows", str(max_rows),
             "--workers", str(workers), *(["--max-waiting", str(max_waiting)] if max_waiting is not None else [])],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"kg serve exited: {self.process.stdout.read()}")
            try:
                if httpx.get(self.url + "/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("kg serve did not answer within 90 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("served") / "store")


@pytest.fixture(scope="module")
def server(store_dir):
    s = RunningServer(store_dir)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def client(server):
    with httpx.Client(base_url=server.url, timeout=30) as c:
        yield c


def wrapper(server, query: str, fmt=JSON, method=None) -> SPARQLWrapper:
    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method:
        sw.setMethod(method)
    return sw


def triple_count(client) -> int:
    r = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"},
                   headers={"Accept": "application/sparql-results+json"})
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


# --- SPARQL protocol with real clients

def test_sparqlwrapper_select_json(server):
    res = wrapper(server, f"SELECT ?s WHERE {{ ?s <{GK}iso3> \"UZB\" }}").query().convert()
    assert {b["s"]["value"] for b in res["results"]["bindings"]} == {BASE + "id/state/UZB"}


def test_sparqlwrapper_select_xml_is_the_default(server):
    sw = SPARQLWrapper(server.url + "/sparql")
    sw.setQuery(f"SELECT DISTINCT ?label WHERE {{ <{BASE}id/state/RUS> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}")
    doc = sw.query().convert()
    assert isinstance(doc, XmlDocument)
    assert [n.firstChild.data for n in doc.getElementsByTagName("literal")] == ["Russia"]
    wrapper(server, "ASK { ?s ?p ?o }", fmt=XML).query().convert()  # XML asked for explicitly works too


def test_sparqlwrapper_ask(server):
    assert wrapper(server, f"ASK {{ <{BASE}id/state/UZB> ?p ?o }}").query().convert()["boolean"] is True
    assert wrapper(server, f"ASK {{ <{BASE}id/state/NOPE> ?p ?o }}").query().convert()["boolean"] is False


def test_sparqlwrapper_construct_turtle(server):
    q = f"CONSTRUCT {{ ?s a <{GK}State> }} WHERE {{ ?s a <{GK}State> }}"
    body = wrapper(server, q, fmt=TURTLE).query().convert()
    g = rdflib.Graph().parse(data=body, format="turtle")
    assert (rdflib.URIRef(BASE + "id/state/UZB"), rdflib.RDF.type, rdflib.URIRef(GK + "State")) in g


def test_sparqlwrapper_post(server):
    res = wrapper(server, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{GK}State> }}", method=POST).query().convert()
    assert int(res["results"]["bindings"][0]["n"]["value"]) >= 4


def test_rdflib_sparqlstore(server):
    g = rdflib.Graph(store=SPARQLStore(server.url + "/sparql"))
    rows = list(g.query(f"SELECT ?s WHERE {{ ?s <{GK}iso3> ?code }} ORDER BY ?s"))
    assert rdflib.URIRef(BASE + "id/state/RUS") in [r[0] for r in rows]


@pytest.mark.parametrize("accept,check", [
    ("text/csv", lambda t: t.splitlines()[0].strip() == "s"),
    ("text/tab-separated-values", lambda t: t.splitlines()[0].strip() == "?s"),
    ("application/sparql-results+xml", lambda t: "<sparql" in t),
])
def test_select_content_negotiation(client, accept, check):
    r = client.get("/sparql", params={"query": f"SELECT ?s WHERE {{ ?s <{GK}iso3> \"UZB\" }}"},
                   headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    assert check(r.text) and "UZB" in r.text


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                        ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")])
def test_construct_content_negotiation(client, accept, fmt):
    r = client.post("/sparql", content=f"DESCRIBE <{BASE}id/state/RUS>",
                    headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    g = rdflib.Graph().parse(data=r.text, format=fmt)
    assert (rdflib.URIRef(BASE + "id/state/RUS"), rdflib.RDFS.label, rdflib.Literal("Russia")) in g


def test_format_parameter_wins_over_accept(client):
    r = client.get("/sparql", params={"query": "ASK {}", "format": "json"}, headers={"Accept": "text/csv"})
    assert r.json() == {"head": {}, "boolean": True}


# --- read-only and no outgoing requests

@pytest.mark.parametrize("how", ["update-form", "update-in-query-get", "update-in-query-post", "sparql-update",
                                 "load"])
def test_updates_refused_and_store_unchanged(client, how):
    before = triple_count(client)
    insert = f"INSERT DATA {{ GRAPH <{BASE}graph/x> {{ <{BASE}id/state/X> a <{GK}State> }} }}"
    if how == "update-form":
        r = client.post("/sparql", data={"update": insert})
    elif how == "update-in-query-get":
        r = client.get("/sparql", params={"query": "DELETE WHERE { ?s ?p ?o }"})
    elif how == "update-in-query-post":
        r = client.post("/sparql", content=insert, headers={"Content-Type": "application/sparql-query"})
    elif how == "sparql-update":
        r = client.post("/sparql", content=insert, headers={"Content-Type": "application/sparql-update"})
    else:
        r = client.post("/sparql", data={"query": "LOAD <file:///etc/hostname> INTO GRAPH <http://x/>"})
    assert r.status_code == 403 and "[E702]" in r.text
    assert triple_count(client) == before
    ask = client.get("/sparql", params={"query": f"ASK {{ <{BASE}id/state/X> ?p ?o }}"})
    assert ask.json()["boolean"] is False


@pytest.fixture(scope="module")
def listener():
    """A loopback HTTP server counting requests: a refused SERVICE or FROM must never reach it."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/turtle")
            self.end_headers()
            self.wfile.write(b"<http://a/> <http://a/> <http://a/> .")

        do_POST = do_GET

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/", hits
    httpd.shutdown()


@pytest.mark.parametrize("template,code", [
    ("SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}", "E703"),
    ("SELECT * WHERE {{ ?x ?y ?z OPTIONAL {{ SERVICE SILENT <{url}s> {{ ?s ?p ?o }} }} }}", "E703"),
    # a graph pattern hides in expressions too: the check reads the query as written, not rdflib's rewrite
    ("SELECT * WHERE {{ ?a ?b ?c FILTER EXISTS {{ SERVICE <{url}x> {{ ?s ?p ?o }} }} }} LIMIT 50", "E703"),
    ("SELECT * WHERE {{ ?a ?b ?c FILTER NOT EXISTS {{ SERVICE <{url}x> {{ ?s ?p ?o }} }} }}", "E703"),
    ("ASK {{ FILTER EXISTS {{ SERVICE <{url}x> {{ ?s ?p ?o }} }} }}", "E703"),
    ("CONSTRUCT {{ ?a ?b ?c }} WHERE {{ ?a ?b ?c FILTER EXISTS {{ SERVICE SILENT <{url}x> {{ ?s ?p ?o }} }} }}", "E703"),
    ("SELECT ?x WHERE {{ BIND(EXISTS {{ SERVICE <{url}x> {{ ?s ?p ?o }} }} AS ?x) }}", "E703"),
    ("SELECT ?a WHERE {{ ?a ?b ?c }} GROUP BY ?a HAVING (EXISTS {{ SERVICE <{url}x> {{ ?s ?p ?o }} }})", "E703"),
    ("SELECT * WHERE {{ ?a ?b ?c }} ORDER BY (NOT EXISTS {{ SERVICE <{url}x> {{ ?s ?p ?o }} }})", "E703"),
    ("SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}x> {{ ?s ?p ?o }} }} }} }}", "E703"),
    ("SELECT * WHERE {{ ?a <{url}p>/<{url}q> ?c MINUS {{ SERVICE <{url}x> {{ ?s ?p ?o }} }} }}", "E703"),
    ("SELECT * FROM <{url}data.ttl> WHERE {{ ?s ?p ?o }}", "E704"),
    ("SELECT * FROM NAMED <{url}data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", "E704"),
    ("SELECT * FROM <file:///etc/passwd> WHERE {{ ?s ?p ?o }}", "E704"),
])
def test_service_and_remote_datasets_refused_before_any_request(client, listener, template, code):
    url, hits = listener
    r = client.get("/sparql", params={"query": template.format(url=url)})
    assert r.status_code == 403 and f"[{code}]" in r.text
    assert hits == []


def test_from_a_graph_of_the_store_is_allowed(client):
    r = client.get("/sparql", params={"query": f"SELECT ?s FROM <{BASE}graph/d2> WHERE {{ ?s <{GK}mentionedIn> ?d }}"},
                   headers={"Accept": "application/sparql-results+json"})
    found = {b["s"]["value"] for b in r.json()["results"]["bindings"]}
    assert BASE + "id/state/RUS" in found and BASE + "id/state/EVL" not in found


def test_from_named_a_graph_of_the_store_is_allowed(client):
    r = client.get("/sparql", params={"query": f"SELECT ?g ?s FROM NAMED <{BASE}graph/d2> "
                                               f"WHERE {{ GRAPH ?g {{ ?s <{GK}mentionedIn> ?d }} }}"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    rows = r.json()["results"]["bindings"]
    assert {b["g"]["value"] for b in rows} == {BASE + "graph/d2"}
    assert BASE + "id/state/RUS" in {b["s"]["value"] for b in rows}


def test_from_named_a_missing_graph_names_that_graph(client):
    r = client.get("/sparql", params={"query": f"SELECT * FROM <{BASE}graph/d2> FROM NAMED <{BASE}graph/nope> "
                                               "WHERE { GRAPH ?g { ?s ?p ?o } }"})
    assert r.status_code == 403 and r.text.startswith(f"[E704] FROM/FROM NAMED graph {BASE}graph/nope is not")


def test_malformed_query_is_a_400_with_a_code(client):
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p"})
    assert r.status_code == 400 and r.text.startswith("[E701]")
    assert client.get("/sparql").status_code == 400


# --- deadline and row cap

def test_timeout_stops_the_query_while_others_keep_answering(client, server):
    def slow():
        r = httpx.get(server.url + "/sparql", params={"query": SLOW}, timeout=60)
        return r, time.monotonic()

    with ThreadPoolExecutor(1) as pool:
        started = time.monotonic()
        future = pool.submit(slow)
        time.sleep(0.5)  # let the slow query reach a worker
        quick = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
        quick_done = time.monotonic()
        assert quick.status_code == 200 and not future.done(), "the simple query waited for the slow one"
        slow_response, slow_done = future.result(timeout=60)
    assert quick_done < slow_done
    assert slow_response.status_code == 503 and "[E705]" in slow_response.text
    assert slow_done - started >= TIMEOUT * 0.9  # stopped at the deadline, not refused up front
    # the killed worker was replaced: the pool still answers on both workers
    for _ in range(4):
        assert client.get("/sparql", params={"query": "ASK {}"}).status_code == 200


def test_row_cap_is_said_not_silent(client):
    r = client.get("/sparql", params={"query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"},
                   headers={"Accept": "application/sparql-results+json"})
    assert r.status_code == 200
    assert len(r.json()["results"]["bindings"]) == MAX_ROWS
    assert r.headers["X-Kg-Truncated"] == str(MAX_ROWS) and "cut" in r.headers["Warning"]
    small = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 3"})
    assert "X-Kg-Truncated" not in small.headers


# --- stored queries over HTTP

@pytest.mark.parametrize("name,params", [("timeline", {"state": "UZB"}), ("alignmentTrend", {"state": "Uzbekistan"}),
                                         ("timeline", {"state": "Q265", "from": "2005-06"}), ("entities", {})])
def test_api_rows_equal_kg_query(client, store_dir, name, params):
    r = client.get(f"/api/{name}", params=params)
    assert r.status_code == 200, r.text
    data = r.json()
    got = [{v: (b[v]["value"] if v in b else None) for v in data["head"]["vars"]} for b in data["results"]["bindings"]]
    expected = queries.run(name, params, store=Store(store_dir, read_only=True)).rows
    assert got == expected and got


def test_api_errors_say_how_to_fix(client):
    r = client.get("/api/timeline")
    assert r.status_code == 400 and "[E403]" in r.text and "state" in r.text
    assert client.get("/api/timeline", params={"state": "Atlantis"}).status_code == 400
    assert client.get("/api/noSuchQuery").status_code == 404


def test_api_csv(client):
    r = client.get("/api/alignmentTrend", params={"state": "UZB"}, headers={"Accept": "text/csv"})
    assert r.text.splitlines()[0].strip().startswith("other,otherLabel")


def test_a_listing_answers_pages_linked_by_a_next_header(client):
    every = rows(client.get("/api/events", params={"limit": "all"}).content)
    assert len(every) > 3
    got, url, pages = [], "/api/events?limit=2", 0
    while url:
        r = client.get(url)
        assert r.status_code == 200 and "X-Kg-Truncated" not in r.headers  # a page is not a cut
        got += rows(r.content)
        pages += 1
        link = r.headers.get("Link")
        url = link.split(">")[0].lstrip("<") if link else None
        assert link is None or link.endswith('rel="next"')
    assert got == every and pages == (len(every) + 1) // 2  # each row once, in order, no empty last page
    assert client.get("/api/events", params={"limit": "0"}).status_code == 400


def test_openapi_lists_every_stored_query_with_its_parameters(client):
    spec = client.get("/api/openapi.json").json()
    for name in queries.catalogue():
        op = spec["paths"][f"/api/{name}"]["get"]
        assert op["summary"] == queries.load(name).summary
        assert [p["name"] for p in op.get("parameters", [])] == [p.name for p in queries.load(name).params] + [
            "limit", "offset"]  # every query pages
    timeline = {p["name"]: p for p in spec["paths"]["/api/timeline"]["get"]["parameters"]}
    assert timeline["state"]["required"] is True and timeline["from"]["required"] is False
    assert client.get("/api/queries").json()[0]["example"]


# --- Linked Data

def test_thing_303_to_its_description(client):
    r = client.get("/id/state/UZB", headers={"Accept": "text/turtle"})
    assert r.status_code == 303 and r.headers["location"] == "/doc/state/UZB"
    head = client.head("/doc/state/UZB", headers={"Accept": "text/turtle"})
    assert head.status_code == 200 and head.headers["content-type"].startswith("text/turtle") and not head.content


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                        ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_entity_dereferences_with_content_negotiation(client, accept, fmt):
    r = client.get("/id/state/UZB", headers={"Accept": accept}, follow_redirects=True)
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    g = rdflib.Graph().parse(data=r.text, format=fmt)
    uzb = rdflib.URIRef(BASE + "id/state/UZB")
    assert (uzb, rdflib.OWL.sameAs, rdflib.URIRef("http://www.wikidata.org/entity/Q265")) in g
    assert (rdflib.URIRef(BASE + "id/event/d1-evict"), rdflib.URIRef(GK + "actor"), uzb) in g  # inbound too


def test_entity_html_for_browsers_links_locally(client):
    r = client.get("/id/event/d1-evict", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"},
                   follow_redirects=True)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'href="/id/state/UZB"' in r.text and 'href="/id/evidence/d1-1"' in r.text
    assert "The Uzbek government delivered a note" in r.text  # the evidence sentence, as the link text


def test_html_escapes_every_literal(client):
    for path in ("/doc/state/EVL", "/doc/event/evil-1", "/doc/evidence/evil-1"):
        r = client.get(path, headers={"Accept": "text/html"})
        assert r.status_code == 200
        assert "<script>window.kgPwned" not in r.text and "<img src=x" not in r.text
        assert "&lt;script&gt;window.kgPwned=1&lt;/script&gt;" in r.text


def test_unknown_entity_is_404(client):
    for accept in ("text/html", "text/turtle"):
        r = client.get("/id/state/NOPE", headers={"Accept": accept}, follow_redirects=True)
        assert r.status_code == 404 and "[E708]" in r.text


def test_named_graph_of_a_document(client):
    r = client.get("/graph/evil", headers={"Accept": "text/turtle"})
    assert "X-Kg-Truncated" not in r.headers
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    assert (rdflib.URIRef(BASE + "id/state/EVL"), rdflib.URIRef(GK + "mentionedIn"),
            rdflib.URIRef(BASE + "id/document/evil")) in g
    assert (rdflib.URIRef(BASE + "id/state/RUS"), None, None) not in g


def test_ontology_at_its_iri_path(client):
    g = rdflib.Graph().parse(data=client.get("/ontology", headers={"Accept": "text/turtle"}).text, format="turtle")
    assert (rdflib.URIRef(GK + "State"), rdflib.RDF.type, rdflib.OWL.Class) in g
    xml = client.get("/ontology", headers={"Accept": "application/rdf+xml"})
    assert xml.headers["content-type"].startswith("application/rdf+xml")
    html = client.get("/ontology", headers={"Accept": "text/html"}).text
    assert 'id="State"' in html


def test_void_description(client):
    r = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    g = rdflib.Graph().parse(data=r.text, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    ds = g.value(predicate=rdflib.RDF.type, object=void.Dataset, any=True)
    datasets = set(g.subjects(rdflib.RDF.type, void.Dataset))
    linkset = g.value(predicate=rdflib.RDF.type, object=void.Linkset)
    assert g.value(linkset, void.linkPredicate) == rdflib.OWL.sameAs
    main = g.value(linkset, void.subjectsTarget)
    assert main in datasets and ds is not None
    sameas = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?b WHERE { "
                                                    "?a <http://www.w3.org/2002/07/owl#sameAs> ?b } }"})
    assert int(g.value(linkset, void.triples)) == int(sameas.json()["results"]["bindings"][0]["n"]["value"]) > 0
    docs = client.get("/sparql", params={"query": f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?d a <{GK}Document> }}"})
    assert int(g.value(main, void.documents)) == int(docs.json()["results"]["bindings"][0]["n"]["value"]) > 2
    assert int(g.value(main, void.triples)) > 100
    assert g.value(main, rdflib.DCTERMS.license) is not None
    assert rdflib.URIRef("https://news.example/d1") in set(g.objects(main, rdflib.DCTERMS.source))
    assert g.value(main, void.sparqlEndpoint) == rdflib.URIRef(str(client.base_url) + "/sparql")


def test_cors_for_get(client):
    r = client.get("/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://elsewhere.example"})
    assert r.headers["access-control-allow-origin"] == "*"


def test_page_and_vendored_assets(client):
    page = client.get("/", headers={"Accept": "text/html"})
    assert page.status_code == 200 and 'id="timeline-chart"' in page.text
    for asset in ("/static/app.js", "/static/vendor/chart.umd.min.js", "/static/vendor/yasgui.min.js"):
        assert client.get(asset).status_code == 200, asset
    assert client.get("/sparql", headers={"Accept": "text/html"}).status_code == 303  # a person: the editor


@pytest.mark.parametrize("path", ["/doc/state/UZB%253E", "/doc/state/%2525zz", "/doc/state/a%20b", "/graph/%2525zz"])
def test_odd_paths_are_404_not_500(client, path):
    r = client.get(path, headers={"Accept": "text/turtle"})
    assert r.status_code == 404 and "[E708]" in r.text


def test_an_in_memory_store_is_served_from_an_on_disk_copy(fixture_store, tmp_path):
    from kg.server import materialize

    copy = Store(materialize(fixture_store, tmp_path / "copy"), read_only=True)
    assert len(copy) == len(fixture_store) > 0
    assert queries.run("timeline", {"state": "UZB"}, store=copy).rows == \
        queries.run("timeline", {"state": "UZB"}, store=fixture_store).rows


def test_serve_refuses_bad_options_and_missing_stores(tmp_path, capsys):
    from kg.cli import main

    assert main(["serve", "--store", str(tmp_path), "--timeout", "0"]) == 2
    assert "[E711]" in capsys.readouterr().err
    assert main(["serve", "--store", str(tmp_path / "none"), "--port", str(free_port())]) == 2
    assert "[E709]" in capsys.readouterr().err


def _service_from_a_fresh_process(url: str, cut: bool, out) -> None:
    import pyoxigraph as ox

    from kg.server.worker import _no_network

    if cut:
        out.put(("cut", _no_network()))
    try:
        list(ox.Store().query(f"SELECT * WHERE {{ SERVICE <{url}x> {{ ?s ?p ?o }} }}"))
        out.put(("ran", True))
    except Exception as exc:  # no route: the store reports the failed request
        out.put(("ran", type(exc).__name__))


@pytest.mark.parametrize("cut", [False, True])
def test_a_query_worker_has_no_network_even_if_a_query_got_past_the_check(listener, cut):
    import multiprocessing

    url, hits = listener
    before = len(hits)
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    p = ctx.Process(target=_service_from_a_fresh_process, args=(url, cut, out))
    p.start()
    p.join(60)
    said = dict(out.get(timeout=5) for _ in range(2 if cut else 1))
    if cut:
        assert said["cut"] is True and len(hits) == before  # the worker's own namespace: nothing left the process
    else:
        assert len(hits) > before  # the control: the same query from an ordinary process does reach out


@pytest.mark.parametrize("path", ["/", "/sparql?query=ASK%20%7B%7D", "/id/state/UZB", "/ontology", "/static/app.js"])
def test_every_answer_forbids_inline_script_framing_and_sniffing(client, path):
    r = client.get(path)
    csp = r.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and r.headers["X-Content-Type-Options"] == "nosniff"


# --- request size: refused on what is declared, never read whole

def _raw(server, head: bytes, chunks: int = 0, chunk: int = 1 << 20) -> bytes:
    """Send ``head``, then ``chunks`` chunks of a chunked body, and read the status line."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=60) as c:
        c.sendall(head)
        try:
            for _ in range(chunks):
                c.sendall(b"%x\r\n" % chunk + b"x" * chunk + b"\r\n")
        except OSError:  # the server may close once it has answered
            pass
        return c.recv(200)


def _peak_rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def test_a_declared_oversize_body_is_refused_before_it_is_sent(server):
    head = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 100000000\r\n\r\n")
    reply = _raw(server, head)  # not one byte of the body sent
    assert reply.startswith(b"HTTP/1.1 413")


def test_concurrent_oversize_streamed_bodies_do_not_grow_the_server(server):
    head = (b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n")
    before = _peak_rss_kib(server.process.pid)
    with ThreadPoolExecutor(15) as pool:
        replies = list(pool.map(lambda _: _raw(server, head, chunks=40), range(15)))  # 15 x 40 MB
    assert all(r.startswith(b"HTTP/1.1 413") for r in replies), replies[:2]
    grown_mib = (_peak_rss_kib(server.process.pid) - before) / 1024
    assert grown_mib < 200, f"the server grew {grown_mib:.0f} MiB reading bodies it refuses"


def test_a_one_megabyte_url_gets_414_not_a_reset(server):
    reply = _raw(server, b"GET /sparql?query=" + b"A" * 1_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 414")
    assert httpx.get(server.url + "/sparql", params={"query": "ASK {}"}).status_code == 200


# --- runaways cannot stall everyone

def test_cheap_queries_answer_while_runaways_hold_every_worker(store_dir):
    """Four copies of a runaway query on a two-worker server: a simple ASK still answers, each time, before
    any runaway ends (the quick lane), and runaways past the wait list are refused at once with Retry-After.
    (How fast the probe answers is measured in tests/bench/bench_server.py, not asserted here.)"""
    s = RunningServer(store_dir, timeout=10.0, workers=2, max_waiting=4)
    ex = ThreadPoolExecutor(20)

    def ask(query: str, timeout: float):
        try:
            return httpx.get(s.url + "/sparql", params={"query": query}, timeout=timeout)
        except httpx.TimeoutException:
            return None  # still waiting for a worker when the client gave up

    try:
        runaways = [ex.submit(ask, SLOW, 60) for _ in range(4)]
        time.sleep(0.5)  # let them reach the workers
        for _ in range(5):
            r = ask("ASK { ?s ?p ?o }", 30)
            assert r is not None and r.status_code == 200 and r.json()["boolean"] is True
        assert not any(f.done() for f in runaways), "the probes waited for the runaways"
        flood = [ex.submit(ask, f"{SLOW} # copy {i}", 3) for i in range(12)]
        refused = [r for r in (f.result() for f in flood) if r is not None and r.status_code == 503]
        assert refused and all("[E714]" in r.text and r.headers.get("Retry-After") for r in refused)
    finally:
        s.stop()
        ex.shutdown(wait=False, cancel_futures=True)


def test_serving_beyond_loopback_warns(store_dir):
    """`kg serve --host 0.0.0.0` says on stderr that the endpoint is now reachable from the network; the
    default loopback address does not."""
    port = free_port()
    p = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir), "--base", BASE,
                          "--host", "0.0.0.0", "--port", str(port), "--workers", "1"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "serving" in p.stdout.readline()
    finally:
        p.terminate()
        _, err = p.communicate(timeout=30)
    assert "[W715]" in err and "reachable from the network" in err
    s = RunningServer(store_dir, workers=1)  # 127.0.0.1
    s.stop()
    assert "[W715]" not in s.process.stdout.read()


def test_regular_workers_yield_the_cpu_to_the_quick_lane(store_dir):
    """Runaways burn every core they get: the regular workers run at a lower CPU priority than the quick lane
    (and the server), so a simple query in the lane is not starved of CPU while runaways run."""
    s = RunningServer(store_dir, workers=2)
    try:
        children = [c for t in Path(f"/proc/{s.process.pid}/task").iterdir() for c in (t / "children").read_text().split()]
        nices = sorted(int(Path(f"/proc/{c}/stat").read_text().rsplit(")", 1)[1].split()[16]) for c in children
                       if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes())  # not the resource tracker
    finally:
        s.stop()
    own = os.getpriority(os.PRIO_PROCESS, 0)
    assert nices[0] == own and nices[1:] == [own + 5, own + 5], nices  # the lane, then two regular workers


def _alive(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_a_killed_server_takes_its_workers_with_it(store_dir):
    """SIGKILL of `kg serve` while runaways run: its query workers end too, instead of computing on for ever."""
    s = RunningServer(store_dir, timeout=60.0, workers=2)
    ex = ThreadPoolExecutor(3)
    try:
        for _ in range(3):
            ex.submit(httpx.get, s.url + "/sparql", params={"query": SLOW}, timeout=90)
        time.sleep(2.0)  # every worker, the quick lane included, is busy
        workers = [c for t in Path(f"/proc/{s.process.pid}/task").iterdir() for c in (t / "children").read_text().split()
                   if b"spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes()]
        assert len(workers) == 3 and all(_alive(w) for w in workers)
        s.process.kill()
        s.process.wait(10)
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(w) for w in workers)
    finally:
        s.stop()
        ex.shutdown(wait=False, cancel_futures=True)


# --- writes into a served store

def test_after_a_load_into_the_served_store_every_worker_answers_the_new_data(tmp_path):
    """`kg load` (the same writer as `kg ingest`) into the folder a server serves: RocksDB lets it in beside the
    read-only workers. Afterwards the same ASK, sent many times at once (so every worker and the quick lane
    answer some), is true every time, also after a worker was replaced on a deadline; a FROM of the new graph
    is allowed everywhere. Before the fix each worker kept the snapshot it opened, a replaced one saw the
    new data, and answers alternated."""
    from kg.rdf_input import loaded_graph

    store = build_store(tmp_path / "store")
    s = RunningServer(store, timeout=2.0, workers=2)
    ask = f"ASK {{ GRAPH ?g {{ <{BASE}id/state/NEW> ?p ?o }} }}"
    graph = loaded_graph("new.ttl", base=BASE).value

    def answers(query: str, n: int = 48) -> list:
        def one(_):
            r = httpx.get(s.url + "/sparql", params={"query": query}, timeout=30,
                          headers={"Accept": "application/sparql-results+json"})
            return r.json()["boolean"] if r.status_code == 200 else r.text[:6]
        with ThreadPoolExecutor(6) as ex:
            return list(ex.map(one, range(n)))

    try:
        assert set(answers(ask)) == {False}
        (tmp_path / "new.ttl").write_text(f'<{BASE}id/state/NEW> <{GK}iso3> "NEW" .\n')
        done = subprocess.run([sys.executable, "-m", "kg.cli", "load", "--store", str(store), "--base", BASE,
                               str(tmp_path / "new.ttl")], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert set(answers(ask)) == {True}
        slow = httpx.get(s.url + "/sparql", params={"query": SLOW}, timeout=30)
        assert slow.status_code == 503 and "[E705]" in slow.text  # a worker killed and replaced
        assert set(answers(ask)) == {True}
        assert set(answers(f"ASK FROM <{graph}> {{ ?s ?p ?o }}", 24)) == {True}
    finally:
        s.stop()
