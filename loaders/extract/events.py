"""Events read from the dependency parse, typed with PLOVER through :mod:`loaders.extract.lexicon`.

A trigger is a verb ("expelled"), a verb with its particle or object ("kicked out", "signed a treaty", "held
talks") or a noun ("the crackdown", "Western criticism"). Its roles come from the parse: the subject (or the
passive agent, or the possessor / demonym modifier of a noun) is the actor; the object, the dative and the
objects of with/to/on/against/... are targets. Mentions map to entity keys; a person acts for their state.
First-person pronouns in a transcript turn or a quotation are the speaker's state, "you" in a turn the state
addressed, "he/she" the last person named, "the two leaders/countries" the last two states named.

Only asserted events are kept: not negated, not conditional, not future, not a question, not under a verb of
intention ("plans to sign"). First-person "I would like to thank/welcome ..." is performative: the act is done by
saying it. An event needs an actor; one action reported twice (same type, trigger, actors) is one event.

>>> from loaders.extract.nlp import nlp
>>> from loaders.model import Document, Entity, Span
>>> text = "Russia condemned Georgia on Sunday."
>>> ents = [Entity("Q159", "State", "Russia", mentions=[Span(0, 6, "Russia")]),
...         Entity("Q230", "State", "Georgia", mentions=[Span(17, 24, "Georgia")])]
>>> evs, _ = find_events(Document(text, "t", published="2008-08-10"), nlp()(text), ents)
>>> [(e.type, e.actors, e.targets, e.date) for e in evs]
[('ACCUSE', ['Q159'], ['Q230'], '2008-08-10')]
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import replace

from loaders.extract import lexicon as L
from loaders.extract import modality
from loaders.extract.dates import LATER, add_days, normalise, shift
from loaders.extract.nlp import children, doc_ents, doc_text, tokens
from loaders.extract.verbcoder import GOVERNING, VerbCoder, code_doc
from loaders.lang import tables
from loaders.model import PLOVER_QUAD, Document, Entity, Event, Span

_TABLES = tables.Tables("events")  # this reader's word tables (loaders/lang/en/events.json)
_words, _list, _values = _TABLES.words, _TABLES.ordered, _TABLES.values


ACTOR_KINDS = _list("ACTOR_KINDS")
FORMER_WORDS = _words("FORMER_WORDS")
DEPART_VERBS = _words("DEPART_VERBS")
PLEDGE_LEMMAS = _words("PLEDGE_LEMMAS")
WITHDRAW_VERBS = _words("WITHDRAW_VERBS")
PROSPECT_WORDS = _words("PROSPECT_WORDS")
BALLOT_NOUNS = _words("BALLOT_NOUNS")
DISMAY_NOUNS = _words("DISMAY_NOUNS")
JOINT_WORDS = _words("JOINT_WORDS")
UNDERGO_VERBS = _words("UNDERGO_VERBS")
MODAL_LEMMAS = _words("MODAL_LEMMAS")
TRUE_WORDS = _words("TRUE_WORDS")
UNTRUE_WORDS = _words("UNTRUE_WORDS")
TIME_UNIT_NOUNS = _words("TIME_UNIT_NOUNS")
REPEAT_WORDS = _words("REPEAT_WORDS")
_MON = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATE_RX = re.compile(rf"\b{_MON}\s+\d{{1,2}}(?:,?\s+\d{{4}})?\b|\b\d{{1,2}}\s+{_MON}(?:\s+\d{{4}})?\b|"
                     rf"\b{_MON}\s+\d{{4}}\b|\b(?:[Ee]arlier|[Ll]ater) (?:in the day|today|this (?:week|month|year))\b")
FIRST = _words("FIRST")
SECOND = _words("SECOND")
THIRD = _words("THIRD")
# "the two leaders", "both countries": the last two states named. Not "both sides" (the sides of a dispute
# are often not the last two states named).
GROUP_NOUNS = _words("GROUP_NOUNS")
# "the government", "the junta", "the authorities": the state the story is about (or, as a target, the state in
# focus other than the actor)
GOV_NOUNS = _words("GOV_NOUNS")
# groups that a demonym does not turn into the state: "Syrian rebels", "Chinese dissidents"
NON_STATE_NOUNS = _words("NON_STATE_NOUNS")
# fights two sides take part in: "killed in a clash with X"
CLASH_NOUNS = _words("CLASH_NOUNS")
# "the bloc", "the alliance": the organisation last named
BLOC_NOUNS = _words("BLOC_NOUNS")
# a military government: "the junta" is the one the story last tied to a state
RULER_NOUNS = _words("RULER_NOUNS")
# "the small Gulf state", "the West African country", "the country": a state the story names elsewhere, read
# as "the government" is
STATE_NOUNS = _words("STATE_NOUNS")
OFFICIAL_TITLES = _words("OFFICIAL_TITLES")
# acts that take both sides of a bilateral meeting: "we signed", "we agreed", "we discussed"
JOINT_VERBS = _words("JOINT_VERBS")
CLAUSE_DEPS = _words("CLAUSE_DEPS")
TARGET_PREPS = _words("TARGET_PREPS")
NOUN_TARGET_PREPS = TARGET_PREPS | _words("NOUN_ONLY_TARGET_PREPS")
GUEST_NOUNS = _words("GUEST_NOUNS")
OCCASION_PREPS = _words("OCCASION_PREPS")
FROM_IS_PLACE_TYPES = _words("FROM_IS_PLACE_TYPES")
PASSAGE_VERBS = _words("PASSAGE_VERBS")
COMMITMENT_TARGET_PREPS = _words("COMMITMENT_TARGET_PREPS")
FIRST_PLURAL_MODIFIERS = _words("FIRST_PLURAL_MODIFIERS")
TRAVEL_PREPS = _words("TRAVEL_PREPS")
PLANNING_GOVERNORS = _words("PLANNING_GOVERNORS")
COMMAND_VERBS = _words("COMMAND_VERBS")
FRAME_PREPS = _words("FRAME_PREPS")
VISIT_NOUNS = _words("VISIT_NOUNS")
FORCE_NOUNS = _words("FORCE_NOUNS")
HABITUAL_ADVERBS = _words("HABITUAL_ADVERBS")
PAST_ADVERBS = _words("PAST_ADVERBS")
JUST_ADVERBS = _words("JUST_ADVERBS")
RATIFY_WORDS = _words("RATIFY_WORDS")
RATIFY_NOUNS = _words("RATIFY_NOUNS")
SIGN_WORDS = _words("SIGN_WORDS")
IN_FORCE_VERBS = _words("IN_FORCE_VERBS")
IN_FORCE_NOUNS = _words("IN_FORCE_NOUNS")
BASE_OPEN_VERBS = _words("BASE_OPEN_VERBS")
BASE_CLOSE_VERBS = _words("BASE_CLOSE_VERBS")
HAND_OVER_VERBS = _words("HAND_OVER_VERBS")
REFERRING_DETERMINERS = _words("REFERRING_DETERMINERS")
NEIGHBOUR_NOUNS = _words("NEIGHBOUR_NOUNS")
THIRD_POSSESSIVES = _words("THIRD_POSSESSIVES")
FIRST_PLURAL = _words("FIRST_PLURAL")
THIRD_PLURAL = _words("THIRD_PLURAL")
PAIR_LEADER_NOUNS = _words("PAIR_LEADER_NOUNS")
PAIR_WORDS = _words("PAIR_WORDS")
MILITARY_RULE_NOUNS = _words("MILITARY_RULE_NOUNS")
THIRD_PRONOUNS = _words("THIRD_PRONOUNS")
NAME_PARTICLES = _words("NAME_PARTICLES")
INSIST_VERBS = _words("INSIST_VERBS")
PHONE_VERBS = _words("PHONE_VERBS")
FORCES_LEAVING_VERBS = _words("FORCES_LEAVING_VERBS")
DEADLINE_VERBS = _words("DEADLINE_VERBS")
ASPECT_GOVERNORS = _words("ASPECT_GOVERNORS")
DURING_PREPS = _words("DURING_PREPS")
OPPONENT_PREPS = _words("OPPONENT_PREPS")
WH_OBJECTS = _words("WH_OBJECTS")
ANAPHORIC_DETERMINERS = _words("ANAPHORIC_DETERMINERS")
AIMED_PREPS = _words("AIMED_PREPS")
SEQUENCE_PREPS = _words("SEQUENCE_PREPS")
STRIKE_PLACE_PREPS = _words("STRIKE_PLACE_PREPS")
RECIPIENT_PREPS = _words("RECIPIENT_PREPS")
INSIDE_PREPS = _words("INSIDE_PREPS")
DESTINATION_PREPS = _words("DESTINATION_PREPS")
VISIT_VERBS = _words("VISIT_VERBS")
SUBJECT_PRONOUNS = _words("SUBJECT_PRONOUNS")
FUTURE_AUX = _words("FUTURE_AUX")
LAW_NOUNS = _words("LAW_NOUNS")
MOVED_BY_TYPES = _words("MOVED_BY_TYPES")
OCCUR_VERBS = _words("OCCUR_VERBS")
MEETING_NOUNS = _words("MEETING_NOUNS")
# occasions whose date is the date of what is said or done at them: "in the May 24 briefing"
OCCASION_NOUNS = MEETING_NOUNS | _words("OCCASION_NOUNS")
FRAME_NOUNS = _words("FRAME_NOUNS")
MOTION = _words("MOTION")
GATHER_VERBS = _words("GATHER_VERBS")
RESPONSE_NOUNS = _words("RESPONSE_NOUNS")
PLACE_NOUNS = _words("PLACE_NOUNS")
MEMBER_NOUNS = _words("MEMBER_NOUNS")
GROUP_HEAD_NOUNS = _words("GROUP_HEAD_NOUNS")
DOCUMENT_NOUNS = _words("DOCUMENT_NOUNS")
PLACE_OF_PREPS = _words("PLACE_OF_PREPS")
ORDER_PREPS = _values("ORDER_PREPS")
SUBJ = _list("SUBJ")
PASSIVE_SUBJ = _list("PASSIVE_SUBJ")


def _mentions(entities: list[Entity]) -> list[tuple[int, int, str]]:
    try:  # the entity reader's own index, when it provides one
        from loaders.extract.entities import mention_index

        return list(mention_index(entities))
    except (ImportError, AttributeError):
        return sorted((m.start, m.end, e.key) for e in entities for m in e.mentions)


def _state_of(entity: Entity) -> str | None:
    try:
        from loaders.extract.entities import state_of

        return state_of(entity)
    except (ImportError, AttributeError):
        return entity.attrs.get("state") or entity.attrs.get("org")


class Reading:
    """Per-document lookups shared by the event and alignment readers."""

    def __init__(self, doc: Document, parsed, entities: list[Entity]):
        self.doc, self.parsed = doc, parsed
        self.ents = {e.key: e for e in entities}
        self.tok_key: dict[int, str] = {}
        for start, end, key in _mentions(entities):
            span = parsed.char_span(start, end, alignment_mode="expand")
            if span is None or key not in self.ents:
                continue
            for t in span:
                self.tok_key.setdefault(t.i, key)
        self.sents = list(parsed.sents)
        self._sent_starts = [s.start for s in self.sents]
        self._state_mentions: list[tuple[int, str]] | None = None
        self._sent_ents: dict[int, list] = {}  # sentence index -> the parser's entities in it
        for ent in doc_ents(parsed):
            self._sent_ents.setdefault(self.sent_index(ent.start), []).append(ent)
        self.here: str | None = None  # set from the dateline below; resolving speakers may ask before
        self.dateline_end = 0
        self.exclude: set[str] = set()  # actors of the clause being read: a target is someone else
        self.coercer: str | None = None  # the state the story shows arresting or using force
        self._counts: Counter | None = None
        self.speaker: dict[int, str] = {}  # token index -> state speaking ("I", "we", "our")
        self.addressee: dict[int, str] = {}  # token index -> state addressed ("you")
        self._turns()
        self._quotes()
        self._byline()
        self.dates = self._dates()
        # by sentence, and each date's own-clause answer once: scanning every date of the text for every
        # verb made long articles quadratic (150 KB: 130 of 167 s in own_date)
        self._dates_in: dict[int, list] = {}  # sentence index -> its dates, as _sent_ents
        for d in self.dates:
            self._dates_in.setdefault(self.sent_index(d[0].start), []).append(d)
        self._own: dict[int, tuple] = {}
        self._moves: dict[int, bool] = {}
        self.dateline_end, self.here = self._dateline()

    # ---- entities ----------------------------------------------------------------------------------
    def actor(self, key: str | None) -> str | None:
        """Entity key -> the state/organisation that acts (a person acts for their state)."""
        e = self.ents.get(key) if key else None
        if e is None:
            return None
        if e.kind in ACTOR_KINDS:
            return e.key
        if e.kind == "Person":
            return _state_of(e)
        return None

    def is_state(self, key: str) -> bool:
        e = self.ents.get(key)
        return e.kind == "State" if e else not key.startswith("org:")  # a person's state need not be named

    def state_mentions(self) -> list[tuple[int, str]]:
        if self._state_mentions is None:
            self._state_mentions = [(i, a) for i, k in sorted(self.tok_key.items()) if (a := self.actor(k))]
        return self._state_mentions

    def sentence_ents(self, i: int) -> list:
        """The parser's named entities in the sentence of token ``i`` (Span.ents scans the whole Doc)."""
        return self._sent_ents.get(self.sent_index(i), [])

    def sent_index(self, i: int) -> int:
        """The index in :attr:`sents` of the sentence holding token ``i``."""
        return max(0, bisect.bisect_right(self._sent_starts, i) - 1)

    def _last_states(self, before: int, n: int) -> list[str]:
        """The ``n`` parties "the two" / "both sides" mean: among the last few states named (never the clause's
        own actor), the ones the story names most, so a third party named in passing is not taken."""
        recent: list[str] = []
        for i, a in reversed(self.state_mentions()):
            if i < before and a not in recent and self.is_state(a) and a not in self.exclude:
                recent.append(a)
                if len(recent) == n + 2:
                    break
        counts = self._state_counts()
        ranked = sorted(range(len(recent)), key=lambda j: (-counts[recent[j]], j))[:n]
        return [recent[j] for j in sorted(ranked)]

    def resolve(self, t) -> list[str]:
        """One token -> actor keys (entity mention, pronoun, or "the two leaders")."""
        key = self.tok_key.get(t.i)
        if t.lemma_.lower() in GROUP_NOUNS and t.tag_ in ("NNS", "NNPS") and \
                {c.lower_ for c in children(t)} & PAIR_WORDS:
            return self._last_states(t.i, 2)  # "the two leaders": both parties, not whichever one was linked
        if not key and t.lower_ in PAIR_WORDS and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj") \
                and t.pos_ in ("NUM", "PRON", "DET", "NOUN"):
            return self._last_states(t.i, 2)  # "the two signed an agreement", "both agreed"
        if not key and (t.lemma_.lower() in GOV_NOUNS or t.lemma_.lower() in STATE_NOUNS and t.tag_ == "NN"
                        and not _place_of_motion(t)) \
                and t.pos_ in ("NOUN", "PROPN") and not any(
                c.dep_ in ("poss", "compound", "amod", "nmod") and self.keys_in(c) for c in children(t)) \
                and not any(c.dep_ == "prep" and (c.lower_ == "of" or c.lower_ == "in" and self.keys_in(c))
                            for c in children(t)) \
                and any(c.lower_ in REFERRING_DETERMINERS for c in children(t)):
            # "The United States imposed sanctions, citing the government's crackdown": a bare "the government"
            # in a clause whose subject is a state is another state (its own would be "its government")
            saved = set(self.exclude)
            root = t.sent.root
            if t.dep_ not in SUBJ and not (t.head == root and t.dep_ in SUBJ) and t.lemma_.lower() in GOV_NOUNS:
                for subj in _children(root, *SUBJ):
                    if subj.i != t.i and self.tok_key.get(subj.i):
                        self.exclude |= set(self.resolve(subj))
                    elif subj.i != t.i:
                        self.exclude |= {self.actor(self.tok_key.get(x.i)) for x in subj.subtree
                                         if self.tok_key.get(x.i)} - {None}
            try:
                focus = self._named_ruler(t) or self.focus(t.i)
            finally:
                self.exclude = saved
            return [focus] if focus else []
        if not key and t.lemma_.lower() in BLOC_NOUNS and t.tag_ == "NN" and \
                any(c.lower_ == "the" for c in children(t)) and not any(c.dep_ == "prep" for c in children(t)):
            org = self._last_org(t.i)  # "Paris has backed the regional bloc's stance": the bloc last named
            return [org] if org else []
        if not key and t.lemma_.lower() in NEIGHBOUR_NOUNS and t.tag_ == "NN" and \
                any(c.lower_ in THIRD_POSSESSIVES for c in children(t)):
            focus = self.focus(t.i)
            return [focus] if focus else []
        if key and self.actor(key):
            return [self.actor(key)]
        if not key and t.dep_ in ("amod", "compound", "nmod") and t.pos_ in ("ADJ", "PROPN") and t.text[:1].isupper():
            state = _demonym_state(t.text)  # "Dutch authorities", "the Dutch embassy": a demonym the reader missed
            if state:  # only for a state the text names elsewhere (under whichever key the reader chose)
                same = [k for k, e in self.ents.items() if e.kind == "State" and
                        (k == state or _demonym_state(e.label) == state)]
                if same:
                    return same[:1]
        if key and self.ents[key].kind == "Person":
            # a person whose state the entity reader did not give: "British Prime Minister Theresa May"
            state = _demonym_state(t.text)
            if not state and self.here and self._titled_official(t, key) and not any(
                    self.parsed[i].lower_ in FORMER_WORDS for i in range(max(0, t.i - 4), t.i)):
                state = self.here  # "ANKARA - ... Prime Minister Binali Yildirim": an official where the story is filed
            return [state] if state else []
        low = t.lower_
        if not key and t.tag_ in ("WDT", "WP", "WP$") and low in ("which", "who", "whom", "whose", "that"):
            # "China, which has close ties to Moscow", "Mali and Burkina Faso, whose rulers turned to Russia",
            # "the EU, which Ankara has accused": the relative pronoun stands for what the clause describes
            clause = t.head if t.head.dep_ == "relcl" else t.head.head if t.head.head.dep_ == "relcl" else None
            if clause is not None and clause.head.i < t.i:
                out = []
                for x in _with_conj([clause.head]):
                    out += [k for k in self.keys_in(x) if k not in out]
                return out
        if t.pos_ == "PRON" or t.tag_ in ("PRP", "PRP$"):
            if low in FIRST:
                sp = self.speaker.get(t.i)
                if low == "we" and sp and t.i in self.addressee and t.dep_ == "nsubj" and \
                        t.head.lemma_.lower() in JOINT_VERBS and not any(
                            self.actor(self.tok_key.get(x.i)) == self.addressee[t.i] for c in children(t.head)
                            if c.dep_ not in ("conj", "cc") for x in c.subtree if x.i != t.i and x.i in self.speaker):
                    return [sp, self.addressee[t.i]]  # "We signed an agreement": both sides of the meeting
                if sp and low in FIRST_PLURAL and t.i in self.addressee and _plural_mutual(t):
                    return [sp, self.addressee[t.i]]
                return [sp] if sp else []
            if low in SECOND:
                ad = self.addressee.get(t.i)
                return [ad] if ad else []
            if low in ("it", "they") and t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ccomp":
                # "Turkey and Israel announced that they would restore ...": the reporter's subject
                subjects = [x for s in _children(t.head.head, *SUBJ) for x in _with_conj([s])]
                keys = [k for x in subjects for k in self.keys_in(x)]
                plural = len(keys) > 1 or any(x.tag_ in ("NNS", "NNPS") for x in subjects)  # "the rebels said they"
                if keys and (low == "they") == plural:
                    return keys
            if low == "it" and t.dep_ in ("nsubj", "nsubjpass"):
                return self._it(t)
            if low == "their" and t.dep_ == "poss":
                # "Erdogan and Putin pledged ..., at their first meeting": the clause's joint subject
                v = t.head
                while v.pos_ not in ("VERB", "AUX") and v.head != v:
                    v = v.head
                subjects = [s for s in _actor_tokens(v) if not (s.left_edge.i <= t.i <= s.right_edge.i)]
                keys = [k for s in subjects for k in self.keys_in(s)] if v.pos_ in ("VERB", "AUX") else []
                if len(set(keys)) >= 2:
                    return list(dict.fromkeys(keys))
            if low in THIRD_PLURAL:
                return self._them(t)
            if low in THIRD:
                if t.dep_ in ("nsubj", "nsubjpass") and t.i == t.sent.start:
                    # a sentence-initial "He ..." continues the last sentence's subject, not whoever it named
                    # last ("... while Rodriguez thanked Obama ... He also demanded ...")
                    subj = self._last_person_subject(t)
                    if subj:
                        return subj
                for i in range(t.i - 1, -1, -1):
                    k = self.tok_key.get(i)
                    if k and self.ents[k].kind == "Person":
                        a = self.actor(k)
                        return [a] if a else []
            return []
        if t.lemma_.lower() in GROUP_NOUNS and t.tag_ in ("NNS", "NNPS"):
            kids = {c.lower_ for c in children(t)}
            if kids & PAIR_WORDS or ("the" in kids and t.lemma_.lower() in PAIR_LEADER_NOUNS):
                return self._last_states(t.i, 2)
            if kids & FIRST_PLURAL_MODIFIERS and t.i in self.speaker and t.i in self.addressee:
                return [self.speaker[t.i], self.addressee[t.i]]
        return []

    def _last_org(self, before: int) -> str | None:
        for i, k in sorted(self.tok_key.items(), reverse=True):
            if i < before and self.ents[k].kind == "Organization" and k not in self.exclude:
                return k
        return None

    def _named_ruler(self, t) -> str | None:
        """"Niger's ruling military council ... The junta ...": a bare "the junta" / "the regime" is the one the
        story last tied to a state ("Niger's military council", "the Syrian regime"), not the state in focus."""
        if t.lemma_.lower() not in RULER_NOUNS:
            return None
        for x in reversed(self.parsed[: t.i]):
            lemma = x.lemma_.lower()
            if lemma not in RULER_NOUNS and not (lemma in MILITARY_RULE_NOUNS
                                                 and any(c.lower_ == "military" for c in children(x))):
                continue
            for c in children(x):
                if c.dep_ in ("poss", "compound", "amod", "nmod"):
                    keys = [k for k in self.keys_in(c) if self.is_state(k) and k not in self.exclude]
                    if keys:
                        return keys[0]
        return None

    def _last_person_subject(self, t) -> list[str]:
        """The person who is the subject of the latest clause of the previous sentence, if any."""
        if t.sent.start == 0:
            return []
        prev = self.parsed[t.sent.start - 1].sent
        for x in reversed(list(prev)):
            k = self.tok_key.get(x.i)
            if not k or self.ents[k].kind != "Person":
                continue
            if x.dep_ in ("nsubj", "nsubjpass") or x.dep_ in ("compound", "appos") and \
                    x.head.dep_ in ("nsubj", "nsubjpass"):
                a = self.actor(k)
                return [a] if a else []
        return []

    def _state_counts(self) -> Counter:
        if self._counts is None:
            self._counts = Counter(a for _, a in self.state_mentions() if self.is_state(a))
        return self._counts

    def focus(self, before: int) -> str | None:
        """The state a bare "the government" / "the junta" means: the latest state named before it that the story
        is about (among the most-named states), not one the current clause already names as actor."""
        counts = self._state_counts()
        if not counts:
            return None
        exclude = self.exclude
        top = [a for a, _ in counts.most_common() if a not in exclude]
        if not top:
            return None
        # the story's own states: those its title or dateline name, else the two it names most; among them the
        # one named most before this point (as a subject counting double), the latest on a tie
        main = {a for a in self._titled() + [self.here] if a and a not in exclude and self.is_state(a)} or set(top[:2])
        score: Counter = Counter()
        last: dict[str, int] = {}
        for i, a in self.state_mentions():
            if i < before and a in main:
                tok = self.parsed[i]
                subj = any(x.dep_ in ("nsubj", "nsubjpass") for x in [tok, *tok.ancestors][:3])
                score[a] += 2 if subj else 1
                last[a] = i
        if not score:
            return top[0]
        return max(score, key=lambda a: (score[a], last[a]))

    def _them(self, t) -> list[str]:
        """"spoke with both leaders and urged them": the last group of two or more parties named before."""
        lo = self.parsed[t.sent.start - 1].sent.start if t.sent.start > 0 else 0
        for i in range(t.i - 1, lo - 1, -1):
            x = self.parsed[i]
            if x.lower_ in THIRD_PRONOUNS:
                continue
            keys = self.resolve(x) if x.lemma_.lower() in GROUP_NOUNS and x.tag_ in ("NNS", "NNPS") else []
            if not keys and self.tok_key.get(i) and any(c.dep_ == "conj" for c in children(x)):
                keys = [k for c in _with_conj([x]) for k in self.resolve(c)]
            keys = [k for k in dict.fromkeys(keys) if k not in self.exclude]
            if len(keys) >= 2:
                return keys
        return []

    def _titled_official(self, t, key: str) -> bool:
        """A government title right before some mention of this person ("Prime Minister Binali Yildirim")."""
        for i, k in self.tok_key.items():
            if k != key or i == 0:
                continue
            prev = self.parsed[i - 1]
            if prev.lower_ in OFFICIAL_TITLES and not self.tok_key.get(prev.i) or \
                    self.parsed[i].lower_ in OFFICIAL_TITLES:
                return True
        return False

    def _it(self, t) -> list[str]:
        """"Kenya said it was surprised": the state that is the subject nearest before, in this or the last
        sentence."""
        sents = [t.sent]
        if t.sent.start > 0:
            sents.append(self.parsed[t.sent.start - 1].sent)
        for s in sents:
            for x in reversed(list(s)):
                if x.i >= t.i or x.dep_ not in ("nsubj", "nsubjpass"):
                    continue
                keys = [k for k in self.keys_in(x) if self.is_state(k)] if x.lower_ != "it" else []
                if len(keys) == 1:
                    return keys
        return []

    def keys_in(self, t, *, deep: bool = False) -> list[str]:
        """Actor keys named in the phrase headed by ``t`` (not inside its subordinate clauses unless deep)."""
        out: list[str] = []
        stack = [t]
        while stack:
            x = stack.pop()
            for a in self.resolve(x):
                if a not in out:
                    out.append(a)
            for c in children(x):
                if c.dep_ == "appos" and not deep and out and not self.tok_key.get(c.i):
                    continue  # "Russia, Minsk's closest ally, ...": the apposition describes, it does not act
                if c.dep_ in ("amod", "compound", "nmod") and (x.lemma_.lower() in NON_STATE_NOUNS or
                                                                (self.tok_key.get(x.i) or "").startswith("group:")):
                    continue  # "Syrian rebels", "Indian protesters": people of a country, not its state
                if c.dep_ == "prep" and c.lower_ == "in" and (x.lemma_.lower() in NON_STATE_NOUNS or
                                                            (self.tok_key.get(x.i) or "").startswith("group:")):
                    continue  # "refugees in Turkey", "demonstrators in Baghdad": where people are, not who acts
                if deep or c.dep_ not in CLAUSE_DEPS:
                    stack.append(c)
        return out

    def persons_in(self, t) -> list[str]:
        out = []
        for x in t.subtree:
            k = self.tok_key.get(x.i)
            if k and self.ents[k].kind == "Person" and k not in out:
                out.append(k)
        return out

    def kind_in(self, tokens, kind: str) -> str | None:
        for x in tokens:
            k = self.tok_key.get(x.i)
            if k and self.ents[k].kind == kind:
                return k
        return None

    # ---- who speaks --------------------------------------------------------------------------------
    def _turns(self) -> None:
        """Transcript turns: a paragraph opening "President Vladimir Putin: ..." speaks until the next label."""
        text = self.doc.text
        labels = [m for m in re.finditer(r"(?m)^([^\n:]{2,80}?):[ \t]*(?=\S)", text) if _is_label(m.group(1))]
        if not labels:
            return
        titled = self._titled()
        for n, m in enumerate(labels):
            end = labels[n + 1].start() if n + 1 < len(labels) else len(text)
            span = self.parsed.char_span(m.start(1), m.end(1), alignment_mode="expand")
            who = None
            for t in span or []:
                who = self.actor(self.tok_key.get(t.i))
                if who:
                    break
            if not who:
                continue
            # whom the speaker addresses: the party the title names ("Talks with Tajikistan President ..."),
            # else the first other state the text names
            other = next((s for s in titled if s != who), None) or next(
                (a for _, a in self.state_mentions() if a != who and self.is_state(a)), None)
            body = self.parsed.char_span(m.end(), end, alignment_mode="contract")
            for t in body or []:
                self.speaker[t.i] = who
                if other:
                    self.addressee[t.i] = other

    def _byline(self) -> None:
        """A statement headed by its author ("Press Statement / Antony J. Blinken, Secretary of State / date"):
        "we" in its body, outside quotations, is the author's state."""
        text = self.doc.text
        if self.speaker and not self._only_quotes():
            return
        if not any(t.lower_ in FIRST_PLURAL and t.pos_ == "PRON" for t in tokens(self.parsed)):
            return
        head_end = text.find("\n\n")
        head = self.parsed.char_span(0, head_end, alignment_mode="contract") if 0 < head_end <= 250 else None
        who, start = None, 0
        if head is not None and not any(t.pos_ == "VERB" and t.dep_ == "ROOT" and t.tag_ in ("VBD", "VBZ", "VBP")
                                        for t in head):
            who = next((a for t in head if (a := self.actor(self.tok_key.get(t.i)))), None)
            start = head.end
        if not who and not self.dateline_like():
            # a statement whose first sentence names its author: "The United States is announcing ..."
            first = next(iter(self.parsed.sents), None)
            if first is not None:
                subj = [c for c in children(first.root) if c.dep_ in SUBJ]
                keys = [k for c in subj for k in self.keys_in(c) if self.is_state(k)]
                who = keys[0] if len(keys) == 1 and first.root.tag_ in ("VBZ", "VBP", "VBG") else None
        if not who:
            return
        quoted = set()
        for m in re.finditer(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d", text):
            quoted.update(range(m.start(), m.end()))
        for t in tokens(self.parsed)[start:]:
            if t.idx not in quoted:
                self.speaker.setdefault(t.i, who)

    def dateline_like(self) -> bool:
        """Wire copy opens with "PLACE, Month Day (Agency) -": its "we" is a quoted source, never the author."""
        first = self.doc.text[:120]
        return bool(re.match(r"^[A-Z][A-Z .'-]{2,40},", first)) or " - " in first[:80] or "\u2014" in first[:80]

    def _only_quotes(self) -> bool:
        return not self.addressee  # speakers so far come from quotations, not transcript turns

    def _titled(self) -> list[str]:
        """Actors named in the document title, in title order (by the names the body uses for them)."""
        title = (self.doc.title or "").lower()
        if not title:
            return []
        found = []
        for key, e in self.ents.items():
            actor = self.actor(key)
            if not actor:
                continue
            names = {e.label} | {m.text for m in e.mentions}
            pos = [title.find(n.lower()) for n in names if len(n) > 2 and n.lower() in title]
            if pos:
                found.append((min(pos), actor))
        return list(dict.fromkeys(a for _, a in sorted(found)))

    def _quotes(self) -> None:
        """Quoted speech in narrative: "I ..." belongs to whoever the sentence says said it."""
        text = self.doc.text
        for m in re.finditer(r"\"([^\"]{15,}?)\"|\u201c([^\u201d]{15,}?)\u201d", text):
            inner = self.parsed.char_span(m.start(), m.end(), alignment_mode="contract")
            if inner is None or any(t.i in self.speaker for t in inner):
                continue
            who = self._attribution(inner)
            if who:
                for t in inner:
                    self.speaker[t.i] = who

    def _attribution(self, quote) -> str | None:
        inside = {t.i for t in quote}
        sents = {quote[0].sent.start: quote[0].sent, quote[-1].sent.start: quote[-1].sent}
        nxt = quote[-1].sent.end
        if nxt < len(self.parsed):
            sents[self.parsed[nxt].sent.start] = self.parsed[nxt].sent
        best = None
        for s in sents.values():
            for t in s:
                if t.i in inside or t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() not in L.REPORTING:
                    continue
                for c in children(t):
                    if c.dep_ in SUBJ and c.i not in inside:
                        keys = self.keys_in(c)
                        dist = min(abs(t.i - quote.start), abs(t.i - quote.end))
                        if keys and (best is None or dist < best[0]):
                            best = (dist, keys[0])
        return best[1] if best else None

    # ---- time --------------------------------------------------------------------------------------
    def _dates(self) -> list[tuple[object, str | None, str | None]]:
        spans, taken = [], set()
        # calendar dates the statistical NER misses ("Andijan May 13" read as one ORG, "earlier in the day")
        for m in DATE_RX.finditer(self.doc.text):
            span = self.parsed.char_span(m.start(), m.end(), alignment_mode="expand")
            if span is not None and not any(t.i in taken for t in span):
                spans.append(span)
                taken.update(t.i for t in span)
        spans += [e for e in self.parsed.ents if e.label_ == "DATE" and not any(t.i in taken for t in e)]
        out = []
        for ent in sorted(spans, key=lambda e: e.start):
            iso, rel = normalise(ent.text, self.doc.published)
            out.append((ent, iso, rel))
        return out

    def _dateline(self) -> tuple[int, str | None]:
        """A first line such as "BISHKEK, Kyrgyzstan, July 26, 2005 -" or "May 12, 2006, Sochi": where the
        story was filed (what "here" means) and a date everything else is told against."""
        text = self.doc.text
        nl = text.find("\n")
        first = text[: nl if 0 <= nl < 200 else 200]
        dates = [e for e, iso, _ in self.dates if e.end_char <= len(first) and iso]
        if not dates:
            return 0, None
        end = dates[0].end_char
        here = None
        for i, key in sorted(self.tok_key.items()):
            tok = self.parsed[i]
            if tok.idx >= dates[0].start_char:  # "BISHKEK, Kyrgyzstan, July 26, 2005": the place comes first
                break
            if self.ents[key].kind == "State":
                here = key
                break
        if here is None:  # the entity reader may leave datelines out: read the place names before the date
            here = _dateline_state(text[: dates[0].start_char])
        return end, here

    def own_date(self, t) -> tuple[str | None, str | None, object]:
        """A DATE attached to ``t`` without another verb in between (its clause), else (None, None, None).
        "Three days later" counts from the story's time before it."""
        if t.i not in self._own:
            self._own[t.i] = self._own_date(t)
        return self._own[t.i]

    def _own_date(self, t) -> tuple[str | None, str | None, object]:
        for ent, iso, rel in self._dates_in.get(self.sent_index(t.i), ()):
            if iso is None and rel is None:
                if not LATER.search(ent.text) or not _attaches(ent, t):
                    continue  # a duration ("180 days"), not a time
                iso = shift(ent.text, self.reference_date(ent.start))
                if iso:
                    return iso, None, ent
                continue
            if _attaches(ent, t):
                return iso, rel, ent
        return None, None, None

    def reference_date(self, before: int) -> str | None:
        """Narrative time: the latest explicit date attached to a past main clause before token ``before``.
        A day ("on Monday") carries over to later paragraphs; a month or year ("in 2018") only within its own
        paragraph, since a background paragraph should not date the next one."""
        ref = None
        text = self.doc.text
        para_start = text.rfind("\n\n", 0, self.parsed[before].idx) if before < len(self.parsed) else -1
        for ent, iso, rel in self.dates:
            if ent.start >= before:
                break
            if iso and len(iso) < 10 and ent.start_char < para_start and ent.end_char > self.dateline_end:
                continue
            if iso and (ent.end_char <= self.dateline_end or self._moves_time(ent)):
                ref = iso  # a past main clause moves the story's time; so does the dateline
        return ref

    def _moves_time(self, ent) -> bool:
        """``ent`` is the own date of a past main clause."""
        if ent.start not in self._moves:
            root = ent.sent.root
            past = root.tag_ == "VBD" or any(c.tag_ == "VBD" and c.dep_ in ("aux", "auxpass") for c in children(root))
            self._moves[ent.start] = past and self.own_date(root)[2] is ent
        return self._moves[ent.start]


def _place_of_motion(t) -> bool:
    """"leave the country", "troops in the country": the country as a place one is in or moves through."""
    head = t.head
    if t.dep_ == "dobj" and head.lemma_.lower() in L.LEAVE_VERBS | MOTION | PASSAGE_VERBS:
        # "ordered the envoy to leave the country" (the actor's own); "troops left the country" is the target
        return head.dep_ in ("xcomp", "ccomp", "advcl")
    return t.dep_ == "pobj" and head.lower_ in ("in", "into", "from", "within", "across", "throughout", "inside",
                                                   "outside", "out", "around")


def _attaches(ent, t) -> bool:
    x = ent.root
    while True:
        if x == t or t in ent:
            return True
        if x.head == x or (x != ent.root and x.pos_ in ("VERB", "AUX") and x.i not in range(ent.start, ent.end)):
            return False
        if x != ent.root and x.dep_ in ("appos", "dobj", "nsubj", "nsubjpass", "attr", "relcl", "acl"):
            return False  # "talked about this - the events of 1999": the date of a participant, not of the act
        if x == ent.root and x.dep_ in ("compound", "amod", "nmod") and x.head.pos_ in ("NOUN", "PROPN") and \
                x.head.i not in range(ent.start, ent.end) and x.head != t and not (
                x.head.dep_ == "pobj" and x.head.head.lower_ in OCCASION_PREPS and
                x.head.lemma_.lower() in OCCASION_NOUNS):  # "In the May 24 briefing, X said": its occasion
            return False  # "sentenced for their role in a May uprising": the date names the uprising, not the act
        x = x.head


def _place_objects(t) -> list:
    """The places verb ``t`` acts on: its objects and the objects of its prepositions that are place nouns."""
    objs = _children(t, "dobj", "nsubjpass")
    objs += [o for h in [t] + objs for p in _children(h, "prep") if not _time_adjunct_prep(p)
             for o in _children(p, "pobj")]  # "evacuated the wounded [from the town]": on the verb or its object
    return [o for o in _with_conj(objs) if o.lemma_.lower() in PLACE_NOUNS]


def _time_adjunct_prep(p) -> bool:
    return bool(children(p)) and all(g.ent_type_ in ("DATE", "TIME") for g in children(p))


def _place_states(o, reading, depth: int = 0) -> list[str]:
    """The states a place noun lies in: its demonym or state modifier ("the Georgian town"), or the state its
    "in"/"of" phrase names ("a village in Western Cambodia", "the town of Gori in Georgia")."""
    out: list[str] = []
    for c in children(o):
        if c.dep_ in ("amod", "compound", "nmod", "poss"):
            keys = [k for k in reading.resolve(c) if reading.is_state(k)] or \
                [s for s in [_demonym_state(c.text)] if s and s not in reading.exclude]
            out += [k for k in keys if k not in out and k not in reading.exclude]
        elif c.dep_ == "prep" and c.lower_ in PLACE_OF_PREPS:
            for g in _children(c, "pobj"):
                keys = _states_at(g, reading)
                if not keys and depth < 2:
                    keys = _place_states(g, reading, depth + 1)  # "the town of Gori in Georgia"
                out += [k for k in keys if k not in out and k not in reading.exclude]
    return out


def _states_at(o, reading) -> list[str]:
    """The states noun ``o`` names, or whose capital it is ("in Pakistan", "in Baghdad")."""
    return [k for k in reading.keys_in(o) + _capital_state(o, reading) if reading.is_state(k)]


def _states_after_place_preps(heads, reading) -> list[str]:
    """The states named after a place preposition ("in", "inside" ...: STRIKE_PLACE_PREPS) on any of ``heads``."""
    return [k for h in heads for p in _children(h, "prep") if p.lower_ in STRIKE_PLACE_PREPS
            for o in _children(p, "pobj") for k in _states_at(o, reading)]


def _capital_state(o, reading) -> list[str]:
    """A capital named as a place ("in Baghdad"), which the entity reader leaves a place, as the state it is
    the capital of: for acts whose target is where they happen."""
    if o.pos_ != "PROPN" or reading.tok_key.get(o.i):
        return []
    name = " ".join(x.text for x in o.subtree if x.i <= o.i and (x.i == o.i or x.dep_ == "compound"))
    state = _capitals().get(name.lower())
    return [state] if state and state not in reading.exclude else []


@functools.cache
def _capitals() -> dict[str, str]:
    return _state_names(lambda st: st.get("capitals", []), skip_ambiguous_capitals=True)


def _demonym_state(word: str) -> str | None:
    table = _demonyms()
    return table.get(word.lower()) if word[:1].isupper() else None


@functools.cache
def _demonyms() -> dict[str, str]:
    return _state_names(lambda st: [st["name"], *st.get("adjectives", []), *st.get("aliases", [])])


def _state_names(names, *, skip_ambiguous_capitals: bool = False) -> dict[str, str]:
    """Lower-cased names of the gazetteer's current states (``names`` picks them) -> the state; the first
    state to claim a name keeps it. Empty without a gazetteer."""
    table: dict[str, str] = {}
    try:  # imported here: the gazetteer and the entity reader load data this module does not need at import
        from loaders.extract.entities import AMBIGUOUS_CAPITALS
        from loaders.gazetteer import gazetteer

        for key, st in gazetteer().states.items():
            if st.get("historical"):
                continue
            for n in names(st):
                if not (skip_ambiguous_capitals and n in AMBIGUOUS_CAPITALS):
                    table.setdefault(n.lower(), key)
    except Exception:  # no gazetteer: no names
        pass
    return table


def _dateline_state(prefix: str) -> str | None:
    try:
        from loaders.gazetteer import gazetteer

        g = gazetteer()
    except Exception:  # no gazetteer: "here" stays unknown
        return None
    for chunk in reversed([c.strip(" -\u2013\u2014") for c in prefix.split(",")]):
        if chunk and len(chunk.split()) <= 3 and (key := g.state_key(chunk)):
            return key
    try:  # "ANKARA, March 12": a capital in capitals
        from loaders.extract.entities import _capital_state

        first = prefix.split(",")[0].strip(" -\u2013\u2014")
        return _capital_state(first.title()) if first.isupper() and len(first.split()) <= 3 else None
    except Exception:  # no gazetteer: "here" stays unknown
        return None


def _is_label(label: str) -> bool:
    """A speaker label names someone: "President of Russia Dmitry Medvedev", "Question"; not a clause."""
    words = label.split()
    return 0 < len(words) <= 8 and all(w[0].isupper() or w in NAME_PARTICLES
                                       for w in words)


def _plural_mutual(t) -> bool:
    """"our relations/countries/parliaments": both sides of a bilateral meeting, not the speaker alone."""
    head = t.head
    return t.lower_ == "our" and (head.tag_ in ("NNS", "NNPS") or head.lemma_.lower() in (
        "relation", "tie", "cooperation", "partnership", "relationship", "trade", "friendship", "dialogue"))


# ---- the event reader ------------------------------------------------------------------------------

def _clause_head(t):
    """The verb whose clause a noun trigger sits in."""
    x = t
    while x.head != x and x.pos_ not in ("VERB", "AUX"):
        x = x.head
    return x


def _children(t, *deps):
    return [c for c in children(t) if c.dep_ in deps]


def _with_conj(tokens):
    out = []
    for t in tokens:
        out.append(t)
        out.extend(c for c in t.conjuncts if c.i > t.i)
    return out


QUANTITY_NOUNS = _words("QUANTITY_NOUNS")


def _obj_lemma(t):
    for c in children(t):
        if c.dep_ in ("dobj", "attr", "oprd") or c.dep_ == "nsubjpass" and t.tag_ == "VBN":
            # "a ceasefire was brokered by France": the passive subject is the verb's object
            yield c.lemma_.lower(), c
            if c.lemma_.lower() in QUANTITY_NOUNS:  # "buys most of its weapons"
                for p in _children(c, "prep"):
                    for g in _children(p, "pobj"):
                        yield g.lemma_.lower(), g
            for g in children(c):
                if g.dep_ == "compound":
                    yield g.lemma_.lower(), c
        if c.dep_ == "prep":
            for g in children(c):
                if g.dep_ == "pobj":
                    yield g.lemma_.lower(), g


def type_verb(t) -> tuple[str | None, object, float]:
    """(PLOVER type, claimed object noun or None, confidence) for a verb token."""
    lemma = t.lemma_.lower()
    if lemma in L.ORDER_VERBS and any(c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in L.LEAVE_VERBS
                                      for c in children(t)):
        return "SANCTION", None, 0.8  # "ordered the ambassador to leave", "told the troops to withdraw"
    if lemma in INSIST_VERBS and any(
            c.dep_ == "ccomp" and c.lemma_.lower() in DEPART_VERBS and
            all(o.lemma_.lower() == "country" for o in _children(c, "dobj")) and
            not any(p.lower_ in TRAVEL_PREPS for p in _children(c, "prep"))
            for c in children(t)):
        return "SANCTION", None, 0.7  # "demanded that the force leave (the country)": an expulsion
    if lemma in L.GIVING_VERBS and any(o.ent_type_ == "MONEY" for c in _children(t, "dobj") for o in c.subtree):
        return "AID", None, 0.6  # "the United States announced $225 million", "Britain pledged 160 million pounds"
    if lemma in L.COMMIT_VERBS:
        typed = _committed_type(t)
        if typed:
            return typed, None, 0.6
    if lemma == "strike" and (_children(t, "dobj") or any(
            s.lemma_.lower() in L.ARMED_NOUNS for c in _subject(t) for s in c.subtree)):
        return "ASSAULT", None, 0.7  # warplanes struck a camp; workers strike
    if lemma in PHONE_VERBS and _is_phone_call(t):
        return "CONSULT", None, 0.6  # "the emir called Qatar's ruler": a telephone call
    if lemma in FORCES_LEAVING_VERBS and any(
            c.lemma_.lower() in L.ARMED_NOUNS for c in _subject(t)):
        return "RETREAT", None, 0.7  # "French troops left the country": forces leaving withdraw
    for obj, tok in _obj_lemma(t):
        if (lemma, obj) in L.VERB_OBJECT:
            return L.VERB_OBJECT[(lemma, obj)], tok, 0.8
    for c in children(t):
        if c.dep_ == "prep" and children(c) and all(g.ent_type_ in ("DATE", "TIME") for g in children(c)):
            continue  # "called ... on Tuesday" is not "called on"
        if c.dep_ == "prep" and _children(t, "oprd"):
            continue  # "called the veto a sad day for the people" is not "called for"
        if c.dep_ in ("prt", "prep") and (lemma, c.lemma_.lower()) in L.PHRASAL:
            return L.PHRASAL[(lemma, c.lemma_.lower())], None, 0.8
        if c.dep_ in ("advcl", "ccomp") and any(m.dep_ == "mark" and (lemma, m.lower_) in L.PHRASAL
                                                 for m in children(c)):
            # "called for Russia to be suspended": the particle parsed as the complement's marker
            m = next(m for m in children(c) if m.dep_ == "mark" and (lemma, m.lower_) in L.PHRASAL)
            return L.PHRASAL[(lemma, m.lower_)], None, 0.8
        if c.dep_ == "dobj" and (lemma, c.lemma_.lower()) in L.PHRASAL:
            return L.PHRASAL[(lemma, c.lemma_.lower())], c, 0.8
    if lemma in L.LIGHT_VERBS:
        for c in _children(t, "dobj"):
            if c.lemma_.lower() in L.NOUNS:
                return L.NOUNS[c.lemma_.lower()], c, 0.7
        if lemma in DEADLINE_VERBS and _deadline_days(t):
            return "SANCTION", None, 0.8
        return None, None, 0.0
    if lemma == "welcome":
        # welcoming a guest hosts a visit; welcoming a decision or a deal endorses it
        objs = _children(t, "dobj") + _children(t, "nsubjpass")
        if objs and not any(o.pos_ in ("PROPN", "PRON") or o.lemma_.lower() in GUEST_NOUNS for o in objs):
            return "SUPPORT", None, 0.6
    if lemma in L.VERBS:
        return L.VERBS[lemma], None, 0.5 if lemma in L.WEAK else 0.7
    return None, None, 0.0


CALLEE_NOUNS = _words("CALLEE_NOUNS")


def _is_phone_call(t) -> bool:
    """"X called Y" with a person or leader as the bare object, nothing said about Y ("called Y a liar", "called
    on Y", "called for", "called elections" are other senses)."""
    objs = _children(t, "dobj")
    if not objs:  # "called Georgia's leader", which the parser may read as a naming with no object
        objs = [c for c in _children(t, "oprd") if c.lemma_.lower() in CALLEE_NOUNS and _children(c, "poss")]
    elif _children(t, "oprd"):
        return False
    if any(c.dep_ in ("xcomp", "ccomp", "prt") for c in children(t)):
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("for", "on", "off") and
           not all(g.ent_type_ in ("DATE", "TIME") for g in children(c)) for c in children(t)):
        return False
    return bool(objs) and all((o.ent_type_ == "PERSON" or o.lemma_.lower() in CALLEE_NOUNS) and
                              not any(c.dep_ in ("oprd", "acl", "relcl") for c in children(o)) for o in objs)


def _committed_type(t) -> str | None:
    """"vowed to retaliate" threatens; "pledged to stand by X" supports; "promised to lend" aids: a commitment
    takes the type of what is committed to (verbal cooperation stays with the commitment verb's own type)."""
    for c in modality.complements(t):
        cl = c.lemma_.lower()
        if cl in L.RETALIATE:
            return "THREATEN"
        inner, _, _ = type_verb(c)
        if inner in ("ASSAULT", "SANCTION", "COERCE", "MOBILIZE"):
            return "THREATEN"
        if inner in ("AID", "SUPPORT", "COOPERATE", "RETREAT", "CONCEDE"):
            return inner
        if any(o.ent_type_ == "MONEY" for o in c.subtree):
            return "AID"  # "pledged to deposit $2 billion"
    if t.lemma_.lower() in PLEDGE_LEMMAS and any(
            o.ent_type_ == "MONEY" and o.head == t or o.head.head == t and o.ent_type_ == "MONEY"
            for o in t.subtree):
        return "AID"  # "promised another $1 billion"
    return None


DEADLINE_NUMBER_WORDS = _values("DEADLINE_NUMBER_WORDS")
DEADLINE_UNIT_DAYS = _values("DEADLINE_UNIT_DAYS")


def _deadline_days(t) -> int | None:
    """"giving X 180 days to withdraw": an ultimatum to leave, with its length in days."""
    for c in _children(t, "dobj", "npadvmod"):  # the parser often takes "gave X two weeks" as an adverbial
        unit = c.lemma_.lower()
        if unit not in DEADLINE_UNIT_DAYS:
            continue
        nums = [n for n in children(c) if n.dep_ == "nummod" and n.like_num]
        leave = [v for v in c.subtree] + list(children(t))
        if nums and any(v.lemma_.lower() in WITHDRAW_VERBS
                        for v in leave):
            word = nums[0].text.lower()
            n = DEADLINE_NUMBER_WORDS.get(word)
            if n is None:
                try:
                    n = int(word.replace(",", ""))
                except ValueError:
                    return None
            return n * DEADLINE_UNIT_DAYS[unit] or None
    return None


def _negated(t) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in L.NEGATIONS) for c in children(t))


def _subject(t):
    subj = _children(t, *SUBJ)
    # "The Red Cross operating in Iraq said": a participle the parser took for the subject, with the noun it
    # describes as its own subject; that noun is who speaks
    subj = [next((c for c in children(s) if c.dep_ == "nsubj" and c.i < s.i), s)
            if s.pos_ == "VERB" and s.tag_ == "VBG" else s for s in subj]
    if subj and all(s.lower_ in ("which", "who", "that") for s in subj) and t.dep_ == "relcl":
        subj = [t.head]  # "Djibouti, which also hosts French troops": the relative pronoun is its antecedent
    if not subj and t.lemma_.lower() in L.REPORTING and t.i > 0:
        # "X is welcome to use the base, Kyrgyzstan's minister said": the parser often hangs the speaker
        # on the quote as an apposition; the noun right before a subjectless "said" is who said it
        prev = t.doc[t.i - 1]
        if prev.pos_ in ("NOUN", "PROPN") and prev.dep_ in ("appos", "conj", "npadvmod", "dobj", "pobj"):
            subj = [prev]
    return _with_conj(subj)


def asserted(t, reading: Reading, verbal: bool, attack: bool = False) -> bool:
    """True unless the clause of ``t`` is negated, modal, future, conditional, a question or an intention;
    ``attack``: an act of material conflict, which an attempt at it performs ("attempted to assassinate")."""
    sent = reading.sents[reading.sent_index(t.i)]  # its text cut from the Doc's (Span.text joins the tokens)
    if doc_text(t.doc)[sent.start_char:sent.end_char].rstrip().rstrip('"\u201d\'').endswith("?"):
        return False
    x = t
    for _ in range(8):
        if _negated(x):
            return False
        auxes = [c.lower_ for c in children(x) if c.dep_ in ("aux", "auxpass")]
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "once") for c in children(x)):
            return False
        if modality.purpose_clause(x):
            return False  # "... so that same-sex marriages are banned": the aim, not what was done
        if any(a in L.MODALS for a in auxes):
            return False  # future, modal: what the modality policy makes of it is the caller's
        if x.dep_ == "xcomp" and any(a == "to" for a in auxes) or (x.dep_ == "xcomp" and x.tag_ == "VBG"):
            gov = x.head
            gl = gov.lemma_.lower()
            if gl in L.PERFORMATIVE_GOVERNORS and verbal and _first_person_subject(gov, reading):
                return not _negated(gov)
            if attack and gl in L.ATTEMPT_GOVERNORS:
                # CAMEO 185 "attempt to assassinate" is an assault: an attack tried is an attack made
                x = gov
                continue
            if gl in L.IRREALIS_GOVERNORS or (gov.pos_ == "ADJ") or gl == "be":
                return False
            if gl in ASPECT_GOVERNORS:
                # aspect, or a vote that is the act: "voted to demand", "moved to expel"
                x = gov
                continue
            return False
        if x.dep_ in ("acl", "relcl") and any(a == "to" for a in auxes):
            return False  # "ways to expand", "a visit to meet": purpose, not done yet
        if x.dep_ == "advcl" and any(a == "to" for a in auxes):
            if x.head.lemma_.lower() in MOTION and x.i > x.head.i:  # "came to Moscow to sign": did so
                x = x.head
                continue
            if x.head.lemma_.lower() in L.PERFORMATIVE_GOVERNORS and verbal or x.lemma_.lower() in L.PERFORMED_BY_DOING:
                x = x.head  # "staged a hunger strike to protest": protested by doing it, if it was done
                continue
            return False
        if x.dep_ == "ccomp" and x.head.lemma_.lower() in L.PERFORMATIVE_GOVERNORS and verbal \
                and _first_person_subject(x.head, reading):
            return not _negated(x.head)  # "Allow me to welcome you", "let me thank ..."
        if x.dep_ == "ccomp" and x.head.lemma_.lower() in frozenset((
                "hope", "expect", "wish", "fear", "doubt", "want", "plan", "intend", "propose", "suggest")) | \
                L.REQUEST_GOVERNORS:  # "demanded that Russia withdraw": asked for, not done
            return False
        if x.dep_ in ("acl", "relcl") and L.NOUNS.get(x.head.lemma_.lower()) == "REQUEST" and _children(x, *SUBJ):
            return False  # "its demand that Georgia withdraw", as "demanded that ...": asked for, not done
        if x.dep_ == "conj" and x.head.pos_ in ("VERB", "AUX"):
            parent = _conj_parent(x)
            if parent == x.head and any(c.dep_ in ("aux",) and c.lower_ in L.MODALS for c in children(x.head)):
                return False
            if parent == x.head and _negated(parent) and not _children(x, "aux"):
                # "does not recognise dual nationality and rejected the demand": a finite conjunct has its own
                # polarity; "did not sign or ratify" shares it
                if x.tag_ in ("VBD", "VBZ") and parent.tag_ in ("VB", "VBP"):
                    if parent.head == parent:
                        return True
                    x = parent.head
                    continue
            x = parent
            continue
        if x.dep_ in ("ccomp", "advcl", "relcl", "acl", "pcomp") or x.head == x:
            # future "be going to", "is to be"
            return not (x.lemma_ == "go" and x.tag_ == "VBG")
        if x.pos_ not in ("VERB", "AUX") or x.dep_ in ("prep", "pobj", "dobj", "nsubj", "nsubjpass", "attr"):
            # a noun trigger: judge the verb it hangs on, and modifiers such as "planned", "no"
            if x.pos_ in ("NOUN", "PROPN") and any(c.lower_ in PROSPECT_WORDS for c in children(x)):
                return False
            if x.pos_ in ("NOUN", "PROPN") and x.dep_ in ("nsubj", "nsubjpass", "dobj") and \
                    x.head.lemma_.lower() in L.IRREALIS_GOVERNORS | PLANNING_GOVERNORS:
                return False
            if x is t and x.pos_ == "NOUN" and x.dep_ == "dobj" and x.head.lemma_.lower() in L.REQUEST_GOVERNORS \
                    and x.head.lemma_.lower() not in COMMAND_VERBS:
                return False  # "demanded an Argentine withdrawal": asked for, not done
            if x is t and x.pos_ in ("NOUN", "PROPN") and x.dep_ in ("nsubj", "nsubjpass") and \
                    x.head.lemma_.lower() in OCCUR_VERBS:
                x = x.head  # "the talks did not take place", "the meeting will begin": judge that verb
                continue
            if x is t and x.pos_ in ("NOUN", "PROPN") and (x.dep_ == "nsubj" or any(
                    c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that"))
                    for c in children(x))):
                # a definite or possessed event noun presupposes the event whatever the verb around it does:
                # "you decided to choose Moscow for your meeting", "today's talks will help ..."
                return True
            x = x.head
            continue
        x = x.head
    return True


def _conj_parent(x):
    """The verb a conjunct is really coordinated with. "said the move did not change the facts and accused
    Moscow": a past "accused" cannot share "did" with bare "change", so it joins the finite verb above."""
    head = x.head
    if x.tag_ == "VBD" and head.tag_ == "VB" and head.dep_ in ("ccomp", "xcomp") and head.head != head:
        return head.head
    if x.tag_ == "VBD" and head.dep_ == "ccomp" and head.head.lemma_.lower() in L.REPORTING and \
            not _children(x, *SUBJ) and head.lemma_ == "be":
        return head.head  # "Rutte said the remarks were unacceptable and demanded an apology"
    if head.dep_ == "ccomp" and head.head.lemma_.lower() in L.REPORTING and _children(head, "auxpass") and \
            _children(x, "aux") and not _children(x, *SUBJ, *PASSIVE_SUBJ, "auxpass"):
        # "the authorities say 200 people were killed, and have even blamed journalists": an active verb with an
        # auxiliary of its own cannot share the reported passive; it continues the reporter's sentence
        return head.head
    if x.tag_ == "VBD" and not _children(x, *SUBJ, "aux") and head.head != head:
        gov = head.head.head if head.dep_ == "pcomp" and head.head.dep_ == "prep" else head.head
        if head.tag_ == "VBG" and head.dep_ in ("pcomp", "advcl") and gov.pos_ in ("VERB", "AUX") \
                and gov.tag_ == "VBD":
            # "accused the government of silencing dissent and called on it to ...": a past verb cannot share
            # the gerund's clause; it joins the finite verb the gerund hangs on
            return gov
        if head.dep_ == "ccomp" and gov.pos_ in ("VERB", "AUX") and gov.tag_ == "VBD" and \
                (x.lemma_.lower() in L.COMMIT_VERBS or PLOVER_QUAD.get(L.VERBS.get(x.lemma_.lower(), ""), 0) == 3) \
                and (gov.lemma_.lower() in L.REPORTING or PLOVER_QUAD.get(L.VERBS.get(gov.lemma_.lower(), ""), 0) == 3):
            # "Pakistan denied that the camp existed and vowed to respond": a second speech act after a reported
            # clause is the speaker's own, not the clause subject's
            return gov
    return head


def _own_clause(x, reading: Reading) -> bool:
    """The reported clause is about the reporter's own side ("May said Britain would expel ..."), not a
    prediction about another ("Putin said Georgia would violate the ceasefire")."""
    said = {a for s in _subject(x.head) for a in reading.keys_in(s)}
    told = {a for s in _subject(x) for a in reading.keys_in(s)}
    return not told or not said or bool(told & said)


def _named_group(t, reading: Reading) -> list[str]:
    """A named organisation the parser finds in the verb's subject (spaCy ORG), for subjects that name no
    state, person or known organisation: an actor the graph keeps as a group of its own."""
    out = []
    subjects = [r for x in _actor_tokens(t) for r in (_reported_antecedent(x) or [x])]
    if subjects and all(x.lower_ in THIRD_PRONOUNS for x in subjects):
        subjects = _earlier_subject(subjects[0], reading)  # "Hamas held a rally. It said ...": the group before
    for s in subjects:
        for ent in reading.sentence_ents(s.i):  # a dependency path stays in its sentence
            if ent.root.dep_ == "appos" and out:
                continue  # "the Ceasefire Violations Committee (CFVC)": the acronym names the same group
            x = ent.root
            while x != s and x.dep_ in ("pobj", "prep", "compound", "poss", "appos", "nmod") and x.head != x:
                x = x.head  # "activists from the Fatah Party": the group named inside the subject's phrase
            if ent.label_ == "ORG" and x == s and len(ent.text) > 2 and \
                    not any(reading.tok_key.get(w.i) for w in ent):  # a known entity (an agreement) is no group
                words = [w.text for w in ent if w.lower_ != "the"]
                out.append(_group_key(words))
        if not out and s.lemma_.lower() in GROUP_HEAD_NOUNS:
            # "the pro-Iranian Hizbollah (Party of God) group": a proper-noun name on a group's head noun
            for c in children(s):
                if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < s.i and not reading.tok_key.get(c.i) \
                        and c.ent_type_ not in ("PERSON", "GPE", "NORP", "DATE"):
                    words = [w.text for w in c.subtree if w.dep_ in ("compound",) or w.i == c.i]
                    out.append(_group_key(words))
    return list(dict.fromkeys(out))


def _group_key(words: list[str]) -> str:
    """The key of a named group: "group:" and its name's words, lower-cased, joined by hyphens."""
    return "group:" + "-".join(w.lower() for w in re.findall(r"[A-Za-z0-9]+", " ".join(words)))


def _earlier_subject(p, reading: Reading) -> list:
    """The nearest noun subject before pronoun ``p`` in its sentence or the one before, for a pronoun that names
    no state: the group that "it" or "they" continues."""
    lo = reading.parsed[p.sent.start - 1].sent.start if p.sent.start > 0 else 0
    for x in reversed(reading.parsed[lo:p.i]):
        if x.dep_ in ("nsubj", "nsubjpass") and x.pos_ in ("NOUN", "PROPN"):
            return [x]
    return []


def _reported_antecedent(s) -> list:
    """"Hamas said it would attack", "the rebels announced they will release": a third-person pronoun subject of
    a reported clause stands for the reporter, the subject of the reporting verb."""
    if s.lower_ not in THIRD_PRONOUNS or s.dep_ not in ("nsubj", "nsubjpass") or s.head.dep_ != "ccomp":
        return []
    gov = s.head.head
    if gov.lemma_.lower() not in L.REPORTING | L.ANNOUNCING:
        return []
    return [x for x in _subject(gov) if x.lower_ not in THIRD_PRONOUNS]


def _dbg(why, t, et):
    import os
    if os.environ.get("KGDEBUG"):
        print("  drop", why, t.text, et)


def _named_subject(t, reading: Reading) -> bool:
    """The verb's subject names an actor itself ("Russia", "Uzbek officials", "we"), not through a phrase inside
    it ("your visit to Russia will take place")."""
    return any(reading.resolve(x) for s in _actor_tokens(t) for x in [s] + [
        c for c in children(s) if c.dep_ in ("compound", "amod", "poss", "nmod", "appos")] + [
        o for p in _children(s, "prep") if p.lower_ == "of" and s.lemma_.lower() in MEMBER_NOUNS
        for o in _children(p, "pobj")])  # "members of the Association of African Jurists": they act for it


def _first_person_subject(v, reading: Reading) -> bool:
    subj = _children(v, *SUBJ) + [c for c in children(v) if c.dep_ in ("dobj", "nsubj") and c.lower_ in ("me", "us")]
    return any(s.lower_ in FIRST for s in subj)


def _actor_tokens(t):
    """Subjects of verb ``t``, climbing to the governing verb for infinitives, participles and conjuncts."""
    x = t
    for _ in range(5):
        subj = _subject(x)
        if subj:
            return subj
        agent = [p for c in _children(x, "agent") for p in _children(c, "pobj")]
        if not agent and _children(x, *PASSIVE_SUBJ):
            # "was attacked and occupied by Russia": the passive conjuncts share the by-agent
            agent = [p for c in x.conjuncts if c.tag_ == "VBN" and c.i > x.i and not _children(c, *SUBJ, *PASSIVE_SUBJ)
                     for a in _children(c, "agent") for p in _children(a, "pobj")]
        if agent:
            return _with_conj(agent)
        if x.lower_ in modality.cues()["intention_adjectives"] and _children(x, "nsubjpass"):
            return _with_conj(_children(x, "nsubjpass"))  # "Vietnam is committed to ...": ready, not acted on
        if x.dep_ == "ccomp" and x.head.lemma_.lower() in L.REPORTING:
            break  # "the authorities say 200 people were killed": who reports is not who did it
        if x.dep_ == "advcl" and x.tag_ == "VBG" and x.i > 0 and x.doc[x.i - 1].lower_ == ",":
            # "Mali ordered France to withdraw its troops, accusing Paris ...": a participle after a comma
            # belongs to the main clause, whose subject acts, not to the embedded infinitive's object
            h = x.head
            while h.dep_ in ("xcomp", "ccomp", "conj") and h.head.pos_ in ("VERB", "AUX") and \
                    h.head.lemma_.lower() not in L.REPORTING:
                h = h.head
            x = h
            continue
        if x.dep_ == "xcomp" and x.head.pos_ == "ADJ" and x.head.dep_ == "acomp":
            x = x.head.head  # "Syria is willing to withdraw": the infinitive of a predicate adjective
            continue
        if x.dep_ == "conj" and x.head.pos_ in ("VERB", "AUX"):
            passive = _children(_conj_parent(x), *PASSIVE_SUBJ)
            if passive and not (x.tag_ == "VBN" and not _children(x, "aux", "auxpass")):
                # "was indicted by the court and will resign", "was attacked by X and withdrew": coordinated verbs
                # share the subject, and an active one does what the passive subject does, not the by-agent
                # ("was attacked and occupied by X" shares the passive, and its agent)
                return _with_conj(passive)
        if x.dep_ in ("xcomp", "advcl", "conj", "ccomp") and x.head.pos_ in ("VERB", "AUX"):
            if x.dep_ == "xcomp" or x.head.lemma_.lower() in L.PERFORMATIVE_GOVERNORS:
                objs = [o for o in _children(x.head, "dobj")  # "allow me to welcome", "urged Russia to withdraw"
                        if o.lemma_.lower() not in TIME_UNIT_NOUNS and o.ent_type_ not in ("DATE", "TIME")]
                # not "spent an hour discussing": time spent is no one who acts
                if objs:
                    return objs
            x = _conj_parent(x) if x.dep_ == "conj" else x.head
            continue
        if x.dep_ in ("relcl", "acl") and x.head.pos_ in ("NOUN", "PROPN", "PRON"):
            head = x.head
            if x.dep_ == "acl" and head.dep_ in ("dobj", "pobj"):
                gov = _clause_head(head.head if head.dep_ == "pobj" else head)
                return _subject(gov) or [head]
            return [head]
        break
    return []


def _unattributed(t, et: str) -> bool:
    """The clause of verb ``t`` tells an act of a type that may be told by its victim alone and names no doer:
    a passive with no by-agent ("were killed in a bombing"), or an event or device as the causer ("a roadside
    bombing killed", "a mine explosion wounded")."""
    if et not in L.UNATTRIBUTED_TYPES or _children(t, "agent"):
        return False
    subj = _children(t, "nsubj")
    if not subj:
        return bool(_children(t, "nsubjpass"))
    return all(s.lemma_.lower() in L.UNATTRIBUTED_CAUSERS or any(
        c.dep_ == "compound" and c.lemma_.lower() in L.UNATTRIBUTED_CAUSERS for c in children(s)) for s in subj)


def _stateless_person(t, reading: Reading) -> list[str]:
    """A named person who is the verb's subject but whose state the text does not give acts in their own name
    (PLOVER's source actor may be an individual); a person with a known state acts for it (``resolve``)."""
    out: list[str] = []
    for s in _actor_tokens(t):
        k = reading.tok_key.get(s.i)
        if k and reading.ents[k].kind == "Person" and not reading.resolve(s) and k not in out:
            out.append(k)
    return out


def _verb_roles(t, claimed, reading: Reading, et: str | None = None) -> tuple[list[str], list[str], list]:
    actors: list[str] = []
    persons: list[str] = []
    for s in _actor_tokens(t):
        for a in reading.keys_in(s):
            if a not in actors:
                actors.append(a)
        persons += reading.persons_in(s)
    if not actors:
        # "May also froze ...": a name the parser took for something else, just before the verb
        x = t
        while not actors and x is not None:
            for c in x.lefts:
                if c.dep_ in ("aux", "npadvmod", "advmod", "dep") and reading.tok_key.get(c.i):
                    actors += [a for a in reading.resolve(c) if a not in actors]
            prev = x.doc[x.i - 1] if x.i > 0 else None
            if not actors and prev is not None and prev.dep_ in ("pobj", "compound", "npadvmod", "nmod") and \
                    reading.tok_key.get(prev.i) and not _subject(x) and prev.sent == x.sent:
                actors += reading.resolve(prev)  # "In 2012 Argentina accused ...", misread as "in 2012 Argentina"
            first = min([x.i] + [a.i for a in _children(x, "aux") if a.i < x.i])
            prev = x.doc[first - 1] if first > 0 else None
            if not actors and prev is not None and prev.dep_ == "conj" and prev.sent == x.sent and \
                    x.pos_ == "VERB" and not _subject(x) and x.dep_ == "ROOT":
                # "With the signing of a memorandum, the Sudanese government and SPLM/A have agreed": a subject
                # misread as a conjunct of the phrase before it; the coordination right before the verb is its subject
                root = prev
                while root.dep_ == "conj" and root.head.i < root.i and root.head.i > x.sent.start and \
                        not any(w.text == "," for w in x.doc[root.head.i + 1:root.i]):
                    root = root.head
                actors += list(dict.fromkeys(k for c in [root] + list(root.conjuncts) if c.i < x.i
                                             for k in reading.keys_in(c)))
            x = _conj_parent(x) if x.dep_ == "conj" else None
    if not actors and _children(t, "nsubjpass") and not _children(t, "agent"):
        # "Twenty soldiers were killed in a face-off with Chinese troops": the other side of the clash acts
        for p in _children(t, "prep"):
            for o in _children(p, "pobj"):
                name = "-".join(x.lower_ for x in o.subtree if x.dep_ == "compound" and x.head.i == o.i or x.i == o.i)
                if p.lower_ in DURING_PREPS and (o.lemma_.lower() in CLASH_NOUNS or name in CLASH_NOUNS):
                    for q in _children(o, "prep"):
                        if q.lower_ in OPPONENT_PREPS:
                            actors += [k for g in _children(q, "pobj") for k in reading.keys_in(g) if k not in actors]
    target_tokens = _children(t, "dobj", "dative", "nsubjpass", "iobj", "attr")
    target_tokens += [o for d in _children(t, "dative") for o in _dangling_object(d)]  # "granted asylum to [...]"
    if et == "CONSULT" and not target_tokens:
        target_tokens = _children(t, "oprd")  # "called Georgia's leader", parsed as a naming
    if any(o.lower_ in WH_OBJECTS for o in _children(t, "dobj")):
        # "struck what New Delhi called a camp inside Pakistan": the object is named in the clause
        target_tokens += [o for c in _children(t, "ccomp") for o in _children(c, "dobj", "oprd")]
    for p in _children(t, "prep", "prt"):
        if p.lemma_.lower() in TARGET_PREPS or p.lemma_.lower() == "out" or \
                (t.lemma_.lower(), p.lemma_.lower()) in L.PHRASAL and not _children(t, "oprd"):
            # not "called the veto a sad day for the people": a labelling, not "called for"
            target_tokens += _children(p, "pobj") or _dangling_object(p)
            for pp in _children(p, "prep"):  # "out of"
                target_tokens += _children(pp, "pobj")
    if claimed is not None:
        for p in _children(claimed, "prep"):
            if p.lemma_.lower() in NOUN_TARGET_PREPS:
                target_tokens += _children(p, "pobj")
    if not any(reading.keys_in(x) for x in target_tokens) and (t.lemma_.lower() in L.REQUEST_GOVERNORS or L.VERBS.get(t.lemma_.lower()) == "ACCUSE"
                              or t.lemma_.lower() in L.REPORTING and _evaluation(t)[0] or et == "REQUEST"):
        # "complained that Washington had refused ...": who is blamed is the complement's subject too
        # "demanded that NATO halt its expansion", "reiterated its demand that Israel ease ...": who is asked is
        # the complement's subject (of the verb, or of the demand noun it states)
        target_tokens += [x for c in _children(t, "ccomp") for x in _children(c, *SUBJ, *PASSIVE_SUBJ)]
        if claimed is not None and et == "REQUEST":
            target_tokens += [x for c in _children(claimed, "acl", "ccomp") if any(
                m.dep_ == "mark" and m.lower_ == "that" for m in children(c)) for x in _children(c, *SUBJ, *PASSIVE_SUBJ)]
        target_tokens += [x for c in _children(t, "advcl") if any(m.dep_ == "mark" and m.lower_ == "for"
                                                                   for m in children(c))
                          for x in _children(c, *SUBJ, *PASSIVE_SUBJ)]  # "called for Russia to withdraw"
    if not target_tokens:  # "met with and congratulated X": the conjuncts share the object
        for c in t.conjuncts:
            target_tokens += _children(c, "dobj")
    if not target_tokens and t.dep_ == "conj" and t.tag_ == "VBN" and _children(t, "agent") and \
            not _children(t, *SUBJ, *PASSIVE_SUBJ, "aux", "auxpass"):
        target_tokens = _children(t.head, *PASSIVE_SUBJ)  # "was attacked and occupied by X": both befell the subject
    if et in ("MOBILIZE",):  # "moving soldiers from Germany to Romania": where they come from is no target
        target_tokens = [x for x in target_tokens if not (x.head.dep_ == "prep" and x.head.lower_ == "from")]
    targets: list[str] = []
    reading.exclude = set(actors)
    try:
        for tok in _with_conj(target_tokens):
            keys = reading.keys_in(tok)
            if not keys and (tok.dep_ == "dobj" or tok.head.dep_ == "prep"):
                keys = reading.keys_in(tok, deep=True)[:1]  # "criticized the crackdown, where Uzbek troops fired"
            targets += [k for k in keys if k not in targets]
        if not [k for k in targets if k not in actors]:
            # "demanded that Manila remove ...", "urged Russia to withdraw": who is asked is the complement's
            # subject; "pledged to deposit $2 billion in Pakistan's central bank": the complement's recipient
            for c in _children(t, "ccomp", "xcomp"):
                if c.dep_ == "ccomp" and t.lemma_.lower() in L.REQUEST_GOVERNORS:
                    for subj in _children(c, *SUBJ, *PASSIVE_SUBJ):
                        targets += [k for k in reading.keys_in(subj) if k not in targets]
                if c.dep_ == "xcomp":
                    for p in _children(c, "prep", "dative"):
                        toks = _children(p, "pobj") if p.dep_ == "prep" else [p]
                        if p.dep_ == "dative" or p.lemma_.lower() in TARGET_PREPS | COMMITMENT_TARGET_PREPS or \
                                (c.lemma_.lower(), p.lemma_.lower()) in L.PHRASAL:  # "pledged to stand by X"
                            for o in toks:
                                targets += [k for k in reading.keys_in(o) if k not in targets]
                    for o in _children(c, "dobj", "dative"):
                        targets += [k for k in reading.keys_in(o) if k not in targets]
        if not [k for k in targets if k not in actors] and et not in ("ACCUSE", "SUPPORT", "REJECT", "THREATEN"):
            # "Beijing imposed the tariffs in 2020": a definite object names what an earlier mention aimed at
            # (judging an act, "called the veto a sad day", is aimed at who did it: see _respondent)
            for o in _children(t, "dobj"):
                if any(c.lower_ in ANAPHORIC_DETERMINERS for c in children(o)):
                    targets += [k for k in _antecedent_targets(o, reading) if k not in targets and k not in actors]
    finally:
        reading.exclude = set()
    if not actors:
        actors = _named_group(t, reading)  # "the Kurdistan Workers' Party issued ...": a group the gazetteer does not know
    return actors, targets, persons


def _antecedent_targets(o, reading: Reading) -> list[str]:
    lemma = o.lemma_.lower()
    for x in reversed(o.doc[: o.i]):
        if x.lemma_.lower() != lemma or x.pos_ not in ("NOUN", "VERB"):
            continue
        out = []
        if x.pos_ == "VERB":  # "Moscow responded by banning imports of Turkish fruit ... lifted its ban"
            for d in _children(x, "dobj"):
                out += [k for k in reading.keys_in(d) if k not in out]
        holders = [x] + ([x.head] if x.dep_ == "dobj" else [])  # "lift tariffs on X": on may hang on the verb
        for p in [p for h in holders for p in _children(h, "prep")]:
            if p.lower_ in AIMED_PREPS:
                for g in _children(p, "pobj"):
                    out += [k for k in reading.keys_in(g) if k not in out]
        return out
    return []


def _noun_roles(t, reading: Reading) -> tuple[list[str], list[str], list]:
    actors: list[str] = []
    persons: list[str] = []
    targets: list[str] = []
    mods = [c for c in children(t) if c.dep_ in ("poss", "compound", "amod", "nmod")]
    etype = L.NOUNS[t.lemma_.lower()]
    for p in _children(t, "prep"):
        if p.lemma_.lower() == "by" or p.lemma_.lower() == "from" and etype not in FROM_IS_PLACE_TYPES:
            mods += _children(p, "pobj")
        if p.lemma_.lower() == "of" and etype in MOVED_BY_TYPES:
            # the forces' own modifiers ("of Russian troops", "of its soldiers"), not "from X" hung on them
            mods += [c for o in _children(p, "pobj") if o.lemma_.lower() in L.ARMED_NOUNS
                     for c in children(o) if c.dep_ in ("poss", "compound", "amod", "nmod")]
        if p.lemma_.lower() == "between":
            mods += _children(p, "pobj")
    if t.dep_ == "conj" and t.head.i < t.i and reading.tok_key.get(t.head.i):
        actors += reading.resolve(t.head)  # "U.S. and Western criticism", misparsed as "U.S." + "criticism"
    for m in _with_conj(mods):
        for a in reading.keys_in(m):
            if a not in actors:
                actors.append(a)
        persons += reading.persons_in(m)
    for p in _children(t, "prep"):
        if p.lemma_.lower() in NOUN_TARGET_PREPS:
            for o in _with_conj(_children(p, "pobj")):
                if p.lower_ == "with" and len(actors) > 1:
                    # "our talks with the Prime Minister": "our" is the speaker's side, the partner is named
                    partner = [k for k in reading.keys_in(o) if k in actors]
                    if partner and len(partner) < len(actors):
                        actors = [a for a in actors if a not in partner]
                targets += [k for k in reading.keys_in(o) if k not in targets and k not in actors]
    if not actors and PLOVER_QUAD[L.NOUNS[t.lemma_.lower()]] in (1, 2):
        # "During a visit to the region, Rumsfeld said": the noun's actor is the clause's subject (only for
        # meetings and cooperation: "killed protesters during protests" does not make the killers protest)
        x = t
        partner = any(c.dep_ == "prep" and c.lower_ == "with" for c in children(t))
        while x.dep_ == "pobj" and x.head.dep_ == "prep" and (
                x.head.lower_ in OCCASION_PREPS | FRAME_PREPS
                or x.i == t.i and partner and x.head.lower_ in SEQUENCE_PREPS  # "after talks with X"
                or x.head.lower_ == "for" and x.head.head.lemma_.lower() in MOTION):  # "arrived for talks"
            x = x.head.head
            if x.pos_ in ("VERB", "AUX"):
                for s in _subject(x):
                    actors += [a for a in reading.keys_in(s) if a not in actors]
                    persons += reading.persons_in(s)
                break
            if x.lemma_.lower() not in FRAME_NOUNS:  # "as part of a visit": part is only a frame
                break
    if not actors and etype == "PROTEST" and t.dep_ == "pobj" and t.head.lower_ == "for" and \
            t.head.head.lemma_.lower() in MOTION | GATHER_VERBS:
        # "thousands of Nigerians converged for a rally": who comes or gathers for a protest takes part in it
        for s in _subject(t.head.head):
            actors += [a for a in reading.keys_in(s) if a not in actors]
            persons += reading.persons_in(s)
    if not actors:
        # "Italy announced a suspension of air links", "X stepped up its attacks": the act named by the object of
        # a verb of deciding or of doing is the subject's (not of "condemned the attack": see AGENTIVE_VERBS)
        x = t
        while x.dep_ == "conj" and x.head.i < x.i:
            x = x.head
        if x.dep_ == "dobj" and x.head.lemma_.lower() in L.AGENTIVE_VERBS | L.LIGHT_VERBS:
            for s in _subject(x.head):
                actors += [a for a in reading.keys_in(s) if a not in actors]
                persons += reading.persons_in(s)
    if not actors and t.lemma_.lower() in MEETING_NOUNS:
        # "Putin says today's talks will help ...": who reports on a meeting took part in it
        x = _clause_head(t)
        while x.head != x and x.dep_ not in ("ccomp", "parataxis"):
            x = x.head
        if x.dep_ in ("ccomp", "parataxis") and x.head.lemma_.lower() in L.REPORTING:
            for s in _subject(x.head):
                actors += [a for a in reading.keys_in(s) if a not in actors]
                persons += reading.persons_in(s)
    return actors, targets, persons


def _base_parties(t, claimed, actors: list[str], reading: Reading) -> list[str]:
    """The users and host of a military base that is the verb's object (not the actors themselves)."""
    objs = [claimed] if claimed is not None else _children(t, "dobj", "nsubjpass")
    for o in objs:
        head = [o] + [c for c in children(o) if c.dep_ in ("compound", "amod", "nmod", "prep")]
        base = reading.kind_in([x for h in head for x in ([h] if h.i == o.i else h.subtree)], "MilitaryBase")
        if base:
            e = reading.ents[base]
            parties = list(e.attrs.get("users") or []) + ([e.attrs["host"]] if e.attrs.get("host") else [])
            return [k for k in dict.fromkeys(parties) if k not in actors]
    return []


def _lifecycle(t, etype: str, claimed, reading: Reading) -> tuple[str | None, str | None, str | None]:
    """(lifecycle, agreement key, base key) for agreements and bases named in the trigger's clause."""
    scope = list(t.subtree)
    words = {x.lemma_.lower() for x in scope}
    agreement = reading.kind_in(scope, "Agreement")
    base = reading.kind_in(scope, "MilitaryBase") or reading.kind_in(t.sent, "MilitaryBase")
    lemma = t.lemma_.lower()
    life = None
    if etype == "SUPPORT":
        if lemma in RATIFY_WORDS or words & RATIFY_NOUNS:
            life = "ratification"
        elif lemma in SIGN_WORDS:
            life = "signing"
        elif IN_FORCE_NOUNS & words and lemma in IN_FORCE_VERBS:
            life = "entry-into-force"
    elif etype == "COOPERATE" and base and lemma in BASE_OPEN_VERBS:
        life = "opening"
    elif etype == "SANCTION" and base:
        life = "closure" if lemma in BASE_CLOSE_VERBS else "eviction"
    elif etype == "RETREAT" and base:
        life = "handover" if lemma in HAND_OVER_VERBS else "withdrawal"
    if etype != "SUPPORT":
        agreement = agreement if life else None
    return life, agreement, (base if life and etype != "SUPPORT" else None)


def reading_of(doc: Document, parsed, entities: list[Entity]) -> Reading:
    """The :class:`Reading` of one document, made once for the event and the alignment readers and kept on the
    spaCy Doc (as the pipeline's results are), for the same Document and entity list; its per-clause state is
    reset for each reader."""
    d, e, reading = parsed.user_data.get("geokg_reading", (None, None, None))
    if d is not doc or e is not entities:
        reading = Reading(doc, parsed, entities)
        parsed.user_data["geokg_reading"] = (doc, entities, reading)
    reading.exclude, reading.coercer = set(), None
    return reading


def find_events(doc: Document, parsed, entities: list[Entity]) -> tuple[list[Event], list[tuple[str, str]]]:
    """Events asserted in ``doc`` and (earlier id, later id) pairs the text orders."""
    reading = reading_of(doc, parsed, entities)
    cands = []  # (trigger token, type, confidence, claimed noun)
    claimed_nouns: set[int] = set()
    # a pattern's "+"/"$" slot holds an actor: a phrase head the reader resolves
    codings, governed = code_doc(VerbCoder.default(), parsed, is_actor=lambda x: bool(reading.resolve(x)))
    from_coder: set[int] = set()  # triggers the dictionary typed
    for t in tokens(parsed):
        if t.i in governed:
            continue  # "agreed to share", "urged X to withdraw": one act, the governing verb's
        et, claimed, conf = None, None, 0.0
        if t.pos_ in ("VERB", "AUX") or (t.pos_ == "NOUN" and t.tag_.startswith("VB")):
            et, claimed, conf = type_verb(t)
            if et is None and t.lemma_.lower() in L.REPORTING:
                et, conf = _denial(t)
            if et is None and t.lemma_.lower() in L.REPORTING | L.LABELLING:
                et, conf = _evaluation(t)
        c = codings.get(t.i)
        if et is None and c is not None and t.lemma_.lower() in L.COMMIT_VERBS and modality.complements(t):
            c = None  # "have sworn to fight": a commitment is the act committed to, as modality recasts it
        if et is None and c is not None and (c.specificity > 0 or _named_subject(t, reading) and
                                             t.lemma_.lower() not in L.KNOWN_VERBS):
            # the CAMEO dictionary reads what the PLOVER 2021 trigger lexicon does not; a block's default code
            # stands only where the verb's own subject names who acts (as PETRARCH wants a source actor)
            et, claimed, conf = c.plover, c.claimed, 0.7
            from_coder.add(t.i)
        if et is None and t.pos_ == "VERB" and t.lemma_.lower() not in L.STATIVE_VERBS and \
                modality.clause_modality(t) == "obligation" and any(reading.keys_in(s) for s in _subject(t)):
            # "the forum concluded that the US must allocate more resources": what a speaker says another must do
            # is a demand of it whatever the act (PLOVER 2021 REQUEST: all requests, demands and orders)
            et, conf = "REQUEST", 0.5
        if et:
            cands.append((t, et, conf, claimed))
            if claimed is not None:
                claimed_nouns.add(claimed.i)
    for t in tokens(parsed):
        if t.pos_ in ("NOUN", "PROPN") and t.i not in claimed_nouns and t.lemma_.lower() in L.NOUNS \
                and not reading.tok_key.get(t.i) and _has_partner(t):
            cands.append((t, L.NOUNS[t.lemma_.lower()], 0.5 if t.lemma_.lower() in L.WEAK else 0.6, None))
    # "vowed to attack", "agreed to share": a governing act and its complement are one act, the governor's
    heads = {t.i for t, et, _, _ in cands if et in GOVERNING}
    cands = [c for c in cands if not (c[0].dep_ in ("xcomp", "ccomp") and c[0].head.i in heads)]
    cands.sort(key=lambda c: c[0].i)
    verb_types = {t.i: et for t, et, _, _ in cands if t.pos_ in ("VERB", "AUX")}

    # who the story says uses force: the authority behind arrests and trials it gives no agent for
    coercers: Counter = Counter()
    for t, et, _, claimed in cands:
        if et in ("COERCE", "ASSAULT") and t.pos_ in ("VERB", "AUX"):
            coercers.update(a for a in _verb_roles(t, claimed, reading, et)[0] if reading.is_state(a))
    reading.coercer = coercers.most_common(1)[0][0] if coercers else None

    events: list[Event] = []
    trig: dict[str, object] = {}
    by_trigger: dict[int, Event] = {}
    for t, et, conf, claimed in cands:
        is_verb = t.pos_ in ("VERB", "AUX")
        verbal = PLOVER_QUAD[et] in (1, 3)  # verbal cooperation / verbal conflict
        if not is_verb and _inside_verb_event(t, et, verb_types) and not _own_actor_modifier(t, reading):
            continue  # "signed the law on the ratification": one act, read from the verb
        if not is_verb and t.dep_ == "dobj" and verb_types.get(t.head.i) in L.ANSWERING_ACTS:
            continue  # "rejected an Australian ultimatum", "rejected a UN appeal": the act answered, told before
        if is_verb and t.dep_ == "advcl" and t.tag_ == "VBG" and verb_types.get(t.head.i) == et:
            continue  # "opened fire on protesters, killing 18": the participle tells the same act
        role = "same"
        if is_verb and t.lemma_.lower() in modality.cues()["intention_governors"] and _said_of_a_text(_subject(t)):
            continue  # "a resolution that aims to ...": a text's aim is what it provides for, no one's intent
        if not asserted(t, reading, verbal, attack=PLOVER_QUAD[et] == 4):
            recast = modality.recast(t, et) if is_verb else None
            if recast and _said_of_a_text(_actor_tokens(t)):
                recast = None  # "a resolution that aims to impose a blockade": what a text provides for
            if recast and recast[1] == "same" and modality.reporting_head(t) is not None and \
                    not _own_clause(t, reading):
                recast = None  # "Putin said Georgia would violate the ceasefire": a prediction, not Georgia's word
            if recast is None:
                _dbg("not asserted", t, et)
                _fold_aim(t, et, claimed, by_trigger, reading)
                continue
            et, role = recast  # "will visit" is AGREE, "vowed to fight" THREATEN, "said X must" REQUEST
        if is_verb and role == "speaker":
            speaker = modality.reporting_head(t)
            actors, _, persons = _verb_roles(speaker, None, reading, et)
            targets = [k for k in _verb_roles(t, claimed, reading, et)[0] if k not in actors]
        elif is_verb:
            actors, targets, persons = _verb_roles(t, claimed, reading, et)
            if not actors and claimed is not None and claimed.dep_ == "nsubjpass" and claimed.lemma_.lower() in L.NOUNS:
                # "Our talks with Prime Minister X were held ...": a passive act with no agent is the noun's
                actors, more, persons = _noun_roles(claimed, reading)
                targets = [k for k in dict.fromkeys(targets + more) if k not in actors]
        else:
            actors, targets, persons = _noun_roles(t, reading)
        slots = codings[t.i] if t.i in from_coder else None  # an act intended ("will head for") has the same target
        if slots is not None and slots.source is not None and not actors:
            actors = reading.keys_in(slots.source)  # "- * (TO {BANNED PARTIES}) $": the source the pattern places
        if slots is not None and slots.target is not None:
            # "repeated its demand that +", "head (FOR) Georgia": the target the pattern places
            placed = [k for k in reading.keys_in(slots.target) if k not in actors]
            if not placed and not targets:
                # "dispatched inspectors (TO) the facilities in central Iran": the place the act goes to
                reading.exclude = set(actors)
                placed = [k for k in _place_states(slots.target, reading) + _capital_state(slots.target, reading)
                          if reading.is_state(k)]
                reading.exclude = set()
            targets = placed or targets
        if t.i in from_coder and codings[t.i].reverse and codings[t.i].plover == et:
            actors, targets = targets, actors  # "faced criticism from X": the code is the other side's act
        targets = [k for k in targets if k not in actors] or ([] if actors else targets)
        if not actors and et == "SUPPORT" and is_verb:
            # "the treaty entered into force": the parties act, when the entity reader knows them
            agreement = reading.kind_in([x for s in _subject(t) for x in s.subtree], "Agreement")
            if agreement:
                actors = list(reading.ents[agreement].attrs.get("parties") or [])
        if not actors and is_verb and et == "COERCE":
            actors = _authority(t, reading)  # "the defendants were sentenced", "police detained dozens"
            targets = [k for k in targets if k not in actors] or _same_victim(t, actors, events, trig)
        if not actors and is_verb:
            actors = _stateless_person(t, reading)  # "President Dos Santos conceded ...": no state given for him
        if not actors and not (is_verb and targets and _unattributed(t, et)):
            _dbg("no actors", t, et)
            continue
        coded = codings.get(t.i) if is_verb else None
        mode = _lexicon_mode(t, claimed, et) or (coded.mode if coded is not None and coded.plover == et else "")
        if not targets and is_verb and (et in L.PLACE_TARGET_TYPES or f"{et}:{mode}" in L.PLACE_TARGET_TYPES):
            # "struck a camp inside Pakistan", "shelled towns in Armenia": where the blow lands; "eased emergency
            # measures in Montenegro", "lifted the curfew in X": where a restriction is imposed or eased
            reading.exclude = set(actors)
            targets += [k for k in dict.fromkeys(_states_after_place_preps([t] + _children(t, "ccomp"), reading))
                        if k not in actors]
            if not targets:
                # "attacked the Georgian town of Gori", "retook a village in Western Cambodia", "bombed targets in
                # Tbilisi": a place acted on stands for the state it lies in
                for o in _place_objects(t):
                    targets += [k for k in _place_states(o, reading) if k not in actors and k not in targets]
                targets += [k for k in dict.fromkeys(_states_after_place_preps(_children(t, "dobj"), reading))
                            if k not in actors and k not in targets]
            if et == "MOBILIZE" and not targets:
                # "mobilized reservists for a possible war against Iraq": forces readied for a fight with X
                targets += [k for p in _children(t, "prep") if p.lower_ == "for" for o in _children(p, "pobj")
                            for q in _children(o, "prep") if q.lower_ in OPPONENT_PREPS for g in _children(q, "pobj")
                            for k in reading.keys_in(g) if k not in actors and k not in targets]
            reading.exclude = set()
        if is_verb and et in ("SANCTION", "RETREAT", "COOPERATE", "REQUEST", "THREATEN"):
            # "Kyrgyzstan will close the U.S. air base at Manas": a base acted on stands for the other states
            # that use or host it
            parties = _base_parties(t, claimed, actors, reading)
            if parties:
                targets = parties
        if not targets and is_verb and t.dep_ == "conj" and t.head.i in by_trigger and \
                by_trigger[t.head.i].type == et:
            # "Saudi Arabia pledged $2 billion to Pakistan, and the UAE promised another $1 billion"
            targets = [k for k in by_trigger[t.head.i].targets if k not in actors]
        if not targets and is_verb and t.dep_ == "conj" and et in VERBAL_CONFLICT:
            # "Rutte said the remarks were unacceptable and demanded an apology": a second complaint in the
            # same breath is aimed where the first was
            first = by_trigger.get(_conj_parent(t).i)
            if first is not None and first.type in VERBAL_CONFLICT and set(first.actors) == set(actors):
                targets = [k for k in first.targets if k not in actors]
        if not targets and is_verb and et == "THREATEN":
            targets = _condition_subject(t, actors, reading)  # "threatened to stop talks if the United States ..."
        if not targets and is_verb and et in RESPONSE_TYPES and (
                _responds(t, claimed, et) or et in ("ACCUSE", "REJECT", "THREATEN")):
            # "France rejected the demand", "Russia denied any involvement", "condemned the incident": the
            # reaction is aimed at whoever did the act it answers
            targets = _respondent(t, actors, events, trig, reading)
        if not targets and not is_verb and et in ("ACCUSE", "REQUEST", "THREATEN", "SANCTION"):
            targets = _pressed_subject(t, actors, reading)  # "Facing Western criticism, Uzbekistan ..."
        if et == "CONSULT" and not targets and (any(reading.is_state(a) for a in actors) or
                                                t.lemma_.lower() in MOTION | VISIT_NOUNS):
            # "a visit to Ankara by Herzog"; not "NATO ministers, meeting in Brussels": a bloc meets at a venue
            targets = [k for k in _visited_capital(t) if k not in actors]
        if et == "AID" and not targets:
            targets = _aid_recipient(t, actors, reading)  # "Donors pledged $1.35 billion for Yemen. Saudi Arabia ..."
        if et == "PROTEST" and is_verb and _state_subject(t, reading):
            et = "ACCUSE"  # "China protested against the opening of the office": a diplomatic protest
        if et == "CONSULT" and not targets and reading.here and reading.here not in actors and _says_here(t):
            targets = [reading.here]  # "Rumsfeld arrived here": the place the story was filed from
        if trigger_is_denial(t, et, claimed):
            targets = targets or _claimant(t, actors, reading)
        date, rel, dconf = _event_date(t, is_verb, reading)
        life, agreement, base = _lifecycle(t, et, claimed, reading)
        deadline = None
        if life == "eviction":
            days = _deadline_days(t) or next((d for c in children(t) if (d := _deadline_days(c))), None)
            deadline = add_days(date, days) if days else None
        trigger = t.text if claimed is None else f"{t.text} {claimed.text}" if claimed.i > t.i else f"{claimed.text} {t.text}"
        how = codings.get(t.i) if is_verb else None
        how = how if how is not None and how.plover == et else None  # a recast act has no dictionary mode
        ev = Event(
            id=f"e{len(events) + 1}", type=et, mode=_lexicon_mode(t, claimed, et) or (how.mode if how else ""),
            context=how.context if how else "",
            cameo=how.cameo if how else "", rule=how.rule if how else "",
            evidence=evidence(t, doc.text),
            actors=actors, targets=targets, persons=list(dict.fromkeys(persons)),
            date=date, date_relation=rel, trigger=trigger,
            label=_label(t, claimed, actors, targets, et, reading),
            confidence=round(conf * dconf, 2), agreement=agreement, base=base, lifecycle=life,
            deadline=deadline,
        )
        whole = _governing_act(t, ev, by_trigger)
        if whole is not None:
            # "began a hunger strike to protest against X", "blocked roads demanding ...": part of that act
            whole.targets = whole.targets or [k for k in ev.targets if k not in whole.actors]
            continue
        for ev in _split_ratification(ev, reading):
            dup = _duplicate(ev, t, claimed, events, trig)
            if dup is None:
                ev.id = f"e{len(events) + 1}"
                events.append(ev)
                by_trigger.setdefault(t.i, ev)
                trig[ev.id] = (t, claimed)
                continue
            named = t if t.lemma_.lower() in MEETING_NOUNS else claimed
            first = trig[dup.id]
            if ev.type == "CONSULT" and named is not None and named.lemma_.lower() in MEETING_NOUNS and \
                    first[0].pos_ in ("VERB", "AUX") and not (first[1] is not None and
                                                               first[1].lemma_.lower() in MEETING_NOUNS):
                # "the talks", "began meeting" name the meeting better than "I welcome you", "came to Moscow": keep
                # it as the evidence
                ev.id, ev.date = dup.id, ev.date or dup.date
                events[events.index(dup)] = ev
                trig[ev.id] = (t, claimed)
            else:
                if not dup.date and ev.date:  # the first report stands (news tells the main act first)
                    dup.date, dup.date_relation = ev.date, ev.date_relation
                if not dup.targets and ev.targets:
                    # "arrived in Caracas and met Foreign Minister X": the retelling names whom the act was with
                    dup.targets = [k for k in ev.targets if k not in ev.actors]
                    dup.actors = [a for a in dup.actors if a not in dup.targets] or dup.actors
    return events, _order(events, trig)


RESPONSE_TYPES = _words("RESPONSE_TYPES")
VERBAL_CONFLICT = _words("VERBAL_CONFLICT")
ACT_NOUNS = {noun: tuple(types) for noun, types in _values("ACT_NOUNS").items()}
VOTE_LEMMAS = _words("VOTE_LEMMAS")
REACTION_VERBS = _words("REACTION_VERBS")


def _responds(t, claimed, et: str) -> bool:
    """A reaction whose object is an earlier act, not a party: "rejected the demand", "denied interfering"."""
    objs = _children(t, "dobj")
    if any(o.lemma_.lower() in ACT_NOUNS or o.lemma_.lower() in L.NOUNS for o in objs):
        return True
    if et == "AGREE":
        return False
    return t.lemma_.lower() in REACTION_VERBS or (claimed is not None and claimed.lemma_.lower() in ACT_NOUNS)


def _condition_subject(t, actors: list[str], reading: Reading) -> list[str]:
    """Who a threat is aimed at when the threat names no one: the subject of its condition ("threatened to stop
    the talks if the United States goes ahead", "will boycott the vote unless the president resigns"), on the
    threatening verb or on the act threatened (its complement)."""
    marks = modality.cues()["conditional_marks"]
    out: list[str] = []
    for v in [t] + [c for c in children(t) if c.dep_ in ("xcomp", "ccomp")]:
        for cl in _children(v, "advcl"):
            if any(m.dep_ == "mark" and m.lower_ in marks for m in children(cl)):
                out += [k for s in _subject(cl) for k in reading.keys_in(s) if k not in actors and k not in out]
    return out


def _respondent(t, actors: list[str], events: list[Event], trig, reading: Reading) -> list[str]:
    """Who did the act a reaction answers: the latest earlier event (within a few sentences) aimed at the
    reacting party, else the latest one by someone else; an object noun that names a type ("the sanctions")
    picks an act of that type."""
    sents = reading.sents
    idx = reading.sent_index(t.i)
    lo = sents[max(0, idx - 4)].start
    mine = set(actors)
    prior = [e for e in events if lo <= trig[e.id][0].i < t.i and not set(e.actors) & mine]
    if not prior:
        return []
    want: tuple = ()
    for o in _children(t, "dobj"):
        lem = o.lemma_.lower()
        want = ACT_NOUNS.get(lem) or ((L.NOUNS[lem],) if lem in L.NOUNS else ())
    if any(o.lemma_.lower() in BALLOT_NOUNS for o in _children(t, "dobj")):
        for e in reversed(prior):  # "NATO welcomed the vote": the body that voted, ratified or vetoed
            if trig[e.id][0].lemma_.lower() in VOTE_LEMMAS:
                return list(e.actors)
    for e in reversed(prior):
        if want and e.type in want:
            return list(e.actors)
    et = L.VERBS.get(t.lemma_.lower())
    if et == "ACCUSE" or any(c.lemma_.lower() in DISMAY_NOUNS
                             for c in _children(t, "dobj")):
        for e in reversed(prior):  # "voiced concern", "condemned the incident": at the latest hostile act
            if PLOVER_QUAD[e.type] == 4:
                return list(e.actors)
    for e in reversed(prior):
        if set(e.targets) & mine:
            return list(e.actors)
    return list(prior[-1].actors) if len(actors) == 1 else []


def evidence(t, text: str) -> Span:
    """The sentence of ``t``, cut at line breaks (the parser sometimes runs a sentence over a paragraph end)."""
    sent = t.sent
    start = max(sent.start_char, text.rfind("\n", 0, t.idx) + 1)
    nl = text.find("\n", t.idx)
    end = min(sent.end_char, nl if nl >= 0 else len(text))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def _inside_verb_event(t, et: str, verb_types: dict[int, str]) -> bool:
    x = t
    while x.head != x and x.dep_ not in CLAUSE_DEPS:
        x = x.head
        if verb_types.get(x.i) == et:
            return True
    return False


def _has_partner(t) -> bool:
    """Nouns that are a meeting only with someone: "a joint news conference with X", "in contact with X"."""
    if t.lemma_.lower() not in L.NEEDS_PARTNER:
        return True
    return any(c.lower_ in JOINT_WORDS or (c.dep_ == "prep" and c.lower_ == "with")
               for c in children(t))


def _aid_recipient(t, actors: list[str], reading: Reading) -> list[str]:
    """Aid with no recipient in its clause goes where the story's aid goes: the state named after "for"/"to"
    with an aid word in this or the two sentences before."""
    sents = reading.sents
    idx = reading.sent_index(t.i)
    for s in reversed(sents[max(0, idx - 2): idx + 1]):
        for x in s:
            if x.lemma_.lower() not in L.AID_WORDS and x.ent_type_ != "MONEY":
                continue
            for p in [p for h in (x, x.head) for p in _children(h, "prep")]:
                if p.lower_ in RECIPIENT_PREPS:
                    keys = [k for o in _children(p, "pobj") for k in reading.keys_in(o)
                            if k not in actors and reading.is_state(k)]
                    if keys:
                        return keys[:1]
    return []


# who arrests, tries and jails when the story does not say: the state's own organs
AUTHORITY_NOUNS = _words("AUTHORITY_NOUNS")


def _authority(t, reading: Reading) -> list[str]:
    """Arrests, trials and jailings with no named agent ("fifteen defendants were sentenced", "Police detained
    dozens") are the state's: the state named as the place ("in Uzbekistan"), else the one the story shows using
    force elsewhere, else the state the story is about."""
    subj = _children(t, *SUBJ)
    if subj:
        if not all(s.lemma_.lower() in AUTHORITY_NOUNS or any(c.lemma_.lower() in AUTHORITY_NOUNS
                                                              for c in children(s) if c.dep_ == "compound")
                   for s in subj):
            return []
        if any(c.dep_ in ("poss", "amod", "compound", "nmod", "det") and c.lower_ not in ("the", "security")
               for s in subj for c in children(s)):
            return []  # "its police", "local police", "opposition officials": not plainly the state
    elif not _children(t, *PASSIVE_SUBJ) or _children(t, "agent"):
        return []
    for p in _children(t, "prep"):
        if p.lower_ in INSIDE_PREPS:
            keys = [k for o in _children(p, "pobj") for k in reading.keys_in(o) if reading.is_state(k)]
            if keys:
                return keys[:1]
    focus = reading.coercer or reading.focus(t.i)
    return [focus] if focus else []


def _same_victim(t, actors: list[str], events: list[Event], trig) -> list[str]:
    """"A court sentenced French academic Fariba Adelkhah ... Adelkhah was arrested in 2019": a person named again
    is the one an earlier coercion was aimed at, and stands for the same state."""
    names = {x.lower_ for s in _children(t, *PASSIVE_SUBJ, "dobj") for x in s.subtree if x.pos_ == "PROPN"}
    for e in reversed(events):
        if e.type == "COERCE" and names & {x.lower_ for x in trig[e.id][0].sent if x.pos_ == "PROPN"}:
            return [k for k in e.targets if k not in actors]
    return []


PRESSURE_PREPS = _words("PRESSURE_PREPS")


def _pressed_subject(t, actors: list[str], reading: Reading) -> list[str]:
    """"Following U.S. criticism of the crackdown, Uzbekistan expelled ...", "Facing Western criticism, Karimov's
    government turned to Russia": pressure framing a clause falls on that clause's subject."""
    if t.dep_ == "pobj" and t.head.lower_ in PRESSURE_PREPS:
        v = t.head.head
    elif t.dep_ == "dobj" and t.head.lemma_.lower() in UNDERGO_VERBS and \
            t.head.dep_ == "advcl" and t.head.tag_ == "VBG":
        v = t.head.head
    else:
        return []
    if v.pos_ not in ("VERB", "AUX") or v.i < t.i and v.dep_ != "ROOT":
        return []
    keys = [k for s in _subject(v) for k in reading.keys_in(s) if k not in actors and reading.is_state(k)]
    return keys[:1]


def _lexicon_mode(t, claimed, et: str) -> str:
    """The PLOVER 2021 mode the lexicon gives the trigger or the noun it claimed ("imposed a curfew")."""
    for x in (t, claimed):
        if x is not None and (mode := L.MODES.get((et, x.lemma_.lower()))):
            return mode
    return ""


def _state_subject(t, reading: Reading) -> bool:
    """The subject is a state or its government itself ("China", "Beijing", "the government"), not people."""
    for s in _subject(t):
        ent = reading.ents.get(reading.tok_key.get(s.i))
        if ent is not None and ent.kind in ("State", "Organization") and not ent.attrs.get("group"):
            return True  # a body speaks; "Egyptian demonstrators" are people of a country, who take to the streets
        if s.lemma_.lower() in GOV_NOUNS - FORCE_NOUNS:
            return True
    return False


def _visited_capital(t) -> list[str]:
    """The state whose capital a visit or a trip goes to: "a visit to Ankara", "arrived in Algiers"."""
    verb = t if t.pos_ in ("VERB", "AUX") else None
    holders = [t] + ([h for h in [t.head] if h.lemma_.lower() in MOTION] if verb is not None else [])
    if verb is None and t.dep_ == "pobj" and t.head.head.lemma_.lower() in MOTION:
        holders.append(t.head.head)  # "arrived in the capital for talks"
    if verb is None and _clause_head(t).lemma_.lower() in MOTION and _clause_head(t) not in holders:
        holders.append(_clause_head(t))  # "X arrived in the Eritrean capital, the first visit by ..."
    if verb is not None:
        holders += [c for c in t.conjuncts if c.lemma_.lower() in MOTION]
    out = []
    for h in holders:
        places = [(p, o) for p in _children(h, "prep") if p.lower_ in DESTINATION_PREPS for o in _children(p, "pobj")]
        if h.lemma_.lower() in VISIT_VERBS:
            places += [(h, o) for o in _children(h, "dobj")]  # "Trump visited Riyadh"
        for _, o in places:
            if o.lemma_.lower() == "capital":  # "arrived in the Eritrean capital"
                for c in children(o):
                    key = _demonym_state(c.text) if c.dep_ in ("amod", "compound", "poss") else None
                    if key and key not in out:
                        out.append(key)
                continue
            name = " ".join(x.text for x in o.subtree if x.dep_ in ("compound",) or x.i == o.i)
            try:
                from loaders.extract.entities import _capital_state

                key = _capital_state(name)
            except Exception:  # no gazetteer: no capital reading
                key = None
            if key and key not in out:
                out.append(key)
    return out


def _says_here(t) -> bool:
    verb = t if t.pos_ in ("VERB", "AUX") else _clause_head(t)
    return any(c.lower_ == "here" for c in children(verb))


def _own_actor_modifier(t, reading: Reading) -> bool:
    """"Britain's expulsion", "the Russian withdrawal": the noun names its own actor, so its own act."""
    mods = [c for c in children(t) if c.dep_ in ("poss", "amod", "compound", "nmod")]
    mods += [g for c in children(t) if c.dep_ == "prep" and c.lower_ == "by" for g in children(c)]
    return any(reading.keys_in(m) for m in mods)


def trigger_is_denial(t, et: str, claimed) -> bool:
    return et == "REJECT" and claimed is None and t.lemma_.lower() in L.REPORTING


def _claimant(t, actors: list[str], reading: Reading) -> list[str]:
    """Whose claim a denial answers: the last other party reported as saying something, shortly before."""
    sents = reading.sents
    idx = reading.sent_index(t.i)
    for s in reversed(sents[max(0, idx - 3): idx + 1]):
        for v in reversed(list(s)):
            if v.i >= t.i or v.lemma_.lower() not in L.REPORTING or v.pos_ not in ("VERB", "AUX"):
                continue
            keys = [k for subj in _subject(v) for k in reading.keys_in(subj)]
            keys = [k for k in keys if k not in actors]
            if keys:
                return keys[:1]
    return []


def _evaluation(t) -> tuple[str | None, float]:
    """"called the veto a sad day", "said the remarks were unacceptable", "said Russia was culpable": a
    judgement of a party or its act is a criticism (or praise, for words of praise)."""
    words = []
    labels = _children(t, "oprd")
    if t.lemma_.lower() in L.LABELLING:  # "described the incident as a stab in the back"
        labels += [o for p in _children(t, "prep") if p.lower_ == "as" for o in _children(p, "pobj")]
    for c in labels:
        words += [c] + [g for g in children(c) if g.dep_ in ("amod", "compound")]
    if t.lemma_.lower() in L.REPORTING:
        for c in _children(t, "ccomp"):
            if c.lemma_ == "be" and not _negated(c):
                for a in _children(c, "acomp", "attr"):
                    words += [a] + [g for g in children(a) if g.dep_ in ("amod", "advmod")]
    lemmas = {w.lemma_.lower() for w in words} | {w.lower_ for w in words}
    if lemmas & L.BLAME_WORDS:
        return "ACCUSE", 0.6
    if t.lemma_.lower() in L.REPORTING and any(
            not _negated(c) and any(s.lower_ in SUBJECT_PRONOUNS
                                    for s in _children(c, "nsubj", "nsubjpass")) and
            (c.lemma_ == "be" and any(a.lower_ in L.DISPLEASURE for a in _children(c, "acomp")) or
             c.lower_ in L.DISPLEASURE) for c in _children(t, "ccomp")):
        return "ACCUSE", 0.6  # "Australia said it was deeply disappointed": voicing displeasure, as "expressed concern"
    if t.lemma_.lower() in L.REPORTING and any(_wrongdoing(c) for c in _children(t, "ccomp")):
        return "ACCUSE", 0.6  # "said Lithuania had undermined China's sovereignty": charging a party with a wrong
    if lemmas & L.PRAISE_WORDS and not any(s.dep_ == "expl" for c in _children(t, "ccomp") for s in children(c)):
        return "SUPPORT", 0.5  # not "said there had been a successful outcome": no one is praised
    return None, 0.0


def _wrongdoing(c) -> bool:
    """A reported clause charging a named party with a wrong: "Moscow had violated the treaty", "the alliance has
    not fulfilled its obligations"."""
    subj = _children(c, "nsubj")
    if not subj or not any(x.pos_ == "PROPN" or x.ent_type_ in ("GPE", "NORP", "ORG") or
                           x.is_upper and len(x) > 1 or
                           x.lemma_.lower() in GOV_NOUNS | BLOC_NOUNS for s in subj for x in s.subtree):
        return False
    if any(a.lemma_ in MODAL_LEMMAS for a in _children(c, "aux")):
        return False
    lemma = c.lemma_.lower()
    if _negated(c):
        return lemma in L.DUTY_VERBS
    return lemma in L.WRONGDOING


def _denial(t) -> tuple[str | None, float]:
    """"X said this is not the case / not true": the speaker rejects a claim."""
    for c in _children(t, "ccomp"):
        if _negated(c) and c.lemma_ == "be" and any(
                a.dep_ in ("attr", "acomp") and a.lemma_.lower() in TRUE_WORDS
                for a in children(c)):
            return "REJECT", 0.6
        if c.lemma_.lower() in UNTRUE_WORDS:
            return "REJECT", 0.6
    return None, 0.0


def _interval_before_main(verb, reading: Reading) -> str | None:
    """"Georgia broke off ties on Friday, three days after the Kremlin recognised ...": the subordinate act is
    dated by the main clause's date less the interval (or plus it, for "before")."""
    if verb.dep_ != "advcl" or verb.head == verb:
        return None
    marks = [c for c in children(verb) if c.dep_ == "mark" and c.lower_ in ("after", "before")]
    if not marks:
        return None
    spans = [c for c in list(children(verb)) + list(children(marks[0])) if c.dep_ == "npadvmod"
             and c.lemma_.lower() in TIME_UNIT_NOUNS]
    nums = [n for s in spans for n in children(s) if n.dep_ == "nummod"]
    if not spans or not nums:
        return None
    main = verb.head
    main_date, rel, _ = _event_date(main, main.pos_ in ("VERB", "AUX"), reading)
    if not main_date or rel:
        return None
    way = "earlier" if marks[0].lower_ == "after" else "later"
    return shift(f"{nums[0].text} {spans[0].text} {way}", main_date)


def _event_date(t, is_verb: bool, reading: Reading) -> tuple[str | None, str | None, float]:
    """(date, relation, confidence factor): own clause date, else inherited, else tense-based."""
    pub = reading.doc.published
    x = t
    for _ in range(4):
        iso, rel, ent = reading.own_date(x)
        if ent is not None:
            return iso, rel, 1.0
        # share the date of the clause or noun this one hangs on: "a summit ..., at which they signed"
        if x.dep_ in ("relcl", "xcomp", "conj", "acl", "advcl", "dobj", "pobj", "nsubj", "nsubjpass", "prep") \
                and x.head != x:
            if x.dep_ == "advcl" and not any(c.dep_ == "aux" and c.lower_ == "to" for c in children(x)) \
                    and x.tag_ != "VBG":
                break
            x = x.head
            continue
        break
    verb = t if is_verb else _clause_head(t)
    before_main = _interval_before_main(verb, reading)
    if before_main:
        return before_main, None, 0.9
    kids = {c.lower_ for c in children(verb)}
    auxes = [c for c in children(verb) if c.dep_ in ("aux", "auxpass")]
    perfect = any(a.lemma_ == "have" and a.tag_ in ("VBP", "VBZ") for a in auxes)
    modal = any(a.lower_ in FUTURE_AUX for a in auxes)
    if (perfect or modal) and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in L.REPORTING | L.ANNOUNCING \
            and not kids & HABITUAL_ADVERBS:
        # "Armenia has frozen its participation, Pashinyan said on Thursday", "X will close the base, Y said on
        # Tuesday": a decision or a fresh fact announced that day takes the day it was announced
        iso, rel, ent = reading.own_date(verb.head)
        if ent is not None and rel is None:
            return iso, rel, 0.9
    if kids & PAST_ADVERBS and not kids & JUST_ADVERBS:
        return None, "before", 1.0
    if perfect:
        if "just" in kids and pub:
            return pub, None, 0.9  # "have just signed": immediately before the statement
        return None, "before", 1.0
    present = verb.tag_ in ("VBP", "VBZ") or any(a.tag_ in ("VBP", "VBZ") and a.lemma_ == "be" for a in auxes
                                                 if verb.tag_ == "VBG")
    if present and pub:
        return pub, None, 0.8  # present tense: happening as published
    ref = reading.reference_date(t.i)
    if ref:
        return ref, None, 0.7  # narrative time: the last date the story set
    if pub and t.i in reading.addressee and not perfect:
        return pub, None, 0.7  # a speaker at a meeting telling what was just done there ("we signed")
    return None, None, 1.0


def _label(t, claimed, actors, targets, et, reading) -> str:
    def name(k):
        e = reading.ents.get(k)
        return e.label if e else k
    words = t.lemma_ if claimed is None else f"{t.lemma_} {claimed.lemma_}"
    who = " and ".join(name(a) for a in actors[:2])
    tgt = f" {', '.join(name(k) for k in targets[:2])}" if targets else ""
    return f"{who} {words}{tgt}".strip()


def _said_of_a_text(subjects) -> bool:
    """Whether every subject is a text (a resolution, a plan, a bill): what it aims at or would do is what it
    provides for, not an act of anyone."""
    return bool(subjects) and all(s.lemma_.lower() in DOCUMENT_NOUNS for s in subjects)


def _dangling_object(p) -> list:
    """The object of a preposition the parser left without one, when the noun phrase right after it was taken
    for the subject of a clause ("granted asylum to [five officers] holed up in ...")."""
    if p.i + 1 >= len(p.doc) or p.dep_ not in ("prep", "dative") or p.pos_ != "ADP" or _children(p, "pobj"):
        return []
    x = p.doc[p.i + 1]
    while x.dep_ in ("det", "nummod", "amod", "compound", "poss", "quantmod") and x.head.i > x.i:
        x = x.head
    if x.pos_ in ("NOUN", "PROPN") and x.left_edge.i == p.i + 1 and x.dep_ in ("nsubj", "nsubjpass") and \
            x.head.i > x.i and x.sent == p.sent:
        return [x]
    return []


def _named_objects(v) -> set[str]:
    """Lemmas of a verb's nominal direct objects and of the objects of its prepositions (pronouns left out)."""
    objs = _children(v, "dobj") + [o for p in _children(v, "prep") for o in _children(p, "pobj")]
    return {o.lemma_.lower() for o in objs if o.pos_ in ("NOUN", "PROPN")}


def _obj_class(claimed) -> str:
    if claimed is None:
        return ""
    lemma = claimed.lemma_.lower()
    if lemma in LAW_NOUNS:
        return "law"
    if lemma in L.ACCORD_NOUNS:
        return "agreement"
    return lemma


def _split_ratification(ev: Event, reading: Reading) -> list[Event]:
    """A ratification is each state's own act, toward its partner(s) (GOLD.md): "ratified by our parliaments"
    gives one event per ratifying state; a lone ratifier's partner is the treaty's other party."""
    if ev.lifecycle != "ratification" or ev.targets:
        return [ev]
    if len(ev.actors) >= 2:
        return [replace(ev, actors=[a], targets=[b for b in ev.actors if b != a]) for a in ev.actors]
    agreement = reading.ents.get(ev.agreement or "")
    parties = [p for p in (agreement.attrs.get("parties") or [] if agreement else []) if p not in ev.actors]
    return [replace(ev, targets=parties)]


def _fold_aim(t, et: str, claimed, by_trigger: dict[int, Event], reading: Reading) -> None:
    """An aim stated by a clause of purpose under an act ("blocked a road to show their disapproval for the
    United States' policies") is not asserted, but it says whom the act is aimed at: the act takes its target."""
    if t.pos_ not in ("VERB", "AUX") or t.dep_ not in ("advcl", "xcomp"):
        return
    actors, targets, _ = _verb_roles(t, claimed, reading, et)
    if not actors or not targets:
        return
    whole = _governing_act(t, Event(id="", type=et, evidence=None, actors=actors), by_trigger)
    if whole is not None and not whole.targets:
        whole.targets = [k for k in targets if k not in whole.actors]


def _governing_act(t, ev: Event, by_trigger: dict[int, Event]) -> Event | None:
    """The act, read earlier by the same actor, whose clause ``ev``'s trigger is subordinate to (purpose,
    participle, complement, the speech of a participle: "staged rallies, saying he must resign") when ``ev`` is
    the same act told again or one of the acts ``FOLDED_ACTS`` says state what that act is for."""
    x = t
    for _ in range(3):
        if x.dep_ not in CLAUSE_DEPS | {"xcomp"} or x.head is x:
            return None
        x = x.head
        whole = by_trigger.get(x.i)
        if whole is not None and whole is not ev and set(whole.actors) & set(ev.actors) and (
                whole.type == ev.type or ev.type in L.FOLDED_ACTS.get(whole.type, ())):
            return whole
    return None


def _duplicate(ev: Event, t, claimed, events: list[Event], trig) -> Event | None:
    """The same action told twice: same type, shared actors, compatible dates, and the same verb (and object
    class), or a noun naming it ("the talks" after "met"). Meetings of the same parties on the same day are one."""
    verb = t if t.pos_ in ("VERB", "AUX") else _clause_head(t)
    if any(c.lower_ in REPEAT_WORDS for c in list(children(verb)) + list(children(t))):
        return None  # "X also visited": a further act, not a retelling
    for other in events:
        ot, oc = trig[other.id]
        if other.type != ev.type or not set(other.actors) & set(ev.actors):
            continue
        same_day = bool(ev.date and other.date == ev.date and len(ev.date) == 10)
        if ev.type == "CONSULT" and same_day:
            return other
        both_verbs = ot.pos_ in ("VERB", "AUX") and t.pos_ in ("VERB", "AUX")
        if both_verbs and (ot.lemma_.lower() != t.lemma_.lower() or _obj_class(oc) != _obj_class(claimed)):
            continue
        theirs, mine = (_named_objects(ot), _named_objects(t)) if both_verbs else (set(), set())
        if theirs and mine and not theirs & mine:
            continue  # "blamed the uprising on Islamic radicals" ... "blamed foreign journalists": two blames
        # a verb and a noun: the same act only if the noun names it ("ratified" / "the ratification")
        if not both_verbs and ev.type != "CONSULT" and ot.lemma_.lower()[:5] != t.lemma_.lower()[:5]:
            continue
        if other.date and ev.date and not (other.date.startswith(ev.date) or ev.date.startswith(other.date)):
            continue
        return other
    return None


def _order(events: list[Event], trig) -> list[tuple[str, str]]:
    """(earlier, later) from "after/following/since X, Y", "before X, Y" and "X, then Y"."""
    by_tok = {tc[0].i: eid for eid, tc in trig.items()}
    pairs = []
    for eid, (t, _) in trig.items():
        chain = [t] + [a for a in t.ancestors][:3]
        for x in chain:
            for c in children(x):
                rel = ORDER_PREPS.get(c.lower_) if c.dep_ == "prep" else None
                if c.dep_ == "prep" and c.lower_ == "in" and any(
                        g.lemma_.lower() in RESPONSE_NOUNS for g in children(c)):
                    rel = "after"  # "in response to X", "in retaliation for X", "in the wake of X"
                if c.dep_ in ("prep", "advmod") and c.lower_ == "prior":
                    rel = "before"  # "prior to X"
                if not rel:
                    continue
                for y in c.subtree:
                    other = by_tok.get(y.i)
                    if other and other != eid:
                        pair = (other, eid) if rel == "after" else (eid, other)
                        if pair not in pairs:
                            pairs.append(pair)
            for c in children(x):  # advcl introduced by after/before/since
                if c.dep_ == "advcl":
                    mark = next((m.lower_ for m in children(c) if m.dep_ == "mark"), None)
                    rel = ORDER_PREPS.get(mark or "")
                    other = by_tok.get(c.i)
                    if rel and other and other != eid:
                        pair = (other, eid) if rel == "after" else (eid, other)
                        if pair not in pairs:
                            pairs.append(pair)
            if x.dep_ == "conj" and any(c.lower_ == "then" for c in children(x)):
                first = by_tok.get(x.head.i)
                if first and first != eid and (first, eid) not in pairs:
                    pairs.append((first, eid))
            if x is not t:
                break
    return pairs
