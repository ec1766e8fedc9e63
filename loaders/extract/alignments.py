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
from functools import lru_cache

from loaders.extract.events import Reading, _actor_tokens, _event_date, _subject, _with_conj, asserted, evidence, reading_of
from loaders.extract.nlp import children, tokens
from loaders.lang import tables
from loaders.model import Alignment, Document, Entity


def _words(name: str) -> frozenset[str]:
    return frozenset(_DATA[name]["words"])


def _pairs(name: str) -> frozenset[tuple[str, str]]:
    return frozenset((v, p) for v, p in _DATA[name]["pairs"])


# the cue words live in loaders/lang/en/alignments.json (one key per table, each saying what it is for)
_DATA = tables.load("alignments")

RELATION_NOUNS = _words("RELATION_NOUNS")
TOWARD_VERBS = _words("TOWARD_VERBS")
AWAY_VERBS = _words("AWAY_VERBS")
TOWARD_NOUNS = _words("TOWARD_NOUNS")
TOWARD_OF_RELATIONS = _words("TOWARD_OF_RELATIONS")  # "warming of ties", not "of the situation"
AWAY_NOUNS = _words("AWAY_NOUNS")
END_VERBS = _words("END_VERBS")  # "ending years of estrangement", "healed the rift": a move toward
RIVAL_NOUNS = _words("RIVAL_NOUNS")
PARTNER_MODS = _words("PARTNER_MODS")
CLOSER_VERBS = _words("CLOSER_VERBS")
STATUS_VERBS = _words("STATUS_VERBS")
COMMITTED = _words("COMMITTED")
PROGRESS_NOUNS = _words("PROGRESS_NOUNS")
STAGE_NOUNS = _words("STAGE_NOUNS")
STAGE_MODS = _words("STAGE_MODS")  # "a new stage", "a higher level"
PARTNER_NOUNS = _words("PARTNER_NOUNS")
COURT = _words("COURT")
AWAY_PHRASAL = _pairs("AWAY_PHRASAL")
TOWARD_PHRASAL = _pairs("TOWARD_PHRASAL")
TOWARD_SUBJECT_VERBS = _words("TOWARD_SUBJECT_VERBS")  # "relations improved"
CLOSER = _words("CLOSER")
CLOSE = _words("CLOSE")  # a standing closeness: "China, which has close ties to Moscow"
WORSE = _words("WORSE")
SOURED = _words("SOURED")
WARMING = _words("WARMING")
FUZZY_TOWARD_NOUNS = _words("FUZZY_TOWARD_NOUNS")  # also when misspelt: "raproachment"
RELATION_PREPOSITIONS = _words("RELATION_PREPOSITIONS")  # "relations between X and Y", "ties with allies"
CLOSER_PREPOSITIONS = _words("CLOSER_PREPOSITIONS")  # "drawn closer to Russia"
PARTNER_PREPOSITIONS = _words("PARTNER_PREPOSITIONS")  # "ties with Y", "turned away from Y"
TURN, BACK, ON = _DATA["TURNED_BACK_ON"]["words"]  # "turned its back on"


def _lemma(t) -> str:
    lemma = t.lemma_.lower()
    if lemma.endswith("ye") and t.lower_.endswith("ying"):
        return lemma[:-1]  # the lemmatiser's "cosying" -> "cosye"
    return lemma


def _fuzzy(word: str, vocab) -> bool:
    """Misspellings in real copy ("raproachment"): close enough to a long cue word."""
    for v in vocab:
        # the length bound of real_quick_ratio before building a matcher (building one indexes its words)
        if len(v) >= 9 and 2 * min(len(word), len(v)) >= 0.85 * (len(word) + len(v)):
            m = SequenceMatcher(None, word, v)  # the cheap upper bounds first, as difflib.get_close_matches does
            if m.real_quick_ratio() >= 0.85 and m.quick_ratio() >= 0.85 and m.ratio() >= 0.85:
                return True
    return False


@lru_cache(maxsize=4096)
def _fuzzy_toward(word: str) -> bool:
    """:func:`_fuzzy` against the toward nouns, once per word form (every noun of every text is asked)."""
    return _fuzzy(word, FUZZY_TOWARD_NOUNS)


def find_alignments(doc: Document, parsed, entities: list[Entity]) -> list[Alignment]:
    reading = reading_of(doc, parsed, entities)
    out: list[Alignment] = []
    seen: set[tuple] = set()
    for t in tokens(parsed):
        cue = _cue(t)
        if not cue:
            continue
        direction, anchor = cue
        if not _stated(anchor, reading):
            continue
        pairs = _parties(t, anchor, reading)
        if not pairs and t.pos_ in ("NOUN", "PROPN") and direction and _lemma(t) not in PARTNER_NOUNS | RIVAL_NOUNS:
            # "The rapprochement follows a visit": the two states the story is about
            pairs = [tuple(reading._last_states(t.i, 2))] if len(reading._last_states(t.i, 2)) == 2 else []
        if not pairs:
            continue
        date, _, _ = _event_date(anchor, anchor.pos_ in ("VERB", "AUX"), reading)
        directions = [direction]
        if direction == "away" and _ended(t):
            directions.append("toward")  # "ending years of estrangement": the bad spell is stated and ends
        for a, b in pairs:
            for d in directions:
                key = (frozenset((a, b)), d)
                if key in seen or a == b:
                    continue
                seen.add(key)
                out.append(Alignment(a=a, b=b, direction=d, evidence=evidence(t, doc.text), date=date,
                                     confidence=0.7 if _lemma(t) not in PROGRESS_NOUNS | STAGE_NOUNS else 0.5))
    return out


def _stated(anchor, reading: Reading) -> bool:
    """Asserted, or committed to by the parties: "agreed to restore ties", "announced they would normalise"."""
    if asserted(anchor, reading, True):
        return True
    if anchor.dep_ == "dobj" and _lemma(anchor.head) == "have" and anchor.head.pos_ in ("VERB", "AUX"):
        return asserted(anchor.head, reading, True)  # "China, which has close ties to Moscow": a standing tie
    if _lemma(anchor) not in STATUS_VERBS:
        return False  # "agreed to expand links" is a plan; "agreed to restore relations" changes their state
    x = anchor
    for _ in range(4):
        if x.dep_ in ("xcomp", "ccomp") and _lemma(x.head) in COMMITTED:
            return asserted(x.head, reading, True)
        if x.head == x:
            break
        x = x.head
    return False


def _ended(t) -> bool:
    """The cue noun is what an ending verb ends: "ends seven years of estrangement", "healed the rift"."""
    x = t
    for _ in range(3):
        if x.dep_ == "dobj" and _lemma(x.head) in END_VERBS:
            return True
        if x.dep_ == "pobj" and x.head.lower_ == "of":
            x = x.head.head
            continue
        if x.dep_ == "amod":
            x = x.head
            continue
        break
    return False


def _relation_party(t) -> bool:
    """The noun is one side of a relations noun: "relations between X and its partners", "ties with allies"."""
    x = t
    while x.dep_ == "conj":
        x = x.head
    return x.dep_ == "pobj" and x.head.lower_ in RELATION_PREPOSITIONS and _lemma(x.head.head) in RELATION_NOUNS


def _cue(t):
    """(direction, anchor token whose clause the statement is) or None."""
    if t.pos_ not in ("NOUN", "PROPN", "VERB"):
        return None
    lemma = _lemma(t)
    low = t.lower_
    if t.pos_ in ("NOUN", "PROPN"):
        if lemma in TOWARD_NOUNS or _fuzzy_toward(low):
            return "toward", t
        if lemma in AWAY_NOUNS:
            return "away", t
        if lemma in RIVAL_NOUNS and (t.tag_ in ("NNS", "NNPS") and t.dep_ in ("attr", "pobj", "appos", "nsubj")
                                     or any(c.dep_ == "poss" for c in children(t)) or "arch" in low):
            return "away", t
        if lemma in TOWARD_OF_RELATIONS and any(
                c.dep_ == "prep" and (c.lower_ == "between" or any(_lemma(g) in RELATION_NOUNS for g in children(c)))
                for c in children(t)):
            return "toward", t
        if lemma in PARTNER_NOUNS and _relation_party(t):
            return None  # "relations between Bamako and its traditional partners have deteriorated": the
            # relations' own cue says which way they move
        if lemma in PARTNER_NOUNS and (lemma == "ally" or {_lemma(c) for c in children(t)} & PARTNER_MODS or
                                       set(" ".join(x.lower_ for c in t.lefts for x in c.subtree)
                                           .replace(" - ", "-").split()) & PARTNER_MODS):
            # "X, Y's closest ally", "an ally of Y", "X and Y are allies"; not "NATO allies said" (members)
            if t.dep_ in ("appos", "attr", "dobj", "pobj") or any(c.dep_ == "poss" for c in children(t)) or any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in children(t)):
                return "toward", t
        if lemma in RELATION_NOUNS:
            mods = {c.lower_ for c in children(t) if c.dep_ in ("amod", "advmod")}
            if mods & CLOSER or mods & WARMING or mods & CLOSE:
                return "toward", t
            if mods & WORSE or mods & SOURED:
                return "away", t
            head = t.head
            if t.dep_ in ("dobj", "nsubjpass") and head.pos_ == "VERB":
                if _lemma(head) in TOWARD_VERBS:
                    return "toward", head
                if _lemma(head) in AWAY_VERBS:
                    return "away", head
            if t.dep_ == "nsubj" and head.pos_ == "VERB":
                if _lemma(head) in AWAY_VERBS:
                    return "away", head
                if _lemma(head) in TOWARD_SUBJECT_VERBS:
                    return "toward", head
            # "the development of Russian-Kyrgyz relations", "a new stage in our cooperation"
            if t.dep_ == "pobj" and head.head.pos_ == "NOUN":
                gov = head.head
                if _lemma(gov) in PROGRESS_NOUNS or (_lemma(gov) in STAGE_NOUNS and
                                                     any(c.lower_ in STAGE_MODS
                                                         for c in children(gov))):
                    return "toward", gov
        return None
    if t.pos_ == "VERB":
        if lemma in COURT and any(c.dep_ == "dobj" for c in children(t)):
            return "toward", t
        if lemma in CLOSER_VERBS and any(c.lower_ in CLOSER for c in children(t)) and \
                any(c.dep_ == "prep" and c.lower_ in CLOSER_PREPOSITIONS for c in t.subtree):
            return "toward", t  # "has drawn closer to Russia", "moved closer to Beijing"
        if (lemma, BACK) == (TURN, BACK) or lemma == TURN and any(
                c.lower_ == BACK for c in children(t) if c.dep_ in ("dobj", "npadvmod")):
            if any(c.dep_ == "prep" and c.lower_ == ON for c in t.subtree):
                return "away", t  # "turned its back on"
        for c in children(t):
            if c.dep_ in ("prep", "prt", "advmod") and (lemma, _lemma(c)) in TOWARD_PHRASAL:
                return "toward", t
        for c in children(t):
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
        for p in children(x):
            if p.dep_ == "prep" and p.lower_ == "between":
                keys = _keys([c for c in children(p) if c.dep_ == "pobj"], reading)
                if len(keys) >= 2:
                    return [(keys[0], keys[1])]
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
    if verb is not None and not subj and verb.dep_ == "pcomp" and verb.head.lower_ == "of":
        # "accused Qatar of cosying up to Iran": the one accused of moving
        subj = _keys([o for o in children(verb.head.head) if o.dep_ == "dobj"], reading)
    if verb is not None and not subj:
        agent = [p for c in children(verb) if c.dep_ == "agent" for p in children(c) if c.dep_ == "agent"]
        subj = _keys(agent, reading)
    # partners named on the noun or the verb: "ties with Y", "courting Y", "Russian-Kyrgyz relations"
    others: list[str] = []
    holders = [h for h in (rel, verb) if h is not None]
    if verb is not None:  # "drawn closer to Russia": the partner hangs on the comparative
        holders += [c for c in children(verb) if c.dep_ in ("advmod", "acomp") and c.lower_ in CLOSER]
    for h in holders:
        for c in children(h):
            if c.dep_ == "prep" and c.lower_ in PARTNER_PREPOSITIONS:
                others += _keys([g for g in children(c) if g.dep_ == "pobj"], reading)
            if h is verb and c.dep_ == "dobj":
                others += _keys([c], reading)
    if rel is not None:
        for c in children(rel):
            if c.dep_ in ("amod", "compound", "poss", "nmod") or (c.dep_ == "prep" and c.lower_ == "in"):
                others += reading.keys_in(c)
        if rel is not anchor and rel.head.dep_ == "prep":
            others += reading.keys_in(rel)
        if any(c.lower_ == "bilateral" for c in children(rel)) and rel.i in reading.speaker:
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
        return []
    subj = list(dict.fromkeys(subj))
    partners = [k for k in dict.fromkeys(others) if k not in subj]
    if len(subj) >= 2 and partners and verb is not None:
        # "Mali and Burkina Faso, whose rulers have turned to Russia": several movers, each toward the partner
        return [(s, k) for s in subj for k in partners]
    if len(subj) == 1 and verb is not None and len(cands) > 2 and any(
            c.dep_ == "conj" for o in verb.subtree for c in children(o) if reading.tok_key.get(c.i)):
        # "Nicaragua has drawn closer to Russia and China": one mover, several partners
        return [(subj[0], k) for k in cands[1:]]
    return [(cands[0], cands[1])]
