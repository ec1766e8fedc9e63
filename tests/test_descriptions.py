"""Each entity described once (kg.descriptions): the shared graph after ingest, remove, re-ingest, an undone
load and the upgrade of a store written before it."""
from __future__ import annotations

import pyoxigraph as ox

from kg import queries
from kg.descriptions import ENTITIES, LAYOUT_FILE
from kg.ingest import ingest_documents
from kg.iris import Minter
from kg.mapping import to_quads
from kg.remove import remove_sources
from kg.store import JOURNAL, Store
from kg.validate import validate
from loaders.model import Document, Entity, Event, Facts, Span

GK = "https://w3id.org/geokg/ontology#"
LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
BASE = "https://example.org/"
M = Minter(BASE)
UZB, RUS, USA = (ox.NamedNode(M.entity("State", q, iso3=c)) for q, c in (("Q265", "UZB"), ("Q159", "RUS"),
                                                                         ("Q30", "USA")))
KARIMOV = ox.NamedNode(M.entity("Person", "Q34413"))
STATES = {"UZB": ("Q265", "Uzbekistan"), "RUS": ("Q159", "Russia"), "USA": ("Q30", "United States")}


def _facts(source: str, states: list[str], *, leader: bool = False) -> Facts:
    """A document naming ``states`` (the first acts toward the second), and Karimov as president if asked."""
    text = " and ".join(STATES[s][1] for s in states) + " met."
    ents = [Entity(STATES[s][0], "State", STATES[s][1], wikidata=STATES[s][0], iso3=s,
                   mentions=[Span(0, len(STATES[s][1]), STATES[s][1])]) for s in states]
    if leader:
        ents.append(Entity("Q34413", "Person", "Islam Karimov", wikidata="Q34413", mentions=[Span(0, 6, "Karimov")],
                           attrs={"office": "President", "office_start": "1990-03-24", "state": "Q265"}))
    event = Event("e1", "CONSULT", Span(0, len(text), text), actors=[STATES[states[0]][0]],
                  targets=[STATES[s][0] for s in states[1:2]], date="2005-06-01", trigger="met")
    return Facts(Document(text=text, source=source), entities=ents, events=[event])


def _ingest(store, *facts: Facts) -> None:
    report = ingest_documents(list(facts), store, base=BASE)
    assert report.ok, report.failed


def _copies(store, subject: ox.NamedNode, predicate: ox.NamedNode = LABEL) -> list[str]:
    """The graphs holding ``subject predicate ?``, one entry per copy."""
    return sorted(q.graph_name.value for q in store.oxigraph.quads_for_pattern(subject, predicate, None, None))


def _described(store) -> set[str]:
    return {q.subject.value for q in store.oxigraph.quads_for_pattern(None, None, None, ENTITIES)}


def test_an_entity_named_by_many_documents_is_described_once(tmp_path):
    store = Store(tmp_path / "store")
    _ingest(store, *(_facts(f"d{i}.txt", ["UZB", "RUS"]) for i in range(5)))
    assert _copies(store, UZB) == [ENTITIES.value]  # one label, in the shared graph, for five documents
    doc_graphs = [g for g in store.graphs() if g.value.startswith(BASE + "graph/")]
    assert len(doc_graphs) == 5
    for g in doc_graphs:  # a document graph holds the mention, not the description
        assert next(store.oxigraph.quads_for_pattern(UZB, LABEL, None, g), None) is None
        assert next(store.oxigraph.quads_for_pattern(UZB, ox.NamedNode(GK + "mentionedIn"), None, g)) is not None
    # provenance still answers: the entities listing names UZB once per document, with its label and QID
    rows = [r for r in queries.run("entities", {}, store=store).rows if str(r["entity"]) == UZB.value]
    assert sorted(str(r["source"]) for r in rows) == [f"d{i}.txt" for i in range(5)]
    assert {(str(r["label"]), str(r["wikidata"])) for r in rows} == {("Uzbekistan", "http://www.wikidata.org/entity/Q265")}


def test_remove_and_reingest_keep_shared_descriptions_and_drop_orphans(tmp_path):
    store = Store(tmp_path / "store")
    _ingest(store, _facts("a.txt", ["UZB", "USA"], leader=True), _facts("b.txt", ["UZB", "RUS"], leader=True))
    tenure = next(store.oxigraph.quads_for_pattern(KARIMOV, ox.NamedNode(GK + "holds"), None, None)).object
    assert {UZB.value, RUS.value, USA.value, KARIMOV.value, tenure.value} <= _described(store)
    remove_sources(store, ["a.txt"])
    described = _described(store)
    assert USA.value not in described  # only a.txt named the United States
    assert {UZB.value, RUS.value, KARIMOV.value, tenure.value} <= described  # b.txt still names them
    assert validate(store.oxigraph).conforms
    # b.txt again, now naming neither Russia nor Karimov: their descriptions go with the replaced graph
    _ingest(store, _facts("b.txt", ["UZB", "USA"]))
    described = _described(store)
    assert UZB.value in described and USA.value in described
    assert not {RUS.value, KARIMOV.value, tenure.value} & described
    remove_sources(store, ["b.txt"])
    assert list(store.oxigraph.quads_for_pattern(None, None, None, ENTITIES)) == []


def test_an_undone_load_takes_the_descriptions_only_it_brought(tmp_path):
    path = tmp_path / "store"
    store = Store(path)
    _ingest(store, _facts("kept.txt", ["UZB", "RUS"]))
    graph, quads = to_quads(_facts("killed.txt", ["UZB", "USA"]), M)
    store.oxigraph.bulk_extend(quads)  # as a bulk write that was killed before its journal was removed
    (path / JOURNAL).write_text(graph.value + "\n", encoding="utf-8")
    store.flush()
    del store
    store = Store(path)  # the next writer undoes the load
    assert not store.oxigraph.contains_named_graph(graph)
    assert USA.value not in _described(store)
    assert {UZB.value, RUS.value} <= _described(store)


def _old_layout(facts: Facts) -> list[ox.Quad]:
    # what kg wrote before the shared graph: each document graph described every entity it named
    graph, quads = to_quads(facts, M)
    return [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]


def _data(store) -> set[ox.Quad]:
    return {q for q in store.quads() if q.graph_name.value != "https://w3id.org/geokg/ontology"}


def test_a_store_written_before_the_shared_graph_is_upgraded_by_the_next_writer(tmp_path, capsys):
    documents = [_facts("a.txt", ["UZB", "USA"], leader=True), _facts("b.txt", ["UZB", "RUS"], leader=True)]
    path = tmp_path / "old"
    store = Store(path)
    store.ensure_ontology()
    for f in documents:
        store.oxigraph.extend(_old_layout(f))
    store.flush()
    (path / LAYOUT_FILE).unlink()  # an old store has no layout file
    assert len(_copies(store, UZB)) == 2
    del store
    store = Store(path)
    assert "W305" in capsys.readouterr().err
    assert _copies(store, UZB) == [ENTITIES.value]
    assert len(_copies(store, KARIMOV, ox.NamedNode(GK + "holds"))) == 2  # which tenure a document speaks of stays
    new = Store(tmp_path / "new")
    _ingest(new, *documents)
    assert _data(store) == _data(new)  # exactly what kg writes now
    for name, params in (("events", {}), ("timeline", {"state": "UZB"}), ("entities", {}),
                         ("leaderAt", {"state": "UZB", "at": "2005-06-01"})):
        rows = queries.run(name, params, store=store).rows
        assert rows and rows == queries.run(name, params, store=new).rows, name
    del store
    Store(path)
    assert "W305" not in capsys.readouterr().err  # marked: upgraded once
