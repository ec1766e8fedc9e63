"""The project vocabulary and the standard ones it aligns to.

``GK`` fails at import time on a misspelt term (``_fail = True``), and a test checks that it
declares exactly the terms of ``ontology/geokg.ttl``.

>>> str(GK.State)
'https://w3id.org/geokg/ontology#State'
"""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

GK_IRI = "https://w3id.org/geokg/ontology#"
ONTOLOGY_IRI = "https://w3id.org/geokg/ontology"


class GK(DefinedNamespace):
    _NS = Namespace(GK_IRI)
    _fail = True

    # --- classes: actors and things
    Actor: object
    State: object
    Person: object
    Leader: object
    Tenure: object
    Organization: object
    InternationalOrganization: object
    Bloc: object
    Group: object  # a group of people: armed group, party, movement, a country's rebels
    MilitaryBase: object
    Agreement: object
    Treaty: object
    AllianceTreaty: object
    StrategicPartnership: object
    BasingAgreement: object
    Document: object
    Evidence: object
    AlignmentStatement: object
    Direction: object
    # --- events: PLOVER types (class local names upper-case to the PLOVER code)
    Event: object
    VerbalCooperation: object
    MaterialCooperation: object
    VerbalConflict: object
    MaterialConflict: object
    Agree: object
    Consult: object
    Support: object
    Concede: object
    Cooperate: object
    Aid: object
    Retreat: object
    Request: object
    Accuse: object
    Reject: object
    Threaten: object
    Protest: object
    Sanction: object
    Mobilize: object
    Coerce: object
    Assault: object
    # --- lifecycle events of agreements and bases
    LifecycleEvent: object
    Signing: object
    Ratification: object
    EntryIntoForce: object
    Withdrawal: object
    BaseOpening: object
    EvictionNotice: object
    BaseClosure: object
    BaseHandover: object
    # --- individuals
    toward: object
    away: object
    # --- object properties
    actor: object  # who acts (state/organisation level)
    target: object  # who is acted on
    person: object  # a person who acted for an actor
    place: object
    agreement: object  # lifecycle event -> agreement
    base: object  # lifecycle event -> base
    party: object  # agreement -> state
    hostState: object
    userState: object
    member: object  # organisation -> member state
    actsFor: object  # person -> state or organisation
    holds: object  # person -> tenure
    tenureOf: object  # tenure -> state
    groupOf: object  # group -> the state whose people it is
    evidence: object  # event/alignment/fact -> evidence
    inDocument: object  # evidence -> document
    mentionedIn: object  # entity -> document
    precedes: object  # event -> later event
    sameEventAs: object  # the same real-world event reported by another document
    alignmentActor: object  # alignment -> the actor that moves
    alignmentPartner: object  # alignment -> the one it moves toward/away from
    direction: object
    # --- data properties
    date: object  # xsd:gYear | xsd:gYearMonth | xsd:date
    datePrecision: object  # "year" | "month" | "day"
    dateRelation: object  # "beforePublication" when only that is known
    deadline: object
    sentence: object
    startOffset: object
    endOffset: object
    confidence: object
    trigger: object
    sameEventKey: object  # blocking key kg.link finds other reports of an event by
    ploverMode: object  # how the event was coded: PLOVER mode and context, CAMEO code, dictionary line
    ploverContext: object
    cameoCode: object
    codingRule: object
    cameoSector: object  # group -> CAMEO actor sector code
    office: object
    start: object
    end: object
    iso3: object
    url: object
    sourceName: object  # the url, else the file name: what users cite
    title: object
    published: object
    publisher: object
    license: object
    credit: object
    # --- annotation properties on the PLOVER classes
    ploverCode: object
    quadClass: object
    cooperationWeight: object
    # --- derived summaries (kg.summaries)
    PairScore: object
    ScoreFact: object
    PendingSummary: object
    PendingGraph: object
    scoreItem: object
    scoreState: object
    scorePartner: object
    scoreDocument: object
    scoreStatement: object
    countsIn: object
    scoreActor: object
    scoreShare: object
    scoreCluster: object
    periodKind: object
    period: object
    score: object
    stateToOther: object
    otherToState: object
    eventCount: object
    statementCount: object
    sourceCount: object


SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
TIME = Namespace("http://www.w3.org/2006/time#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SDO = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

# class for each PLOVER code, e.g. PLOVER_CLASS["AGREE"] == GK.Agree
PLOVER_CLASS = {
    code: GK[code.capitalize()]
    for code in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                 "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
}

PREFIXES = {
    "gk": GK_IRI,
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "sem": str(SEM),
    "time": str(TIME),
    "prov": str(PROV),
    "schema": str(SDO),
    "wd": str(WD),
}
