"""Page furniture in plain text: what a web page wraps around an article but is not the article.

Readers call :func:`strip_furniture` on every body so that headlines of *other* stories, promo lines
and agency credit lines never reach the extractors (a related headline such as "Germany Likely To
Leave Uzbek Base" would otherwise become an event of this article). Agencies named in credit lines
are provenance, returned as ``credits``. The rules are line-based and general:

- a furniture heading ("Related articles", "See also", "Read more", "More on this story", "Most
  popular", ...) starts a zone that is dropped until prose resumes (two or more sentences, or one
  sentence of 10+ words that is not a labelled teaser like "VIDEO: ..."); promo lines go with it;
- runs of three or more headline-like lines (short, mostly capitalised, no sentence punctuation) are
  link lists; headline-like lines at the very end are orphaned labels ("CHRONOLOGY");
- promo lines ("click here", "Subscribe to our newsletter", "Share this story") are dropped;
- credit lines ("(Reuters, AP, AFP)", "— Reuters", "Reporting by Reuters") and dateline credits
  ("MOSCOW (Reuters) - ") are removed and their agencies kept.

A single short title line between prose paragraphs is a subheading and is kept; prose is never
dropped outside a furniture zone.

>>> c = strip_furniture("Russia signed the treaty.\\n(Reuters, AP)\\nRelated stories\\nA Base Closes\\n")
>>> c.text, c.credits
('Russia signed the treaty.', ('Reuters', 'AP'))
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from loaders import gazetteer
from loaders.lang import tables

_TABLES = tables.load("furniture")

# Wire services and news agencies whose name alone on a line is a credit, not body text: the gazetteer's list
# (loaders/data/curated.json), so one list says what an agency is
AGENCIES = tuple(gazetteer.AGENCIES)
_AG = "|".join(sorted((re.escape(a) for a in AGENCIES), key=len, reverse=True))
_AGENCY = rf"(?:{_AG})(?![\w-])"
_AGENCY_LIST = rf"{_AGENCY}(?:\s*(?:,|;|/|&|(?i:\band\b))\s*{_AGENCY})*"
# "(Reuters, AP, AFP)", "— Reuters", "Reporting by Reuters and AFP", "Compiled from agency reports"
_CREDIT_LINE = re.compile(
    rf"^[\(\[]?\s*(?:[-–—]+\s*)?"
    + _TABLES["CREDIT_LEAD"]["pattern"]
    + rf"(?P<agencies>{_AGENCY_LIST})"
    + _TABLES["CREDIT_TAIL"]["pattern"]
    + rf"\s*[\)\]]?\s*\.?$"
)
_AGENCY_REPORTS = re.compile(_TABLES["AGENCY_REPORTS"]["pattern"])
# "MOSCOW (Reuters) - " at the start of the first paragraph: the place is a dateline, not a sentence.
_DATELINE = re.compile(rf"^(?P<place>[A-Z][A-Z .'/-]{{1,30}}(?:,\s*[A-Z][\w .'-]{{1,30}})?)\s*\((?P<agencies>{_AGENCY_LIST})\)\s*[-–—:]+\s*")

# English page furniture: loaders/lang/en/furniture.json says what each pattern is for
_HEADING = re.compile(_TABLES["HEADING"]["pattern"], re.IGNORECASE)
_PROMO = re.compile(_TABLES["PROMO"]["pattern"], re.IGNORECASE)
PROMO_MAX_WORDS = 40  # a promo line is short; a long paragraph that happens to say "click here" is kept
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+[\"'“‘(\[]?[A-Z0-9]")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w.,:/-]*")
_SMALL = frozenset(_TABLES["SMALL_WORDS"]["words"])

HEADLINE_MAX_WORDS = 14
PROSE_MIN_WORDS = 40  # a paragraph this long is body text even if it is one sentence
SENTENCE_MIN_WORDS = 10  # a one-sentence paragraph this long ends a furniture zone
_LABEL = re.compile(r"^[A-Z0-9][A-Z0-9 ,'&/-]{2,40}:\s")  # "THE COMPLETE STORY: ", "VIDEO: "
LIST_MIN_LINES = 3  # fewer consecutive headline-like lines may be subheadings, which are kept


@dataclass(frozen=True)
class Cleaned:
    """Body text without furniture, the agencies credited, and the lines removed (for debugging)."""

    text: str
    credits: tuple[str, ...] = ()
    removed: tuple[str, ...] = field(default=(), repr=False)


def credit_agencies(line: str) -> tuple[str, ...] | None:
    """Agencies named by a credit line, or None if the line is not one.

    >>> credit_agencies("(Reuters, AP, AFP)")
    ('Reuters', 'AP', 'AFP')
    >>> credit_agencies("— Reuters") , credit_agencies("Reuters said on Monday that talks failed.")
    (('Reuters',), None)
    """
    m = _CREDIT_LINE.match(line.strip())
    if not m:
        return None
    return tuple(re.findall(_AGENCY, m.group("agencies")))


def is_headline_like(line: str) -> bool:
    """A short line without sentence punctuation whose words are mostly capitalised (a title or label).

    >>> is_headline_like("Putin Defends Ties With Uzbekistan, Belarus, Iran"), is_headline_like("CHRONOLOGY")
    (True, True)
    >>> is_headline_like("Moscow has supported the Uzbek government.")
    False
    """
    s = line.strip()
    if not s or _SENTENCE_END.search(s) and not s.endswith("..."):
        return False
    if s[-1] in ",;:":  # a salutation or lead-in ("Ladies and gentlemen,") continues into prose
        return False
    words = _WORD.findall(s)
    if not words or len(words) > HEADLINE_MAX_WORDS:
        return False
    content = [w for w in words if w.lower() not in _SMALL and w[0].isalpha()]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.6


def is_prose(line: str) -> bool:
    """Body text for certain: two or more sentences, or a long paragraph."""
    s = line.strip()
    return bool(_SENTENCE_BREAK.search(s) and _SENTENCE_END.search(s)) or len(_WORD.findall(s)) >= PROSE_MIN_WORDS


def _resumes(line: str) -> bool:
    """Body text again after a furniture heading: prose, or a full sentence that is not a labelled teaser.

    Link lists carry teasers such as "THE COMPLETE STORY: A dedicated webpage ..." or "VIDEO: ...".
    """
    s = line.strip()
    if is_prose(s):
        return True
    return (bool(_SENTENCE_END.search(s)) and len(_WORD.findall(s)) >= SENTENCE_MIN_WORDS
            and not _LABEL.match(s) and not _PROMO.search(s))


def _is_promo(line: str) -> bool:
    return bool(_PROMO.search(line)) and len(_WORD.findall(line)) <= PROMO_MAX_WORDS


def strip_furniture(text: str) -> Cleaned:
    """Remove page furniture from plain text; see the module docstring for the rules.

    >>> strip_furniture("Talks began.\\nSubscribe to our newsletter\\nThey ended.").text
    'Talks began.\\nThey ended.'
    """
    lines = text.split("\n")
    keep = [True] * len(lines)
    credits: list[str] = []

    def add_credits(found):
        for a in found:
            if a not in credits:
                credits.append(a)

    # 1. credit lines and dateline credits
    first_body = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    for i, ln in enumerate(lines):
        if not ln.strip():
            continue
        found = credit_agencies(ln)
        if found:
            keep[i] = False
            add_credits(found)
        elif _AGENCY_REPORTS.match(ln.strip()):
            keep[i] = False
        elif i == first_body or (i > 0 and not lines[i - 1].strip()):
            m = _DATELINE.match(ln)
            if m:
                add_credits(re.findall(_AGENCY, m.group("agencies")))
                lines[i] = ln[m.end():]

    # 2. furniture zones: from a heading until prose resumes
    i = 0
    while i < len(lines):
        if keep[i] and _HEADING.match(lines[i].strip()):
            keep[i] = False
            j = i + 1
            while j < len(lines) and not (keep[j] and _resumes(lines[j])):
                keep[j] = False
                j += 1
            i = j
        else:
            i += 1

    # 3. promo lines anywhere
    for i, ln in enumerate(lines):
        if keep[i] and _is_promo(ln):
            keep[i] = False

    # 4. runs of headline-like lines (blank lines inside a run do not end it)
    run: list[int] = []
    for i in range(len(lines) + 1):
        ln = lines[i] if i < len(lines) else "."
        if i < len(lines) and (not ln.strip() or not keep[i]):
            continue
        if i < len(lines) and is_headline_like(ln):
            run.append(i)
            continue
        if len(run) >= LIST_MIN_LINES:
            for k in run:
                keep[k] = False
        run = []

    # 5. headline-like lines left dangling at the end ("CHRONOLOGY", a lone "More")
    for i in range(len(lines) - 1, -1, -1):
        if not lines[i].strip() or not keep[i]:
            continue
        if is_headline_like(lines[i]):
            keep[i] = False
            continue
        break

    removed = tuple(ln for ln, k in zip(lines, keep) if not k and ln.strip())
    body = "\n".join(ln.rstrip() for ln, k in zip(lines, keep) if k)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    return Cleaned(body, tuple(credits), removed)
