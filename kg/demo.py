"""`kg demo`: build the graph from the bundled sample articles, ask it one alignment and one
chronology question, and write it as Turtle. Everything printed is read from the articles."""
from __future__ import annotations

import sys
from pathlib import Path

from kg import queries
from kg.export import export
from kg.ingest import ingest_paths
from kg.store import Store, store_path

SAMPLES = Path(__file__).resolve().parent / "samples"


def run_demo(*, store_dir: str | None = None, output: str = "graph.ttl", base: str | None = None,
             state: str = "Uzbekistan") -> int:
    store = Store(store_path(store_dir))
    articles = sorted(SAMPLES.glob("*.txt"))
    report = ingest_paths([str(p) for p in articles], store, base=base, progress=sys.stderr.isatty())
    for line in report.failed:
        print(f"kg: {line}", file=sys.stderr)
    print(f"Ingested {report.documents} sample articles ({report.quads} quads) into {store.path}\n")

    print(f"Alignment: which states and blocs is {state} moving toward or away from? (alignmentTrend)")
    result = queries.run("alignmentTrend", {"state": state}, store=store)
    print(queries.table(result.vars, result.rows) + "\n")

    print(f"Chronology: what happened involving {state}, in order? (timeline)")
    result = queries.run("timeline", {"state": state}, store=store)
    cols = ["date", "type", "label", "source"]
    print(queries.table(cols, result.rows) + "\n")

    size = export(store, output, "turtle")
    print(f"Wrote {output} ({size} characters of Turtle)")
    return 0 if report.ok else 1
