"""Built-in readers (bytes -> Documents), registered by name: ``txt.v1``, ``html.v1``, ``rss.v1``, ``jsonl.v1``.

How a reader reports bad input:

- input that cannot be read at all (empty, binary, wrong encoding, unparsable, entity declarations)
  makes the reader *raise* :class:`~loaders.errors.LoaderError`;
- in a multi-article input (feed, JSON Lines) a bad item is *yielded* as a LoaderError in its place,
  naming the item (``line 7: ...``, ``entry 3: ...``), and the reader goes on with the next item.

So a reader yields ``Document | LoaderError``; :func:`loaders.files.iter_documents` passes both on,
and :func:`loaders.files.read_bytes` collects the errors or raises the first one. Error codes are
listed in :mod:`loaders.errors`.
"""
from loaders.readers import feed, html, jsonl, text  # noqa: F401
from loaders.readers._common import MAX_TEXT_BYTES  # noqa: F401
