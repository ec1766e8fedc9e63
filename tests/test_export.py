import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.errors import KgError
from kg.export import export, export_text, write_atomic
from kg.descriptions import ENTITIES_GRAPH
from kg.namespaces import ONTOLOGY_IRI
from kg.summaries import SUMMARIES


def _store_graph(store) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(data=export_text(store, "ntriples"), format="nt")
    return g


@pytest.mark.parametrize("fmt,rdflib_fmt,ox_fmt", [
    ("turtle", "turtle", ox.RdfFormat.TURTLE), ("ntriples", "nt", ox.RdfFormat.N_TRIPLES),
    ("jsonld", "json-ld", None), ("trig", "trig", ox.RdfFormat.TRIG), ("nquads", "nquads", ox.RdfFormat.N_QUADS)])
def test_round_trip_is_isomorphic(fixture_store, fmt, rdflib_fmt, ox_fmt):
    text = export_text(fixture_store, fmt)
    expected = _store_graph(fixture_store)
    assert len(expected) > 50
    parsed = rdflib.Dataset() if fmt in ("trig", "nquads") else rdflib.Graph()
    parsed.parse(data=text, format=rdflib_fmt)
    union = rdflib.Graph()
    for t in (parsed.quads() if fmt in ("trig", "nquads") else parsed):
        union.add(t[:3])
    assert isomorphic(union, expected)
    if ox_fmt is not None:
        assert {(q.subject, q.predicate, q.object) for q in ox.parse(text, format=ox_fmt)} == \
               {(q.subject, q.predicate, q.object) for q in fixture_store.quads()
                if q.graph_name not in (ox.NamedNode(ONTOLOGY_IRI), SUMMARIES)}  # the summaries are derived


def test_quad_formats_keep_one_graph_per_document_and_the_shared_descriptions(fixture_store):
    graphs = {q.graph_name.value for q in ox.parse(export_text(fixture_store, "nquads"), format=ox.RdfFormat.N_QUADS)}
    assert graphs == {"https://example.org/graph/d1", "https://example.org/graph/d2", ENTITIES_GRAPH}


def test_turtle_is_deterministic_with_prefixes(fixture_store, tmp_path):
    first = export_text(fixture_store, "turtle")
    # the same graph loaded again, in another order, gives the same bytes
    from kg.store import Store
    other = Store()
    for q in reversed(fixture_store.quads()):
        other.oxigraph.add(q)
    assert export_text(other, "turtle") == first
    assert "PREFIX gk: <https://w3id.org/geokg/ontology#>" in first
    assert "@prefix" not in first or "gk:" in first


def test_ontology_left_out_unless_asked(fixture_store):
    assert "ploverCode" not in export_text(fixture_store, "ntriples")
    assert "ploverCode" in export_text(fixture_store, "ntriples", with_ontology=True)


def test_unknown_format_is_refused(fixture_store):
    with pytest.raises(KgError, match="E501"):
        export_text(fixture_store, "docx")


def test_atomic_write_keeps_old_file_when_writing_fails(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old")

    with pytest.raises(TypeError):
        write_atomic(target, object())  # not text: fails while writing
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]  # no temp file left behind
    write_atomic(target, "new")
    assert target.read_text() == "new"


def test_export_to_file(fixture_store, tmp_path):
    n = export(fixture_store, tmp_path / "g.ttl")
    assert n == len((tmp_path / "g.ttl").read_text(encoding="utf-8")) > 0


@pytest.mark.parametrize("fmt", ["turtle", "trig", "jsonld", "ntriples", "nquads"])
def test_export_with_the_ontology_is_the_same_bytes_from_any_store_holding_that_graph(fixture_store, fmt):
    """The ontology's OWL restrictions are blank nodes, labelled at random by each store (and by rdflib's
    parser): the export names them from what is said of them, so the same graph gives the same bytes."""
    from kg.store import Store

    relabel = {}  # the same graph with other blank node labels, written in another order
    quads = [ox.Quad(*(relabel.setdefault(t.value, ox.BlankNode()) if isinstance(t, ox.BlankNode) else t
                       for t in (q.subject, q.predicate, q.object)), q.graph_name) for q in fixture_store.quads()]
    other = Store()
    other.oxigraph.extend(reversed(quads))
    first = export_text(fixture_store, fmt, with_ontology=True)
    assert "owl:Restriction" in first or "Restriction" in first
    assert export_text(fixture_store, fmt, with_ontology=True) == first
    assert export_text(other, fmt, with_ontology=True) == first


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_two_runs_of_kg_export_with_the_ontology_write_the_same_file(tmp_path, fmt):
    """As a user sees it: `kg export --with-ontology` twice (two processes, two hash seeds), byte-identical."""
    import os
    import subprocess
    import sys

    article = tmp_path / "a.md"
    article.write_text("Russia and Uzbekistan signed an alliance treaty in Moscow on 14 November 2005.\n")
    cli = [sys.executable, "-m", "kg.cli"]
    subprocess.run([*cli, "ingest", "--store", tmp_path / "s", article], check=True, capture_output=True)
    for seed in ("1", "2"):
        subprocess.run([*cli, "export", "--store", tmp_path / "s", "--with-ontology", "--format", fmt,
                        "-o", tmp_path / f"out{seed}"], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
    assert (tmp_path / "out1").read_bytes() == (tmp_path / "out2").read_bytes()
