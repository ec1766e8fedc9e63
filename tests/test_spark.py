"""`kg ingest --engine spark`: a real PySpark job in local mode gives the same facts as the local path."""
from __future__ import annotations

import gc
import os

import pyoxigraph as ox
import pytest

from kg.summaries import SUMMARIES
from kg.cli import main
from kg.descriptions import ENTITIES_GRAPH
from kg.errors import KgError
from kg.ingest import ingest_paths
from kg.spark import run_job
from kg.store import Store
from tests.conftest import DEV

pytest.importorskip("pyspark", reason="the [spark] extra (in [test]) installs pyspark")
pytestmark = pytest.mark.slow  # one Spark job, ~15 s


@pytest.fixture(scope="module")
def spark_run(tmp_path_factory):
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    tmp = tmp_path_factory.mktemp("spark")
    store, parts = tmp / "store", tmp / "parts"
    code = main(["ingest", "--engine", "spark", "--store", str(store), "--spark-output", str(parts), str(DEV)])
    gc.collect()  # the ingest's writer must be closed (its compactions done) before a read-only open
    return code, Store(store, read_only=True), parts


def test_spark_ingest_gives_the_same_quads_as_the_local_path(spark_run):
    code, spark_store, _ = spark_run
    assert code == 0
    local = Store()
    assert ingest_paths([DEV], local).ok
    assert len(local.graphs()) == 15  # 12 articles, the ontology, the entity descriptions, the summaries: not two empty stores
    # the ontology graph (ensure_ontology in both) has fresh blank nodes per load: compare its size only
    onto = ox.NamedNode("https://w3id.org/geokg/ontology")
    facts = [{q for q in s.quads() if q.graph_name != onto} for s in (spark_store, local)]
    assert facts[0] == facts[1]
    assert len(spark_store) == len(local)


def test_partitions_are_nquads_with_each_graph_in_one_part(spark_run):
    _, spark_store, parts = spark_run
    files = sorted(parts.glob("part-*"))
    assert len(files) > 1  # the job really ran as several tasks
    owner: dict[str, str] = {}
    written: set[ox.Quad] = set()
    for f in files:
        for q in ox.parse(path=str(f), format=ox.RdfFormat.N_QUADS):
            written.add(q)
            if q.graph_name.value != ENTITIES_GRAPH:  # what an entity is comes with every part that names it
                assert owner.setdefault(q.graph_name.value, f.name) == f.name
    assert len(owner) == 12
    # the store holds the parts, the ontology, the same-event links made once they are in (kg.link) and the
    # alignment summaries made from them (kg.summaries)
    links = sum(1 for _ in spark_store.oxigraph.quads_for_pattern(
        None, ox.NamedNode("https://w3id.org/geokg/ontology#sameEventAs"), None, None))
    derived = sum(1 for g in (ox.NamedNode("https://w3id.org/geokg/ontology"), SUMMARIES)
                  for _ in spark_store.oxigraph.quads_for_pattern(None, None, None, g))
    assert len(written) == len(spark_store) - links - derived


def test_existing_output_folder_is_refused_before_spark_starts(tmp_path):
    with pytest.raises(KgError, match="E912.*--spark-output"):
        run_job([DEV], tmp_path)
