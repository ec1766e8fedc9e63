"""PLOVER trigger lexicon: which words signal which of the 16 event types.

General English political-news vocabulary, not fitted to any article. The words live in
``loaders/lang/en/lexicon.json`` (one key per table, with its source and licence); this module reads that file
once and exposes each table under its name. The main tables:

* ``VERBS``: verb lemma -> type. The verb's subject is the actor, its object/prepositional object the target.
* ``PHRASAL``: (verb lemma, particle or preposition) -> type ("kick out", "call for", "fire on"). Wins over VERBS.
* ``VERB_OBJECT``: (verb lemma, object lemma) -> type ("sign a treaty", "hold talks", "open fire"). Wins over
  both; the object noun is then part of the trigger and not read again as an event of its own.
* ``MODES``: (type, trigger lemma) -> PLOVER 2021 mode ("torture" is ASSAULT/torture), from the manual's mode tables.
* ``FOLDED_ACTS``: type -> the verbal acts that, in a clause under it by the same actor, say what it is for and are
  part of it ("blocked roads demanding ...": one PROTEST, after CAMEO 141-145); ``ANSWERING_ACTS``: acts whose
  object act noun is the act answered, not a new report ("rejected an Australian ultimatum").
* ``UNATTRIBUTED_TYPES`` / ``UNATTRIBUTED_CAUSERS``: acts that may be told by their victim alone ("a roadside
  bombing killed one U.S. soldier": an ASSAULT with a target and no actor) and the event and device nouns that
  name no doer as their subject.
* ``PLACE_TARGET_TYPES``: acts whose target, when none is named, is the state where they take place.
* ``NOUNS``: nominal triggers ("the crackdown", "Western criticism", "the talks"); their actor comes from a
  possessive, a demonym/compound modifier or a "by" phrase, or from the light verb that governs them.

Size: about 160 verbs, 35 phrasal verbs, 80 nouns and 740 verb+object pairs (built from ~40 verb x object
groups). ``LIGHT_VERBS`` carry no type of their own: "hold talks", "give support", "express concern" take the type of the
object. Weak cues (a type guessed from a vague verb) get a lower confidence through ``WEAK``.

>>> VERBS["condemn"], PHRASAL[("kick", "out")], VERB_OBJECT[("hold", "talk")]
('ACCUSE', 'SANCTION', 'CONSULT')
"""
from __future__ import annotations

from loaders.lang import tables


def _words(entry: list[str] | dict) -> frozenset[str]:
    """A word set: a list, or {"_about": ..., "words": [...]}."""
    return frozenset(entry["words"] if isinstance(entry, dict) else entry)


def _table(spec: dict[str, list[str]]) -> dict[str, str]:
    """{"TYPE": [lemma, ...]} -> {lemma: TYPE}; a lemma under two types takes the later."""
    return {lemma: t for t, words in spec.items() if not t.startswith("_") for lemma in words}


_DATA = tables.load("lexicon")

VERBS: dict[str, str] = _table(_DATA["VERBS"])
PHRASAL: dict[tuple[str, str], str] = {(v, p): t for v, p, t in _DATA["PHRASAL"]["pairs"]}
VERB_OBJECT: dict[tuple[str, str], str] = {(v, o): g["type"] for g in _DATA["VERB_OBJECT"]["groups"]
                                           for v in g["verbs"] for o in g["objects"]}
NOUNS: dict[str, str] = _table(_DATA["NOUNS"])
FOLDED_ACTS: dict[str, frozenset[str]] = {t: frozenset(v) for t, v in _DATA["FOLDED_ACTS"].items()
                                          if not t.startswith("_")}
ANSWERING_ACTS = frozenset(_DATA["ANSWERING_ACTS"]["words"])
MODES: dict[tuple[str, str], str] = {(t, lemma): mode for t, modes in _DATA["MODES"].items() if not t.startswith("_")
                                     for mode, lemmas in modes.items() for lemma in lemmas}

# every other table is a word set; lexicon.json says what each one is for
LIGHT_VERBS = _words(_DATA["LIGHT_VERBS"])
AGENTIVE_VERBS = _words(_DATA["AGENTIVE_VERBS"])
NEEDS_PARTNER = _words(_DATA["NEEDS_PARTNER"])
WEAK = _words(_DATA["WEAK"])
GIVING_VERBS = _words(_DATA["GIVING_VERBS"])
AID_WORDS = _words(_DATA["AID_WORDS"])
ORDER_VERBS = _words(_DATA["ORDER_VERBS"])
LEAVE_VERBS = _words(_DATA["LEAVE_VERBS"])
COMMIT_VERBS = _words(_DATA["COMMIT_VERBS"])
RETALIATE = _words(_DATA["RETALIATE"])
ARMED_NOUNS = _words(_DATA["ARMED_NOUNS"])
REQUEST_GOVERNORS = _words(_DATA["REQUEST_GOVERNORS"])
ANNOUNCING = _words(_DATA["ANNOUNCING"])
LABELLING = _words(_DATA["LABELLING"])
BLAME_WORDS = _words(_DATA["BLAME_WORDS"])
DISPLEASURE = _words(_DATA["DISPLEASURE"])
WRONGDOING = _words(_DATA["WRONGDOING"])
DUTY_VERBS = _words(_DATA["DUTY_VERBS"])
PRAISE_WORDS = _words(_DATA["PRAISE_WORDS"])
REPORTING = _words(_DATA["REPORTING"])
IRREALIS_GOVERNORS = _words(_DATA["IRREALIS_GOVERNORS"])
PERFORMATIVE_GOVERNORS = _words(_DATA["PERFORMATIVE_GOVERNORS"])
MODALS = _words(_DATA["MODALS"])
NEGATIONS = _words(_DATA["NEGATIONS"])
ACCORD_NOUNS = _words(_DATA["ACCORD_NOUNS"])
PERFORMED_BY_DOING = _words(_DATA["PERFORMED_BY_DOING"])
STATIVE_VERBS = _words(_DATA["STATIVE_VERBS"])
ATTEMPT_GOVERNORS = _words(_DATA["ATTEMPT_GOVERNORS"])
UNATTRIBUTED_TYPES = frozenset(_DATA["UNATTRIBUTED"]["types"])
UNATTRIBUTED_CAUSERS = frozenset(_DATA["UNATTRIBUTED"]["causers"])
PLACE_TARGET_TYPES = frozenset(_DATA["PLACE_TARGETS"]["types"])


def _known_verbs() -> frozenset[str]:
    """Verbs this lexicon decides on, to an act or to none ("called it a mistake" is no call): the CAMEO
    dictionary's default codes speak only for the others. Light verbs are typed by their object, so without
    an event noun the lexicon has no opinion ("offered to negotiate")."""
    return (frozenset(VERBS) | {v for v, _ in PHRASAL} | {v for v, _ in VERB_OBJECT} | LABELLING) - LIGHT_VERBS


KNOWN_VERBS = _known_verbs()
