"""`kg push` and `kg query --endpoint` against the real Oxigraph server (the `oxigraph` binary from PyPI).

The server runs on 127.0.0.1 on a free port with a temporary location and the union default graph,
as the README tells users to run it; every catalogue query must give the same rows remotely as on
the embedded store.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import time

import httpx
import pytest

from kg import queries
from kg.cli import main
from kg.errors import KgError
from kg.ingest import ingest_paths
from kg.remote import RemoteStore, push
from kg.store import Store
from tests.bench.workload import typical_params
from tests.conftest import DEV

STARTUP = 20.0  # seconds the server may take to answer its first request


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    binary = shutil.which("oxigraph")
    assert binary, "the oxigraph server binary is missing: pip install oxigraph (in the [test] extra)"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                             "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + STARTUP
        while True:
            try:
                httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"oxigraph serve did not start: {proc.stderr.read().decode()[-500:]}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def dev_store(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("store") / "kg")
    assert ingest_paths([DEV], store).ok
    return store


@pytest.fixture(scope="module")
def pushed(server, dev_store):
    report = push(dev_store, f"{server}/store")
    return report


def test_push_sends_every_graph_with_all_its_triples(server, dev_store, pushed):
    assert pushed.graphs == len(dev_store.graphs()) == 15  # 12 documents, the ontology, the entity descriptions, the summaries
    assert pushed.triples == len(dev_store)
    remote = RemoteStore(f"{server}/query")
    [row] = list(remote.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert int(row["n"].value) == len(dev_store)


def test_push_again_replaces_rather_than_duplicates(server, dev_store, pushed):
    push(dev_store, f"{server}/store")
    [row] = list(RemoteStore(f"{server}/query").query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
    assert int(row["n"].value) == len(dev_store)


@pytest.mark.parametrize("name", queries.catalogue())
@pytest.mark.parametrize("window", [False, True], ids=["plain", "window"])
def test_every_stored_query_gives_the_same_rows_remotely(server, dev_store, pushed, name, window):
    params = typical_params(name, dev_store, window=window)
    if params is None:
        pytest.skip(f"{name}: no typical value for a required parameter")
    local = queries.run(name, params, store=dev_store)
    remote = queries.run(name, params, store=RemoteStore(f"{server}/query"))
    assert remote.vars == local.vars
    assert remote.rows == local.rows
    if name == "timeline" and not window:
        assert len(local.rows) > 5  # the comparison is not between two empty answers


def test_cli_push_and_query_endpoint(server, dev_store, pushed, capsys):
    dev_store.flush()  # the CLI opens the folder read-only beside this open store
    assert main(["push", "-q", "--store", str(dev_store.path), "--endpoint", f"{server}/store"]) == 0
    assert "pushed 15 graphs" in capsys.readouterr().err
    assert main(["query", "timeline", "--param", "state=Uzbekistan", "--format", "csv",
                 "--endpoint", f"{server}/query"]) == 0
    remote = capsys.readouterr().out
    assert main(["query", "timeline", "--param", "state=Uzbekistan", "--format", "csv",
                 "--store", str(dev_store.path)]) == 0
    assert capsys.readouterr().out == remote
    assert remote.count("\n") > 5


def test_unknown_entity_is_reported_from_the_remote_lookup(server, pushed):
    with pytest.raises(KgError, match=r"E405.*Atlantis"):
        queries.run("timeline", {"state": "Atlantis"}, store=RemoteStore(f"{server}/query"))


def test_errors_say_how_to_fix(dev_store, capsys):
    with pytest.raises(KgError, match="E901"):
        RemoteStore("localhost:7878/query")
    port = _free_port()  # nothing listens there
    with pytest.raises(KgError, match="E902.*check that the server runs"):
        push(dev_store, f"http://127.0.0.1:{port}/store", timeout=5)
    assert main(["query", "timeline", "--param", "state=UZB", "--endpoint", f"http://127.0.0.1:{port}/query"]) == 2
    assert capsys.readouterr().err.startswith("kg: [E902]")


def test_wrong_endpoint_is_a_numbered_error(server, dev_store):
    with pytest.raises(KgError, match="E903.*HTTP 4"):
        push(dev_store, f"{server}/no-such-endpoint")
