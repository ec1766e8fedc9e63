"""Readers and extractors registered by versioned name, as spaCy registers factories.

A reader turns bytes into Documents: ``fn(data: bytes, *, name: str) -> Iterable[Document]``; a ``stream``
reader (coded-event records) is given a binary file object instead and yields one record's Facts at a time.
An extractor turns one Document into Facts: ``fn(doc: Document) -> Facts`` (pure, no I/O).
Other packages add theirs with the entry-point groups ``kg.readers`` / ``kg.extractors``.

>>> @reader("demo.v1", extensions=(".demo",))
... def _demo(data, *, name):
...     return []
>>> get_reader("demo.v1") is _demo
True
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Callable

from loaders.errors import LoaderError


@dataclass(frozen=True)
class ReaderSpec:
    name: str
    fn: Callable
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool] | None  # recognises the format by content
    stream: bool = False  # reads a binary file object record by record (no whole-file size limit)


READERS: dict[str, ReaderSpec] = {}
EXTRACTORS: dict[str, Callable] = {}
_plugins_loaded = False


def reader(name: str, *, extensions: tuple[str, ...] = (), sniff: Callable[[bytes], bool] | None = None,
           stream: bool = False):
    """Register a reader under ``name`` (e.g. ``"html.v1"``). A ``stream`` reader is given a binary file object
    instead of bytes and must hold only one record at a time: it may read files of any size."""

    def wrap(fn):
        READERS[name] = ReaderSpec(name, fn, tuple(e.lower() for e in extensions), sniff, stream)
        return fn

    return wrap


def extractor(name: str):
    """Register an extractor under ``name`` (e.g. ``"news.v1"``)."""

    def wrap(fn):
        EXTRACTORS[name] = fn
        return fn

    return wrap


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    for group in ("kg.readers", "kg.extractors"):  # the built-ins too (pyproject.toml)
        for ep in entry_points(group=group):
            ep.load()
    if not READERS or not EXTRACTORS:
        raise LoaderError("E117", "no readers or extractors are registered: the package's entry points are "
                          "missing; install it (pip install -e .) rather than running it from a bare source tree")


def get_reader(name: str) -> Callable:
    _load_plugins()
    if name not in READERS:
        raise LoaderError("E100", f"no reader named {name!r}; known: {', '.join(sorted(READERS))}. "
                          f"Add one with @reader({name!r})")
    return READERS[name].fn


def get_extractor(name: str) -> Callable:
    _load_plugins()
    if name not in EXTRACTORS:
        raise LoaderError("E102", f"no extractor named {name!r}; known: {', '.join(sorted(EXTRACTORS))}. "
                          f"Add one with @extractor({name!r})")
    return EXTRACTORS[name]


def get_spec(name: str) -> ReaderSpec:
    get_reader(name)
    return READERS[name]


def readers() -> dict[str, ReaderSpec]:
    _load_plugins()
    return dict(READERS)
