"""The built gazetteer: complete state tables, well-formed ids, time-scoped leaders."""
from __future__ import annotations

import re

import pytest

from loaders.gazetteer import DATA, gazetteer, lookup_leader, slug

QID = re.compile(r"^Q[1-9]\d*$")


def current_states():
    return [s for s in gazetteer().states.values() if not s["historical"]]


def test_every_sovereign_state_is_there():
    # 193 UN members, 2 observers (Holy See, Palestine), Taiwan and Kosovo
    assert len(current_states()) == 197
    for name in ("Uzbekistan", "Kyrgyzstan", "Tuvalu", "South Sudan", "Kosovo", "Taiwan"):
        assert gazetteer().state_key(name), name


def test_dependencies_and_regions_are_not_states():
    g = gazetteer()
    for name in ("Greenland", "Puerto Rico", "Hong Kong", "Asia", "Gaza Strip", "Aland Islands"):
        assert g.state_key(name) is None, name


def test_every_state_has_capital_demonym_and_wellformed_ids():
    isos = set()
    for s in current_states():
        assert QID.match(s["qid"]), s
        assert s["capitals"], s["name"]
        assert s["adjectives"], s["name"]
        assert re.fullmatch(r"[A-Z]{3}", s["iso3"]) and s["iso3"] not in isos
        isos.add(s["iso3"])


def test_lookup_by_code_and_name():
    g = gazetteer()
    assert g.state_key("UZB") == g.state_key("uz") == g.state_key("Uzbekistan") == "Q265"
    assert g.state_key("Russian Federation") == "Q159"
    assert g.state("Q30")["iso3"] == "USA"


def test_organisations_have_qids_acronyms_and_the_west():
    orgs = gazetteer().orgs
    for key, o in orgs.items():
        assert key == (o["qid"] or key) and (o["qid"] is None or QID.match(o["qid"]))
        assert key.startswith("Q") or key.startswith("org:")
    assert "SCO" in orgs["Q485207"]["acronyms"] and "CSTO" in orgs["Q318693"]["acronyms"]
    assert orgs["org:the-west"]["bloc"] is True


def test_agencies_are_listed_as_provenance():
    assert {"Reuters", "AP", "AFP", "Interfax", "ITAR-TASS"} <= set(gazetteer().data["agencies"])


def test_metonyms_point_at_states():
    g = gazetteer()
    assert g.data["metonyms"]["the Kremlin"] == "Q159"
    assert g.data["metonyms"]["the Pentagon"] == g.data["metonyms"]["White House"] == "Q30"


@pytest.mark.parametrize("state,role,date,surname", [
    ("Q159", "president", "2006-05-12", "Putin"),
    ("Q159", "president", "2009", "Medvedev"),
    ("Q159", "prime minister", "2009-06-01", "Putin"),
    ("Q30", "president", "2005-08-01", "Bush"),
    ("Q265", "leader", "2005-11-14", "Karimov"),
    ("Q183", "chancellor", "2009", "Merkel"),
])
def test_leader_at_a_date(state, role, date, surname):
    assert lookup_leader(state, role, date)["surname"] == surname


def test_leader_lookup_refuses_what_it_does_not_know():
    assert lookup_leader("Q183", "president", "2009") is None  # the German leader is the chancellor
    assert lookup_leader("Q159", "president", None) is None


def test_attribution_names_every_source():
    text = (DATA / "ATTRIBUTION.md").read_text(encoding="utf-8")
    for source in ("Our World in Data", "Archigos", "EveryPolitician", "project-curated"):
        assert source in text


def test_slug():
    assert slug("Karshi-Khanabad air base") == "karshi-khanabad-air-base"
    assert slug("Côte d'Ivoire") == "cote-d-ivoire"
