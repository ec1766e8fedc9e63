"""The ASGI application (FastAPI on Starlette) and ``serve()``, which runs it with uvicorn.

Every query runs in the worker pool (kg.server.pool); the event loop only routes, negotiates and
renders, so a slow query never blocks other clients.
"""
from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import PlainTextResponse, Response

from kg.errors import KgError
from kg.iris import Minter

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Config:
    store: str
    base: str
    timeout: float = 30.0
    max_rows: int = 10_000
    workers: int = 2
    max_waiting: int | None = None  # None: the pool's default


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> Response:
    """A one-line ``[Ennn] message`` error, as the CLI prints them."""
    return PlainTextResponse(f"[{code}] {message}\n", status_code=status, headers=headers)


def reply_response(reply: tuple, *, headers: dict | None = None) -> Response:
    """A worker reply as an HTTP response; a cut result says so in headers (never silently)."""
    if reply[0] != "ok":
        return error_response(reply[1], reply[2], reply[3], reply[4] if len(reply) > 4 else None)
    _, body, media_type, truncated, *_ = reply
    out = dict(headers or {})
    if truncated is not None:
        out["X-Kg-Truncated"] = str(truncated)
        out["Warning"] = f'199 kg "results cut at {truncated} rows; add LIMIT/OFFSET or raise kg serve --max-rows"'
    if media_type.startswith(("text/", "application/sparql-results+xml", "application/rdf+xml")):
        media_type += "; charset=utf-8"
    return Response(body, media_type=media_type, headers=out)


MAX_URL = 65_536  # bytes of path and query string; longer URLs get a 414 (uvicorn reads up to READ_LIMIT)
READ_LIMIT = 4 * 1024 * 1024  # bytes uvicorn buffers for a request line and headers before giving up with a 400

# Every answer: scripts only from /static (no inline script, no eval), nothing fetched elsewhere, no framing,
# no content sniffing; values from news text are data on the page, never code.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'; img-src 'self' data:; "
                               "style-src 'self' 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def create_app(config: Config) -> FastAPI:
    """The application serving ``config.store`` (an on-disk store folder)."""
    from kg.server import api, linked, sparql, web
    from kg.server.pool import WorkerPool

    if not (Path(config.store) / "CURRENT").exists():
        raise KgError("E709", f"no store at {config.store}; build one with `kg ingest --store {config.store} "
                              "ARTICLES...` or point --store at one")

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        pool = WorkerPool(config.store, size=config.workers, timeout=config.timeout, max_waiting=config.max_waiting)
        app.state.pool = pool
        try:
            await pool.start()
            yield
        finally:
            pool.close()

    app = FastAPI(title="geokg", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json",
                  description="Stored questions of the geopolitics knowledge graph (grlc-style: one route per "
                              "`queries/*.rq`). SPARQL 1.1 Protocol at /sparql.")
    app.state.config = config
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"],
                       expose_headers=["X-Kg-Truncated", "Warning", "Link"])

    @app.middleware("http")
    async def security_headers(request, call_next):
        if len(request.scope.get("raw_path") or b"") + len(request.scope.get("query_string") or b"") > MAX_URL:
            response = error_response(414, "E712", f"the URL is longer than {MAX_URL} bytes; POST a long query "
                                                   "to /sparql as application/sparql-query instead")
        else:
            response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    app.include_router(sparql.router)
    api.add_routes(app)
    app.include_router(linked.router)
    app.include_router(web.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app


def _loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def serve(store: str | os.PathLike, *, host: str = "127.0.0.1", port: int = 8000, base: str | None = None,
          timeout: float = 30.0, max_rows: int = 10_000, workers: int | None = None,
          max_waiting: int | None = None) -> None:
    """Serve ``store`` until interrupted."""
    import uvicorn

    config = Config(store=str(store), base=Minter(base).base, timeout=timeout, max_rows=max_rows,
                    workers=workers or max(2, min(4, os.cpu_count() or 2)), max_waiting=max_waiting)
    app = create_app(config)
    if not _loopback(host):
        print(f"kg: [W715] listening on {host}: the endpoint and the web page are reachable from the network, "
              "with no login; use --host 127.0.0.1 (the default) unless that is what you want", file=sys.stderr,
              flush=True)
    print(f"kg: serving {store} at http://{host}:{port}/ (SPARQL at /sparql; {config.workers} query workers, "
          f"{timeout:g} s deadline, {max_rows} rows max)", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", h11_max_incomplete_event_size=READ_LIMIT)
