"""``jsonl.v1``: JSON Lines, one article per line.

Each line is an object with ``text`` (required) and optional ``url``, ``title``, ``published``,
``source`` (publisher), ``license``. A bad line is reported by yielding a LoaderError that names its
line number, and the other lines still come through (see :mod:`loaders.readers`).

>>> items = list(read_jsonl(b'{"text": "Russia signed a treaty."}\\nnot json\\n', name="a.jsonl"))
>>> items[0].text, str(items[1]).split(":")[0:2]
('Russia signed a treaty.', ['[E114] a.jsonl', ' line 2'])
"""
from __future__ import annotations

import json

from loaders.errors import LoaderError
from loaders.readers._common import decode, make_document
from loaders.readers.plover import looks_coded
from loaders.registry import reader

_FIELDS = ("text", "url", "title", "published", "source", "license")


def _sniff(data: bytes) -> bool:
    head = data[:1 << 20].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith(b"{"):
        return False
    line = head.split(b"\n", 1)[0]
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return False
    # a line that is a coded event record (PLOVER's "event" / POLECAT's "event_type") is plover.v1's
    return isinstance(obj, dict) and not looks_coded(obj)


def _bad(n: int, why: str, name: str, code: str = "E114") -> LoaderError:
    return LoaderError(code, f"line {n}: {why}", path=name)


@reader("jsonl.v1", extensions=(".jsonl", ".ndjson"), sniff=_sniff)
def read_jsonl(data: bytes, *, name: str):
    text = decode(data, name=name, detect=False)  # JSON is UTF-8 (RFC 8259): no guessing
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield _bad(n, f"not JSON ({str(exc)[:120]}); each line must be one JSON object", name)
            continue
        if not isinstance(obj, dict):
            yield _bad(n, f"a JSON {type(obj).__name__}, not an object like {{\"text\": \"...\"}}", name)
            continue
        if not isinstance(obj.get("text"), str) or not obj["text"].strip():
            yield _bad(n, "no \"text\" string: every line needs the article text", name)
            continue
        wrong = [k for k in _FIELDS if obj.get(k) is not None and not isinstance(obj[k], str)]
        if wrong:
            yield _bad(n, f"{', '.join(wrong)} must be strings", name)
            continue
        try:
            yield make_document(text=obj["text"], name=name, reader="jsonl.v1", url=obj.get("url"),
                                title=obj.get("title"), published=obj.get("published"), publisher=obj.get("source"),
                                license=obj.get("license"), source=obj.get("url") or f"{name}#L{n}")
        except LoaderError as err:
            yield _bad(n, err.message, name, err.code)
