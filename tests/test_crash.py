"""Nothing lost: real `kg` subprocesses killed with SIGKILL at random points, then the store is checked.

Why this holds: a document's graph is replaced by one SPARQL update, which Oxigraph commits as one
RocksDB write batch through its write-ahead log; a killed process (not a power cut) leaves that log in
the OS, so on reopening a batch is there whole or not at all. These tests check it rather than trust it.
"""
from __future__ import annotations

import gc
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import summaries
from kg.descriptions import ENTITIES_GRAPH
from kg.summaries import SUMMARIES, SUMMARIES_GRAPH
from kg.store import Store

from conftest import DEV

KG = [sys.executable, "-m", "kg.cli"]
GK = "https://w3id.org/geokg/ontology#"
ROUNDS = 3
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="needs the dev corpus in shared/corpus/dev")


def _graphs(path: Path) -> dict[str, set[str]]:
    """{graph IRI: its quads as N-Quads lines}; opening read-write also proves the store is usable."""
    store = Store(path)
    out: dict[str, set[str]] = {}
    for q in store.quads():
        out.setdefault(q.graph_name.value, set()).add(str(q))
    del store
    gc.collect()  # release the RocksDB lock before the next subprocess opens the store
    return out


def _summaries_as_recomputed(path: Path) -> bool:
    """The summaries a writer's open leaves (it finishes what a killed write marked) are those recomputed from
    the documents."""
    store = Store(path)
    kept = set(store.oxigraph.quads_for_pattern(None, None, None, SUMMARIES))
    summaries.rebuild(store.oxigraph)
    same = kept == set(store.oxigraph.quads_for_pattern(None, None, None, SUMMARIES))
    del store
    gc.collect()
    return same


def _without_links(quads: set[str]) -> set[str]:
    return {q for q in quads if f"<{GK}sameEventAs>" not in q}


def _links(graphs: dict[str, set[str]]) -> set[tuple[str, str]]:
    """The same-event links of a store, whichever graph holds each."""
    return {tuple(q.split(" ")[0:3:2]) for quads in graphs.values() for q in quads if f"<{GK}sameEventAs>" in q}


def _same(a: set[str], b: set[str]) -> bool:
    """Same graph: equal quads, or isomorphic where blank nodes (the ontology's, fresh on each parse) occur."""
    if a == b:
        return True
    from rdflib import Graph
    from rdflib.compare import isomorphic

    def graph(quads: set[str]) -> Graph:
        return Graph().parse(data="".join(q.rsplit(" ", 1)[0] + " .\n" for q in quads), format="nt")

    return len(a) == len(b) and isomorphic(graph(a), graph(b))


def _same_store(a: dict[str, set[str]], b: dict[str, set[str]]) -> bool:
    return a.keys() == b.keys() and all(_same(a[g], b[g]) for g in a)


def _described_as_named(graphs: dict[str, set[str]], clean: dict[str, set[str]]) -> bool:
    """The shared descriptions after a kill: part of the clean run's, and of exactly the entities and tenures the
    document graphs left name (none brought by a document the kill undid)."""
    shared = graphs.get(ENTITIES_GRAPH, set())
    named = set()
    for graph, quads in graphs.items():
        for q in quads if graph != ENTITIES_GRAPH else ():
            s, p, o = q.split(" ", 2)
            if p == f"<{GK}mentionedIn>":
                named.add(s)
            elif p == f"<{GK}holds>":
                named.add(o.rsplit(" ", 1)[0])
    return shared <= clean[ENTITIES_GRAPH] and {q.split(" ", 1)[0] for q in shared} == named


def _named_graphs_seen(path: Path) -> int:
    # a read-only view, as `kg query` opens it while an ingest writes; absent or half-created counts as none
    try:
        view = ox.Store.read_only(str(path))
    except Exception:  # noqa: BLE001 - before the writer has made its column families, RocksDB refuses
        return 0
    n = sum(1 for _ in view.named_graphs())
    del view
    return n


def _wait_for_documents(proc: subprocess.Popen, path: Path, graphs: int, polls: int = 3000) -> None:
    """Until the store shows ``graphs`` named graphs (the ontology + documents) or the process ends."""
    for _ in range(polls):
        if proc.poll() is not None or _named_graphs_seen(path) >= graphs:
            return
        time.sleep(0.01)


def _kill_after(proc: subprocess.Popen, seconds: float) -> None:
    try:
        proc.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The 12 dev articles and 12 changed copies (other url, so other documents): two extraction batches."""
    d = tmp_path_factory.mktemp("corpus")
    for f in sorted(DEV.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        (d / f.name).write_text(text, encoding="utf-8")
        (d / f"copy-{f.name}").write_text(text.replace("url: ", "url: https://copy.example.org/?u=", 1)
                                          if text.startswith("---") and "\nurl: " in text[:400] else text,
                                          encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def clean_run(corpus, tmp_path_factory) -> tuple[dict[str, set[str]], float]:
    """The graphs of a clean ingest, and how long it took (to spread the kills over a run)."""
    store = tmp_path_factory.mktemp("clean") / "store"
    started = time.monotonic()
    subprocess.run([*KG, "ingest", "-q", "--store", str(store), str(corpus)], check=True, timeout=600,
                   capture_output=True)
    graphs = _graphs(store)
    assert len(graphs) == 27  # 24 documents (the copies without url get their own file name), the ontology,
    # the shared entity descriptions and the alignment summaries
    return graphs, time.monotonic() - started


def test_sigkill_during_ingest_leaves_each_document_whole_or_absent_and_a_rerun_completes(corpus, clean_run, tmp_path):
    clean, seconds = clean_run
    rng = random.Random(7)
    fresh, again = tmp_path / "fresh", tmp_path / "again"
    # (store, how): once documents are being written to a new store, kill during or between the writes of a
    # batch; anywhere in a run on a new store; anywhere in a rerun that replaces the graphs already there
    for store, when in ((again, "writing"), (fresh, "anywhere"), (again, "anywhere")):
        proc = subprocess.Popen([*KG, "ingest", "-q", "--store", str(store), str(corpus)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if when == "writing":
            _wait_for_documents(proc, store, 2)
            _kill_after(proc, rng.uniform(0.0, 0.2) * seconds)
        else:
            _kill_after(proc, rng.uniform(0.3, 0.95) * seconds)
        graphs = _graphs(store)
        for graph, quads in graphs.items():
            assert graph in clean, f"unknown graph {graph} after a kill"
            # a same-event link lives in the graph of whichever of its two documents was written later
            # (kg.link), which a kill in a rerun changes; the links themselves are checked below
            ours, theirs = _without_links(quads), _without_links(clean[graph])
            assert graph in (ENTITIES_GRAPH, SUMMARIES_GRAPH) or _same(ours, theirs), \
                f"document graph {graph} is partial after a kill ({when}): only after the kill " \
                f"{sorted(ours - theirs)[:3]}, only in the clean run {sorted(theirs - ours)[:3]}"
        assert _links(graphs) <= _links(clean), "a same-event link the clean run does not make"
        assert _described_as_named(graphs, clean), "the shared descriptions do not match the documents after a kill"
        assert _summaries_as_recomputed(store), "the alignment summaries do not match the documents after a kill"
    for store in (fresh, again):
        rerun = subprocess.run([*KG, "ingest", "-q", "--store", str(store), str(corpus)], timeout=600,
                               capture_output=True, text=True)
        assert rerun.returncode == 0, rerun.stderr
        assert _same_store(_graphs(store), clean)


_WRITER = """
import sys, pyoxigraph as ox
from kg.store import Store
s = Store(sys.argv[1]); g = ox.NamedNode("https://example.org/graph/big"); n = int(sys.argv[2])
for i in range(1000):
    v = "ab"[i % 2]
    s.replace_graph(g, [ox.Quad(ox.NamedNode(f"https://example.org/s{k}"), ox.NamedNode("https://example.org/p"),
                                ox.Literal(v), g) for k in range(n)])
    print(v, flush=True)
"""


def test_sigkill_during_a_big_graph_replacement_leaves_the_old_or_the_new_graph(tmp_path):
    # one graph of 20 000 quads replaced over and over: each update takes long enough to be hit mid-way
    n, rng = 20_000, random.Random(11)
    store = tmp_path / "store"
    for _ in range(ROUNDS):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(store), str(n)], stdout=subprocess.PIPE,
                                text=True)
        assert proc.stdout.readline().strip() in "ab"  # one commit done; now kill during a later one
        _kill_after(proc, rng.uniform(0.0, 1.5))
        values = [q.split(" ")[2] for q in _graphs(store).get("https://example.org/graph/big", set())]
        assert len(values) == n and len(set(values)) == 1, f"{len(values)} quads, values {set(values)}"


def _bulk_store(path: Path, n: int) -> None:
    store = Store(path)
    g = ox.NamedNode("https://example.org/graph/big")
    store.oxigraph.bulk_extend(ox.Quad(ox.NamedNode(f"https://example.org/s{k}"),
                                       ox.NamedNode("https://example.org/label"), ox.Literal(f"thing number {k}"), g)
                               for k in range(n))
    store.flush()
    del store
    gc.collect()


def test_sigkill_during_export_leaves_the_old_file_intact(tmp_path):
    store, out = tmp_path / "store", tmp_path / "graph.nt"
    _bulk_store(store, 150_000)
    old = b"<https://example.org/old> <https://example.org/p> \"the previous export\" .\n"
    out.write_bytes(old)
    rng = random.Random(5)
    for _ in range(ROUNDS):
        proc = subprocess.Popen([*KG, "export", "--store", str(store), "--format", "ntriples", "-o", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # kill as soon as the temporary file appears (mid-write), else at a random point of the run
        deadline = time.monotonic() + rng.uniform(0.3, 3.0)
        while proc.poll() is None and time.monotonic() < deadline:
            if any(p.name.startswith(".graph.nt.") for p in tmp_path.iterdir()):
                break
            time.sleep(0.01)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        if proc.returncode == 0:  # it finished before the kill: start again from the old file
            out.write_bytes(old)
            continue
        assert out.read_bytes() == old
        for tmp in tmp_path.glob(".graph.nt.*"):  # what SIGKILL leaves behind: a hidden temp file, never the target
            tmp.unlink()
    done = subprocess.run([*KG, "export", "--store", str(store), "--format", "ntriples", "-o", str(out)],
                          timeout=600, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(list(ox.parse(path=str(out), format=ox.RdfFormat.N_TRIPLES))) == 150_000


def test_second_ingest_on_a_locked_store_fails_clearly_and_changes_nothing(corpus, tmp_path):
    store = tmp_path / "store"
    one = next(iter(sorted(corpus.iterdir())))
    holder = Store(store)  # a real RocksDB lock, held as another kg process would hold it
    try:
        r = subprocess.run([*KG, "ingest", "-q", "--store", str(store), str(one)], timeout=300,
                           capture_output=True, text=True)
        assert r.returncode == 2 and "[E302]" in r.stderr and "in use by another kg process" in r.stderr
        assert "Traceback" not in r.stderr
        assert len(holder) == 0
    finally:
        del holder
        gc.collect()


def test_two_ingests_at_once_one_fails_clearly_and_nothing_is_corrupted(corpus, clean_run, tmp_path):
    clean, _ = clean_run
    store = tmp_path / "store"
    procs = [subprocess.Popen([*KG, "ingest", "-q", "--store", str(store), str(corpus)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(timeout=600), p.stderr.read()) for p in procs]
    for rc, err in results:
        assert rc == 0 or (rc == 2 and "[E302]" in err), err
    assert any(rc == 0 for rc, _ in results)
    assert _same_store(_graphs(store), clean)
