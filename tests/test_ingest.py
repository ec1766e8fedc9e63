"""Ingest: idempotent, one transaction per document, failures isolated, workers give the same graph."""
from __future__ import annotations

import sys

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


def test_two_workers_give_the_same_graph_for_articles_and_coded_records_mixed(tmp_path):
    from loaders.readers.plover import record_facts

    records = [record_facts({"id": f"r{i}", "event": "CONSULT", "date": "2010-03-02", "text": f"Talks {i}.",
                             "source": [{"code": "FRA"}], "target": [{"code": "DEU"}]}, n=i, name="c.jsonl")
               for i in range(40)]
    articles = [Document(text=d.text, source=f"{i}-{d.source}", published=d.published) for i in range(10) for d in DOCS]
    mixed = records[:20] + articles + records[20:]
    one, two = Store(tmp_path / "one"), Store(tmp_path / "two")
    ingest_documents(mixed, one)
    report = ingest_documents(mixed, two, workers=2)
    assert report.documents == 60 and _data(one) == _data(two)


# --- long articles

def _reading(doc: Document) -> tuple:
    from loaders.extract.pipeline import read

    f = read(doc)
    return (sorted((e.key, e.kind) for e in f.entities),
            sorted((e.type, tuple(e.actors), tuple(e.targets), e.date, e.evidence) for e in f.events))


def test_a_long_text_parsed_in_pieces_reads_as_the_whole(monkeypatch):
    """Past CHUNK_CHARS a text is parsed piece by piece, cut at paragraph ends, and joined into one Doc: the
    same text, no sentence across a cut, and the same entities and events as one parse of the whole."""
    from pathlib import Path

    from loaders.extract import nlp as nlp_module
    from loaders.files import iter_documents

    samples = Path(__file__).resolve().parents[1] / "kg" / "samples"  # the bundled articles
    doc = max((d for d in iter_documents([samples]) if isinstance(d, Document)),
              key=lambda d: d.text.count("\n\n"))
    whole = _reading(doc)
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 600)
    pieces = nlp_module.chunks(doc.text, 600)
    assert len(pieces) > 3 and "".join(pieces) == doc.text
    parsed = nlp_module.parse(doc.text)
    assert parsed.text == doc.text
    cuts = {sum(map(len, pieces[:i])) for i in range(1, len(pieces))}
    assert all(not any(s.start_char < c < s.end_char for c in cuts) for s in parsed.sents)
    assert _reading(doc) == whole and whole[1]


def test_an_article_past_spacys_million_characters_is_read_not_refused(monkeypatch):
    """spaCy refuses texts over nlp.max_length (E088, which surfaced as "E120 ... please report this");
    the pieces are each under it. The limit is lowered here so the test reads a short text."""
    from loaders.extract.nlp import nlp

    monkeypatch.setattr(nlp(), "max_length", 2_000)
    text = "Russia and Uzbekistan signed a treaty on allied relations on Monday.\n\n" * 60  # 4,260 characters
    monkeypatch.setattr("loaders.extract.nlp.CHUNK_CHARS", 1_500)
    report = ingest_documents([Document(text=text, source="long.txt", published="2005-11-14")], Store())
    assert report.documents == 1 and not report.failed


def test_a_write_that_fails_in_the_writing_thread_fails_the_ingest_and_the_next_write_is_not_made(monkeypatch):
    import pytest

    s = Store()
    written = []

    def add_graphs(graphs, quads):
        written.append(list(graphs))
        raise OSError("disk full")

    monkeypatch.setattr(s, "add_graphs", add_graphs)
    monkeypatch.setattr(sys.modules["kg.ingest"], "WRITE_QUADS", 1)  # a write per document: the first fails while the second is read
    with pytest.raises(OSError, match="disk full"):
        ingest_documents(DOCS, s)
    assert len(written) == 1


def test_every_write_is_in_the_store_when_ingest_returns(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules["kg.ingest"], "WRITE_QUADS", 1)  # a write per document, the last one still in flight at the end
    s = Store(tmp_path / "store")
    one_write = Store()
    ingest_documents(DOCS, one_write)
    report = ingest_documents(DOCS, s)
    assert report.documents == 2
    assert _data(s) == _data(one_write) and len(_data(s)) > 10
