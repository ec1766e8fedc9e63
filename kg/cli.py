"""The `kg` command line: ingest, query, queries, export, remove, load, validate, demo, serve.

Errors are one line (``kg: [E401] ...``) with a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import errno
import os
import re
import sys
from pathlib import Path

from kg.errors import KgError
from loaders.errors import LoaderError

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def say(message: str) -> None:
    """One line on standard error, with control characters shown as escapes: a file name holding a newline
    or an ANSI sequence could otherwise forge a line ("ingested 999 documents") or repaint the terminal."""
    print(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", message), file=sys.stderr)


def _store(args, *, must_exist: bool = True, read_only: bool = False):
    from kg.store import Store, store_path

    return Store(store_path(args.store), must_exist=must_exist, read_only=read_only)


def _params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise KgError("E601", f"--param {pair!r} is not NAME=VALUE, e.g. --param state=Uzbekistan")
        out[name.strip()] = value
    return out


def cmd_ingest(args) -> int:
    from kg.ingest import ingest_paths

    for p in args.paths:
        if not Path(p).exists():
            raise KgError("E602", f"no such file or folder: {p}")
    store = _store(args, must_exist=False)
    if args.engine == "spark":  # readers and extractors as a PySpark job; its N-Quads parts bulk-loaded
        from kg.spark import LOCAL_MASTER, ingest_paths_spark

        report = ingest_paths_spark(args.paths, store, master=args.spark_master or LOCAL_MASTER,
                                    output=args.spark_output, reader=args.reader, base=args.base)
    else:
        report = ingest_paths(args.paths, store, reader=args.reader, base=args.base, workers=args.workers,
                              progress=not args.quiet and sys.stderr.isatty())
    for line in report.failed:
        say(f"kg: {line}")
    say(f"ingested {report.documents} documents ({report.quads} quads) into {store.path}"
        + (f"; {len(report.failed)} failed" if report.failed else ""))
    return 0 if report.ok else 1


def cmd_query(args) -> int:
    from kg import queries

    if args.endpoint:  # an external SPARQL server (kg push), asked through SPARQLWrapper
        from kg.remote import RemoteStore

        store = RemoteStore(args.endpoint)
    else:
        store = _store(args, read_only=True)
    params = _params(args.param)
    if args.format in ("json", "csv"):  # a file for a program: every row, streamed, unless a page is asked for
        params.setdefault("limit", "all")
    result = queries.run(args.name, params, store=store)
    sys.stdout.flush()
    result.write(args.format, sys.stdout.buffer)
    if result.more:
        say(f"rows {result.offset + 1} to {result.offset + result.limit}; more with --param offset="
            f"{result.offset + result.limit} (or --param limit=all)")
    return 0


def cmd_push(args) -> int:
    from kg.remote import push

    report = push(_store(args, read_only=True), args.endpoint, progress=not args.quiet and sys.stderr.isatty())
    say(f"pushed {report.graphs} graphs ({report.triples} triples) to {args.endpoint}")
    return 0


def cmd_queries(args) -> int:
    from kg import queries

    for name in queries.catalogue():
        q = queries.load(name)
        params = ", ".join(f"{p.name}{'' if p.required else '?'} ({p.type})" for p in q.params) or "-"
        print(f"{name:16} {q.summary}\n{'':16} parameters: {params}")
    return 0


def cmd_export(args) -> int:
    from kg.export import export, export_text

    store = _store(args, read_only=True)
    if args.output in (None, "-"):
        sys.stdout.write(export_text(store, args.format, with_ontology=args.with_ontology))
    else:
        n = export(store, args.output, args.format, with_ontology=args.with_ontology)
        say(f"wrote {args.output} ({n} characters)")
    return 0


def cmd_remove(args) -> int:
    from kg.remove import remove_sources

    dropped = remove_sources(_store(args), args.sources, base=args.base)
    say(f"removed {len(dropped)} document graph(s)")
    return 0


def cmd_load(args) -> int:
    from kg.rdf_input import Limits, distinct_files, load_file, loaded_graph

    if args.max_triples < 1 or args.max_literal < 1:
        raise KgError("E601", "--max-triples and --max-literal must be positive")
    limits = Limits(triples=args.max_triples, literal_chars=args.max_literal)
    files = distinct_files(args.files, base=args.base)  # before the store is opened: a refusal changes nothing
    store = _store(args, must_exist=False)
    for path in files:
        again = store.oxigraph.contains_named_graph(loaded_graph(str(path), base=args.base))
        graph, n = load_file(store, path, fmt=args.format, base=args.base, limits=limits)
        say(f"loaded {path} ({n} quads) into <{graph}>"
            + (f", replacing the graph of the {path.name} loaded before" if again else ""))
    return 0


def cmd_validate(args) -> int:
    from kg.validate import validate

    report = validate(_store(args, read_only=True).oxigraph)
    for message in report.messages:
        print(message)
    say("conforms" if report.conforms else "does not conform")
    return 0 if report.conforms else 1


def cmd_demo(args) -> int:
    from kg.demo import run_demo

    return run_demo(store_dir=args.store, output=args.output, base=args.base)


def cmd_serve(args) -> int:
    from kg.server import serve
    from kg.store import store_path

    if args.timeout <= 0 or args.max_rows <= 0 or (args.max_waiting or 0) < 0:
        raise KgError("E711", "--timeout and --max-rows must be positive and --max-waiting not negative, "
                              "e.g. --timeout 30 --max-rows 10000 --max-waiting 64")
    serve(store_path(args.store), host=args.host, port=args.port, base=args.base, timeout=args.timeout,
          max_rows=args.max_rows, workers=args.workers, max_waiting=args.max_waiting)
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", help="store folder (default: $KG_STORE or ./kg-store)")
    common.add_argument("--base", help="base IRI for minted data IRIs (default: $KG_BASE or https://w3id.org/geokg/)")

    ap = argparse.ArgumentParser(prog="kg", description="A knowledge graph of geopolitics from the news.")
    sub = ap.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("ingest", parents=[common], help="read articles into the store")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (text, HTML, RSS/Atom, JSON Lines)")
    p.add_argument("--reader", help="force one reader, e.g. txt.v1 (default: by content and extension)")
    p.add_argument("--workers", type=int, default=1, help="extraction processes (default 1)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.add_argument("--engine", choices=["local", "spark"], default="local",
                   help="local processes (default) or a PySpark job (pip install 'geokg[spark]')")
    p.add_argument("--spark-master", metavar="URL", help="Spark master (default local[2]; e.g. spark://host:7077)")
    p.add_argument("--spark-output", metavar="DIR", help="keep the job's N-Quads part files in this new folder")
    p.set_defaults(fn=cmd_ingest)

    p = sub.add_parser("query", parents=[common], help="run a stored query (see `kg queries`)")
    p.add_argument("name")
    p.add_argument("--param", action="append", metavar="NAME=VALUE", help="query parameter; repeat as needed")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--endpoint", metavar="URL", help="ask this SPARQL query endpoint instead of the store "
                   "(e.g. http://127.0.0.1:7878/query; its default graph must be the union of the graphs)")
    p.set_defaults(fn=cmd_query)

    p = sub.add_parser("push", parents=[common], help="send the graph to a SPARQL server (Graph Store Protocol)")
    p.add_argument("--endpoint", metavar="URL", required=True,
                   help="the server's graph store endpoint, e.g. http://127.0.0.1:7878/store (Oxigraph)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p.set_defaults(fn=cmd_push)

    p = sub.add_parser("queries", parents=[common], help="list the stored queries and their parameters")
    p.set_defaults(fn=cmd_queries)

    p = sub.add_parser("export", parents=[common], help="write the graph as RDF")
    p.add_argument("--format", default="turtle", help="turtle (default), ntriples, nquads, trig, jsonld; "
                   "plover: the events as PLOVER JSON Lines")
    p.add_argument("-o", "--output", help="file to write atomically (default: standard output)")
    p.add_argument("--with-ontology", action="store_true", help="include the ontology graph")
    p.set_defaults(fn=cmd_export)

    p = sub.add_parser("remove", parents=[common], help="retract documents and every fact only they supported")
    p.add_argument("sources", nargs="+", metavar="SOURCE", help="url or file name a document was ingested under, "
                   "an article file, or a file name given to `kg load`")
    p.set_defaults(fn=cmd_remove)

    from kg.rdf_input import MAX_LITERAL_CHARS, MAX_TRIPLES

    p = sub.add_parser("load", parents=[common], help="load an RDF file into its own graph (checked, never fetched)")
    p.add_argument("files", nargs="+", metavar="FILE", help="Turtle, N-Triples, N-Quads, TriG, RDF/XML or JSON-LD")
    p.add_argument("--format", help="ttl, nt, nq, trig, rdf, jsonld (default: by extension)")
    p.add_argument("--max-triples", type=int, default=MAX_TRIPLES,
                   help=f"triples at most in one file (default {MAX_TRIPLES:,})")
    p.add_argument("--max-literal", type=int, default=MAX_LITERAL_CHARS,
                   help=f"characters at most in one literal (default {MAX_LITERAL_CHARS:,})")
    p.set_defaults(fn=cmd_load)

    p = sub.add_parser("validate", parents=[common], help="check the data with SHACL and the violation queries")
    p.set_defaults(fn=cmd_validate)

    p = sub.add_parser("demo", parents=[common], help="build the graph from the bundled sample articles and ask it")
    p.add_argument("-o", "--output", default="graph.ttl", help="Turtle file to write (default graph.ttl)")
    p.set_defaults(fn=cmd_demo)

    p = sub.add_parser("serve", parents=[common], help="serve SPARQL, Linked Data and the web page over HTTP")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--timeout", type=float, default=30.0, help="seconds before a query is stopped (default 30)")
    p.add_argument("--max-rows", type=int, default=10_000, help="rows (or triples) at most per answer (default 10000)")
    p.add_argument("--workers", type=int, help="query worker processes (default: CPUs, 2 to 4)")
    p.add_argument("--max-waiting", type=int, help="queries that may wait for a worker; more are answered 503 "
                                                   "with Retry-After (default 32 per worker)")
    p.set_defaults(fn=cmd_serve)
    return ap


# after a full disk: what is safe and how to go on, by command
_AFTER_DISK_FULL = {
    "ingest": "every document stored before it is whole (one transaction each) and the one being written is "
              "absent; free space and run the same `kg ingest` again: stored documents are replaced by identical ones",
    "load": "the files loaded before are whole, the one being written is absent (or undone at the next write, "
            "W304); free space and run the same `kg load` again",
    "export": "an output file (-o) is written to a temporary file and renamed, so none was left half written; "
              "standard output is incomplete; free space and export again",
}


def _disk_full(exc: OSError) -> bool:
    return exc.errno == errno.ENOSPC or "No space left on device" in str(exc)  # RocksDB: no errno


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.fn(args)
    except (KgError, LoaderError) as exc:
        say(f"kg: {exc}")
        return 2
    except KeyboardInterrupt:
        say("kg: interrupted")
        return 130
    except MemoryError:
        say("kg: [E603] out of memory; what was written before stays whole (each document and each loaded file "
            "is written entirely or not at all): give the command smaller inputs, e.g. split the file")
        return 2
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        if not _disk_full(exc):
            raise
        say(f"kg: [E604] no space left on the device ({exc}); "
            + _AFTER_DISK_FULL.get(args.command, "nothing was half written; free space and run it again"))
        return 2


if __name__ == "__main__":
    sys.exit(main())
