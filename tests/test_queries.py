"""One test per stored query (parses, header valid, golden rows on the fixture graph), plus safe binding."""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest

from kg import queries
from kg.errors import KgError

GOLDEN = Path(__file__).parent / "golden"
CASES = {  # golden file -> (query, parameters)
    "entities": ("entities", {}),
    "events": ("events", {}),
    "alignment": ("alignment", {}),
    "timeline": ("timeline", {"state": "Uzbekistan"}),
    "timeline-window": ("timeline", {"state": "UZB", "from": "2005-06", "to": "2005-12"}),
    "alignmentTrend": ("alignmentTrend", {"state": "Q265"}),
    "alignmentTrend-window": ("alignmentTrend", {"state": "Q265", "from": "2005-09"}),
}


def _csv(result) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(result.vars)
    for row in result.rows:
        w.writerow(["" if row[v] is None else row[v] for v in result.vars])
    return out.getvalue()


@pytest.mark.parametrize("name", queries.catalogue())
def test_every_query_has_a_valid_header_and_parses(name, fixture_store):
    q = queries.load(name)
    assert q.summary.endswith("?"), "the summary is the question the query answers"
    assert all("_" not in p.name for p in q.params)
    defaults = {k: v for d in q.header.get("defaults") or [] for k, v in d.items()}
    assert {p.name for p in q.params if p.required} <= set(defaults), "required parameters need grlc defaults"
    queries.run(name, defaults, store=fixture_store)  # parses and runs


@pytest.mark.parametrize("case", sorted(CASES))
def test_golden_rows_on_fixture_graph(case, fixture_store):
    name, params = CASES[case]
    got = _csv(queries.run(name, params, store=fixture_store))
    path = GOLDEN / f"{case}.csv"
    if os.environ.get("KG_UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


def test_every_golden_case_is_a_catalogue_query():
    assert {q for q, _ in CASES.values()} == set(queries.catalogue())


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
