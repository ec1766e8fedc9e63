"""Benchmark (run by hand, not in CI): ingest throughput vs bare spaCy ``nlp.pipe`` on the same texts.

    python tests/bench/bench_ingest.py [CORPUS_DIR] [--repeat N] [--rounds R]

Prints words/s for bare ``nlp.pipe`` and for the full ingest (read, extract, map, store) with 1 and 2
workers, each ingest right after its own bare run, for R rounds, and the median ratio per worker count.
"""
from __future__ import annotations

import argparse
import statistics
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
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    docs = _docs(Path(a.corpus), a.repeat)
    words = sum(len(d.text.split()) for d in docs)
    model = nlp()
    list(model.pipe(d.text for d in docs[:4]))  # warm up: the model is loaded outside the timings ...
    with tempfile.TemporaryDirectory() as tmp:  # ... and so are the readers' lexicons, gazetteer and dictionary
        ingest_documents(docs[:4], Store(Path(tmp) / "store"))

    def bare_rate() -> float:
        t = time.perf_counter()
        for _ in model.pipe((d.text for d in docs), batch_size=16):
            pass
        return words / (time.perf_counter() - t)

    def ingest_rate(workers: int) -> float:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "store")
            t = time.perf_counter()
            report = ingest_documents(docs, store, workers=workers)
            rate = words / (time.perf_counter() - t)
            assert report.ok, report.failed[:3]
            del store  # closed (its background compaction waited for) before its folder is removed
        return rate

    print(f"{len(docs)} documents, {words} words; {a.rounds} rounds, each bare then ingest (this machine's speed"
          " drifts between runs: the median ratio of the rounds is the figure)")
    ratios: dict[int, list[float]] = {1: [], 2: []}
    for r in range(a.rounds):
        for workers in (1, 2):
            bare = bare_rate()
            rate = ingest_rate(workers)
            ratios[workers].append(rate / bare)
            print(f"round {r + 1}: bare nlp.pipe {bare:7.0f} words/s, kg ingest {workers} worker"
                  f"{'s' if workers > 1 else ' '} {rate:7.0f} words/s, ratio {rate / bare:.2f}")
    for workers, rs in ratios.items():
        print(f"kg ingest, {workers} worker{'s' if workers > 1 else ' '}: median ratio {statistics.median(rs):.2f} "
              f"(rounds: {', '.join(f'{x:.2f}' for x in rs)})")

if __name__ == "__main__":
    main()
