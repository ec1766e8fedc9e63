"""Readers (bytes -> Document) and extractors (Document -> Facts), registered by name."""
from loaders.model import Alignment, Document, Entity, Event, Facts, Span
from loaders.registry import extractor, get_extractor, get_reader, reader

__all__ = ["Alignment", "Document", "Entity", "Event", "Facts", "Span", "extractor", "get_extractor",
           "get_reader", "reader"]
