"""Benchmark (run by hand, not in CI): seconds per 100 KB of one article, from 10 KB to past a megabyte.

    python tests/bench/bench_long.py [CORPUS_DIR] [--sizes 10,100,300,1000,1200]

Builds articles of each size from the corpus texts one after another (paragraphs kept) and runs
`kg ingest` on each as a user would, in one run, printing CPU seconds, seconds per 100 KB after the
fixed start-up cost (an ingest of a one-line article, measured first) and the peak memory of the ingest
processes so far. Cost should grow with the text: seconds per 100 KB about flat. Sizes past
spaCy's million-character limit go through the chunked parse (loaders/extract/nlp.py).
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from loaders.files import iter_documents
from loaders.model import Document


def _article(corpus: Path, kb: int) -> str:
    texts = [d.text.strip() for d in iter_documents([corpus]) if isinstance(d, Document)]
    base = "\n\n".join(texts) + "\n\n"
    body = (base * (kb * 1000 // len(base) + 1))[: kb * 1000]
    return f"---\ntitle: Long article of {kb} KB\npublished: 2008-01-01\n---\n{body}\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(Path(__file__).resolve().parents[3] / "shared/corpus/dev"))
    ap.add_argument("--sizes", default="10,100,300,1000,1200", help="article sizes in KB, comma-separated")
    args = ap.parse_args()
    print(f"{'KB':>6} {'cpu s':>8} {'s/100KB':>8} {'peak MB':>8}")
    start_up = None
    with tempfile.TemporaryDirectory() as tmp:
        for kb in [0, *map(int, args.sizes.split(","))]:
            path = Path(tmp) / f"long-{kb}.txt"
            path.write_text(_article(Path(args.corpus), kb) if kb else "---\ntitle: t\n---\nRussia protested.\n",
                            encoding="utf-8")
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            done = subprocess.run([sys.executable, "-m", "kg.cli", "ingest", "--store", str(Path(tmp) / f"s{kb}"),
                                   str(path)], capture_output=True, text=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if done.returncode != 0 or "[E" in done.stderr:
                print(f"{kb:>6} failed: {done.stderr.strip()[-300:]}")
                continue
            cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            if start_up is None:
                start_up = cpu
                print(f"{'start':>6} {cpu:>8.1f} {'':>8} {after.ru_maxrss / 1024:>8.0f}")
                continue
            print(f"{kb:>6} {cpu:>8.1f} {(cpu - start_up) / kb * 100:>8.2f} {after.ru_maxrss / 1024:>8.0f}")


if __name__ == "__main__":
    main()
