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
count in now, and clears the marks, a chunk of items at a time (its new quads bulk-loaded, then its old ones
deleted in one update). A writer that opens a store with marks left (a process killed between the two, or
inside a refresh) finishes them first, and the undo of a killed bulk write marks what
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
# among its reports (gk:sameEventAs: :func:`_clusters` finds them, as a path in the query cost 0.8 of the 1.7 s of
# a refresh on the ingest benchmark), a statement weighs +10 toward / -10 away. SEED restricts the items.
_ITEMS = ("""
SELECT ?item ?w ?doc ?when ?role ?who WHERE {
  {
    SELECT DISTINCT ?item ?w ?doc ?when WHERE {
      SEED
      GRAPH ?g { ?item gk:actor ?someone ; a ?typeClass ; gk:evidence ?ev . ?ev gk:inDocument ?doc . }
      ?typeClass gk:cooperationWeight ?w .
      OPTIONAL { GRAPH ?g { ?item gk:date ?date } }
      OPTIONAL { GRAPH ?g { ?doc gk:published ?published } }
      BIND(COALESCE(?date, ?published) AS ?when)
    }
  }
  GRAPH ?h { { ?item gk:actor ?who BIND(gk:actor AS ?role) } UNION { ?item gk:target ?who BIND(gk:target AS ?role) } }
  FILTER(EXISTS { ?who a gk:State } || EXISTS { ?who a gk:Organization })
}""", """
SELECT ?item ?w ?doc ?when ?statement ?role ?who WHERE {
  SEED
  GRAPH ?g {
    ?item a gk:AlignmentStatement ; gk:direction ?dir ; gk:evidence ?ev .
    { ?item gk:alignmentActor ?who BIND(gk:actor AS ?role) } UNION { ?item gk:alignmentPartner ?who BIND(gk:target AS ?role) }
    ?ev gk:inDocument ?doc .
  }
  OPTIONAL { GRAPH ?g { ?item gk:date ?date } }
  OPTIONAL { GRAPH ?g { ?doc gk:published ?published } }
  BIND(COALESCE(?date, ?published) AS ?when)
  BIND(IF(?dir = gk:toward, 10, -10) AS ?w)
  BIND(?item AS ?statement)
  FILTER(EXISTS { ?who a gk:State } || EXISTS { ?who a gk:Organization })
}""")  # two queries, not one UNION: Oxigraph took minutes on the UNION of the two at 100 k events.
# The roles are a UNION of named predicates, not a variable predicate over VALUES: with that, Oxigraph read
# every actor and target of the store for each refresh, so a write slowed as the store grew

CHUNK = 2_000  # items refreshed per write
BULK_QUADS = 5_000  # a chunk's new summary quads from this many on go through the bulk loader
ACTOR = GK_IRI + "actor"
_PRED = {p: ox.NamedNode(GK_IRI + p) for p in (
    "scoreItem", "scoreShare", "scoreDocument", "scoreCluster", "scoreStatement", "scoreActor", "countsIn",
    "scoreState", "scorePartner", "periodKind", "period", "score", "stateToOther", "otherToState", "eventCount",
    "statementCount", "sourceCount")}
_INTEGER = ox.NamedNode(PREFIXES["xsd"] + "integer")
_DECIMAL = ox.NamedNode(PREFIXES["xsd"] + "decimal")
_ZERO = ox.Literal("0", datatype=_INTEGER)
_SAME = ox.NamedNode(GK_IRI + "sameEventAs")


def _reports(store: ox.Store, item: ox.NamedNode, known: dict | None = None) -> set:
    """``item`` and every other report of its event, as the store holds them now (index lookups over
    gk:sameEventAs, which is symmetric and may be stated in either report's graph: both directions). ``known``
    gives the reports linked to some items when all their links are known already (:func:`refresh`)."""
    todo, found = {item}, set()
    while todo:
        x = todo.pop()
        found.add(x)
        if known is not None and x in known:
            todo |= known[x] - found
            continue
        todo |= {q.object for q in store.quads_for_pattern(x, _SAME, None)} - found
        todo |= {q.subject for q in store.quads_for_pattern(None, _SAME, x)} - found
    return found


def _clusters(store: ox.Store, items: Iterable[ox.NamedNode] | None = None, known: dict | None = None) -> dict:
    """item -> (its cluster: the smallest IRI of its event's reports, how many reports), for ``items`` and
    the other reports of their events (index lookups: the reports of one event are few, and a path query
    over each item costs more), or, without ``items``, for every linked report of the store (one read of
    the links; a report with no link is missing: its own cluster, one report)."""
    out: dict = {}
    if items is None:
        parent: dict = {}

        def root(x):
            while parent.setdefault(x, x) != x:
                parent[x] = x = parent[parent[x]]
            return x

        for q in store.quads_for_pattern(None, _SAME, None):
            a, b = root(q.subject), root(q.object)
            if a != b:
                parent[max(a, b, key=lambda n: n.value)] = min(a, b, key=lambda n: n.value)
        members: dict = {}
        for x in parent:
            members.setdefault(root(x), []).append(x)
        groups: Iterable = members.values()
    else:
        groups, seen = [], set()
        for item in items:
            if item not in seen:
                groups.append(_reports(store, item, known))
                seen |= groups[-1]
    for group in groups:
        cluster = (ox.Literal(min(x.value for x in group)), len(group))
        out.update((x, cluster) for x in group)
    return out


def _evidenced(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> Iterator[ox.NamedNode]:
    """The items (events and statements) of ``graphs``."""
    evidence = ox.NamedNode(GK_IRI + "evidence")
    return (q.subject for g in graphs for q in store.quads_for_pattern(None, evidence, None, g))


def _items_of(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> set:
    """The items of ``graphs`` and every other report of their events, as the store holds them now."""
    return set(_clusters(store, _evidenced(store, graphs)))


def _shares(store: ox.Store, keys: Iterable[tuple]) -> dict:
    """(weight, reports) -> the weight shared among the reports, divided by SPARQL's ``/`` (an xsd:decimal,
    exactly as a query over the items would give it); one small query for all the distinct pairs."""
    keys = list(set(keys))
    if not keys:
        return {}
    rows = " ".join(f"({n} {w} {c})" for n, (w, c) in enumerate(keys))
    return {keys[int(r["n"].value)]: r["s"]
            for r in store.query(f"SELECT ?n (?w / ?c AS ?s) WHERE {{ VALUES (?n ?w ?c) {{ {rows} }} }}")}


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


def _facts(store: ox.Store, seed: str, headers: dict, clusters: dict) -> Iterator[Fact]:
    """The facts of the items SEED selects, from the items; the names (state, partner, kind, period) of the
    pair scores they count in go into ``headers``. An event's cluster and number of reports come from
    ``clusters`` (:func:`_clusters`). A fact counts in the yearly and the monthly score of each ordered pair
    of its item's participants: an actor with every other participant, a target with every actor, as
    alignmentScore paired them."""
    rows = itertools.chain.from_iterable(store.query(_P + q.replace("SEED", seed), use_default_graph_as_union=True)
                                         for q in _ITEMS)
    grouped: dict = {}
    for r in rows:
        g = grouped.setdefault((r["item"], r["w"], r["doc"], r["when"]), (r["statement"], set(), set()))
        g[1 if r["role"].value == ACTOR else 2].add(r["who"])
    # a statement is one report of itself; an event with no other report is its own cluster
    reports = {key: (None, 1) if statement is not None else clusters.get(key[0]) or (ox.Literal(key[0].value), 1)
               for key, (statement, _, _) in grouped.items()}
    shares = _shares(store, ((w, n) for (_, w, _, _), (_, n) in reports.items()))
    for (item, w, doc, when), (statement, actors, targets) in grouped.items():
        cluster, n = reports[(item, w, doc, when)]
        pairs = {(s, o) for s in actors for o in actors | targets if o != s}
        pairs |= {(s, o) for s in targets for o in actors if o != s}
        scores = set()
        for state, other in pairs:
            for kind, length in KINDS:
                period = when.value[:length] if when is not None else "undated"
                score = _iri(SCORE_IRI, kind, state, other, period)
                headers[score] = (state, other, kind, period)
                scores.add(score)
        yield Fact(_iri(FACT_IRI, item, w, doc, when or ""), item, shares[(w, n)], doc, cluster, statement,
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
    """The facts (by IRI) that count in ``scores``, and the scores' names, as the store holds them: index
    lookups, each fact read once however many of the scores it counts in."""
    counts_in = _PRED["countsIn"]
    iris = {q.subject for s in scores for q in store.quads_for_pattern(None, counts_in, s, SUMMARIES)}
    facts = {}
    for iri in iris:
        props: dict = {}
        for q in store.quads_for_pattern(iri, None, None, SUMMARIES):
            props.setdefault(q.predicate.value[len(GK_IRI):], set()).add(q.object)
        one = lambda p: next(iter(props.get(p, ())), None)  # noqa: E731
        facts[iri] = Fact(iri, one("scoreItem"), one("scoreShare"), one("scoreDocument"), one("scoreCluster"),
                          one("scoreStatement"), frozenset(props.get("scoreActor", ())), frozenset(props.get("countsIn", ())))
    headers = {}
    for score in scores:
        props = {q.predicate.value[len(GK_IRI):]: q.object for q in store.quads_for_pattern(score, None, None, SUMMARIES)}
        if "scoreState" in props:
            headers[score] = (props["scoreState"], props["scorePartner"], props["periodKind"].value, props["period"].value)
    return facts, headers


def _data(quads: Iterable[ox.Quad]) -> str:
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def _known_links(store: ox.Store, new: tuple) -> dict:
    """item -> the items linked to it, for the items of graphs just written with all their links (``new``:
    the graphs and those links): no other graph can link to an event that did not exist before."""
    graphs, links = new
    known: dict = {x: set() for x in _evidenced(store, graphs)}
    for q in links:
        if q.subject in known:
            known[q.subject].add(q.object)
        if q.object in known:
            known[q.object].add(q.subject)
    return known


def refresh(store: ox.Store, new: tuple | None = None) -> int:
    """Bring the summaries of the marked items and graphs up to date (see the module text); the items
    refreshed. Each chunk of items is written at once: its facts replaced, and the sums of every pair score
    they counted in or count in now recomputed from that score's facts. The marks go with the last chunk's
    update, so a refresh killed half way is run again in full by the next writer (it is idempotent). ``new``,
    (graphs, their same-event quads) of a write of new graphs, spares reading those events' links back."""
    items = {r["i"] for r in store.query(_P + f"SELECT ?i WHERE {{ GRAPH {DIRTY} {{ ?i a gk:PendingSummary }} }}")}
    graphs = [r["g"] for r in store.query(_P + f"SELECT ?g WHERE {{ GRAPH {DIRTY} {{ ?g a gk:PendingGraph }} }}")]
    clusters = _clusters(store, itertools.chain(items, _evidenced(store, graphs)), _known_links(store, new) if new else None)
    ordered = sorted(clusters, key=lambda i: i.value)
    score_item, counts_in = _PRED["scoreItem"], _PRED["countsIn"]
    for n in range(0, max(len(ordered), 1), CHUNK):
        chunk = ordered[n:n + CHUNK]
        ops = []
        if chunk:
            old = {q.subject for i in chunk for q in store.quads_for_pattern(None, score_item, i, SUMMARIES)}
            before = {q for f in old for q in store.quads_for_pattern(f, None, None, SUMMARIES)}
            old_scores = {q.object for q in before if q.predicate == counts_in}
            new_headers: dict = {}
            new = list(_facts(store, "VALUES ?item { " + " ".join(str(i) for i in chunk) + " }", new_headers, clusters))
            touched = old_scores | set(new_headers)
            stored, headers = _stored_facts(store, touched)
            headers.update(new_headers)
            by_score: dict = {s: [] for s in touched}
            for f in [f for iri, f in stored.items() if iri not in old] + new:
                for s in f.scores:
                    if s in by_score:
                        by_score[s].append(f)
            before |= {q for s in touched for q in store.quads_for_pattern(s, None, None, SUMMARIES)}
            after = {q for f in new for q in f.quads()}
            after |= {q for s, fs in by_score.items() if fs
                      for q in itertools.chain(_header_quads(s, headers[s]), _values(s, headers[s], fs))}
            # only what changed is written (a new report of an event changes the shares, not the rest). Many new
            # quads go through the bulk loader, as update text costs twice as much to write, then the old ones
            # in one update, with the marks after the last chunk: a kill in between leaves the marks, and the
            # next writer's refresh, which reads both, writes the same quads again. A few (a one-document
            # write) stay in the update: a bulk load makes a storage file each time
            added = after - before
            ops = [f"DELETE DATA {{ GRAPH {SUMMARIES} {{\n{_data(before - after)}\n}} }}"]
            if len(added) >= BULK_QUADS:
                store.bulk_extend(added)
            else:
                ops.append(f"INSERT DATA {{ GRAPH {SUMMARIES} {{\n{_data(added)}\n}} }}")
        if n + CHUNK >= len(ordered):
            ops.append(f"DROP SILENT GRAPH {DIRTY}")
        store.update(_P + " ;\n".join(ops))
    return len(ordered)


def rebuild(store: ox.Store) -> None:
    """Recompute every summary of ``store`` from its items (after a bulk load, or for a store of an older
    layout)."""
    for graph in DERIVED_GRAPHS:
        drop_in_batches(store, graph)
    headers: dict = {}
    by_score: dict = {}
    batch: list[ox.Quad] = []
    for f in _facts(store, "", headers, _clusters(store)):
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
