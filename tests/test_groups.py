"""People of a country who are not its state (CAMEO country + sector), and named groups as actors."""
from __future__ import annotations

from loaders.extract.entities import gazetteer_matches
from loaders.extract.groups import national_groups, sector_of, state_sector
from loaders.extract.news import extract
from loaders.extract.nlp import nlp
from loaders.model import Document


def read(text: str):
    return extract(Document(text=text, source="t", published="2010-06-01"))


def test_a_demonym_before_a_non_state_agent_noun_is_a_group_of_that_country():
    f = read("Rwandan rebels attacked a village in Congo.")
    group = next(e for e in f.entities if e.key.startswith("group:"))
    assert (group.kind, group.attrs["country"], group.attrs["sector"]) == ("Organization", "Q1037", "REB")
    assert [(e.type, e.actors) for e in f.events] == [("ASSAULT", [group.key])]


def test_a_states_own_sectors_stay_the_state():
    f = read("Uzbek officials criticized the United States.")
    assert not [e for e in f.entities if e.key.startswith("group:")]
    assert [(e.type, e.actors, e.targets) for e in f.events] == [("ACCUSE", ["Q265"], ["Q30"])]
    assert state_sector("MIL") and state_sector("GOVMED") and not state_sector("OPP")


def test_only_plural_people_nouns_make_groups():
    doc = nlp()("Kyrgyzstan's oil and gas industry grew.")
    assert national_groups(doc, [], gazetteer_matches(doc)) == []
    assert sector_of("guerrillas") == "REB" and sector_of("demonstrators") == "OPP"


def test_a_named_organisation_the_gazetteer_does_not_know_acts_as_a_group():
    f = read("The Kurdistan Workers' Party demanded talks with Turkey.")
    assert [(e.type, e.actors, e.targets) for e in f.events] == [
        ("REQUEST", ["group:kurdistan-workers-party"], ["Q43"])]
    assert next(e for e in f.entities if e.key == "group:kurdistan-workers-party").kind == "Organization"


def test_an_undated_surname_names_the_only_state_its_leaders_led():
    f = extract(Document(text="Putin offered to negotiate with Armenia.", source="t"))
    assert [(e.type, e.actors) for e in f.events] == [("AGREE", ["Q159"])]


def test_people_located_in_a_country_are_a_group_of_that_country():
    f = read("Students in Caracas marched against the government.")
    group = next(e for e in f.entities if e.key.startswith("group:"))
    assert (group.attrs["country"], group.attrs["sector"]) == ("Q717", sector_of("students"))
    assert [(e.type, e.actors) for e in f.events] == [("PROTEST", [group.key])]


def test_a_demonym_names_the_country_of_people_located_elsewhere():
    f = read("Syrian refugees in Turkey protested on Monday.")
    assert [e.key for e in f.entities if e.key.startswith("group:")] == ["group:syria-refugee"]
    assert [e.actors for e in f.events] == [["group:syria-refugee"]]


def test_a_groups_protest_is_in_the_street_a_states_is_diplomatic():
    assert [e.type for e in read("Kenyan demonstrators protested against the election results.").events] == ["PROTEST"]
    assert [e.type for e in read("China protested against the visit.").events] == ["ACCUSE"]


def test_armed_and_security_agent_nouns_of_the_cameo_dictionary_make_a_demonym_the_state():
    assert [(e.type, e.actors) for e in read("French marines attacked a rebel camp.").events] == [("ASSAULT", ["Q142"])]
    # lawyers are a judicial sector in CAMEO, yet not the state
    assert not [e for e in read("Egyptian lawyers attacked a rebel camp.").events if "Q79" in e.actors]


def test_people_counted_by_a_number_noun_are_located_by_its_place():
    f = read("Thousands of demonstrators in Tbilisi protested against the new law.")
    group = next(e for e in f.entities if e.key.startswith("group:"))
    assert (group.attrs["country"], group.attrs["sector"]) == ("Q230", "OPP")
    assert [(e.type, e.actors) for e in f.events] == [("PROTEST", [group.key])]


def test_a_peoples_name_after_ethnic_or_many_is_a_group_of_the_country_not_its_state():
    f = read("Ethnic Albanians protested against the government in Skopje.")
    group = next(e for e in f.entities if e.key.startswith("group:"))
    assert (group.attrs["country"], group.attrs["sector"]) == ("Q222", "PPL")
    assert [(e.type, e.actors) for e in f.events] == [("PROTEST", [group.key])]
    f = read("Albanians protested against the government.")
    assert not [e for e in f.entities if e.key.startswith("group:")]  # the people named alone: the state, as before
