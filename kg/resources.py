"""Where the project's own files are: the source checkout's top-level folders, or the copies a
wheel carries under ``kg/_data``.

>>> (resource_dir("queries") / "entities.rq").exists()
True
"""
from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def resource_dir(name: str) -> Path:
    """The folder ``name`` (``queries``, ``ontology``) of this installation."""
    for candidate in (_PKG.parent / name, _PKG / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"[E001] the project folder {name!r} is missing from this installation; reinstall geokg")
