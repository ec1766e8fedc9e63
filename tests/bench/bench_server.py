"""Benchmark (run by hand, not in CI): `kg serve` vs `oxigraph serve-read-only` on the same data.

    python tests/bench/bench_server.py [--store DIR | CORPUS_DIR] [--clients 50] [--seconds 30] [--rounds 1]
                                       [--runaways 4]

Builds the dev graph (or uses --store), loads the same quads into an Oxigraph server (the `oxigraph`
PyPI package ships the binary; `pip install oxigraph`) with the union default graph, then runs
``--clients`` concurrent clients for ``--seconds`` each against: kg's ``/sparql`` and Oxigraph's
``/query`` with the same bound stored queries, and kg's ``/api/{name}`` with the same parameters.
Prints throughput, p50/p95 latency and errors of each, and kg/oxigraph ratios, side by side
(``--rounds N`` repeats the three in alternating order and averages). Then, with ``--runaways N`` copies of
a runaway query (a cross product with COUNT) running on each server, the latency of a simple ASK probe.
"""
from __future__ import annotations

import argparse
import asyncio
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

from kg import queries
from kg.store import Store

WORKLOAD = [("timeline", {"state": "UZB"}), ("alignmentTrend", {"state": "UZB"}),
            ("alignmentScore", {"state": "RUS", "by": "month"}), ("pairTimeline", {"state": "UZB", "other": "RUS"}),
            ("alignmentStatements", {"state": "UZB"}), ("entities", {}), ("militaryBases", {}),
            ("agreements", {"state": "RUS"})]
ACCEPT = {"Accept": "application/sparql-results+json"}
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def probe_under_runaways(url: str, n: int, probes: int = 20) -> dict:
    """p50/p95 of an ASK probe at ``url`` while ``n`` runaway queries run there."""
    import threading

    def runaway() -> None:
        try:
            httpx.post(url, content=RUNAWAY, timeout=120, headers={**ACCEPT, "Content-Type": "application/sparql-query"})
        except httpx.HTTPError:
            pass

    threads = [threading.Thread(target=runaway, daemon=True) for _ in range(n)]
    for t in threads:
        t.start()
    time.sleep(2.0)  # let them reach the workers
    lat = []
    for _ in range(probes):
        t0 = time.perf_counter()
        r = httpx.get(url, params={"query": "ASK { ?s ?p ?o }"}, headers=ACCEPT, timeout=120)
        lat.append(time.perf_counter() - t0)
        assert r.status_code == 200, r.text[:200]
    lat.sort()
    return {"p50": lat[len(lat) // 2], "p95": lat[int(len(lat) * 0.95) - 1]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, proc: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited: {proc.args}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    sys.exit(f"server at {url} did not start")


async def hammer(requests: list[tuple[str, dict]], *, clients: int, seconds: float) -> dict:
    """``clients`` loops sending the requests round-robin for ``seconds``; latencies in seconds."""
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        async def one(k: int) -> None:
            nonlocal errors
            i = k
            while time.monotonic() < stop:
                method, kw = requests[i % len(requests)]
                i += 1
                t = time.perf_counter()
                try:
                    r = await client.request(method, **kw)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - t)
                else:
                    errors += 1

        started = time.monotonic()
        await asyncio.gather(*(one(k) for k in range(clients)))
        elapsed = time.monotonic() - started
    latencies.sort()
    pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] if latencies else float("nan")
    return {"n": len(latencies), "rps": len(latencies) / elapsed, "p50": pick(0.5), "p95": pick(0.95), "errors": errors}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(Path(__file__).resolve().parents[3] / "shared/corpus/dev"))
    ap.add_argument("--store", help="an existing store folder (default: ingest CORPUS_DIR into a temp one)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--workers", type=int, help="kg serve --workers (default: its own)")
    ap.add_argument("--rounds", type=int, default=1, help="rounds over the three targets, order alternating")
    ap.add_argument("--runaways", type=int, default=4, help="runaway queries running during the probe (0: skip)")
    ap.add_argument("--timeout", type=float, default=30, help="kg serve --timeout")
    a = ap.parse_args()
    oxigraph = shutil.which("oxigraph") or sys.exit("no `oxigraph` binary: pip install oxigraph")

    tmp = Path(tempfile.mkdtemp(prefix="bench-server-"))
    store_dir = Path(a.store) if a.store else tmp / "kg"
    if not a.store:
        subprocess.run([sys.executable, "-m", "kg.cli", "ingest", "-q", "--store", str(store_dir), a.corpus], check=True)
    store = Store(store_dir, read_only=True)
    texts = [queries.bind(queries.load(n), p, store) for n, p in WORKLOAD]
    dump = tmp / "dump.nq"
    ox.serialize(store.quads(), str(dump), format=ox.RdfFormat.N_QUADS)
    print(f"data: {len(store)} quads; workload: {', '.join(n for n, _ in WORKLOAD)}", flush=True)
    del store
    subprocess.run([oxigraph, "load", "--location", str(tmp / "ox"), "--file", str(dump)], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    kg_port, ox_port = free_port(), free_port()
    cmd = [sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir), "--port", str(kg_port),
           "--timeout", str(a.timeout)]
    kg_proc = subprocess.Popen(cmd + (["--workers", str(a.workers)] if a.workers else []))
    ox_proc = subprocess.Popen([oxigraph, "serve-read-only", "--location", str(tmp / "ox"), "--bind",
                                f"127.0.0.1:{ox_port}", "--union-default-graph"], stderr=subprocess.DEVNULL)
    try:
        kg_url, ox_url = f"http://127.0.0.1:{kg_port}", f"http://127.0.0.1:{ox_port}"
        wait_up(kg_url + "/sparql?query=ASK%7B%7D", kg_proc)
        wait_up(ox_url + "/query?query=ASK%7B%7D", ox_proc)
        # same answers first: a fast wrong server is no benchmark
        for text in texts:
            mine = httpx.post(kg_url + "/sparql", content=text, timeout=60,
                              headers={**ACCEPT, "Content-Type": "application/sparql-query"}).json()
            theirs = httpx.post(ox_url + "/query", content=text, timeout=60,
                                headers={**ACCEPT, "Content-Type": "application/sparql-query"}).json()
            assert len(mine["results"]["bindings"]) == len(theirs["results"]["bindings"]), text[:200]
        post = lambda url: [("POST", {"url": url, "content": t, "headers": {**ACCEPT,
                                      "Content-Type": "application/sparql-query"}}) for t in texts]
        api = [("GET", {"url": f"{kg_url}/api/{n}", "params": p, "headers": ACCEPT}) for n, p in WORKLOAD]
        targets = {"oxigraph serve-read-only /query": post(ox_url + "/query"),
                   "kg serve /sparql": post(kg_url + "/sparql"), "kg serve /api/{name}": api}
        runs: dict[str, list[dict]] = {label: [] for label in targets}
        for round_ in range(a.rounds):
            # alternate the order, so a neighbour's load on this shared machine hits all targets alike
            order = list(targets) if round_ % 2 == 0 else list(reversed(targets))
            for label in order:
                r = asyncio.run(hammer(targets[label], clients=a.clients, seconds=a.seconds))
                runs[label].append(r)
                print(f"round {round_ + 1} {label:34} {r['rps']:8.1f} req/s  p50 {r['p50'] * 1000:7.1f} ms  "
                      f"p95 {r['p95'] * 1000:7.1f} ms  ({r['n']} ok, {r['errors']} errors)", flush=True)
        mean = {label: {k: sum(r[k] for r in rs) / len(rs) for k in ("rps", "p50", "p95")} for label, rs in runs.items()}
        ref = mean["oxigraph serve-read-only /query"]
        for label in ("kg serve /sparql", "kg serve /api/{name}"):
            r = mean[label]
            print(f"ratio {label} / oxigraph (mean of {a.rounds} rounds): throughput {r['rps'] / ref['rps']:.2f}x, "
                  f"p50 {r['p50'] / ref['p50']:.2f}x, p95 {r['p95'] / ref['p95']:.2f}x")
        if a.runaways:
            for label, url in (("kg serve /sparql", kg_url + "/sparql"), ("oxigraph /query", ox_url + "/query")):
                r = probe_under_runaways(url, a.runaways)
                print(f"ASK probe with {a.runaways} runaways running, {label:18} p50 {r['p50'] * 1000:8.1f} ms  "
                      f"p95 {r['p95'] * 1000:8.1f} ms", flush=True)
    finally:
        for p in (kg_proc, ox_proc):
            p.terminate()
            try:
                p.wait(15)
            except subprocess.TimeoutExpired:
                p.kill()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
