"""Event reader: PLOVER typing, roles from the parse, what is not asserted, dates, lifecycles, order.

Short made-up sentences through the real spaCy model; entities are given by hand (mentions found by name)
so that these tests exercise the event reader alone.
"""
from __future__ import annotations

import re

import pytest

from loaders.extract.events import find_events
from loaders.extract.nlp import nlp
from loaders.model import Document, Entity, Span

NAMES = {
    "Russia": ("Q159", "State"), "Russian": ("Q159", "State"), "Moscow": ("Q159", "State"),
    "Georgia": ("Q230", "State"), "Britain": ("Q145", "State"), "British": ("Q145", "State"), "Uzbekistan": ("Q265", "State"), "Uzbek": ("Q265", "State"),
    "United States": ("Q30", "State"), "U.S.": ("Q30", "State"), "Belarus": ("Q184", "State"),
    "Western": ("org:the-west", "Organization"), "NATO": ("Q7184", "Organization"),
    "Putin": ("person:vladimir-putin", "Person"), "Karimov": ("person:islam-karimov", "Person"),
    "Karshi-Khanabad": ("base:karshi-khanabad", "MilitaryBase"),
}
STATE_OF = {"person:vladimir-putin": "Q159", "person:islam-karimov": "Q265"}


def entities(text: str) -> list[Entity]:
    out: dict[str, Entity] = {}
    taken: list[tuple[int, int]] = []
    for name in sorted(NAMES, key=len, reverse=True):
        key, kind = NAMES[name]
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            e = out.setdefault(key, Entity(key, kind, name, attrs={"state": STATE_OF[key]} if key in STATE_OF else {}))
            e.mentions.append(Span(m.start(), m.end(), m.group()))
    return list(out.values())


def read(text: str, published: str | None = "2005-08-01", title: str | None = None):
    doc = Document(text=text, source="test", published=published, title=title)
    return find_events(doc, nlp()(text), entities(text))


def events(text: str, **kw):
    return read(text, **kw)[0]


def one(text: str, **kw):
    evs = events(text, **kw)
    assert len(evs) == 1, [(e.type, e.trigger, e.actors) for e in evs]
    return evs[0]


@pytest.mark.parametrize("text, etype", [
    ("Russia signed a treaty with Georgia.", "AGREE"),          # quad 1, verb + object
    ("Russia held talks with Georgia.", "CONSULT"),             # quad 1, light verb + noun
    ("Russia praised Georgia.", "SUPPORT"),                     # quad 1
    ("Russia gave Georgia a loan.", "AID"),                     # quad 2
    ("Russia withdrew its troops from Georgia.", "RETREAT"),    # quad 2
    ("Russia urged Georgia to negotiate.", "REQUEST"),          # quad 3
    ("Russia condemned Georgia.", "ACCUSE"),                    # quad 3
    ("Georgia rejected the Russian proposal.", "REJECT"),       # quad 3
    ("Russia threatened Georgia.", "THREATEN"),                 # quad 3
    ("Uzbekistan kicked the United States out of the base.", "SANCTION"),  # quad 4, particle
    ("Russia expelled Georgian diplomats from Moscow.", "SANCTION"),
    ("Russia arrested Georgian officers.", "COERCE"),
    ("Russian troops fired on Georgian villages.", "ASSAULT"),
])
def test_each_quad_is_typed_from_verb_and_its_particle_or_object(text, etype):
    assert etype in {e.type for e in events(text)}


def test_noun_triggers_take_actor_from_demonym_and_possessive():
    crit = one("Western criticism of Uzbekistan grew.")
    assert (crit.type, crit.actors, crit.targets) == ("ACCUSE", ["org:the-west"], ["Q265"])
    rej = [e for e in events("Moscow backed Uzbekistan's rejection of the inquiry.") if e.type == "REJECT"][0]
    assert rej.actors == ["Q265"]


def test_coordinated_modifiers_are_all_actors():
    e = [e for e in events("U.S. and Western criticism of Uzbekistan mounted.") if e.type == "ACCUSE"][0]
    assert set(e.actors) == {"Q30", "org:the-west"}


def test_active_subject_is_actor_object_is_target():
    e = one("Russia condemned Georgia.")
    assert (e.actors, e.targets) == (["Q159"], ["Q230"])


def test_passive_agent_is_actor():
    e = one("Georgia was condemned by Russia.")
    assert (e.actors, e.targets) == (["Q159"], ["Q230"])


def test_prepositional_object_is_target():
    e = one("Russia held talks with Uzbekistan.")
    assert e.targets == ["Q265"]


def test_person_acts_for_their_state_and_is_kept():
    e = one("Putin condemned Georgia.")
    assert e.actors == ["Q159"] and e.persons == ["person:vladimir-putin"]


def test_event_needs_an_actor():
    assert events("Hundreds of people were killed in the violence.") == []


@pytest.mark.parametrize("text", [
    "Russia did not condemn Georgia.",
    "Russia never signed the treaty with Georgia.",
    "If Russia attacks Georgia, NATO will respond.",
    "Russia could sanction Georgia.",
    "Russia would sign a treaty with Georgia.",
    "Russia will sign a treaty with Georgia.",
    "Russia plans to sign a treaty with Georgia.",
    "Russia is expected to condemn Georgia.",
    "Did Russia condemn Georgia?",
])
def test_negated_hypothetical_future_and_questions_are_not_events(text):
    assert events(text) == []


def test_reported_speech_reads_the_reported_event_not_the_saying():
    e = one("Georgia said that Russia attacked NATO.")
    assert (e.type, e.actors, e.targets) == ("ASSAULT", ["Q159"], ["Q7184"])


def test_reporting_a_criticism_is_an_event():
    e = one("Russia condemned Georgia, saying its policy was a mistake.")
    assert (e.type, e.actors, e.targets) == ("ACCUSE", ["Q159"], ["Q230"])


def test_first_person_in_a_transcript_turn_is_the_speakers_state():
    text = "President Vladimir Putin: Today we signed a treaty with Uzbekistan."
    ents = entities(text) + [Entity("person:vladimir-putin", "Person", "Vladimir Putin",
                                    mentions=[Span(10, 24, "Vladimir Putin")], attrs={"state": "Q159"})]
    doc = Document(text=text, source="t", published="2006-05-12")
    (e,), _ = find_events(doc, nlp()(text), ents)
    assert (e.type, e.actors, e.targets, e.date) == ("AGREE", ["Q159"], ["Q265"], "2006-05-12")


def test_performative_first_person_thanks_is_an_event():
    text = "President Vladimir Putin: I would like to thank Uzbekistan for its support."
    ents = entities(text) + [Entity("person:vladimir-putin", "Person", "Vladimir Putin",
                                    mentions=[Span(10, 24, "Vladimir Putin")], attrs={"state": "Q159"})]
    evs, _ = find_events(Document(text=text, source="t", published="2006-05-12"), nlp()(text), ents)
    assert [(e.type, e.actors, e.targets) for e in evs] == [("SUPPORT", ["Q159"], ["Q265"])]


def test_same_action_reported_twice_is_one_event():
    evs = events("Russia condemned Georgia on Monday. Russia condemned Georgia again, saying it had no choice.")
    # "again" marks a second act; without it the retelling merges
    assert len(evs) == 2
    assert len(events("Russia condemned Georgia on Monday. Later, Russia condemned Georgia.")) == 1


def test_evidence_is_the_sentence():
    text = "Nothing happened. Russia condemned Georgia."
    e = one(text)
    assert e.evidence.text == "Russia condemned Georgia." and text[e.evidence.start:e.evidence.end] == e.evidence.text


# ---- dates --------------------------------------------------------------------------------------

def test_absolute_date_in_the_clause():
    assert one("Russia condemned Georgia on July 29.").date == "2005-07-29"
    assert one("Russia condemned Georgia in May 2004.").date == "2004-05"
    assert one("Russia condemned Georgia in 2001.").date == "2001"


def test_relative_date_resolves_against_publication():
    assert one("Russia condemned Georgia yesterday.").date == "2005-07-31"
    assert one("Russia condemned Georgia on Monday.").date == "2005-08-01"  # published on a Monday


def test_relative_date_without_publication_stays_unknown():
    e = one("Russia condemned Georgia yesterday.", published=None)
    assert e.date is None


def test_recently_and_perfect_mean_before_publication_only():
    for text in ("Russia recently condemned Georgia.", "Russia has condemned Georgia."):
        e = one(text)
        assert (e.date, e.date_relation) == (None, "before")


def test_nominal_event_date_from_its_modifier():
    e = one("Russia criticised the May 2005 Uzbek crackdown.".replace("criticised", "ignored"))
    assert (e.type, e.date) == ("COERCE", "2005-05")


# ---- lifecycles and order -----------------------------------------------------------------------

def test_eviction_notice_with_deadline():
    e = one("The Uzbek government delivered a note July 29 giving the United States 180 days to withdraw "
            "its forces from Karshi-Khanabad.")
    assert (e.type, e.actors, e.targets) == ("SANCTION", ["Q265"], ["Q30"])
    assert (e.lifecycle, e.base, e.date, e.deadline) == ("eviction", "base:karshi-khanabad", "2005-07-29",
                                                        "2006-01-25")


def test_ratification_actor_is_the_ratifying_state_target_the_partner():
    e = one("Russia ratified the treaty with Belarus.")
    assert (e.type, e.lifecycle, e.actors, e.targets) == ("AGREE", "ratification", ["Q159"], ["Q184"])


def test_mutual_ratification_is_one_event_per_state():
    evs = events("The treaty took effect upon its ratification by Russia and Belarus.")
    assert sorted((e.actors[0], e.targets[0]) for e in evs) == [("Q159", "Q184"), ("Q184", "Q159")]


def test_signing_lifecycle():
    assert one("Russia signed a treaty with Uzbekistan.").lifecycle == "signing"


def test_following_x_y_orders_the_events():
    evs, before = read("Following Western criticism of Uzbekistan, Uzbekistan expelled the United States.")
    by_type = {e.type: e.id for e in evs}
    assert (by_type["ACCUSE"], by_type["SANCTION"]) in before


def test_after_clause_orders_the_events():
    evs, before = read("Russia withdrew its troops from Georgia after NATO condemned Russia.")
    by_type = {e.type: e.id for e in evs}
    assert before == [(by_type["ACCUSE"], by_type["RETREAT"])]


def test_the_two_leaders_are_the_last_two_states_named():
    e = [e for e in events("Putin met Karimov in Moscow, and the two leaders signed a treaty.") if e.type == "AGREE"][0]
    assert set(e.actors) == {"Q159", "Q265"}


def test_here_is_the_dateline_state():
    text = "TASHKENT, Uzbekistan, July 26, 2005 - Putin arrived here on Monday for talks."
    e = [e for e in events(text, published="2005-07-26") if e.type == "CONSULT"][0]
    assert (e.actors, e.targets) == (["Q159"], ["Q265"])


def test_state_of_a_person_missing_from_entities_becomes_an_implicit_entity():
    from loaders.extract.news import implicit_entities

    text = "Putin condemned Georgia."
    ents = [e for e in entities(text)]
    evs, _ = find_events(Document(text=text, source="t"), nlp()(text), ents)
    extra = implicit_entities(ents, evs, [])
    assert [(e.key, e.kind, e.attrs.get("implicit")) for e in extra] == [("Q159", "State", True)]


def test_definite_event_noun_is_presupposed_but_its_occurrence_verb_decides():
    assert [e.type for e in events("Georgia hoped to attend Russia's talks with NATO.")] == ["CONSULT"]
    assert events("Russia's talks with NATO will take place next week.") == []
    assert events("Russia's talks with NATO did not take place.") == []


def test_treaty_entering_into_force_is_acted_by_its_parties():
    text = "The Union Treaty entered into force on Monday."
    treaty = Entity("agreement:union-treaty", "Agreement", "Union Treaty", mentions=[Span(4, 16, "Union Treaty")],
                    attrs={"parties": ["Q159", "Q184"]})
    (e,), _ = find_events(Document(text=text, source="t", published="2000-01-26"), nlp()(text), [treaty])
    assert (e.type, e.lifecycle, e.actors, e.agreement, e.date) == (
        "AGREE", "entry-into-force", ["Q159", "Q184"], "agreement:union-treaty", "2000-01-24")


def test_in_response_to_orders_the_events():
    evs, before = read("Russia expelled British diplomats in response to Britain's expulsion of Russian envoys.")
    assert len(evs) == 2 and before == [(evs[1].id, evs[0].id)]
