"""Numbered errors that say what went wrong and how to fix it (as spaCy's do).

>>> str(LoaderError("E101", "empty file", path="a.txt"))
'[E101] a.txt: empty file'
"""
from __future__ import annotations


class LoaderError(Exception):
    """A document that cannot be read; carries a code so users can look it up."""

    def __init__(self, code: str, message: str, *, path: str | None = None):
        self.code, self.message, self.path = code, message, path
        super().__init__(f"[{code}] {path + ': ' if path else ''}{message}")
