"""Ingest: idempotent, one transaction per document, failures isolated, workers give the same graph."""
from __future__ import annotations

from kg.ingest import ingest_documents
from kg.store import Store
from loaders.model import Document, Facts
from loaders.registry import extractor

DOCS = [Document(text="Russia and Uzbekistan signed a treaty on allied relations on Monday.", source="a.txt",
                 published="2005-11-14"),
        Document(text="The United States criticised Uzbekistan over the Andijon crackdown.", source="b.txt",
                 published="2005-05-20")]


@extractor("test-fails-on-b.v1")
def _fails_on_b(doc: Document) -> Facts:
    if doc.source == "b.txt":
        raise RuntimeError("broken on purpose")
    return Facts(doc)


def _data(store: Store) -> set[str]:
    return {str(q) for q in store.quads() if "ontology" not in q.graph_name.value}


def test_reingest_gives_the_same_quads():
    s = Store()
    ingest_documents(DOCS, s)
    first = _data(s)
    ingest_documents(DOCS, s)
    assert _data(s) == first and len(first) > 10


def test_changed_document_replaces_its_graph():
    s = Store()
    ingest_documents(DOCS, s)
    changed = Document(text="Nothing happened.", source="a.txt")
    ingest_documents([changed], s)
    assert not any("treaty" in q for q in _data(s))
    assert any("Andijon" in q for q in _data(s))


def test_failed_document_leaves_nothing_and_others_go_in():
    s = Store()
    report = ingest_documents(DOCS, s, extractor="test-fails-on-b.v1")
    assert report.documents == 1 and len(report.failed) == 1 and "E120" in report.failed[0]
    assert len(s.graphs()) == 2  # the ontology and a.txt's graph, nothing of b.txt


def test_two_workers_give_the_same_graph():
    one, two = Store(), Store()
    many = [Document(text=d.text, source=f"{i}-{d.source}", published=d.published) for i in range(20) for d in DOCS]
    ingest_documents(many, one)
    report = ingest_documents(many, two, workers=2)
    assert report.documents == 40 and _data(one) == _data(two)
