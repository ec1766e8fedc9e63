"""The ontology files, the release build, and loading the release into owlready2.

``ontology/geokg.ttl`` is the one hand-edited TBox; ``ontology/geokg.owl`` is its RDF/XML release
(owlready2 cannot read Turtle), built by ``python -m kg.ontology build`` and never edited by hand.
The build is deterministic: the same source gives byte-identical RDF/XML, so the committed release
only changes when the source does (``python -m kg.ontology check`` exits 1 when it is stale).

Files are looked up in the source checkout (``<repo>/ontology``) first, then in an installed wheel
(``kg/_data/ontology``).

>>> source_path().name, release_path().name, shapes_path().name
('geokg.ttl', 'geokg.owl', 'shapes.ttl')
>>> is_up_to_date()
True
"""
from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Graph, Literal
from rdflib.compare import isomorphic, to_canonical_graph

from kg.errors import KgError
from kg.namespaces import ONTOLOGY_IRI, PREFIXES

_HERE = Path(__file__).resolve().parent
_CANDIDATES = (_HERE.parent / "ontology", _HERE / "_data" / "ontology")

# prefixes written into the RDF/XML release, besides those of kg.namespaces
_XML_PREFIXES = {**PREFIXES, "dcterms": "http://purl.org/dc/terms/"}
_RDF = PREFIXES["rdf"]
_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.\-]*$")


def ontology_dir() -> Path:
    """The directory holding geokg.ttl: the checkout's ``ontology/``, else the wheel's copy."""
    for d in _CANDIDATES:
        if (d / "geokg.ttl").is_file():
            return d
    raise KgError("E251", f"ontology files not found in {' or '.join(map(str, _CANDIDATES))}; "
                          "reinstall geokg or run from a source checkout")


def source_path() -> Path:
    """The hand-edited Turtle source of the TBox."""
    return ontology_dir() / "geokg.ttl"


def release_path() -> Path:
    """The built RDF/XML release (what owlready2 and HermiT read)."""
    return ontology_dir() / "geokg.owl"


def shapes_path() -> Path:
    """The SHACL shapes that data must conform to."""
    return ontology_dir() / "shapes.ttl"


def violations_dir() -> Path:
    """The directory of ``*-violation.rq`` data-quality queries (each must return no rows)."""
    return ontology_dir() / "violations"


def _relabel_bnodes(g: Graph) -> Graph:
    # Blank node ids change on every parse; canonical labels, renumbered in sorted order, make the
    # release byte-stable (and give valid NCNames for rdf:nodeID).
    canon = to_canonical_graph(g)
    names = {b: BNode(f"b{i}") for i, b in enumerate(sorted(
        {n for t in canon for n in t if isinstance(n, BNode)}))}
    out = Graph()
    for t in canon:
        out.add(tuple(names.get(n, n) for n in t))
    return out


def _qname(iri: str, ns_of: dict[str, str]) -> str:
    for ns, prefix in ns_of.items():
        if iri.startswith(ns) and _NCNAME.match(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    raise KgError("E252", f"cannot write predicate <{iri}> in RDF/XML: add its namespace to "
                          "kg.ontology._XML_PREFIXES")


def _node_attr(node) -> str:
    if isinstance(node, BNode):
        return f"rdf:nodeID={quoteattr(str(node))}"
    return f"rdf:resource={quoteattr(str(node))}"


def to_rdfxml(g: Graph) -> str:
    """Flat RDF/XML of ``g``, triples sorted, blank nodes relabelled: same graph, same text.

    >>> g = Graph(); _ = g.parse(data='<http://a> <http://www.w3.org/2000/01/rdf-schema#label> "x" .', format="nt")
    >>> print(to_rdfxml(g).splitlines()[-3])
        <rdfs:label>x</rdfs:label>
    """
    g = _relabel_bnodes(g)
    ns_of = {ns: p for p, ns in sorted(_XML_PREFIXES.items(), key=lambda kv: -len(kv[1]))}
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    lines += [f"   xmlns:{p}={quoteattr(ns)}" for p, ns in sorted(_XML_PREFIXES.items())]
    lines[-1] += ">"
    by_subject: dict = {}
    for s, p, o in sorted(g, key=lambda t: tuple(n.n3() for n in t)):
        by_subject.setdefault(s, []).append((p, o))
    for s in sorted(by_subject, key=lambda n: (isinstance(n, BNode), n.n3())):
        about = (f"rdf:nodeID={quoteattr(str(s))}" if isinstance(s, BNode)
                 else f"rdf:about={quoteattr(str(s))}")
        lines.append(f"  <rdf:Description {about}>")
        for p, o in by_subject[s]:
            q = _qname(str(p), ns_of)
            if isinstance(o, Literal):
                attrs = ""
                if o.language:
                    attrs = f" xml:lang={quoteattr(o.language)}"
                elif o.datatype:
                    attrs = f" rdf:datatype={quoteattr(str(o.datatype))}"
                lines.append(f"    <{q}{attrs}>{escape(str(o))}</{q}>")
            else:
                lines.append(f"    <{q} {_node_attr(o)}/>")
        lines.append("  </rdf:Description>")
    lines.append("</rdf:RDF>")
    return "\n".join(lines) + "\n"


def build_release(src: Path | str | None = None, out: Path | str | None = None) -> Path:
    """Convert the Turtle source to the RDF/XML release; write atomically; return its path."""
    src = Path(src) if src else source_path()
    out = Path(out) if out else release_path()
    g = Graph().parse(src, format="turtle")
    text = to_rdfxml(g)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".geokg-", suffix=".owl")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def is_up_to_date(src: Path | str | None = None, out: Path | str | None = None) -> bool:
    """Whether the release holds the same graph as the source."""
    src = Path(src) if src else source_path()
    out = Path(out) if out else release_path()
    if not out.is_file():
        return False
    return isomorphic(Graph().parse(src, format="turtle"), Graph().parse(out, format="xml"))


def load_owlready():
    """A fresh owlready2 World holding only the project's own release; returns (world, ontology).

    Only ever the release: owlready2 follows owl:imports over the network and runs Python named in
    an ontology, so it must never read a user's file. The release has no owl:imports.
    """
    import owlready2

    world = owlready2.World()
    with open(release_path(), "rb") as f:
        onto = world.get_ontology(ONTOLOGY_IRI).load(fileobj=f, reload=True)
    return world, onto


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv == ["build"]:
        print(build_release())
        return 0
    if argv == ["check"]:
        if is_up_to_date():
            print("release up to date")
            return 0
        print(f"[E253] {release_path()} is stale: run `python -m kg.ontology build`", file=sys.stderr)
        return 1
    print("usage: python -m kg.ontology build|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
