"""Entity recognition, linking and within-document coreference: Document + spaCy Doc -> Entities.

States, organisations, people, military bases and agreements, each with all its mentions (character
spans into ``Document.text``), so that event and alignment readers can map any actor phrase to a key:
"Moscow has supported" -> Russia, "Uzbek officials" -> Uzbekistan, "Mr. Karimov" -> Islam Karimov,
"Karimov's government" -> Uzbekistan, "the base" -> the last base named.

>>> from loaders.extract.nlp import nlp
>>> from loaders.model import Document
>>> d = Document(text="Moscow has supported the Uzbek government.", source="t", published="2005-06-01")
>>> sorted((e.key, e.label) for e in find_entities(d, nlp()(d.text)))
[('Q159', 'Russia'), ('Q265', 'Uzbekistan')]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from loaders.extract import lexicon
from loaders.extract.dates import MONTH_ABBREVIATIONS
from loaders.extract.groups import state_agent
from loaders.extract.nlp import children, doc_ents, doc_text, tokens
from loaders.gazetteer import gazetteer, lookup_leader, slug
from loaders.lang import tables
from loaders.model import Document, Entity, Span


# the words live in loaders/lang/en/entities.json (one key per table, each saying what it is for); the regexes
# below are patterns with those words put in
_TABLES = tables.Tables("entities")
_DATA = _TABLES.data
_words, _list, _values = _TABLES.words, _TABLES.ordered, _TABLES.values


# states, people, titles
POLITICAL_NOUNS = set(_DATA["POLITICAL_NOUNS"]["words"])  # "Uzbek officials", "the Russian side"
ACT_NOUNS = frozenset(tables.Tables("events").values("ACT_NOUNS"))  # the event reader's: one table
TITLE_WORDS = set(_DATA["TITLE_WORDS"]["words"])  # "Defense Secretary Donald H. Rumsfeld"
TITLE_LINKS = _words("TITLE_LINKS")  # "Secretary of State"
SINGLE_TITLES = set(_DATA["SINGLE_TITLES"]["words"])  # "President Akayev", "Mr. Karimov"
HONORIFICS = _words("HONORIFICS")  # no office
TITLE_STATE = _values("TITLE_STATE")  # "defense secretary" -> USA; ordered, the first found wins
ROLE_NOUNS = _values("ROLE_NOUNS")  # "premier" -> prime minister
STATE_OFFICES = frozenset(ROLE_NOUNS) | _words("MINISTER_OFFICES")  # written out as "<Office> of <State>"
LEADER_TITLE_WORDS = _list("LEADER_TITLE_WORDS")
PATRONYMIC = re.compile(rf"(?:{tables.alternation(_list('PATRONYMIC_SUFFIXES'))})$")
GOV_PEOPLE = set(_DATA["GOV_PEOPLE"]["words"])  # "officials in Moscow"
PERSON_GOVERNMENT_NOUNS = _words("PERSON_GOVERNMENT_NOUNS")  # "Karimov's government"
PAIR_PEOPLE_NOUNS = _list("PAIR_PEOPLE_NOUNS")  # "the two leaders"
PAIR_STATE_NOUNS = _list("PAIR_STATE_NOUNS")  # "both countries"
PAIR_GROUPS = re.compile(rf"\b(?:{tables.alternation(_list('PAIR_QUANTIFIERS'))}) ({tables.alternation(PAIR_PEOPLE_NOUNS + PAIR_STATE_NOUNS)})\b",
                         re.I)
ARTICLE_NAME_STARTS = re.compile(f"({tables.alternation(_list('ARTICLE_NAME_STARTS'))})")  # "the United States"
ARTICLE_NAME_ENDS = _list("ARTICLE_NAME_ENDS")  # "the Netherlands"
# capitals, demonyms, the West
LOCATIVE = set(_DATA["LOCATIVE"]["words"])  # "in Moscow", "visited Beijing"
GOV_PLACE_PREPOSITIONS = _words("GOV_PLACE_PREPOSITIONS")  # "officials in Moscow"
RELATION_HEADS = set(_DATA["RELATION_HEADS"]["words"])  # "close ties to Moscow"
RELATION_PREPOSITIONS = _words("RELATION_PREPOSITIONS")
CAPITAL_HYPHEN_PLACE = _words("CAPITAL_HYPHEN_PLACE")  # "Moscow-based"
CITY_OF_NOUNS = _words("CITY_OF_NOUNS")  # "the city of Moscow"
# Capitals whose name mostly means something else in news (a person, other cities): not read as governments.
AMBIGUOUS_CAPITALS = set(_DATA["AMBIGUOUS_CAPITALS"]["words"])
# Combining forms used only before a hyphen: "Sino-Russian relations" (general knowledge).
COMBINING = {k: v for k, v in _values("COMBINING").items() if v}
# Demonyms two states share: the one news usually means; others are left unlinked (general knowledge).
SHARED_DEMONYMS = _values("SHARED_DEMONYMS")
HYPHEN_BACKING_WORDS = _words("HYPHEN_BACKING_WORDS")  # "U.S.-led"
PEOPLE_WEAK_BEFORE = _words("PEOPLE_WEAK_BEFORE")  # "ethnic Uzbeks"
DEMONYM_HYPHEN_WEAK = _words("DEMONYM_HYPHEN_WEAK")  # "Russian-speaking"
DEMONYM_WEAK_NEXT = _words("DEMONYM_WEAK_NEXT")  # "Russian speakers"
LANGUAGE_PREPOSITIONS = _words("LANGUAGE_PREPOSITIONS")  # "in Russian"
DEMONYM_PHRASE_STOPS = _words("DEMONYM_PHRASE_STOPS")
WEST_BARE_NAMES = _words("WEST_BARE_NAMES")  # "West Bank"
WEST_BEFORE = _words("WEST_BEFORE")  # "the West"
WESTERN_BLOC_NOUNS = _words("WESTERN_BLOC_NOUNS")  # "western powers"
WESTERN_SPAN_NOUNS = _words("WESTERN_SPAN_NOUNS")  # "Western states"
# headlines
FUNCTION_WORDS = set(_DATA["FUNCTION_WORDS"]["words"])
# organisations
INTL_WORDS = re.compile(rf"\b({tables.alternation(_list('INTL_BODY_WORDS'))})\b")
INTL_SCOPE = re.compile(rf"\b({tables.alternation(_list('INTL_SCOPE_WORDS'))})\b")
NATIONAL_BODY = re.compile(rf"\b({tables.alternation(_list('NATIONAL_BODY_WORDS'))})\b")
ORG_REFS = re.compile(rf"\b(?:{tables.alternation(_list('ORG_REFERENCE_DETERMINERS'))}) ({tables.alternation(_list('ORG_REFERENCE_NOUNS'))})\b",
                      re.I)
ALLIANCES = set(_values("ALLIANCES"))  # NATO, CSTO: what "the alliance" names
# military bases
BASE_HEADS = set(_DATA["BASE_HEADS"]["words"])  # "Manas air base"
AIR_BASE_HEADS = _words("AIR_BASE_HEADS")
BASE_SERVICE_MODIFIERS = _words("BASE_SERVICE_MODIFIERS")  # "air base", "naval facility"
BASE_QUALIFIED_HEADS = _words("BASE_QUALIFIED_HEADS")
BASE_NAME_SKIP = _words("BASE_NAME_SKIP")  # "Manas Air Force Base"
BASE_SERVICE_WORDS = _words("BASE_SERVICE_WORDS")  # "the Russian military base"
ARTICLES = _words("ARTICLES")
BASE_PLACE_PREPOSITIONS = _words("BASE_PLACE_PREPOSITIONS")  # "the airbase at Kant"
SETTLEMENT_NOUNS = _words("SETTLEMENT_NOUNS")  # "the town of Kant"
BASE_DETERMINERS = _words("BASE_DETERMINERS")
BASE_REF_DETERMINERS = _words("BASE_REF_DETERMINERS")  # "the base"
NOT_BASE_NAMES = _words("NOT_BASE_NAMES")  # "the U.S. base"
BASE_CONTEXT = re.compile(rf"\b({tables.alternation(_list('BASE_CONTEXT_WORDS'))})\b", re.I)
BASE_USER_NOUNS = _words("BASE_USER_NOUNS")  # "U.S. troops"
BASE_LOCATION = re.compile(rf"\s+(?:{tables.alternation(_list('BASE_LOCATING_PREPOSITIONS'))})\s+(?:the\s+)?(?:city of\s+)?"
                           r"([A-Z][\w'-]+)")  # "... Air Force Base at Bishkek International Airport"
BASE_HOST = re.compile(rf"\s+(?:{tables.alternation(_list('BASE_HOST_PREPOSITIONS'))})\s+(?:the\s+)?"
                       r"([A-Z][\w'-]+(?: [A-Z][\w'-]+)*)")  # "the base in Uzbekistan"
# agreements
AGREEMENT_HEADS = set(_DATA["AGREEMENT_HEADS"]["words"])
AGREEMENT_REF_HEADS = _words("AGREEMENT_REF_HEADS")  # "the treaty"
AGREEMENT_REF_DETERMINERS = _words("AGREEMENT_REF_DETERMINERS")
WEAK_HEADS = set(_DATA["WEAK_HEADS"]["words"])  # "strategic partnership"
VAGUE = set(_DATA["VAGUE"]["words"])  # "a new agreement"
NO_DETERMINERS = _words("NO_DETERMINERS")  # "no deal"
AGREEMENT_TOPIC_PREPOSITIONS = _words("AGREEMENT_TOPIC_PREPOSITIONS")  # "the treaty on allied relations"
AGREEMENT_LOOSE_TOPIC_PREPOSITIONS = _words("AGREEMENT_LOOSE_TOPIC_PREPOSITIONS")
BASING_AGREEMENT = re.compile(rf"\b({tables.alternation(_list('BASING_AGREEMENT_WORDS'))})\b")  # "basing agreement"
ALLIANCE_AGREEMENT = re.compile(rf"\b({tables.alternation(_list('ALLIANCE_AGREEMENT_WORDS'))})\b")  # "alliance treaty"
BILATERAL = re.compile(rf"\b({tables.alternation(_list('BILATERAL_CUES'))})\b")  # "a bilateral agreement"
# the month abbreviations of dates.json ("Aug.", "Sept."), capitalised as in a dateline
MONTHS = rf"(?:{tables.alternation(m.capitalize() for m in MONTH_ABBREVIATIONS)})[a-z]*\.?"
DATELINE = re.compile(
    rf"^(?:(?:[A-Z][A-Za-z'.-]+ ?){{1,4}}(?:, (?:[A-Z][A-Za-z'.-]+ ?){{1,4}}){{0,2}}"
    rf"(?:,? {MONTHS} \d{{1,2}}(?:, \d{{4}})?)?\s*(?:\([^)\n]{{1,40}}\)\s*)?(?:--|–|—|-)\s(?=[A-Z\"“])"  # "Washington -- ", "BISHKEK (Reuters) - "
    rf"|[A-Z]{{3,}}[A-Z .'-]*(?:, [A-Z][A-Za-z .'-]+)*, {MONTHS} \d{{1,2}}(?:, \d{{4}})?\s"  # "WASHINGTON, Aug. 1, 2005 "
    rf"|{MONTHS} \d{{1,2}}, \d{{4}}(?:, [^\n]{{0,60}})?$"  # "October 23, 2003, Kant, Kyrgyzstan"
    rf"|\d{{1,2}} {MONTHS} \d{{4}}(?:, [^\n]{{0,60}})?$)",
    re.M,
)


@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    key: str
    strong: bool = True
    info: dict = field(default_factory=dict)


# ----------------------------------------------------------------------------------------------- matcher
_MATCHERS: dict[int, tuple] = {}


def _matcher(vocab):
    """PhraseMatcher over every gazetteer surface form (built once per vocab), and each pattern's target."""
    if id(vocab) not in _MATCHERS:
        _MATCHERS[id(vocab)] = _build_matcher(vocab)
    return _MATCHERS[id(vocab)]


def _build_matcher(vocab):
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    from loaders.extract.nlp import nlp

    model = nlp()
    g = gazetteer()
    targets: dict[str, tuple[str, str, str]] = {}  # pattern id -> (what, key, surface)
    surfaces: dict[str, tuple[str, str]] = {}

    def add(surface: str, what: str, key: str):
        if surface and surface not in surfaces:
            surfaces[surface] = (what, key)

    # priority by insertion order: names first, then organisations, metonyms, capitals, adjectives, people
    for q, s in sorted(g.states.items(), key=lambda kv: kv[1]["historical"]):
        for n in [s["name"], *s["aliases"]]:
            add(n, "state", q)
    for key, o in g.orgs.items():
        for n in [o["name"], *o["aliases"], *o["acronyms"]]:
            add(n, "org", key)
    for n in g.data["agencies"]:
        add(n, "agency", n)
    for n, q in g.data["metonyms"].items():
        add(n, "metonym", q)
    for q, s in g.states.items():
        if not s["historical"]:
            for n in s["capitals"]:
                if n not in AMBIGUOUS_CAPITALS:
                    add(n, "capital", q)
    shared = Counter(n for s in g.states.values() if not s["historical"] for n in s["adjectives"] + s["people"])
    for q, s in sorted(g.states.items(), key=lambda kv: kv[1]["historical"]):
        for n in s["adjectives"]:
            if shared[n] < 2 or SHARED_DEMONYMS.get(n) == s["iso3"]:
                add(n, "adjective", q)
        for n in s["people"]:
            if shared[n] < 2 or SHARED_DEMONYMS.get(n) == s["iso3"]:
                add(n, "people", q)
    for n, iso in COMBINING.items():
        q = g.state_key(iso)
        if q:
            add(n, "prefix", q)
    matcher = PhraseMatcher(vocab, attr="ORTH")
    for i, (surface, (what, key)) in enumerate(surfaces.items()):
        pid = f"g{i}"
        targets[pid] = (what, key, surface)
        tokens = model.make_doc(surface)  # the pipeline's tokenizer, the caller's vocab
        matcher.add(pid, [Doc(vocab, words=[t.text for t in tokens], spaces=[bool(t.whitespace_) for t in tokens])])
    return matcher, targets, surfaces


def _gaz_matches(parsed):
    # kept on the Doc: the entity reader and the national-group reader both ask for the same Doc's matches
    if "geokg_gazetteer" not in parsed.user_data:
        parsed.user_data["geokg_gazetteer"] = _read_gaz_matches(parsed)
    return parsed.user_data["geokg_gazetteer"]


def _read_gaz_matches(parsed):
    matcher, targets, _ = _matcher(parsed.vocab)
    found = []
    for mid, s, e in matcher(parsed):
        found.append((s, e, *targets[parsed.vocab.strings[mid]]))
    # longest match wins; ties keep the earlier pattern (names before adjectives)
    found.sort(key=lambda m: (m[0], -(m[1] - m[0])))
    out, taken = [], set()
    national = {}  # token index -> start of a state name/adjective ending there
    for s, e, what, *_ in found:
        if what in ("state", "adjective", "capital", "metonym"):
            national[e - 1] = s
    for m in sorted(found, key=lambda m: -(m[1] - m[0])):
        if m[2] == "org" and _national_body(parsed, m[0], national):
            continue
        if not taken.intersection(range(m[0], m[1])):
            out.append(m)
            taken.update(range(m[0], m[1]))
    out += _misspelt_states(parsed, taken)
    return sorted(out)


def _misspelt_states(parsed, taken: set[int]) -> list[tuple]:
    """Proper nouns no surface form matched that are one slip from exactly one state's name or demonym
    ("Ethopia has agreed", "Quatar's emir"): matched as that state; never inside a person's name."""
    _, _, surfaces = _matcher(parsed.vocab)
    _single_word_states(id(parsed.vocab), surfaces)  # the index :func:`_slips` reads
    out = []
    for t in tokens(parsed):
        if t.pos_ != "PROPN" or t.i in taken:
            continue
        word = t.text
        if len(word) < 6 or not word.istitle() or t.ent_type_ == "PERSON":
            continue
        near = _slips(id(parsed.vocab), word)
        if len({key for _, key, _ in near}) == 1:
            what, key, surface = sorted(near)[0]
            out.append((t.i, t.i + 1, what, key, surface))
    return out


_SINGLE: dict[int, dict[str, list]] = {}


def _single_word_states(vid: int, surfaces: dict) -> dict[str, list]:
    if vid not in _SINGLE:
        index: dict[str, list] = {}
        for surface, (what, key) in surfaces.items():
            if what in ("state", "adjective") and " " not in surface and len(surface) >= 5:
                index.setdefault(surface[0], []).append((surface, (what, key)))
        _SINGLE[vid] = index
    return _SINGLE[vid]


@lru_cache(maxsize=100_000)  # the same names come back in every story: each word is compared once
def _slips(vid: int, word: str) -> frozenset:
    """The (what, key, surface) of the single-word state names one slip from ``word`` (the index of vocab
    ``vid``, :func:`_single_word_states`, is built first by the caller)."""
    return frozenset((what, key, surface) for surface, (what, key) in _SINGLE[vid].get(word[0], [])
                     if _one_slip(word, surface))


def _one_slip(a: str, b: str) -> bool:
    """One letter left out, added, changed or two swapped (not identical), past the first letter."""
    if a == b or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(1, len(long_)))


gazetteer_matches = _gaz_matches  # public name for other readers of the same matches


def _national_body(parsed, s: int, national: dict) -> bool:
    """An international body's name inside a national one's: "the National Security Council", "the Russian
    Security Council", "Armenia's Security Council" are a state's own councils, not the UN's."""
    if s == 0 or parsed[s].text.isupper():  # acronyms ("EU", "NATO") are never part of a longer name
        return False
    prev = parsed[s - 1]
    if prev.text == "National":
        return True
    if prev.tag_ == "POS" and s >= 2:
        prev = parsed[s - 2]
    return prev.i in national


# ----------------------------------------------------------------------------------------------- zones


def _token_from(parsed, start: int):
    """The first token at or after character ``start`` (a scan from the top for each mention made long
    articles quadratic; spaCy finds the token by binary search)."""
    span = parsed.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):  # between tokens
        return next((t for t in tokens(parsed) if t.idx >= start), None)
    tok = span[0]
    if tok.idx >= start:
        return tok
    return parsed[tok.i + 1] if tok.i + 1 < len(parsed) else None


def _skip_zones(text: str) -> list[tuple[int, int]]:
    """Character ranges that are not reporting: headlines, datelines, bylines, link lists."""
    zones = []
    pos = 0
    lines = text.split("\n")
    prev_done = True  # the previous line closed a sentence (or there was none): a headline may start here
    for n, line in enumerate(lines):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            prev_done = True
            continue
        nxt = next((x.strip() for x in lines[n + 1:n + 2]), "")
        words = re.findall(r"[A-Za-z][A-Za-z'.-]*", stripped)
        closed = bool(re.search(r"[.?!:,;\"”]\s*$", stripped))
        # a hard-wrapped sentence continues on the next line (lower-case) or after an unfinished line
        standalone = prev_done and not (nxt[:1].islower())
        prev_done = closed
        if re.match(r"^By [A-Z]", stripped) and len(words) <= 6:
            zones.append((start, end))
            prev_done = True
            continue
        if words and standalone and not closed and ": " not in stripped and len(words) <= 15:
            # title case: the content words are capitalised (function words may not be)
            content = [w for w in words if w.lower() not in FUNCTION_WORDS] or words
            caps = sum(w[0].isupper() for w in content)
            if caps / len(content) >= 0.8 or stripped.isupper():
                zones.append((start, end))
                prev_done = True
                continue
        m = DATELINE.match(line)
        if m:
            zones.append((start, start + m.end()))
    return zones


def _in_zone(zones, start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in zones)


# ----------------------------------------------------------------------------------------------- helpers
def _head_noun(tok):
    """The noun a modifier belongs to: itself if a noun, else the head of a compound/amod chain."""
    t = tok
    for _ in range(4):
        if t.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod") and t.head.i > t.i:
            t = t.head
        else:
            break
    return t


def _following_nouns(parsed, end: int, n: int = 3):
    """Lower-cased words right after a token index (up to n, stopping at punctuation but hyphens)."""
    out = []
    for t in parsed[end:end + n]:
        if t.is_punct and t.text not in ("-",):
            break
        out.append(t.lower_)
    return out


def _is_locative(parsed, s: int, e: int) -> bool:
    tok = parsed[e - 1]
    prev = parsed[s - 1] if s > 0 else None
    while tok.dep_ == "conj" and tok.head.i < tok.i:  # "in Warsaw and Prague"
        tok = tok.head
        prev = parsed[tok.i - 1] if tok.i > 0 else None
    if tok.dep_ == "pobj" and tok.head.lower_ in GOV_PLACE_PREPOSITIONS and tok.head.head.lower_ in GOV_PEOPLE:
        return False  # "officials in Moscow": the government
    if tok.dep_ == "pobj" and tok.head.lower_ in RELATION_PREPOSITIONS and \
            tok.head.head.lemma_.lower() in RELATION_HEADS:
        return False  # "close ties to Moscow", "an overture toward Beijing": the government one relates to
    if prev is not None and prev.lower_ in LOCATIVE:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE:
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "from" and tok.head.head.pos_ in ("VERB", "AUX"):
        return True
    return False


def _titles_before(parsed, i: int) -> list:
    """Title tokens directly before token i ("Uzbek President", "Defense Secretary", "Gen.-Maj.")."""
    out = []
    j = i - 1
    while j >= 0 and (parsed[j].lower_ in TITLE_WORDS or parsed[j].lower_ in TITLE_LINKS or (
            parsed[j].text == "-" and j > 0 and parsed[j - 1].lower_ in TITLE_WORDS)) and len(out) < 6:
        out.insert(0, parsed[j])
        j -= 1
    while out and out[0].lower_ in TITLE_LINKS:
        out.pop(0)
    return out


# ----------------------------------------------------------------------------------------------- main
def find_entities(doc: Document, parsed) -> list[Entity]:
    """Every State, Person, Organization, MilitaryBase and Agreement named in ``doc``, with all mentions."""
    text = doc.text
    g = gazetteer()
    zones = _skip_zones(text)
    cands: list[_Cand] = []
    used_tokens: set[int] = set()  # tokens that already belong to a gazetteer mention

    def zoned(start, end):
        return _in_zone(zones, start, end)

    # 1. gazetteer surface forms -------------------------------------------------------------------
    gm = _gaz_matches(parsed)
    ner_label = {}
    for ent in doc_ents(parsed):
        for t in ent:
            ner_label[t.i] = ent.label_
    for s, e, what, key, surface in gm:
        span = parsed[s:e]
        cs, ce = span.start_char, span.end_char
        if zoned(cs, ce):
            continue
        used_tokens.update(range(s, e))
        if ner_label.get(s) == "PERSON" and what in ("state", "capital") and len(span) == 1 and e < len(parsed) \
                and parsed[e].is_title and ner_label.get(e) == "PERSON":
            continue  # "Jordan Smith", "Chad Brown": a person's name
        if what in ("state", "capital", "metonym") and parsed[s].ent_type_ == "PERSON" and \
                (parsed[s].ent_iob_ == "I" or (e < len(parsed) and parsed[e].ent_iob_ == "I"
                                               and parsed[e].ent_type_ == "PERSON")):
            continue  # inside a person's name: "George Washington", "Paris Hilton"
        if what == "agency":
            continue
        if what == "org":
            if key == "org:the-west" and surface in WEST_BARE_NAMES:
                prev = parsed[s - 1].lower_ if s else ""
                nxt = parsed[e] if e < len(parsed) else None
                if (surface == "West" and prev not in WEST_BEFORE) or (nxt is not None and nxt.is_title):
                    continue  # "West Bank", "West Africa": places
            cands.append(_Cand(cs, ce, "Organization", key))
            continue
        if what == "metonym":
            cands.append(_Cand(cs, ce, "State", key, info={"via": "metonym"}))
            continue
        if what == "state":
            # "U.S." before a noun is an adjective, still a strong reference to the state
            if e < len(parsed) and parsed[e].is_title and not parsed[e].is_sent_start and \
                    parsed[e].pos_ == "PROPN" and what == "state" and parsed[e].i not in used_tokens and \
                    ner_label.get(e) in ("ORG", "FAC") and parsed[e].lower_ not in TITLE_WORDS:
                # "Kyrgyzstan International Airport", "Russia Today": part of a larger name
                continue
            if e < len(parsed) and parsed[e].is_digit and len(parsed[e].text) <= 3 and \
                    parsed[e].idx == parsed[e - 1].idx + len(parsed[e - 1].text) + 1 and \
                    not (e + 1 < len(parsed) and parsed[e + 1].pos_ in ("NOUN", "PROPN", "ADJ", "NUM")):
                continue  # "told France 24", "Rossiya 24": a broadcaster named after the country
            cands.append(_Cand(cs, ce, "State", key))
            continue
        if what == "capital":
            if _is_locative(parsed, s, e):
                continue
            nxt = parsed[e] if e < len(parsed) else None
            if nxt is not None and nxt.text == "," and e + 1 < len(parsed) and \
                    any(m[0] == e + 1 and m[2] == "state" for m in gm):
                continue  # "Bishkek, Kyrgyzstan": a place description
            if nxt is not None and nxt.is_title and nxt.pos_ == "PROPN" and not nxt.is_sent_start:
                continue  # "Moscow State University"
            if nxt is not None and nxt.text == "-" and e + 1 < len(parsed) and \
                    parsed[e + 1].lower_ in CAPITAL_HYPHEN_PLACE:
                continue  # "Moscow-based analysts": a place
            if s > 1 and parsed[s - 1].lower_ == "of" and parsed[s - 2].lower_ in CITY_OF_NOUNS:
                continue
            cands.append(_Cand(cs, ce, "State", key, info={"via": "capital"}))
            continue
        if what == "prefix":
            if e + 1 < len(parsed) and parsed[e].text == "-" and not parsed[e].whitespace_ and \
                    any(m[0] == e + 1 and m[2] in ("adjective", "prefix") for m in gm):
                cands.append(_Cand(cs, ce, "State", key, info={"via": what}))
            continue
        if what in ("adjective", "people"):
            strong = _demonym_strong(parsed, s, e, what, gm)
            if strong is None:
                continue
            phrase_end = ce
            if strong and what == "adjective":
                k = e  # "Uzbek officials", "Tajik Foreign Minister"
                while k < len(parsed) and k - e < 3 and (_political(parsed[k].lower_) or
                                                         parsed[k].lower_ in TITLE_WORDS) and \
                        parsed[k].lower_ not in DEMONYM_PHRASE_STOPS and parsed[k].pos_ in ("NOUN", "PROPN", "ADJ"):
                    k += 1
                if k > e:
                    phrase_end = parsed[k - 1].idx + len(parsed[k - 1].text)
            cands.append(_Cand(cs, phrase_end, "State", key, strong=strong, info={"via": what}))

    # 1b. hyphenated single tokens the tokenizer keeps whole: "U.S.-led", "U.S.-Uzbek" ---------------
    surfaces = _matcher(parsed.vocab)[2]
    for t in tokens(parsed):
        if "-" not in t.text or t.i in used_tokens or zoned(t.idx, t.idx + len(t)):
            continue
        parts, off = [], t.idx
        for piece in t.text.split("-"):
            parts.append((piece, off))
            off += len(piece) + 1
        hits = [(p, o, surfaces[p]) for p, o in parts if surfaces.get(p, ("",))[0] in
                ("state", "adjective", "prefix", "capital")]
        if not hits:
            continue
        pair = len(hits) >= 2
        led = any(p.lower() in HYPHEN_BACKING_WORDS for p, _ in parts)
        for p, o, (what, key) in hits:
            if what == "prefix" and not pair:
                continue
            cands.append(_Cand(o, o + len(p), "State", key, strong=pair or led, info={"via": "hyphen"}))

    # 2. the West as adjective: "Western criticism", "western governments" ---------------------------
    for t in tokens(parsed):
        if t.lower_ == "western" and not zoned(t.idx, t.idx + len(t)):
            nxt = parsed[t.i + 1] if t.i + 1 < len(parsed) else None
            if nxt is None or (nxt.is_title and nxt.pos_ == "PROPN") or nxt.text == "-":
                continue  # "Western Europe", "Western Sahara", "Western-style"
            if t.text == "Western" or nxt.lower_ in POLITICAL_NOUNS | WESTERN_BLOC_NOUNS:
                end = nxt.idx + len(nxt) if nxt.lower_ in POLITICAL_NOUNS | WESTERN_BLOC_NOUNS | WESTERN_SPAN_NOUNS \
                    else t.idx + len(t)
                cands.append(_Cand(t.idx, end, "Organization", "org:the-west"))

    # 3. organisations from NER that look international -----------------------------------------------
    agencies = {a.lower() for a in g.data["agencies"]}
    for ent in doc_ents(parsed):
        if ent.label_ != "ORG" or zoned(ent.start_char, ent.end_char):
            continue
        toks = [t for t in ent if t.lower_ != "the"]
        if not toks or any(t.i in used_tokens for t in toks):
            continue
        name = text[toks[0].idx:toks[-1].idx + len(toks[-1])]
        if name.lower() in agencies or not _looks_international(name):
            continue
        cands.append(_Cand(toks[0].idx, toks[-1].idx + len(toks[-1]), "Organization", "org:" + slug(name),
                           info={"label": name}))

    # 4. people ------------------------------------------------------------------------------------
    persons = _find_persons(doc, parsed, zones, gm, used_tokens, cands)

    # 5. bases, 6. agreements -------------------------------------------------------------------------
    bases = _find_bases(parsed, zones, gm, cands)
    # a name that an apposition calls a base ("Al Udeid, the largest U.S. air base") is not a person
    base_names = {(b["start"], b["end"]) for b in bases if not b.get("ref")}
    for p in persons:
        p.mentions = [m for m in p.mentions if tuple(m) not in base_names]
    persons = [p for p in persons if p.mentions]
    agreements = _find_agreements(parsed, zones, cands)

    return _assemble(doc, parsed, cands, persons, bases, agreements, gm, zones)


def _demonym_strong(parsed, s: int, e: int, what: str, gm) -> bool | None:
    """True: the demonym stands for the state; False: a weak reference; None: not a reference at all."""
    tok = parsed[e - 1]
    prev = parsed[s - 1] if s > 0 else None
    nxt = parsed[e] if e < len(parsed) else None
    if what == "people":
        if prev is not None and prev.lower_ in PEOPLE_WEAK_BEFORE:
            return False
        return True
    if nxt is not None and nxt.text == "-" and e + 1 < len(parsed):
        after = parsed[e + 1]
        if any(m[0] == e + 1 and m[2] in ("adjective", "state") for m in gm):
            return True  # "Russian-Kyrgyz relations"
        if after.lower_ in DEMONYM_HYPHEN_WEAK:
            return False
    if prev is not None and prev.text == "-" and s >= 2 and any(m[1] == s - 1 and m[2] in ("adjective", "state",
                                                                                          "prefix") for m in gm):
        return True
    if nxt is not None and nxt.lower_ in DEMONYM_WEAK_NEXT:
        return False
    if prev is not None and prev.lower_ in LANGUAGE_PREPOSITIONS and (nxt is None or nxt.is_punct):
        return None  # "in Russian": a language
    head = _head_noun(tok)
    words = {head.lower_, *_following_nouns(parsed, e, 3)}
    if any(_political(w) for w in words) or (nxt is not None and nxt.lower_ in TITLE_WORDS):
        return True
    if head is not tok and head.pos_ == "NOUN" and _act_noun(head.lemma_.lower()):
        return True  # "an Australian ultimatum", "the Senegalese peace plan": whose act it is
    if tok.pos_ in ("PROPN", "NOUN") and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "conj"):
        return True  # "the Uzbek", used as a noun
    return False


def _act_noun(lemma: str) -> bool:
    """A noun that names an act someone does: the event lexicon's nominal triggers and the act nouns a reaction
    answers ("the decision", "the plan"), so a demonym before it names who does it."""
    return lemma in lexicon.NOUNS or lemma in ACT_NOUNS


def _political(word: str) -> bool:
    """A noun that makes a demonym stand for its state: the project's list, or an agent noun of the state's armed
    and security sectors in the PETRARCH2 agents dictionary ("French marines", "Egyptian policemen")."""
    return word in POLITICAL_NOUNS or state_agent(word)


def _looks_international(name: str) -> bool:
    """An organisation of states, not a ministry, party, company or militant group."""
    if not INTL_WORDS.search(name) or not INTL_SCOPE.search(name):
        return False
    if NATIONAL_BODY.search(name):
        return False
    return len(name.split()) >= 2


# ----------------------------------------------------------------------------------------------- persons
@dataclass
class _Person:
    key: str
    first: str
    last: str
    label: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    state: str | None = None
    office: str | None = None
    qid: str | None = None
    org: str | None = None
    office_is_vague: bool = False  # "Opposition leader": not an office of the state


def _clean_name(tokens) -> list:
    words = [t for t in tokens if not t.is_punct or t.text in ("-",)]
    while words and (words[0].lower_ in TITLE_WORDS or words[0].lower_ == "the"):
        words = words[1:]
    while words and words[-1].text in ("'s", "’s", "-"):
        words = words[:-1]
    return words


def _name_parts(words: list[str]) -> tuple[str, str]:
    words = [w for w in words if not re.fullmatch(r"[A-Z]\.?", w)]  # middle initials
    if not words:
        return "", ""
    if len(words) >= 3 and PATRONYMIC.search(words[1].lower()):
        words = [words[0], *words[2:]]
    return words[0], words[-1]


def _find_persons(doc, parsed, zones, gm, used_tokens, cands) -> list[_Person]:
    text = doc.text
    state_of_token = {}
    for s, e, what, key, _ in gm:
        if what in ("state", "adjective", "metonym"):
            for i in range(s, e):
                state_of_token[i] = key
    org_of_token = {i: key for s, e, what, key, _ in gm if what == "org" for i in range(s, e)}
    spans = []  # (start_tok, end_tok) of name tokens
    for ent in doc_ents(parsed):
        if ent.label_ != "PERSON" or _in_zone(zones, ent.start_char, ent.end_char):
            continue
        words = _clean_name(list(ent))
        if not words or any(w.i in used_tokens for w in words):
            continue
        s, e = words[0].i, words[-1].i + 1
        while s > 0 and parsed[s - 1].is_title and parsed[s - 1].pos_ == "PROPN" and s - 1 not in used_tokens \
                and parsed[s - 1].lower_ not in TITLE_WORDS and not parsed[s - 1].ent_type_:
            s -= 1  # NER often drops a sentence-initial first name ("Dmitry Anatolyevich Medvedev")
        while e + 1 < len(parsed) and parsed[e].text == "-" and not parsed[e - 1].whitespace_ and \
                not parsed[e].whitespace_ and parsed[e + 1].is_alpha:
            e += 2  # "Moon Jae-in"
        # editorial insertion: "Islam Abduganievich [Karimov]"
        if e + 2 < len(parsed) and parsed[e].text == "[" and parsed[e + 1].is_title and parsed[e + 2].text == "]":
            spans.append((s, e, parsed[e + 1].text))
        else:
            spans.append((s, e, None))
    # names after a title that NER missed: "President Akayev", "Mr. Karimov", "President of Russia Dmitry Medvedev"
    state_end = {s: e for s, e, what, _, _ in gm if what == "state"}
    for t in tokens(parsed):
        if t.lower_ in SINGLE_TITLES and t.i + 1 < len(parsed):
            k = t.i + 1
            if parsed[k].lower_ == "of" and k + 1 in state_end:
                k = state_end[k + 1]
            if k >= len(parsed):
                continue
            nxt = parsed[k]
            if nxt.is_title and nxt.pos_ == "PROPN" and nxt.i not in used_tokens and nxt.lower_ not in TITLE_WORDS \
                    and not any(a <= nxt.i < b for a, b, _ in spans) and not _in_zone(zones, nxt.idx, nxt.idx + 1):
                e = nxt.i + 1
                while e < len(parsed) and e - nxt.i < 5 and e not in used_tokens:
                    tok = parsed[e]
                    if tok.text == "-" and not parsed[e - 1].whitespace_ and not tok.whitespace_ \
                            and e + 1 < len(parsed) and parsed[e + 1].is_alpha:
                        e += 2  # "Kassym-Jomart"
                        continue
                    if not (tok.is_title and tok.pos_ == "PROPN" and tok.lower_ not in TITLE_WORDS):
                        break
                    e += 1
                spans = [x for x in spans if not (x[0] >= nxt.i and x[1] <= e)]  # the longer name wins
                spans.append((nxt.i, e, None))
    spans.sort()

    persons: list[_Person] = []
    by_surname: dict[str, list[_Person]] = defaultdict(list)
    singles = []
    for s, e, extra in spans:
        words = [w.strip(",;:\"“”()") for w in text[parsed[s].idx:parsed[e - 1].idx + len(parsed[e - 1])].split()]
        words = [w if re.fullmatch(r"[A-Z]\.", w) else w.rstrip(".") for w in words]  # keep "H." initials
        words = [re.sub(r"['’]s$", "", w) for w in words if w]
        if extra:
            words.append(extra)
        if len(words) == 1 or (len(words) == 2 and PATRONYMIC.search(words[1].lower())):
            singles.append((s, e, words))
            continue
        first, last = _name_parts(words)
        if not last:
            continue
        key = f"person:{slug(first)}-{slug(last)}"
        p = next((x for x in persons if x.key == key), None)
        if p is None:
            label = f"{first} {last}" if len(words) > 2 and PATRONYMIC.search(words[1].lower()) else \
                " ".join(w for w in words)
            p = _Person(key, first, last, label)
            persons.append(p)
            by_surname[last.lower()].append(p)
        p.mentions.append((_honorific_start(parsed, s), parsed[e - 1].idx + len(parsed[e - 1])))
        _read_title(p, parsed, s, e, state_of_token, org_of_token)

    leaders_at = _leaders_by_surname(date=doc.published)
    doc_states = {key for _, _, what, key, _ in gm if what in ("state", "adjective", "capital", "metonym")}
    for s, e, words in singles:
        w = words[0]
        p = None
        if len(words) == 2:  # "Islam Abduganievich": first name and patronymic
            p = next((x for x in persons if x.first == w), None)
        else:
            cands_ = by_surname.get(w.lower())
            if cands_:
                p = cands_[-1]
            elif parsed[s - 1].lower_ in SINGLE_TITLES if s > 0 else False:
                p = _Person(f"person:{slug(w)}", "", w, w)
            elif w.lower() in leaders_at:
                p = _Person(f"person:{slug(w)}", "", w, w)
            else:
                # a lone capitalised word NER calls a person ("Sochi", "Kant") is too often a place
                continue
            if p is not None and p not in persons:
                # a gazetteer leader gives the full name: "Akayev" -> Askar Akayev
                lead = leaders_at.get(w.lower())
                if lead and " " in lead["name"]:
                    first, last = _name_parts(lead["name"].split())
                    p.key, p.first, p.label = f"person:{slug(first)}-{slug(last)}", first, lead["name"]
                existing = next((x for x in persons if x.key == p.key), None)
                if existing:
                    p = existing
                else:
                    persons.append(p)
                    by_surname[w.lower()].append(p)
        if p is None:
            continue
        p.mentions.append((_honorific_start(parsed, s), parsed[e - 1].idx + len(parsed[e - 1])))
        _read_title(p, parsed, s, e, state_of_token, org_of_token)
    _surname_mentions(parsed, persons, zones, used_tokens, state_of_token, org_of_token)

    # state from the gazetteer's leaders at the document date, then Wikidata id
    for p in persons:
        lead = leaders_at.get(p.last.lower())
        leader_title = any(w in t.lower() for t in p.titles for w in LEADER_TITLE_WORDS)
        # a surname alone identifies a leader only if the text gives no other first name, a leader's title, or
        # names the leader's state while the leader was in office
        d = (doc.published or "")[:10]
        in_office = bool(lead and d and lead["start"] <= d <= (lead["end"] or "9999") and lead["state"] in doc_states)
        if lead and (lead["name"].split()[0] == p.first if " " in lead["name"] else
                     (not p.first or leader_title or in_office)):
            p.state = p.state or lead["state"]
            p.qid = p.qid or _qid_for(lead)
            d = (doc.published or "")[:10]
            if lead.get("office") and d and lead["start"] <= d <= (lead["end"] or "9999"):
                p.office = p.office or lead["office"]

        if not p.qid:
            held = [o for o in gazetteer().data["offices"]
                    if o["name"] == p.label or (p.first and o["name"].split()[0] == p.first
                                                and o["name"].split()[-1] == p.last)]
            if held:
                # one person may hold offices in several states (France's president is also co-prince of
                # Andorra): prefer a state the text names, then an office that is not held ex officio abroad
                o = min(held, key=lambda o: (o["state"] not in doc_states, "co-prince" in o["office"].lower()))
                p.qid = o["qid"]
                p.state = p.state or o["state"]
        if p.office and p.state and p.office.lower() in STATE_OFFICES and not p.office_is_vague:
            # "President" + Russia -> "President of Russia"
            p.office = f"{p.office.title()} of {_with_article(gazetteer().state(p.state)['name'])}"
    return persons


def _surname_mentions(parsed, persons, zones, used_tokens, state_of_token, org_of_token) -> None:
    """A surname alone after the full name ("Foreign Minister Bruno Rodriguez ... Rodriguez met Kerry") names the
    same person even where the NER missed it; not a surname two people of the story share, nor one that begins a
    longer name."""
    full = [p for p in persons if p.first and p.last and p.mentions]
    count = Counter(p.last for p in full)
    by_last = {p.last: p for p in full if count[p.last] == 1}
    if not by_last:
        return
    taken = {(a, b) for p in persons for a, b in p.mentions}
    covered = [range(a, b) for a, b in taken]
    first_at = {p.key: min(a for a, _ in p.mentions) for p in full}
    for t in tokens(parsed):
        p = by_last.get(t.text)
        if p is None or t.pos_ != "PROPN" or t.i in used_tokens or t.idx < first_at[p.key]:
            continue
        if any(t.idx in r for r in covered) or _in_zone(zones, t.idx, t.idx + len(t)):
            continue
        nxt = parsed[t.i + 1] if t.i + 1 < len(parsed) else None
        prev = parsed[t.i - 1] if t.i > 0 else None
        if nxt is not None and nxt.is_title and nxt.pos_ == "PROPN" or \
                prev is not None and prev.is_title and prev.pos_ == "PROPN" and prev.lower_ not in TITLE_WORDS:
            continue  # part of another name
        p.mentions.append((t.idx, t.idx + len(t)))


def _with_article(name: str) -> str:
    """ "United States" -> "the United States", as in "President of the United States"."""
    if ARTICLE_NAME_STARTS.match(name) or name.endswith(ARTICLE_NAME_ENDS):
        return "the " + name
    return name


def _honorific_start(parsed, s: int) -> int:
    """Start of a name's mention including a directly preceding honorific ("Mr. Karimov", "President Akayev")."""
    k = s
    while k > 0 and parsed[k - 1].lower_ in SINGLE_TITLES and s - k < 2:
        k -= 1
    return parsed[k].idx


def _qid_for(lead: dict) -> str | None:
    for o in gazetteer().data["offices"]:
        if o["state"] == lead["state"] and o["name"].split()[-1] == lead["surname"]:
            return o["qid"]
    return None


def _read_title(p: _Person, parsed, s: int, e: int, state_of_token: dict, org_of_token: dict | None = None) -> None:
    """Office and state from the words around a name: "Uzbek President X", "President of Russia X",
    "X, the Russian president", "Foreign Minister X of Kyrgyzstan", "Kyrgyzstan's defense minister, X"."""
    g = gazetteer()
    org_of_token = org_of_token or {}
    titles = _titles_before(parsed, s)
    state = None
    if not titles and s >= 3 and (s - 1) in state_of_token:
        k = s - 1  # "Prime Minister of India Manmohan Singh"
        while k >= 0 and k in state_of_token:
            k -= 1
        if k >= 1 and parsed[k].lower_ == "of":
            titles = _titles_before(parsed, k)
            if titles:
                state = state_of_token[s - 1]
    if titles:
        j = titles[0].i - 1
        if j >= 1 and parsed[j].text in ("'s", "’s"):
            j -= 1  # "Kazakhstan's President X"
        if j >= 0 and j in state_of_token:
            state = state_of_token[j]
        for t in titles:
            if t.i in state_of_token:
                state = state_of_token[t.i]
        title_words = [t.text for t in titles if t.i not in state_of_token]
        title = re.sub(r"\s*-\s*", "-", " ".join(title_words).strip())
        title = re.sub(r"\s+of$", "", title)
        if title and title.lower() not in HONORIFICS:
            p.titles.append(title)
            if not p.office:
                p.office = title
                j = titles[0].i - 1
                # "Opposition leader X": a descriptive word before the title, not a state
                p.office_is_vague = j >= 0 and parsed[j].is_alpha and parsed[j].i not in state_of_token and \
                    parsed[j].pos_ in ("NOUN", "PROPN", "ADJ") and parsed[j].is_title
                if p.office_is_vague:
                    p.office = f"{parsed[j].text} {title}"
        low = " ".join(t.lower_ for t in titles)
        for phrase, iso in TITLE_STATE.items():
            if phrase in low:
                state = state or g.state_key(iso)
    # "State Department spokesman Richard Boucher": a metonym just before the title
    if not state and titles:
        j = titles[0].i - 1
        while j >= 0 and j >= titles[0].i - 3 and parsed[j].is_title:
            if j in state_of_token:
                state = state_of_token[j]
                break
            j -= 1
    # after the name: "X of Kyrgyzstan", "X, the Russian president"
    if not state and e + 1 < len(parsed) and parsed[e].lower_ == "of" and (e + 1) in state_of_token:
        state = state_of_token[e + 1]
    if not state and e + 3 < len(parsed) and parsed[e].text == ",":
        # apposition: "X, the Russian president," / "X, first deputy prime minister in the Russian Government,"
        seen_title = []
        for k in range(e + 1, min(e + 10, len(parsed))):
            if parsed[k].text in (",", ".", ";", ":") or parsed[k].pos_ in ("VERB", "AUX"):
                break  # "X, arrived in Caracas and met the Venezuelan minister": a clause, not an apposition
            if parsed[k].lower_ in TITLE_WORDS:
                seen_title.append(parsed[k].text)
            if k in state_of_token and (seen_title or any(parsed[m].lower_ in TITLE_WORDS
                                                          for m in range(k + 1, min(k + 3, len(parsed))))):
                state = state_of_token[k]
                break
    first = titles[0].i if titles else s  # "Qatar's emir, Sheikh Hamad": before the name's own title
    if not state and first >= 2 and parsed[first - 1].text == ",":
        k = first - 2
        seen_title = []
        while k >= 0 and k >= first - 8 and parsed[k].text not in (",", ".", ";", ":"):
            if parsed[k].lower_ in TITLE_WORDS:
                seen_title.insert(0, parsed[k].text)
            if k in state_of_token and seen_title:
                state = state_of_token[k]
                if not titles:
                    p.office = p.office or " ".join(seen_title)
                break
            k -= 1
    if titles and titles[0].i >= 1:  # "NATO Secretary General X": an official of the organisation
        j = titles[0].i - 1
        if j >= 1 and parsed[j].text in ("'s", "’s"):
            j -= 1
        org = org_of_token.get(j)
        if org:
            p.org = p.org or org
    if state and not p.state:
        p.state = state


@lru_cache(maxsize=64)
def _leaders_at(date: str | None) -> dict:
    """Leaders in office at (or within a year of) ``date``: surname (lower) -> leader record."""
    g = gazetteer()
    out = {}
    if not date:
        # undated text: a surname names a leader only where every leader of that surname led one state
        states: dict[str, set] = {}
        for x in g.data["leaders"] + g.data["spells"]:
            states.setdefault(x["surname"].lower(), set()).add(x["state"])
            out.setdefault(x["surname"].lower(), x)
        return {k: v for k, v in out.items() if len(states[k]) == 1}
    year = int(date[:4])
    lo, hi = f"{year - 1}{date[4:10] or '-01-01'}", f"{year + 1}{date[4:10] or '-12-31'}"
    for x in g.data["leaders"] + g.data["spells"]:
        if x["start"] <= hi and (x["end"] or "9999") >= lo:
            out.setdefault(x["surname"].lower(), x)
    return out


def _leaders_by_surname(date: str | None) -> dict:
    return _leaders_at(date[:10] if date else None)


# ----------------------------------------------------------------------------------------------- bases
def _find_bases(parsed, zones, gm, cands) -> list[dict]:
    """Named military bases: "X air base", "X Air Force Base", "the airbase at X", "X - "K2" - airfield"."""
    text = doc_text(parsed)
    found = []
    state_tok = {}
    for s, e, what, key, _ in gm:
        for i in range(s, e):
            state_tok[i] = (what, key)
    for t in tokens(parsed):
        low = t.lower_
        if low not in BASE_HEADS or _in_zone(zones, t.idx, t.idx + len(t)):
            continue
        i = t.i
        prev = parsed[i - 1] if i else None
        is_air = low in AIR_BASE_HEADS or (prev is not None and prev.lower_ in BASE_SERVICE_MODIFIERS)
        if low == "field" and not (prev is not None and prev.lower_ == "air"):
            continue
        if low in BASE_QUALIFIED_HEADS and not (prev is not None and prev.lower_ in BASE_SERVICE_MODIFIERS):
            continue  # "naval facility at Tartus", not "a power station"
        if low == "airport" and not BASE_CONTEXT.search(t.sent.text):
            continue
        # name before the head: skip "air"/"force"/"naval"/"military" words and one quoted alias
        j = i - 1
        while j >= 0 and parsed[j].lower_ in BASE_NAME_SKIP:
            j -= 1
        aliases = []
        # Karshi-Khanabad - "K2" - airfield
        if j >= 4 and parsed[j].text in ("-", "–", "—") and parsed[j - 1].text in ('"', "”", "'") and \
                parsed[j - 3].text in ('"', "“", "'"):
            aliases.append(parsed[j - 2].text)
            j -= 5 if parsed[j - 4].text in ("-", "–", "—") else 4
        name_toks = []
        while j >= 0 and (parsed[j].is_title or parsed[j].text in ("-",) or (parsed[j].text[:1].isupper() and
                                                                          parsed[j].is_alpha is False)):
            if parsed[j].text == "-" and not (j > 0 and parsed[j - 1].idx + len(parsed[j - 1]) == parsed[j].idx):
                break
            if j in state_tok or parsed[j].is_sent_start and parsed[j].lower_ == "the":
                break
            name_toks.insert(0, parsed[j])
            j -= 1
        while name_toks and name_toks[0].lower_ in ARTICLES:
            name_toks.pop(0)
        users = [state_tok[k][1] for k in range(max(0, j - 2), j + 1) if k in state_tok and
                 state_tok[k][0] in ("adjective", "state")] if j >= 0 else []
        name = None
        if not name_toks and j >= 0 and re.fullmatch(r"\d+(?:st|nd|rd|th)", parsed[j].lower_) and is_air:
            name = text[parsed[j].idx:t.idx + len(t)]  # "Russia's 201st military base"
            name_toks = [parsed[j]]
            users = [state_tok[k][1] for k in range(max(0, j - 3), j) if k in state_tok and
                     state_tok[k][0] in ("adjective", "state")]
        elif name_toks:
            name = text[name_toks[0].idx:name_toks[-1].idx + len(name_toks[-1])]
        else:
            # "the (Russian) airbase (in the city of|at|near) Kant"
            k = i + 1
            if k < len(parsed) and parsed[k].lower_ in BASE_PLACE_PREPOSITIONS and is_air:
                k += 1
                if k + 2 < len(parsed) and parsed[k].lower_ == "the" and parsed[k + 1].lower_ in SETTLEMENT_NOUNS \
                        and parsed[k + 2].lower_ == "of":
                    k += 3
                m = k
                while m < len(parsed) and parsed[m].is_title and parsed[m].pos_ == "PROPN" and m not in state_tok:
                    m += 1
                if m > k:
                    name = text[parsed[k].idx:parsed[m - 1].idx + len(parsed[m - 1])]
                    # the mention runs from "the U.S. air base" to the name
                    b = i - 1
                    while b >= 0 and i - b <= 4 and (parsed[b].lower_ in BASE_SERVICE_WORDS
                                                     or b in state_tok or parsed[b].text == "'s"):
                        b -= 1
                    if b >= 0 and parsed[b].lower_ in BASE_DETERMINERS:
                        b -= 0
                    else:
                        b += 1
                    found.append({"ref": False, "name": name, "aliases": [], "start": parsed[b].idx,
                                  "end": parsed[m - 1].idx + len(parsed[m - 1]), "users": users, "tok": i})
                    continue
        span_start = (name_toks[0].idx if name_toks else t.idx)
        if name is None and is_air and t.dep_ == "appos" and t.head.pos_ == "PROPN" and t.head.i < t.i \
                and t.head.i not in state_tok:
            # "Al Udeid, the largest U.S. air base in the region": the name the apposition describes
            head = t.head
            first = head.i
            while first > 0 and parsed[first - 1].dep_ in ("compound", "flat") and parsed[first - 1].head.i == head.i:
                first -= 1
            app_users = [state_tok[k][1] for k in range(head.i + 1, i) if k in state_tok and
                         state_tok[k][0] in ("adjective", "state")]
            found.append({"ref": False, "name": text[parsed[first].idx:head.idx + len(head)], "aliases": [],
                          "start": parsed[first].idx, "end": head.idx + len(head), "users": app_users,
                          "tok": i})
            continue
        if name is None:
            # "the base", "the airbase": coreference, resolved later
            # walk back over "Russian military", "U.S. air" to the determiner
            k = i - 1
            ref_users = []
            while k >= 0 and i - k <= 4 and (parsed[k].lower_ in BASE_SERVICE_WORDS
                                             or k in state_tok or parsed[k].text in ("'s",)):
                if k in state_tok and state_tok[k][0] in ("adjective", "state"):
                    ref_users.append(state_tok[k][1])
                k -= 1
            if k >= 0 and parsed[k].lower_ in BASE_REF_DETERMINERS and t.tag_ != "NNS":
                found.append({"ref": True, "start": parsed[k].idx, "end": t.idx + len(t), "users": ref_users,
                              "tok": i})
            continue
        if name.lower() in NOT_BASE_NAMES or not (is_air or BASE_CONTEXT.search(t.sent.text) or name_toks and
                                                   low == "base" and any(tt.is_title for tt in name_toks)):
            continue
        if low == "base" and not is_air and not BASE_CONTEXT.search(t.sent.text):
            continue
        found.append({"ref": False, "name": name, "aliases": aliases, "start": span_start, "end": t.idx + len(t),
                      "users": users, "tok": i})
    return found


# ----------------------------------------------------------------------------------------------- agreements
def _find_agreements(parsed, zones, cands) -> list[dict]:
    out = []
    text = doc_text(parsed)
    org_tokens = {t.i for c in cands if c.kind == "Organization" for t in parsed.char_span(c.start, c.end,
                                                                                         alignment_mode="expand")}
    for t in tokens(parsed):
        if t.lower_ not in AGREEMENT_HEADS or t.tag_ in ("NNS", "NNPS") or t.pos_ not in ("NOUN", "PROPN") \
                or t.i in org_tokens or _in_zone(zones, t.idx, t.idx + 1):
            continue
        if t.dep_ in ("compound", "amod") and t.head.lower_ in AGREEMENT_HEADS:
            continue  # "partnership agreement": the head is the agreement
        if any(c.dep_ == "det" and c.lower_ in NO_DETERMINERS for c in t.lefts):
            continue  # "no deal was reached"
        left = [c for c in t.lefts if c.dep_ not in ("det", "poss", "predet", "punct", "cc", "prep")]
        mods = []
        for c in left:
            mods.extend(c.subtree)
        mods = sorted({m.i: m for m in mods}.values(), key=lambda m: m.i)
        rights = []
        for c in t.rights:
            if c.dep_ == "prep" and c.lower_ in AGREEMENT_TOPIC_PREPOSITIONS and \
                    not any(x.ent_type_ in ("DATE", "TIME") for x in children(c)):  # "deal on Saturday": when
                sub = list(c.subtree)
                # trailing location: "... Station-1 in Kyrgyzstan" is where, not what
                cut = next((m for m in sub if m.lower_ == "in" and m.i > c.i and m.head.i != t.i
                            and any(x.ent_type_ == "GPE" for x in m.subtree)), None)
                if cut is not None:
                    sub = [m for m in sub if m.i < cut.i]
                comma = next((m for m in sub if m.text in (",", ";", "(", "—", "–")), None)
                if comma is not None:  # "..., which represents": a clause about it, not its name
                    sub = [m for m in sub if m.i < comma.i]
                rights.extend(sub)
        nxt = parsed[t.i + 1] if t.i + 1 < len(parsed) else None
        if not rights and nxt is not None and nxt.lower_ in AGREEMENT_LOOSE_TOPIC_PREPOSITIONS and \
                nxt.head.i != t.i and not any(x.ent_type_ in ("DATE", "TIME") for x in children(nxt)):
            # the parser hung "on ..." on an earlier noun ("ratification of our treaty on an alliance")
            sub = list(nxt.subtree)
            stop = next((m for m in sub if m.text in (",", ";", "(", "—", "–")), None)
            rights = [m for m in sub if m.i >= nxt.i and (stop is None or m.i < stop.i)]
        content = [m for m in mods if m.lower_ not in VAGUE and not m.is_punct and m.pos_ != "DET"]
        named = t.is_title and not t.is_sent_start and (rights or mods)
        if not content and not rights and not named:
            if t.lower_ in AGREEMENT_REF_HEADS and parsed[t.i - 1].lower_ in AGREEMENT_REF_DETERMINERS:
                out.append({"ref": True, "start": parsed[t.i - 1].idx, "end": t.idx + len(t), "head": t.lower_})
            continue
        if t.lower_ in WEAK_HEADS and not rights and not named:
            continue  # "strategic partnership", "party convention": a relation or an event, not a document
        if t.lower_ == "deal" and not rights and not any(m.pos_ in ("NOUN", "PROPN", "ADJ") for m in content):
            continue
        # the label starts at the first content word (drop "an", "our", "such a", vague words)
        start_tok = next((m for m in mods if m.lower_ not in VAGUE or m.like_num or m.ent_type_ == "DATE"), t) \
            if mods else t
        toks = [m for m in mods if m.i >= start_tok.i] + [t] + rights
        while toks and (toks[0].is_punct or toks[0].pos_ in ("DET", "PRON") or toks[0].lower_ == "such"):
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].pos_ in ("ADP", "CCONJ", "DET")):
            toks.pop()
        if not toks:
            continue
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        label = text[start:end]
        words = label.lower()
        atype = ("basing" if BASING_AGREEMENT.search(words) else
                 "strategic-partnership" if "partnership" in words else
                 "alliance" if ALLIANCE_AGREEMENT.search(words) else
                 "treaty" if "treaty" in words else t.lower_)
        out.append({"ref": False, "label": label, "start": start, "end": end, "type": atype, "tok": t.i,
                    "bilateral": bool(BILATERAL.search(text[start:t.sent.end_char].lower()))})
    return out


# ----------------------------------------------------------------------------------------------- assemble
def _assemble(doc, parsed, cands, persons, bases, agreements, gm, zones) -> list[Entity]:
    g = gazetteer()
    text = doc.text
    ents: dict[str, Entity] = {}
    strong_keys = set()

    def ent_for(key: str, kind: str, label: str, **kw) -> Entity:
        if key not in ents:
            ents[key] = Entity(key=key, kind=kind, label=label, **kw)
        return ents[key]

    def add_mention(e: Entity, start: int, end: int):
        if not any(m.start == start and m.end == end for m in e.mentions):
            e.mentions.append(Span(start, end, text[start:end]))

    for c in cands:
        if c.kind == "State":
            s = g.state(c.key)
            e = ent_for(c.key, "State", s["name"], wikidata=c.key, iso3=s["iso3"])
            add_mention(e, c.start, c.end)
            if c.strong:
                strong_keys.add(c.key)
        elif c.kind == "Organization":
            o = g.orgs.get(c.key)
            if o:
                label = "the West" if c.key == "org:the-west" else o["name"]
                e = ent_for(c.key, "Organization", label, wikidata=o["qid"], attrs={"bloc": bool(o["bloc"])})
            else:
                e = ent_for(c.key, "Organization", c.info.get("label", c.key), attrs={"bloc": False})
            add_mention(e, c.start, c.end)
            strong_keys.add(c.key)

    # people, and "Karimov's government" -> the person's state
    for p in persons:
        attrs = {}
        if p.state:
            attrs["state"] = p.state
        if p.office:
            attrs["office"] = p.office
        if p.org:
            attrs["org"] = p.org
        e = ent_for(p.key, "Person", p.label, wikidata=p.qid, attrs=attrs)
        for s, t in p.mentions:
            add_mention(e, s, t)
        strong_keys.add(p.key)
    _person_metonyms(parsed, persons, ents, add_mention, strong_keys)
    _role_mentions(doc, parsed, persons, ents, add_mention)

    # bases
    last_base = None
    for b in sorted(bases, key=lambda b: b["start"]):
        if b["ref"]:
            if last_base is not None:
                add_mention(ents[last_base], b["start"], b["end"])
                ents[last_base].attrs.setdefault("users", [])
                for u in b["users"]:
                    if u not in ents[last_base].attrs["users"] and g.state(u):
                        ents[last_base].attrs["users"].append(u)
            continue
        key = "base:" + slug(b["name"])
        existing = next((k for k, e in ents.items() if e.kind == "MilitaryBase" and
                         (k == key or b["name"] in e.attrs.get("aliases", []) or
                          any(a == e.label for a in b["aliases"]))), None)
        e = ents[existing] if existing else ent_for(key, "MilitaryBase", b["name"], attrs={"aliases": [],
                                                                                             "users": []})
        for a in b["aliases"]:
            if a not in e.attrs["aliases"]:
                e.attrs["aliases"].append(a)
        add_mention(e, b["start"], b["end"])
        for u in b["users"]:
            if u not in e.attrs["users"] and g.state(u):
                e.attrs["users"].append(u)
        last_base = e.key
        strong_keys.add(e.key)
    # bare mentions of a known base name or alias elsewhere ("K2 has runways", "at Kant")
    for e in [x for x in ents.values() if x.kind == "MilitaryBase"]:
        for name in [e.label, *e.attrs.get("aliases", [])]:
            for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text):
                if not _in_zone(zones, m.start(), m.end()):
                    add_mention(e, m.start(), m.end())
    _base_hosts(doc, parsed, ents, gm)

    # agreements: one entity per label; a label that ends another ("partnership agreement") joins it
    last_agr = None
    for a in sorted(agreements, key=lambda a: a["start"]):
        if a["ref"]:
            if last_agr is not None:
                add_mention(ents[last_agr], a["start"], a["end"])
            continue
        key = "agreement:" + slug(a["label"])
        match = next((k for k, e in ents.items() if e.kind == "Agreement" and
                      (e.label.lower().endswith(a["label"].lower()) or a["label"].lower().endswith(e.label.lower()))),
                     None)
        if match and len(a["label"]) > len(ents[match].label):
            old = ents.pop(match)
            old.key, old.label = key, a["label"]
            ents[key] = old
            match = key
        e = ents[match] if match else ent_for(key, "Agreement", a["label"],
                                              attrs={"agreement_type": a["type"], "parties": []})
        add_mention(e, a["start"], a["end"])
        parties = _parties(parsed, a, ents)
        for q in parties:
            if q not in e.attrs["parties"]:
                e.attrs["parties"].append(q)
        last_agr = e.key
        strong_keys.add(e.key)

    # a bilateral agreement with no named parties: the document's two main states
    main = [k for k, _ in Counter({k: len(e.mentions) for k, e in ents.items() if e.kind == "State"
                                   and k in strong_keys}).most_common(2)]
    for a in agreements:
        if not a["ref"] and a.get("bilateral"):
            for e in ents.values():
                if e.kind == "Agreement" and e.label == a["label"] and len(e.attrs["parties"]) < 2:
                    for q in main:
                        if q not in e.attrs["parties"]:
                            e.attrs["parties"].append(q)
    _group_mentions(parsed, ents, persons, add_mention, main)
    _org_references(parsed, ents, add_mention)

    out = []
    for e in ents.values():
        if e.kind == "State" and e.key not in strong_keys:
            continue  # only weak references ("Russian-speaking"): not evidence that the state is an actor
        e.mentions.sort(key=lambda m: (m.start, m.end))
        if e.kind == "MilitaryBase" and not e.attrs.get("aliases"):
            e.attrs.pop("aliases", None)
        out.append(e)
    out.sort(key=lambda e: (e.mentions[0].start if e.mentions else 0, e.key))
    return out


def _person_metonyms(parsed, persons, ents, add_mention, strong_keys):
    """ "Karimov's government", "the Bush administration" -> the person's state."""
    by_tok = {}
    for p in persons:
        for s, e in p.mentions:
            by_tok[s] = p
    for t in tokens(parsed):
        if t.lower_ in PERSON_GOVERNMENT_NOUNS and t.i >= 1:
            j = t.i - 1
            if parsed[j].text in ("'s", "’s"):
                j -= 1
            # find the person whose mention ends at token j
            for p in persons:
                if p.state and any(e == parsed[j].idx + len(parsed[j]) for _, e in p.mentions) and p.state in ents:
                    start = next(s for s, e in p.mentions if e == parsed[j].idx + len(parsed[j]))
                    add_mention(ents[p.state], start, t.idx + len(t))
                    strong_keys.add(p.state)


def _role_mentions(doc, parsed, persons, ents, add_mention):
    """ "the Uzbek leader", "the Russian president", "the president of Belarus" -> the named person who held
    that office at the document date; unnamed holders are not invented (the state mention stays)."""
    state_tok = {}
    for e in ents.values():
        if e.kind == "State":
            for m in e.mentions:
                state_tok[m.start] = e.key
    for t in tokens(parsed):
        low = t.lower_
        role = ROLE_NOUNS.get(low)
        if low == "minister" and t.i and parsed[t.i - 1].lower_ == "prime":
            role = "prime minister"
        if not role:
            continue
        state, start = None, None
        prev = parsed[t.i - 1] if t.i else None
        if prev is not None and prev.lower_ == "prime":
            prev = parsed[t.i - 2] if t.i > 1 else None
        if prev is not None and prev.idx in state_tok:
            state, start = state_tok[prev.idx], prev.idx
            if prev.i and parsed[prev.i - 1].lower_ == "the":
                start = parsed[prev.i - 1].idx
        elif t.i + 2 < len(parsed) and parsed[t.i + 1].lower_ == "of" and parsed[t.i + 2].idx in state_tok:
            state, start = state_tok[parsed[t.i + 2].idx], t.idx
            if t.i and parsed[t.i - 1].lower_ == "the":
                start = parsed[t.i - 1].idx
        if not state:
            continue
        nxt = parsed[t.i + 1] if t.i + 1 < len(parsed) else None
        if nxt is not None and nxt.is_title and nxt.pos_ == "PROPN":
            continue  # "Uzbek President Islam Karimov": the name itself is the mention
        end = t.idx + len(t)
        if t.i + 2 < len(parsed) and parsed[t.i + 1].lower_ == "of" and parsed[t.i + 2].idx in state_tok:
            end = parsed[t.i + 2].idx + len(parsed[t.i + 2])  # "the president of Belarus"
        lead = lookup_leader(state, role, doc.published) if doc.published else None
        if lead:
            for p in persons:
                if p.last.lower() == lead["surname"].lower() and p.key in ents:
                    add_mention(ents[p.key], start, end)
                    ents[p.key].attrs.setdefault("state", state)
                    break


def _group_mentions(parsed, ents, persons, add_mention, main_states):
    """ "the two leaders", "both leaders" -> each of the two named leaders; "the two countries" -> the two
    main states."""
    leaders = [p.key for p in persons if p.key in ents and p.state][:2]
    for m in PAIR_GROUPS.finditer(doc_text(parsed)):
        keys = leaders if m.group(1).lower() in PAIR_PEOPLE_NOUNS else main_states
        if len(keys) == 2:
            for k in keys:
                add_mention(ents[k], m.start(), m.end())


def _org_references(parsed, ents, add_mention):
    """ "the alliance", "the organisation", "the bloc" -> the organisation last named before it."""
    orgs = [(m.start, e) for e in ents.values() if e.kind == "Organization" for m in e.mentions]
    if not orgs:
        return
    orgs.sort(key=lambda x: x[0])
    taken = [(mm.start, mm.end) for e in ents.values() for mm in e.mentions]
    for m in ORG_REFS.finditer(doc_text(parsed)):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue  # "the Organization for Security ...": part of a name
        before = [e for s, e in orgs if s < m.start()]
        word = m.group(1).lower()
        if word == "alliance":
            before = [e for e in before if e.key in ALLIANCES or e.attrs.get("bloc")]
        elif word == "union":
            before = [e for e in before if "Union" in e.label]
        if before:
            add_mention(before[-1], m.start(), m.end())


def _parties(parsed, a, ents) -> list[str]:
    """States named in the agreement's sentence."""
    tok = parsed[a["tok"]]
    s, e = tok.sent.start_char, tok.sent.end_char
    out = []
    for ent in ents.values():
        if ent.kind == "State" and any(s <= m.start < e for m in ent.mentions):
            out.append(ent.key)
    return out


SELF_USE = set(_DATA["SELF_USE"]["words"])  # "the United States continues using Manas"
EVICT = set(_DATA["EVICT"]["words"])  # "Uzbekistan evicted the United States"
USER_VERBS = SELF_USE | EVICT


def _state_in(tok, states) -> str | None:
    """The state whose mention covers a token (or its compound/adjective children)."""
    for t in [tok, *children(tok)]:
        for k, st in states.items():
            if any(m.start <= t.idx < m.end for m in st.mentions):
                return k
    return None


@lru_cache(maxsize=1)
def _capitals() -> dict:
    return {c: q for q, s in gazetteer().states.items() if not s["historical"] for c in s["capitals"]}


def _capital_state(name: str) -> str | None:
    return _capitals().get(name)


def _base_hosts(doc, parsed, ents, gm):
    """Host state of each base: "X in <State>", "<Place>, <State>" for the base's place, else the state named
    with the base (not its user)."""
    text = doc.text
    g = gazetteer()
    states = {k: e for k, e in ents.items() if e.kind == "State"}
    place_state = {}
    for m in re.finditer(r"\b([A-Z][\w'-]+(?: [A-Z][\w'-]+)?), ([A-Z][\w' -]+?)\b(?=[,.\n])", text):
        q = g.state_key(m.group(2))
        if q:
            place_state[m.group(1)] = q
    for e in ents.values():
        if e.kind != "MilitaryBase":
            continue
        host = None
        for name in [e.label, *e.attrs.get("aliases", [])]:
            if name in place_state:
                host = place_state[name]
        users = e.attrs.setdefault("users", [])
        for m in e.mentions:  # "kicked the United States out of the base", "the United States ... using Manas"
            tok = _token_from(parsed, m.start)
            if tok is None:
                continue
            for t in tok.sent:
                lemma = t.lemma_.lower()
                if t.lower_ in BASE_USER_NOUNS:
                    for c in children(t):
                        if c.dep_ in ("amod", "compound", "poss", "nmod"):
                            q = _state_in(c, states)
                            if q and q not in users:
                                users.append(q)
                if lemma not in USER_VERBS or t.pos_ != "VERB":
                    continue
                kids = list(children(t))
                if lemma in SELF_USE:  # "The United States is welcome to continue using X": climb to the subject
                    h = t
                    for _ in range(3):
                        if any(c.dep_ in ("nsubj", "nsubjpass") for c in children(h)) or h.head is h:
                            break
                        h = h.head
                    kids += [c for c in children(h) if c.dep_ in ("nsubj", "nsubjpass")]
                for c in kids:
                    if c.dep_ in ("nsubj", "nsubjpass") and lemma in SELF_USE or c.dep_ == "dobj" and lemma in EVICT:
                        q = _state_in(c, states)
                        if q and q not in users:
                            users.append(q)
        for m in e.mentions:  # "... Air Force Base at Bishkek International Airport": a capital locates it
            mm = BASE_LOCATION.match(text[m.end:m.end + 60])
            if mm:
                q = g.state_key(mm.group(1)) or _capital_state(mm.group(1)) or place_state.get(mm.group(1))
                if q:
                    host = q
                    break
        if not host:
            counts = Counter()
            for m in e.mentions:
                tail = text[m.end:m.end + 60]
                mm = BASE_HOST.match(tail)
                if mm and g.state_key(mm.group(1)):
                    host = g.state_key(mm.group(1))
                    break
                tok = _token_from(parsed, m.start)
                if tok is None:
                    continue
                sent = tok.sent
                for k, st in states.items():
                    if k in e.attrs.get("users", []):
                        continue
                    # the state that acts in the base's sentence ("Uzbekistan kicked the United States out of
                    # the base"); a state named only in passing ("a hub for Afghanistan") is not the host
                    for x in st.mentions:
                        if sent.start_char <= x.start < sent.end_char:
                            head = next((t for t in sent if t.idx >= x.start), None)
                            if head is not None and head.dep_ in ("nsubj", "nsubjpass") or (
                                    head is not None and head.dep_ in ("compound", "amod", "poss") and (
                                        head.head.dep_ in ("nsubj", "nsubjpass") or
                                        head.head.lower_ in GOV_PEOPLE or head.head.lower_ in TITLE_WORDS)):
                                counts[k] += 1
            if not host and counts:
                host = counts.most_common(1)[0][0]
        if host:
            e.attrs["host"] = host
            if host in e.attrs.get("users", []):
                e.attrs["users"].remove(host)


# ----------------------------------------------------------------------------------------------- helpers for others
def mention_index(entities: list[Entity]) -> list[tuple[int, int, str]]:
    """All mentions as sorted ``(start, end, key)`` triples, for mapping a token span to an entity.

    >>> mention_index([Entity("Q159", "State", "Russia", mentions=[Span(5, 11, "Moscow"), Span(0, 4, "Rus.")])])
    [(0, 4, 'Q159'), (5, 11, 'Q159')]
    """
    return sorted((m.start, m.end, e.key) for e in entities for m in e.mentions)


def entity_at(index: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """Key of the mention that covers most of [start, end) (ties: the tightest), using :func:`mention_index`.

    >>> entity_at([(0, 6, "Q159"), (10, 20, "Q265")], 12, 14)
    'Q265'
    """
    i = bisect_right(index, (end, float("inf"), ""))
    best, best_score = None, None
    for s, e, k in index[:i]:
        if e > start and s < end:
            overlap = min(e, end) - max(s, start)
            score = (overlap, -(e - s))  # most of the query covered, then the tightest mention
            if best_score is None or score > best_score:
                best, best_score = k, score
    return best


def state_of(entity: Entity) -> str | None:
    """The state an entity acts for: a state's own key, a person's state (else organisation), an org's key.

    >>> state_of(Entity("person:islam-karimov", "Person", "Islam Karimov", attrs={"state": "Q265"}))
    'Q265'
    """
    if entity.kind in ("State", "Organization"):
        return entity.key
    if entity.kind == "Person":
        return entity.attrs.get("state") or entity.attrs.get("org")
    return None
