"""The HTTP server: SPARQL endpoint, stored queries, Linked Data and a web page (``kg serve``).

``create_app(Config(...))`` builds the ASGI app (FastAPI/Starlette); ``serve(store, ...)`` runs it
with uvicorn on 127.0.0.1 by default. Routes: ``/sparql`` (SPARQL 1.1 Protocol, read-only),
``/api/{name}`` and ``/api/openapi.json`` (stored queries), ``/id/...`` -> 303 -> ``/doc/...``
(Linked Data), ``/graph/{key}``, ``/ontology``, ``/.well-known/void``, ``/`` (the page).
Queries run in killable worker processes (kg.server.pool); an in-memory store is served from an
on-disk copy (:func:`materialize`).

Errors (answered as ``[Ennn] message``, one line, with the HTTP status in brackets):

- E701 (400/413/415) the query is not valid SPARQL, too long, or POSTed with a wrong content type
- E702 (403) an update (``update=``, an update as ``query``, ``application/sparql-update``): read-only
- E703 (403) ``SERVICE``: the endpoint makes no outgoing requests
- E704 (403) ``FROM``/``FROM NAMED``/``default-graph-uri`` naming a graph the store does not hold
- E705 (503) the query passed its deadline (``--timeout``) and its worker was killed
- E706 (406) no acceptable media type (see kg.server.formats)
- E707 (500) a query worker failed or died; it is replaced
- E708 (404) nothing is known about that IRI
- E709 the store cannot be served (missing folder, worker could not open it)
- E710 (400) no query given
- E711 `kg serve` options out of range (--timeout, --max-rows, --max-waiting)
- E712 (414) the URL is longer than ``MAX_URL`` bytes: POST a long query instead
- E714 (503, Retry-After) every worker, the quick lane included, is taken and ``--max-waiting`` queries wait
- W701 a query worker could not drop its network access (SERVICE is still refused by the check)
- W715 ``--host`` is not a loopback address: the endpoint is reachable from the network
- E4xx from kg.queries (400/404) for stored-query names and parameters

>>> import kg.server
>>> "E705" in kg.server.__doc__
True
"""
from __future__ import annotations

import tempfile
from pathlib import Path


def materialize(store, folder: str | Path | None = None) -> Path:
    """An on-disk copy of ``store`` (a kg.store.Store, e.g. in memory) that worker processes can open.

    >>> from kg.store import Store
    >>> import tempfile, pathlib
    >>> path = materialize(Store(), pathlib.Path(tempfile.mkdtemp()) / "copy")
    >>> (path / "CURRENT").exists()
    True
    """
    import pyoxigraph as ox

    path = Path(folder) if folder is not None else Path(tempfile.mkdtemp(prefix="kg-serve-")) / "store"
    copy = ox.Store(str(path))
    copy.bulk_extend(store.oxigraph.quads_for_pattern(None, None, None, None))
    copy.flush()
    del copy  # closes the database so read-only workers see all of it
    return path


def __getattr__(name):  # create_app/serve/Config without importing FastAPI on `import kg.server`
    if name in ("create_app", "serve", "Config"):
        from kg.server import app

        return getattr(app, name)
    raise AttributeError(name)


__all__ = ["Config", "create_app", "materialize", "serve"]
