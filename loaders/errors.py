"""Numbered errors that say what went wrong and how to fix it (as spaCy's do).

Loader codes (readers, the file walker, the registry):

====  =====================================================================
E100  no reader registered under that name
E101  empty file
E102  no extractor registered under that name
E103  binary content (NUL bytes or control characters), not text
E104  not valid UTF-8 (or the BOM's encoding) and no other encoding fits
E105  a lone surrogate in the text or metadata (bad ``\\ud800`` escape)
E106  larger than ``MAX_TEXT_BYTES`` (5 MiB)
E107  file cannot be read (permissions, not a regular file)
E108  no such file or folder
E109  bad YAML front matter (not closed, invalid YAML, nested values)
E110  XML entity declarations / DOCTYPE internal subset refused (billion laughs)
E111  HTML that cannot be parsed or has no article text
E112  feed that cannot be parsed or has no entries
E113  feed with more than ``MAX_FEED_ENTRIES`` entries: the rest were not read
E114  bad JSON Lines line (not JSON, not an object, no ``text``, wrong types)
E115  no reader recognises the content or the extension
E116  no article text (empty, or only page furniture)
E117  no readers or extractors registered: the package is not installed (its entry points are missing)
E119  a reader crashed: a bug in the reader, not in the input
E120  the extractor crashed on a document: a bug in the extractor; the other documents still go in
E121  bad coded-event record (PLOVER JSON, POLECAT/ICEWS row): not JSON, not an object, not UTF-8, longer than
      1 MiB, no category, not a PLOVER category, no source actor
E122  a JSON array of coded records larger than ``MAX_TEXT_BYTES``: write them as JSON Lines, read record by record
====  =====================================================================

>>> str(LoaderError("E101", "empty file", path="a.txt"))
'[E101] a.txt: empty file'
"""
from __future__ import annotations


class LoaderError(Exception):
    """A document that cannot be read; carries a code so users can look it up."""

    def __init__(self, code: str, message: str, *, path: str | None = None):
        self.code, self.message, self.path = code, message, path
        super().__init__(f"[{code}] {path + ': ' if path else ''}{message}")
