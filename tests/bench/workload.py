"""Typical parameters for every stored query, so tests and benchmarks ask the whole catalogue alike.

A parameter is chosen by its name (``state``, ``other``, ``bloc``, ``event``, ``at``, ``days``, ...);
entity-valued ones that depend on the data (an event, a bloc) are looked up in the store given.
Unknown optional parameters stay unset; a query with an unknown required one is skipped (None),
so a query another helper adds later is still asked when its parameters have familiar names.

>>> typical_params("entities", store=None)
{}
"""
from __future__ import annotations

from kg import queries

GK = "https://w3id.org/geokg/ontology#"
FIXED = {"state": "UZB", "other": "RUS", "at": "2005-11-14", "days": "120", "by": "year"}
WINDOW = {"from": "2005-01", "to": "2006-12"}


def _first(store, where: str) -> str | None:
    rows = list(store.query(f"PREFIX gk: <{GK}> SELECT ?x WHERE {{ {where} }} ORDER BY ?x LIMIT 1"))
    return rows[0]["x"].value if rows else None


def _lookup(name: str, state: str, store) -> str | None:
    if name == "event":  # an event the state acts in, so the answer is not empty
        # DISTINCT first: the state's label triples repeat in every document graph of the union.
        return _first(store, f'{{ SELECT DISTINCT ?s WHERE {{ ?s gk:iso3 "{state}" }} }} '
                             '?x gk:actor ?s FILTER EXISTS { ?x a gk:Event }')
    if name == "bloc":
        return _first(store, "?x a gk:Bloc")
    return None


def typical_params(name: str, store, *, state: str = "UZB", other: str = "RUS",
                   window: bool = False) -> dict[str, str] | None:
    """Parameters for query ``name``: every required one, plus the optional date window if ``window``."""
    values: dict[str, str] = {}
    for p in queries.load(name).params:
        if p.name in ("state", "other"):
            value = state if p.name == "state" else other
        elif p.name in WINDOW:
            value = WINDOW[p.name] if window else None
        elif p.name in FIXED:
            value = FIXED[p.name] if p.required else None
        elif p.required:
            value = _lookup(p.name, state, store)
        else:
            value = None
        if value is None and p.required:
            return None
        if value is not None and (p.required or p.name in WINDOW or p.name in ("state", "other")):
            values[p.name] = value
    return values
