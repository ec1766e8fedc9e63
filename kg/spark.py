"""Distributed ingestion: readers and extractors as a PySpark job writing N-Quads partitions.

The driver lists the article files; each Spark task reads its files with the same reader choice as
the local path (``loaders.files``) and extracts and maps them with the same code
(``kg.ingest._extract_batch``), so the facts are the same. Tasks write N-Quads part files
(``part-00000`` ...), one document's graph in one piece; the embedded store bulk-loads them
(:func:`load_partitions`), and so can an external server (``oxigraph load``, Virtuoso's ``ld_dir``,
QLever's index builder). On a cluster the files must be on storage every worker sees, and geokg
must be installed on the workers. pyspark is imported only when a job runs (extra ``[spark]``).

>>> slices(12, parallelism=2)
4
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import KgError

LOCAL_MASTER = "local[2]"


@dataclass
class SparkReport:
    documents: int = 0
    quads: int = 0
    graphs: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    output: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def parts(self) -> list[Path]:
        return sorted(self.output.glob("part-*")) if self.output else []


def slices(files: int, *, parallelism: int) -> int:
    """How many tasks: a few per core so a slow article does not hold a whole core's share."""
    return max(1, min(files, parallelism * 2))


def _files(paths, exclude) -> list[str]:
    from loaders.files import _walk

    skip = frozenset(Path(e).resolve() for e in exclude)
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            out += [str(f) for f in _walk(path, skip)]
        elif path.exists():
            out.append(str(path))
        else:
            raise KgError("E602", f"no such file or folder: {p}")
    return out


def _extract_partition(files, reader: str | None, extractor: str, base: str | None):
    """(graph, N-Quads, error) per document of these files; runs in a Spark task."""
    from kg.ingest import BATCH, _batches, _extract_batch
    from loaders.errors import LoaderError
    from loaders.files import _documents_of_file

    docs = []
    for f in files:
        for d in _documents_of_file(Path(f), reader):
            if isinstance(d, LoaderError):
                yield ("", "", str(d))
            else:
                docs.append(d)
    for batch in _batches(docs, BATCH):
        yield from _extract_batch(batch, extractor, base)


def _session(master: str):
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise KgError("E910", "the Spark engine needs pyspark: pip install 'geokg[spark]' (and Java 17+)") from exc
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # a local job listens on loopback only
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this interpreter (spaCy, geokg)
    builder = (SparkSession.builder.master(master).appName("geokg-ingest")
               .config("spark.ui.enabled", "false")  # no web UI listening on every interface
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.python.worker.reuse", "true"))  # load the spaCy model once per worker
    if master.startswith("local"):
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    try:
        return builder.getOrCreate()
    except Exception as exc:  # no Java, a wrong master URL, ...
        raise KgError("E911", f"cannot start Spark with master {master!r} ({type(exc).__name__}: {exc}); "
                              "check Java 17+ (`java -version`) and the --spark-master URL") from exc


def run_job(paths, output: str | os.PathLike, *, master: str = LOCAL_MASTER, reader: str | None = None,
            extractor: str = "news.v1", base: str | None = None, exclude=()) -> SparkReport:
    """Extract ``paths`` with Spark into N-Quads part files under ``output`` (which must not exist)."""
    from functools import partial

    from kg.iris import Minter

    Minter(base)  # a bad base fails here, not in every task
    output = Path(output)
    if output.exists():
        raise KgError("E912", f"{output} exists; Spark writes a new folder: remove it or give another --spark-output")
    files = _files(paths, exclude)
    spark = _session(master)
    try:
        sc = spark.sparkContext
        records = (sc.parallelize(files, slices(len(files), parallelism=sc.defaultParallelism))
                   .mapPartitions(partial(_extract_partition, reader=reader, extractor=extractor, base=base))
                   .persist())
        # a document's whole graph is one record, so one part file holds all of it
        records.filter(lambda r: bool(r[1])).map(lambda r: r[1].rstrip("\n")).saveAsTextFile(str(output))
        summary = records.map(lambda r: (r[0], r[1].count("\n"), r[2])).collect()
        records.unpersist()
    except KgError:
        raise
    except Exception as exc:
        raise KgError("E913", f"the Spark job failed ({type(exc).__name__}: {str(exc)[:300]}); "
                              "see the Spark log above") from exc
    finally:
        spark.stop()
    report = SparkReport(output=output)
    for graph, quads, error in summary:
        if error:
            report.failed.append(error)
        else:
            report.documents += 1
            report.quads += quads
            report.graphs.append(graph)
    return report


def load_partitions(store, report: SparkReport) -> None:
    """Put the job's graphs into ``store``: each document's graph replaces any older one of it."""
    import pyoxigraph as ox

    from kg.link import link_graphs

    store.ensure_ontology()
    for graph in report.graphs:
        store.remove_graph(ox.NamedNode(graph))
    for part in report.parts:
        if part.stat().st_size:
            store.oxigraph.bulk_load(path=str(part), format=ox.RdfFormat.N_QUADS)
    link_graphs(store.oxigraph, [ox.NamedNode(g) for g in report.graphs])  # other reports of their events
    store.summarize([ox.NamedNode(g) for g in report.graphs])  # with their links: the alignment sums
    store.flush()


def ingest_paths_spark(paths, store, *, master: str = LOCAL_MASTER, output: str | os.PathLike | None = None,
                       reader: str | None = None, base: str | None = None,
                       extractor: str = "news.v1") -> SparkReport:
    """Run the job, then bulk-load its partitions into ``store``; keeps them in ``output`` if given."""
    exclude = [store.path] if store.path is not None else []
    tmp = None if output else tempfile.mkdtemp(prefix="kg-spark-")
    try:
        report = run_job(paths, output or Path(tmp) / "nquads", master=master, reader=reader,
                         extractor=extractor, base=base, exclude=exclude)
        load_partitions(store, report)
        return report
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
