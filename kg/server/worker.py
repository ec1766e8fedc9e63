"""What runs inside a query worker process: classify a query, run it on a read-only store, serialize.

The server never runs a query in its own process: pyoxigraph has no timeout, so a query runs here,
in a process the pool kills on its deadline. Each reply is a plain tuple (picklable):
``("ok", body: bytes, media_type, truncated_at: int | None)`` (a page of a stored query adds a dict with its
``next_offset`` when more rows follow) or ``("error", status, code, message)``.

A public query is parsed with rdflib's SPARQL parser before anything runs; an update, ``SERVICE``
or a ``FROM``/``FROM NAMED`` graph the store does not hold is refused before any request is made
or any file read.

>>> check_query("SELECT * WHERE { SERVICE <http://example.org/s> { ?s ?p ?o } }", graphs=set())[:2]
('error', 403)
>>> check_query("INSERT DATA { <http://a/> <http://a/> <http://a/> }", graphs=set())[2]
'E702'
>>> check_query("ASK { ?s ?p ?o }", graphs=set())
('ok', 'AskQuery', ())
>>> check_query("ASK FROM NAMED <http://a/g> { GRAPH ?g { ?s ?p ?o } }", graphs={"http://a/g"})
('ok', 'AskQuery', ('http://a/g',))
"""
from __future__ import annotations

import os
from functools import lru_cache

import pyoxigraph as ox

from kg.results import serialize_solutions
from kg.server.formats import GRAPH_FORMATS, RESULT_FORMATS



@lru_cache(maxsize=512)
def _parse(text: str):
    """('query', form, dataset IRIs, uses SERVICE) | ('update', ...) | ('bad', message)."""
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(text)
    except Exception as exc:  # pyparsing's ParseException and friends
        try:
            parseUpdate(text)
        except Exception:
            return ("bad", f"{type(exc).__name__}: {exc}")
        return ("update",)
    # decided on the parse as written: translateQuery rewrites the tree in place, and a SERVICE inside
    # FILTER EXISTS / NOT EXISTS was no longer where the walk looked
    service, form = _has_service(parsed), parsed[1].name
    try:
        algebra = translateQuery(parsed).algebra
    except Exception as exc:
        return ("bad", f"{type(exc).__name__}: {exc}")
    # CompValue.get answers a missing key with the key's own name, so `c.get("default")` of a FROM NAMED
    # clause was the string "default": look the clause's one key up instead
    graphs = tuple(str(c["default"] if "default" in c else c["named"]) for c in algebra.get("datasetClause") or [])
    return ("query", form, graphs, service)


def _has_service(node) -> bool:
    """True if a SERVICE pattern appears anywhere in the parse tree: in FILTER/BIND/HAVING/ORDER BY EXISTS,
    sub-selects, OPTIONAL, UNION, MINUS, GRAPH (every CompValue, ParseResults and list is walked)."""
    stack, seen = [node], set()
    while stack:
        n = stack.pop()
        if id(n) in seen:
            continue
        seen.add(id(n))
        if getattr(n, "name", None) == "ServiceGraphPattern":
            return True
        if isinstance(n, dict):
            stack.extend(n.values())
        elif isinstance(n, (list, tuple)) or type(n).__name__ == "ParseResults":
            stack.extend(list(n))
    return False


def _die_with_parent(server_pid: int | None) -> bool:
    """Ask the kernel to kill this worker when the thread that started it ends (Linux PR_SET_PDEATHSIG): a
    query running when the server is killed cannot go on using the CPU; the worker reads no pipe meanwhile.
    False when the server is already gone."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # not Linux: the pool still kills its workers when it closes
    return server_pid is None or os.getppid() == server_pid


def _no_network() -> bool:
    """Move this process into a network namespace of its own, which has no interface up: whatever a query
    makes the store do, no packet leaves, to loopback or elsewhere. Linux only; False where not allowed."""
    import ctypes

    if not hasattr(os, "fork") or not os.path.exists("/proc/self/ns/net"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    clone_newnet, clone_newuser = 0x40000000, 0x10000000
    return libc.unshare(clone_newnet) == 0 or libc.unshare(clone_newuser | clone_newnet) == 0


def check_query(text: str, *, graphs: set[str]) -> tuple:
    """``("ok", form, dataset graphs)`` for a query the server may run, else an error reply."""
    parsed = _parse(text)
    if parsed[0] == "update":
        return ("error", 403, "E702", "this endpoint is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, "
                                      "DROP, ...) are refused; change the graph with `kg ingest` instead")
    if parsed[0] == "bad":
        return ("error", 400, "E701", f"the query is not valid SPARQL 1.1 ({parsed[1]}); check it, e.g. in the "
                                      "editor at /")
    _, form, dataset, service = parsed
    if service:
        return ("error", 403, "E703", "SERVICE (federated query) is refused: this endpoint makes no outgoing "
                                      "requests; query the other endpoint yourself")
    missing = [g for g in dataset if g not in graphs]
    if missing:
        return ("error", 403, "E704", f"FROM/FROM NAMED graph {missing[0]} is not in this store; only its own "
                                      "named graphs can be chosen (drop the clause to query all of them)")
    return ("ok", form, dataset)


def serialize_triples(triples, fmt: str, max_rows: int) -> tuple[bytes, int | None]:
    """Triples in ``fmt`` (a GRAPH_FORMATS key), duplicates dropped, cut after ``max_rows``."""
    from kg.namespaces import PREFIXES

    seen: dict = {}
    truncated = None
    for t in triples:
        if t not in seen:
            if len(seen) >= max_rows:
                truncated = max_rows
                break
            seen[t] = None
    prefixes = {k: v for k, v in PREFIXES.items()} if GRAPH_FORMATS[fmt].prefixes else None
    ordered = sorted(seen, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))  # grouped, stable
    return ox.serialize(ordered, format=GRAPH_FORMATS[fmt].oxigraph, prefixes=prefixes), truncated


def generation(store_path: str) -> tuple:
    """What every committed write to the store changes: the names, sizes and times of its write-ahead logs,
    its manifest (which lists the table files) and CURRENT. About 40 µs; a reader never changes them."""
    out = []
    with os.scandir(store_path) as entries:
        for e in entries:
            if e.name.endswith(".log") or e.name.startswith("MANIFEST-") or e.name == "CURRENT":
                st = e.stat()
                out.append((e.name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(out))


class Worker:
    """The state of one worker process: a read-only store and its named graphs.

    A read-only open is a snapshot: a `kg ingest` or `kg load` into the served folder (RocksDB lets one
    writer in beside readers) would stay unseen by this worker while a worker started later saw it, and the
    same query would answer differently from one request to the next. So before each job the worker checks
    the store's :func:`generation` and, when it changed, opens the store again: every job sees at least every
    write committed before it started.
    """

    REOPEN_TRIES = 3  # a writer flushing or compacting can delete a file the open is about to read

    def __init__(self, store_path: str):
        self.path = store_path
        self.reopened = 0
        self._open()

    def _open(self) -> None:
        import time

        from kg.errors import KgError
        from kg.store import Store

        for attempt in range(self.REOPEN_TRIES):
            seen = generation(self.path)  # read before opening: a write in between shows as a change next time
            try:
                store = Store(self.path, must_exist=True, read_only=True)
                break
            except KgError as exc:
                if exc.code != "E303" or attempt == self.REOPEN_TRIES - 1:
                    raise
                time.sleep(0.05)
        self.store, self.graphs, self.generation = store, {g.value for g in store.graphs()}, seen

    def refresh(self) -> None:
        """Open the store again if a writer changed it since it was opened."""
        from kg.errors import KgError

        if generation(self.path) == self.generation:
            return
        try:
            self._open()
            self.reopened += 1
        except KgError:  # still being written: answer from the open snapshot, try again on the next job
            pass

    def handle(self, job: dict) -> tuple:
        kind = job["kind"]
        if kind == "ping":
            return ("ok", b"pong", "text/plain", None)
        self.refresh()
        if kind == "sparql":
            return self.sparql(job)
        if kind == "stored":
            return self.stored(job)
        if kind == "bind":
            return self.bind(job)
        return ("error", 500, "E707", f"unknown job kind {kind!r}")

    def sparql(self, job: dict) -> tuple:
        text = job["query"]
        own_dataset = False
        if job.get("check", True):
            verdict = check_query(text, graphs=self.graphs)
            if verdict[0] == "error":
                return verdict
            own_dataset = bool(verdict[2])
        dataset = {}
        for key in ("default_graph", "named_graphs"):
            if job.get(key):
                missing = [g for g in job[key] if g not in self.graphs]
                if missing:
                    return ("error", 403, "E704", f"graph {missing[0]} (default-graph-uri/named-graph-uri) is not "
                                                  "in this store; name one of its own graphs or none")
                dataset[key] = [ox.NamedNode(g) for g in job[key]]
        try:
            if dataset or own_dataset:  # FROM / the protocol's dataset replaces the union default graph
                raw = self.store.oxigraph.query(text, **dataset)
            else:
                raw = self.store.query(text)
        except (SyntaxError, ValueError, OSError) as exc:
            return ("error", 400, "E701", f"the store could not run the query: {exc}")
        return self.reply(raw, job)

    def stored(self, job: dict) -> tuple:
        from kg import queries
        from kg.errors import KgError

        try:
            text, limit, offset = queries.paged(queries.load(job["name"]), job["params"], self.store)
            raw = self.store.query(text)
        except KgError as exc:
            return ("error", 404 if exc.code == "E401" else 400, exc.code, exc.message)
        if limit is None or limit > job.get("max_rows", 10_000):
            return self.reply(raw, job)  # every row, or a page past the server's limit: cut there, with a warning
        reply = self.reply(raw, {**job, "max_rows": limit})
        if reply[0] != "ok":
            return reply
        # a page: the row after it says there is a next one, which is no warning but a link
        return (*reply[:3], None, {"next_offset": offset + limit} if reply[3] is not None else {})

    def bind(self, job: dict) -> tuple:
        from kg import queries
        from kg.errors import KgError

        try:
            text = queries.bind(queries.load(job["name"]), job["params"], self.store)
        except KgError as exc:
            return ("error", 400, exc.code, exc.message)
        return ("ok", text.encode(), "application/sparql-query", None)

    def reply(self, raw, job: dict) -> tuple:
        max_rows = job.get("max_rows", 10_000)
        if isinstance(raw, ox.QueryBoolean):
            fmt = job.get("results")
            if fmt is None:
                return _not_acceptable("an ASK answer", RESULT_FORMATS)
            return ("ok", raw.serialize(format=RESULT_FORMATS[fmt].oxigraph), RESULT_FORMATS[fmt].media_type, None)
        if isinstance(raw, ox.QuerySolutions):
            fmt = job.get("results")
            if fmt is None:
                return _not_acceptable("SELECT results", RESULT_FORMATS)
            body, cut = serialize_solutions(raw, fmt, max_rows)
            return ("ok", body, RESULT_FORMATS[fmt].media_type, cut)
        fmt = job.get("graph")
        if fmt is None:
            return _not_acceptable("a graph (CONSTRUCT/DESCRIBE)", GRAPH_FORMATS)
        body, cut = serialize_triples(raw, fmt, max_rows)
        return ("ok", body, GRAPH_FORMATS[fmt].media_type, cut)


def _not_acceptable(what: str, formats: dict) -> tuple:
    types = ", ".join(f.media_type for f in formats.values())
    return ("error", 406, "E706", f"{what} cannot be given in the requested media type; ask for one of {types}")


def main(conn, store_path: str, nice: int = 0, server_pid: int | None = None) -> None:
    """Process entry point: open the store, say ready, then answer jobs until the pipe closes."""
    if not _die_with_parent(server_pid):
        return  # the server is already gone
    if nice:
        os.nice(nice)
    if not _no_network():
        import warnings

        warnings.warn("[W701] the query worker could not drop its network access (no network namespace); "
                      "SERVICE is still refused by the query check", RuntimeWarning, stacklevel=1)
    try:
        worker = Worker(store_path)
    except Exception as exc:  # reported to the pool, which fails its start with the message
        conn.send(("error", 500, getattr(exc, "code", "E709"), str(exc)))
        return
    conn.send(("ok", b"ready", "text/plain", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = worker.handle(job)
        except Exception as exc:  # a bug must answer the request, not kill the worker silently
            reply = ("error", 500, "E707", f"the query worker failed: {type(exc).__name__}: {exc}")
        try:
            conn.send(reply)
        except OSError:  # the server went away (shut down, or stopped this query at its deadline)
            return
