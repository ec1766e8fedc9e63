"""Reports of one event in different documents (kg.link): linked on ingest, counted once by the stored queries,
kept right by remove and re-ingest."""
from __future__ import annotations

import json

from kg import queries
from kg.ingest import ingest_paths
from kg.remove import remove_sources
from kg.store import Store
from kg.validate import validate

GK = "https://w3id.org/geokg/ontology#"
ARTICLE = ("---\nurl: https://news.example/alliance\npublished: 2005-11-15\n---\n"
           "Russia and Uzbekistan signed an alliance treaty in Moscow on November 14, 2005.\n")


def _record(rid: str, event: str, date: str, source: str, target: str | None = None, **extra) -> str:
    rec = {"id": rid, "event": event, "date": date, "source": [{"code": source}],
           "target": [{"code": target}] if target else [], "text": f"Record {rid}.", **extra}
    return json.dumps(rec)


def _links(store) -> set[tuple[str, str]]:
    rows = store.query(f"SELECT ?a ?b WHERE {{ ?a <{GK}sameEventAs> ?b }}")
    return {tuple(sorted((r["a"].value.rsplit("/", 1)[1], r["b"].value.rsplit("/", 1)[1]))) for r in rows}


def _ingest(store, tmp_path, name: str, text: str):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    report = ingest_paths([str(p)], store)
    assert report.ok, report.failed
    return p


def test_an_imported_record_and_an_extracted_report_of_one_signing_are_one_event(tmp_path):
    store = Store(tmp_path / "store")
    _ingest(store, tmp_path, "alliance.txt", ARTICLE)
    # the POLECAT-style record of the same signing, coded from the same article, is a source of its own
    _ingest(store, tmp_path, "coded.jsonl",
            _record("p1", "SUPPORT", "2005-11-14", "RUS", "UZB", url="https://news.example/alliance") + "\n")
    assert len(_links(store)) == 1
    for name, params in (("timeline", {"state": "UZB"}), ("pairTimeline", {"state": "UZB", "other": "RUS"})):
        rows = [r for r in queries.run(name, params, store=store).rows if str(r["type"]) == "SUPPORT"]
        assert len(rows) == 1, (name, rows)  # one row for the two reports
    (trend,) = [r for r in queries.run("alignmentTrend", {"state": "UZB"}, store=store).rows
                if str(r["other"]).endswith("/RUS")]
    support = [r for r in store.query(f"SELECT ?w WHERE {{ <{GK}Support> <{GK}cooperationWeight> ?w }}")][0]["w"]
    assert (int(trend["events"]), int(trend["sources"])) == (1, 2)
    assert float(trend["score"]) == float(support.value)  # its weight once, not twice
    # and eventSources still gives both reports
    event = str(queries.run("timeline", {"state": "UZB"}, store=store).rows[0]["event"])
    sources = {str(r["source"]) for r in queries.run("eventSources", {"event": event}, store=store).rows}
    assert sources == {"https://news.example/alliance", "urn:plover:p1"}
    # and the PLOVER export names each report's other one
    from kg.export import export_text

    records = [json.loads(line) for line in export_text(store, "plover").splitlines()]
    signing = [r for r in records if r["event"] == "SUPPORT"]
    assert len(signing) == 2 and {r["geokg_same_event"][0] for r in signing} == {r["geokg_event"] for r in signing}


def test_reports_that_differ_in_type_day_precision_or_roles_stay_apart(tmp_path):
    store = Store(tmp_path / "store")
    lines = [_record("a", "ACCUSE", "2010-03-02", "USA", "RUS"),
             _record("b", "ACCUSE", "2010-03-02", "RUS", "USA"),   # the other way round
             _record("c", "ACCUSE", "2010-03-03", "USA", "RUS"),   # another day
             _record("d", "REJECT", "2010-03-02", "USA", "RUS"),   # another type
             _record("e", "ACCUSE", "2010", "USA", "RUS"),         # a year says too little
             _record("f", "ACCUSE", "2010-03-02", "USA", "CHN")]   # another target
    _ingest(store, tmp_path, "coded.jsonl", "\n".join(lines) + "\n")
    assert _links(store) == set()


def test_a_month_meets_its_days_and_a_report_without_target_meets_either_role(tmp_path):
    store = Store(tmp_path / "store")
    lines = [_record("b", "CONSULT", "2010-03", "USA", "RUS"),  # the month first: it is still the copy
             _record("a", "CONSULT", "2010-03-02", "USA", "RUS"),
             _record("c", "CONSULT", "2010-03-09", "USA", "RUS")]
    _ingest(store, tmp_path, "coded.jsonl", "\n".join(lines) + "\n")
    graph = {r["e"].value: r["id"].value.split(":")[-1] for r in store.query(
        f"SELECT ?e ?id WHERE {{ ?e <{GK}codingRule> ?id }}")}
    named = {tuple(sorted((graph[a], graph[b]))) for a, b in (
        (r["a"].value, r["b"].value) for r in store.query(f"SELECT ?a ?b WHERE {{ ?a <{GK}sameEventAs> ?b }}"))}
    assert named == {("a", "b"), ("b", "c")}  # two days of one month are two events
    # the timeline shows the two days, not the month that is a copy of each (whatever came in first)
    shown = {r["date"] for r in queries.run("timeline", {"state": "USA"}, store=store).rows}
    assert shown == {"2010-03-02", "2010-03-09"}


def test_removing_a_report_drops_the_links_to_it_and_keeps_the_others_linked(tmp_path):
    store = Store(tmp_path / "store")
    for rid in ("a", "b", "c"):
        _ingest(store, tmp_path, f"{rid}.jsonl", _record(rid, "SUPPORT", "2008-05-07", "RUS", "KAZ") + "\n")
    assert len(_links(store)) == 3  # each later report to every earlier one
    _ingest(store, tmp_path, "a.jsonl", _record("a", "SUPPORT", "2008-05-07", "RUS", "KAZ") + "\n")  # again
    assert len(_links(store)) == 3
    remove_sources(store, ["urn:plover:a"])
    assert len(_links(store)) == 1  # b and c, still one event
    dangling = store.query(f"ASK {{ ?x <{GK}sameEventAs> ?e FILTER NOT EXISTS {{ ?e a <{GK}Event> }} }}")
    assert not dangling
    report = validate(store.oxigraph)  # the shapes: gk:sameEventAs links an event to an event
    assert report.conforms, report.messages[:3]
    # a changed report (now another day) is no longer a copy
    _ingest(store, tmp_path, "b.jsonl", _record("b", "SUPPORT", "2008-05-08", "RUS", "KAZ") + "\n")
    assert _links(store) == set()


def test_an_rdf_file_loaded_with_kg_load_meets_the_other_reports(tmp_path):
    from kg.export import export_text
    from kg.rdf_input import load_file

    first = Store(tmp_path / "first")
    _ingest(first, tmp_path, "a.jsonl", _record("a", "AID", "2015-06-01", "DEU", "UKR") + "\n")
    dump = tmp_path / "a.nq"
    dump.write_text(export_text(first, "nquads"), encoding="utf-8")
    second = Store(tmp_path / "second")
    _ingest(second, tmp_path, "b.jsonl", _record("b", "AID", "2015-06-01", "DEU", "UKR") + "\n")
    load_file(second, dump)
    assert len(_links(second)) == 1
