"""Gazetteer: states, government metonyms, organisations and leaders, built once from reference data.

``python -m loaders.gazetteer build /work/shared/refdata`` writes ``loaders/data/gazetteer.json`` (shipped
with the package, so nothing outside it is read at run time) and ``loaders/data/ATTRIBUTION.md``.

>>> g = gazetteer()
>>> g.state("Q159")["iso3"], g.state_key("RUS"), g.state_key("uzbekistan")
('RUS', 'Q159', 'Q265')
>>> lookup_leader("Q159", "president", "2006-05-12")["name"], lookup_leader("Q159", "president", "2009")["name"]
('Vladimir Putin', 'Dmitry Medvedev')
"""
from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

DATA = Path(__file__).parent / "data"
GAZETTEER = DATA / "gazetteer.json"

# QIDs for states that owid lists without one (historical states, Kosovo): general knowledge.
EXTRA_QIDS = {"XKX": "Q1246", "SUN": "Q15180", "YUG": "Q36704", "CSK": "Q33946", "DDR": "Q16957"}
# owid codes for the curated rows whose own code differs (ISO user-assigned / owid-only codes)
OWID_CODE = {"XKX": "OWID_KOS", "SUN": "OWID_USS", "YUG": "OWID_YGS", "CSK": "OWID_CZS", "DDR": "OWID_GDR"}
HISTORICAL = {"SUN", "YUG", "CSK", "DDR"}
CONTINUED = {260: "DEU", 678: "YEM", 340: "SRB"}

# Buildings and institutions that stand for a government in news ("the Kremlin said"): general knowledge.
METONYMS = {
    "Kremlin": "RUS", "the Kremlin": "RUS", "State Duma": "RUS", "Duma": "RUS",
    "White House": "USA", "the White House": "USA", "Pentagon": "USA", "the Pentagon": "USA",
    "State Department": "USA", "Department of State": "USA", "Defense Department": "USA",
    "Department of Defense": "USA", "DoD": "USA", "Capitol Hill": "USA", "Oval Office": "USA",
    "Foggy Bottom": "USA", "Downing Street": "GBR", "Whitehall": "GBR", "Foreign Office": "GBR",
    "Elysee": "FRA", "Élysée": "FRA", "Elysee Palace": "FRA", "Élysée Palace": "FRA", "Quai d'Orsay": "FRA",
    "Zhongnanhai": "CHN", "Blue House": "KOR", "Bundestag": "DEU", "Chancellery": "DEU",
    "Knesset": "ISR", "Rada": "UKR", "Verkhovna Rada": "UKR",
}

# Organisations beyond the refdata list: general knowledge. QIDs only where well known; others keyed by slug.
EXTRA_ORGS = [
    # (qid or None, name, acronyms, aliases, bloc)
    ("Q7768", "Association of Southeast Asian Nations", ["ASEAN"], [], False),
    ("Q7159", "African Union", ["AU"], [], False),
    ("Q7172", "Arab League", [], ["League of Arab States"], False),
    ("Q7795", "OPEC", ["OPEC"], ["Organization of the Petroleum Exporting Countries"], False),
    ("Q7825", "World Trade Organization", ["WTO"], ["World Trade Organisation"], False),
    ("Q7804", "International Monetary Fund", ["IMF"], [], False),
    ("Q7164", "World Bank", [], [], False),
    ("Q7817", "World Health Organization", ["WHO"], ["World Health Organisation"], False),
    ("Q8908", "Council of Europe", [], [], False),
    ("Q37470", "United Nations Security Council", ["UNSC"], ["UN Security Council", "U.N. Security Council",
                                                            "Security Council"], False),
    ("Q7785", "Commonwealth of Nations", [], ["the Commonwealth"], False),
    (None, "Gulf Cooperation Council", ["GCC"], ["Cooperation Council for the Arab States of the Gulf"], False),
    (None, "Eurasian Economic Union", ["EAEU", "EEU"], [], False),
    (None, "Eurasian Economic Community", ["EurAsEC", "EAEC"], [], False),
    (None, "International Atomic Energy Agency", ["IAEA"], [], False),
    (None, "Organisation of Islamic Cooperation", ["OIC"], ["Organization of Islamic Cooperation",
                                                           "Organization of the Islamic Conference"], False),
    (None, "Economic Cooperation Organization", ["ECO"], ["Economic Cooperation Organisation"], False),
    (None, "BRICS", ["BRICS"], [], True),
    (None, "Group of Seven", ["G7", "G-7"], [], True),
    (None, "Group of Eight", ["G8", "G-8"], [], True),
    (None, "Group of Twenty", ["G20", "G-20"], [], True),
    (None, "Organization of American States", ["OAS"], ["Organisation of American States"], False),
    (None, "Asia-Pacific Economic Cooperation", ["APEC"], [], False),
    (None, "Warsaw Pact", [], ["Warsaw Treaty Organization"], True),
    (None, "International Criminal Court", ["ICC"], [], False),
    (None, "Economic Community of West African States", ["ECOWAS"], [], False),
    (None, "Southern African Development Community", ["SADC"], [], False),
    (None, "Intergovernmental Authority on Development", ["IGAD"], [], False),
    (None, "Pacific Islands Forum", [], [], False),
    (None, "Mercosur", [], ["Mercosul", "Southern Common Market"], True),
    (None, "European Commission", [], [], False),
    (None, "Conference on Interaction and Confidence-Building Measures in Asia", ["CICA"], [], False),
    (None, "the West", [], ["West", "Western governments", "Western countries", "Western nations",
                            "Western powers", "Western democracies", "Western allies", "Western states"], True),
]

# Other names of the compiled organisations: general knowledge.
ORG_ALIASES = {
    "Q7184": ["North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "North Atlantic Alliance",
              "Atlantic Alliance"],
    "Q1065": ["United Nations Organization"],
    "Q81299": ["Organisation for Security and Co-operation in Europe",
               "Organization for Security and Cooperation in Europe",
               "Organisation for Security and Cooperation in Europe"],
    "Q485207": ["Shanghai Cooperation Organization", "Shanghai Six"],
    "Q7779": ["Commonwealth of Independent States"],
    "Q326816": ["GUAM Organization for Democracy and Economic Development", "GUUAM"],
    "Q166110": ["Union State of Russia and Belarus", "Russia-Belarus Union State"],
}

# News agencies and broadcasters: provenance, never actors.
AGENCIES = [
    "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "Agence France Presse", "Interfax",
    "ITAR-TASS", "TASS", "RIA Novosti", "RIA", "Xinhua", "Kyodo", "Bloomberg", "DPA", "dpa", "ANSA", "EFE",
    "Anadolu", "Yonhap", "UPI", "RFE/RL", "Radio Free Europe", "Radio Liberty", "BBC", "CNN", "VOA",
    "Voice of America", "Al Jazeera", "IRNA", "Fars", "AKIpress", "Ferghana.ru", "Asia-Plus", "Kabar",
    "Washington File", "American Forces Press Service", "Associated Press Television News", "APTN",
]


def slug(text: str) -> str:
    """``"Karshi-Khanabad air base"`` -> ``"karshi-khanabad-air-base"``."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _split(cell: str) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


def _year(value: str) -> str | None:
    value = (value or "").strip()
    return str(int(float(value))) if value and value.upper() != "NA" else None


def _person_name(row: dict) -> tuple[str, str]:
    """(full name, surname) of an archigos leader; the dbpedia resource gives the full name where known."""
    surname = row["leader"].strip()
    uri = row.get("dbpedia_uri") or ""
    full = ""
    if uri.startswith("http://dbpedia.org/resource/"):
        full = unquote(uri.rsplit("/", 1)[-1]).replace("_", " ")
        full = re.sub(r"\s*\(.*\)$", "", full)
    if "," in surname:  # "Roosevelt, F." -> surname "Roosevelt"
        surname = surname.split(",")[0].strip()
    surname = re.sub(r"^(?:[A-Z]\.)+\s*", "", surname).strip()  # "G.W. Bush" -> "Bush"
    if not full and " " in surname and not re.search(r"\b(?:I|II|III|IV|V|VI|of|bin|ibn|al)\b", surname):
        full, surname = surname, surname.split()[-1]  # "Shinzo Abe"
    return (full or surname), surname


def build(refdata: Path, out: Path = DATA) -> dict:
    """Read the reference files and write the compact gazetteer plus its attribution notes."""
    owid = {r["code"]: r for r in csv.DictReader(open(refdata / "owid_countries_regions_wikidata.csv", encoding="utf-8"))}
    states: dict[str, dict] = {}
    for line in (out / "state_names.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso3, label, capitals, adjectives, people, aliases = (line.split("\t") + [""] * 6)[:6]
        row = owid.get(OWID_CODE.get(iso3, iso3), {})
        qid = (row.get("wikidata_uri") or "").rsplit("/", 1)[-1] or EXTRA_QIDS.get(iso3)
        if not qid:
            raise SystemExit(f"[G001] no Wikidata id for {iso3}; add it to EXTRA_QIDS")
        names = {label, row.get("name") or label, row.get("wikidata_label") or label}
        names |= {a for a in json.loads(row.get("aliases") or "[]") if "Ã" not in a and not a.startswith("OWID")}
        names |= set(_split(aliases))
        names = {re.sub(r"\s*\((?:the|country)\)$", "", n) for n in names}
        states[qid] = {
            "qid": qid, "iso3": iso3, "iso2": row.get("iso_alpha2") or None, "name": label,
            "aliases": sorted(n for n in names if n and n != label
                              and (n in _split(aliases) or not re.search(r"[,.()&/]", n))),
            "capitals": _split(capitals), "adjectives": _split(adjectives), "people": _split(people),
            "cow": int(float(row["cow_code"])) if row.get("cow_code") else None,
            "historical": iso3 in HISTORICAL,
        }
    by_iso = {s["iso3"]: q for q, s in states.items()}
    by_cow = {s["cow"]: q for q, s in states.items() if s["cow"] is not None and not s["historical"]}
    # COW codes of predecessors that today's state continues (West Germany -> Germany): general knowledge
    for cow, iso3 in CONTINUED.items():
        by_cow.setdefault(cow, by_iso[iso3])

    orgs = {}
    for r in csv.DictReader(open(refdata / "international_organisations_qids_COMPILED.csv", encoding="utf-8")):
        name = r["name"].strip()
        aliases = []
        if "Organization" in name:
            aliases.append(name.replace("Organization", "Organisation"))
        if "Organisation" in name:
            aliases.append(name.replace("Organisation", "Organization"))
        m = re.match(r"(.+?) \((.+)\)$", name)  # "Union State (Russia-Belarus)"
        if m:
            name = m.group(1)
            aliases += [f"{m.group(1)} of {m.group(2).replace('-', ' and ')}", f"{m.group(2)} {m.group(1)}"]
        orgs[r["qid"]] = {"key": r["qid"], "qid": r["qid"], "name": name, "acronyms": _split(r["acronym"]),
                          "aliases": aliases, "bloc": False}
    for qid, names in ORG_ALIASES.items():
        for n in names:
            if n not in orgs[qid]["aliases"] and n != orgs[qid]["name"]:
                orgs[qid]["aliases"].append(n)
    orgs["Q1065"]["acronyms"] += ["U.N."]
    orgs["Q458"]["acronyms"] += ["E.U."]
    for qid, name, acr, aliases, bloc in EXTRA_ORGS:
        key = qid or "org:" + slug(name)  # "the West" -> org:the-west
        orgs[key] = {"key": key, "qid": qid, "name": name, "acronyms": acr, "aliases": aliases, "bloc": bloc}

    # leaders: archigos spells (effective leader, exact dates) ...
    leaders = []
    for r in csv.DictReader(open(refdata / "archigos_4.1_spells_DERIVED.csv", encoding="utf-8")):
        state = by_cow.get(int(r["ccode"]))
        if not state:
            continue
        full, surname = _person_name(r)
        end = r["end"] if r["exit"] != "Still in Office" else None
        leaders.append({"state": state, "name": full, "surname": surname, "start": r["start"], "end": end,
                        "office": None, "qid": None, "source": "archigos"})
    # ... and everypolitician office holders (2021 era, years, QIDs)
    offices = []
    for r in csv.DictReader(open(refdata / "everypolitician_world_leaders_2021_wikidata.csv", encoding="utf-8")):
        if r["countryid"] not in states:
            continue
        offices.append({"state": r["countryid"], "office": r["positionLabel"], "name": r["officeholderLabel"],
                        "qid": r["officeholder"], "start": _year(r["start_year"]), "end": _year(r["end_year"])})
    # which office archigos's "effective leader" holds in each state: the office whose recent holders it names
    leader_office = {}
    for q in states:
        names = {x["surname"].lower() for x in leaders if x["state"] == q and (x["end"] or "9999") >= "2010"}
        for o in offices:
            if o["state"] == q and o["name"].split()[-1].lower() in names:
                leader_office[q] = _role_of(o["office"])
                break
    spells = []
    for line in (out / "office_spells.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            iso3, office, name, start, end = (line.split("\t") + [""] * 5)[:5]
            spells.append({"state": by_iso[iso3], "office": office, "name": name, "surname": name.split()[-1],
                           "start": start, "end": end or None})
    has_pm = {o["state"] for o in offices if _role_of(o["office"]) in ("prime minister", "chancellor")}
    data = {"states": states, "spells": spells, "has_pm": sorted(has_pm), "metonyms": {k: by_iso[v] for k, v in METONYMS.items()}, "orgs": orgs,
            "agencies": AGENCIES, "leaders": leaders, "offices": offices, "leader_office": leader_office}
    (out / "gazetteer.json").write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
                                        encoding="utf-8")
    _write_attribution(refdata, out)
    return data


def _write_attribution(refdata: Path, out: Path) -> None:
    owid_licence = (refdata / "owid_LICENSE_at_commit.md").read_text(encoding="utf-8").strip()
    bib = (refdata / "archigos_ARCHIGOS.bib").read_text(encoding="utf-8").strip()
    text = f"""# Sources of loaders/data/gazetteer.json

- **States** (names, ISO codes, COW codes, Wikidata ids): Our World in Data, `countries_regions`
  table (owid_countries_regions_wikidata.csv). MIT licence:

{chr(10).join('  > ' + line for line in owid_licence.splitlines())}

- **Capitals, demonyms, other names of states; government metonyms; organisations beyond the
  compiled list; news agencies; office spells where the effective leader is not the office holder**
  (`state_names.tsv`, `office_spells.tsv`, tables in `loaders/gazetteer.py`): project-curated from
  general knowledge, Apache-2.0 with the project.
- **International organisations** (international_organisations_qids_COMPILED.csv): compiled by the
  project from Wikidata ids (Wikidata content is CC0).
- **Leaders and offices 2021**: EveryPolitician world leaders via Wikidata (CC0).
- **Leader spells with dates**: Archigos 4.1, derived spells table (COW codes mapped to states through
  the OWID table), as distributed with the manystates package under CC BY 4.0
  (https://creativecommons.org/licenses/by/4.0/). Cite:

```bibtex
{bib}
```
"""
    (out / "ATTRIBUTION.md").write_text(text, encoding="utf-8")


def _role_of(office: str) -> str:
    o = office.lower()
    for role in ("prime minister", "chancellor", "president", "king", "queen", "emir", "sultan", "premier",
                 "supreme leader", "chairman", "general secretary", "taoiseach"):
        if role in o:
            return role
    return o


class Gazetteer:
    """The built gazetteer with lookups by key, ISO code or name."""

    def __init__(self, data: dict):
        self.data = data
        self.states = data["states"]
        self.orgs = data["orgs"]
        self._by = {}
        for q, s in self.states.items():
            for n in [s["iso3"], s["iso2"] or "", s["name"], *s["aliases"]]:
                if n:
                    self._by.setdefault(n.lower(), q)
            self._by[q.lower()] = q

    def state(self, key: str) -> dict | None:
        return self.states.get(key)

    def state_key(self, name: str) -> str | None:
        """The state's key (QID) for a QID, ISO code or name, else None."""
        return self._by.get((name or "").strip().lower())


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer(json.loads(GAZETTEER.read_text(encoding="utf-8")))


# States with a prime minister where the president nonetheless leads (presidential or semi-presidential
# systems): general knowledge, used only to let "the X president" resolve through Archigos' leader.
PRESIDENT_LEADS = {
    "RUS", "UZB", "KAZ", "KGZ", "TJK", "TKM", "BLR", "AZE", "UKR", "FRA", "EGY", "KOR", "TWN", "PER", "SYR",
    "DZA", "TUN", "SEN", "CMR", "CIV", "GAB", "TCD", "MLI", "NER", "BFA", "MDG", "MOZ", "AGO", "NAM", "RWA",
    "COD", "COG", "GIN", "TGO", "BEN", "CAF", "DJI", "GNQ", "BDI", "SDN", "YEM", "IRN", "LKA", "GEO", "ARM",
    "MDA", "ROU", "LBY", "VEN", "HTI", "UGA", "TZA", "ZWE", "KEN", "ETH", "SOM",
}

ROLE_WORDS = {
    "leader": None, "head of state": None, "ruler": None, "strongman": None, "president": "president",
    "prime minister": "prime minister", "premier": "prime minister", "chancellor": "chancellor",
    "king": "king", "monarch": "king", "emir": "emir", "sultan": "sultan",
}


def lookup_leader(state_key: str, role_word: str, date: str | None) -> dict | None:
    """Who held ``role_word`` ("president", "leader", "prime minister") of a state at ``date`` (YYYY[-MM[-DD]]).

    Archigos gives the effective leader with exact dates; it answers "leader", and the office it is
    known to hold in that state (the President of Russia, not of Germany). EveryPolitician answers
    other offices where the years fit. Returns ``{"name", "surname", "qid", "office", "state"}`` or None.

    >>> lookup_leader("Q30", "president", "2005-08-01")["surname"]
    'Bush'
    >>> lookup_leader("Q183", "president", "2009") is None  # archigos' German leader is the chancellor
    True
    """
    if not date:
        return None
    g = gazetteer()
    role_word = re.sub(r"\s+", " ", role_word.lower().strip())
    role = ROLE_WORDS.get(role_word, role_word)
    office = g.data["leader_office"].get(state_key)
    lo, hi = _bounds(date)
    for x in g.data["spells"]:  # curated office spells first: they name the office itself
        if x["state"] == state_key and x["office"] == role and x["start"] <= lo and (x["end"] or "9999") >= hi:
            return {"name": x["name"], "surname": x["surname"], "qid": _qid_of(x), "office": role, "state": state_key}
    state = g.state(state_key) or {}
    # Archigos names the effective leader: the president only where that office leads the state
    president_leads = office == "president" or (office is None and (
        state_key not in g.data["has_pm"] or state.get("iso3") in PRESIDENT_LEADS))
    pm_leads = office in ("prime minister", "chancellor") or (office is None and state_key in g.data["has_pm"]
                                                            and state.get("iso3") not in PRESIDENT_LEADS)
    if role is None or role == office or (role == "president" and president_leads) or (
            role in ("prime minister", "chancellor") and pm_leads):
        for x in g.data["leaders"]:
            if x["state"] == state_key and x["start"] <= hi and (x["end"] or "9999") >= lo:
                # a date that spans a handover (a bare year) is ambiguous unless one spell covers it
                if x["start"] <= lo and (x["end"] or "9999") >= hi:
                    return _leader(x, office)
        if role is None:
            return None
    year = date[:4]
    for o in g.data["offices"]:
        if o["state"] == state_key and _role_of(o["office"]) == role:
            if (o["start"] or "0") <= year <= (o["end"] or "9999") and (o["start"] or "0") < year:
                return {"name": o["name"], "surname": o["name"].split()[-1], "qid": o["qid"],
                        "office": o["office"], "state": state_key}
    return None


def _bounds(date: str) -> tuple[str, str]:
    if len(date) == 4:
        return date + "-01-01", date + "-12-31"
    if len(date) == 7:
        return date + "-01", date + "-31"
    return date[:10], date[:10]


def _qid_of(x: dict) -> str | None:
    for o in gazetteer().data["offices"]:  # link to Wikidata where EveryPolitician names the same person
        if o["state"] == x["state"] and o["name"].split()[-1] == x["surname"]:
            return o["qid"]
    return None


def _leader(x: dict, office: str | None) -> dict:
    return {"name": x["name"], "surname": x["surname"], "qid": _qid_of(x), "office": office, "state": x["state"]}


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2 or argv[0] != "build":
        raise SystemExit("usage: python -m loaders.gazetteer build REFDATA_DIR")
    data = build(Path(argv[1]))
    print(f"gazetteer: {len(data['states'])} states, {len(data['orgs'])} organisations, "
          f"{len(data['leaders'])} leader spells, {len(data['offices'])} offices -> {GAZETTEER}")


if __name__ == "__main__":
    main()
