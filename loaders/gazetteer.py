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

# The project's curated tables (general knowledge, Apache-2.0): data/curated.json says what each one is.
CURATED = json.loads((DATA / "curated.json").read_text(encoding="utf-8"))
EXTRA_QIDS: dict[str, str] = CURATED["EXTRA_QIDS"]["values"]
OWID_CODE: dict[str, str] = CURATED["OWID_CODE"]["values"]
HISTORICAL = frozenset(CURATED["HISTORICAL"]["words"])
CONTINUED = {int(k): v for k, v in CURATED["CONTINUED"]["values"].items()}
METONYMS: dict[str, str] = CURATED["METONYMS"]["values"]
EXTRA_ORGS = [(r["qid"], r["name"], r["acronyms"], r["aliases"], r["bloc"]) for r in CURATED["EXTRA_ORGS"]["rows"]]
ORG_ALIASES: dict[str, list[str]] = CURATED["ORG_ALIASES"]["values"]
AGENCIES: list[str] = CURATED["AGENCIES"]["words"]
PRESIDENT_LEADS = frozenset(CURATED["PRESIDENT_LEADS"]["words"])
ROLE_WORDS: dict[str, str | None] = CURATED["ROLE_WORDS"]["values"]
OFFICE_ROLES: list[str] = CURATED["OFFICE_ROLES"]["words"]
HEAD_OF_GOVERNMENT_ROLES = frozenset(CURATED["HEAD_OF_GOVERNMENT_ROLES"]["words"])


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
    has_pm = {o["state"] for o in offices if _role_of(o["office"]) in HEAD_OF_GOVERNMENT_ROLES}
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
  (`state_names.tsv`, `office_spells.tsv`, `curated.json`): project-curated from
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

# Event coding tables

`cameo2plover.tsv` (OEDA CAMEO -> PLOVER 2021 table, CC BY-SA 4.0), `cameo2plover_project.tsv`,
`cameo_sectors.tsv`, `modality.tsv`: see `loaders/lang/en/SOURCES.md`, which lists every source and
licence of the coding knowledge.
"""
    (out / "ATTRIBUTION.md").write_text(text, encoding="utf-8")


def _role_of(office: str) -> str:
    o = office.lower()
    for role in OFFICE_ROLES:
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
    pm_leads = office in HEAD_OF_GOVERNMENT_ROLES or (office is None and state_key in g.data["has_pm"]
                                                            and state.get("iso3") not in PRESIDENT_LEADS)
    if role is None or role == office or (role == "president" and president_leads) or (
            role in HEAD_OF_GOVERNMENT_ROLES and pm_leads):
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
