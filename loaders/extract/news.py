"""The news extractor: spaCy + gazetteer + CAMEO dictionary + rules, Document -> Facts.

The reading itself is a series of registered spaCy components (``loaders.extract.pipeline``); this module
registers it as the ``news.v1`` extractor.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from loaders.extract.pipeline import read, read_many
from loaders.model import Document, Facts
from loaders.registry import extractor


@extractor("news.v1")
def extract(doc: Document, *, parsed=None) -> Facts:
    """Read the facts of one document; ``parsed`` is its spaCy Doc if already parsed."""
    return read(doc, parsed=parsed)


def extract_many(docs: Iterable[Document], *, batch_size: int = 16) -> Iterator[Facts]:
    """Like :func:`extract` over many documents, parsing them with ``nlp.pipe`` for speed."""
    return read_many(docs, batch_size=batch_size)


extract.pipe = extract_many  # kg.ingest parses a batch with nlp.pipe through this
