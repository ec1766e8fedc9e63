"""``kg export --format plover``: the graph's events as PLOVER JSON Lines, one record per event.

Field names are the PLOVER manual's (``id``, ``date``, ``event``, ``mode``, ``context``, ``source`` and
``target`` as lists of actors with ``code`` (ISO 3166 alpha-3 for a state; ``IGO`` for an organisation of
states, ``NGO`` for another organisation), ``actorText``, ``wikidata`` and, for a group of a country, its
CAMEO ``sector``), ``text`` (the evidence sentence), ``eventText`` (the trigger), plus ``date_precision``,
``url``, ``publication``, ``geokg_event`` (the event's IRI) and ``geokg_same_event`` (the IRIs of its other
reports, :mod:`kg.link`, so a consumer can count an event once). ``plover.v1`` reads these records back, so an
export loads into another store as the same events. Output is sorted, so the same graph gives the same bytes.
"""
from __future__ import annotations

import json
from collections import defaultdict

from loaders.gazetteer import gazetteer

_QUERY = """
PREFIX gk: <https://w3id.org/geokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?event ?type ?mode ?context ?date ?precision ?trigger ?sentence ?source ?url ?publisher ?role ?actor
       ?label ?iso3 ?wikidata ?kind ?country ?countryIso3 ?countryWikidata ?sector
WHERE {
  ?typeClass gk:ploverCode ?type .
  GRAPH ?g {
    ?event a ?typeClass ; gk:evidence ?ev .
    ?ev gk:sentence ?sentence ; gk:inDocument ?doc .
    ?doc gk:sourceName ?source .
    VALUES ?rel { gk:actor gk:target }
    ?event ?rel ?actor .
    BIND(IF(?rel = gk:actor, "source", "target") AS ?role)
    OPTIONAL { ?event gk:ploverMode ?mode }
    OPTIONAL { ?event gk:ploverContext ?context }
    OPTIONAL { ?event gk:date ?date }
    OPTIONAL { ?event gk:datePrecision ?precision }
    OPTIONAL { ?event gk:trigger ?trigger }
    OPTIONAL { ?doc gk:url ?url }
    OPTIONAL { ?doc gk:publisher ?publisher }
  }
  # what the actors are is stated once for the store (kg.descriptions)
  OPTIONAL { ?actor rdfs:label ?label }
  OPTIONAL { ?actor gk:iso3 ?iso3 }
  OPTIONAL { ?actor a gk:State . BIND("State" AS ?kind) }
  OPTIONAL { ?actor owl:sameAs ?wikidata FILTER(STRSTARTS(STR(?wikidata), "http://www.wikidata.org/entity/")) }
  OPTIONAL { ?actor gk:groupOf ?country . ?country gk:iso3 ?countryIso3
             OPTIONAL { ?country owl:sameAs ?countryWikidata
                        FILTER(STRSTARTS(STR(?countryWikidata), "http://www.wikidata.org/entity/")) } }
  OPTIONAL { ?actor gk:cameoSector ?sector }
}
"""


def _v(row, name: str) -> str | None:
    term = row[name]
    return None if term is None else term.value


def _actor(row) -> dict:
    qid = (_v(row, "wikidata") or "").rsplit("/", 1)[-1] or None
    if _v(row, "countryIso3"):  # a group of a country: CAMEO codes it as the country with its sector
        out = {"code": _v(row, "countryIso3"), "actorText": _v(row, "label"), "sector": _v(row, "sector")}
        cq = (_v(row, "countryWikidata") or "").rsplit("/", 1)[-1] or None
        return {**out, "wikidata": cq} if cq else out
    if _v(row, "iso3") and _v(row, "kind") == "State":
        return {"code": _v(row, "iso3"), "actorText": _v(row, "label"), **({"wikidata": qid} if qid else {})}
    igo = qid is not None and qid in gazetteer().orgs
    return {"code": "IGO" if igo else "NGO", "actorText": _v(row, "label"), **({"wikidata": qid} if qid else {})}


def plover_records(store) -> list[dict]:
    """One PLOVER record per event of the store, sorted by source then event IRI."""
    events: dict[str, dict] = {}
    sides: dict[str, dict[str, list]] = defaultdict(lambda: {"source": [], "target": []})
    for row in store.query(_QUERY):
        iri = _v(row, "event")
        if iri not in events:
            date = _v(row, "date")
            events[iri] = {
                "id": iri.rsplit("/", 1)[-1], "date": date, "date_precision": _v(row, "precision"),
                "event": _v(row, "type"), "mode": _v(row, "mode") or "", "context": _v(row, "context") or "",
                "text": _v(row, "sentence"), "eventText": _v(row, "trigger") or "",
                "url": _v(row, "url") or _v(row, "source"), "publication": _v(row, "publisher"),
                "geokg_event": iri}
        actor = _actor(row)
        if actor not in sides[iri][_v(row, "role")]:
            sides[iri][_v(row, "role")].append(actor)
    same: dict[str, set] = defaultdict(set)  # the other reports of the event (kg.link), both ways
    for row in store.query("SELECT ?a ?b WHERE { ?a <https://w3id.org/geokg/ontology#sameEventAs> ?b }"):
        a, b = _v(row, "a"), _v(row, "b")
        same[a].add(b)
        same[b].add(a)
    out = []
    for iri, rec in events.items():
        if same.get(iri):
            rec["geokg_same_event"] = sorted(same[iri] - {iri})
        for side in ("source", "target"):
            rec[side] = sorted(sides[iri][side], key=lambda a: json.dumps(a, sort_keys=True))
        out.append({k: v for k, v in rec.items() if v not in (None, "")})
    return sorted(out, key=lambda r: (r.get("url") or "", r["geokg_event"]))


def plover_text(store) -> str:
    return "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in plover_records(store))
