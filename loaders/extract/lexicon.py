"""PLOVER trigger lexicon: which words signal which of the 16 event types.

General English political-news vocabulary, not fitted to any article. Four tables:

* ``VERBS``: verb lemma -> type. The verb's subject is the actor, its object/prepositional object the target.
* ``PHRASAL``: (verb lemma, particle or preposition) -> type ("kick out", "call for", "fire on"). Wins over VERBS.
* ``VERB_OBJECT``: (verb lemma, object lemma) -> type ("sign a treaty", "hold talks", "open fire"). Wins over
  both; the object noun is then part of the trigger and not read again as an event of its own.
* ``NOUNS``: nominal triggers ("the crackdown", "Western criticism", "the talks"); their actor comes from a
  possessive, a demonym/compound modifier or a "by" phrase, or from the light verb that governs them.

Size: about 160 verbs, 35 phrasal verbs, 80 nouns and 740 verb+object pairs (built from ~40 verb x object
groups). ``LIGHT_VERBS`` carry no type of their own: "hold talks", "give support", "express concern" take the type of the
object. Weak cues (a type guessed from a vague verb) get a lower confidence through ``WEAK``.

>>> VERBS["condemn"], PHRASAL[("kick", "out")], VERB_OBJECT[("hold", "talk")]
('ACCUSE', 'SANCTION', 'CONSULT')
"""
from __future__ import annotations


def _table(spec: dict[str, str]) -> dict[str, str]:
    """{"TYPE": "lemma lemma ..."} -> {lemma: TYPE}."""
    return {lemma: t for t, words in spec.items() for lemma in words.split()}


VERBS = _table({
    # PLOVER 2021: signing, ratifying or concluding an agreement is SUPPORT; agreeing or promising to act is AGREE
    "AGREE": "agree endorse_treaty pledge promise accept settle reconcile commit",
    "CONSULT": "meet visit negotiate consult discuss host welcome confer talk telephone phone receive "
               "tour",
    "SUPPORT": "sign ratify conclude initial ink approve "
               "support praise back endorse congratulate thank applaud commend hail defend welcome_decision "
               "stand_by reaffirm recognise recognize respect",
    "CONCEDE": "concede yield relent compromise ease release pardon surrender capitulate free",
    "COOPERATE": "cooperate collaborate partner coordinate ally integrate",
    "AID": "aid assist donate lend loan fund finance subsidise subsidize bail",
    "RETREAT": "withdraw retreat demobilise demobilize disarm pullback",
    "REQUEST": "urge demand request appeal ask plead press insist petition",
    "ACCUSE": "accuse criticize criticise condemn blame denounce censure rebuke allege deplore slam "
              "chastise decry fault complain",
    "REJECT": "reject refuse deny dismiss veto rebuff spurn dispute oppose boycott",
    "THREATEN": "threaten warn menace",
    "PROTEST": "protest demonstrate rally march picket strike",
    "SANCTION": "sanction expel evict ban embargo suspend freeze oust boycott_trade blacklist sever "
                "downgrade recall bar blockade annex nationalise nationalize",
    "MOBILIZE": "mobilize mobilise deploy mass station reinforce",
    "COERCE": "arrest detain imprison jail sentence convict prosecute raid seize confiscate deport "
              "intimidate torture crack censor harass extradite abduct kidnap indict",
    "ASSAULT": "kill attack shoot bomb shell invade massacre assassinate execute storm strike_at wound "
               "murder slaughter bombard airstrike ambush",
})
VERBS = {k: v for k, v in VERBS.items() if "_" not in k}  # multiword placeholders live in PHRASAL/VERB_OBJECT
# "strike" is mostly the labour action in political news; "boycott" of talks is a rejection
VERBS["strike"] = "PROTEST"

PHRASAL = {
    ("kick", "out"): "SANCTION", ("throw", "out"): "SANCTION", ("order", "out"): "SANCTION",
    ("force", "out"): "SANCTION", ("cut", "off"): "SANCTION", ("shut", "down"): "SANCTION",
    ("call", "for"): "REQUEST", ("call", "on"): "REQUEST", ("appeal", "to"): "REQUEST",
    ("ask", "for"): "REQUEST", ("push", "for"): "REQUEST",
    ("fire", "on"): "ASSAULT", ("fire", "at"): "ASSAULT", ("open", "fire"): "ASSAULT",
    ("crack", "down"): "COERCE", ("round", "up"): "COERCE", ("lock", "up"): "COERCE",
    ("pull", "out"): "RETREAT", ("pull", "back"): "RETREAT", ("move", "out"): "RETREAT",
    ("stand", "by"): "SUPPORT", ("side", "with"): "SUPPORT",
    ("speak", "with"): "CONSULT", ("talk", "with"): "CONSULT", ("meet", "with"): "CONSULT",
    ("sign", "up"): "AGREE", ("hand", "over"): "RETREAT", ("back", "down"): "CONCEDE",
    ("give", "up"): "CONCEDE", ("turn", "down"): "REJECT", ("walk", "out"): "PROTEST",
    ("speak", "out"): "ACCUSE", ("lash", "out"): "ACCUSE",
    ("vote", "against"): "REJECT", ("vote", "for"): "SUPPORT", ("roll", "back"): "CONCEDE",
    ("hit", "back"): "THREATEN", ("break", "off"): "SANCTION", ("send", "home"): "SANCTION",
    ("drive", "out"): "SANCTION", ("shut", "off"): "SANCTION",
    ("step", "down"): "CONCEDE", ("stand", "down"): "RETREAT", ("crack", "on"): "COERCE",
}

# object lemma sets shared by several verbs
_ACCORDS = "treaty agreement accord deal pact memorandum protocol declaration convention charter law bill " \
           "document contract partnership communique"
_AIDS = "aid loan grant assistance credit funding fund money aircraft weapon arm equipment supply help package " \
        "bailout donation relief"
_TALKS = "talk negotiation consultation meeting summit conversation discussion visit"

VERB_OBJECT: dict[tuple[str, str], str] = {}


def _vo(verbs: str, objects: str, t: str) -> None:
    for v in verbs.split():
        for o in objects.split():
            VERB_OBJECT[(v, o)] = t


_vo("sign conclude ink initial ratify approve adopt reach strike seal", _ACCORDS, "SUPPORT")
_vo("reach", "consensus compromise understanding", "AGREE")
_vo("exchange", "ratification instrument", "SUPPORT")  # exchanging instruments of ratification
_vo("hold conduct have begin start open resume pay host", _TALKS, "CONSULT")
_vo("give provide grant extend offer send deliver disburse accord allocate", _AIDS, "AID")
_vo("give express voice offer pledge declare reaffirm lend show", "support backing solidarity", "SUPPORT")
_vo("express voice raise", "concern alarm criticism outrage dismay regret", "ACCUSE")
_vo("open", "fire", "ASSAULT")
_vo("open establish build set", "base airbase facility", "COOPERATE")
_vo("close shut", "base airbase embassy border consulate", "SANCTION")
_vo("cut sever break freeze suspend downgrade", "tie relation contact link", "SANCTION")
_vo("impose introduce tighten extend slap", "sanction embargo ban restriction tariff penalty", "SANCTION")
_vo("lift ease remove", "sanction embargo ban restriction", "CONCEDE")
_vo("withdraw remove pull", "troop force soldier personnel contingent", "RETREAT")
_vo("deploy send move mass", "troop force soldier warship tank", "MOBILIZE")
_vo("issue make deliver", "threat ultimatum", "THREATEN")
_vo("issue make lodge file", "protest complaint", "ACCUSE")
_vo("make issue", "demand request appeal call", "REQUEST")
_vo("make level bring", "accusation charge", "ACCUSE")
_vo("launch carry stage mount conduct", "attack assault offensive strike raid airstrike bombing", "ASSAULT")
_vo("launch carry", "crackdown", "COERCE")
_vo("hold stage conduct", "exercise drill manoeuvre maneuver", "MOBILIZE")
_vo("expand deepen step boost intensify strengthen", "cooperation", "COOPERATE")
_vo("take", "hostage", "ASSAULT")
_vo("take", "effect", "SUPPORT")
_vo("enter come", "force effect", "SUPPORT")  # a treaty entering into force concludes it (PLOVER 2021)
_vo("enter", _TALKS, "CONSULT")
# basing and transit: one state lets another use its territory
_vo("provide offer grant give allow lease", "access base airbase airfield airport facility service airspace "
    "corridor territory overflight", "COOPERATE")
_vo("have gain get obtain retain keep", "access", "COOPERATE")
_vo("use", "base airbase airfield airport facility airspace", "COOPERATE")
_vo("give", "treatment", "SUPPORT")  # "gave X the red-carpet treatment": a show of favour
_vo("accept", "invitation offer proposal", "AGREE")
_vo("reject refuse decline", "invitation offer proposal call demand", "REJECT")
_vo("use", "force", "ASSAULT")
# diplomatic protest and expulsion
_DIPLOMATS = "ambassador envoy diplomat commissioner chargé charge attache consul representative emissary"
_vo("summon", _DIPLOMATS, "ACCUSE")
_vo("expel recall withdraw", _DIPLOMATS + " staff", "SANCTION")
_vo("close shut", "airspace port mission office", "SANCTION")
_vo("cut sever break freeze suspend downgrade", "diplomatic", "SANCTION")
_vo("freeze seize confiscate", "asset account property fund", "SANCTION")
_vo("impose introduce tighten slap", "curb control measure duty levy", "SANCTION")
_vo("restore normalise normalize resume establish upgrade reestablish re-establish", "tie relation relationship",
    "COOPERATE")
_vo("reopen open", "embassy consulate border crossing", "COOPERATE")
_vo("lift ease remove drop scrap relax end", "curb control restriction blockade tariff", "CONCEDE")
_vo("evacuate", "troop force soldier personnel embassy diplomat contingent base garrison", "RETREAT")
_vo("drop withdraw abandon suspend", "complaint charge claim objection opposition veto demand case lawsuit", "CONCEDE")
_vo("free release", "prisoner hostage detainee", "CONCEDE")
_vo("express voice", "disappointment displeasure anger indignation frustration", "ACCUSE")
_vo("launch fire lob", "missile rocket shell drone mortar", "ASSAULT")
_vo("deploy send dispatch station move mass", "artillery troop warship jet aircraft missile unit battalion "
    "brigade division force fleet ship destroyer frigate carrier navy submarine marine paratrooper", "MOBILIZE")
_vo("buy purchase acquire import order", "weapon arm jet fighter missile tank helicopter drone system "
    "warship submarine", "COOPERATE")
_vo("sell supply export", "weapon arm jet fighter missile tank helicopter drone warship submarine", "COOPERATE")
_vo("announce unveil approve pledge promise roll extend disburse", _AIDS + " package bailout", "AID")
_vo("reach sign", "agreement deal", "SUPPORT")
_vo("hold host attend convene", "summit conference", "CONSULT")
_vo("hold stage", "rally protest demonstration march", "PROTEST")
_vo("grant", "asylum", "COOPERATE")
_vo("revoke cancel scrap terminate annul abrogate tear", _ACCORDS, "SANCTION")  # ending a treaty cuts ties
_vo("issue", "warrant", "COERCE")  # "issued an arrest warrant for"
_vo("skip snub", "summit meeting talk conference session", "REJECT")  # staying away from a meeting
_vo("sign conclude reach agree declare announce broker seal", "ceasefire truce armistice", "SUPPORT")
_vo("broker", _ACCORDS, "SUPPORT")  # a third party brokering a deal or truce is party to the agreement
_vo("end terminate", "mission deployment presence", "RETREAT")  # "voted to end its peacekeeping mission"
_vo("host", "troop force soldier exercise drill base contingent", "COOPERATE")

# verbs whose type comes from their object ("hold talks", "give support")
LIGHT_VERBS = frozenset("give hold make have conduct express voice issue launch carry stage impose take deliver "
                        "offer pay provide show lend level bring mount lodge file begin start".split())

NOUNS = _table({
    "AGREE": "pledge",
    "SUPPORT": "ratification signing treaty_signing "
               "support praise endorsement congratulation backing",
    "CONSULT": "talk talks negotiation summit meeting visit conversation consultation discussion "
               "dialogue trip conference contact",
    "COOPERATE": "cooperation_pact",
    "AID": "aid loan grant assistance donation",
    "RETREAT": "withdrawal pullout retreat evacuation",
    "REQUEST": "demand appeal request call plea",
    "ACCUSE": "criticism condemnation accusation rebuke censure allegation complaint",
    "REJECT": "rejection refusal veto denial",
    "THREATEN": "threat ultimatum warning",
    "PROTEST": "protest demonstration rally strike",
    "SANCTION": "sanction embargo expulsion eviction ban suspension blockade annexation",
    "MOBILIZE": "mobilization mobilisation deployment buildup build-up exercise",
    "COERCE": "crackdown arrest detention imprisonment trial repression persecution raid extradition",
    "ASSAULT": "attack assault bloodshed killing massacre shooting bombing invasion airstrike offensive "
               "violence shelling incursion execution",
})
NOUNS = {k: v for k, v in NOUNS.items() if "_" not in k}
# a meeting only when someone else takes part: "a joint news conference with X", "in contact with X"
NEEDS_PARTNER = frozenset("conference contact".split())

# cues that usually but not always mean the type: lower confidence
WEAK = frozenset("press ease release back accept reaffirm recognise recognize approve commit station mass "
                 "reinforce seize raid execute storm wound talk receive host welcome tour warn promise "
                 "defend dispute oppose recall suspend freeze integrate partner coordinate ally rally march "
                 "exercise violence call visit trip dialogue discussion respect".split())

# money as the object of these is aid: "announced $225 million", "pledged 160 million pounds"
GIVING_VERBS = frozenset("announce pledge promise offer provide give commit donate contribute grant allocate "
                         "disburse earmark".split())
AID_WORDS = frozenset("aid assistance loan grant donation relief funding help package bailout pledge".split())

# "ordered the ambassador to leave": ordering someone out is an expulsion
ORDER_VERBS = frozenset("order tell instruct direct force give".split())
LEAVE_VERBS = frozenset("leave withdraw depart quit vacate exit go evacuate".split())
# commitments take the type of what is committed to: "vowed to retaliate", "pledged to stand by"
COMMIT_VERBS = frozenset("vow pledge promise swear commit threaten".split())
RETALIATE = frozenset("retaliate respond avenge punish hit".split())
ARMED_NOUNS = frozenset("warplane jet aircraft plane drone missile force troop army soldier artillery navy ship "
                        "bomber helicopter rocket military".split())
# governors whose that-clause is asked for, not done: "demanded that Manila remove"
REQUEST_GOVERNORS = frozenset("demand urge ask request insist call order press appeal require".split())
# announcing verbs: "said Britain would expel" reports a decision
ANNOUNCING = frozenset("say announce declare confirm decide".split())

# judging someone: "called the veto a sad day", "said the remarks were unacceptable"
LABELLING = frozenset("call label describe brand term dub denounce".split())
BLAME_WORDS = frozenset("unacceptable outrageous shameful sad regrettable illegal illegitimate unlawful provocation "
                        "provocative culpable guilty aggression aggressive hostile dangerous destructive "
                        "irresponsible absurd baseless violation remnant criminal terrorist mistake disgrace "
                        "interference meddling blackmail lie lies hypocritical unjustified unfounded stab betrayal "
                        "treachery".split())
# the speaker's own displeasure: "said it was deeply disappointed"
DISPLEASURE = frozenset("disappointed concerned dismayed alarmed outraged angered appalled troubled indignant "
                        "displeased".split())
# a reported clause charging its subject with a wrong: "said Russia had violated the treaty"; or, negated, with
# failing a duty: "said the alliance had not fulfilled its obligations"
WRONGDOING = frozenset("violate breach undermine interfere meddle provoke sabotage destabilise destabilize betray "
                       "flout renege harbour harbor shelter obstruct infringe encroach".split())
DUTY_VERBS = frozenset("fulfil fulfill honour honor respect observe keep comply meet".split())
PRAISE_WORDS = frozenset("constructive fruitful excellent historic positive successful productive friendly "
                         "useful welcome".split())

# reporting verbs: their own clause is not an event (the reported content is read instead)
REPORTING = frozenset("say tell add note state declare stress explain announce report claim insist "
                      "point remark comment believe think affirm emphasise emphasize suggest".split())

# a governing verb/adjective that makes its complement unrealised: intention, expectation, ability, wish
IRREALIS_GOVERNORS = frozenset("plan intend expect hope want wish aim seek try attempt propose prepare "
                               "threaten offer decide agree promise pledge vow need have consider "
                               "mean ready able willing likely set due going refuse fail".split())
# in first-person speech these are performative ("I would like to thank ...", "Allow me to welcome you")
PERFORMATIVE_GOVERNORS = frozenset("like want wish allow let".split())
MODALS = frozenset("would could might may should must can shall will 'd 'll ought".split())
NEGATIONS = frozenset("not n't never no nobody none neither nor without".split())


def _known_verbs() -> frozenset[str]:
    """Verbs this lexicon decides on, to an act or to none ("called it a mistake" is no call): the CAMEO
    dictionary's default codes speak only for the others. Light verbs are typed by their object, so without
    an event noun the lexicon has no opinion ("offered to negotiate")."""
    return (frozenset(VERBS) | {v for v, _ in PHRASAL} | {v for v, _ in VERB_OBJECT} | LABELLING) - LIGHT_VERBS


KNOWN_VERBS = _known_verbs()

