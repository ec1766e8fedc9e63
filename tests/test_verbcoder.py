"""The CAMEO verb dictionary as data: conversion from PETRARCH2's format, and the coder that reads it.

The converted files round-trip from their source lines; each pattern family (verb + object, verb +
preposition group, subject before the verb, multi-word verb, block default, reversed code) codes a short
made-up sentence through the real spaCy model; combination, PLOVER 2021 recodes and the CAMEO -> PLOVER
table are checked on their own.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from loaders.extract.nlp import nlp
from loaders.extract.verbcoder import LANG, VerbCoder, code_doc, load_table
from loaders.lang import convert
from loaders.lang.petrarch import parse_pattern, parse_verb, read_agents, read_cameo2plover, read_verb_dictionary
from loaders.model import PLOVER_TYPES

VERBS = LANG / "en" / "cameo_verbs.jsonl"
AGENTS = LANG / "en" / "cameo_agents.jsonl"


def records(path: Path = VERBS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def render(recs: list[dict]) -> str:
    """The records' source lines back in a PETRARCH verb dictionary, sections and all."""
    out = ["####### SYNONYM SETS #######"]
    out += [r["source"] + "\n" for r in recs if r["type"] == "synset"]
    out.append("####### VERB PATTERNS #######")
    out += [r["source"] for r in recs if r["type"] != "synset"]
    return "\n".join(out) + "\n"


def strip(r: dict) -> dict:
    return {k: v for k, v in r.items() if k not in ("line", "source")}


def test_the_converted_dictionary_round_trips_from_its_source_lines():
    recs = records()
    again = read_verb_dictionary(render(recs))
    assert [strip(r) for r in again] == [strip(r) for r in recs]


def test_each_pattern_and_verb_record_is_its_source_line_parsed():
    for r in records():
        if r["type"] == "pattern":
            assert {k: r[k] for k in ("pre", "post", "preps", "code", "reverse", "comment")} == \
                parse_pattern(r["source"].strip()), r["source"]
        elif r["type"] == "verb":
            assert {k: r[k] for k in ("words", "head", "forms", "code")} == parse_verb(r["source"].strip())


def test_the_whole_release_was_converted():
    # CAMEO.2.0.txt (petrarch2, 30 April 2015): 40 synonym sets, 397 verb blocks, 1817 verbs, 4668 patterns
    kinds = [r["type"] for r in records()]
    assert (kinds.count("synset"), kinds.count("block"), kinds.count("verb"), kinds.count("pattern")) == \
        (40, 397, 1817, 4668)


def test_the_converter_writes_what_the_readers_read(tmp_path):
    (tmp_path / "verbs.txt").write_text(render(records()[:60]), encoding="utf-8")
    (tmp_path / "table.txt").write_text("03: AGREE\n057: SUPPORT,  , diplomatic # Sign formal agreement\n")
    (tmp_path / "agents.txt").write_text("!PERSON! = MAN, WOMAN\nREBEL [~REB]\nGUNMAN_ [~UAF]\nPOLICE!PERSON! [~COP]\n")
    convert.main(["--petrarch", str(tmp_path / "verbs.txt"), "--plover", str(tmp_path / "table.txt"),
                  "--agents", str(tmp_path / "agents.txt"), "--out", str(tmp_path), "--table-out", str(tmp_path)])
    assert [strip(r) for r in records(tmp_path / convert.VERBS_FILE)] == [strip(r) for r in records()[:60]]
    assert [(r["phrase"], r["code"]) for r in records(tmp_path / convert.AGENTS_FILE)] == [
        ("rebel", "REB"), ("gunman", "UAF"), ("policeman", "COP"), ("policewoman", "COP")]
    assert "057\tSUPPORT\t\tdiplomatic\tSign formal agreement" in (tmp_path / convert.TABLE_FILE).read_text()


def test_agents_and_table_readers():
    assert read_agents("GUERRILLA_ARMY [~REB]  # note\n") == [
        {"phrase": "guerrilla army", "code": "REB", "line": 1, "source": "GUERRILLA_ARMY [~REB]  # note"}]
    rows = read_cameo2plover("166: SANCTION, expel ,   diplomatic   # Expel or withdraw\n")
    assert [(r["cameo"], r["plover"], r["mode"], r["context"]) for r in rows] == [("166", "SANCTION", "expel",
                                                                                  "diplomatic")]


def test_every_table_row_names_a_plover_category():
    table = load_table()
    assert {v[0] for v in table.values()} - {""} <= set(PLOVER_TYPES)
    coder = VerbCoder.default()
    assert coder.plover("057") == ("SUPPORT", "", "diplomatic")  # sign formal agreement (PLOVER 2021)
    assert coder.plover("163") == ("COERCE", "restrict", "diplomatic")  # sanctions follow the OEDA table
    assert coder.plover("1662")[:2] == ("SANCTION", "expel")
    assert coder.plover("0213") == ("REQUEST", "assist", "legal")  # this project's decision for 02 appeals
    assert coder.plover("010") is None  # public statements: dropped by PLOVER


def coded(text: str) -> dict[str, tuple]:
    doc = nlp()(text)
    codings, governed = code_doc(VerbCoder.default(), doc)
    return {doc[i].text: (c.plover, c.cameo, c.specificity > 0, c.reverse) for i, c in codings.items()} | {
        "governed": tuple(doc[i].text for i in sorted(governed))}


@pytest.mark.parametrize("text, verb, want", [
    ("Russia and Uzbekistan signed a treaty.", "signed", ("SUPPORT", "057", True, False)),  # verb + object set
    ("The rebels agreed to a ceasefire.", "agreed", ("AGREE", "0356", True, False)),  # verb + (TO &CEASEFIRE)
    ("Demonstrators rallied outside the embassy.", "rallied", ("PROTEST", "141", True, False)),  # subject first
    ("The government called off the talks.", "called", ("SANCTION", "160", True, False)),  # multi-word verb
    ("The army shelled the town.", "shelled", ("ASSAULT", "190", False, False)),  # the block's default code
    ("The minister faced criticism from the opposition.", "faced", ("ACCUSE", "111", True, True)),  # [:111]
    ("France urged calm.", "urged", ("REQUEST", "100", False, False)),  # verb named in its block's notes
])
def test_each_pattern_family_codes_its_sentence(text, verb, want):
    assert coded(text)[verb] == want


def test_a_governing_act_absorbs_its_coded_complement():
    got = coded("Iran threatened to attack Israel.")
    assert got["threatened"][0] == "THREATEN" and got["governed"] == ("attack",)


def test_a_wish_needs_a_coded_complement_and_first_person_wishes_are_performative():
    assert "want" not in coded("We want to say a few words.")
    got = coded("I want to affirm our friendship.")
    assert "want" not in got and got["affirm"][0] == "SUPPORT"


def test_plover_2021_recodes_agreeing_as_agree():
    assert coded("The two countries agreed.")["agreed"][:2] == ("AGREE", "030")  # CAMEO's block says 050


def test_a_time_adjunct_is_not_a_preposition_of_the_verb():
    assert coded("Russia called Georgia on Tuesday.")["called"][0] == "CONSULT"  # not "called on" (020)
    assert coded("Russia called on Georgia to withdraw.")["called"][0] == "REQUEST"


def test_the_supplement_idiom_takes_no_event():
    assert "take" not in coded("The meeting will take place in Moscow.")


def test_a_pattern_is_a_sequence_and_its_target_slot_is_the_phrase_standing_there():
    coder = VerbCoder.default()
    doc = nlp()("Iran repeated its demand that Israel withdraw.")
    c = coder.code(doc[1])
    assert (c.cameo, c.target.text) == ("100", "Israel")  # "- * DEMAND THAT +": "that" stands after "demand"
    # "- * + [111]" (mock X) needs an actor in its slot; "its demand" is none
    assert coder.code(doc[1], is_actor=lambda t: t.pos_ == "PROPN").cameo == "100"
    assert coder.code(nlp()("Iran repeated its demand.")[1], is_actor=lambda t: t.pos_ == "PROPN") is None


def test_a_bare_preposition_group_aims_the_act_at_its_object():
    doc = nlp()("The delegation headed for Georgia.")
    c = VerbCoder.default().code(doc[2])
    assert (c.plover, c.target.text) == ("CONSULT", "Georgia")  # "- * (FOR) [042:043]"


def test_a_demand_over_a_complement_is_coded_as_by_a_pattern():
    assert coded("France urged Iran to stop.")["urged"] == ("REQUEST", "100", True, False)  # the frame fixes the sense


def test_recodes_take_a_whole_block_or_silence_a_verb():
    assert coded("Iran sued the United States.")["sued"][:2] == ("ACCUSE", "115")  # SUE * -> 115 lawsuit
    assert coded("Iran sued the company for damages.")["sued"][:2] == ("ACCUSE", "115")  # its (FOR) pattern too
    assert "left" not in coded("Russia left the talks.")  # leaving is no consultation
    assert coded("The delegation left for Moscow.")["left"][:2] == ("CONSULT", "042")  # the block's pattern stays


def test_apply_asks_only_for_something():
    assert "applying" not in coded("The West is applying double standards.")  # use, the block's own sense
    assert coded("The refugees applied for asylum.")["applied"][0] == "REQUEST"  # (FOR &ASYLUM) [0233]


def test_the_supplement_adds_patterns_a_block_lacks_for_its_own_acts():
    assert coded("Russia shared intelligence with Georgia.")["shared"][:2] == ("COOPERATE", "064")
    assert coded("The committee completed its investigation.")["completed"][:2] == ("ACCUSE", "090")
    assert "shared" not in coded("Russia shared the news.")  # not every piece of news is intelligence


def test_a_phrase_is_as_specific_as_its_words():
    # START: "- * EFFORT [020]" against the supplement's "- * {&MEDIATION EFFORT} [045]"
    assert coded("Qatar launched a mediation effort.")["launched"][:2] == ("CONSULT", "045")
    assert coded("Qatar launched an effort to end the war.")["launched"][:2] == ("REQUEST", "020")


def test_sending_inspectors_is_investigating():
    assert coded("The agency dispatched inspectors to the plant.")["dispatched"][:2] == ("ACCUSE", "090")
    assert coded("Russia dispatched grain to Egypt.")["dispatched"][:2] == ("COOPERATE", "061")  # the block's export


def test_violating_a_ban_or_law_is_defiance_and_violating_a_ceasefire_an_assault():
    assert coded("Georgia violated the curfew.")["violated"][:2] == ("REJECT", "128")
    assert coded("Georgia violated the ban.")["violated"][:2] == ("REJECT", "128")
    assert coded("Russia violated the ceasefire.")["violated"][:2] == ("ASSAULT", "196")  # the block's own


def test_withholding_is_coded_by_what_is_withheld():
    assert coded("Russia withheld aid from Georgia.")["withheld"][:2] == ("SANCTION", "162")
    assert "withholding" not in coded("Germany said it was withholding it.")  # no coercion of anyone
