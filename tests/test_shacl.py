"""kg.validate: the SHACL shapes accept the hand-written valid fixture and reject each kind of broken
data on the right node, path and shape; each violation query fires on data that breaks it and is
silent on the valid fixture."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, Store
from rdflib import OWL, Dataset, Graph, URIRef

from kg.iris import Minter
from kg.mapping import to_quads
from kg.namespaces import GK, WD
from loaders.model import Alignment, Document, Entity, Event, Facts, Span
from kg.validate import validate, violation_queries

FIXTURES = Path(__file__).parent / "fixtures" / "ontology"
ID = "https://w3id.org/geokg/id/"
PREFIXES = f"""
PREFIX gk: <https://w3id.org/geokg/ontology#>
PREFIX id: <{ID}>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX wd: <http://www.wikidata.org/entity/>
"""


def valid_graph() -> Graph:
    return Graph().parse(FIXTURES / "valid.ttl", format="turtle")


def broken(update: str) -> Graph:
    """The valid fixture changed by a SPARQL update; ``id:kind/key`` stands for a full data IRI."""
    g = valid_graph()
    before = set(g)
    g.update(PREFIXES + re.sub(r"\bid:([A-Za-z0-9/_-]+)", lambda m: f"<{ID}{m.group(1)}>", update))
    assert set(g) != before, "the mutation changed nothing"
    return g


def shape_ids(report) -> set[str]:
    return {m.group(0) for r in report.results for m in [re.match(r"\[GKS-[A-Z]\d+\]", r.message)] if m}


def test_valid_fixture_conforms():
    report = validate(valid_graph())
    assert report.conforms, report.messages
    assert report.messages == [] and report.violations == {} and report.results == []


# (what breaks, SPARQL update on the valid fixture, focus node, path, the only shape id that must fire)
SHACL_CASES = [
    ("neither actor nor target", "DELETE WHERE { id:event/e4 gk:actor ?a } ; DELETE WHERE { id:event/e4 gk:target ?t }",
     "event/e4", None, "[GKS-E1]"),
    ("actor is not an actor", "DELETE { id:event/e4 gk:actor ?a } INSERT { id:event/e4 gk:actor id:base/karshi-khanabad } "
                              "WHERE { id:event/e4 gk:actor ?a }", "event/e4", GK.actor, "[GKS-E1]"),
    ("no PLOVER type", "DELETE DATA { id:event/e4 a gk:Sanction }", "event/e4", None, "[GKS-E2]"),
    ("two PLOVER types", "INSERT DATA { id:event/e4 a gk:Aid }", "event/e4", None, "[GKS-E2]"),
    ("date of the wrong type", "DELETE { id:event/e2 gk:date ?d } INSERT { id:event/e2 gk:date \"yesterday\"^^xsd:string } "
                               "WHERE { id:event/e2 gk:date ?d }", "event/e2", GK.date, "[GKS-E3]"),
    ("two dates", "INSERT DATA { id:event/e2 gk:date \"2004\"^^xsd:gYear }", "event/e2", GK.date, "[GKS-E3]"),
    ("event without evidence", "DELETE WHERE { id:event/e4 gk:evidence ?v }", "event/e4", GK.evidence, "[GKS-E4]"),
    ("bad date precision", "INSERT DATA { id:event/e4 gk:datePrecision \"week\" }", "event/e4", GK.datePrecision, "[GKS-E10]"),
    ("negative offset", "DELETE DATA { id:evidence/v1 gk:startOffset 0 } ; INSERT DATA { id:evidence/v1 gk:startOffset -1 }",
     "evidence/v1", GK.startOffset, "[GKS-V3]"),
    ("offset not an integer", "DELETE DATA { id:evidence/v1 gk:endOffset 90 } ; INSERT DATA { id:evidence/v1 gk:endOffset \"90\" }",
     "evidence/v1", GK.endOffset, "[GKS-V4]"),
    ("start after end", "DELETE DATA { id:evidence/v2 gk:startOffset 91 } ; INSERT DATA { id:evidence/v2 gk:startOffset 200 }",
     "evidence/v2", None, "[GKS-V5]"),
    ("confidence above one", "DELETE DATA { id:evidence/v1 gk:confidence 0.7 } ; INSERT DATA { id:evidence/v1 gk:confidence 1.5 }",
     "evidence/v1", GK.confidence, "[GKS-C1]"),
    ("alignment without direction", "DELETE WHERE { id:alignment/a2 gk:direction ?d }", "alignment/a2", GK.direction, "[GKS-A3]"),
    ("alignment with an unknown direction", "DELETE DATA { id:alignment/a2 gk:direction gk:away } ; "
                                            "INSERT DATA { id:alignment/a2 gk:direction gk:sideways }",
     "alignment/a2", GK.direction, "[GKS-A3]"),
    ("alignment without partner", "DELETE WHERE { id:alignment/a2 gk:alignmentPartner ?p }", "alignment/a2",
     GK.alignmentPartner, "[GKS-A2]"),
    ("document without label", "DELETE WHERE { id:document/d1 rdfs:label ?l }", "document/d1",
     URIRef("http://www.w3.org/2000/01/rdf-schema#label"), "[GKS-D1]"),
    ("published not a date", "DELETE WHERE { id:document/d1 gk:published ?p } ; "
                             "INSERT DATA { id:document/d1 gk:published \"last week\" }", "document/d1", GK.published, "[GKS-D3]"),
    ("iso3 not three capitals", "DELETE DATA { id:state/UZB gk:iso3 \"UZB\" } ; INSERT DATA { id:state/UZB gk:iso3 \"Uz\" }",
     "state/UZB", GK.iso3, "[GKS-N4]"),
    ("sameAs not Wikidata", "INSERT DATA { id:state/RUS owl:sameAs <http://dbpedia.org/resource/Russia> }", "state/RUS",
     URIRef("http://www.w3.org/2002/07/owl#sameAs"), "[GKS-N2]"),
    ("host state is a person", "DELETE WHERE { id:base/karshi-khanabad gk:hostState ?h } ; "
                               "INSERT DATA { id:base/karshi-khanabad gk:hostState id:person/islam-karimov }",
     "base/karshi-khanabad", GK.hostState, "[GKS-B1]"),
    ("tenure without office", "DELETE WHERE { id:tenure/t1 gk:office ?o }", "tenure/t1", GK.office, "[GKS-T1]"),
    ("two PLOVER modes", "INSERT DATA { id:event/e4 gk:ploverMode \"withdraw\" }", "event/e4", GK.ploverMode, "[GKS-E15]"),
    ("PLOVER context not a string", "DELETE WHERE { id:event/e4 gk:ploverContext ?c } ; "
                                    "INSERT DATA { id:event/e4 gk:ploverContext 3 }", "event/e4", GK.ploverContext, "[GKS-E16]"),
    ("CAMEO code not digits", "DELETE WHERE { id:event/e4 gk:cameoCode ?c } ; INSERT DATA { id:event/e4 gk:cameoCode \"ABC\" }",
     "event/e4", GK.cameoCode, "[GKS-E17]"),
    ("CAMEO code too long", "DELETE WHERE { id:event/e4 gk:cameoCode ?c } ; INSERT DATA { id:event/e4 gk:cameoCode \"16611\" }",
     "event/e4", GK.cameoCode, "[GKS-E17]"),
    ("two coding rules", "INSERT DATA { id:event/e4 gk:codingRule \"CAMEO.2.0.txt:1\" }", "event/e4", GK.codingRule,
     "[GKS-E18]"),
    ("group of a person", "DELETE WHERE { id:group/uzbekistan-activist gk:groupOf ?s } ; "
                          "INSERT DATA { id:group/uzbekistan-activist gk:groupOf id:person/islam-karimov }",
     "group/uzbekistan-activist", GK.groupOf, "[GKS-O2]"),
    ("CAMEO sector not capitals", "DELETE WHERE { id:group/uzbekistan-activist gk:cameoSector ?c } ; "
                                  "INSERT DATA { id:group/uzbekistan-activist gk:cameoSector \"opp\" }",
     "group/uzbekistan-activist", GK.cameoSector, "[GKS-O3]"),
]


@pytest.mark.parametrize("what,update,focus,path,shape", SHACL_CASES, ids=[c[0] for c in SHACL_CASES])
def test_shapes_reject(what, update, focus, path, shape):
    report = validate(broken(update))
    assert not report.conforms
    hits = [r for r in report.results if r.focus == ID + focus and r.message.startswith(shape)]
    assert hits, report.messages
    if path is not None:
        assert {r.path for r in hits} == {str(path)}
    assert shape_ids(report) == {shape}, report.messages
    assert any(m.startswith(ID + focus) and shape in m for m in report.messages)


def test_event_with_a_target_and_no_actor_conforms():
    # unattributed violence ("a roadside bombing killed one U.S. soldier"): who was hit, no one named as doing it
    report = validate(broken("DELETE WHERE { id:event/e4 gk:actor ?a }"))
    assert report.conforms, report.messages


def test_evidence_without_document_invalidates_the_evidence_and_its_event():
    report = validate(broken("DELETE WHERE { id:evidence/v2 gk:inDocument ?d }"))
    assert not report.conforms
    found = {(r.focus[len(ID):], r.path, r.message[:8]) for r in report.results}
    assert ("evidence/v2", str(GK.inDocument), "[GKS-V1]") in found
    assert ("event/e2", str(GK.evidence), "[GKS-E4]") in found  # an event without a source is invalid
    assert ("alignment/a1", str(GK.evidence), "[GKS-A5]") in found


def test_rdfs_subclass_is_followed_without_inference():
    # an event typed only by its PLOVER class is still an event (Sanction ⊑ MaterialConflict ⊑ Event)
    g = broken("DELETE DATA { id:event/e4 a gk:Event } ; DELETE WHERE { id:event/e4 gk:actor ?a } ; "
               "DELETE WHERE { id:event/e4 gk:target ?t }")
    report = validate(g)
    assert shape_ids(report) == {"[GKS-E1]"}


# --- violation queries ------------------------------------------------------------------------

# query name -> an update that breaks it, and the value of the query's first variable it must report
VIOLATION_CASES = {
    "alignment-self": ("DELETE WHERE { id:alignment/a1 gk:alignmentPartner ?p } ; "
                       "INSERT DATA { id:alignment/a1 gk:alignmentPartner id:state/UZB }", "alignment/a1"),
    "conflicting-wikidata": ("INSERT DATA { id:state/UZB owl:sameAs wd:Q30 }", "state/UZB"),
    "event-date-after-publication": ("DELETE WHERE { id:event/e3 gk:date ?d } ; "
                                     "INSERT DATA { id:event/e3 gk:date \"2005-12\"^^xsd:gYearMonth }", "event/e3"),
    "precedes-against-dates": ("DELETE WHERE { id:event/e2 gk:date ?d } ; INSERT DATA { id:event/e2 gk:date "
                               "\"2005-01\"^^xsd:gYearMonth . id:event/e3 gk:precedes id:event/e2 }", "event/e3"),
    # through the undated e4, so that only the cycle is wrong, not the dates
    "precedes-cycle": ("INSERT DATA { id:event/e3 gk:precedes id:event/e4 . id:event/e4 gk:precedes id:event/e1 }",
                       "event/e1"),
    "tenure-end-before-start": ("DELETE WHERE { id:tenure/t1 gk:end ?e } ; "
                                "INSERT DATA { id:tenure/t1 gk:end \"1999-12-31\"^^xsd:date }", "tenure/t1"),
}


def test_every_violation_query_has_a_case():
    assert set(violation_queries()) == set(VIOLATION_CASES)


@pytest.mark.parametrize("name", sorted(VIOLATION_CASES))
def test_violation_query_fires_on_broken_data_only(name):
    update, focus = VIOLATION_CASES[name]
    report = validate(broken(update))
    assert not report.conforms
    assert set(report.violations) == {name}
    first_var = next(iter(report.violations[name][0]))
    assert ID + focus in {row[first_var] for row in report.violations[name]}
    assert any(m.startswith(f"[{name}-violation]") for m in report.messages)


@pytest.mark.parametrize("update", [
    # partial dates compare on their common prefix: none of these is a violation
    "INSERT DATA { id:event/e4 gk:date \"2005-11\"^^xsd:gYearMonth }",  # same month as publication
    "INSERT DATA { id:event/e4 gk:date \"2005-11-22\"^^xsd:date }",  # the publication day itself
    "DELETE WHERE { id:tenure/t1 gk:end ?e } ; INSERT DATA { id:tenure/t1 gk:end \"2000\"^^xsd:gYear }",
    "INSERT DATA { id:event/e2 gk:precedes id:event/e1 }",  # 2005 vs 2005-07-29: not contradictory
])
def test_partial_dates_on_the_boundary_are_not_violations(update):
    report = validate(broken(update))
    assert report.violations == {}, report.violations


# --- inputs -----------------------------------------------------------------------------------

def test_dataset_of_named_graphs_is_validated_as_one_graph():
    ds = Dataset()
    g = valid_graph()
    docs, rest = ds.graph(URIRef(ID[:-3] + "graph/d1")), ds.graph(URIRef(ID[:-3] + "graph/d2"))
    for t in g:
        (docs if str(t[0]).startswith(ID + "document/") else rest).add(t)
    assert validate(ds).conforms  # sh:class gk:Document is satisfied across graphs
    other = ds.graph(URIRef(ID[:-3] + "graph/d3"))
    other.add((URIRef(ID + "state/UZB"), OWL.sameAs, WD.Q30))
    report = validate(ds)
    assert set(report.violations) == {"conflicting-wikidata"}


def test_validate_does_not_change_its_input():
    g = valid_graph()
    before = set(g)
    validate(g)
    assert set(g) == before


def test_pyoxigraph_store_is_accepted():
    store = Store()
    store.load((FIXTURES / "valid.ttl").read_bytes(), format=RdfFormat.TURTLE,
               to_graph=NamedNode(ID[:-3] + "graph/d1"))
    assert validate(store).conforms
    store.update(f"DELETE WHERE {{ GRAPH ?g {{ <{ID}event/e4> <{GK.actor}> ?a }} }} ; "
                 f"DELETE WHERE {{ GRAPH ?g {{ <{ID}event/e4> <{GK.target}> ?t }} }}")
    assert shape_ids(validate(store)) == {"[GKS-E1]"}


def test_mapper_output_conforms():
    # what kg.mapping emits for a typical article must pass the shapes: the contract between the two
    text = ("Uzbekistan gave the United States 180 days to leave Karshi-Khanabad on July 29, 2005. "
            "Islam Karimov then signed an alliance treaty with Russia.")
    doc = Document(text=text, source="https://news.example.org/a", url="https://news.example.org/a",
                   title="Uzbekistan evicts US", published="2005-08-01", publisher="Example", credits=("Reuters",))
    s1, s2 = Span(0, 86, text[:86]), Span(87, len(text), text[87:])
    facts = Facts(document=doc, entities=[
        Entity("Q265", "State", "Uzbekistan", wikidata="Q265", iso3="UZB", mentions=[Span(0, 10, "Uzbekistan")]),
        Entity("Q30", "State", "United States", wikidata="Q30", iso3="USA"),
        Entity("Q159", "State", "Russia", wikidata="Q159", iso3="RUS"),
        Entity("Q186182", "Person", "Islam Karimov", wikidata="Q186182",
               attrs={"state": "Q265", "office": "President of Uzbekistan", "office_start": "1991", "office_end": "2016"}),
        Entity("base:karshi-khanabad", "MilitaryBase", "Karshi-Khanabad", attrs={"host": "Q265", "users": ["Q30"]}),
        Entity("agreement:alliance", "Agreement", "Treaty on Alliance Relations",
               attrs={"parties": ["Q265", "Q159"], "agreement_type": "alliance"}),
        Entity("org:the-west", "Organization", "the West", attrs={"members": ["Q30"], "bloc": True}),
    ], events=[
        Event("e1", "SANCTION", s1, actors=["Q265"], targets=["Q30"], date="2005-07-29", trigger="gave",
              base="base:karshi-khanabad", lifecycle="eviction", deadline="2006-01-25", confidence=0.8),
        Event("e2", "AGREE", s2, actors=["Q265", "Q159"], persons=["Q186182"], date_relation="before",
              trigger="signed", agreement="agreement:alliance", lifecycle="signing"),
    ], alignments=[Alignment("Q265", "Q159", "toward", s2, date="2005")], before=[("e1", "e2")])
    graph, quads = to_quads(facts, Minter())
    store = Store()
    store.extend(quads)
    report = validate(store)
    assert report.conforms, report.messages
    assert len(store) > 40
