"""The TBox: its terms match kg.namespaces.GK, the release is current and reproducible, it is in
the OWL 2 DL profile (the OWL API's checker), and HermiT finds it consistent and catches data that
breaks its disjointness, covering and functionality axioms."""
from __future__ import annotations

import io
import os
import shutil
from decimal import Decimal
from pathlib import Path

import owlready2
import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg import ontology
from kg.namespaces import GK, GK_IRI, ONTOLOGY_IRI, PLOVER_CLASS, PROV, SDO, SEM, TIME
from loaders.model import PLOVER_QUAD

FIXTURES = Path(__file__).parent / "fixtures" / "ontology"
needs_java = pytest.mark.skipif(shutil.which(owlready2.JAVA_EXE) is None, reason="HermiT needs Java")

DECLARATION_TYPES = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                     OWL.NamedIndividual, RDFS.Datatype}
BUILTIN = (str(OWL), str(RDF), str(RDFS), str(XSD))


@pytest.fixture(scope="module")
def tbox() -> Graph:
    return Graph().parse(ontology.source_path(), format="turtle")


def declared(g: Graph, types=DECLARATION_TYPES) -> dict[URIRef, set[URIRef]]:
    out: dict[URIRef, set[URIRef]] = {}
    for s, t in g.subject_objects(RDF.type):
        if isinstance(s, URIRef) and t in types:
            out.setdefault(s, set()).add(t)
    return out


# --- the vocabulary --------------------------------------------------------------------------

def test_gk_namespace_declares_exactly_the_ontology_terms(tbox):
    in_ontology = {str(s)[len(GK_IRI):] for s in declared(tbox) if str(s).startswith(GK_IRI)}
    in_python = set(GK.__annotations__)
    assert in_ontology - in_python == set(), "declared in geokg.ttl but missing from kg.namespaces.GK"
    assert in_python - in_ontology == set(), "in kg.namespaces.GK but not declared in geokg.ttl"


def test_every_gk_term_has_an_english_label_and_a_comment(tbox):
    for term in declared(tbox):
        if str(term).startswith(GK_IRI):
            assert any(l.language == "en" for l in tbox.objects(term, RDFS.label)), term
            assert any(tbox.objects(term, RDFS.comment)), term


def test_owl2_dl_every_used_term_is_declared_and_not_punned(tbox):
    decl = declared(tbox)
    for term, types in decl.items():
        # OWL 2 DL forbids one IRI as both an object and a data property (and as two property kinds)
        assert len(types) == 1, (term, types)
    used = set()
    for p in (RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.onProperty,
              OWL.someValuesFrom, OWL.equivalentClass):
        used |= {o for o in tbox.objects(None, p) if isinstance(o, URIRef)}
    used |= {p for _, p, _ in tbox if p not in (RDF.type,)}
    undeclared = {u for u in used if not str(u).startswith(BUILTIN) and u not in decl}
    assert undeclared == set()
    # the facets the functional-property axioms rely on: owl:FunctionalProperty only on declared properties
    for s in tbox.subjects(RDF.type, OWL.FunctionalProperty):
        assert decl[s] & {OWL.ObjectProperty, OWL.DatatypeProperty}, s


def test_alignment_axioms_to_standard_vocabularies(tbox):
    expected = [
        (GK.Event, RDFS.subClassOf, SEM.Event),
        (GK.actor, RDFS.subPropertyOf, SEM.hasActor),
        (GK.place, RDFS.subPropertyOf, SEM.hasPlace),
        (GK.date, RDFS.subPropertyOf, SEM.hasTimeStamp),
        (GK.Tenure, RDFS.subClassOf, TIME.ProperInterval),
        (GK.precedes, RDFS.subPropertyOf, TIME.before),
        (GK.Document, RDFS.subClassOf, PROV.Entity),
        (GK.Evidence, RDFS.subClassOf, PROV.Entity),
        (GK.inDocument, RDFS.subPropertyOf, PROV.wasDerivedFrom),
        (GK.Document, RDFS.subClassOf, SDO.NewsArticle),
        (GK.url, RDFS.subPropertyOf, SDO.url),
        (GK.title, RDFS.subPropertyOf, SDO.headline),
        (GK.published, RDFS.subPropertyOf, SDO.datePublished),
        (GK.State, RDFS.subClassOf, SDO.Country),
        (GK.Person, RDFS.subClassOf, SDO.Person),
        (GK.Organization, RDFS.subClassOf, SDO.Organization),
    ]
    assert [t for t in expected if t not in tbox] == []


def test_every_plover_class_has_code_quad_and_weight_matching_the_model(tbox):
    assert set(PLOVER_CLASS) == set(PLOVER_QUAD)
    quad_class = {1: GK.VerbalCooperation, 2: GK.MaterialCooperation, 3: GK.VerbalConflict, 4: GK.MaterialConflict}
    for code, cls in PLOVER_CLASS.items():
        assert tbox.value(cls, GK.ploverCode) == Literal(code)
        quad = tbox.value(cls, GK.quadClass)
        assert quad.datatype == XSD.integer and quad.toPython() == PLOVER_QUAD[code], code
        assert (cls, RDFS.subClassOf, quad_class[quad.toPython()]) in tbox, code
        assert tbox.value(quad_class[quad.toPython()], GK.quadClass) == quad
        weight = tbox.value(cls, GK.cooperationWeight)
        assert weight.datatype == XSD.decimal, code
        w = weight.toPython()
        assert isinstance(w, Decimal) and Decimal(-10) <= w <= Decimal(10), code
        # cooperation quads score above zero, conflict quads below: the alignment score relies on it
        assert (w > 0) == (quad.toPython() in (1, 2)), (code, w)
    # no other class claims a PLOVER code
    assert set(tbox.subjects(GK.ploverCode, None)) == set(PLOVER_CLASS.values())


# --- the release -------------------------------------------------------------------------------

def test_release_is_up_to_date_with_source(tbox):
    release = Graph().parse(ontology.release_path(), format="xml")
    from rdflib.compare import isomorphic
    assert isomorphic(tbox, release), "run `python -m kg.ontology build` and commit ontology/geokg.owl"
    assert ontology.is_up_to_date()


def test_build_is_byte_for_byte_reproducible(tmp_path):
    out = ontology.build_release(out=tmp_path / "geokg.owl")
    assert out.read_bytes() == ontology.release_path().read_bytes()


def test_is_up_to_date_notices_a_stale_release(tmp_path):
    src = tmp_path / "geokg.ttl"
    src.write_text(ontology.source_path().read_text(encoding="utf-8") +
                   '\ngk:Tenure rdfs:seeAlso <https://example.org/x> .\n', encoding="utf-8")
    assert not ontology.is_up_to_date(src=src)
    assert ontology.is_up_to_date(src=src, out=ontology.build_release(src=src, out=tmp_path / "new.owl"))


def test_release_has_no_imports_so_owlready_never_goes_online(tbox):
    assert list(tbox.objects(None, OWL.imports)) == []
    assert b"imports" not in ontology.release_path().read_bytes()


def test_release_keeps_blank_node_axioms_intact():
    # regression guard for the hand-written RDF/XML writer: lists and restrictions survive the round trip
    g = Graph().parse(ontology.release_path(), format="xml")
    members = [m for d in g.subjects(RDF.type, OWL.AllDisjointClasses) for m in
               Graph.collection(g, g.value(d, OWL.members))]
    assert GK.State in members and GK.Assault in members
    assert all(isinstance(d, BNode) for d in g.subjects(RDF.type, OWL.Restriction))


def test_main_check_exit_codes(capsys):
    assert ontology.main(["check"]) == 0
    assert ontology.main(["nonsense"]) == 2


# --- owlready2 and HermiT ----------------------------------------------------------------------

def load_with(path: Path):
    """The release plus a test fixture (Turtle, converted for owlready2), in a fresh World."""
    world, onto = ontology.load_owlready()
    nt = Graph().parse(path, format="turtle").serialize(format="nt", encoding="utf-8")
    world.get_ontology("https://w3id.org/geokg/test/" + path.stem).load(fileobj=io.BytesIO(nt), format="ntriples")
    return world


@pytest.fixture(scope="module")
def reasoned_release():
    world, onto = ontology.load_owlready()
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    return world, onto


def test_release_loads_in_owlready2_in_a_fresh_world():
    world, onto = ontology.load_owlready()
    assert onto.base_iri == ONTOLOGY_IRI + "#"
    assert world is not owlready2.default_world
    assert onto.Sanction is not None and onto.MaterialConflict in onto.Sanction.is_a
    assert {c.iri for c in onto.classes()} == {
        str(t) for t in declared(Graph().parse(ontology.source_path()), {OWL.Class})}


@needs_java
def test_hermit_finds_the_release_consistent_with_no_unsatisfiable_class(reasoned_release):
    world, onto = reasoned_release
    assert list(world.inconsistent_classes()) == []
    # an inference HermiT must make: a Leader holds some Tenure, and a Leader is an Actor
    assert onto.Actor in onto.Leader.ancestors()


@needs_java
def test_hermit_accepts_the_valid_data_fixture():
    # the data uses xsd:date/gYear, outside the OWL 2 datatype map: HermiT must be told to ignore them
    world = load_with(FIXTURES / "valid.ttl")
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True)
    e1 = world.search_one(iri="https://w3id.org/geokg/id/event/e1")
    assert e1 is not None and list(world.inconsistent_classes()) == []


@needs_java
@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("inconsistent-*.ttl")))
def test_hermit_catches_inconsistent_data(fixture):
    world = load_with(FIXTURES / fixture)
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                       ignore_unsupported_datatypes=True)


def test_there_are_inconsistent_fixtures():
    assert len(list(FIXTURES.glob("inconsistent-*.ttl"))) >= 3


# --- OWL 2 DL profile, checked by the OWL API that ships inside owlready2's HermiT.jar -------------

@pytest.fixture(scope="module")
def dl_profile_checker(tmp_path_factory):
    javac = shutil.which("javac")
    if javac is None or shutil.which(owlready2.JAVA_EXE) is None:
        pytest.skip("the OWL 2 DL profile check needs a JDK (javac)")
    import subprocess

    from owlready2.reasoning import _HERMIT_CLASSPATH

    out = tmp_path_factory.mktemp("dlprofile")
    subprocess.run([javac, "-cp", _HERMIT_CLASSPATH, "-d", str(out), str(FIXTURES / "DLProfile.java")],
                   check=True, capture_output=True)

    def check(owl_file: Path) -> tuple[int, str]:
        p = subprocess.run([owlready2.JAVA_EXE, "-cp", os.pathsep.join([_HERMIT_CLASSPATH, str(out)]), "DLProfile",
                            str(owl_file)], capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout + p.stderr

    return check


def test_release_is_in_the_owl2_dl_profile(dl_profile_checker):
    rc, out = dl_profile_checker(ontology.release_path())
    assert (rc, out) == (0, "")


def test_owl2_dl_profile_check_catches_punning_and_undeclared_terms(dl_profile_checker, tmp_path):
    rc, out = dl_profile_checker(ontology.build_release(src=FIXTURES / "not-dl.ttl", out=tmp_path / "not-dl.owl"))
    assert rc == 1
    assert "Cannot pun between properties" in out and "Use of undeclared object property" in out
