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
