"""Benchmark (run by hand, not in CI): ingest throughput vs bare spaCy ``nlp.pipe`` on the same texts.

    python tests/bench/bench_ingest.py [CORPUS_DIR] [--repeat N]

Prints words/s for bare ``nlp.pipe``, for the full ingest (read, extract, map, store) with 1 and 2
workers, and the ratios, all measured side by side in one run.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from kg.ingest import ingest_documents
from kg.store import Store
from loaders.extract.nlp import nlp
from loaders.files import iter_documents
from loaders.model import Document


def _docs(corpus: Path, repeat: int) -> list[Document]:
    base = [d for d in iter_documents([corpus]) if isinstance(d, Document)]
    # distinct sources, so each copy is its own document graph
    return [Document(**{**d.__dict__, "source": f"{i}/{d.source}", "url": None}) for i in range(repeat) for d in base]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(Path(__file__).resolve().parents[3] / "shared/corpus/dev"))
    ap.add_argument("--repeat", type=int, default=20)
    a = ap.parse_args()
    docs = _docs(Path(a.corpus), a.repeat)
    words = sum(len(d.text.split()) for d in docs)
    model = nlp()
    list(model.pipe(d.text for d in docs[:4]))  # warm up

    t = time.perf_counter()
    for _ in model.pipe((d.text for d in docs), batch_size=16):
        pass
    bare = words / (time.perf_counter() - t)
    print(f"{len(docs)} documents, {words} words")
    print(f"bare nlp.pipe          {bare:10.0f} words/s")
    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "store")
            t = time.perf_counter()
            report = ingest_documents(docs, store, workers=workers)
            rate = words / (time.perf_counter() - t)
            assert report.ok, report.failed[:3]
        print(f"kg ingest, {workers} worker{'s' if workers > 1 else ' '} {rate:10.0f} words/s   ratio {rate / bare:.2f}")


if __name__ == "__main__":
    main()
