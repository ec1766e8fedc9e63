"""Alignment statements (stub: replaced by the real reader)."""
from __future__ import annotations

from loaders.model import Alignment, Document, Entity


def find_alignments(doc: Document, parsed, entities: list[Entity]) -> list[Alignment]:
    return []
