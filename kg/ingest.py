"""Ingest: files -> Documents -> Facts -> one named graph per document, written in one transaction.

A document that fails to read or to extract is reported and leaves nothing in the store; the
others go on. Extraction may run in worker processes; the store has one writer, this process.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

import pyoxigraph as ox

from kg.iris import Minter
from kg.mapping import to_quads
from loaders.errors import LoaderError
from loaders.model import Document, Facts
from loaders.registry import get_extractor

BATCH = 16


@dataclass
class IngestReport:
    documents: int = 0
    quads: int = 0
    failed: list[str] = field(default_factory=list)  # one clear line per failed file or document

    @property
    def ok(self) -> bool:
        return not self.failed


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def document_of(item: Document | Facts) -> Document:
    return item.document if isinstance(item, Facts) else item


def _extract_batch(docs: list[Document | Facts], extractor: str, base: str | None,
                   text: bool = True) -> list[tuple[str, str | list, str | None]]:
    """(source, its graph's quads or "", error or None) per document; runs in a worker or inline. The quads
    are N-Quads text for a worker (pyoxigraph terms do not pickle), the terms themselves inline."""
    fn = get_extractor(extractor)
    many: Callable = getattr(fn, "pipe", None) or (lambda ds: map(fn, ds))
    minter = Minter(base)
    texts = [d for d in docs if not isinstance(d, Facts)]  # pre-coded records (plover.v1) are read already
    try:
        read = list(many(texts))
    except Exception:  # one bad document must not sink its batch: redo them one by one
        read = []
        for d in texts:
            try:
                read.append(fn(d))
            except Exception as exc:  # noqa: BLE001 - reported per document, as the contract says
                read.append(exc)
    done = iter(read)
    facts = [d if isinstance(d, Facts) else next(done) for d in docs]
    docs = [document_of(d) for d in docs]
    out = []
    for doc, f in zip(docs, facts):
        if isinstance(f, Exception):
            out.append((doc.source, "", f"[E120] {doc.path or doc.source}: extraction failed ({f!r}); the other documents went in — please report this with the file"))
            continue
        graph, quads = to_quads(f, minter)
        out.append((graph.value, "".join(f"{q} .\n" for q in quads) if text else quads, None))
    return out


def ingest_documents(docs: Iterable[Document | LoaderError], store, *, base: str | None = None,
                     extractor: str = "news.v1", workers: int = 1, progress: bool = False) -> IngestReport:
    """Extract and store each document; failures are collected in the report, never raised."""
    from tqdm import tqdm

    report = IngestReport()
    store.ensure_ontology()
    good: list[Document] = []
    for d in docs:
        if isinstance(d, LoaderError):
            report.failed.append(str(d))
        else:
            good.append(d)
    bar = tqdm(total=len(good), unit="doc", desc="ingest", disable=not progress)
    batches = list(_batches(good, BATCH))
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 and len(batches) > 1 else None
    try:
        results = (pool.map(_extract_batch, batches, [extractor] * len(batches), [base] * len(batches)) if pool
                   else (_extract_batch(b, extractor, base, text=False) for b in batches))
        seen: dict[str, Document] = {}  # graph -> the document of this run that wrote it
        for docs_of_batch, batch in zip(batches, results):
            for item, (graph, nquads, error) in zip(docs_of_batch, batch):
                doc = document_of(item)
                bar.update(1)
                if error:
                    report.failed.append(error)
                    continue
                first = seen.setdefault(graph, doc)
                if first is not doc:  # same source (url, else file name) twice: the second would replace the first
                    if (first.path, first.text) != (doc.path, doc.text):
                        report.failed.append(
                            f"[E811] {doc.path or doc.source}: not ingested, {first.path or first.source} in this "
                            f"ingest has the same source {doc.source!r}; give each article its own url (front "
                            "matter `url:`) or file name")
                    continue
                quads = nquads if isinstance(nquads, list) else (
                    list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS)) if nquads else [])
                store.replace_graph(ox.NamedNode(graph), quads)
                report.documents += 1
                report.quads += len(quads)
    finally:
        bar.close()
        if pool:
            pool.shutdown()
    store.flush()
    return report


def ingest_paths(paths: Iterable[str], store, *, reader: str | None = None, **kwargs) -> IngestReport:
    """Ingest files and folders (recursively); see :func:`ingest_documents`."""
    from loaders.files import iter_documents

    # `kg ingest .` next to the store must not read the store's own files
    exclude = [store.path] if store.path is not None else []
    return ingest_documents(iter_documents(paths, reader=reader, exclude=exclude), store, **kwargs)
