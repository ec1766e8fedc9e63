"""The facts a reader and an extractor hand to the graph: plain dataclasses, no RDF.

Readers turn bytes into :class:`Document`; extractors turn a Document into :class:`Facts`.
``kg.mapping`` is the only place that turns Facts into triples, so the NLP never sees IRIs.

Keys are stable strings: a Wikidata QID (``Q265``) where the gazetteer links the entity,
else ``kind:slug`` (``base:karshi-khanabad``). Offsets are character offsets into
``Document.text``.

>>> d = Document(text="Russia and Uzbekistan signed a treaty.", source="a.txt")
>>> Facts(document=d).events
[]
"""
from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("State", "Person", "Organization", "MilitaryBase", "Agreement")

# PLOVER event types -> quad class (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict)
PLOVER_QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
PLOVER_TYPES = tuple(PLOVER_QUAD)


@dataclass(frozen=True)
class Document:
    """One article: body text plus what its metadata says (None where it says nothing)."""

    text: str
    source: str  # canonical url, else the file name: what the evidence points back to
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None: never invented
    publisher: str | None = None
    license: str | None = None
    credits: tuple[str, ...] = ()  # agencies credited ("Reuters", "AP"): provenance, not actors
    reader: str = ""  # registered reader name that produced it, e.g. "txt.v1"
    path: str | None = None  # file it came from, if any


@dataclass(frozen=True)
class Span:
    """Text at [start, end) of Document.text."""

    start: int
    end: int
    text: str


@dataclass
class Entity:
    key: str  # QID or kind:slug
    kind: str  # one of KINDS
    label: str
    wikidata: str | None = None  # QID, e.g. "Q265"
    iso3: str | None = None  # states only
    mentions: list[Span] = field(default_factory=list)
    # kind-specific, all entity keys: Person: state, org, office (str), office_start/office_end;
    # MilitaryBase: host, users (list); Agreement: parties (list), agreement_type (str);
    # Organization: members (list), bloc (bool)
    attrs: dict = field(default_factory=dict)


@dataclass
class Event:
    id: str  # unique within the document, e.g. "e3"
    type: str  # PLOVER code
    evidence: Span  # the sentence it was read from
    actors: list[str] = field(default_factory=list)  # state/organisation keys
    targets: list[str] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)  # people who acted for the actors
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, at the precision the text gives
    date_relation: str | None = None  # "before" when only "before publication" is known
    trigger: str = ""  # the word(s) that signalled it
    label: str = ""  # a few words for people
    place: str | None = None
    confidence: float = 0.5
    # domain lifecycles: an agreement signed/ratified/in force, a base opened/evicted/closed
    agreement: str | None = None  # entity key
    base: str | None = None  # entity key
    lifecycle: str | None = None  # signing|ratification|entry-into-force|withdrawal|opening|eviction|closure|handover
    deadline: str | None = None  # eviction deadline, ISO
    # how it was coded: PLOVER mode and context where the CAMEO -> PLOVER table gives them, the CAMEO code,
    # and the dictionary line that coded it ("CAMEO.2.0.txt:3639"); empty for nominal or list-coded events
    mode: str = ""
    context: str = ""
    cameo: str = ""
    rule: str = ""


@dataclass
class Alignment:
    a: str  # entity key
    b: str
    direction: str  # "toward" | "away"
    evidence: Span
    date: str | None = None
    confidence: float = 0.5


@dataclass
class Facts:
    document: Document
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    alignments: list[Alignment] = field(default_factory=list)
    before: list[tuple[str, str]] = field(default_factory=list)  # (earlier event id, later event id)
