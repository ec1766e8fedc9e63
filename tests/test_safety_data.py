"""Nothing lost, nothing left behind: re-ingest is idempotent, a changed article replaces its graph,
`kg remove` retracts exactly what only that document supported, owlready2 never reads a user file."""
from __future__ import annotations

import ast
import gc
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from kg.summaries import SUMMARIES_GRAPH
from kg.descriptions import ENTITIES_GRAPH
from kg.ingest import ingest_documents
from kg.store import Store
from loaders.model import Document

from conftest import DEV

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = "https://w3id.org/geokg/ontology"
UZB = "<https://w3id.org/geokg/id/state/UZB>"
A = Document(text="Russia and Uzbekistan signed a treaty on allied relations in Moscow on 14 November 2005.",
             source="a.txt", title="Alliance")
B = Document(text="The United States criticised Uzbekistan over the Andijon crackdown in May 2005.",
             source="https://example.org/news/b", url="https://example.org/news/b", title="Andijon")


def kg(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=600)


def data(path: Path) -> dict[str, set[str]]:
    """{graph: N-Quads lines} of the documents (the ontology left out)."""
    store = Store(path, must_exist=True)
    out: dict[str, set[str]] = {}
    for q in store.quads():
        if q.graph_name.value != ONTOLOGY:
            out.setdefault(q.graph_name.value, set()).add(str(q))
    del store
    gc.collect()  # let the next subprocess take the RocksDB lock
    return out


def build(path: Path, docs: list[Document]) -> dict[str, set[str]]:
    store = Store(path)
    report = ingest_documents(docs, store)
    assert report.ok
    del store
    gc.collect()
    return data(path)


def triples(graphs: dict[str, set[str]]) -> set[str]:
    return {q.rsplit(" ", 1)[0] for quads in graphs.values() for q in quads}


# ------------------------------------------------------------------ kg remove

def test_remove_retracts_the_document_and_keeps_what_another_document_supports(tmp_path):
    both = build(tmp_path / "both", [A, B])
    only_b = build(tmp_path / "only_b", [B])
    [graph_a] = set(both) - set(only_b)
    # Uzbekistan is named by both documents and described once, in the shared graph
    shared = {q for q in both[ENTITIES_GRAPH] if q.startswith(UZB)} & only_b[ENTITIES_GRAPH]
    assert shared and any(q.startswith(UZB) for q in both[graph_a]), \
        "the two documents must share Uzbekistan's description for this test to mean anything"

    done = kg("remove", "--store", tmp_path / "both", "a.txt")
    assert done.returncode == 0, done.stderr
    after = data(tmp_path / "both")
    assert after == only_b  # exactly what a store that never saw a.txt holds
    assert shared <= after[ENTITIES_GRAPH]  # Uzbekistan's description stays: b still names it
    assert not any("treaty" in q or "Alliance" in q for q in triples(after))


@pytest.mark.parametrize("how", ["url", "path-with-url", "file-name"])
def test_remove_finds_a_document_by_url_path_or_file_name(tmp_path, how):
    article = tmp_path / "articles" / "b.txt"
    article.parent.mkdir()
    article.write_text("---\nurl: https://example.org/news/b\n---\nThe United States criticised Uzbekistan.\n")
    (tmp_path / "articles" / "c.txt").write_text("Russia and Kyrgyzstan agreed on a base.\n")
    assert kg("ingest", "-q", "--store", tmp_path / "st", tmp_path / "articles").returncode == 0
    before = data(tmp_path / "st")
    source = {"url": "https://example.org/news/b", "path-with-url": article,
              "file-name": "c.txt"}[how]
    done = kg("remove", "--store", tmp_path / "st", source)
    assert done.returncode == 0 and "removed 1 document graph" in done.stderr, done.stderr
    assert len(data(tmp_path / "st")) == len(before) - 1


def test_remove_of_an_unknown_source_removes_nothing_even_in_a_list(tmp_path):
    build(tmp_path / "st", [A, B])
    before = data(tmp_path / "st")
    done = kg("remove", "--store", tmp_path / "st", "a.txt", "no-such.txt")
    assert done.returncode == 2 and "[E810]" in done.stderr and "no-such.txt" in done.stderr
    assert data(tmp_path / "st") == before


def test_the_ontology_graph_is_not_a_removable_source(tmp_path):
    build(tmp_path / "st", [A])
    done = kg("remove", "--store", tmp_path / "st", ONTOLOGY)
    assert done.returncode == 2 and "[E810]" in done.stderr
    store = Store(tmp_path / "st", read_only=True)
    assert any(g.value == ONTOLOGY for g in store.graphs())


def test_remove_of_a_loaded_rdf_file_by_its_name(tmp_path):
    (tmp_path / "extra.ttl").write_text("<http://example.org/a> <http://example.org/p> 1 .\n")
    build(tmp_path / "st", [A])
    assert kg("load", "--store", tmp_path / "st", tmp_path / "extra.ttl").returncode == 0
    assert len(data(tmp_path / "st")) == 4  # the article's graph, the shared descriptions, the summaries, the file's
    assert kg("remove", "--store", tmp_path / "st", "extra.ttl").returncode == 0
    assert len(data(tmp_path / "st")) == 3


# ------------------------------------------------------------------ re-ingest, changed versions

@pytest.mark.skipif(not DEV.is_dir(), reason="needs the dev corpus")
def test_kg_ingest_twice_gives_byte_identical_exports_and_a_changed_article_replaces_only_its_graph(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in sorted(DEV.glob("*.txt"))[:4]:
        (corpus / f.name).write_bytes(f.read_bytes())
    store = tmp_path / "st"
    nquads = []
    for _ in range(2):
        assert kg("ingest", "-q", "--store", store, corpus).returncode == 0
        nquads.append(kg("export", "--store", store, "--format", "nquads").stdout)
    assert nquads[0] == nquads[1] and nquads[0].count("\n") > 100
    before = data(store)

    changed = sorted(corpus.iterdir())[1]
    head, _, _ = changed.read_text(encoding="utf-8").partition("\n---\n")
    changed.write_text(head + "\n---\nRussia and Uzbekistan signed a new treaty on 1 March 2006.\n", encoding="utf-8")
    assert kg("ingest", "-q", "--store", store, changed).returncode == 0
    after = data(store)
    alone = tmp_path / "alone"
    assert kg("ingest", "-q", "--store", alone, changed).returncode == 0
    [graph] = set(data(alone)) - {ENTITIES_GRAPH, SUMMARIES_GRAPH}
    assert after[graph] == data(alone)[graph]  # the new version, whole, nothing of the old one
    others = {graph, ENTITIES_GRAPH, SUMMARIES_GRAPH}  # the shared graphs change with it
    assert {g: q for g, q in after.items() if g not in others} == {g: q for g, q in before.items() if g not in others}


def test_two_articles_with_the_same_file_name_do_not_silently_replace_each_other(tmp_path):
    for folder, text in (("a", "Russia and Uzbekistan signed a treaty."), ("b", "China and Kazakhstan agreed.")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(text)
    done = kg("ingest", "-q", "--store", tmp_path / "st", tmp_path / "a", tmp_path / "b", tmp_path / "a" / "x.txt")
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("kg: [")]
    assert len(errors) == 1 and errors[0].startswith(f"kg: [E811] {tmp_path / 'b' / 'x.txt'}")  # the repeat is fine
    [graph] = [q for g, q in data(tmp_path / "st").items() if g not in (ENTITIES_GRAPH, SUMMARIES_GRAPH)]
    assert any("Uzbekistan" in q for q in graph) and not any("Kazakhstan" in q for q in graph)


# ------------------------------------------------------------------ owlready2

def test_load_owlready_takes_no_path_and_loads_only_the_release(tmp_path, monkeypatch):
    from kg.ontology import load_owlready

    assert not inspect.signature(load_owlready).parameters
    (tmp_path / "geokg.owl").write_text("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>")
    monkeypatch.chdir(tmp_path)  # a decoy next to the user must not be picked up
    world, onto = load_owlready()
    assert onto.State is not None
    assert set(world.ontologies) - {"http://anonymous/"} == {ONTOLOGY + "#"}  # nothing imported besides


def test_the_release_has_no_owl_imports_for_owlready2_to_follow():
    from rdflib import OWL, Graph

    from kg.ontology import release_path

    assert not list(Graph().parse(release_path(), format="xml").triples((None, OWL.imports, None)))


def test_only_kg_ontology_imports_owlready2():
    users = []
    for path in [*(ROOT / "kg").rglob("*.py"), *(ROOT / "loaders").rglob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n.split(".")[0] == "owlready2" for n in names):
                users.append(path.relative_to(ROOT).as_posix())
    assert users == ["kg/ontology.py"]


def test_opening_a_store_twice_in_one_process_is_E302_saying_so(tmp_path):
    from kg.errors import KgError

    first = Store(tmp_path / "st")
    with pytest.raises(KgError, match=r"E302.*already open in this process"):
        Store(tmp_path / "st")
    del first
