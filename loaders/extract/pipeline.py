"""The news reading as registered spaCy pipeline components that record their results on the ``Doc``.

After the language pipeline has parsed a text (``nlp.py``), the components run in order on the same Doc,
each reading what the earlier ones left there:

==================  ======================================================  =========================
component           reads                                                   records
==================  ======================================================  =========================
``geokg_entities``  ``doc._.geokg_document``, the parse                     ``doc._.geokg_entities``
``geokg_events``    entities                                                ``doc._.geokg_events``, ``doc._.geokg_order``
``geokg_alignments``  entities                                              ``doc._.geokg_alignments``
``geokg_implicit``  events, alignments                                      the actors they need that the text never names
==================  ======================================================  =========================

``read(document)`` runs them in that order on a Doc of the language pipeline and returns
:class:`loaders.model.Facts`; the language pipeline itself is left as it is, so ``nlp()`` stays the bare
parser (long texts are parsed in pieces and joined, :func:`loaders.extract.nlp.parse`). Other spaCy
users can add the components to a pipeline of their own
(``nlp.add_pipe("geokg_entities")`` ...) and set ``doc._.geokg_document`` before they run.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from loaders.extract.alignments import find_alignments
from loaders.extract.entities import find_entities, gazetteer_matches
from loaders.extract.events import find_events
from loaders.extract.groups import national_groups
from loaders.extract.implicit import implicit_entities
from loaders.extract.nlp import parse, parse_many
from loaders.model import Document, Facts

COMPONENTS = ("geokg_entities", "geokg_events", "geokg_alignments", "geokg_implicit")
for _name, _default in (("geokg_document", None), ("geokg_entities", None), ("geokg_events", None),
                        ("geokg_order", None), ("geokg_alignments", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@Language.component("geokg_entities")
def entities_component(doc: Doc) -> Doc:
    """States, people, organisations, bases and agreements, then the national groups among them."""
    found = find_entities(doc._.geokg_document, doc)
    doc._.geokg_entities = found + national_groups(doc, found, gazetteer_matches(doc))
    return doc


@Language.component("geokg_events")
def events_component(doc: Doc) -> Doc:
    doc._.geokg_events, doc._.geokg_order = find_events(doc._.geokg_document, doc, doc._.geokg_entities)
    return doc


@Language.component("geokg_alignments")
def alignments_component(doc: Doc) -> Doc:
    doc._.geokg_alignments = find_alignments(doc._.geokg_document, doc, doc._.geokg_entities)
    doc.user_data.pop("geokg_reading", None)  # the last reader of it: no Doc -> Reading -> Doc cycle left behind
    return doc


@Language.component("geokg_implicit")
def implicit_component(doc: Doc) -> Doc:
    doc._.geokg_entities = doc._.geokg_entities + implicit_entities(
        doc._.geokg_entities, doc._.geokg_events, doc._.geokg_alignments)
    return doc


STAGES = (entities_component, events_component, alignments_component, implicit_component)  # = COMPONENTS


def _facts(document: Document, doc: Doc) -> Facts:
    return Facts(document=document, entities=doc._.geokg_entities, events=doc._.geokg_events,
                 alignments=doc._.geokg_alignments, before=doc._.geokg_order)


def _run(document: Document, doc: Doc) -> Facts:
    doc._.geokg_document = document
    for stage in STAGES:
        doc = stage(doc)
    return _facts(document, doc)


def read(document: Document, *, parsed: Doc | None = None) -> Facts:
    """Facts of one document; ``parsed`` is its Doc when already parsed by the language pipeline."""
    return _run(document, parsed if parsed is not None else parse(document.text))


def read_many(documents: Iterable[Document], *, batch_size: int = 16) -> Iterator[Facts]:
    """Like :func:`read` over many documents, parsing them with ``nlp.pipe`` for speed."""
    documents = list(documents)
    for document, doc in zip(documents, parse_many((d.text for d in documents), batch_size=batch_size)):
        yield _run(document, doc)
