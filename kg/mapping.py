"""Facts -> quads: the only place where extracted facts become RDF.

Everything a document says goes into that document's named graph, so retracting or replacing a
document is dropping one graph, and a fact several documents support stays while any of them does.
What an entity is (types, label, codes, Wikidata link, tenures) goes once into the shared graph of
descriptions (:mod:`kg.descriptions`), whichever documents name it.

>>> from loaders.model import Document, Entity, Facts, Span
>>> doc = Document(text="Uzbekistan spoke.", source="a.txt")
>>> facts = Facts(doc, entities=[Entity("Q265", "State", "Uzbekistan", wikidata="Q265", iso3="UZB",
...                                     mentions=[Span(0, 10, "Uzbekistan")])])
>>> graph, quads = to_quads(facts, Minter("https://example.org/"))
>>> graph.value
'https://example.org/graph/...'
>>> [q.graph_name.value for q in quads if q.object == NamedNode("http://www.wikidata.org/entity/Q265")]
['https://w3id.org/geokg/graph/entities']
"""
from __future__ import annotations

import re

from pyoxigraph import Literal, NamedNode, Quad

from kg import link
from kg.descriptions import ENTITIES
from kg.iris import Minter
from kg.namespaces import GK, PLOVER_CLASS as _PLOVER_CLASS, PREFIXES
from loaders.model import Entity, Facts, Span

_DETERMINER = re.compile(r"(?i)^(?:the|both|all|these|those|its|their|his|her)\s+")


def _is_name(form: str) -> bool:
    """A mention that names the entity ("the Kremlin", "Uzbek officials"), not a coreference ("the two sides"):
    only names become skos:altLabel, which `kg query` resolves state names against."""
    return any(c.isupper() for c in _DETERMINER.sub("", form))


class _Nodes:
    """The GK terms as pyoxigraph nodes, each made once (GK itself checks the spelling): a document of
    coded records is mostly these, and rdflib's namespace lookup cost more than the rest of the mapping."""

    def __getattr__(self, name: str) -> NamedNode:
        node = NamedNode(str(getattr(GK, name)))
        setattr(self, name, node)
        return node


N = _Nodes()
PLOVER_CLASS = {code: NamedNode(str(cls)) for code, cls in _PLOVER_CLASS.items()}
RDF_TYPE = NamedNode(PREFIXES["rdf"] + "type")
RDFS_LABEL = NamedNode(PREFIXES["rdfs"] + "label")
SKOS_ALT = NamedNode(PREFIXES["skos"] + "altLabel")
SAME_AS = NamedNode(PREFIXES["owl"] + "sameAs")
XSD = PREFIXES["xsd"]
WIKIDATA = "http://www.wikidata.org/entity/"

KIND_CLASS = {"State": N.State, "Person": N.Person, "Organization": N.Organization,
              "MilitaryBase": N.MilitaryBase, "Agreement": N.Agreement}
AGREEMENT_CLASS = {"treaty": N.Treaty, "alliance": N.AllianceTreaty, "strategic-partnership": N.StrategicPartnership,
                   "basing": N.BasingAgreement}
LIFECYCLE_CLASS = {"signing": N.Signing, "ratification": N.Ratification, "entry-into-force": N.EntryIntoForce,
                   "withdrawal": N.Withdrawal, "opening": N.BaseOpening, "eviction": N.EvictionNotice,
                   "closure": N.BaseClosure, "handover": N.BaseHandover}
_DATE_FORMS = ((re.compile(r"^\d{4}-\d{2}-\d{2}$"), "date", "day"), (re.compile(r"^\d{4}-\d{2}$"), "gYearMonth", "month"),
               (re.compile(r"^\d{4}$"), "gYear", "year"))


def date_literal(value: str) -> tuple[Literal, str] | None:
    """An ISO date at its precision as a typed literal, with the precision's name.

    >>> date_literal("2005-05")[1]
    'month'
    >>> date_literal("May 2005") is None
    True
    """
    for pattern, datatype, precision in _DATE_FORMS:
        if pattern.match(value or ""):
            return Literal(value, datatype=NamedNode(XSD + datatype)), precision
    return None


def _clean(text: str) -> str:
    # lone surrogates (from badly decoded input) would make the store and the exports unreadable
    return text.encode("utf-8", "replace").decode("utf-8")


def _lit(value) -> Literal:
    if isinstance(value, bool):
        return Literal(str(value).lower(), datatype=NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return Literal(f"{value:.3f}", datatype=NamedNode(XSD + "decimal"))
    return Literal(_clean(str(value)))


class _Builder:
    def __init__(self, facts: Facts, minter: Minter):
        self.facts, self.minter = facts, minter
        doc = facts.document
        self.dockey = minter.document_key(url=doc.url, source=doc.source, text=doc.text)
        self.graph = NamedNode(minter.graph(self.dockey))
        self.doc = NamedNode(minter.document(self.dockey))
        self.quads: list[Quad] = []
        self.iri_of: dict[str, NamedNode] = {}
        self.kind_of = {e.key: e.kind for e in facts.entities}
        for e in facts.entities:
            self.iri_of[e.key] = NamedNode(minter.entity(e.kind, e.key, iso3=e.iso3))

    def add(self, s, p, o) -> None:
        self.quads.append(Quad(s, p, o, self.graph))

    def describe(self, s, p, o) -> None:
        self.quads.append(Quad(s, p, o, ENTITIES))

    def ref(self, key: str) -> NamedNode | None:
        return self.iri_of.get(key)

    def add_date(self, s: NamedNode, value: str | None) -> None:
        parsed = date_literal(value) if value else None
        if parsed:
            self.add(s, N.date, parsed[0])
            self.add(s, N.datePrecision, Literal(parsed[1]))

    def evidence(self, span: Span, confidence: float, *parts: str) -> NamedNode:
        ev = NamedNode(self.minter.fact("evidence", self.dockey, str(span.start), str(span.end), *parts))
        self.add(ev, RDF_TYPE, N.Evidence)
        self.add(ev, N.sentence, _lit(span.text))
        self.add(ev, N.startOffset, _lit(int(span.start)))
        self.add(ev, N.endOffset, _lit(int(span.end)))
        self.add(ev, N.confidence, _lit(float(max(0.0, min(1.0, confidence)))))
        self.add(ev, N.inDocument, self.doc)
        return ev

    def document(self) -> None:
        d = self.facts.document
        self.add(self.doc, RDF_TYPE, N.Document)
        self.add(self.doc, RDFS_LABEL, _lit(d.title or d.source))
        self.add(self.doc, N.sourceName, _lit(d.source))
        if d.url:
            self.add(self.doc, N.url, Literal(_clean(d.url), datatype=NamedNode(XSD + "anyURI")))
        for prop, value in ((N.title, d.title), (N.publisher, d.publisher), (N.license, d.license)):
            if value:
                self.add(self.doc, prop, _lit(value))
        if d.published and date_literal(d.published):
            self.add(self.doc, N.published, date_literal(d.published)[0])
        for credit in d.credits:
            self.add(self.doc, N.credit, _lit(credit))

    def entity(self, e: Entity) -> None:
        s = self.iri_of[e.key]
        self.describe(s, RDF_TYPE, KIND_CLASS[e.kind])
        self.describe(s, RDFS_LABEL, _lit(e.label))
        self.add(s, N.mentionedIn, self.doc)
        if e.wikidata and re.fullmatch(r"Q[1-9][0-9]*", e.wikidata):
            self.describe(s, SAME_AS, NamedNode(WIKIDATA + e.wikidata))
        if e.iso3:
            self.describe(s, N.iso3, _lit(e.iso3))
        for form in sorted({m.text for m in e.mentions} - {e.label}):
            if _is_name(form):
                self.add(s, SKOS_ALT, _lit(form))
        a = e.attrs
        links = {"state": N.actsFor, "org": N.actsFor, "host": N.hostState, "users": N.userState,
                 "parties": N.party, "members": N.member}
        for attr, prop in links.items():
            values = a.get(attr) or []
            for key in [values] if isinstance(values, str) else values:
                if self.ref(key) is not None and key != e.key:
                    self.add(s, prop, self.ref(key))
        if e.kind == "Agreement" and a.get("agreement_type") in AGREEMENT_CLASS:
            self.describe(s, RDF_TYPE, AGREEMENT_CLASS[a["agreement_type"]])
        if e.kind == "Organization" and a.get("bloc"):
            self.describe(s, RDF_TYPE, N.Bloc)
        elif e.kind == "Organization" and (a.get("group") or e.key.startswith("group:")):
            # a group of people ("Rwandan rebels"): CAMEO codes it as its country plus a sector (RWAREB)
            self.describe(s, RDF_TYPE, N.Group)
            if self.kind_of.get(a.get("country") or "") == "State":
                self.describe(s, N.groupOf, self.ref(a["country"]))
            if re.fullmatch(r"[A-Z]{3,6}", str(a.get("sector") or "")):
                self.describe(s, N.cameoSector, _lit(a["sector"]))
        if e.kind == "Person" and a.get("office"):
            tenure = NamedNode(self.minter.tenure(s.value, a["office"], a.get("office_start")))
            self.describe(s, RDF_TYPE, N.Leader)
            self.add(s, N.holds, tenure)
            self.describe(tenure, RDF_TYPE, N.Tenure)
            self.describe(tenure, N.office, _lit(a["office"]))
            state = self.ref(a.get("state") or "")
            if state is not None:
                self.describe(tenure, N.tenureOf, state)
            for prop, value in ((N.start, a.get("office_start")), (N.end, a.get("office_end"))):
                parsed = date_literal(str(value)) if value else None
                if parsed:
                    self.describe(tenure, prop, parsed[0])

    def events(self) -> None:
        iri = {}
        for ev in self.facts.events:
            if ev.type not in PLOVER_CLASS or not any(self.ref(k) is not None for k in ev.actors or ev.targets):
                continue  # an event needs a known type and an actor, or a target when the text names no doer
                # ("a roadside bombing killed one U.S. soldier"); the SHACL shapes say so too
            s = NamedNode(self.minter.fact("event", self.dockey, ev.type, str(ev.evidence.start), ev.trigger,
                                           *sorted(ev.actors), "|", *sorted(ev.targets)))
            iri[ev.id] = s
            self.add(s, RDF_TYPE, N.Event)
            self.add(s, RDF_TYPE, PLOVER_CLASS[ev.type])
            if ev.lifecycle in LIFECYCLE_CLASS:
                self.add(s, RDF_TYPE, LIFECYCLE_CLASS[ev.lifecycle])
            self.add(s, RDFS_LABEL, _lit(ev.label or f"{ev.type.lower()}: {ev.trigger}"))
            if ev.trigger:
                self.add(s, N.trigger, _lit(ev.trigger))
            # how it was coded (empty when unknown); a CAMEO code is two to four digits (the shapes say so too)
            cameo = ev.cameo if re.fullmatch(r"[0-9]{2,4}", ev.cameo or "") else ""
            for prop, value in ((N.ploverMode, ev.mode), (N.ploverContext, ev.context), (N.cameoCode, cameo),
                                (N.codingRule, ev.rule)):
                if value:
                    self.add(s, prop, _lit(value))
            for prop, keys in ((N.actor, ev.actors), (N.target, ev.targets), (N.person, ev.persons)):
                for key in keys:
                    if self.ref(key) is not None:
                        self.add(s, prop, self.ref(key))
            for prop, key in ((N.agreement, ev.agreement), (N.base, ev.base), (N.place, ev.place)):
                if key and self.ref(key) is not None:
                    self.add(s, prop, self.ref(key))
            self.add_date(s, ev.date)
            participants = [self.ref(k).value for k in (*ev.actors, *ev.targets) if self.ref(k) is not None]
            for key in link.keys(ev.type, participants, ev.date if date_literal(ev.date or "") else None):
                self.add(s, N.sameEventKey, Literal(key))  # kg.link finds other reports of it by these
            if not ev.date and ev.date_relation == "before":
                self.add(s, N.dateRelation, Literal("beforePublication"))
            if ev.deadline and date_literal(ev.deadline):
                self.add(s, N.deadline, date_literal(ev.deadline)[0])
            self.add(s, N.evidence, self.evidence(ev.evidence, ev.confidence, s.value))
        for earlier, later in self.facts.before:
            if earlier in iri and later in iri and earlier != later:
                self.add(iri[earlier], N.precedes, iri[later])

    def alignments(self) -> None:
        for al in self.facts.alignments:
            a, b = self.ref(al.a), self.ref(al.b)
            if a is None or b is None or a == b or al.direction not in ("toward", "away"):
                continue
            s = NamedNode(self.minter.fact("alignment", self.dockey, al.a, al.b, al.direction, str(al.evidence.start)))
            self.add(s, RDF_TYPE, N.AlignmentStatement)
            self.add(s, N.alignmentActor, a)
            self.add(s, N.alignmentPartner, b)
            self.add(s, N.direction, (N.toward if al.direction == "toward" else N.away))
            self.add_date(s, al.date)
            self.add(s, N.evidence, self.evidence(al.evidence, al.confidence, s.value))


def to_quads(facts: Facts, minter: Minter) -> tuple[NamedNode, list[Quad]]:
    """The named graph of ``facts.document`` and every quad it holds (deduplicated, sorted)."""
    b = _Builder(facts, minter)
    b.document()
    for e in facts.entities:
        if e.kind in KIND_CLASS:
            b.entity(e)
    b.events()
    b.alignments()
    return b.graph, sorted(set(b.quads), key=str)
