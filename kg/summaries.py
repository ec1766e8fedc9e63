"""Derived summaries: alignment sums per state, partner and period, kept with the data.

``alignmentScore`` sums, per state, partner and year or month, the cooperation weight of every event between
the two (shared among the reports of one event) and of every alignment statement. Summing over the items at query time reads every item of the state, seconds at a million
events; so the sums live in the graph :data:`SUMMARIES_GRAPH`, in two layers:

* a **score fact** per item (``gk:ScoreFact``): its share of the weight, who acted, its cluster of reports, its
  document, and the pair scores it counts in. It is the index that lets a pair score be recomputed from the
  facts that count in it (one index lookup) rather than from every item of the state;
* a **pair score** per state, partner, kind of period (year or month) and period:
  the sums and counts the stored queries answer with, found with one index lookup on the state.

Every write keeps them right. In the transaction of the document, the items it touches and every other report
of the same events (:mod:`kg.link`: their share of a weight changes with the number of reports) are marked in the
graph :data:`DIRTY_GRAPH` (:func:`pending_before`, :func:`pending_quads`); the same writer then runs
:func:`refresh`, which replaces the facts of the marked items, recomputes every pair score they counted in or
count in now, and clears the marks, a chunk of items per transaction. A writer that opens a store with marks
left (a process killed between the two) finishes them first, and the undo of a killed bulk write marks what
it drops. :func:`rebuild` recomputes everything from the items; the tests compare it with the kept summaries.
The sums are made in Python, by one function (:func:`_values`), for both paths, with SPARQL's arithmetic
(xsd:integer while every term is one, else xsd:decimal).

The graph is plain RDF (IRIs named by a digest of what they summarise), so ``kg push`` sends it with the
documents and the stored queries run unchanged on another SPARQL 1.1 server; ``kg export`` leaves it out, as
derived data, and whatever loads an export computes it again.
"""
from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

import pyoxigraph as ox

from kg.batches import drop_in_batches
from kg.namespaces import GK_IRI, PREFIXES

SUMMARIES_GRAPH = "https://w3id.org/geokg/graph/summaries"
SUMMARIES = ox.NamedNode(SUMMARIES_GRAPH)
DIRTY_GRAPH = "https://w3id.org/geokg/graph/summaries-pending"
DIRTY = ox.NamedNode(DIRTY_GRAPH)
DERIVED_GRAPHS = (SUMMARIES, DIRTY)  # not documents, not exported, not part of an entity's Linked Data page
LAYOUT = "pair-scores/1"  # in the store folder's layout file once the summaries are built
FACT_IRI, SCORE_IRI = "https://w3id.org/geokg/summary/fact/", "https://w3id.org/geokg/summary/score/"

_P = f"PREFIX gk: <{GK_IRI}>\n"
KINDS = (("year", 4), ("month", 7))  # kinds of period, and the length of a date's text that names it

# One row per item, weight, document and date, and per participant that is a state or an organisation (people
# are not scored), as alignmentScore counted them before the summaries: an event shares its class's weight
# among its reports (gk:sameEventAs), a statement weighs +10 toward / -10 away. SEED restricts the items.
_ITEMS = ("""
SELECT ?item ?w ?doc ?when ?share ?cluster ?statement ?role ?who WHERE {
  {
    SELECT ?item ?w ?doc ?when (MIN(STR(?copy)) AS ?cluster) (COUNT(DISTINCT ?copy) AS ?copies) WHERE {
      SEED
      GRAPH ?g { ?item gk:actor ?someone ; a ?typeClass ; gk:evidence ?ev . ?ev gk:inDocument ?doc . }
      ?typeClass gk:cooperationWeight ?w .
      OPTIONAL { GRAPH ?g { ?item gk:date ?date } }
      OPTIONAL { GRAPH ?g { ?doc gk:published ?published } }
      BIND(COALESCE(?date, ?published) AS ?when)
      OPTIONAL { ?item (gk:sameEventAs|^gk:sameEventAs)+ ?linked }
      BIND(COALESCE(?linked, ?item) AS ?copy)
    }
    GROUP BY ?item ?w ?doc ?when
  }
  GRAPH ?h { ?item ?role ?who VALUES ?role { gk:actor gk:target } }
  BIND(?w / ?copies AS ?share)
  FILTER(EXISTS { ?who a gk:State } || EXISTS { ?who a gk:Organization })
}""", """
SELECT ?item ?w ?doc ?when ?share ?cluster ?statement ?role ?who WHERE {
  SEED
  GRAPH ?g {
    ?item a gk:AlignmentStatement ; gk:direction ?dir ; gk:evidence ?ev ; ?alignment ?who .
    VALUES (?alignment ?role) { (gk:alignmentActor gk:actor) (gk:alignmentPartner gk:target) }
    ?ev gk:inDocument ?doc .
  }
  OPTIONAL { GRAPH ?g { ?item gk:date ?date } }
  OPTIONAL { GRAPH ?g { ?doc gk:published ?published } }
  BIND(COALESCE(?date, ?published) AS ?when)
  BIND(IF(?dir = gk:toward, 10, -10) AS ?w)
  BIND(?w / 1 AS ?share)
  BIND(?item AS ?statement)
  FILTER(EXISTS { ?who a gk:State } || EXISTS { ?who a gk:Organization })
}""")  # two queries, not one UNION: Oxigraph took minutes on the UNION of the two at 100 k events

CHUNK = 2_000  # items refreshed per transaction
ACTOR = GK_IRI + "actor"
_PRED = {p: ox.NamedNode(GK_IRI + p) for p in (
    "scoreItem", "scoreShare", "scoreDocument", "scoreCluster", "scoreStatement", "scoreActor", "countsIn",
    "scoreState", "scorePartner", "periodKind", "period", "score", "stateToOther", "otherToState", "eventCount",
    "statementCount", "sourceCount")}
_INTEGER = ox.NamedNode(PREFIXES["xsd"] + "integer")
_DECIMAL = ox.NamedNode(PREFIXES["xsd"] + "decimal")
_ZERO = ox.Literal("0", datatype=_INTEGER)


def _items_of(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> set:
    """The items of ``graphs`` and every other report of their events, as the store holds them now."""
    values = " ".join(str(g) for g in graphs)
    if not values:
        return set()
    rows = store.query(_P + f"SELECT DISTINCT ?x ?i WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?x gk:evidence ?ev }}\n"
                       f"  OPTIONAL {{ ?x (gk:sameEventAs|^gk:sameEventAs)+ ?i }} }}", use_default_graph_as_union=True)
    return {term for r in rows for term in (r["x"], r["i"]) if term is not None}


def pending_before(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> str:
    """SPARQL update text, for the update that drops or replaces ``graphs``: marks their items and the other
    reports of their events as they are before the write, and the graphs themselves, whose items after the
    write :func:`refresh` looks up."""
    graphs = list(graphs)
    marks = [f"{i} a gk:PendingSummary ." for i in _items_of(store, graphs)]
    marks += [f"{g} a gk:PendingGraph ." for g in graphs]
    return _P + f"INSERT DATA {{ GRAPH {DIRTY} {{\n" + "\n".join(marks) + "\n} }" if marks else ""


def pending_quads(graphs: Iterable[ox.NamedNode]) -> list[ox.Quad]:
    """The marks of newly written ``graphs`` (bulk writes), to be written with them."""
    kind = ox.NamedNode(GK_IRI + "PendingGraph")
    return [ox.Quad(g, ox.NamedNode(PREFIXES["rdf"] + "type"), kind, DIRTY) for g in graphs]


def pending(store: ox.Store) -> bool:
    return any(True for _ in store.quads_for_pattern(None, None, None, DIRTY))


def _iri(base: str, *parts) -> ox.NamedNode:
    return ox.NamedNode(base + hashlib.md5(" ".join(map(str, parts)).encode("utf-8")).hexdigest())


@dataclass(frozen=True)
class Fact:
    """One item as it counts toward pair scores (one fact per item, weight, document and date)."""

    iri: ox.NamedNode
    item: ox.NamedNode
    share: ox.Literal
    doc: ox.NamedNode
    cluster: ox.Literal | None  # events: the smallest IRI of their reports
    statement: ox.NamedNode | None  # alignment statements
    actors: frozenset
    scores: frozenset  # the pair scores it counts in

    def quads(self) -> Iterator[ox.Quad]:
        for p, v in (("scoreItem", self.item), ("scoreShare", self.share), ("scoreDocument", self.doc),
                     ("scoreCluster", self.cluster), ("scoreStatement", self.statement)):
            if v is not None:
                yield ox.Quad(self.iri, _PRED[p], v, SUMMARIES)
        yield from (ox.Quad(self.iri, _PRED["scoreActor"], a, SUMMARIES) for a in self.actors)
        yield from (ox.Quad(self.iri, _PRED["countsIn"], s, SUMMARIES) for s in self.scores)


def _facts(store: ox.Store, seed: str, headers: dict) -> Iterator[Fact]:
    """The facts of the items SEED selects, from the items; the names (state, partner, kind, period) of the
    pair scores they count in go into ``headers``. A fact counts in the yearly and the monthly score of each
    ordered pair of its item's participants: an actor with every other participant, a target with every
    actor, as alignmentScore paired them."""
    rows = itertools.chain.from_iterable(store.query(_P + q.replace("SEED", seed), use_default_graph_as_union=True)
                                         for q in _ITEMS)
    grouped: dict = {}
    for r in rows:
        g = grouped.setdefault((r["item"], r["w"], r["doc"], r["when"]), (r, set(), set()))
        g[1 if r["role"].value == ACTOR else 2].add(r["who"])
    for (item, w, doc, when), (r, actors, targets) in grouped.items():
        pairs = {(s, o) for s in actors for o in actors | targets if o != s}
        pairs |= {(s, o) for s in targets for o in actors if o != s}
        scores = set()
        for state, other in pairs:
            for kind, length in KINDS:
                period = when.value[:length] if when is not None else "undated"
                score = _iri(SCORE_IRI, kind, state, other, period)
                headers[score] = (state, other, kind, period)
                scores.add(score)
        yield Fact(_iri(FACT_IRI, item, w, doc, when or ""), item, r["share"], doc, r["cluster"], r["statement"],
                   frozenset(actors), frozenset(scores))


def _sum(literals: list[ox.Literal]) -> ox.Literal:
    # as SPARQL's SUM: an xsd:integer while every term is one, else an xsd:decimal (written as Oxigraph does)
    total = sum((Decimal(x.value) for x in literals), Decimal(0))
    if all(x.datatype == _INTEGER for x in literals):
        return ox.Literal(str(int(total)), datatype=_INTEGER)
    return ox.Literal(format(total.normalize(), "f"), datatype=_DECIMAL)


def _values(score: ox.NamedNode, header: tuple, facts: list[Fact]) -> Iterator[ox.Quad]:
    """The sums and counts of a pair score, from the facts that count in it."""
    state, other, _, _ = header
    count = lambda xs: ox.Literal(str(len({x for x in xs if x is not None})), datatype=_INTEGER)  # noqa: E731
    values = {"score": _sum([f.share for f in facts]),
              "stateToOther": _sum([f.share if state in f.actors else _ZERO for f in facts]),
              "otherToState": _sum([f.share if other in f.actors else _ZERO for f in facts]),
              "eventCount": count(f.cluster for f in facts), "statementCount": count(f.statement for f in facts),
              "sourceCount": count(f.doc for f in facts)}
    for p, v in values.items():
        yield ox.Quad(score, _PRED[p], v, SUMMARIES)


def _header_quads(score: ox.NamedNode, header: tuple) -> Iterator[ox.Quad]:
    state, other, kind, period = header
    for p, v in (("scoreState", state), ("scorePartner", other), ("periodKind", ox.Literal(kind)),
                 ("period", ox.Literal(period))):
        yield ox.Quad(score, _PRED[p], v, SUMMARIES)


def _stored_facts(store: ox.Store, scores: list[ox.NamedNode]) -> tuple[dict, dict]:
    """The facts (by IRI) that count in ``scores``, and the scores' names, as the store holds them."""
    if not scores:
        return {}, {}
    values = " ".join(str(s) for s in scores)
    raw: dict = {}
    for r in store.query(_P + f"SELECT ?fact ?p ?o WHERE {{ GRAPH {SUMMARIES} {{ VALUES ?score {{ {values} }}\n"
                              f"  ?fact gk:countsIn ?score ; ?p ?o }} }}"):
        raw.setdefault(r["fact"], {}).setdefault(r["p"].value[len(GK_IRI):], set()).add(r["o"])
    facts = {}
    for iri, props in raw.items():
        one = lambda p: next(iter(props.get(p, ())), None)  # noqa: E731
        facts[iri] = Fact(iri, one("scoreItem"), one("scoreShare"), one("scoreDocument"), one("scoreCluster"),
                          one("scoreStatement"), frozenset(props.get("scoreActor", ())), frozenset(props.get("countsIn", ())))
    headers = {}
    for r in store.query(_P + f"SELECT ?score ?state ?other ?kind ?period WHERE {{ GRAPH {SUMMARIES} {{\n"
                              f"  VALUES ?score {{ {values} }} ?score gk:scoreState ?state ; gk:scorePartner ?other ;\n"
                              f"  gk:periodKind ?kind ; gk:period ?period }} }}"):
        headers[r["score"]] = (r["state"], r["other"], r["kind"].value, r["period"].value)
    return facts, headers


def _data(quads: Iterable[ox.Quad]) -> str:
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def refresh(store: ox.Store) -> int:
    """Bring the summaries of the marked items and graphs up to date (see the module text); the items
    refreshed. Each chunk of items is one transaction: its facts replaced, and the sums of every pair score
    they counted in or count in now recomputed from that score's facts. The marks go with the last chunk, so
    a refresh killed half way is run again in full by the next writer (it is idempotent)."""
    items = {r["i"] for r in store.query(_P + f"SELECT ?i WHERE {{ GRAPH {DIRTY} {{ ?i a gk:PendingSummary }} }}")}
    graphs = [r["g"] for r in store.query(_P + f"SELECT ?g WHERE {{ GRAPH {DIRTY} {{ ?g a gk:PendingGraph }} }}")]
    items |= _items_of(store, graphs)
    ordered = sorted(items, key=lambda i: i.value)
    for n in range(0, max(len(ordered), 1), CHUNK):
        chunk = ordered[n:n + CHUNK]
        ops = []
        if chunk:
            seed = "VALUES ?item { " + " ".join(str(i) for i in chunk) + " }"
            rows = list(store.query(_P + f"SELECT ?fact ?score WHERE {{ {seed} GRAPH {SUMMARIES} {{"
                                         f" ?fact gk:scoreItem ?item ; gk:countsIn ?score }} }}"))
            old, old_scores = {r["fact"] for r in rows}, {r["score"] for r in rows}
            new_headers: dict = {}
            new = list(_facts(store, seed, new_headers))
            touched = sorted(old_scores | set(new_headers), key=lambda s: s.value)
            stored, headers = _stored_facts(store, touched)
            headers.update(new_headers)
            by_score: dict = {s: [] for s in touched}
            for f in [f for iri, f in stored.items() if iri not in old] + new:
                for s in f.scores:
                    if s in by_score:
                        by_score[s].append(f)
            scores_text = " ".join(str(s) for s in touched)
            ops = [f"DELETE {{ GRAPH {SUMMARIES} {{ ?fact ?p ?o }} }} WHERE {{ {seed}\n"
                   f"  GRAPH {SUMMARIES} {{ ?fact gk:scoreItem ?item ; ?p ?o }} }}",
                   f"DELETE {{ GRAPH {SUMMARIES} {{ ?score ?p ?o }} }} WHERE {{ VALUES ?score {{ {scores_text} }}\n"
                   f"  GRAPH {SUMMARIES} {{ ?score ?p ?o }} }}" if touched else "",
                   "INSERT DATA { GRAPH %s {\n%s\n%s\n} }" % (SUMMARIES, _data(q for f in new for q in f.quads()), _data(
                       q for s, fs in by_score.items() if fs
                       for q in itertools.chain(_header_quads(s, headers[s]), _values(s, headers[s], fs))))]
        if n + CHUNK >= len(ordered):
            ops.append(f"DROP SILENT GRAPH {DIRTY}")
        store.update(_P + " ;\n".join(op for op in ops if op))
    return len(ordered)


def rebuild(store: ox.Store) -> None:
    """Recompute every summary of ``store`` from its items (after a bulk load, or for a store of an older
    layout)."""
    for graph in DERIVED_GRAPHS:
        drop_in_batches(store, graph)
    headers: dict = {}
    by_score: dict = {}
    batch: list[ox.Quad] = []
    for f in _facts(store, "", headers):
        batch.extend(f.quads())
        for s in f.scores:
            by_score.setdefault(s, []).append(f)
        if len(batch) >= 500_000:
            store.bulk_extend(batch)
            batch = []
    for s, fs in by_score.items():
        batch.extend(_header_quads(s, headers[s]))
        batch.extend(_values(s, headers[s], fs))
        if len(batch) >= 500_000:
            store.bulk_extend(batch)
            batch = []
    store.bulk_extend(batch)
