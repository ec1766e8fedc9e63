"""Validate geokg data: the SHACL shapes, then the ``*-violation.rq`` data-quality queries.

One entry point, :func:`validate`, returning a :class:`ValidationReport` (as pySHACL does).
pySHACL runs without inference: the TBox is mixed into a copy of the data, which is enough for
``sh:class``/``sh:targetClass`` to follow ``rdfs:subClassOf`` and keeps it fast. Each violation
query is an ODK-style SELECT that must return no rows; its rows are reported under the file's
stem (``alignment-self`` for ``alignment-self-violation.rq``).

A Dataset (the store's named graphs) is flattened to one graph first, so checks that cross
documents (two QIDs for one entity, a cycle of gk:precedes) see all of it.

>>> from rdflib import Graph
>>> validate(Graph()).conforms
True
>>> bad = Graph().parse(data='''@prefix gk: <https://w3id.org/geokg/ontology#> .
... <https://example.org/id/event/1> a gk:Event, gk:Agree .''', format="turtle")
>>> report = validate(bad)
>>> report.conforms, sorted({r.message[:8] for r in report.results})  # no actor nor target; no evidence
(False, ['[GKS-E1]', '[GKS-E4]'])
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import RDF, Dataset, Graph
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH

from kg.ontology import shapes_path, source_path, violations_dir

_SUFFIX = "-violation.rq"


@dataclass(frozen=True)
class ShaclResult:
    """One SHACL validation result, its IRIs as strings ("" where the result has none)."""

    focus: str
    path: str
    component: str  # e.g. "http://www.w3.org/ns/shacl#MinCountConstraintComponent"
    severity: str
    message: str
    value: str = ""

    def __str__(self) -> str:
        return f"{self.focus} {self.path or '-'}: {self.message}"


@dataclass
class ValidationReport:
    conforms: bool
    messages: list[str] = field(default_factory=list)
    # violation query name -> its rows (each a dict of variable -> value as a string); only those that fired
    violations: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    results: list[ShaclResult] = field(default_factory=list)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


@lru_cache(maxsize=1)
def _tbox() -> Graph:
    return Graph().parse(source_path(), format="turtle")


@lru_cache(maxsize=1)
def violation_queries() -> dict[str, str]:
    """Name -> text of every ``ontology/violations/*-violation.rq``, sorted by name."""
    d = violations_dir()
    return {p.name[: -len(_SUFFIX)]: p.read_text(encoding="utf-8")
            for p in sorted(Path(d).glob(f"*{_SUFFIX}"))}


def _flatten(data) -> Graph:
    # Always a fresh graph: pySHACL then runs in place on it, and the caller's graph is never touched.
    g = Graph()
    if type(data).__module__.startswith("pyoxigraph"):  # a pyoxigraph Store: go through N-Quads
        from pyoxigraph import RdfFormat

        ds = Dataset()
        ds.parse(data=data.dump(format=RdfFormat.N_QUADS), format="nquads")
        data = ds
    if isinstance(data, ConjunctiveGraph):  # Dataset too: every named graph
        for s, p, o, _ in data.quads((None, None, None, None)):
            g.add((s, p, o))
    else:
        for t in data:
            g.add(t)
    return g


def run_violation_queries(data: Graph, *, names: list[str] | None = None) -> dict[str, list[dict[str, str]]]:
    """Rows of each violation query that fires on ``data`` (name -> rows)."""
    out: dict[str, list[dict[str, str]]] = {}
    for name, text in violation_queries().items():
        if names is not None and name not in names:
            continue
        res = data.query(text)
        rows = [{str(v): str(row[v]) for v in res.vars if row[v] is not None} for row in res]
        if rows:
            out[name] = rows
    return out


def _shacl(data: Graph) -> tuple[bool, list[ShaclResult]]:
    import pyshacl

    conforms, results_graph, _ = pyshacl.validate(
        data, shacl_graph=_shapes(), ont_graph=_tbox(), inference="none", inplace=True,
        abort_on_first=False, allow_warnings=False, meta_shacl=False, advanced=False, js=False)

    def one(node, pred) -> str:
        v = results_graph.value(node, pred)
        return "" if v is None else str(v)

    results = [
        ShaclResult(focus=one(r, SH.focusNode), path=one(r, SH.resultPath),
                    component=one(r, SH.sourceConstraintComponent), severity=one(r, SH.resultSeverity),
                    message=one(r, SH.resultMessage), value=one(r, SH.value))
        for report in results_graph.subjects(RDF.type, SH.ValidationReport)
        for r in results_graph.objects(report, SH.result)  # top-level results, not nested sh:detail
    ]
    results.sort(key=lambda r: (r.focus, r.path, r.message, r.value))
    return bool(conforms), results


def validate(data: Graph | Dataset) -> ValidationReport:
    """Check ``data`` against the shapes and the violation queries; ``conforms`` is True only when
    both find nothing. ``data`` is a Graph, or a Dataset (or a pyoxigraph Store) whose named
    graphs are merged into one."""
    g = _flatten(data)
    # The queries run before pySHACL mixes the TBox into ``g``, so they see the data alone.
    violations = run_violation_queries(g)
    shacl_ok, results = _shacl(g)
    messages = [str(r) for r in results]
    messages += [f"[{name}-violation] {len(rows)} row(s): {rows[0]}" for name, rows in violations.items()]
    return ValidationReport(conforms=shacl_ok and not violations, messages=messages,
                            violations=violations, results=results)
