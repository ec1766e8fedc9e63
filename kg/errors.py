"""Numbered errors of the graph side; the CLI prints them as one line, no traceback.

Codes: E2xx IRIs and the ontology release, E3xx store, E4xx queries and parameters, E5xx export,
E6xx CLI input, E7xx the HTTP server (kg/server), E8xx RDF input, removal and duplicate sources
(kg/rdf_input.py, kg/remove.py, kg/ingest.py), E9xx remote endpoints and Spark (kg/remote.py, kg/spark.py).
Loader codes (E1xx) are listed in loaders/errors.py.

>>> str(KgError("E401", "no stored query named 'x'"))
"[E401] no stored query named 'x'"
"""
from __future__ import annotations


class KgError(Exception):
    def __init__(self, code: str, message: str):
        self.code, self.message = code, message
        super().__init__(f"[{code}] {message}")
