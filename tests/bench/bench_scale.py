"""Benchmark (run by hand, not in CI): the store at 10 k, 100 k and 1 M events, side by side with rdflib.

    python tests/bench/bench_scale.py [--events 10000 100000 1000000] [--workdir /tmp/kg-bench]
                                      [--rdflib-max 100000] [--repeat 20] [--phase-timeout 3600]

For each size: generate the graph through the project's mapping (tests/bench/generate.py; cached in
the work folder), bulk-load it into an on-disk store (triples/s; at small sizes also the per-document
path `kg ingest` uses), run every catalogue query with typical parameters (p50/p95 over repeated runs,
binding included), the same bound queries on rdflib's in-memory Dataset where it loads within the
bounds, and export (N-Quads, kg's sorted form and pyoxigraph's streaming dump). Every phase runs in its
own process, so its peak RSS is its own, and under a time limit; a phase that overruns is reported as
such. Results are merged into WORKDIR/results.json, so sizes can be run one at a time, and the README
tables are printed from all of them.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]
QUERY_BUDGET = 30.0  # seconds of timed runs per query (at least one run)
RDFLIB_QUERY_LIMIT = 30  # seconds for one rdflib query; then it is reported as over the limit
KG_EXPORT_MAX = 5_000_000  # quads
PER_DOC_MAX = 10_000  # events: above this the per-document load path is not measured (it is the slow one)


def _emit(**record) -> None:
    record["maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(record), flush=True)


def _paths(workdir: Path, n: int) -> tuple[Path, Path, Path]:
    return workdir / f"events-{n}.nq", workdir / f"store-{n}", workdir / f"bound-{n}.json"


def _percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * len(values) + 0.5) - 1))]


def _timed_runs(fn, repeat: int) -> list[float]:
    times: list[float] = []
    while len(times) < repeat:
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
        if sum(times) > QUERY_BUDGET:
            break
    return times


# --- phases (each runs in a child process) ---------------------------------------------------------

def phase_generate(n: int, workdir: Path, **_) -> None:
    sys.path.insert(0, str(HERE.parent))
    from generate import write_nquads

    nq, _, _ = _paths(workdir, n)
    if nq.exists():
        _emit(phase="generate", cached=True, quads=sum(1 for _ in open(nq, "rb")))
        return
    t = time.perf_counter()
    counts = write_nquads(n, nq)
    _emit(phase="generate", cached=False, seconds=round(time.perf_counter() - t, 2), **counts)


def phase_load(n: int, workdir: Path, **_) -> None:
    import pyoxigraph as ox

    from kg import summaries
    from kg.store import Store

    nq, store_dir, _ = _paths(workdir, n)
    shutil.rmtree(store_dir, ignore_errors=True)
    t = time.perf_counter()
    store = Store(store_dir)
    store.oxigraph.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
    store.ensure_ontology()
    store.flush()
    seconds = time.perf_counter() - t
    quads = len(store)
    record = {"quads": quads, "bulk_seconds": round(seconds, 2), "bulk_rate": round(quads / seconds)}
    t = time.perf_counter()
    summaries.rebuild(store.oxigraph)  # what a bulk load adds: the alignment sums (kg.summaries)
    store.flush()
    record.update(summaries_seconds=round(time.perf_counter() - t, 2), summary_quads=len(store) - quads)
    if n <= PER_DOC_MAX:  # what `kg ingest` does: one SPARQL update per document graph
        by_graph: dict = {}
        for q in ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS):
            by_graph.setdefault(q.graph_name, []).append(q)
        other = Store(workdir / f"store-{n}-perdoc")
        t = time.perf_counter()
        for graph, quads_of in by_graph.items():
            other.replace_graph(graph, quads_of)
        other.flush()
        per_doc = time.perf_counter() - t
        record.update(perdoc_seconds=round(per_doc, 2), perdoc_rate=round(sum(map(len, by_graph.values())) / per_doc))
        del other
        shutil.rmtree(workdir / f"store-{n}-perdoc", ignore_errors=True)
    _emit(phase="load", **record)


def phase_query(n: int, workdir: Path, repeat: int, query: str | None = None, **_) -> None:
    from kg import queries
    from kg.store import Store

    sys.path.insert(0, str(HERE.parent))
    from workload import typical_params

    _, store_dir, bound_file = _paths(workdir, n)
    store = Store(store_dir, read_only=True)
    bound = json.loads(bound_file.read_text()) if query and bound_file.exists() else {}
    for name in [query] if query else queries.catalogue():
        params = typical_params(name, store)
        if params is None:
            _emit(phase="query", query=name, skipped="no typical value for a required parameter")
            continue
        bound[name] = queries.bind(queries.load(name), params, store)
        bound_file.write_text(json.dumps(bound))
        t = time.perf_counter()
        rows = len(queries.run(name, params, store=store).rows)  # warm-up, and the answer's size
        first = time.perf_counter() - t
        # a query slower than a third of the budget is timed once: its first run stands for it
        times = [first] if first > QUERY_BUDGET / 3 else _timed_runs(
            lambda: queries.run(name, params, store=store).rows, repeat)
        _emit(phase="query", query=name, params=params, rows=rows, runs=len(times),
              p50_ms=round(statistics.median(times) * 1000, 2), p95_ms=round(_percentile(times, 0.95) * 1000, 2))
    bound_file.write_text(json.dumps(bound))


class _Overrun(Exception):
    pass


def phase_rdflib(n: int, workdir: Path, repeat: int, **_) -> None:
    import rdflib

    from kg.namespaces import ONTOLOGY_IRI
    from kg.ontology import source_path

    nq, _, bound_file = _paths(workdir, n)
    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(str(nq), format="nquads")
    ds.graph(rdflib.URIRef(ONTOLOGY_IRI)).parse(str(source_path()), format="turtle")
    _emit(phase="rdflib-load", quads=len(ds), seconds=round(time.perf_counter() - t, 2))

    def alarm(*_):
        raise _Overrun

    signal.signal(signal.SIGALRM, alarm)  # rdflib is pure Python, so the alarm can stop a query
    for name, text in json.loads(bound_file.read_text()).items():
        times: list[float] = []
        try:
            signal.alarm(RDFLIB_QUERY_LIMIT)
            rows = len(list(ds.query(text)))
            signal.alarm(0)
            times = _timed_runs(lambda: list(ds.query(text)), min(repeat, 5))
        except _Overrun:
            _emit(phase="rdflib", query=name, over_s=RDFLIB_QUERY_LIMIT)
            continue
        finally:
            signal.alarm(0)
        _emit(phase="rdflib", query=name, rows=rows, runs=len(times),
              p50_ms=round(statistics.median(times) * 1000, 2), p95_ms=round(_percentile(times, 0.95) * 1000, 2))


def phase_export(n: int, workdir: Path, **_) -> None:
    import pyoxigraph as ox

    from kg.export import export_text
    from kg.store import Store

    _, store_dir, _ = _paths(workdir, n)
    store = Store(store_dir, read_only=True)
    quads = len(store)
    out = workdir / f"export-{n}.nq"
    t = time.perf_counter()
    store.oxigraph.dump(str(out), format=ox.RdfFormat.N_QUADS)
    dump = time.perf_counter() - t
    out.unlink()
    record = {"quads": quads, "dump_rate": round(quads / dump)}
    _emit(phase="export-dump", **record)
    if quads > KG_EXPORT_MAX:  # kg export sorts the whole graph in memory (deterministic bytes): not at 1 M events
        return
    t = time.perf_counter()
    text = export_text(store, "nquads", with_ontology=True)
    record["kg_nquads_rate"] = round(quads / (time.perf_counter() - t))
    del text
    _emit(phase="export", **record)


PHASES = {"generate": phase_generate, "load": phase_load, "query": phase_query, "rdflib": phase_rdflib,
          "export": phase_export}


# --- the driver ------------------------------------------------------------------------------------

def _run_phase(phase: str, n: int, args) -> list[dict]:
    """Run one phase in a child process under the time limit; its JSON lines, plus an overrun note."""
    if phase == "query" and args.query_timeout:  # one child per query, so one slow query cannot hide the rest
        from kg import queries

        out: list[dict] = []
        for name in args.only or queries.catalogue():
            out += _run_child(phase, n, args, ["--query", name], args.query_timeout,
                              {"phase": "query", "query": name, "over_s": args.query_timeout})
        return out
    return _run_child(phase, n, args, [], args.phase_timeout, {"phase": phase, "overrun_s": args.phase_timeout})


def _run_child(phase: str, n: int, args, extra: list[str], limit: float, overrun: dict) -> list[dict]:
    cmd = [sys.executable, str(HERE), "--phase", phase, "--events", str(n), "--workdir", str(args.workdir),
           "--repeat", str(args.repeat), *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env, start_new_session=True)
    lines: list[dict] = []
    reader = threading.Thread(target=lambda: lines.extend(json.loads(x) for x in proc.stdout if x.startswith("{")))
    reader.start()
    try:
        proc.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        lines.append(overrun)
    reader.join(timeout=30)
    if proc.returncode not in (0, -signal.SIGKILL):
        lines.append({"phase": phase, "failed": proc.returncode})
    for line in lines:
        print(f"  [{n}] {json.dumps(line)}", file=sys.stderr, flush=True)
    return lines


def _fmt(v, unit="") -> str:
    return "-" if v is None else (f"{v:,.0f}{unit}" if isinstance(v, (int, float)) and v >= 100 else f"{v}{unit}")


def report(results: dict) -> str:
    sizes = sorted(results, key=int)
    out = ["| events | quads | bulk load (quads/s) | per-document load (quads/s) | export dump / kg N-Quads (quads/s) "
           "| peak RSS load / query (MB) |", "|---|---|---|---|---|---|"]
    for n in sizes:
        r = results[n]
        load = next((x for x in r if x.get("phase") == "load"), {})
        exp = next((x for x in r if x.get("phase") == "export"), {}) or next(
            (x for x in r if x.get("phase") == "export-dump"), {})
        qrss = max((x["maxrss_mb"] for x in r if x.get("phase") == "query" and "maxrss_mb" in x), default=None)
        out.append(f"| {int(n):,} | {_fmt(load.get('quads'))} | {_fmt(load.get('bulk_rate'))} | "
                   f"{_fmt(load.get('perdoc_rate'))} | {_fmt(exp.get('dump_rate'))} / {_fmt(exp.get('kg_nquads_rate'))} "
                   f"| {_fmt(load.get('maxrss_mb'))} / {_fmt(qrss)} |")
    names = sorted({x["query"] for n in sizes for x in results[n] if x.get("phase") == "query"})
    out += ["", "p50 / p95 ms per stored query (oxigraph on disk, binding included); rdflib p50 and the speed-up "
            "(rdflib p50 / oxigraph p50) where rdflib ran; rows at the largest size", "",
            "| query | " + " | ".join(f"{int(n):,} events" for n in sizes) + " | rdflib "
            + " | ".join(f"{int(n):,}" for n in sizes) + " | rows |",
            "|---|" + "---|" * (2 * len(sizes) + 1)]
    for name in names:
        cells, rcells, rows = [], [], "-"
        for n in sizes:
            q = next((x for x in results[n] if x.get("phase") == "query" and x.get("query") == name), {})
            rd = next((x for x in results[n] if x.get("phase") == "rdflib" and x.get("query") == name), None)
            cells.append(f"{q['p50_ms']} / {q['p95_ms']}" if "p50_ms" in q
                         else f"> {q['over_s']:.0f} s" if "over_s" in q else "-")
            rows = q.get("rows", rows)
            if rd is None:
                rcells.append("-")
            elif "over_s" in rd:
                rcells.append(f"> {rd['over_s']} s")
            else:
                rcells.append(f"{rd['p50_ms']:.0f} ms ({rd['p50_ms'] / max(q.get('p50_ms', 1e-9), 1e-9):.0f}×)")
        out.append(f"| {name} | " + " | ".join(cells) + " | " + " | ".join(rcells) + f" | {_fmt(rows)} |")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kg-bench"))
    ap.add_argument("--rdflib-max", type=int, default=100_000, help="largest size rdflib is tried on")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--phase-timeout", type=float, default=3600, help="seconds for one phase of one size")
    ap.add_argument("--phases", nargs="+", choices=PHASES, default=list(PHASES), help="phases to run (default all)")
    ap.add_argument("--query-timeout", type=float, default=0,
                    help="seconds for each stored query (its warm-up and timed runs), each in its own process")
    ap.add_argument("--only", nargs="+", metavar="QUERY", help="with --query-timeout: time only these queries")
    ap.add_argument("--phase", choices=PHASES, help=argparse.SUPPRESS)  # child mode
    ap.add_argument("--query", help=argparse.SUPPRESS)  # child mode: one stored query
    ap.add_argument("--report-only", action="store_true", help="print the tables from results.json")
    args = ap.parse_args()
    if args.phase:
        PHASES[args.phase](args.events[0], args.workdir, repeat=args.repeat, query=args.query)
        return
    args.workdir.mkdir(parents=True, exist_ok=True)
    results_file = args.workdir / "results.json"
    results = json.loads(results_file.read_text()) if results_file.exists() else {}
    if not args.report_only:
        for n in args.events:
            lines: list[dict] = []
            for phase in args.phases:
                if phase == "rdflib" and n > args.rdflib_max:
                    continue
                lines += _run_phase(phase, n, args)
            # a phase run again replaces its earlier lines; the others are kept (re-read: another run may
            # have written other sizes meanwhile)
            results = json.loads(results_file.read_text()) if results_file.exists() else {}
            kept = [x for x in results.get(str(n), []) if x.get("phase", "").split("-")[0] not in args.phases
                    or (args.only and x.get("query") not in args.only)]
            results[str(n)] = kept + lines
            results_file.write_text(json.dumps(results, indent=1))
    print(report(results))


if __name__ == "__main__":
    main()
