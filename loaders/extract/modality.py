"""Modality as one mechanism: what a clause's tense, mood and polarity make of the act it states.

A trigger's clause is read from the parse and the cue lexicon of its language (``lang/en/modality.json``):
future ("will visit", "is ready to withdraw", "vowed to fight"), future with a condition ("will withdraw
unless ..."), negated future ("will not accept"), or an obligation reported from a speaker ("Russia said
Sudan must return the helicopter"). The policy table (``data/modality.tsv``, from the PLOVER manual and the
CAMEO categories) says what each makes of an act: future cooperation is AGREE, future force is THREATEN, a
refusal is REJECT, a reported "must" is the speaker's REQUEST. Clauses that are none of these are left to
the caller (asserted, negated past, hypothetical).
"""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

from loaders.extract.nlp import children
from loaders.model import PLOVER_QUAD

HERE = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=4)
def cues(lang: str = "en") -> dict[str, frozenset[str]]:
    data = json.loads((HERE / "lang" / lang / "modality.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


@lru_cache(maxsize=1)
def policy() -> dict[tuple[str, str], tuple[str, str]]:
    with (HERE / "data" / "modality.tsv").open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {(r["modality"], r["group"]): (r["result"], r["role"]) for r in rows}


def _auxes(v) -> set[str]:
    return {c.lower_ for c in children(v) if c.dep_ in ("aux", "auxpass")}


def _negated(v, c) -> bool:
    return any(x.dep_ == "neg" or x.lower_ in c["negations"] and x.dep_ in ("advmod", "det") for x in children(v))


def reporting_head(v, lang: str = "en"):
    """The reporting verb whose complement clause ``v`` heads ("said [that Sudan must return ...]")."""
    c = cues(lang)
    if v.dep_ == "ccomp" and v.head.lemma_.lower() in c["reporting_verbs"]:
        return v.head
    return None


def is_complement(v, lang: str = "en") -> bool:
    """``v`` heads its head's complement clause: an ``xcomp``, or a to-infinitive with no subject or marker of its
    own after a governor of intention ("have sworn to fight", "vowed to retaliate"), which the small parser may
    hang as an adverbial clause; after such verbs an infinitive is their complement (what is vowed), not a purpose."""
    if v.dep_ == "xcomp":
        return True
    c = cues(lang)
    return v.dep_ == "advcl" and v.tag_ == "VB" and v.head.lemma_.lower() in c["intention_governors"] and \
        any(x.dep_ == "aux" and x.lower_ == "to" for x in children(v)) and \
        not any(x.dep_ in ("nsubj", "nsubjpass", "mark") for x in children(v))


def purpose_clause(v, lang: str = "en") -> bool:
    """``v`` heads a clause of purpose ("so that X is banned", "in order that", "lest"), which states an aim, not
    an act, also where the parser took the "that" of "so that" for a determiner ("... the constitution so that
    same-sex marriages are banned"); a "so" after a comma gives a result (", so Russia agreed"), not a purpose."""
    marks = [m for m in children(v) if m.dep_ == "mark"]
    if not marks:
        return False
    if " ".join(m.lower_ for m in marks) in cues(lang)["purpose_marks"]:
        return True
    first = marks[0]
    return [m.lower_ for m in marks] == ["so"] and first.i > 0 and not first.doc[first.i - 1].is_punct and (
        first.i + 1 < len(first.doc) and first.doc[first.i + 1].lower_ == "that")


def complements(v, lang: str = "en") -> list:
    """The complement clauses' verbs of ``v`` (see :func:`is_complement`)."""
    return [x for x in children(v) if is_complement(x, lang)]


def clause_modality(v, lang: str = "en") -> str | None:
    """``future``, ``conditional-future``, ``negated-future``, ``obligation`` or None for verb token ``v``."""
    c = cues(lang)
    auxes = _auxes(v)
    if any(m.dep_ == "mark" and m.lower_ in c["conditional_marks"] for m in children(v)):
        return None  # the condition itself ("if war starts") states nothing
    gov = v.head if is_complement(v, lang) else None
    future = bool(auxes & c["future_aux"]) or bool(auxes & c["future_in_past_aux"]) and reporting_head(v, lang)
    if gov is not None and gov is not v:
        gl = gov.lemma_.lower()
        future = future or gl in c["intention_governors"] or gl in c["intention_adjectives"] or (
            gl in c["going_to"] and gov.tag_ == "VBG")
    negated = _negated(v, c) or (gov is not None and future and _negated(gov, c))
    if future and (auxes & c["possibility_aux"]):
        return None
    if future:
        if negated:
            return "negated-future"
        if any(x.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in c["conditional_marks"]
                                         for m in children(x)) for x in children(v)):
            return "conditional-future"
        return "future"
    if auxes & c["obligation_aux"] and not negated and reporting_head(v, lang) is not None:
        return "obligation"
    return None


def recast(v, category: str, lang: str = "en") -> tuple[str, str] | None:
    """(category, role) that the clause's modality makes of act ``category`` at verb ``v``; None: no rule,
    the caller's own judgement of the clause stands. Role ``speaker``: the reporting verb's subject acts."""
    m = clause_modality(v, lang)
    if m is None:
        return None
    rules = policy()
    hit = rules.get((m, category)) or rules.get((m, str(PLOVER_QUAD.get(category, ""))))
    if hit is None or hit[0] == "-":
        return None
    return hit
