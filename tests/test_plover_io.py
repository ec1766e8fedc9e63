"""Pre-coded events in and out: PLOVER JSON records (plover.v1) and `kg export --format plover`."""
from __future__ import annotations

import json
from pathlib import Path

from kg.export import export_text
from kg.ingest import ingest_documents, ingest_paths
from kg.store import Store
from loaders.files import choose_reader, iter_documents
from loaders.gazetteer import gazetteer
from loaders.model import Facts
from loaders.readers.plover import MAX_RECORD_BYTES

GSR = Path(__file__).resolve().parents[2] / "shared/corpus/plover-gsr/dev.json"
SAMPLES = Path(__file__).resolve().parents[1] / "kg/samples"
RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def _events(store) -> set[tuple]:
    """(type, date, actor ISO/keys, target ISO/keys, sentence) of every event, from the PLOVER export."""
    out = set()
    for line in export_text(store, "plover").splitlines():
        r = json.loads(line)
        side = lambda s: tuple(sorted((a["code"], a.get("sector") or "", a.get("actorText") or "") for a in r.get(s, [])))
        out.add((r["event"], r.get("date"), r.get("mode", ""), side("source"), side("target"), r["text"]))
    return out


def test_every_gold_standard_record_becomes_an_event_of_its_category_with_its_states():
    records = json.loads(GSR.read_text(encoding="utf-8"))
    items = list(iter_documents([GSR]))
    facts = [f for f in items if isinstance(f, Facts)]
    errors = [str(e) for e in items if not isinstance(e, Facts)]
    # a record with a target alone is an event whose doer is unknown; one with neither side is E121
    with_source = [r for r in records if r.get("source") or r.get("target")]
    assert len(facts) == len(with_source) and len(errors) == len(records) - len(with_source)
    assert all("[E121]" in e and "record " in e for e in errors)
    g = gazetteer()
    for rec, f in zip(with_source, facts):
        (ev,) = f.events
        assert ev.type == RENAMED.get(rec["event"], rec["event"])
        want = {a["code"] for a in rec.get("source") or [] if g.state_key(a["code"])}
        ents = {e.key: e for e in f.entities}
        # an actor's state: itself, or the country of a group
        got = {g.states[ents[k].attrs.get("country", k)]["iso3"] for k in ev.actors
               if ents[k].attrs.get("country", k) in g.states}
        assert want <= got, (rec["id"], want, got)
        assert ev.evidence.text == rec["text"].strip("{} \n")


def test_an_event_read_with_a_target_and_no_actor_exports_and_imports_as_the_same_event(tmp_path):
    doc = tmp_path / "bombing.txt"
    doc.write_text("A roadside bombing near Samarra on Sunday killed one U.S. soldier.\n", encoding="utf-8")
    first = Store(tmp_path / "a")
    assert ingest_paths([str(doc)], first).ok
    got = _events(first)
    assert {(t, a, tg) for t, _, _, a, tg, _ in got} == {("ASSAULT", (), (("USA", "", "United States"),))}
    out = tmp_path / "events.jsonl"
    out.write_text(export_text(first, "plover"), encoding="utf-8")
    second = Store(tmp_path / "b")
    report = ingest_paths([str(out)], second)
    assert report.ok, report.failed
    assert _events(second) == got


def test_investigate_keeps_its_2021_mode_and_a_group_keeps_its_country_and_sector():
    line = json.dumps({"id": "t1", "event": "INVESTIGATE", "date": "1999-03", "text": "Rebels were investigated.",
                       "source": [{"code": "RWA", "sector": "REB", "actorText": "Rwandan rebels"}],
                       "target": [{"code": "UGA"}]})
    (f,) = iter_documents_of(line)
    (ev,) = f.events
    group = next(e for e in f.entities if e.key == ev.actors[0])
    assert (ev.type, ev.mode, ev.date) == ("ACCUSE", "investigate", "1999-03")
    assert (group.attrs["country"], group.attrs["sector"]) == ("Q1037", "REB")


def iter_documents_of(text: str):
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "events.jsonl"
        p.write_text(text, encoding="utf-8")
        return list(iter_documents([p]))


def test_bad_records_get_a_numbered_error_and_the_others_go_in(tmp_path):
    lines = [json.dumps({"id": "ok1", "event": "PROTEST", "text": "Protest.", "source": [{"code": "FRA"}]}),
             "not json",
             json.dumps({"id": "x", "event": "GOSSIP", "source": [{"code": "FRA"}]}),
             json.dumps({"id": "y", "event": "ASSAULT", "source": []}),
             json.dumps({"id": "ok2", "event_type": "AID", "text": "Aid.", "actor": [{"country": "DEU"}],
                         "recipient": [{"country": "UKR"}]})]
    p = tmp_path / "coded.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    store = Store(tmp_path / "store")
    report = ingest_paths([str(p)], store)
    assert report.documents == 2
    assert [e.split(": ", 1)[1].split(":")[0] for e in report.failed] == ["record 2", "record 3", "record 4"]
    assert all(e.startswith("[E121]") for e in report.failed)
    assert {(t, a[0][0]) for t, _, _, a, *_ in _events(store)} == {("PROTEST", "FRA"), ("AID", "DEU")}


def test_article_json_lines_are_still_articles():
    assert choose_reader(b'{"text": "Russia signed a treaty.", "url": "https://x.example/a"}\n', name="a.jsonl") \
        == "jsonl.v1"
    assert choose_reader(b'{"event": "AGREE", "source": [{"code": "RUS"}]}\n', name="a.jsonl") == "plover.v1"
    assert choose_reader(b'[{"event_type": "AGREE", "actor": "RUS"}]', name="a.json") == "plover.v1"


def test_export_then_import_into_a_fresh_store_gives_the_same_events(tmp_path):
    first = Store(tmp_path / "a")
    assert ingest_paths([str(SAMPLES)], first).ok
    exported = export_text(first, "plover")
    assert exported.count("\n") >= 10
    out = tmp_path / "events.jsonl"
    out.write_text(exported, encoding="utf-8")
    second = Store(tmp_path / "b")
    report = ingest_paths([str(out)], second)
    assert report.ok, report.failed[:3]
    assert _events(second) == _events(first)
    # and the second export is the first, byte for byte, once the records are their own sources
    again = Store(tmp_path / "c")
    ingest_documents(list(iter_documents([out])), again)
    assert export_text(again, "plover") == export_text(second, "plover")


FIXTURES = Path(__file__).resolve().parent / "fixtures"  # hand-written from the codebooks: CODED_FIXTURES.md


def test_a_polecat_table_is_read_by_its_column_names(tmp_path):
    store = Store(tmp_path / "s")
    report = ingest_paths([str(FIXTURES / "polecat_fixture.tsv")], store)
    assert report.documents == 2 and len(report.failed) == 1 and "[E121]" in report.failed[0]
    got = {(t, m, a, tg) for t, _, m, a, tg, _ in _events(store)}
    assert ("ACCUSE", "", (("RUS", "", "Russia"),), (("UKR", "", "Ukraine"),)) in got
    assert ("PROTEST", "demonstrate", (("GEO", "OPP", "Georgia OPP"),), (("GEO", "", "Georgia"),)) in got


def test_an_icews_table_maps_cameo_codes_with_the_oeda_table_each_row_its_own_source(tmp_path):
    items = list(iter_documents([FIXTURES / "icews_fixture.tsv"]))
    facts = [f for f in items if isinstance(f, Facts)]
    assert [f.document.source for f in facts] == ["urn:plover:ice-1", "urn:plover:ice-2"]
    assert [(e.type, e.mode, e.cameo, e.actors, e.targets, e.date) for f in facts for e in f.events] == [
        ("SUPPORT", "", "057", ["Q265"], ["Q159"], "2005-11-14"),   # "Russian Federation" is Russia
        ("COERCE", "deport", "174", ["Q265"], ["Q30"], "2005-07-29")]
    (err,) = [e for e in items if not isinstance(e, Facts)]
    assert "[E121]" in str(err) and "record 4" in str(err)  # CAMEO 010, a statement PLOVER drops


def test_an_overlong_row_is_a_numbered_error_and_the_next_rows_still_go_in(tmp_path):
    lines = (FIXTURES / "polecat_fixture.tsv").read_text(encoding="utf-8").splitlines()
    cols = lines[0].split("\t")
    bad = "\t".join("x" * (MAX_RECORD_BYTES + 10) if c == "Actor Name" else "" for c in cols)
    p = tmp_path / "big.tsv"
    p.write_text("\n".join([lines[0], lines[1], bad, lines[2]]) + "\n", encoding="utf-8")
    items = list(iter_documents([p]))
    assert [type(i).__name__ for i in items] == ["Facts", "LoaderError", "Facts"]
    assert "[E121]" in str(items[1]) and "record 3" in str(items[1])


def test_a_coded_file_past_the_input_limit_is_read_a_record_at_a_time(tmp_path):
    import tracemalloc

    from loaders.readers._common import MAX_TEXT_BYTES

    line = json.dumps({"id": "r{}", "event": "CONSULT", "date": "2010-03-02", "source": [{"code": "FRA"}],
                       "target": [{"code": "DEU"}], "text": "France and Germany held talks. " * 3})
    p = tmp_path / "big.jsonl"
    with p.open("w", encoding="utf-8") as out:
        n = 0
        while out.tell() <= 2 * MAX_TEXT_BYTES:
            n += 1
            out.write(line.replace("r{}", f"r{n}") + "\n")
    tracemalloc.start()
    count = sum(isinstance(item, Facts) for item in iter_documents([p]))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == n  # no E106: a coded-event file has no size limit
    assert peak < MAX_TEXT_BYTES / 2, peak  # and it was never held whole: the look at its start, a record


def test_a_json_array_past_the_input_limit_says_to_use_json_lines(tmp_path):
    from loaders.readers._common import MAX_TEXT_BYTES

    rec = {"id": "x", "event": "CONSULT", "source": [{"code": "FRA"}], "text": "x" * 1000}
    p = tmp_path / "big.json"
    p.write_text(json.dumps([rec] * (MAX_TEXT_BYTES // 1000 + 10)), encoding="utf-8")
    (err,) = iter_documents([p])
    assert "[E122]" in str(err) and "JSON Lines" in str(err)
