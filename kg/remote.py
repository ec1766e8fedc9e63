"""An external SPARQL server: push the graph with the Graph Store Protocol, ask it the stored queries.

``push`` sends every named graph of the store (one per document, plus the ontology graph that the
queries read the PLOVER weights from) with a SPARQL 1.1 Graph Store Protocol ``PUT``, which
replaces that graph on the server, so pushing again is safe. ``RemoteStore`` answers
``query(sparql)`` like :class:`kg.store.Store`, through SPARQLWrapper, so ``kg.queries.run`` and
its entity lookups work unchanged against it. The server must treat the default graph as the union
of the named graphs, as the embedded store does (Oxigraph: ``oxigraph serve --union-default-graph``).

>>> RemoteStore("http://127.0.0.1:7878/query").endpoint
'http://127.0.0.1:7878/query'
>>> graph_url("http://127.0.0.1:7878/store", "https://w3id.org/geokg/graph/ab")
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fgeokg%2Fgraph%2Fab'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

import pyoxigraph as ox

from kg.errors import KgError

TIMEOUT = 60.0  # seconds per HTTP request; a big graph is sent one document graph at a time
_URL = re.compile(r"^https?://[^\s/]+(/\S*)?$")


def check_url(url: str, what: str) -> str:
    """The URL itself if it is an http(s) URL, else a numbered error saying what is expected."""
    if not _URL.match(url or ""):
        raise KgError("E901", f"{what} {url!r} is not an http(s) URL; e.g. http://127.0.0.1:7878/store for "
                              "Oxigraph's graph store, http://127.0.0.1:7878/query for its query endpoint")
    return url


def graph_url(store_url: str, graph: str) -> str:
    """The Graph Store Protocol URL of one named graph (indirect identification, ``?graph=``)."""
    return f"{store_url}{'&' if '?' in store_url else '?'}graph={quote(graph, safe='')}"


def query_form(sparql: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside comment lines.

    >>> query_form("# nothing is dropped\\nPREFIX a: <http://x/>\\nASK { ?s ?p ?o }")
    'ASK'
    """
    text = "\n".join(line for line in sparql.splitlines() if not line.lstrip().startswith("#"))
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", text, re.IGNORECASE)
    return m.group(1).upper() if m else "SELECT"


@dataclass
class PushReport:
    graphs: int = 0
    triples: int = 0


def push(store, store_url: str, *, timeout: float = TIMEOUT, progress: bool = False) -> PushReport:
    """PUT every named graph of ``store`` (a kg.store.Store) to the graph store at ``store_url``."""
    import httpx
    from tqdm import tqdm

    check_url(store_url, "graph store endpoint")
    report = PushReport()
    graphs = store.graphs()
    with httpx.Client(timeout=timeout) as client, tqdm(total=len(graphs), unit="graph", desc="push",
                                                      disable=not progress) as bar:
        for graph in graphs:
            triples = [ox.Triple(q.subject, q.predicate, q.object)
                       for q in store.oxigraph.quads_for_pattern(None, None, None, graph)]
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            try:
                r = client.put(graph_url(store_url, graph.value), content=body,
                               headers={"Content-Type": "application/n-triples"})
            except httpx.HTTPError as exc:
                raise KgError("E902", f"cannot reach the graph store {store_url} ({type(exc).__name__}: {exc}); "
                                      "check that the server runs and the URL is its graph-store endpoint") from exc
            if r.status_code not in (200, 201, 204):
                raise KgError("E903", f"the graph store {store_url} refused graph {graph.value} with HTTP "
                                      f"{r.status_code}: {r.text[:200].strip()}; check the URL (Oxigraph: /store) "
                                      "and that the server accepts writes")
            report.graphs += 1
            report.triples += len(triples)
            bar.update(1)
    return report


class RemoteStore:
    """A SPARQL query endpoint that answers ``query`` like the embedded store (pyoxigraph results)."""

    path = None  # no local folder

    def __init__(self, endpoint: str, *, timeout: float = TIMEOUT):
        self.endpoint = check_url(endpoint, "query endpoint")
        self.timeout = timeout

    def query(self, sparql: str):
        """Results parsed by pyoxigraph: QuerySolutions, QueryBoolean, or triples of a CONSTRUCT."""
        from urllib.error import HTTPError, URLError

        from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper

        client = SPARQLWrapper(self.endpoint)
        client.setQuery(sparql)
        # SPARQLWrapper guesses the form from keywords anywhere, comments included ("nothing is
        # dropped" reads as an update to it), so say which form it is from the query's first keyword
        client.queryType = query_form(sparql)
        client.setMethod(POST)  # stored queries are long; GET URLs may be cut
        client.setTimeout(int(self.timeout))
        graph = client.queryType in ("CONSTRUCT", "DESCRIBE")
        client.setReturnFormat(TURTLE if graph else JSON)
        try:
            body = client.query().response.read()
        except HTTPError as exc:
            detail = exc.read()[:300].decode("utf-8", "replace").strip()
            raise KgError("E904", f"the query endpoint {self.endpoint} answered HTTP {exc.code}: {detail}; "
                                  "check the URL (Oxigraph: /query)") from exc
        except (URLError, OSError) as exc:
            raise KgError("E902", f"cannot reach the query endpoint {self.endpoint} ({exc}); "
                                  "check that the server runs") from exc
        except Exception as exc:  # SPARQLWrapper's own errors (bad request, unauthorised, ...)
            raise KgError("E904", f"the query endpoint {self.endpoint} refused the query: {exc}") from exc
        if graph:
            return _Graph(list(ox.parse(body, format=ox.RdfFormat.TURTLE)))
        return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)


class _Graph(list):
    """Triples of a remote CONSTRUCT, serialisable like pyoxigraph's QueryTriples."""

    def serialize(self, format=ox.RdfFormat.TURTLE) -> bytes:
        return ox.serialize(self, format=format)
