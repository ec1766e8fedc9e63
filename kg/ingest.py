"""Ingest: files -> Documents -> Facts -> one named graph per document, written in one transaction.

A document that fails to read or to extract is reported and leaves nothing in the store; the
others go on. Extraction may run in worker processes; the store has one writer, this process, whose writes
run in one thread beside the reading, one write at a time and in order (the store works outside Python's
lock, so a batch is written while the next is read).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import chain, islice

import pyoxigraph as ox

from kg.iris import Minter
from kg.link import links
from kg.mapping import to_quads
from loaders.errors import LoaderError
from loaders.model import Document, Facts
from loaders.registry import get_extractor

BATCH = 16
PREVIEW = 1_000  # items read ahead to give a small input's bar its total (a bigger one gets a running count)
WRITE_QUADS = 50_000  # new graphs wait until this many quads are ready, then go in together


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


class _Writer:
    """Writes the graphs of a run: new ones gathered and written together (the store's bulk loader on disk),
    a graph already in the store replaced on its own; each with its events' links to the other reports of
    them (:mod:`kg.link`), in the same write. Writes run in a thread of their own, one at a time in the
    order given, while the caller reads on; :meth:`close` waits for the last one and raises what failed."""

    def __init__(self, store, report: IngestReport):
        self.store, self.report = store, report
        self.graphs: list[ox.NamedNode] = []
        self.quads: list[ox.Quad] = []
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-write")
        self._writing: Future | None = None

    def _wait(self) -> None:
        writing, self._writing = self._writing, None
        if writing is not None:
            writing.result()

    def _submit(self, write: Callable, *args) -> None:
        self._wait()  # one write in flight: a batch's quads are held at most until the next is ready
        self._writing = self._thread.submit(write, *args)

    def add(self, graph: ox.NamedNode, quads: list[ox.Quad]) -> None:
        # a graph of this run is never here twice (the caller skips repeats), so a write in flight cannot hold it
        if self.store.oxigraph.contains_named_graph(graph):
            self.flush()
            self._wait()  # its links are made from the other graphs first, so they go in with it in one transaction
            self._submit(lambda: self.store.replace_graph(graph, quads + links(self.store.oxigraph, [graph], quads)))
        else:
            self.graphs.append(graph)
            self.quads += quads
            if len(self.quads) >= WRITE_QUADS:
                self.flush()
        self.report.documents += 1
        self.report.quads += len(quads)

    def flush(self) -> None:
        if self.graphs:
            # and their links, undone with them after a kill
            self._submit(self.store.add_graphs, self.graphs, self.quads)
            self.graphs, self.quads = [], []

    def close(self) -> None:
        try:
            self._wait()
        finally:
            self._thread.shutdown(wait=True)


def _pooled(pool, batches: Iterable[list], extractor: str, base: str | None, window: int):
    """(batch, its results) in order, at most ``window`` batches in the workers at once (a stream of any
    length in bounded memory); pre-coded batches are turned into quads here, as sending them costs more."""
    pending: deque[tuple[list, Future]] = deque()
    for batch in batches:
        if all(isinstance(d, Facts) for d in batch):
            future: Future = Future()
            future.set_result(_extract_batch(batch, extractor, base, text=False))
        else:
            future = pool.submit(_extract_batch, batch, extractor, base)
        pending.append((batch, future))
        while len(pending) > window or pending[0][1].done():
            done, result = pending.popleft()
            yield done, result.result()
            if not pending:
                break
    for done, result in pending:
        yield done, result.result()


def ingest_documents(docs: Iterable[Document | Facts | LoaderError], store, *, base: str | None = None,
                     extractor: str = "news.v1", workers: int = 1, progress: bool = False) -> IngestReport:
    """Extract and store each document; failures are collected in the report, never raised. ``docs`` may be a
    stream of any length: it is read a batch at a time."""
    from tqdm import tqdm

    report = IngestReport()
    store.ensure_ontology()

    def good():
        for d in docs:
            if isinstance(d, LoaderError):
                report.failed.append(str(d))
            else:
                yield d

    items = good()
    head = list(islice(items, PREVIEW))  # a small input gets a bar with its total, a stream a running count
    bar = tqdm(total=len(head) if len(head) < PREVIEW else None, unit="doc", desc="ingest", disable=not progress)
    batches = _batches(chain(head, items), BATCH)
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 and len(head) > BATCH else None
    writer = _Writer(store, report)
    try:
        results = (_pooled(pool, batches, extractor, base, 2 * workers) if pool
                   else ((b, _extract_batch(b, extractor, base, text=False)) for b in batches))
        # graph -> what wrote it in this run, both as hashes: a run of a million records stays small
        seen: dict[int, int] = {}
        for docs_of_batch, batch in results:
            for item, (graph, nquads, error) in zip(docs_of_batch, batch):
                doc = document_of(item)
                bar.update(1)
                if error:
                    report.failed.append(error)
                    continue
                content, key = hash((doc.path, doc.text)), hash(graph)
                if key in seen:  # same source (url, else file name) twice: the second would replace the first
                    if seen[key] != content:
                        report.failed.append(
                            f"[E811] {doc.path or doc.source}: not ingested, another document in this ingest has "
                            f"the same source {doc.source!r}; give each article its own url (front matter `url:`) "
                            "or file name, and each coded record its own id")
                    continue  # else the same document twice (same file and text): once is enough
                seen[key] = content
                quads = nquads if isinstance(nquads, list) else (
                    list(ox.parse(nquads, format=ox.RdfFormat.N_QUADS)) if nquads else [])
                writer.add(ox.NamedNode(graph), quads)
        writer.flush()
    finally:
        bar.close()
        try:
            writer.close()  # the write in flight ends first, on an interrupt too: the store is left whole
        finally:
            if pool:
                pool.shutdown(cancel_futures=True)
    store.flush()
    return report


def ingest_paths(paths: Iterable[str], store, *, reader: str | None = None, **kwargs) -> IngestReport:
    """Ingest files and folders (recursively); see :func:`ingest_documents`."""
    from loaders.files import iter_documents

    # `kg ingest .` next to the store must not read the store's own files
    exclude = [store.path] if store.path is not None else []
    return ingest_documents(iter_documents(paths, reader=reader, exclude=exclude), store, **kwargs)
