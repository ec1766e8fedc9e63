"""Normalise date expressions against the publication date, at the precision the text gives.

Returns ``(iso, relation)``: ``iso`` is YYYY, YYYY-MM or YYYY-MM-DD or None; ``relation`` is "before" when the
text only says the event preceded publication ("recently", "has signed").

Choices (documented because the text rarely says more):
* "Monday" .. "Sunday": the latest such day on or before publication (news reports the past; a paper dated on
  a Monday that says "on Monday" means that day).
* "last week": the month of that week if the whole week lies in one month, else its year; "last month",
  "last year", "this year", "this month" at month/year precision.
* "July 29", "in May" (no year): the publication year, or the year before when that would put the date more
  than a week after publication.
* Anything relative or year-less with no publication date stays None: never invented.

>>> normalise("July 29", "2005-08-01")
('2005-07-29', None)
>>> normalise("May 2005", None)
('2005-05', None)
>>> normalise("last week", "2005-08-01")
('2005-07', None)
>>> normalise("recently", "2005-08-01")
(None, 'before')
>>> normalise("Monday", None)
(None, None)
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from loaders.lang import tables


# the words live in loaders/lang/en/dates.json (one key per table, each saying what it is for); the regexes
# below are date formats with those words put in
_DATA = tables.load("dates")
MONTH_NAMES: tuple[str, ...] = tuple(_DATA["MONTH_NAMES"]["words"])
MONTH_ABBREVIATIONS: dict[str, int] = dict(_DATA["MONTH_ABBREVIATIONS"]["values"])
MONTHS: dict[str, int] = {**{m: i + 1 for i, m in enumerate(MONTH_NAMES)}, **MONTH_ABBREVIATIONS}
WEEKDAYS: dict[str, int] = {d: i for i, d in enumerate(_DATA["WEEKDAYS"]["words"])}
MONTH_PREFIXES: tuple[str, ...] = tuple(_DATA["MONTH_PREFIXES"]["words"])  # "in May", "early June"
MONTH_PREFIXES_JOINED: tuple[str, ...] = tuple(_DATA["MONTH_PREFIXES_JOINED"]["words"])  # "mid-May"
VAGUE_PAST_WORDS: tuple[str, ...] = tuple(_DATA["VAGUE_PAST"]["words"])
PUBLICATION_DAY: tuple[str, ...] = tuple(_DATA["PUBLICATION_DAY"]["words"])  # "today", "this morning"
PRECEDING: tuple[str, ...] = tuple(_DATA["PRECEDING"]["words"])  # "last week"
CURRENT: tuple[str, ...] = tuple(_DATA["CURRENT"]["words"])  # "this month", "earlier this year"
NUMBER_WORDS: dict[str, int] = dict(_DATA["NUMBER_WORDS"]["values"])
ARTICLES: tuple[str, ...] = tuple(_DATA["ARTICLES"]["words"])  # "a week later": one
VAGUE_COUNTS: tuple[str, ...] = tuple(_DATA["VAGUE_COUNTS"]["words"])  # "a few days later"
TIME_UNITS: tuple[str, ...] = tuple(_DATA["TIME_UNITS"]["words"])
DAY_UNITS = frozenset(_DATA["DAY_UNITS"]["words"])  # shifted only from a day-precise date
LATER_WORDS: tuple[str, ...] = tuple(_DATA["LATER_WORDS"]["words"])
EARLIER_WORDS: tuple[str, ...] = tuple(_DATA["EARLIER_WORDS"]["words"])

VAGUE_PAST = re.compile(rf"\b({tables.alternation(VAGUE_PAST_WORDS)})\b", re.I)
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MON = rf"({tables.alternation(MONTH_ABBREVIATIONS)})[a-z]*\.?"
MONTH_DAY_YEAR = re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I)
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON},?\s+(\d{{4}})\b", re.I)
MONTH_YEAR = re.compile(rf"\b{_MON},?\s+(?:of\s+)?(\d{{4}})\b", re.I)
MONTH_DAY = re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*,?\s*\d{{4}})", re.I)
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MON}(?!\s*,?\s*\d{{4}})", re.I)
_MONTH_PREFIX = "|".join([rf"{re.escape(w)}\s+" for w in MONTH_PREFIXES] +
                         [rf"{re.escape(w)}-?\s*" for w in MONTH_PREFIXES_JOINED])
MONTH_ONLY = re.compile(rf"^(?:{_MONTH_PREFIX})*{_MON}$", re.I)
_UNITS = tables.alternation(TIME_UNITS)
PUBLICATION_DAY_RX = re.compile(rf"\b({tables.alternation(PUBLICATION_DAY)})\b")
PRECEDING_RX = {u: re.compile(rf"\b({tables.alternation(PRECEDING)}) {u}\b") for u in TIME_UNITS}  # "last week"
# "this month", "earlier this month"
CURRENT_RX = {u: re.compile("|".join(rf"\b{re.escape(w)} {u}\b" for w in CURRENT))
              for u in TIME_UNITS}
AGO = re.compile(rf"\b(\d+|{tables.alternation(NUMBER_WORDS)}) ({_UNITS})s? ago\b")


def _month(token: str) -> int | None:
    return MONTHS.get(token.lower().rstrip(".")[:4]) or MONTHS.get(token.lower().rstrip(".")[:3])


def _pub(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(str(published)[:10])
    except ValueError:
        return None


def _past_year(month: int, day: int, pub: date) -> int:
    """Publication year, or the year before if the date would fall more than a week after publication."""
    try:
        cand = date(pub.year, month, day)
    except ValueError:
        return pub.year
    return pub.year - 1 if cand > pub + timedelta(days=7) else pub.year


def _week(start: date) -> str:
    end = start + timedelta(days=6)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year:04d}-{start.month:02d}"
    return f"{start.year:04d}" if start.year == end.year else None


@lru_cache(maxsize=4096)
def normalise(text: str, published: str | None) -> tuple[str | None, str | None]:
    """One date expression (a spaCy DATE entity's text) -> (iso, relation)."""
    t = " ".join(text.split()).strip(" ,.;:")
    low = t.lower()
    pub = _pub(published)
    # absolute, most specific first
    for rx, order in ((MONTH_DAY_YEAR, "mdy"), (DAY_MONTH_YEAR, "dmy")):
        m = rx.search(t)
        if m:
            g = m.groups()
            mon, day, yr = (_month(g[0]), int(g[1]), int(g[2])) if order == "mdy" else (_month(g[1]), int(g[0]), int(g[2]))
            if mon and 1 <= day <= 31:
                return f"{yr:04d}-{mon:02d}-{day:02d}", None
    m = MONTH_YEAR.search(t)
    if m and _month(m.group(1)):
        return f"{int(m.group(2)):04d}-{_month(m.group(1)):02d}", None
    for rx, md in ((MONTH_DAY, True), (DAY_MONTH, False)):
        m = rx.search(t)
        if m:
            g = m.groups()
            mon, day = (_month(g[0]), int(g[1])) if md else (_month(g[1]), int(g[0]))
            if mon and 1 <= day <= 31:
                if not pub:
                    return None, None
                return f"{_past_year(mon, day, pub):04d}-{mon:02d}-{day:02d}", None
    m = MONTH_ONLY.match(low)
    if m and _month(m.group(1)):
        mon = _month(m.group(1))
        if not pub:
            return None, None
        return f"{_past_year(mon, 1, pub):04d}-{mon:02d}", None
    years = YEAR.findall(t)
    if years and not re.search(r"\d{4}s\b|years?\b", low):
        return years[0], None  # "in 2001", "1999 and 2000" (the first: when it started)
    if years:
        return None, None  # "the 1990s", "over the years": not a point in time
    # relative to publication
    if PUBLICATION_DAY_RX.search(low):
        return (pub.isoformat(), None) if pub else (None, None)
    if "yesterday" in low:
        return ((pub - timedelta(days=1)).isoformat(), None) if pub else (None, None)
    for name, wd in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", low):
            if not pub:
                return None, None
            back = (pub.weekday() - wd) % 7
            if "last" in low and back == 0:
                back = 7
            return (pub - timedelta(days=back)).isoformat(), None
    if PRECEDING_RX["week"].search(low):
        if not pub:
            return None, None
        return _week(pub - timedelta(days=pub.weekday() + 7)), None
    if CURRENT_RX["week"].search(low):
        return (_week(pub - timedelta(days=pub.weekday())), None) if pub else (None, None)
    if PRECEDING_RX["month"].search(low):
        if not pub:
            return None, None
        prev = pub.replace(day=1) - timedelta(days=1)
        return f"{prev.year:04d}-{prev.month:02d}", None
    if CURRENT_RX["month"].search(low):
        return (f"{pub.year:04d}-{pub.month:02d}", None) if pub else (None, None)
    if PRECEDING_RX["year"].search(low):
        return (f"{pub.year - 1:04d}", None) if pub else (None, None)
    if CURRENT_RX["year"].search(low):
        return (f"{pub.year:04d}", None) if pub else (None, None)
    if VAGUE_PAST.search(low):
        m = AGO.search(low)
        if m and pub:
            return _ago(m.group(1), m.group(2), pub), None
        return None, "before"
    return _fallback(t, pub)


def _ago(n: str, unit: str, pub: date) -> str | None:
    k = int(n) if n.isdigit() else NUMBER_WORDS[n]
    if unit == "day":
        return (pub - timedelta(days=k)).isoformat()
    if unit == "week":
        return _week(pub - timedelta(days=7 * k + pub.weekday()))
    if unit == "month":
        y, m = divmod(pub.year * 12 + pub.month - 1 - k, 12)
        return f"{y:04d}-{m + 1:02d}"
    return f"{pub.year - k:04d}"


def _fallback(text: str, pub: date | None) -> tuple[str | None, str | None]:
    """dateparser for what the rules above do not know; its period gives the precision."""
    # only what names a calendar point; durations ("a year", "180 days") are not dates
    if not pub or not re.search(rf"{_MON}|\d{{1,4}}[/.-]\d{{1,2}}", text, re.I):
        return None, None
    try:
        data = _parser(pub.isoformat()).get_date_data(text)
    except Exception:  # dateparser raises on odd input; an unparsed date is simply unknown
        return None, None
    if not data or not data.date_obj:
        return None, None
    d = data.date_obj.date()
    if d > pub + timedelta(days=7):
        return None, None  # a future date: not when a past event happened
    return {"year": f"{d.year:04d}", "month": f"{d.year:04d}-{d.month:02d}",
            "week": _week(d - timedelta(days=d.weekday()))}.get(data.period, d.isoformat()), None


@lru_cache(maxsize=64)
def _parser(published: str):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "RELATIVE_BASE": datetime.fromisoformat(published), "PREFER_DATES_FROM": "past"})


def add_days(iso: str | None, days: int) -> str | None:
    """ISO day + N days (for deadlines: "180 days" from the note's date); None unless day precision.

    >>> add_days("2005-07-29", 180)
    '2006-01-25'
    """
    if not iso or len(iso) != 10:
        return None
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


_COUNTS = tables.alternation(dict.fromkeys([*ARTICLES, *NUMBER_WORDS, *VAGUE_COUNTS]))  # "a", "an", "one" .. "ten", "a few"
LATER = re.compile(rf"\b(\d+|{_COUNTS})\s+({_UNITS})s?\s+({tables.alternation(LATER_WORDS + EARLIER_WORDS)})\b", re.I)


def shift(text: str, reference: str | None) -> str | None:
    """"three days later", "a week earlier", "two years later" told against a narrative date ``reference``, at
    the precision both allow: days and weeks need a day, months a month, years a year. Vague counts ("a few",
    "several") give the reference's month or year at best.

    >>> shift("Three days later", "2018-03-14")
    '2018-03-17'
    >>> shift("a month earlier", "2021-06-24")
    '2021-05'
    >>> shift("two years later", "1991-09")
    '1993'
    >>> shift("three days later", None) is None
    True
    """
    m = LATER.search(text or "")
    if not m or not reference:
        return None
    n_txt, unit, way = m.group(1).lower(), m.group(2).lower(), m.group(3).lower()
    sign = -1 if way in EARLIER_WORDS else 1
    if n_txt in VAGUE_COUNTS:
        return reference[:7] if unit in DAY_UNITS and len(reference) >= 7 else None
    n = int(n_txt) if n_txt.isdigit() else NUMBER_WORDS.get(n_txt, 1) if n_txt not in ARTICLES else 1
    if unit in DAY_UNITS:
        if len(reference) != 10:
            return None
        return add_days(reference, sign * n * (7 if unit == "week" else 1))
    if unit == "month":
        if len(reference) < 7:
            return None
        y, mo = int(reference[:4]), int(reference[5:7]) + sign * n
        y, mo = y + (mo - 1) // 12, (mo - 1) % 12 + 1
        return f"{y:04d}-{mo:02d}"
    return f"{int(reference[:4]) + sign * n:04d}"
