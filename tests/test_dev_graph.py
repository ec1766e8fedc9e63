"""The questions users come for, on the graph the real loaders build from the dev articles."""
from __future__ import annotations

import pytest

import kg
from kg.store import Store
from tests.conftest import DEV

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/corpus/dev beside the checkout")


@pytest.fixture(scope="module")
def dev_store() -> Store:
    store = Store()
    report = kg.ingest([DEV], store=store)
    assert report.ok and report.documents == 12, report.failed
    return store


def test_uzbekistan_moved_toward_russia_and_away_from_the_us_in_2005_2006(dev_store):
    rows = kg.query("alignmentTrend", store=dev_store, state="Uzbekistan", **{"from": "2005", "to": "2006"})
    toward = [r["otherLabel"] for r in rows if r["direction"] == "toward"]
    away = [r["otherLabel"] for r in rows if r["direction"] == "away"]
    assert toward[0] == "Russia"
    assert away[0] in ("United States", "the West")
    assert int(next(r for r in rows if r["otherLabel"] == "Russia")["events"]) >= 3  # evidence, not one event


def test_timeline_orders_andijon_before_eviction_before_treaty(dev_store):
    rows = kg.query("timeline", store=dev_store, state="UZB", **{"from": "2005", "to": "2006"})
    dated = [(r["date"], r["type"]) for r in rows if r["date"]]
    assert dated == sorted(dated, key=lambda d: d[0])
    first = {t: next(i for i, (d, ty) in enumerate(dated) if ty == t and cond(d))
             for t, cond in (("ASSAULT", lambda d: d.startswith("2005-05")),
                             ("SANCTION", lambda d: d.startswith("2005-07")),
                             ("SUPPORT", lambda d: d.startswith("2005-11")))}
    assert first["ASSAULT"] < first["SANCTION"] < first["SUPPORT"]


def test_every_event_keeps_its_sentence_and_source(dev_store):
    rows = kg.query("events", store=dev_store)
    assert rows and all(r["evidence"] and r["source"] for r in rows)
