"""Stored queries: one ``.rq`` per question with a grlc header, parameters bound safely.

Parameters follow BASIL: ``?_name_type`` is required, ``?__name_type`` optional, with ``type`` one of
``iri``, ``literal``, ``integer``, ``xsd_date``. A value is validated and turned into an RDF term whose
escaped form replaces the whole variable token; user text is never pasted into the query. An optional
parameter that is not given stays an unbound variable, so queries test it with ``BOUND``. A literal
parameter listed under grlc's ``enumerate:`` header only takes one of the listed values.

>>> q = load("entities")
>>> q.name, q.params
('entities', [])
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pyoxigraph import Literal, NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat

from kg.errors import KgError
from kg.results import serialize_solutions
from kg.namespaces import PREFIXES
from kg.resources import resource_dir

_PARAM = re.compile(r"[?$](__?)([A-Za-z][A-Za-z0-9]*)_(iri|literal|integer|xsd_date)\b")
_QID = re.compile(r"^Q[1-9][0-9]{0,11}$")
_IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
MAX_VALUE = 500  # characters: no honest parameter is longer
PAGE_PARAMS = ("limit", "offset")  # every stored query takes them: a page of its rows
MAX_PAGE = 10_000  # rows in one page; `limit=all` asks for every row (the CLI streams them)
XSD = PREFIXES["xsd"]


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # iri | literal | integer | xsd_date
    required: bool


@dataclass(frozen=True)
class StoredQuery:
    name: str
    path: Path
    text: str
    header: dict
    params: list[Param]

    @property
    def summary(self) -> str:
        return str(self.header.get("summary", ""))


def queries_dir() -> Path:
    return resource_dir("queries")


def _header(text: str, path: Path) -> dict:
    lines = [line[3:] if line.startswith("#+ ") else line[2:] for line in text.splitlines() if line.startswith("#+")]
    try:
        header = yaml.safe_load("\n".join(lines)) or {}
    except yaml.YAMLError as exc:
        raise KgError("E402", f"{path}: the `#+` header is not YAML ({exc}); see grlc's header format") from exc
    if not isinstance(header, dict) or "summary" not in header:
        raise KgError("E402", f"{path}: the `#+` header needs at least `summary:` (grlc)")
    return header


def load(name: str) -> StoredQuery:
    """The stored query ``name`` (file ``queries/{name}.rq``)."""
    path = queries_dir() / f"{name}.rq"
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", name) or not path.is_file():
        raise KgError("E401", f"no stored query named {name!r}; known: {', '.join(catalogue())}. "
                              "List them with `kg queries`")
    text = path.read_text(encoding="utf-8")
    seen: dict[str, Param] = {}
    for m in _PARAM.finditer(text):
        under, pname, ptype = m.groups()
        seen.setdefault(pname, Param(pname, ptype, under == "_"))
    return StoredQuery(name, path, text, _header(text, path), list(seen.values()))


def catalogue() -> list[str]:
    return sorted(p.stem for p in queries_dir().glob("*.rq"))


def _date_term(param: Param, value: str) -> Literal:
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not m:
        raise KgError("E404", f"parameter {param.name!r}: {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    last = param.name in ("to", "until", "end")  # a period given as its end means its last day
    month_i = int(month) if month else (12 if last else 1)
    if not 1 <= month_i <= 12:
        raise KgError("E404", f"parameter {param.name!r}: month {month} out of range")
    dmax = calendar.monthrange(year, month_i)[1]
    day_i = int(day) if day else (dmax if last else 1)
    if not 1 <= day_i <= dmax:
        raise KgError("E404", f"parameter {param.name!r}: day {day} out of range")
    return Literal(f"{year:04d}-{month_i:02d}-{day_i:02d}", datatype=NamedNode(XSD + "date"))


def resolve_entity(store, value: str, *, param: str = "state") -> NamedNode:
    """An entity named by IRI, Wikidata QID (Q265), ISO code (UZB, UZ) or name (Uzbekistan)."""
    v = value.strip()
    if _IRI.match(v):
        return NamedNode(v)
    if _QID.match(v):
        where = f"?e <{PREFIXES['owl']}sameAs> <http://www.wikidata.org/entity/{v}> ."
    elif re.fullmatch(r"[A-Za-z]{3}", v) and v.isupper():
        where = f"?e <https://w3id.org/geokg/ontology#iso3> {Literal(v)} ."
    else:
        if not re.fullmatch(r"[\w .,'’()-]+", v):
            raise KgError("E405", f"parameter {param!r}: {value!r} is not a name, QID (Q265), ISO code (UZB) or IRI")
        labels = f"{{ ?e <{PREFIXES['rdfs']}label> ?n }} UNION {{ ?e <{PREFIXES['skos']}altLabel> ?n }}"
        # the name as written or capitalised is an index lookup; any other casing scans every label
        exact = " ".join(str(Literal(form)) for form in dict.fromkeys((v, v.title())))
        rows = _entities(store, f"VALUES ?n {{ {exact} }} {labels}", param)
        return rows[0]["e"] if rows else _found(_entities(
            store, f"{labels} FILTER(LCASE(STR(?n)) = LCASE({Literal(v)}))", param), value, param)
    return _found(_entities(store, where, param), value, param)


def _entities(store, where: str, param: str) -> list:
    # FILTER EXISTS, not a join: the union default graph repeats a triple once per document graph, so a
    # join of two such triples of a state named in n documents makes n² rows (minutes at 100 k articles)
    kind = "FILTER EXISTS { ?e a <https://w3id.org/geokg/ontology#State> }" if param in ("state", "other") else ""
    # the copies are made distinct first, so the type is checked once per entity, not once per document
    return list(store.query(f"SELECT ?e WHERE {{ {{ SELECT DISTINCT ?e WHERE {{ {where} }} }} {kind} }} "
                            "ORDER BY ?e LIMIT 2"))


def _found(rows: list, value: str, param: str) -> NamedNode:
    if not rows:
        raise KgError("E405", f"parameter {param!r}: no entity {value!r} in the store; name it by QID (Q265), "
                              "ISO code (UZB), name (Uzbekistan) or IRI")
    return rows[0]["e"]


def _enumeration(query: StoredQuery) -> dict[str, list[str]]:
    """The allowed values of literal parameters, from grlc's ``enumerate:`` header (a list of {name: [values]})."""
    out: dict[str, list[str]] = {}
    for item in query.header.get("enumerate") or []:
        if isinstance(item, dict):
            for name, values in item.items():
                out[str(name)] = [str(v) for v in values or []]
    return out


def bind(query: StoredQuery, values: dict[str, str], store) -> str:
    """The query text with each given parameter replaced by its RDF term."""
    known = {p.name: p for p in query.params}
    for name in values:
        if name not in known:
            allowed = ", ".join(p.name for p in query.params) or "none"
            raise KgError("E403", f"query {query.name!r} has no parameter {name!r}; its parameters: {allowed}")
    terms: dict[str, str] = {}
    # check every value's form before looking any entity up, so the first error is the cheapest one
    for p in sorted(query.params, key=lambda p: p.type == "iri"):
        raw = values.get(p.name)
        if raw is None or raw == "":
            if p.required:
                raise KgError("E403", f"query {query.name!r} needs parameter {p.name!r} "
                                      f"(--param {p.name}=VALUE; {p.type})")
            continue
        raw = str(raw)
        if len(raw) > MAX_VALUE or any(ord(c) < 32 for c in raw):
            raise KgError("E404", f"parameter {p.name!r}: value too long or with control characters")
        if p.type == "iri":
            term = resolve_entity(store, raw, param=p.name)
        elif p.type == "integer":
            if not re.fullmatch(r"-?\d{1,12}", raw.strip()):
                raise KgError("E404", f"parameter {p.name!r}: {raw!r} is not an integer")
            term = Literal(raw.strip(), datatype=NamedNode(XSD + "integer"))
        elif p.type == "xsd_date":
            term = _date_term(p, raw)
        else:
            allowed = _enumeration(query).get(p.name)
            if allowed is not None and raw.strip() not in allowed:
                raise KgError("E404", f"parameter {p.name!r}: {raw!r} is not one of {', '.join(allowed)} "
                                      "(the query's `enumerate:` header)")
            term = Literal(raw.strip() if allowed is not None else raw)
        terms[p.name] = str(term)
    # one pass over the text: a value that spells another parameter's token is not substituted again
    return _PARAM.sub(lambda m: terms.get(m.group(2), m.group(0)), query.text)


def page(query: StoredQuery, values: dict[str, str]) -> tuple[dict[str, str], int | None, int]:
    """The parameters without ``limit``/``offset``, the page size (None: every row) and the offset.

    A query whose header has grlc's ``pagination: N`` (the listings) answers its first N rows unless
    ``limit`` says otherwise; ``limit=all`` asks for every row.

    >>> page(load("events"), {"offset": "200"})
    ({}, 100, 200)
    >>> page(load("timeline"), {"state": "UZB", "limit": "all"})
    ({'state': 'UZB'}, None, 0)
    """
    rest = {k: v for k, v in values.items() if k not in PAGE_PARAMS}
    raw_limit = str(values.get("limit") or "").strip().lower()
    raw_offset = str(values.get("offset") or "0").strip()
    if raw_limit == "all":
        limit = None
    elif raw_limit:
        if not re.fullmatch(r"\d{1,6}", raw_limit) or not 1 <= int(raw_limit) <= MAX_PAGE:
            raise KgError("E404", f"parameter 'limit': {raw_limit!r} is not a page size from 1 to {MAX_PAGE} or `all`")
        limit = int(raw_limit)
    else:
        limit = int(query.header["pagination"]) if query.header.get("pagination") else None
    if not re.fullmatch(r"\d{1,9}", raw_offset):
        raise KgError("E404", f"parameter 'offset': {raw_offset!r} is not a row count (0 or more)")
    return rest, limit, int(raw_offset)


def paged(query: StoredQuery, values: dict[str, str], store) -> tuple[str, int | None, int]:
    """The bound query text of one page (it asks for one row more than the page, to tell whether there is
    more), with the page size and offset of :func:`page`."""
    rest, limit, offset = page(query, values)
    text = bind(query, rest, store)
    if limit is not None:
        text += f"\nLIMIT {limit + 1}"
    if offset:
        text += f"\nOFFSET {offset}"
    return text, limit, offset


@dataclass
class Result:
    """Rows of a SELECT (``vars``, ``rows`` of str|None), a boolean of an ASK, or triples of a CONSTRUCT.

    A page (``limit`` rows from ``offset``) says whether more rows follow (``more``)."""

    raw: object
    vars: list[str] = field(default_factory=list)
    limit: int | None = None
    offset: int = 0

    @property
    def rows(self) -> list[dict[str, str | None]]:
        return [{v: (None if s[v] is None else s[v].value) for v in self.vars} for s in self._page]

    @property
    def more(self) -> bool:
        return self.limit is not None and len(self._solutions) > self.limit

    def serialize(self, fmt: str) -> str:
        if isinstance(self.raw, QueryBoolean):
            return {"json": '{"head":{},"boolean":%s}' % str(bool(self.raw)).lower()}.get(fmt, str(bool(self.raw)))
        if not isinstance(self.raw, QuerySolutions):
            return self.raw.serialize(format=RdfFormat.TURTLE).decode("utf-8")
        if fmt in ("json", "csv"):
            return serialize_solutions(self._page, fmt, len(self._page), self.vars)[0].decode()
        return table(self.vars, self.rows)

    def write(self, fmt: str, out) -> None:
        """Write every row in ``fmt`` (json or csv) to the binary stream ``out`` as the store yields them: a
        full export (``limit=all``) is never held in memory."""
        if self.limit is None and isinstance(self.raw, QuerySolutions) and fmt in ("json", "csv"):
            self.raw.serialize(out, format=QueryResultsFormat.JSON if fmt == "json" else QueryResultsFormat.CSV)
        else:
            out.write((self.serialize(fmt).rstrip("\n") + "\n").encode("utf-8"))

    @property
    def _solutions(self):
        if not hasattr(self, "_cache"):
            self._cache = list(self.raw)
        return self._cache

    @property
    def _page(self):
        return self._solutions if self.limit is None else self._solutions[:self.limit]


def run(name: str, params: dict[str, str] | None = None, *, store) -> Result:
    """Run stored query ``name`` with ``params`` on ``store`` (a kg.store.Store); ``limit`` and ``offset``
    in ``params`` choose a page (see :func:`page`)."""
    q = load(name)
    text, limit, offset = paged(q, params or {}, store)
    raw = store.query(text)
    if isinstance(raw, QuerySolutions):
        return Result(raw, [v.value for v in raw.variables], limit, offset)
    return Result(raw)


def _short(value: str | None) -> str:
    if value is None:
        return ""
    for prefix, ns in PREFIXES.items():
        if value.startswith(ns) and re.fullmatch(r"[\w-]+", value[len(ns):]):
            return f"{prefix}:{value[len(ns):]}"
    return value


def table(columns: list[str], rows: list[dict], *, width: int = 60) -> str:
    """Rows as an aligned text table (IRIs shortened to prefixes, long cells cut).

    >>> print(table(["a"], [{"a": "x"}]))
    a
    -
    x
    """
    cells = [[(_short(r.get(c)) or "").replace("\n", " ") for c in columns] for r in rows]
    cells = [[c if len(c) <= width else c[: width - 1] + "…" for c in row] for row in cells]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    return "\n".join(lines)
