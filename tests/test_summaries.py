"""Derived summaries (kg.summaries): the alignment sums kept by ingest, remove, re-ingest, an undone load, a
killed refresh and the upgrade of an older store equal a recomputation from the items, and the stored query
answers from them what the item-level computation answers."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import queries, summaries
from kg.descriptions import LAYOUT, LAYOUT_FILE, share_descriptions
from kg.ingest import ingest_documents
from kg.iris import Minter
from kg.mapping import to_quads
from kg.remove import remove_sources
from kg.store import JOURNAL, Store
from loaders.model import Alignment, Document, Entity, Event, Facts, Span

BASE = "https://example.org/"
M = Minter(BASE)
STATES = {"UZB": ("Q265", "Uzbekistan"), "RUS": ("Q159", "Russia"), "USA": ("Q30", "United States")}
FIXTURES = Path(__file__).parent / "fixtures"  # {query}-items.rq: the query as it summed over the items


def _facts(source: str, actor: str, target: str, *, kind: str = "CONSULT", date: str | None = "2005-06-01",
           published: str | None = None, statement: str | None = None) -> Facts:
    """A document in which ``actor`` does ``kind`` to ``target`` (and, if asked, moves ``statement`` from it)."""
    text = f"{STATES[actor][1]} and {STATES[target][1]} met."
    ents = [Entity(STATES[s][0], "State", STATES[s][1], wikidata=STATES[s][0], iso3=s,
                   mentions=[Span(0, len(STATES[s][1]), STATES[s][1])]) for s in (actor, target)]
    events = [Event("e1", kind, Span(0, len(text), text), actors=[STATES[actor][0]], targets=[STATES[target][0]],
                    date=date, trigger="met")]
    aligns = [Alignment(STATES[actor][0], STATES[target][0], statement, Span(0, len(text), text))] if statement else []
    return Facts(Document(text=text, source=source, published=published), entities=ents, events=events,
                 alignments=aligns)


@pytest.fixture
def catalogue_store(fixture_store):
    fixture_store.oxigraph.load(path=str(Path(__file__).parent / "fixtures" / "catalogue.trig"), format=ox.RdfFormat.TRIG)
    share_descriptions(fixture_store.oxigraph)
    summaries.rebuild(fixture_store.oxigraph)
    return fixture_store


def _ingest(store, *facts: Facts) -> None:
    report = ingest_documents(list(facts), store, base=BASE)
    assert report.ok, report.failed


def _summaries(store) -> set[ox.Quad]:
    return set(store.oxigraph.quads_for_pattern(None, None, None, summaries.SUMMARIES))


def _assert_as_recomputed(store) -> None:
    kept = _summaries(store)
    assert not list(store.oxigraph.quads_for_pattern(None, None, None, summaries.DIRTY)), "marks left behind"
    summaries.rebuild(store.oxigraph)
    assert kept == _summaries(store)


def _score(store, state: str, other: str, period: str = "2005") -> Decimal | None:
    rows = [r for r in queries.run("alignmentScore", {"state": state}, store=store).rows
            if r["otherLabel"] == STATES[other][1] and r["period"] == period]
    return round(Decimal(rows[0]["score"]), 6) if rows else None  # thirds of a weight add up to 0.999...


def test_ingest_remove_and_reingest_keep_the_sums_as_a_recomputation_gives_them(tmp_path):
    store = Store(tmp_path / "store")
    # two reports of one meeting (linked, each weighs half), a third document with another event and a statement
    _ingest(store, _facts("a.txt", "UZB", "RUS"), _facts("b.txt", "UZB", "RUS"))
    _assert_as_recomputed(store)
    consult = _score(store, "UZB", "RUS")
    assert consult is not None and consult > 0
    _ingest(store, _facts("c.txt", "UZB", "USA", kind="ACCUSE", date=None, published="2005-07-01",
                          statement="away"))
    _assert_as_recomputed(store)
    assert _score(store, "USA", "UZB") < 0  # the partner's side is kept too
    _ingest(store, _facts("d.txt", "UZB", "RUS"))  # a third report of the meeting: it still counts once
    _assert_as_recomputed(store)
    assert _score(store, "UZB", "RUS") == consult
    remove_sources(store, ["a.txt"])
    _assert_as_recomputed(store)
    assert _score(store, "UZB", "RUS") == consult
    _ingest(store, _facts("b.txt", "UZB", "RUS", date="2006-02-01"))  # b.txt re-ingested, now dated a year later
    _assert_as_recomputed(store)
    assert _score(store, "UZB", "RUS", "2006") == _score(store, "UZB", "RUS", "2005") == consult
    remove_sources(store, ["b.txt", "c.txt", "d.txt"])
    assert _summaries(store) == set()


def test_an_undone_load_and_a_killed_refresh_are_brought_up_to_date_by_the_next_writer(tmp_path):
    path = tmp_path / "store"
    store = Store(path)
    _ingest(store, _facts("kept.txt", "UZB", "RUS"))
    kept = _summaries(store)
    graph, quads = to_quads(_facts("killed.txt", "UZB", "RUS"), M)
    # a bulk write killed after its graph and marks were written, before its journal was removed
    store.oxigraph.bulk_extend(quads + summaries.pending_quads([graph]))
    (path / JOURNAL).write_text(graph.value + "\n", encoding="utf-8")
    store.flush()
    del store
    store = Store(path)
    assert _summaries(store) == kept
    _assert_as_recomputed(store)
    # a write whose document and marks are in, killed before the sums followed
    graph, quads = to_quads(_facts("late.txt", "UZB", "USA", kind="ACCUSE"), M)
    store.oxigraph.extend(quads + summaries.pending_quads([graph]))
    store.flush()
    del store
    store = Store(path)
    assert _score(store, "UZB", "USA") < 0
    _assert_as_recomputed(store)


class _KilledAtUpdate:
    """The store as a refresh sees it, killed at its first update (after the new quads were bulk-loaded)."""

    def __init__(self, store: ox.Store):
        self.store = store

    def __getattr__(self, name):
        return getattr(self.store, name)

    def update(self, text):
        raise KeyboardInterrupt


@pytest.mark.parametrize("bulk", [True, False])
def test_a_refresh_killed_at_its_update_is_finished_by_the_next_writer(tmp_path, monkeypatch, bulk):
    # bulk: its new quads were bulk-loaded before the update; else they were in the update, one transaction
    monkeypatch.setattr(summaries, "BULK_QUADS", 1 if bulk else 10**9)
    path = tmp_path / "store"
    store = Store(path)
    _ingest(store, _facts("a.txt", "UZB", "RUS"), _facts("b.txt", "UZB", "USA", statement="away"))
    old = _summaries(store)
    # a third report of the meeting changes the shares of the other two: their old facts must go
    graph, quads = to_quads(_facts("c.txt", "UZB", "RUS"), M)
    store.oxigraph.extend(quads + summaries.pending_quads([graph]))
    from kg.link import link_graphs

    link_graphs(store.oxigraph, [graph])
    with pytest.raises(KeyboardInterrupt):
        summaries.refresh(_KilledAtUpdate(store.oxigraph))
    assert bool(_summaries(store) - old) == bulk, "new quads are written before the update only by a bulk load"
    assert summaries.pending(store.oxigraph)
    store.flush()
    del store
    store = Store(path)
    _assert_as_recomputed(store)


def test_a_store_from_before_the_summaries_is_upgraded_once(tmp_path, capsys):
    path = tmp_path / "store"
    store = Store(path)
    _ingest(store, _facts("a.txt", "UZB", "RUS"), _facts("b.txt", "UZB", "USA", statement="away"))
    expected = _summaries(store)
    store.oxigraph.update(f"DROP GRAPH {summaries.SUMMARIES}")  # as an older kg left it
    store.flush()
    (path / LAYOUT_FILE).write_text(LAYOUT + "\n", encoding="utf-8")
    del store
    store = Store(path)
    assert "W306" in capsys.readouterr().err
    assert _summaries(store) == expected
    del store
    Store(path)
    assert "W306" not in capsys.readouterr().err


@pytest.mark.parametrize("name,params", [
    ("alignmentScore", {"state": "UZB"}), ("alignmentScore", {"state": "UZB", "by": "month"}),
    ("alignmentScore", {"state": "RUS", "other": "UZB", "by": "month"}),
    ("alignmentScore", {"state": "UZB", "other": "USA", "by": "month", "from": "2005-07", "to": "2005-11"}),
    ("alignmentScore", {"state": "Q159", "from": "2005", "to": "2006"}),
    ("blocRelations", {"state": "UZB", "bloc": "CSTO"}), ("blocRelations", {"state": "UZB", "bloc": "the West"}),
    ("blocRelations", {"state": "RUS", "bloc": "CSTO"}), ("blocRelations", {"state": "KGZ", "bloc": "CSTO"})])
def test_the_stored_query_answers_from_the_summaries_what_the_items_give(catalogue_store, name, params):
    stored = queries.load(name)
    path = FIXTURES / f"{name}-items.rq"
    items = queries.StoredQuery(f"{name}-items", path, path.read_text(encoding="utf-8"), stored.header, stored.params)
    text = queries.bind(items, params, catalogue_store)
    result = catalogue_store.query(text)
    names = [v.value for v in result.variables]
    expected = [{v: (None if r[v] is None else r[v].value) for v in names} for r in result]
    got = queries.run(name, params, store=catalogue_store).rows
    assert got and got == expected
