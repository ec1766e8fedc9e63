"""Shared fixtures: a store holding the hand-written fixture graph (independent of the NLP)."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.store import Store
from kg.descriptions import share_descriptions
from kg import summaries

FIXTURES = Path(__file__).parent / "fixtures"
DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


@pytest.fixture
def fixture_store() -> Store:
    store = Store()
    store.ensure_ontology()
    store.oxigraph.load(path=str(FIXTURES / "graph.trig"), format=ox.RdfFormat.TRIG)
    share_descriptions(store.oxigraph)  # the fixtures are hand-written with each graph describing its entities
    summaries.rebuild(store.oxigraph)  # loaded around the Store, so its summaries are computed here
    return store
