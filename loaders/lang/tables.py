"""A language's word tables: the JSON files in ``loaders/lang/<lang>/`` (SOURCES.md there says where each comes
from). Every reader loads its tables here, so the files' shape is read in one place and another language is
another folder.

>>> "january" in load("dates")["MONTH_NAMES"]["words"]
True
>>> alternation(["St.", "a|b"])
'St\\\\.|a\\\\|b'
"""
from __future__ import annotations

import json
import re
from importlib import resources


def load(name: str, lang: str = "en") -> dict:
    """The table file ``loaders/lang/<lang>/<name>.json``: {key: {"_about": why, "words"/"values"/...: data}}."""
    with resources.files(f"loaders.lang.{lang}").joinpath(f"{name}.json").open(encoding="utf-8") as f:
        return json.load(f)


class Tables:
    """One table file read once, with its tables in the shapes the readers use.

    >>> Tables("dates").words("MONTH_NAMES") >= {"january"}
    True
    """

    def __init__(self, name: str, lang: str = "en"):
        self.data = load(name, lang)

    def words(self, key: str) -> frozenset[str]:
        return frozenset(self.data[key]["words"])

    def ordered(self, key: str) -> tuple[str, ...]:
        """A table's words in their order (the alternatives of a regex)."""
        return tuple(self.data[key]["words"])

    def values(self, key: str) -> dict:
        return dict(self.data[key]["values"])


def alternation(words) -> str:
    """A regex alternation of literal words, in their order (put longer alternatives first in the data)."""
    return "|".join(re.escape(w) for w in words)
