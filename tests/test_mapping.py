import pyoxigraph as ox

from kg.descriptions import ENTITIES
from kg.iris import Minter
from kg.mapping import to_quads
from kg.namespaces import GK
from loaders.model import Alignment, Document, Entity, Event, Facts, Span

DOC = Document(text="Uzbekistan evicted the United States. Ties soured.", source="a.txt", published="2005-08-01")


def _facts(**kw) -> Facts:
    ents = [Entity("Q265", "State", "Uzbekistan", wikidata="Q265", iso3="UZB", mentions=[Span(0, 10, "Uzbekistan")]),
            Entity("Q30", "State", "United States", wikidata="Q30", iso3="USA",
                   mentions=[Span(23, 36, "United States")])]
    return Facts(DOC, entities=ents, **kw)


def _objects(quads, prop):
    return [q.object for q in quads if q.predicate == ox.NamedNode(str(prop))]


def test_the_document_graph_says_what_it_says_and_the_shared_graph_what_entities_are():
    graph, quads = to_quads(_facts(), Minter("https://example.org/"))
    assert {q.graph_name for q in quads} == {graph, ENTITIES}
    shared = {q.predicate.value.rsplit("#", 1)[-1] for q in quads if q.graph_name == ENTITIES}
    own = {q.predicate.value.rsplit("#", 1)[-1] for q in quads if q.graph_name == graph and q.subject.value.endswith("/UZB")}
    assert shared == {"type", "label", "sameAs", "iso3"} and own == {"mentionedIn"}
    assert not any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))


def test_event_dates_keep_their_precision():
    ev = [Event("e1", "SANCTION", Span(0, 37, DOC.text[:37]), actors=["Q265"], targets=["Q30"], date="2005-07"),
          Event("e2", "SANCTION", Span(0, 37, DOC.text[:37]), actors=["Q265"], date="2005", trigger="x")]
    _, quads = to_quads(_facts(events=ev), Minter("https://example.org/"))
    dates = sorted((d.value, d.datatype.value.rsplit("#")[-1]) for d in _objects(quads, GK.date))
    assert dates == [("2005", "gYear"), ("2005-07", "gYearMonth")]
    assert sorted(p.value for p in _objects(quads, GK.datePrecision)) == ["month", "year"]


def test_event_without_known_actor_is_not_asserted():
    ev = [Event("e1", "ACCUSE", Span(0, 10, "Uzbekistan"), actors=["Q999999"])]
    _, quads = to_quads(_facts(events=ev), Minter("https://example.org/"))
    assert _objects(quads, GK.actor) == []


def test_alignment_and_ordering():
    evs = [Event("e1", "SANCTION", Span(0, 37, DOC.text[:37]), actors=["Q265"], targets=["Q30"]),
           Event("e2", "ACCUSE", Span(38, 50, DOC.text[38:]), actors=["Q30"], targets=["Q265"], trigger="soured")]
    al = [Alignment("Q265", "Q30", "away", Span(38, 50, DOC.text[38:]))]
    _, quads = to_quads(_facts(events=evs, alignments=al, before=[("e1", "e2")]), Minter("https://example.org/"))
    assert _objects(quads, GK.direction) == [ox.NamedNode(str(GK.away))]
    assert len(_objects(quads, GK.precedes)) == 1


def test_lone_surrogates_never_reach_the_store():
    doc = Document(text="x", source="bad\udcff.txt", title="t\ud800")
    _, quads = to_quads(Facts(doc), Minter("https://example.org/"))
    for q in quads:
        str(q).encode("utf-8")  # raises on a lone surrogate


def test_same_facts_same_quads():
    ev = [Event("e1", "SANCTION", Span(0, 37, DOC.text[:37]), actors=["Q265"], targets=["Q30"])]
    assert to_quads(_facts(events=ev), Minter("https://e.org/")) == to_quads(_facts(events=ev), Minter("https://e.org/"))


def test_only_names_become_alt_labels():
    text = "Tashkent and the Kremlin met. The two countries agreed."
    doc = Document(text=text, source="b.txt")
    forms = [Span(0, 8, "Tashkent"), Span(13, 24, "the Kremlin"), Span(30, 47, "The two countries")]
    ent = Entity("Q265", "State", "Uzbekistan", wikidata="Q265", iso3="UZB", mentions=forms)
    _, quads = to_quads(Facts(doc, entities=[ent]), Minter("https://example.org/"))
    alt = sorted(o.value for o in _objects(quads, "http://www.w3.org/2004/02/skos/core#altLabel"))
    assert alt == ["Tashkent", "the Kremlin"]


def _triples(quads, subject) -> set[tuple[str, str]]:
    return {(q.predicate.value, q.object.value) for q in quads if q.subject == subject}


def test_event_coding_maps_to_mode_context_cameo_and_rule():
    from kg.validate import validate

    ev = [Event("e1", "SANCTION", Span(0, 37, DOC.text[:37]), actors=["Q265"], targets=["Q30"], trigger="evicted",
                mode="expel", context="diplomatic; military", cameo="166", rule="CAMEO.2.0.txt:8405")]
    _, quads = to_quads(_facts(events=ev), Minter("https://example.org/"))
    (event,) = {q.subject for q in quads if q.predicate == ox.NamedNode(str(GK.actor))}
    coded = {(p, o) for p, o in _triples(quads, event)
             if p in {str(GK.ploverMode), str(GK.ploverContext), str(GK.cameoCode), str(GK.codingRule)}}
    assert coded == {(str(GK.ploverMode), "expel"), (str(GK.ploverContext), "diplomatic; military"),
                     (str(GK.cameoCode), "166"), (str(GK.codingRule), "CAMEO.2.0.txt:8405")}
    assert all(o.datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
               for prop in (GK.ploverMode, GK.cameoCode) for o in _objects(quads, prop))
    store = ox.Store()
    store.extend(quads)
    report = validate(store)
    assert report.conforms, report.messages


def test_empty_coding_fields_write_nothing():
    # a nominal or list-coded event has no coding; a code that is not CAMEO's 2-4 digits is left out too
    ev = [Event("e1", "SANCTION", Span(0, 37, DOC.text[:37]), actors=["Q265"], mode="", context="", rule=""),
          Event("e2", "ACCUSE", Span(38, 50, DOC.text[38:]), actors=["Q30"], cameo="ABC")]
    _, quads = to_quads(_facts(events=ev), Minter("https://example.org/"))
    assert len(_objects(quads, GK.actor)) == 2
    for prop in (GK.ploverMode, GK.ploverContext, GK.cameoCode, GK.codingRule):
        assert _objects(quads, prop) == []


def test_national_group_is_a_group_of_its_state_with_its_sector():
    from kg.validate import validate

    text = "Rwandan rebels attacked. Rwanda spoke."
    ents = [Entity("Q1037", "State", "Rwanda", wikidata="Q1037", iso3="RWA", mentions=[Span(25, 31, "Rwanda")]),
            Entity("group:rwanda-rebel", "Organization", "Rwanda rebel", mentions=[Span(0, 14, "Rwandan rebels")],
                   attrs={"country": "Q1037", "sector": "REB", "group": True})]
    ev = [Event("e1", "ASSAULT", Span(0, 24, text[:24]), actors=["group:rwanda-rebel"], trigger="attacked")]
    _, quads = to_quads(Facts(Document(text=text, source="r.txt"), entities=ents, events=ev), Minter("https://example.org/"))
    group = ox.NamedNode("https://example.org/id/group/rwanda-rebel")
    got = _triples(quads, group)
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    assert {(rdf_type, str(GK.Group)), (rdf_type, str(GK.Organization)),
            (str(GK.groupOf), "https://example.org/id/state/RWA"), (str(GK.cameoSector), "REB")} <= got
    assert _objects(quads, GK.actor) == [group]
    store = ox.Store()
    store.extend(quads)
    report = validate(store)
    assert report.conforms, report.messages


def test_named_group_unknown_to_the_gazetteer_is_a_group_without_country():
    ents = [Entity("group:fatah-party", "Organization", "Fatah party", attrs={"implicit": True}),
            Entity("org:hamas", "Organization", "Hamas", attrs={"country": "Q265"})]  # not a group: no gk:groupOf
    _, quads = to_quads(Facts(DOC, entities=_facts().entities + ents), Minter("https://example.org/"))
    groups = {q.subject.value for q in quads if q.predicate.value.endswith("#type") and q.object == ox.NamedNode(str(GK.Group))}
    assert groups == {"https://example.org/id/group/fatah-party"}
    assert _objects(quads, GK.groupOf) == [] and _objects(quads, GK.cameoSector) == []


def test_group_country_that_is_not_a_state_is_not_linked():
    ents = [Entity("org:nato", "Organization", "NATO"),
            Entity("group:nato-protester", "Organization", "NATO protester", attrs={"country": "org:nato", "group": True})]
    _, quads = to_quads(Facts(DOC, entities=ents), Minter("https://example.org/"))
    assert _objects(quads, GK.groupOf) == []
