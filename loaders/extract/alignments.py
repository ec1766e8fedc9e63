"""Alignment statements: where the text itself says two actors move toward or away from each other.

Cues (general diplomatic vocabulary; never inferred from single events, GOLD.md):

* toward: "rapprochement", "détente", "closer/warming ties", "strengthened/deepened/improved/developed ties
  (relations, cooperation, partnership)", "courting X", "ally/allies", "strategic partner(s)", "integration",
  "a new stage/level in our relations", "the development of Russian-Kyrgyz relations".
* away: "souring/deterioration/cooling/worsening of relations", "relations soured/deteriorated", "rift",
  "distanced itself from", "turned away from", "broke with".

The two actors come from "between X and Y", the modifiers of the relations noun ("Russian-Kyrgyz", "our"
with the state addressed), or the clause: subject and "with"/object. ``a`` is the one that moves when the
clause says so (the subject), ``b`` the other. Negated, hypothetical or future statements are skipped.

>>> from loaders.extract.nlp import nlp
>>> from loaders.model import Document, Entity, Span
>>> text = "Russia strengthened ties with Uzbekistan."
>>> ents = [Entity("Q159", "State", "Russia", mentions=[Span(0, 6, "Russia")]),
...         Entity("Q265", "State", "Uzbekistan", mentions=[Span(30, 40, "Uzbekistan")])]
>>> [(a.a, a.b, a.direction) for a in find_alignments(Document(text, "t"), nlp()(text), ents)]
[('Q159', 'Q265', 'toward')]
"""
from __future__ import annotations

from difflib import SequenceMatcher

from loaders.extract.events import Reading, _actor_tokens, _event_date, _subject, _with_conj, asserted, evidence
from loaders.model import Alignment, Document, Entity

RELATION_NOUNS = frozenset("relation relationship tie cooperation partnership link contact friendship dialogue "
                           "alliance bond integration interaction".split())
TOWARD_VERBS = frozenset("strengthen deepen improve develop expand boost enhance intensify forge build advance "
                         "consolidate upgrade normalise normalize restore mend warm broaden cement bolster "
                         "reinforce revive promote".split())
AWAY_VERBS = frozenset("sour deteriorate worsen cool strain chill downgrade sever rupture weaken freeze "
                       "undermine damage".split())
TOWARD_NOUNS = frozenset("rapprochement detente détente reconciliation integration".split())
# only about relations when they say so: "warming of ties", "normalisation of relations" (not "of the situation")
TOWARD_OF_RELATIONS = frozenset("warming normalisation normalization thaw improvement".split())
AWAY_NOUNS = frozenset("souring deterioration cooling worsening rift estrangement strain chill rupture "
                       "breakdown falling-out".split())
PROGRESS_NOUNS = frozenset("development strengthening deepening improvement expansion growth consolidation "
                           "advancement intensification".split())
STAGE_NOUNS = frozenset("stage level phase chapter era page".split())
PARTNER_NOUNS = frozenset("ally partner".split())
COURT = frozenset("court woo embrace".split())
AWAY_PHRASAL = {("distance", "from"), ("turn", "from"), ("break", "with"), ("pull", "from"), ("turn", "away")}
CLOSER = frozenset("closer warmer stronger deeper".split())
WORSE = frozenset("cooler colder worse".split())


def _lemma(t) -> str:
    return t.lemma_.lower()


def _fuzzy(word: str, vocab) -> bool:
    """Misspellings in real copy ("raproachment"): close enough to a long cue word."""
    return any(len(v) >= 9 and SequenceMatcher(None, word, v).ratio() >= 0.85 for v in vocab)


def find_alignments(doc: Document, parsed, entities: list[Entity]) -> list[Alignment]:
    reading = Reading(doc, parsed, entities)
    out: list[Alignment] = []
    seen: set[tuple] = set()
    for t in parsed:
        cue = _cue(t)
        if not cue:
            continue
        direction, anchor = cue
        if not asserted(anchor, reading, True):
            continue
        pair = _parties(t, anchor, reading)
        if not pair:
            continue
        a, b = pair
        date, _, _ = _event_date(anchor, anchor.pos_ in ("VERB", "AUX"), reading)
        key = (frozenset((a, b)), direction)
        if key in seen:
            continue
        seen.add(key)
        out.append(Alignment(a=a, b=b, direction=direction, evidence=evidence(t, doc.text), date=date,
                             confidence=0.7 if _lemma(t) not in PROGRESS_NOUNS | STAGE_NOUNS else 0.5))
    return out


def _cue(t):
    """(direction, anchor token whose clause the statement is) or None."""
    lemma = _lemma(t)
    low = t.lower_
    kids = {_lemma(c) for c in t.children}
    if t.pos_ in ("NOUN", "PROPN"):
        if lemma in TOWARD_NOUNS or _fuzzy(low, ("rapprochement",)):
            return "toward", t
        if lemma in AWAY_NOUNS:
            return "away", t
        if lemma in TOWARD_OF_RELATIONS and any(
                c.dep_ == "prep" and (c.lower_ == "between" or any(_lemma(g) in RELATION_NOUNS for g in c.children))
                for c in t.children):
            return "toward", t
        if lemma in PARTNER_NOUNS and (lemma == "ally" or kids & {"strategic", "key", "close", "reliable"}):
            return "toward", t
        if lemma in RELATION_NOUNS:
            mods = {c.lower_ for c in t.children if c.dep_ in ("amod", "advmod")}
            if mods & CLOSER:
                return "toward", t
            if mods & WORSE:
                return "away", t
            head = t.head
            if t.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
                if _lemma(head) in TOWARD_VERBS:
                    return "toward", head
                if _lemma(head) in AWAY_VERBS:
                    return "away", head
            if t.dep_ == "nsubj" and head.pos_ == "VERB":
                if _lemma(head) in AWAY_VERBS or _lemma(head) in ("sour", "deteriorate", "worsen", "cool"):
                    return "away", head
                if _lemma(head) in ("improve", "warm", "grow", "deepen", "strengthen", "develop"):
                    return "toward", head
            # "the development of Russian-Kyrgyz relations", "a new stage in our cooperation"
            if t.dep_ == "pobj" and head.head.pos_ == "NOUN":
                gov = head.head
                if _lemma(gov) in PROGRESS_NOUNS or (_lemma(gov) in STAGE_NOUNS and
                                                     any(c.lower_ in ("new", "higher", "unprecedented")
                                                         for c in gov.children)):
                    return "toward", gov
        return None
    if t.pos_ == "VERB":
        if lemma in COURT and any(c.dep_ == "dobj" for c in t.children):
            return "toward", t
        for c in t.children:
            if c.dep_ in ("prep", "prt", "advmod") and (lemma, _lemma(c)) in AWAY_PHRASAL:
                return "away", t
    return None


def _keys(tokens, reading: Reading) -> list[str]:
    out: list[str] = []
    for tok in _with_conj(tokens):
        for k in reading.keys_in(tok):
            if k not in out:
                out.append(k)
    return out


def _parties(t, anchor, reading: Reading) -> tuple[str, str] | None:
    # "between X and Y"
    for x in (t, anchor):
        for p in x.children:
            if p.dep_ == "prep" and p.lower_ == "between":
                keys = _keys([c for c in p.children if c.dep_ == "pobj"], reading)
                if len(keys) >= 2:
                    return keys[0], keys[1]
    noun = t if t.pos_ in ("NOUN", "PROPN") else None
    rel = noun
    if noun is not None and noun is anchor:
        pass
    elif noun is not None:
        rel = noun
    # subject of the clause: the mover
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else None
    x = anchor
    while verb is None and x.head != x:
        x = x.head
        if x.pos_ in ("VERB", "AUX"):
            verb = x
    subj = _keys(_actor_tokens(verb), reading) if verb is not None else []  # climbs "began courting"
    if verb is not None and not subj:
        agent = [p for c in verb.children if c.dep_ == "agent" for p in c.children if c.dep_ == "agent"]
        subj = _keys(agent, reading)
    # partners named on the noun or the verb: "ties with Y", "courting Y", "Russian-Kyrgyz relations"
    others: list[str] = []
    holders = [h for h in (rel, verb) if h is not None]
    for h in holders:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "to", "toward", "towards", "from", "of", "for"):
                others += _keys([g for g in c.children if g.dep_ == "pobj"], reading)
            if h is verb and c.dep_ == "dobj" and c is not rel:
                others += _keys([c], reading)
    if rel is not None:
        for c in rel.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod") or (c.dep_ == "prep" and c.lower_ == "in"):
                others += reading.keys_in(c)
        if rel is not anchor and rel.head.dep_ == "prep":
            others += reading.keys_in(rel)
        if any(c.lower_ == "bilateral" for c in rel.children) and rel.i in reading.speaker:
            others += [reading.speaker[rel.i]] + ([reading.addressee[rel.i]] if rel.i in reading.addressee else [])
    # "We are strategic partners and allies": the plural speaker is both sides
    if verb is not None and _lemma(verb) == "be":
        for s in _subject(verb):
            if s.lower_ == "we" and s.i in reading.speaker and s.i in reading.addressee:
                subj = [reading.speaker[s.i], reading.addressee[s.i]]
    if rel is not None and len(set(subj + others)) < 2:
        # "the development of integration processes [in our countries]": look through the whole phrase
        top = rel
        while top.head != top and top.head.pos_ in ("NOUN", "PROPN", "ADP"):
            top = top.head
        others += reading.keys_in(top)
    if verb is not None and len(set(subj + others)) < 2:
        # "We spent an hour discussing ...", said by one side of a bilateral meeting: "we" is both sides
        for s in _subject(verb):
            if s.lower_ == "we" and s.i in reading.speaker and s.i in reading.addressee:
                others += [reading.speaker[s.i], reading.addressee[s.i]]
    cands = list(dict.fromkeys(subj + others))
    if len(cands) < 2:
        return None
    a = cands[0]
    b = next((k for k in cands[1:] if k != a), None)
    return (a, b) if b else None
