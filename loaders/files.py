"""Files and folders -> Documents, choosing each file's reader; bad files become errors, the walk goes on.

Choosing a reader: content first (each registered reader's ``sniff``: ``<html``/``<!doctype html`` for
HTML, ``<rss``/``<feed``/``<rdf:RDF`` for feeds, a JSON object on the first line for JSON Lines, YAML
front matter with article keys for text), then the file extension, then: a file *without* extension is
read as text. A file whose extension no reader claims and whose content no reader recognises
(``gold/*.yaml``, ``.csv``, images) is not an article: it is skipped and logged at debug level, not
reported as an error. Hidden files and folders (``.name``) are skipped.

>>> [d] = read_bytes(b"Russia and Uzbekistan signed a treaty.", name="a.txt")
>>> d.reader, d.source, d.published
('txt.v1', 'a.txt', None)
"""
from __future__ import annotations

import dataclasses
import io
import logging
import os
import stat
from pathlib import Path
from typing import Iterable, Iterator

from loaders.errors import LoaderError
from loaders.model import Document, Facts
from loaders.readers._common import MAX_TEXT_BYTES
from loaders.registry import ReaderSpec, get_spec, readers

__all__ = ["MAX_TEXT_BYTES", "choose_reader", "iter_documents", "read_bytes"]

log = logging.getLogger("loaders.files")
_SNIFF_BYTES = 1 << 20
_PLAIN_TEXT = "txt.v1"


def choose_reader(data: bytes, *, name: str) -> str | None:
    """Name of the reader for these bytes: sniffed content, else extension, else text if there is no extension.

    >>> choose_reader(b"<!DOCTYPE html><html><body>x</body></html>", name="page.txt")
    'html.v1'
    >>> choose_reader(b"doc: a.txt", name="gold.yaml") is None
    True
    """
    specs: dict[str, ReaderSpec] = readers()
    head = data[:_SNIFF_BYTES]
    for spec in specs.values():
        if spec.sniff is None:
            continue
        try:
            if spec.sniff(head):
                return spec.name
        except Exception as exc:  # a plugin's sniffer must not stop the walk
            log.warning("sniffer of %s failed on %s: %r", spec.name, name, exc)
    suffix = Path(name).suffix.lower()
    for spec in specs.values():
        if suffix and suffix in spec.extensions:
            return spec.name
    return _PLAIN_TEXT if not suffix else None


def _run(fn, data: bytes, *, name: str, reader: str, path: str | None,
         raise_errors: bool = False) -> Iterator[Document | LoaderError]:
    """Run one reader, giving its Documents the file path and its errors the full path.

    A LoaderError the reader raises (the whole input is bad) is yielded, or re-raised if ``raise_errors``.
    """
    where = path or name

    def relabel(err: LoaderError) -> LoaderError:
        return err if err.path == where else LoaderError(err.code, err.message, path=where)

    try:
        for item in fn(data, name=name):
            if isinstance(item, LoaderError):
                yield relabel(item)
            elif isinstance(item, Facts):  # pre-coded records (plover.v1): the facts of their own source
                if path is not None and item.document.path is None:
                    item.document = dataclasses.replace(item.document, path=path)
                yield item
            elif path is not None and item.path is None:
                yield dataclasses.replace(item, path=path)
            else:
                yield item
    except LoaderError as err:
        if raise_errors:
            raise relabel(err) from None
        yield relabel(err)
    except Exception as exc:  # a reader's bug must not end the walk; say whose it is
        log.debug("reader %s crashed on %s", reader, where, exc_info=True)
        crash = LoaderError("E119", f"reader {reader} failed ({type(exc).__name__}: {exc}); this is a bug in the "
                          "reader, please report it with the file", path=where)
        if raise_errors:
            raise crash from exc
        yield crash


def read_bytes(data: bytes, *, name: str, reader: str | None = None,
               errors: list[LoaderError] | None = None) -> list[Document]:
    """Documents in ``data`` (``name`` is its file name, used for the extension and as ``source``).

    Unreadable input raises LoaderError. Per-item errors (a bad JSON Lines line, a bad feed entry)
    are appended to ``errors`` when a list is given, else the first is raised.
    """
    if reader is None:
        reader = choose_reader(data, name=name)
        if reader is None:
            raise LoaderError("E115", f"no reader recognises this content or the extension {Path(name).suffix!r}; "
                              f"known: {', '.join(sorted(readers()))}. Pass reader=... or add one with @reader",
                              path=name)
    spec = get_spec(reader)
    docs: list[Document] = []
    for item in _run(spec.fn, io.BytesIO(data) if spec.stream else data, name=name, reader=reader, path=None,
                     raise_errors=True):
        if isinstance(item, LoaderError):
            if errors is None:
                raise item
            errors.append(item)
        else:
            docs.append(item)
    return docs


def _walk(path: Path, exclude: frozenset[Path] = frozenset()) -> Iterator[Path]:
    """Files under a folder, sorted, without hidden files or folders nor ``exclude``d folders (resolved);
    symlinked folders are not followed."""
    for root, dirs, files in os.walk(path, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (Path(root) / d).resolve() not in exclude)
        for f in sorted(files):
            if not f.startswith("."):
                yield Path(root) / f


def _read_file(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes; with ``limit``, only its first ``limit`` bytes (and no size check)."""
    where = str(path)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):  # opening a FIFO or device would block or never end
            raise LoaderError("E107", "not a regular file (a pipe, socket or device); give article files only",
                              path=where)
        size = st.st_size
        if limit is not None:
            with open(path, "rb") as fh:
                return fh.read(limit)
        if size > MAX_TEXT_BYTES:
            raise LoaderError("E106", f"{size} bytes is more than the {MAX_TEXT_BYTES}-byte limit for one input; "
                              "split it into one file per article", path=where)
        with open(path, "rb") as fh:
            data = fh.read(MAX_TEXT_BYTES + 1)  # the file may have grown since stat
    except PermissionError:
        raise LoaderError("E107", "cannot read the file (permission denied); check its permissions",
                          path=where) from None
    except OSError as exc:
        raise LoaderError("E107", f"cannot read the file ({exc.strerror or exc}); check that it is a regular file",
                          path=where) from None
    if len(data) > MAX_TEXT_BYTES:
        raise LoaderError("E106", f"more than the {MAX_TEXT_BYTES}-byte limit for one input; split it into one "
                          "file per article", path=where)
    return data


def _documents_of_file(path: Path, reader: str | None) -> Iterator[Document | LoaderError]:
    name = path.name
    try:
        head = _read_file(path, limit=_SNIFF_BYTES)  # enough to choose the reader
        chosen = reader or choose_reader(head, name=name)
        if chosen is None:
            log.debug("skipped %s: no reader claims %r and no reader recognises its content", path, path.suffix)
            return
        spec = get_spec(chosen)
        if spec.stream:  # coded-event records, one at a time: a file of any size in bounded memory
            with open(path, "rb") as fh:
                yield from _run(spec.fn, fh, name=name, reader=chosen, path=str(path))
            return
        data = head if len(head) < _SNIFF_BYTES else _read_file(path)  # a small file was read whole already
    except LoaderError as err:
        yield err
        return
    except OSError as exc:
        yield LoaderError("E107", f"cannot read the file ({exc.strerror or exc})", path=str(path))
        return
    yield from _run(spec.fn, data, name=name, reader=chosen, path=str(path))


def iter_documents(paths: Iterable[str | Path], *, reader: str | None = None,
                   exclude: Iterable[str | Path] = ()) -> Iterator[Document | LoaderError]:
    """Documents from files and folders (recursively, sorted), and one LoaderError per bad file or item.

    ``reader`` forces one reader for every file instead of choosing by content and extension;
    folders in ``exclude`` (such as the store itself) are not entered.
    """
    skip = frozenset(Path(e).resolve() for e in exclude)
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in _walk(path, skip):
                yield from _documents_of_file(f, reader)
        elif path.exists() or path.is_symlink():
            yield from _documents_of_file(path, reader)
        else:
            yield LoaderError("E108", "no such file or folder; check the path", path=str(path))
