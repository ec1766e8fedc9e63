import pyoxigraph as ox
import pytest

from kg.errors import KgError
from kg.store import Store

G = ox.NamedNode("https://example.org/graph/1")


def _q(o: str, g=G) -> ox.Quad:
    return ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal(o), g)


def test_replace_graph_replaces_only_that_graph():
    s = Store()
    other = ox.NamedNode("https://example.org/graph/2")
    s.replace_graph(G, [_q("a"), _q("b")])
    s.replace_graph(other, [_q("z", other)])
    s.replace_graph(G, [_q("c")])
    assert sorted(q.object.value for q in s.quads()) == ["c", "z"]
    assert s.remove_graph(G) and not s.remove_graph(G)
    assert [q.object.value for q in s.quads()] == ["z"]


def test_replace_graph_writes_every_quad_into_the_named_graph_new_or_old():
    s = Store()
    stray = ox.NamedNode("https://example.org/graph/stray")
    s.replace_graph(G, [_q("a", stray), _q("b", ox.DefaultGraph())])  # a new graph
    assert sorted((q.object.value, q.graph_name) for q in s.quads()) == [("a", G), ("b", G)]
    s.replace_graph(G, [_q("c", stray)])  # an existing one
    assert [(q.object.value, q.graph_name) for q in s.quads()] == [("c", G)]


def test_on_disk_store_persists(tmp_path):
    s = Store(tmp_path / "st")
    s.replace_graph(G, [_q("kept")])
    s.flush()
    del s
    assert [q.object.value for q in Store(tmp_path / "st", must_exist=True).quads()] == ["kept"]


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(KgError, match=r"E301.*kg ingest"):
        Store(tmp_path / "nothing", must_exist=True)


def test_union_default_graph_and_rdflib_view():
    s = Store()
    s.replace_graph(G, [_q("a")])
    assert len(list(s.query("SELECT ?o WHERE { ?s ?p ?o }"))) == 1
    ds = s.to_rdflib()
    assert len(ds) == 1 and {str(c.identifier) for c in ds.graphs() if len(c)} == {G.value}
