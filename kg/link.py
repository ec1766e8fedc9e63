"""Reports of one real-world event in different documents, linked with ``gk:sameEventAs``.

Two events are one happening when they have the same PLOVER type, the same participants (actors and
targets together, with the same roles, or one of the reports names no target: "Russia and Uzbekistan
signed" is "Russia signed with Uzbekistan"), and dates that agree at the coarser precision of the two,
which must be a month or a day: a year says too little (a pair often has two SUPPORT events in a year),
and an undated report is never linked. This holds across every source, so an imported POLECAT record and
the article an event was read from meet, and so do two wires that report the same signing.

Finding the candidates is an index lookup, not a scan: :mod:`kg.mapping` gives each dated event its
blocking keys (``gk:sameEventKey``, in the event's own document graph), a day-dated event ``D`` (its day)
and ``m`` (its month), a month-dated one ``M``. A new event looks up the keys it can match (:data:`PROBES`)
and is linked, in its own document's graph, to every matching event of the other documents, so the copies
stay connected whichever document is later removed; removing or replacing a document drops the links that
other graphs hold to its events in the same update (:func:`unlink_update`). ``gk:sameEventAs`` is symmetric
in meaning, but each link is stored from the worse-dated report to the better one (the more precise date,
then the smaller IRI): the one report of an event with no stored link of its own stands for it, which the
stored queries find with one triple pattern rather than a path over the copies.

>>> keys("SUPPORT", ["https://x/id/state/RUS", "https://x/id/state/UZB"], "2005-11-14")[0][:10]
'D/SUPPORT/'
>>> keys("SUPPORT", ["https://x/id/state/RUS"], "2005")
[]
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import pyoxigraph as ox

from kg.iris import digest
from kg.namespaces import PREFIXES

GK = PREFIXES["gk"]
KEY = ox.NamedNode(GK + "sameEventKey")
SAME = ox.NamedNode(GK + "sameEventAs")
ACTOR, TARGET = ox.NamedNode(GK + "actor"), ox.NamedNode(GK + "target")
# the keys an event's own key can meet: a day meets the same day and its month's month-dated reports; a
# month-dated report meets both kinds in its month ("in-month" keys never meet each other: two days differ)
PROBES = {"D": ("D",), "m": ("M",), "M": ("M", "m")}
DAY, MONTH = 2, 1  # date precisions, the more precise the larger


def keys(event_type: str, participants: Iterable[str], date: str | None) -> list[str]:
    """The blocking keys of an event (none for a year or no date)."""
    who = digest(*sorted(set(participants)))
    date = date or ""
    if len(date) == 10:
        return [f"D/{event_type}/{who}/{date}", f"m/{event_type}/{who}/{date[:7]}"]
    if len(date) == 7:
        return [f"M/{event_type}/{who}/{date}"]
    return []


def _roles(store: ox.Store, event, graph) -> tuple[frozenset, frozenset]:
    return tuple(frozenset(q.object for q in store.quads_for_pattern(event, p, None, graph)) for p in (ACTOR, TARGET))


def _same_roles(a: tuple[frozenset, frozenset], b: tuple[frozenset, frozenset]) -> bool:
    return a == b or not a[1] or not b[1]


def links(store: ox.Store, graphs: Sequence[ox.NamedNode], written: Iterable[ox.Quad] | None = None) -> list[ox.Quad]:
    """The ``gk:sameEventAs`` quads for the events of ``graphs`` (in this order): each event to the matching
    events of documents outside ``graphs`` (from the store) and of those before it in ``graphs``. ``written``,
    the graphs' quads, is read for their events' keys and roles instead of the store: the links can then be
    made before the graphs are written, and go in with them."""
    rank = {g: i for i, g in enumerate(graphs)}
    mine: dict = {}  # (event, graph) -> its keys
    roles_of: dict = {}  # (event, graph) -> (actors, targets), from ``written``
    if written is None:
        written = (q for g in graphs for q in store.quads_for_pattern(None, KEY, None, g))
    for q in written:  # one pass: a batch's quads are many
        p = q.predicate
        if p == KEY:
            if q.graph_name in rank:
                mine.setdefault((q.subject, q.graph_name), []).append(q.object.value)
        elif p == ACTOR or p == TARGET:
            roles_of.setdefault((q.subject, q.graph_name), (set(), set()))[p == TARGET].add(q.object)
    known: dict = {key: tuple(map(frozenset, r)) for key, r in roles_of.items()}  # (event, graph) -> its roles
    # the batch's own events by key: they meet each other here, whether or not the store holds them yet
    batch: dict = {}
    for report, own in mine.items():
        for key in own:
            batch.setdefault(key, []).append(report)

    def roles(report):
        if report not in known:  # read from the store once: a report is a candidate of each of its copies
            known[report] = _roles(store, *report)
        return known[report]

    out = []
    for (event, g), own in mine.items():
        found: dict = {}  # (matching event, its graph) -> its date precision
        precision = DAY if any(k.startswith("D/") for k in own) else MONTH
        for key in own:
            kind, rest = key.split("/", 1)
            for probe in PROBES[kind]:
                probed = f"{probe}/{rest}"
                outside = ((c.subject, c.graph_name) for c in store.quads_for_pattern(None, KEY, ox.Literal(probed), None)
                           if c.graph_name not in rank)
                before = (r for r in batch.get(probed, ()) if rank[r[1]] < rank[g])
                for other in itertools.chain(outside, before):
                    if other not in found and _same_roles(roles((event, g)), roles(other)):
                        found[other] = MONTH if probe == "M" else DAY
        for (match, _), theirs in sorted(found.items(), key=lambda f: f[0][0].value):
            # stored from the worse-dated report to the better one (see the module text)
            worse, better = (event, match) if _better((theirs, match), (precision, event)) else (match, event)
            out.append(ox.Quad(worse, SAME, better, g))
    return out


def _better(a: tuple[int, ox.NamedNode], b: tuple[int, ox.NamedNode]) -> bool:
    """Whether report ``a`` (date precision, IRI) stands for the event before ``b``: the more precise date,
    then the smaller IRI."""
    return a[0] > b[0] or (a[0] == b[0] and a[1].value < b[1].value)


def link_graphs(store: ox.Store, graphs: Sequence[ox.NamedNode], written: Iterable[ox.Quad] | None = None) -> int:
    """Write the links of :func:`links` (one transaction); how many."""
    quads = links(store, graphs, written)
    if quads:
        store.extend(quads)
    return len(quads)


def unlink_update(graph: ox.NamedNode) -> str:
    """SPARQL Update text that drops the links other graphs hold to or from the events of ``graph``; put it
    before the update that drops or replaces ``graph``, so both are one transaction."""
    return " ;\n".join(
        f"DELETE {{ GRAPH ?h {{ {link} }} }} WHERE {{ GRAPH {graph} {{ ?e <{KEY.value}> ?k }} GRAPH ?h {{ {link} }} }}"
        for link in (f"?copy <{SAME.value}> ?e", f"?e <{SAME.value}> ?copy"))
