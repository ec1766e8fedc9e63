"""geokg: a knowledge graph of geopolitics from the news.

Python API (the CLI `kg` wraps the same calls):

>>> import kg
>>> store = kg.Store()                      # in memory; kg.Store("kg-store") on disk
>>> kg.query("entities", store=store)
[]
"""
from __future__ import annotations

import kg.ingest  # noqa: F401  (loaded first, so the function below is what `kg.ingest` names)
from kg.store import Store


def query(name: str, *, store: Store, **params: str) -> list[dict[str, str | None]]:
    """Rows of stored query ``name`` (``queries/{name}.rq``) with its parameters, e.g.
    ``kg.query("timeline", store=s, state="Uzbekistan", **{"from": "2005"})``."""
    from kg import queries

    return queries.run(name, params, store=store).rows


def ingest(paths, *, store: Store, **kwargs):
    """Ingest files or folders into ``store``; returns an IngestReport."""
    from kg.ingest import ingest_paths

    return ingest_paths([str(p) for p in paths], store, **kwargs)


__all__ = ["Store", "ingest", "query"]
