"""Random byte-level damage for property tests: insert junk, delete a run, or flip a byte."""
from __future__ import annotations

import random

JUNK = [b"\x00", b"\xff", b"\xed\xa0\x80", b"<", b">", b"&#xD800;", b"---\n", b"{", b'"', b"\n", b"<!ENTITY",
        b"]]>", b"&", b"\\ud800", b"<html>", b"<rss>"]


def mutate(data: bytes, seed: int, n: int, junk: list[bytes] = JUNK) -> bytes:
    """``data`` with ``n`` random edits drawn from ``seed`` (the same seed gives the same damage).

    >>> mutate(b"abc", 1, 0)
    b'abc'
    """
    rng = random.Random(seed)
    out = bytearray(data)
    for _ in range(n):
        i = rng.randrange(len(out) + 1)
        op = rng.randrange(3)
        if op == 0:
            out[i:i] = rng.choice(junk)
        elif op == 1:
            del out[i:i + rng.randrange(1, 40)]
        else:
            out[i:i + 1] = bytes([rng.randrange(256)])
    return bytes(out)
