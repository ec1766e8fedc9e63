import pyoxigraph as ox

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


def test_one_named_graph_no_blank_nodes():
    graph, quads = to_quads(_facts(), Minter("https://example.org/"))
    assert {q.graph_name for q in quads} == {graph}
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
