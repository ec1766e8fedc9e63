"""One test per stored query (parses, header valid, golden rows on the fixture graph), plus safe binding."""
from __future__ import annotations

import calendar
import csv
import io
import json
import os
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset
from rdflib.plugins.sparql import prepareQuery

from kg import queries
from kg.errors import KgError
from kg.store import Store
from kg.descriptions import share_descriptions
from kg import summaries

GOLDEN = Path(__file__).parent / "golden"
CATALOGUE_TRIG = Path(__file__).parent / "fixtures" / "catalogue.trig"
EVICT, RATIFY_RUS, TREATY_D3 = ("https://example.org/id/event/" + k for k in ("d1-evict", "d3-ratify-rus", "d3-treaty"))
CASES = {  # golden file -> (query, parameters); on the two-document graph.trig
    "entities": ("entities", {}),
    "events": ("events", {}),
    "alignment": ("alignment", {}),
    "timeline": ("timeline", {"state": "Uzbekistan"}),
    "timeline-window": ("timeline", {"state": "UZB", "from": "2005-06", "to": "2005-12"}),
    "alignmentTrend": ("alignmentTrend", {"state": "Q265"}),
    "alignmentTrend-window": ("alignmentTrend", {"state": "Q265", "from": "2005-09"}),
}
CATALOGUE_CASES = {  # on graph.trig + catalogue.trig (agreements, bases, blocs, tenures, copies of events)
    "alignmentTrend-catalogue": ("alignmentTrend", {"state": "Q265"}),
    "alignmentStatements": ("alignmentStatements", {"state": "UZB"}),
    "alignmentStatements-pair-window": ("alignmentStatements", {"state": "UZB", "other": "USA", "from": "2005-09"}),
    "alignmentScore": ("alignmentScore", {"state": "UZB"}),
    "alignmentScore-month": ("alignmentScore", {"state": "UZB", "other": "RUS", "by": "month"}),
    "alignmentScore-window": ("alignmentScore", {"state": "UZB", "other": "USA", "by": "month",
                                                 "from": "2005-07", "to": "2005-11"}),
    "alignmentDrivers": ("alignmentDrivers", {"state": "UZB", "other": "Russia"}),
    "alignmentDrivers-window": ("alignmentDrivers", {"state": "UZB", "other": "USA", "from": "2005-06", "to": "2005-12"}),
    "blocRelations": ("blocRelations", {"state": "UZB", "bloc": "CSTO"}),
    "blocRelations-west": ("blocRelations", {"state": "UZB", "bloc": "the West"}),
    "agreements": ("agreements", {"state": "Q265"}),
    "militaryBases": ("militaryBases", {}),
    "militaryBases-at": ("militaryBases", {"at": "2005-09-01"}),
    "militaryBases-state-at": ("militaryBases", {"state": "USA", "at": "2010"}),
    "pairTimeline": ("pairTimeline", {"state": "UZB", "other": "RUS"}),
    "pairTimeline-usa": ("pairTimeline", {"state": "UZB", "other": "USA"}),
    "pairTimeline-window": ("pairTimeline", {"state": "UZB", "other": "USA", "from": "2005-11"}),
    "eventWindow": ("eventWindow", {"event": EVICT, "state": "UZB", "days": "120"}),
    "eventWindow-linked": ("eventWindow", {"event": RATIFY_RUS, "state": "UZB", "days": "30"}),
    "leaderAt": ("leaderAt", {"state": "UZB", "at": "2005-11-14"}),
    "leaderAt-handover-day": ("leaderAt", {"state": "RUS", "at": "2008-05-07"}),
    "leaderAt-tandem": ("leaderAt", {"state": "RUS", "at": "2010"}),
    "leaderAt-partial-start": ("leaderAt", {"state": "RUS", "at": "2013-01"}),
    "leaderAt-none": ("leaderAt", {"state": "RUS", "at": "1999"}),
    "eventSources": ("eventSources", {"event": TREATY_D3}),
    "sourceConflicts": ("sourceConflicts", {}),
    "sourceConflicts-none-for-state": ("sourceConflicts", {"state": "USA"}),
}
ALL_CASES = {**CASES, **CATALOGUE_CASES}


@pytest.fixture
def catalogue_store(fixture_store):
    fixture_store.oxigraph.load(path=str(CATALOGUE_TRIG), format=ox.RdfFormat.TRIG)
    share_descriptions(fixture_store.oxigraph)
    summaries.rebuild(fixture_store.oxigraph)
    return fixture_store


def _csv(result, ordered: bool = True) -> str:
    """The rows as CSV; a listing without ORDER BY (its rows in the store's order) with its rows sorted."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(result.vars)
    rows = [["" if row[v] is None else row[v] for v in result.vars] for row in result.rows]
    w.writerows(rows if ordered else sorted(rows))
    return out.getvalue()


@pytest.mark.parametrize("name", queries.catalogue())
def test_every_query_has_a_valid_header_and_parses(name, catalogue_store):
    q = queries.load(name)
    assert q.summary.endswith("?"), "the summary is the question the query answers"
    assert all("_" not in p.name for p in q.params)
    defaults = {k: v for d in q.header.get("defaults") or [] for k, v in d.items()}
    assert {p.name for p in q.params if p.required} <= set(defaults), "required parameters need grlc defaults"
    queries.run(name, defaults, store=catalogue_store)  # parses and runs


@pytest.mark.parametrize("case", sorted(ALL_CASES))
def test_golden_rows_on_fixture_graph(case, request):
    name, params = ALL_CASES[case]
    store = request.getfixturevalue("catalogue_store" if case in CATALOGUE_CASES else "fixture_store")
    got = _csv(queries.run(name, params, store=store), ordered="ORDER BY" in queries.load(name).text)
    path = GOLDEN / f"{case}.csv"
    if os.environ.get("KG_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def test_every_golden_case_is_a_catalogue_query():
    assert {q for q, _ in ALL_CASES.values()} == set(queries.catalogue())
    assert {p.stem for p in GOLDEN.glob("*.csv")} == set(ALL_CASES), "a golden file without a case, or the reverse"


def test_every_query_has_a_golden_case_with_rows():
    with_rows = {ALL_CASES[p.stem][0] for p in GOLDEN.glob("*.csv")
                 if p.stem in ALL_CASES and len(p.read_text(encoding="utf-8").splitlines()) > 1}
    assert with_rows == set(queries.catalogue())


def _outer_tail(text: str) -> str:
    """What follows the outermost WHERE block: the solution modifiers (comments dropped)."""
    body = "\n".join(re.sub(r"(^|\s)#.*$", "", line) for line in text.splitlines())  # not the # inside IRIs
    return body[body.rindex("}") + 1:]


CHRONOLOGY = [n for n in queries.catalogue() if "chronology" in (queries.load(n).header.get("tags") or [])]


def test_chronology_tag_is_used():
    assert {"timeline", "pairTimeline", "eventWindow", "leaderAt", "eventSources"} <= set(CHRONOLOGY)


@pytest.mark.parametrize("name", CHRONOLOGY)
def test_every_chronology_query_has_an_order_by(name):
    assert re.search(r"\bORDER\s+BY\b", _outer_tail(queries.load(name).text), re.I), \
        "a chronology query must order its rows (CONVENTIONS: every chronology query has an ORDER BY)"


def test_order_by_check_sees_only_the_outer_query():
    inner_only = "SELECT * WHERE { { SELECT ?s WHERE { ?s a <http://x#C> } ORDER BY ?s } }  # ORDER BY ?s"
    assert not re.search(r"\bORDER\s+BY\b", _outer_tail(inner_only), re.I)


@pytest.mark.parametrize("name", queries.catalogue())
def test_every_query_is_standard_sparql(name, catalogue_store):
    """rdflib's parser (another engine than the store's) accepts each query once its parameters are bound."""
    q = queries.load(name)
    defaults = {k: v for d in q.header.get("defaults") or [] for k, v in d.items()}
    prepareQuery(queries.bind(q, defaults, catalogue_store))


def _same_value(a: str | None, b: str | None) -> bool:
    # engines write the same xsd:decimal differently ("4" / "4.0")
    try:
        return a == b or (a is not None and b is not None and Decimal(a) == Decimal(b))
    except InvalidOperation:
        return False


def _rdflib(*trig: Path) -> Dataset:
    """The same quads in rdflib, whose default graph is a true (deduplicated) union of the named graphs: those
    of the fixture store, shared descriptions and summaries included."""
    store = Store()
    store.ensure_ontology()
    for path in trig:
        store.oxigraph.load(path=str(path), format=ox.RdfFormat.TRIG)
    share_descriptions(store.oxigraph)
    summaries.rebuild(store.oxigraph)
    ds = Dataset(default_union=True)
    ds.parse(data=store.oxigraph.dump(format=ox.RdfFormat.TRIG).decode("utf-8"), format="trig")
    return ds


@pytest.fixture(scope="module")
def rdflib_stores():
    base = Path(__file__).parent / "fixtures" / "graph.trig"
    return {"fixture_store": _rdflib(base), "catalogue_store": _rdflib(base, CATALOGUE_TRIG)}


@pytest.mark.parametrize("case", sorted(ALL_CASES))
def test_another_engine_gives_the_same_rows(case, request, rdflib_stores):
    """The stored queries are plain SPARQL 1.1: rdflib answers them as oxigraph does, rows and order (where
    the query sets one)."""
    name, params = ALL_CASES[case]
    which = "catalogue_store" if case in CATALOGUE_CASES else "fixture_store"
    store = request.getfixturevalue(which)
    ours = queries.run(name, params, store=store).rows
    theirs = rdflib_stores[which].query(queries.bind(queries.load(name), params, store))
    theirs = [{str(v): (None if r[v] is None else str(r[v])) for v in theirs.vars} for r in theirs]
    assert len(ours) == len(theirs), case
    if "ORDER BY" not in queries.load(name).text:  # a listing in each store's own order: the same rows
        ours, theirs = (sorted(rows, key=lambda r: sorted((k, v or "") for k, v in r.items())) for rows in (ours, theirs))
    for a, b in zip(ours, theirs):
        assert a.keys() == b.keys() and all(_same_value(a[k], b[k]) for k in a), (a, b)


def test_json_is_sparql_results_json(fixture_store):
    data = json.loads(queries.run("events", store=fixture_store).serialize("json"))
    assert data["head"]["vars"][:3] == ["event", "type", "date"]
    assert {b["type"]["value"] for b in data["results"]["bindings"]} == {"AGREE", "ASSAULT", "CONSULT", "SANCTION", "SUPPORT"}


@pytest.mark.parametrize("value", ["Q265", "UZB", "Uzbekistan", "uzbekistan", "Tashkent",
                                   "https://example.org/id/state/UZB"])
def test_a_state_by_qid_iso_name_or_iri(value, fixture_store):
    rows = queries.run("timeline", {"state": value}, store=fixture_store).rows
    assert len(rows) == 5


@pytest.mark.parametrize("value", [
    'Uzbekistan" } ; DROP ALL ; #', "x } UNION { ?s ?p ?o }", "Q265 # comment", "<http://a b>",
    "http://example.org/a b", "SELECT * WHERE", "U" * 10_000, "Uzbek\nistan", "?_state_iri"])
def test_injection_is_refused_or_bound_safely(value, fixture_store):
    before = len(fixture_store)
    try:
        rows = queries.run("timeline", {"state": value}, store=fixture_store).rows
    except KgError as exc:
        assert exc.code in ("E404", "E405") and "state" in exc.message
    else:
        assert rows == []
    assert len(fixture_store) == before


@pytest.mark.parametrize("params,code", [
    ({}, "E403"), ({"state": "UZB", "colour": "red"}, "E403"), ({"state": "UZB", "from": "last year"}, "E404"),
    ({"state": "UZB", "to": "2005-13"}, "E404"), ({"state": "Atlantis"}, "E405")])
def test_bad_parameters_name_the_parameter(params, code, fixture_store):
    with pytest.raises(KgError) as err:
        queries.run("timeline", params, store=fixture_store)
    assert err.value.code == code


def test_unknown_query_lists_the_catalogue():
    with pytest.raises(KgError, match=r"E401.*timeline"):
        queries.load("nope")
    with pytest.raises(KgError, match="E401"):
        queries.load("../pyproject")


def test_python_api_returns_rows(fixture_store):
    import kg

    rows = kg.query("timeline", store=fixture_store, state="Russia", **{"from": "2005-11"})
    assert [r["type"] for r in rows] == ["CONSULT", "AGREE"]


@pytest.mark.parametrize("value", ["decade", "YEAR", "year } ", ""])
def test_by_accepts_only_year_or_month(value, catalogue_store):
    params = {"state": "UZB", "by": value}
    if value == "":
        assert queries.run("alignmentScore", params, store=catalogue_store).rows  # not given: by year
        return
    with pytest.raises(KgError) as err:
        queries.run("alignmentScore", params, store=catalogue_store)
    assert err.value.code == "E404" and "by" in err.value.message


def test_alignment_trend_is_not_multiplied_by_documents_that_name_the_partner(catalogue_store):
    # oxigraph's union default graph repeats a label once per document that states it; the sums did too
    rows = {r["otherLabel"]: r for r in queries.run("alignmentTrend", {"state": "UZB"}, store=catalogue_store).rows}
    # nine Russia events, two of them copies of others (gk:sameEventAs: the treaty, the talks) that count once
    assert (rows["Russia"]["score"], rows["Russia"]["events"]) == ("30.5", "7")
    assert (rows["United States"]["score"], rows["United States"]["events"]) == ("-13", "9")


def _period(text: str) -> tuple[date, date]:
    """First and last day of a partial date's period."""
    y, m, d = ([int(p) for p in text.split("-")] + [None, None])[:3]
    if d is not None:
        return date(y, m, d), date(y, m, d)
    if m is not None:
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
    return date(y, 1, 1), date(y, 12, 31)


@pytest.mark.parametrize("anchor,days", [(EVICT, 120), (EVICT, 1000), (RATIFY_RUS, 30), (TREATY_D3, 400)])
def test_event_window_gaps_agree_with_python_dates(anchor, days, catalogue_store):
    anchor_date = next(r["date"] for r in queries.run("events", store=catalogue_store).rows if r["event"] == anchor)
    a_start, a_end = _period(anchor_date)
    rows = queries.run("eventWindow", {"event": anchor, "state": "UZB", "days": str(days)}, store=catalogue_store).rows
    assert rows
    for r in rows:
        if r["date"] is None:
            assert r["gapDays"] is None and r["relation"] in ("before", "after")
            continue
        start, end = _period(r["date"])
        gap = (a_start - end).days if end < a_start else (start - a_end).days if start > a_end else 0
        relation = "before" if end < a_start else "after" if start > a_end else "overlapping"
        assert (r["relation"], int(r["gapDays"])) == (relation, gap), r["event"]
        assert gap <= days


def test_entities_lists_a_group_once_as_a_group(fixture_store):
    # a gk:Group is also a gk:Organization: entities.rq gives it one row, of the more specific kind
    from kg.iris import Minter
    from kg.mapping import to_quads
    from loaders.model import Document, Entity, Facts

    ents = [Entity("Q1037", "State", "Rwanda", wikidata="Q1037", iso3="RWA"),
            Entity("group:rwanda-rebel", "Organization", "Rwanda rebel",
                   attrs={"country": "Q1037", "sector": "REB", "group": True})]
    graph, quads = to_quads(Facts(Document(text="Rwandan rebels.", source="g.txt"), entities=ents), Minter())
    fixture_store.replace_graph(graph, quads)
    rows = [r for r in queries.run("entities", {}, store=fixture_store).rows if r["source"] == "g.txt"]
    group = [r for r in rows if r["entity"].endswith("/id/group/rwanda-rebel")]
    assert [r["kind"] for r in group] == ["https://w3id.org/geokg/ontology#Group"], rows


def test_binding_is_one_pass_so_a_value_cannot_spell_another_parameter(tmp_path):
    """A literal whose text is another parameter's token stays that literal: it is not substituted again
    (neither where the local store runs the text nor where it is sent to a remote endpoint: both use bind)."""
    path = tmp_path / "two.rq"
    path.write_text("SELECT ?x WHERE { ?x ?p ?_note_literal . ?x ?q ?_other_literal }\n", encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    q = queries.StoredQuery("two", path, text, {}, [queries.Param("note", "literal", False),
                                                      queries.Param("other", "literal", False)])
    bound = queries.bind(q, {"note": "?_other_literal", "other": "x"}, ox.Store())
    assert bound == 'SELECT ?x WHERE { ?x ?p "?_other_literal" . ?x ?q "x" }\n'
    assert queries.bind(q, {"other": "?_note_literal"}, ox.Store()).count("?_note_literal") == 2  # one a literal


def test_pages_of_a_listing_cover_every_row_once_in_order(catalogue_store):
    every = queries.run("events", {"limit": "all"}, store=catalogue_store).rows
    assert len(every) > 5
    got, offset = [], 0
    while True:
        page = queries.run("events", {"limit": "3", "offset": str(offset)}, store=catalogue_store)
        got += page.rows
        assert len(page.rows) <= 3
        if not page.more:
            break
        offset += 3
    assert got == every
    # a listing's default page is its grlc `pagination:` header; other queries answer every row
    assert queries.run("events", {}, store=catalogue_store).limit == int(queries.load("events").header["pagination"])
    assert queries.run("timeline", {"state": "UZB"}, store=catalogue_store).limit is None


@pytest.mark.parametrize("bad", [{"limit": "0"}, {"limit": "-1"}, {"limit": "100001"}, {"limit": "ten"},
                                 {"offset": "-5"}, {"offset": "1e3"}])
def test_bad_page_parameters_are_refused(bad, catalogue_store):
    with pytest.raises(KgError) as err:
        queries.run("events", bad, store=catalogue_store)
    assert err.value.code == "E404"


def test_a_page_serialises_exactly_its_rows(catalogue_store):
    page = queries.run("events", {"limit": "2"}, store=catalogue_store)
    assert page.more and len(page.serialize("csv").strip().splitlines()) == 3  # header and two rows
    assert len(json.loads(page.serialize("json"))["results"]["bindings"]) == 2
