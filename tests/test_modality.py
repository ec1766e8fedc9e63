"""Modality as one mechanism: what future, conditional, negated-future and reported "must" clauses make of
an act (loaders/data/modality.tsv), decided from the parse and the cue lexicon (lang/en/modality.json)."""
from __future__ import annotations

import pytest

from loaders.extract import modality
from loaders.extract.nlp import nlp
from tests.test_events import events


def verb(text: str, word: str):
    return next(t for t in nlp()(text) if t.text == word)


@pytest.mark.parametrize("text, word, want", [
    ("Germany will provide aid to Ukraine.", "provide", "future"),
    ("Syria is willing to withdraw its troops.", "withdraw", "future"),
    ("The rebels vowed to fight.", "fight", "future"),
    ("France will pull out its troops unless the junta holds elections.", "pull", "conditional-future"),
    ("Hungary will not accept the migrants.", "accept", "negated-future"),
    ("Russia said that Ukraine must withdraw its troops.", "withdraw", "obligation"),
    ("Russia withdrew its troops.", "withdrew", None),
    ("If Iran attacks Israel, the United States will respond.", "attacks", None),  # the condition states nothing
    ("Russia could withdraw its troops.", "withdraw", None),
])
def test_clause_modality_from_the_parse(text, word, want):
    assert modality.clause_modality(verb(text, word)) == want


def test_the_policy_table_maps_quad_classes():
    assert modality.policy()[("future", "2")] == ("AGREE", "same")
    assert modality.policy()[("future", "4")] == ("THREATEN", "same")
    assert modality.recast(verb("Hungary will not accept the migrants.", "accept"), "AGREE") == ("REJECT", "same")
    assert modality.recast(verb("Russia withdrew its troops.", "withdrew"), "RETREAT") is None


def test_future_aid_is_an_agreement_to_aid():
    assert [(e.type, e.actors) for e in events("Russia will lend Georgia money.")] == [("AGREE", ["Q159"])]


def test_future_force_is_a_threat():
    assert [(e.type, e.actors) for e in events("Russia vowed to attack Georgia.")] == [("THREATEN", ["Q159"])]


def test_a_conditional_withdrawal_is_a_threat():
    evs = events("France will withdraw its troops from Mali unless the junta holds elections.")
    assert [(e.type, e.actors, e.targets) for e in evs] == [("THREATEN", ["Q142"], ["Q912"])]


def test_a_refusal_to_come_is_a_rejection():
    assert [(e.type, e.actors) for e in events("Algeria will not accept French troops.")] == [("REJECT", ["Q262"])]


def test_a_reported_must_is_the_speakers_request_of_the_clause_subject():
    evs = events("Russia said that Georgia must withdraw its troops.")
    assert [(e.type, e.actors, e.targets) for e in evs] == [("REQUEST", ["Q159"], ["Q230"])]


def test_a_prediction_about_another_party_is_no_act_of_theirs():
    assert not [e for e in events("Putin said Georgia would attack Russia.") if e.actors == ["Q230"]]


def test_negated_past_acts_stay_unasserted():
    assert events("Japan did not sign the treaty with Russia.") == []


def test_an_infinitive_after_a_vow_is_its_complement_even_parsed_as_an_adverbial_clause():
    # the small parser hangs "to fight" under "sworn" as advcl here: it is still what was sworn
    text = "Russian officials have sworn to fight until they gain control of the border, Georgian officials said."
    fight = verb(text, "fight")
    assert fight.dep_ == "advcl" and modality.is_complement(fight)
    assert modality.clause_modality(fight) == "future"
    assert not modality.is_complement(verb("Russia sent troops to attack Georgia.", "attack"))  # a purpose


def test_a_vow_over_its_complement_is_one_act_the_committed_one():
    evs = events("Russian officials have sworn to fight until they gain control of the border, Georgian officials said.")
    assert [(e.type, e.actors, e.trigger) for e in evs] == [("THREATEN", ["Q159"], "fight")]  # not "swear" as ACCUSE


@pytest.mark.parametrize("text", [
    "Georgia collected signatures so that the treaty is banned.",
    "Georgia campaigned to amend the constitution so that same-sex marriages are banned.",  # "that" read as det
])
def test_a_clause_of_purpose_states_an_aim_not_an_act(text):
    assert not [e for e in events(text) if e.type == "COERCE"]


def test_a_result_after_so_is_still_told():
    assert modality.purpose_clause(verb("Russia withdrew its troops, so Georgia agreed to talks.", "agreed")) is False
