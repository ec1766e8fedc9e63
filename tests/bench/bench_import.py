"""Benchmark (run by hand, not in CI): importing generated PLOVER records, rows/s and peak memory.

    python tests/bench/bench_import.py [--rows N] [--per-file M]

Writes N made-up records (random pairs of states, categories and dates) as JSON Lines files of M records
each (default: one file of all of them; a coded-event file has no size limit and is read a record at a
time), ingests them into a fresh store in one `kg ingest` run, and prints rows/s, the links made between
records that happen to report the same event, and the peak RSS of the process (which should not grow with N).
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from kg.ingest import ingest_paths
from kg.store import Store
from loaders.gazetteer import gazetteer
from loaders.model import PLOVER_TYPES


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=20_000)
    ap.add_argument("--per-file", type=int, default=0, help="records per file (default: all in one)")
    a = ap.parse_args()
    a.per_file = a.per_file or a.rows
    rnd = random.Random(7)
    isos = sorted(s["iso3"] for s in gazetteer().states.values() if s.get("iso3"))
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "records"
        src.mkdir()
        for f in range(0, a.rows, a.per_file):
            with (src / f"part-{f // a.per_file:05d}.jsonl").open("w", encoding="utf-8") as out:
                for i in range(f, min(a.rows, f + a.per_file)):
                    s, t = rnd.sample(isos, 2)
                    out.write(json.dumps({
                        "id": f"gen-{i}", "event": rnd.choice(PLOVER_TYPES), "date": f"20{rnd.randint(10, 23)}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}",
                        "source": [{"code": s}], "target": [{"code": t}],
                        "text": f"Generated record {i}: {s} and {t}."}) + "\n")
        t = time.perf_counter()
        store = Store(Path(tmp) / "store")
        report = ingest_paths([str(src)], store, progress=True)
        dt = time.perf_counter() - t
        links = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?a <https://w3id.org/geokg/ontology#sameEventAs> ?b }")))["n"].value
    assert report.ok and report.documents == a.rows, report.failed[:3]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{a.rows} records in {dt:.1f} s: {a.rows / dt:,.0f} rows/s, {report.quads:,} quads, {links} same-event "
          f"links, peak RSS {peak:,.0f} MB")


if __name__ == "__main__":
    main()
