"""``txt.v1``: plain text with optional YAML front matter between ``---`` lines.

Front matter keys: ``url``, ``title``, ``published`` (a date; YAML's date objects and strings both
work), ``source`` (the publisher), ``license``; others are ignored. Without front matter nothing is
known but the text: ``published`` stays None, ``source`` is the file name.

>>> [d] = read_text(b"---\\ntitle: Pact\\npublished: 2005-11-14\\n---\\nRussia and Uzbekistan signed a pact.\\n",
...                 name="a.txt")
>>> d.title, d.published, d.source, d.text
('Pact', '2005-11-14', 'a.txt', 'Russia and Uzbekistan signed a pact.')
"""
from __future__ import annotations

import datetime as dt
import re

import yaml

from loaders.errors import LoaderError
from loaders.readers._common import decode, log, make_document
from loaders.registry import reader

_OPEN = re.compile(r"\A\ufeff?---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_KEYS = ("url", "title", "published", "source", "license")
MAX_FRONT_MATTER = 64 * 1024


def _sniff(data: bytes) -> bool:
    # Only front matter with one of our keys marks text by content; plain text is chosen by extension,
    # so that YAML or source files in an ingested folder are not taken for articles.
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if not head.startswith(b"---"):
        return False
    m = re.match(rb"---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*\r?$", head, re.DOTALL | re.MULTILINE)
    return bool(m and re.search(rb"^(?:url|title|published|source|license)[ \t]*:", m.group(1), re.MULTILINE))


def split_front_matter(text: str, *, name: str) -> tuple[dict, str]:
    """(metadata, body) of a text whose front matter, if any, sits between ``---`` lines (E109 if bad)."""
    m = _OPEN.match(text)
    if not m:
        return {}, text
    close = _CLOSE.search(text, m.end())
    if not close:
        raise LoaderError("E109", "front matter opened with '---' on line 1 but never closed; add a '---' line "
                          "after the metadata", path=name)
    raw = text[m.end():close.start()]
    if len(raw) > MAX_FRONT_MATTER:
        raise LoaderError("E109", f"front matter longer than {MAX_FRONT_MATTER} characters; keep only url, title, "
                          "published, source, license", path=name)
    try:
        meta = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" (front matter line {where.line + 1})" if where else ""
        raise LoaderError("E109", f"front matter is not valid YAML{line}: {getattr(exc, 'problem', exc)}; "
                          "quote values that contain ':' or '#'", path=name) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise LoaderError("E109", f"front matter must be 'key: value' lines, not a {type(meta).__name__}", path=name)
    for key in _KEYS:
        # a nested value (or a YAML alias bomb) is no metadata value, and printing it could exhaust memory
        if key in meta and not isinstance(meta[key], (str, int, float, dt.date, type(None))):
            raise LoaderError("E109", f"front matter field {key!r} must be a single value, not a "
                              f"{type(meta[key]).__name__}", path=name)
    unknown = sorted(str(k) for k in meta if k not in _KEYS)
    if unknown:
        log.debug("%s: front matter keys ignored: %s", name, ", ".join(unknown))
    return meta, text[close.end():].lstrip("\n")


@reader("txt.v1", extensions=(".txt", ".text", ".md"), sniff=_sniff)
def read_text(data: bytes, *, name: str):
    text = decode(data, name=name)
    meta, body = split_front_matter(text, name=name)
    yield make_document(text=body, name=name, reader="txt.v1", url=meta.get("url"), title=meta.get("title"),
                        published=meta.get("published"), publisher=meta.get("source"), license=meta.get("license"))
