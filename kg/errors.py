"""Numbered errors of the graph side; the CLI prints them as one line, no traceback.

Codes: E2xx IRIs, E3xx store, E4xx queries and parameters, E5xx export, E6xx CLI input.

>>> str(KgError("E401", "no stored query named 'x'"))
"[E401] no stored query named 'x'"
"""
from __future__ import annotations


class KgError(Exception):
    def __init__(self, code: str, message: str):
        self.code, self.message = code, message
        super().__init__(f"[{code}] {message}")
