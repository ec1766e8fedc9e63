"""Alignment statements: only where the text says actors move toward or away from each other."""
from __future__ import annotations

from loaders.extract.alignments import find_alignments
from loaders.extract.nlp import nlp
from loaders.model import Document, Entity, Span
from tests.test_events import entities


def aligned(text: str, published: str | None = "2005-11-14", ents=None):
    doc = Document(text=text, source="test", published=published)
    return [(a.a, a.b, a.direction, a.date) for a in find_alignments(doc, nlp()(text), ents or entities(text))]


def test_strengthened_ties_is_toward_with_the_subject_moving():
    assert aligned("Putin strengthened ties with Uzbekistan on Monday.") == [("Q159", "Q265", "toward", "2005-11-14")]


def test_souring_of_relations_between_x_and_y_is_away():
    assert aligned("The crackdown led to a souring of relations between Uzbekistan and the United States.") == [
        ("Q265", "Q30", "away", None)]


def test_rapprochement_even_misspelt():
    got = aligned("The year saw a raproachment between Uzbekistan and Russia.")
    assert [(a, b, d) for a, b, d, _ in got] == [("Q265", "Q159", "toward")]


def test_courting_is_toward_the_courted():
    got = aligned("Uzbekistan began actively courting Moscow.")
    assert [(a, b, d) for a, b, d, _ in got] == [("Q265", "Q159", "toward")]


def test_closer_ties_and_distancing():
    assert [x[2] for x in aligned("Uzbekistan forged closer security ties with Russia.")] == ["toward"]
    assert [x[2] for x in aligned("Georgia distanced itself from Russia.")] == ["away"]


def test_allies_in_a_transcript_turn_are_speaker_and_addressee():
    text = "President Vladimir Putin: We are strategic partners and allies of Belarus."
    ents = entities(text) + [Entity("person:vladimir-putin", "Person", "Vladimir Putin",
                                    mentions=[Span(10, 24, "Vladimir Putin")], attrs={"state": "Q159"})]
    got = aligned(text, ents=ents)
    assert {(frozenset((a, b)), d) for a, b, d, _ in got} == {(frozenset(("Q159", "Q184")), "toward")}


def test_no_alignment_from_a_single_event():
    assert aligned("Russia signed a treaty with Uzbekistan.") == []
    assert aligned("Russia condemned Georgia.") == []


def test_negated_or_future_statements_are_not_alignments():
    assert aligned("Russia did not strengthen ties with Uzbekistan.") == []
    assert aligned("Russia will strengthen ties with Uzbekistan.") == []


# ---- generalisation: more cues, committed statements, several partners ----------------------------------

def pairs(text: str, **kw):
    return {(frozenset((a, b)), d) for a, b, d, _ in aligned(text, **kw)}


def test_thaw_between_the_two_neighbours_is_toward_the_last_two_states():
    text = "Japan and China held talks. The thaw between the two neighbours surprised observers."
    assert (frozenset(("Q17", "Q148")), "toward") in pairs(text)


def test_ending_an_estrangement_states_both_the_rift_and_the_move_toward():
    got = pairs("Pakistan and India agreed to restore ties, ending years of estrangement between the two countries.")
    assert {(frozenset(("Q843", "Q668")), "toward"), (frozenset(("Q843", "Q668")), "away")} <= got


def test_regional_rivals_are_away():
    assert (frozenset(("Q843", "Q668")), "away") in pairs("Pakistan and India are regional rivals.")


def test_ally_of_a_state_counts_but_members_of_an_alliance_do_not():
    assert pairs("Russia, Belarus's closest ally, pledged support.") == {(frozenset(("Q159", "Q184")), "toward")}
    assert pairs("NATO allies expressed solidarity with Britain.") == set()


def test_long_standing_partners_are_toward():
    assert pairs("Algeria and Russia are long-standing partners.") == {(frozenset(("Q262", "Q159")), "toward")}


def test_drawing_closer_to_several_states_gives_one_pair_each():
    got = pairs("Mali has drawn closer to Russia and China in recent years.")
    assert got == {(frozenset(("Q912", "Q159")), "toward"), (frozenset(("Q912", "Q148")), "toward")}


def test_agreeing_to_restore_relations_is_stated_agreeing_to_expand_links_is_a_plan():
    assert (frozenset(("Q43", "Q801")), "toward") in pairs(
        "Turkey and Israel agreed on Wednesday to restore full diplomatic relations.")
    assert pairs("Russia and Georgia agreed to expand their economic links.") == set()


def test_rapprochement_without_named_parties_is_between_the_states_in_focus():
    text = "Turkey and Israel exchanged ambassadors on Wednesday. The rapprochement follows a visit by Herzog."
    assert (frozenset(("Q43", "Q801")), "toward") in pairs(text)


def test_strained_ties_are_away():
    assert (frozenset(("Q114", "Q1045")), "away") in pairs("Kenya has strained ties with Somalia.")


def test_turning_its_back_on_a_state_is_away():
    assert (frozenset(("Q912", "Q142")), "away") in pairs("Mali turned its back on France.")


def test_partners_on_one_side_of_deteriorating_relations_are_not_a_move_toward():
    got = aligned("Relations between Mali and its traditional Western partners have deteriorated.")
    assert [(a, b, d) for a, b, d, _ in got] == [("Q912", "org:the-west", "away")]


def test_a_standing_close_tie_named_in_a_relative_clause_is_toward():
    got = aligned("China, which has close ties to Moscow, said it respected the ruling.")
    assert [(a, b, d) for a, b, d, _ in got] == [("Q148", "Q159", "toward")]


def test_several_movers_turning_to_a_partner_each_move_toward_it():
    got = aligned("Mali and Algeria, whose military rulers have turned to Russia for support, left the bloc.")
    assert sorted((a, b, d) for a, b, d, _ in got) == [("Q262", "Q159", "toward"), ("Q912", "Q159", "toward")]


def test_relations_that_collapse_or_are_plunged_to_a_low_are_away():
    for text in ("Relations between Russia and Georgia collapsed after the war.",
                 "The war plunged relations between Russia and Georgia to their lowest point."):
        assert [(a, b, d) for a, b, d, _ in aligned(text)] == [("Q159", "Q230", "away")]


def test_being_accused_of_cosying_up_to_a_rival_moves_the_accused_toward_it():
    got = aligned("Russia accused Georgia of cosying up to NATO.")
    assert [(a, b, d) for a, b, d, _ in got] == [("Q230", "Q7184", "toward")]


def test_breaking_off_or_cutting_relations_is_away_like_severing_them():
    for text in ("Georgia broke off diplomatic relations with Russia on Friday.", "Georgia cut ties with Russia."):
        assert [(a, b, d) for a, b, d, _ in aligned(text)] == [("Q230", "Q159", "away")]
