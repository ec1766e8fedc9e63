"""The news extractor: spaCy + gazetteer + rules, Document -> Facts."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from loaders.extract.alignments import find_alignments
from loaders.extract.entities import find_entities
from loaders.extract.events import find_events
from loaders.extract.nlp import nlp
from loaders.model import Document, Facts
from loaders.registry import extractor


@extractor("news.v1")
def extract(doc: Document, *, parsed=None) -> Facts:
    """Read the facts of one document; ``parsed`` is its spaCy Doc if already parsed."""
    parsed = parsed if parsed is not None else nlp()(doc.text)
    entities = find_entities(doc, parsed)
    events, before = find_events(doc, parsed, entities)
    alignments = find_alignments(doc, parsed, entities)
    return Facts(document=doc, entities=entities, events=events, alignments=alignments, before=before)


def extract_many(docs: Iterable[Document], *, batch_size: int = 16) -> Iterator[Facts]:
    """Like :func:`extract` over many documents, parsing them with ``nlp.pipe`` for speed."""
    docs = list(docs)
    for doc, parsed in zip(docs, nlp().pipe((d.text for d in docs), batch_size=batch_size)):
        yield extract(doc, parsed=parsed)
