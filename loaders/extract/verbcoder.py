"""CAMEO verb patterns over the dependency parse: a verb token -> CAMEO code -> PLOVER type and mode.

The knowledge is the PETRARCH2 verb dictionary (``loaders/lang/en/cameo_verbs.jsonl``, converted from
``CAMEO.2.0.txt``) and the OEDA CAMEO -> PLOVER table (``loaders/data/cameo2plover.tsv``); this module
holds one mechanism: find the verb's block, test the block's patterns against the verb's parse frame,
keep the most specific match, map its code.

A pattern ``- pre * post (PREP obj) [code]`` matches verb ``v`` when every ``pre`` element is found among
the words before ``v`` in its clause (subject, auxiliaries), every ``post`` element among the words of its
objects, particles and adverbials, and every ``(PREP obj)`` group as a preposition there whose object
phrase holds ``obj``. Elements are words (lemma or form), ``&SETS`` and ``{PHRASES}`` (head last). The
first ``post`` element stands among the verb's object heads; each later one among the words after the one
before it (a pattern is a sequence: "DEMAND THAT +"). ``+``/``$`` mark where the target/source stand: a
noun phrase must stand there (an actor, when the caller can tell), and it is the coding's target/source;
a bare ``(PREP)`` group's object is the target too (PETRARCH: the target is the actor after the verb), a
party or the place the act goes to.
``^`` skips a phrase and constrains nothing.

>>> coder = VerbCoder.default()
>>> len(coder.blocks) > 300 and coder.plover("057"), coder.plover("1712"), coder.plover("0213")
(('SUPPORT', '', 'diplomatic'), ('ASSAULT', 'seize', 'human_security'), ('REQUEST', 'assist', 'legal'))
"""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from loaders.extract.modality import cues
from loaders.extract.nlp import children, per_doc, tokens
from loaders.lang.petrarch import read_verb_dictionary

LANG = Path(__file__).resolve().parent.parent / "lang"
DATA = Path(__file__).resolve().parent.parent / "data"

# dependency labels whose subtrees hold a verb's objects, particles and adverbials; clauses are left out
# (a complement's words belong to the complement's own verb)
POST_DEPS = frozenset("dobj attr oprd dative prt acomp advmod npadvmod prep agent iobj obj".split())
PRE_DEPS = frozenset("nsubj nsubjpass csubj expl aux auxpass neg advmod".split())
PREP_DEPS = frozenset("prep agent dative prt advmod".split())  # where "(PREP obj)" groups stand
OBJECT_DEPS = frozenset("dobj attr dative nsubjpass".split())
# categories that govern a complement act (CAMEO 02/10 appeal and demand, 03 intent, 12 reject, 13 threaten):
# "agreed to share", "urged X to withdraw", "refused to deploy", "threatened to attack" are one act each
GOVERNING = frozenset("AGREE REQUEST REJECT THREATEN".split())
# CAMEO 02 (appeal) and 03 (express intent) name a wish; with a complement, what is wished is the act, so an
# uncoded complement ("want to say", "hope that there will be") makes no event. Demands, refusals and threats
# (10, 12, 13) are acts whatever they are about.
WISH_FAMILIES = ("02", "03")


@dataclass(frozen=True)
class Coding:
    """What the dictionary says one verb token does."""

    cameo: str  # CAMEO code, e.g. "057"
    plover: str  # PLOVER 2021 category
    mode: str  # PLOVER mode, "" where the table gives none
    context: str
    rule: str  # where the knowledge came from: "CAMEO.2.0.txt:3639" (pattern line) or the verb's line
    reverse: bool = False  # the code is the target's act ("[:173]": "appeared in court" = was tried)
    claimed: object = None  # the object noun the pattern consumed (not read again as a nominal event)
    target: object = None  # token in the pattern's target slot ("(TO +)", "DEMAND THAT +"), if any
    source: object = None  # token in the pattern's source slot ("$"), if any
    specificity: int = 0


def regular_forms(verb: str) -> list[str]:
    """-s, -ed and -ing forms of a regular English verb (as PETRARCH generates them).

    >>> regular_forms("stage"), regular_forms("deny"), regular_forms("rush")
    (['stages', 'staged', 'staging'], ['denies', 'denied', 'denying'], ['rushes', 'rushed', 'rushing'])
    """
    if not verb.isalpha():
        return []
    if verb.endswith("e"):
        return [verb + "s", verb + "d", verb[:-1] + "ing"]
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return [verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"]
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        return [verb + "es", verb + "ed", verb + "ing"]
    return [verb + "s", verb + "ed", verb + "ing"]


def _is_time(tok, lang: str = "en") -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in cues(lang)["time_words"]


def _time_adjunct(prep) -> bool:
    objs = children(prep)
    return prep.dep_ == "prep" and bool(objs) and all(_is_time(g) for g in objs)


def _plain(word: str) -> str:
    return word.replace("-", "")


@lru_cache(maxsize=200_000)
def _plain_word(word: str) -> str:
    return _plain(word.lower())


def _token_words(doc) -> list:
    """Per token of ``doc``: its form and lemma, lowercased and without hyphens (from the Doc's arrays: no
    Token object per word)."""
    from spacy.attrs import LEMMA, LOWER

    strings = doc.vocab.strings
    return [(_plain_word(strings[lo]), _plain_word(strings[le])) for lo, le in doc.to_array([LOWER, LEMMA]).tolist()]


# what may fill a "+"/"$" slot: the head of a noun phrase, not a word inside one
NOMINAL_POS = frozenset("NOUN PROPN PRON".split())
INSIDE_PHRASE_DEPS = frozenset("compound amod poss det nmod nummod case".split())


def _filler(v, post, last):
    """The noun phrase standing in a slot: the verb's first object when the slot opens the pattern ("* +"),
    else the first phrase head after the word matched before it ("DEMAND THAT +")."""
    if last is None:
        return next((h for h in post if h.dep_ in OBJECT_DEPS | {"obj", "iobj"} and h.pos_ in NOMINAL_POS), None)
    return next((x for x in v.subtree if x.i > last.i and x.pos_ in NOMINAL_POS and
                 x.dep_ not in INSIDE_PHRASE_DEPS), None)


def _weight(elem: dict) -> int:
    """How much an element narrows a pattern: a {PHRASE} names each of its words ("{MEDIATION EFFORT}" is more
    specific than "EFFORT")."""
    return len(elem["phrase"]) if "phrase" in elem else 1


def _word_match(tok, word: str) -> bool:
    return tok.lower_ == word or tok.lemma_.lower() == word or tok.lower_.replace("-", "") == word.replace("-", "")


class VerbCoder:
    def __init__(self, records: list[dict], table: dict[str, tuple[str, str, str]], source: str,
                 recodes: dict[tuple[str, str], str] | None = None):
        self.source = source
        self.table = table
        self.sets: dict[str, list[list[str]]] = {}
        self._lasts: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
        self.blocks: dict[str, dict] = {}
        self.verbs: dict[str, list[dict]] = {}  # head lemma or form -> verb entries
        self.patterns: dict[str, list[dict]] = {}
        members: dict[str, set[str]] = {}
        for r in records:
            kind = r["type"]
            if kind == "synset":
                self.sets[r["name"].lower()] = [w.split() for w in r["words"]]
            elif kind == "block":
                # a block-wide recode ("*"): the block's code, and its patterns' where they give that same code
                whole = (recodes or {}).get((r["block"], "*"))
                self.blocks[r["block"]] = {**r, "code": whole, "recoded": r["code"]} if whole else r
            elif kind == "verb":
                recode = (recodes or {}).get((r["block"], " ".join(r["words"])))
                self._add_verb({**r, "code": recode} if recode else r)
                members.setdefault(r["block"], set()).add(" ".join(r["words"]))
            elif kind == "pattern":
                self.patterns.setdefault(r["block"], []).append(r)
        for block, pats in self.patterns.items():
            was = self.blocks.get(block, {}).get("recoded")
            if was:
                pats[:] = [{**p, "code": self.blocks[block]["code"]} if p["code"] == was else p for p in pats]
        # each block's patterns indexed by a word every match needs (the first of its needs), so a verb is
        # tried only against patterns whose words stand around it; the rest always are
        self._index: dict[str, tuple[list[int], dict[str, list[int]]]] = {}
        for block, pats in self.patterns.items():
            always, by_word = [], {}
            for i, p in enumerate(pats):
                p["_needs"] = self._needs(p)
                if p["_needs"]:
                    for w in p["_needs"][0]:
                        by_word.setdefault(w, []).append(i)
                else:
                    always.append(i)
            self._index[block] = (always, by_word)
        # a pattern's comment names the verb it was written for; a verb named there but never listed in any
        # block (a line lost from the source) is taken as a plain member of that block
        listed = {w for ws in members.values() for w in ws}
        for block, pats in self.patterns.items():
            for p in pats:
                for word in p.get("comment", "").replace(",", " ").split():
                    w = word.lower()
                    if w.isalpha() and w not in listed and w not in self.verbs:
                        listed.add(w)
                        self._add_verb({"block": block, "words": [w], "head": 0, "forms": [], "code": None,
                                        "line": p["line"], "type": "verb"})

    def _needs(self, pat: dict) -> list[frozenset[str]]:
        """For each word a pattern requires, the words that could stand for it: a cheap test on the bag of
        words around a verb rules most patterns out before the parse is walked."""
        def heads(elem: dict) -> frozenset[str] | None:
            if "slot" in elem:
                return None
            if "w" in elem:
                return frozenset({_plain(elem["w"])})
            last = (elem.get("phrase") or [elem["set"]])[-1]
            return frozenset(_plain(a[-1]) for a in self._alternatives(last))
        out = [heads(e) for e in pat["pre"] + pat["post"]]
        for group in pat["preps"]:
            out.append(frozenset({_plain(group["prep"])}))
            out += [heads(e) for e in group["objects"]]
        return [h for h in out if h is not None]

    def _add_verb(self, r: dict) -> None:
        head = r["words"][r["head"]] if r["words"] else ""
        # the dictionary lists irregular forms and leaves the regular ones to the coder (PETRARCH's rule);
        # matching the written form as well as the lemma also covers the lemmatiser's slips ("staged" -> "stag")
        irregular = [f.split()[r["head"]] for f in r["forms"] if len(f.split()) > r["head"]]
        keys = {head, *(irregular or regular_forms(head))}
        for k in keys:
            self.verbs.setdefault(k, []).append(r)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "VerbCoder":
        path = LANG / "en" / "cameo_verbs.jsonl"
        with path.open(encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
        supplement = LANG / "en" / "verbs_supplement.txt"
        records += [{**r, "source_file": supplement.name}
                    for r in read_verb_dictionary(supplement.read_text(encoding="utf-8")) if r["type"] != "block"]
        return cls(records, _cached_table(), "CAMEO.2.0.txt", load_recodes(LANG / "en" / "cameo_recodes.tsv"))

    # -- CAMEO -> PLOVER -------------------------------------------------------------------------------
    def plover(self, code: str | None) -> tuple[str, str, str] | None:
        """(category, mode, context) for a CAMEO code, by its longest listed prefix; None where PLOVER
        drops the code (01 public statements) or nothing is listed."""
        return plover_of(self.table, code)

    # -- matching -------------------------------------------------------------------------------------
    def _elem_tokens(self, elem: dict, domain) -> list:
        """Tokens of ``domain`` that an element names (for a phrase: its head, with the other words among
        the head's modifiers)."""
        if "slot" in elem:
            return []
        if "w" in elem:
            return [t for t in domain if _word_match(t, elem["w"])]
        words = elem["phrase"] if "phrase" in elem else [elem["set"]]
        return [t for t in domain if self._phrase_at(words, t)]

    def _alternatives(self, word: str) -> list[list[str]]:
        return self.sets.get(word.lower(), []) if word.startswith("&") else [[word]]

    def _last_words(self, word: str) -> tuple[frozenset[str], frozenset[str]]:
        """The last words of ``word``'s alternatives, as written and without hyphens (for :func:`_word_match`)."""
        hit = self._lasts.get(word)
        if hit is None:
            ends = [alt[-1] for alt in self._alternatives(word)]
            hit = self._lasts[word] = (frozenset(ends), frozenset(_plain(w) for w in ends))
        return hit

    def _phrase_at(self, words: list[str], head) -> bool:
        """``words`` (head last; ``&SET`` entries expand) ends at token ``head``, its other words among the
        words before the head in its phrase."""
        *mods, last = words
        ends, plain_ends = self._last_words(last)
        if not (head.lower_ in ends or head.lemma_.lower() in ends or _plain(head.lower_) in plain_ends):
            return False  # no alternative ends at this token: the phrase's words before it need not be read
        left = [t for t in head.subtree if t.i < head.i]
        if not any(self._ends_at(alt, head, left) for alt in self._alternatives(last)):
            return False
        return all(any(_word_match(t, alt[-1]) for alt in self._alternatives(m) for t in left) for m in mods)

    @staticmethod
    def _ends_at(alt: list[str], head, left) -> bool:
        return _word_match(head, alt[-1]) and all(any(_word_match(t, w) for t in left) for w in alt[:-1])

    @staticmethod
    def _frame(v):
        """(pre heads, post heads, prepositions) of verb ``v``: the heads of its subject and auxiliaries, the
        heads of its objects, particles and adverbials (with their conjuncts), and the prepositions that hang
        on the verb or on its object ("staged a series [of attacks]"), not deeper in a phrase or on an object
        predicate ("called the veto a sad day [for Europe]" is no call for anything)."""
        pre, post = [], []
        for c in children(v):
            if _time_adjunct(c):
                continue  # "called him on Tuesday": a time adjunct is no part of the verb's frame ("call on")
            if c.dep_ in PRE_DEPS and c.i < v.i:
                pre += [c] + [x for x in c.conjuncts]
            elif c.dep_ in POST_DEPS and c.i > v.i or c.dep_ == "nsubjpass":
                # "sanctions were imposed": the passive subject is the object
                post += [c] + [x for x in c.conjuncts]
        if v.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children(v)):
            pre += [c for c in children(v.head) if c.dep_ in ("nsubj", "nsubjpass")]
        # "called the veto a sad day for Europe": with an object predicate the verb labels, and what follows
        # belongs to the label
        labels = any(c.dep_ == "oprd" for c in children(v))
        preps = [c for c in children(v) if c.dep_ in PREP_DEPS and not labels and not _time_adjunct(c)] + [
            g for h in post if h.dep_ in OBJECT_DEPS for g in children(h) if g.dep_ == "prep" and not _time_adjunct(g)]
        return pre, post, preps

    def _match(self, pat: dict, frame, v=None, is_actor=None):
        """(specificity, claimed token, target token, source token) when the pattern matches, else None."""
        pre, post, preps = frame
        spec, claimed, target, source = 0, None, None, None
        for elem in pat["pre"]:
            if "slot" in elem:
                continue  # "$ *": the subject, found as every verb's is
            if not self._elem_tokens(elem, pre):
                return None
            spec += _weight(elem)
        last = None  # the word the previous element matched: the next one stands after it
        for elem in pat["post"]:
            if "slot" in elem:
                if elem["slot"] not in ("target", "source") or v is None:
                    continue
                filler = _filler(v, post, last)
                if filler is None or is_actor is not None and not is_actor(filler):
                    return None
                if elem["slot"] == "target":
                    target = target or filler
                else:
                    source = source or filler
                last = filler
                continue
            domain = post if last is None or v is None else [x for x in v.subtree if x.i > last.i]
            toks = self._elem_tokens(elem, domain)
            if not toks:
                return None
            spec += _weight(elem)
            if claimed is None and toks[0].pos_ in ("NOUN", "PROPN"):
                claimed = toks[0]
            last = toks[0]
        for group in pat["preps"]:
            found = None
            for p in preps:
                if p.lower_ != group["prep"]:
                    continue
                inside = [t for t in p.subtree if t is not p]
                if all("slot" in e or self._elem_tokens(e, inside) for e in group["objects"]):
                    found = p
                    break
            if found is None:
                return None
            spec += 1 + sum(_weight(e) for e in group["objects"] if "slot" not in e)
            obj = next((c for c in children(found) if c.dep_ == "pobj"), None)
            if any(e.get("slot") == "target" for e in group["objects"]):
                if obj is None or is_actor is not None and not is_actor(obj):
                    return None
                target = obj
            elif not group["objects"] and target is None and obj is not None:
                target = obj  # "head (FOR) Georgia": a bare preposition's object is where the act is aimed
        return spec, claimed, target, source

    def _candidates(self, block: str, bag: set[str]) -> list[dict]:
        """The block's patterns that may match around a verb with words ``bag``, in the dictionary's order
        (the first of equally specific patterns wins)."""
        if block not in self._index:
            return []
        always, by_word = self._index[block]
        found = set(always)
        for w in bag & by_word.keys():
            found.update(by_word[w])
        pats = self.patterns[block]
        return [pats[i] for i in sorted(found)]

    def code(self, v, is_actor=None) -> Coding | None:
        """The dictionary's coding of verb token ``v`` (None: not in the dictionary, or a null code);
        ``is_actor(token)`` tells whether a phrase head names an actor, for the patterns' slots."""
        entries = self.verbs.get(v.lemma_.lower(), []) + [e for e in self.verbs.get(v.lower_, [])
                                                          if v.lower_ != v.lemma_.lower()]
        best: tuple | None = None
        frame = self._frame(v) if entries else None
        # the words a pattern may name: around the frame's heads, and after them in the verb's phrase. Only
        # a filter on the patterns tried (each is matched on the parse), so the span of each phrase is read
        # (a subtree may skip a word in it): without making a Token per word, from the Doc's word list
        bag: set = set()
        if entries:
            words = per_doc(v.doc, "verb words", _token_words)
            for i in {i for t in frame[0] + frame[1] + frame[2] + [v] for i in range(t.left_edge.i, t.right_edge.i + 1)}:
                bag.update(words[i])
        for entry in entries:
            extra = [w for i, w in enumerate(entry["words"]) if i != entry["head"]]
            near = [c for c in children(v) if c.dep_ in ("prt", "prep", "advmod", "dobj", "compound", "npadvmod")]
            if not all(any(_word_match(c, w) for c in near) for w in extra):
                continue
            own = entry.get("code") or self.blocks.get(entry["block"], {}).get("code")
            cand = (len(extra), None, None, None, own, None, entry)
            for pat in self._candidates(entry["block"], bag):
                if not all(not n.isdisjoint(bag) for n in pat["_needs"]):
                    continue
                m = self._match(pat, frame, v, is_actor)
                if m is None:
                    continue
                spec = m[0] + len(extra) + 1
                if cand is None or spec > cand[0]:
                    cand = (spec, m[1], m[2], m[3], pat["code"], pat["reverse"], pat)
            if best is None or cand[0] > best[0]:
                best = cand
        if best is None:
            return None
        spec, claimed, target, source, code, reverse, record = best
        origin, line = record.get("source_file", self.source), record["line"]
        reversed_ = False
        if not code and reverse:
            code, reversed_ = reverse, True
        mapped = self.plover(code)
        if mapped is None:
            return None
        return Coding(cameo=code, plover=mapped[0], mode=mapped[1], context=mapped[2],
                      rule=f"{origin}:{line}", reverse=reversed_, claimed=claimed, target=target,
                      source=source, specificity=spec)


COMPLEMENTS = ("xcomp", "ccomp")


def code_doc(coder: VerbCoder, doc, lang: str = "en", is_actor=None) -> tuple[dict[int, Coding], set[int]]:
    """Codings of a parsed document's verbs, after combination: ({token index: coding}, governed indexes).

    A verb of a governing category over a coded complement is one act ("agreed to share", "urged X to
    withdraw"): the complement is governed and not an act of its own. A governing verb known only by its
    block's default code in a wish family ("want", "plan", "decide", "hope") codes an act only through a coded
    complement:
    "wanted to expand ties" is intent, "want to say a few words" is nothing; in first-person speech such a
    verb is a performative ("I want to affirm", "allow me to welcome you") and the complement is the act.
    A default code on a participle modifying a noun ("acts aimed at ...") is no act either. A refusal, demand or
    threat over a complement ("declined to resign") is coded as if by a pattern: the complement fixes the sense."""
    c = cues(lang)
    codings = {t.i: k for t in tokens(doc) if t.pos_ == "VERB" and (k := coder.code(t, is_actor)) is not None}
    governed: set[int] = set()
    for i, k in list(codings.items()):
        v = doc[i]
        if k.specificity == 0 and v.dep_ in ("acl", "amod"):
            del codings[i]
            continue
        if k.plover not in GOVERNING:
            continue
        comps = [x for x in children(v) if x.dep_ in COMPLEMENTS and x.pos_ in ("VERB", "AUX")]
        if comps and v.lemma_.lower() in c["performative_governors"] and any(
                x.lower_ in c["first_person"] for x in children(v) if x.dep_ in ("nsubj", "dobj")):
            del codings[i]
            continue
        coded = [x.i for x in comps if x.i in codings]
        governed.update(coded)
        if comps and not coded and k.specificity == 0 and k.cameo[:2] in WISH_FAMILIES:
            del codings[i]
        elif comps and k.specificity == 0 and k.cameo[:2] not in WISH_FAMILIES:
            # "declined to resign", "refused to withdraw": a refusal, demand or threat over a complement act is
            # that sense of the verb whatever else it may mean alone ("prices declined"); the frame is the pattern
            codings[i] = replace(k, specificity=1)
    return codings, governed


def _tsv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def load_recodes(path: Path) -> dict[tuple[str, str], str]:
    """(block, verb) -> code: where PLOVER 2021 or the CAMEO codebook defines a dictionary verb's own act
    otherwise; verb ``*`` recodes the whole block (its code and its patterns of that code); ``---`` is no act."""
    return {(r["block"], r["verb"]): r["recode"] for r in _tsv(path)}


def plover_of(table: dict[str, tuple[str, str, str]], code: str | None) -> tuple[str, str, str] | None:
    """(category, mode, context) of a CAMEO code in ``table`` by its longest listed prefix; None where PLOVER
    drops the code (01 public statements) or nothing is listed."""
    if not code:
        return None
    for n in range(len(code), 1, -1):
        hit = table.get(code[:n])
        if hit is not None:
            return hit if hit[0] else None
    return None


def cameo_to_plover(code: str | None) -> tuple[str, str, str] | None:
    """The OEDA table's (category, mode, context) for a CAMEO code, as the coder maps its own codes."""
    return plover_of(_cached_table(), code)


@lru_cache(maxsize=1)
def _cached_table() -> dict[str, tuple[str, str, str]]:
    return load_table()


def load_table() -> dict[str, tuple[str, str, str]]:
    """CAMEO code -> (PLOVER category, mode, context): the OEDA table, then this project's documented
    decisions for codes the table leaves out (``cameo2plover_project.tsv``, which wins)."""
    table: dict[str, tuple[str, str, str]] = {}
    for name in ("cameo2plover.tsv", "cameo2plover_project.tsv"):
        for row in _tsv(DATA / name):
            table[row["cameo"]] = (row["plover"].strip(), row["mode"].strip(), row["context"].strip())
    return table
