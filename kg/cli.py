"""The `kg` command line: ingest, query, queries, export, validate, demo.

Errors are one line (``kg: [E401] ...``) with a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from kg.errors import KgError
from loaders.errors import LoaderError


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
    report = ingest_paths(args.paths, store, reader=args.reader, base=args.base, workers=args.workers,
                          progress=not args.quiet and sys.stderr.isatty())
    for line in report.failed:
        print(f"kg: {line}", file=sys.stderr)
    print(f"ingested {report.documents} documents ({report.quads} quads) into {store.path}"
          + (f"; {len(report.failed)} failed" if report.failed else ""), file=sys.stderr)
    return 0 if report.ok else 1


def cmd_query(args) -> int:
    from kg import queries

    result = queries.run(args.name, _params(args.param), store=_store(args, read_only=True))
    sys.stdout.write(result.serialize(args.format).rstrip("\n") + "\n")
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
        print(f"wrote {args.output} ({n} characters)", file=sys.stderr)
    return 0


def cmd_validate(args) -> int:
    from kg.validate import validate

    report = validate(_store(args, read_only=True).oxigraph)
    for message in report.messages:
        print(message)
    print("conforms" if report.conforms else "does not conform", file=sys.stderr)
    return 0 if report.conforms else 1


def cmd_demo(args) -> int:
    from kg.demo import run_demo

    return run_demo(store_dir=args.store, output=args.output, base=args.base)


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
    p.set_defaults(fn=cmd_ingest)

    p = sub.add_parser("query", parents=[common], help="run a stored query (see `kg queries`)")
    p.add_argument("name")
    p.add_argument("--param", action="append", metavar="NAME=VALUE", help="query parameter; repeat as needed")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.set_defaults(fn=cmd_query)

    p = sub.add_parser("queries", parents=[common], help="list the stored queries and their parameters")
    p.set_defaults(fn=cmd_queries)

    p = sub.add_parser("export", parents=[common], help="write the graph as RDF")
    p.add_argument("--format", default="turtle", help="turtle (default), ntriples, nquads, trig, jsonld")
    p.add_argument("-o", "--output", help="file to write atomically (default: standard output)")
    p.add_argument("--with-ontology", action="store_true", help="include the ontology graph")
    p.set_defaults(fn=cmd_export)

    p = sub.add_parser("validate", parents=[common], help="check the data with SHACL and the violation queries")
    p.set_defaults(fn=cmd_validate)

    p = sub.add_parser("demo", parents=[common], help="build the graph from the bundled sample articles and ask it")
    p.add_argument("-o", "--output", default="graph.ttl", help="Turtle file to write (default graph.ttl)")
    p.set_defaults(fn=cmd_demo)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.fn(args)
    except (KgError, LoaderError) as exc:
        print(f"kg: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
