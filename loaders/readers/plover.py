"""``plover.v1``: events already coded in PLOVER (JSON array or JSON Lines, one record per event).

The fields are the PLOVER manual's (``id``, ``date``, ``event``, ``mode``, ``context``, ``source`` /
``target`` lists of actors with ISO ``code``, ``actorText``, ``sector``, ``text``, ``eventText``), with the
spellings POLECAT uses beside them (``event_type``, ``actor`` / ``recipient``); ``loaders/data/plover_fields.json``
lists them. Each record is one source (``urn:plover:<id>``, else ``<file>#<line>``) with its own document
graph, its ``url`` kept as the article it was coded from; the reader yields :class:`~loaders.model.Facts`
directly, one record at a time (a file of any size reads in bounded memory), so nothing is re-read from the
text. Actors map to the gazetteer's states by ISO code (or
Wikidata id); a state's non-state sector ("REB", "OPP") is a group of that country, as the text reader
makes it; IGO/NGO codes are organisations named by their actor text. A bad record is a numbered E121 and
the others still come through.

>>> rec = {"id": "x1", "event": "DEMAND", "date": "2004-03-02", "text": "Iraq asked Jordan to ...",
...        "source": [{"code": "IRQ"}], "target": [{"code": "JOR"}]}
>>> f = record_facts(rec, n=1, name="a.json")
>>> f.events[0].type, f.events[0].actors, f.events[0].targets, f.events[0].date
('REQUEST', ['Q796'], ['Q810'], '2004-03-02')
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from loaders.errors import LoaderError
from loaders.extract.groups import known_sector, state_sector
from loaders.extract.verbcoder import cameo_to_plover
from loaders.gazetteer import gazetteer, slug
from loaders.model import PLOVER_TYPES, Document, Entity, Event, Facts, Span
from loaders.readers._common import MAX_TEXT_BYTES, decode, iso_date
from loaders.registry import reader

MAX_RECORD_BYTES = 1 << 20  # one record (line) of a coded-event file; the file itself has no limit
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@lru_cache(maxsize=1)
def _table() -> dict:
    return json.loads((Path(__file__).resolve().parent.parent / "data" / "plover_fields.json").read_text("utf-8"))


def _get(obj: dict, field: str, group: str = "FIELDS"):
    for name in _table()[group]["values"][field]:
        if obj.get(name) not in (None, ""):
            return obj[name]
    return None


def looks_coded(obj) -> bool:
    """True for a coded event record (it names its category under one of the field's spellings)."""
    return isinstance(obj, dict) and _get(obj, "event") is not None


def _sniff(data: bytes) -> bool:
    head = data[:1 << 20].lstrip(b"\xef\xbb\xbf \t\r\n").decode("utf-8", "replace")
    if head.startswith("["):
        head = head[1:].lstrip()
    try:
        obj, _ = json.JSONDecoder().raw_decode(head)
    except (ValueError, RecursionError):
        return False
    return looks_coded(obj)


def _bad(n: int, why: str, name: str) -> LoaderError:
    return LoaderError("E121", f"record {n}: {why}", path=name)


def _date(value) -> str | None:
    m = _DATE.match(str(value or "").strip())
    if not m:
        return None
    return "-".join(p for p in m.groups() if p)


def _actors(value, n: int, side: str, name: str) -> list[dict]:
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        value = [value]
    if not isinstance(value, list):
        raise _bad(n, f"{side} must be a list of actors, not a JSON {type(value).__name__}", name)
    out = []
    for a in value:
        if isinstance(a, str):
            a = {"code": a}
        if not isinstance(a, dict):
            raise _bad(n, f"an actor in {side} is a JSON {type(a).__name__}, not an object or a code", name)
        out.append({k: _get(a, k, "ACTOR_FIELDS") for k in ("code", "text", "wikidata", "sector")})
    return out


def _entity(actor: dict, ents: dict[str, Entity]) -> str | None:
    """The key of the actor's entity (added to ``ents``), or None for an actor with no code, name or id."""
    g = gazetteer()
    name_or_code = str(actor["code"] or "").strip()
    code = name_or_code.upper()
    qid = str(actor["wikidata"] or "").rsplit("/", 1)[-1] or None
    text = str(actor["text"] or "").strip()
    # an ISO code, a PLOVER/CAMEO actor code that starts with one ("RUSGOV"), or a country name (ICEWS)
    state = None if code in _table()["ORG_CODES"]["words"] or not code else (
        g.state_key(name_or_code) or g.state_key(code[:3]) if len(code) >= 3 else None)
    state = state or (qid if qid in g.states else None)
    sector = str(actor["sector"] or "").strip().upper()
    if state:
        s = g.states[state]
        ents.setdefault(state, Entity(key=state, kind="State", label=s["name"], wikidata=state, iso3=s["iso3"]))
        if not known_sector(sector) or state_sector(sector):
            return state
        key = f"group:{slug(s['name'])}-{slug(sector)}"  # a non-state sector of the country: its group
        ents.setdefault(key, Entity(key=key, kind="Organization", label=f"{s['name']} {sector}",
                                    attrs={"country": state, "sector": sector, "group": True}))
        return key
    if not (qid or text or code):
        return None
    org = g.orgs.get(qid) if qid else None
    key = qid or "org:" + slug(text or code)
    ents.setdefault(key, Entity(key=key, kind="Organization", label=(org or {}).get("name") or text or code,
                                wikidata=qid, attrs={"bloc": bool((org or {}).get("bloc"))}))
    return key


def record_facts(rec, *, n: int, name: str) -> Facts:
    """One coded record as the Facts of its own source; LoaderError E121 when it cannot be one."""
    if not isinstance(rec, dict):
        raise _bad(n, f"a JSON {type(rec).__name__}, not an event record object", name)
    raw = str(_get(rec, "event") or "").strip().upper()
    cameo = str(_get(rec, "cameo") or "").strip()
    coded = cameo_to_plover(cameo) if not raw and cameo else None  # ICEWS: CAMEO codes, by the OEDA table
    if not raw and not coded:
        raise _bad(n, "no event category (field \"event\" or \"event_type\", or a CAMEO code PLOVER keeps)", name)
    etype, mode = (coded[0], coded[1]) if coded else (_table()["RENAMED"]["values"].get(raw) or [raw, ""])
    if etype not in PLOVER_TYPES:
        raise _bad(n, f"event category {raw!r} is not one of the 16 PLOVER categories", name)
    mode = str(_get(rec, "mode") or mode or "").strip().lower()
    context = _get(rec, "context") or (coded[2] if coded else "")
    context = ",".join(map(str, context)) if isinstance(context, list) else str(context or "")
    ents: dict[str, Entity] = {}
    sides = {}
    for side in ("source", "target"):
        sides[side] = [k for a in _actors(_get(rec, side), n, side, name) if (k := _entity(a, ents))]
    if not sides["source"] and not sides["target"]:
        # a record with a target alone is an act whose doer is unknown ("a roadside bombing killed ...")
        raise _bad(n, "no source or target actor with a code, a Wikidata id or a name: an event needs who acted, "
                      "or whom it was aimed at", name)
    text = str(_get(rec, "text") or "").strip("{} \n")
    event_text = str(_get(rec, "event_text") or "").strip()
    body = text or event_text or f"{etype} event {rec.get('id') or n}"
    rid = str(_get(rec, "id") or "").strip()
    url = str(_get(rec, "url") or "").strip() or None
    # each record is a source of its own (its own graph), apart from the article it was coded from: an event
    # read from that article and this record are two reports, which kg.link joins
    source = f"urn:plover:{rid}" if rid else f"{name}#{n}"
    doc = Document(text=body, source=source, url=url, published=iso_date(_get(rec, "published")),
                   publisher=str(_get(rec, "publication") or "") or None, reader="plover.v1")
    ev = Event(id="e1", type=etype, evidence=Span(0, len(body), body), actors=sides["source"],
               targets=[k for k in sides["target"] if k not in sides["source"]], date=_date(_get(rec, "date")),
               trigger=event_text, label=event_text or etype.lower(), confidence=1.0, mode=mode, context=context,
               cameo=cameo, rule=f"plover.v1:{rid or n}")
    return Facts(document=doc, entities=list(ents.values()), events=[ev])


def _lines(fh, name: str):
    """(line number, text or E121) per non-blank line of a binary file object, each at most
    :data:`MAX_RECORD_BYTES`: one record at a time, so a file of any size reads in bounded memory."""
    n = 0
    while True:
        raw = fh.readline(MAX_RECORD_BYTES + 1)
        if not raw:
            return
        n += 1
        if len(raw) > MAX_RECORD_BYTES and not raw.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # the rest of the over-long line, read and dropped a piece at a time
            yield n, _bad(n, f"longer than {MAX_RECORD_BYTES} bytes: not one event record", name)
            continue
        if n == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if b"\x00" in raw:
            yield n, _bad(n, "binary content (a NUL byte)", name)
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield n, _bad(n, f"not UTF-8 (byte {exc.start} of the line); re-save the file as UTF-8", name)
            continue
        if line.strip():
            yield n, line.rstrip("\r\n")


@reader("plover.v1", sniff=_sniff, stream=True)
def read_plover(fh, *, name: str):
    head = fh.read(1 << 16)
    first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if not head.strip():
        raise LoaderError("E101", "empty file: nothing to read", path=name)
    if first == b"[":  # a JSON array is one value: read whole, so it keeps the input limit
        data = head + fh.read(MAX_TEXT_BYTES + 1 - len(head))
        if len(data) > MAX_TEXT_BYTES:
            raise LoaderError("E122", f"a JSON array of more than {MAX_TEXT_BYTES} bytes; write the records as JSON "
                              "Lines (one record object a line), which is read a record at a time", path=name)
        try:
            array = json.loads(decode(data, name=name, detect=False))  # JSON is UTF-8 (RFC 8259)
        except (ValueError, RecursionError) as exc:
            raise LoaderError("E121", f"not a JSON array of records ({str(exc)[:120]})", path=name) from None
        if not isinstance(array, list):
            raise LoaderError("E121", "not a JSON array of records", path=name)
        numbered = enumerate(array, 1)
    else:
        fh.seek(0)
        numbered = _lines(fh, name)

    for n, rec in numbered:
        if isinstance(rec, str):
            try:
                rec = json.loads(rec)
            except (ValueError, RecursionError) as exc:
                rec = _bad(n, f"not JSON ({str(exc)[:120]}); each line must be one record object", name)
        yield rec if isinstance(rec, LoaderError) else _facts(rec, n, name)


def _facts(rec, n: int, name: str) -> Facts | LoaderError:
    try:
        return record_facts(rec, n=n, name=name)
    except LoaderError as err:
        return err


def _tsv_table(header: list[str]) -> dict | None:
    for table in _table()["COLUMNS"].values():
        if isinstance(table, dict) and all(c in header for c in table["_required"]):
            return table
    return None


def _sniff_tsv(data: bytes) -> bool:
    first = data[:1 << 16].lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace")
    return "\t" in first and _tsv_table([c.strip() for c in first.rstrip("\r").split("\t")]) is not None


@reader("coded-tsv.v1", sniff=_sniff_tsv, stream=True)
def read_coded_tsv(fh, *, name: str):
    """POLECAT and ICEWS tab-separated releases: each row a record, by the column names in ``COLUMNS``; no
    quoting (the releases use none), so each line is one row."""
    lines = _lines(fh, name)
    n, header = next(lines, (0, ""))
    if isinstance(header, LoaderError) or n != 1:
        raise LoaderError("E121", "not a readable table: its first line is not a header", path=name)
    header = [c.strip() for c in header.split("\t")]
    table = _tsv_table(header)
    if table is None:
        raise LoaderError("E121", "not a POLECAT or ICEWS table: the header lacks their event columns", path=name)
    fields = [(i, table.get(c)) for i, c in enumerate(header)]
    for n, line in lines:  # line numbers of the file, the header being line 1
        if isinstance(line, LoaderError):
            yield line
            continue
        row = line.split("\t")
        rec: dict = {"source": [{}], "target": [{}]}
        for i, field in fields:
            if field and i < len(row) and row[i].strip():
                side, _, key = field.partition(".")
                if key:
                    rec[side][0][key] = row[i].strip()
                else:
                    rec[field] = row[i].strip()
        yield _facts({k: ([a for a in v if a] if k in ("source", "target") else v) for k, v in rec.items()}, n, name)
