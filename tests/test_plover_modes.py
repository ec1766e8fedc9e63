"""The PLOVER 2021 manual's mode tables: where an act belongs and the mode it records, for lexicon triggers."""
from __future__ import annotations

import pytest

from loaders.extract import lexicon as L
from loaders.extract.news import extract
from loaders.model import Document


def events(text: str):
    return [(e.type, e.mode, e.actors, e.targets)
            for e in extract(Document(text=text, source="t", published="2010-06-01")).events]


@pytest.mark.parametrize("text, expected", [
    ("Guinean soldiers tortured prisoners.", ("ASSAULT", "torture")),  # a mode of ASSAULT, not COERCE
    ("Chilean police beat up students.", ("ASSAULT", "beat")),
    ("Pakistan imposed a curfew in Karachi.", ("COERCE", "curfew")),
    ("Uganda banned two opposition parties.", ("COERCE", "restrict")),
    ("Students in Caracas rioted.", ("PROTEST", "riot")),
    ("Russia expelled two British diplomats.", ("SANCTION", "expel")),
])
def test_a_lexicon_trigger_takes_the_manuals_category_and_mode(text, expected):
    assert [e[:2] for e in events(text)] == [expected]


def test_an_extradition_is_judicial_cooperation():
    assert events("Colombia extradited a drug suspect to the United States.") == [("COOPERATE", "", ["Q739"], ["Q30"])]


def test_every_mode_names_a_lexicon_category_and_a_trigger_the_lexicon_types_so():
    for (etype, lemma), mode in L.MODES.items():
        assert mode and (L.VERBS.get(lemma) == etype or L.NOUNS.get(lemma) == etype or
                         any(t == etype for (v, _), t in L.PHRASAL.items() if v == lemma) or
                         any(t == etype for pair, t in L.VERB_OBJECT.items() if lemma in pair)), (etype, lemma)


def test_withdrawing_non_military_resources_is_sanction_and_forces_retreat():
    assert [e[:2] for e in events("The United States withdrew its observers from Chad.")] == [("SANCTION", "withdraw")]
    assert [e[:2] for e in events("Syria withdrew its troops from Lebanon.")] == [("RETREAT", "withdraw")]


def test_an_announced_future_act_is_not_asserted_but_recast_by_its_modality():
    # PLOVER 2021: a future conflictual act is a THREATEN, future cooperation an AGREE, whoever announces it
    assert [e[:2] for e in events("Nigeria announced that it will withdraw its peacekeepers from Chad.")] == [
        ("THREATEN", "")]
    assert [e[0] for e in events("Finland said it will give Tanzania a grant.")] == ["AGREE"]
