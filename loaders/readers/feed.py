"""``rss.v1``: RSS 0.9x/1.0/2.0 and Atom feeds -> one Document per entry, parsed by feedparser.

Each entry's full content (else its summary) becomes the text, stripped of HTML; ``link`` is the url,
``published`` (else ``updated``, which Atom requires and many feeds use alone) the date, the feed's
title the publisher. An entry that cannot be used is reported by yielding a LoaderError in its place
and the other entries still come through (see :mod:`loaders.readers`).
"""
from __future__ import annotations

import io
import re

from loaders.errors import LoaderError
from loaders.readers._common import check_bytes, iso_date, make_document, refuse_xml_entities
from loaders.readers.html import first_markup
from loaders.registry import reader

# The input is at most MAX_TEXT_BYTES, so memory is bounded anyway; the cap keeps one runaway feed from
# flooding the graph. Entries past it are not read, and one error says how many were left.
MAX_FEED_ENTRIES = 10_000
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table",
          "section", "article", "pre", "hr", "figure", "figcaption", "dd", "dt"}


def _sniff(data: bytes) -> bool:
    head = data[:65536]
    start = first_markup(head)
    if start.startswith(b"<!doctype"):  # a DOCTYPE before the root (RSS 0.91 has one): look past it
        end = head.find(b">", head.lower().find(b"<!doctype"))
        start = first_markup(head[end + 1:]) if end > 0 else b""
    return start.startswith((b"<rss", b"<feed", b"<rdf:rdf", b"<rdf "))


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element (paragraphs stay paragraphs).

    >>> html_to_text("<p>Talks began.</p><p>They <b>ended</b> &amp; left.</p>")
    'Talks began.\\nThey ended & left.'
    """
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    fragment = _XML_INVALID.sub("", fragment)  # lxml refuses to hold them in a tree
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml's errors on broken fragments vary; fall back to dropping tags
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for el in root.iter():
        if not isinstance(el.tag, str):  # comments and processing instructions are not text
            el.text = None
            continue
        if el.tag in ("script", "style"):
            el.text = None
        elif el.tag in _BLOCK:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
    text = root.text_content()
    lines = (" ".join(ln.split()) for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if ln)


def _entry_text(entry) -> str:
    for item in entry.get("content") or ():
        value = item.get("value") or ""
        if value.strip():
            return html_to_text(value) if "html" in (item.get("type") or "html") else value
    summary = entry.get("summary") or ""
    return html_to_text(summary)


def _entry_date(entry) -> str | None:
    # the date as written first (feedparser's *_parsed are shifted to UTC, which can change the day)
    for key in ("published", "updated"):
        # dict.get skips FeedParserDict's deprecated updated<->published key aliasing
        date = iso_date(dict.get(entry, key)) or iso_date(dict.get(entry, key + "_parsed"))
        if date:
            return date
    return None


@reader("rss.v1", extensions=(".rss", ".atom", ".rdf"), sniff=_sniff)
def read_feed(data: bytes, *, name: str):
    check_bytes(data, name=name)
    refuse_xml_entities(data, name=name)
    import feedparser

    try:
        # a stream, never a str: feedparser fetches strings that look like URLs and opens ones that look like paths
        feed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser's sgmllib fallback raises odd errors on odd bytes
        raise LoaderError("E112", f"feed could not be parsed ({type(exc).__name__}: {exc})", path=name) from None
    if not feed.entries:
        why = f": {feed.bozo_exception}" if feed.get("bozo") else ""
        raise LoaderError("E112", f"no feed entries found{why}; is this an RSS or Atom feed?", path=name)
    publisher = feed.feed.get("title")
    for i, entry in enumerate(feed.entries, 1):
        if i > MAX_FEED_ENTRIES:
            yield LoaderError("E113", f"{len(feed.entries) - MAX_FEED_ENTRIES} entries past the first "
                              f"{MAX_FEED_ENTRIES} were not read; split the feed into smaller files", path=name)
            return
        link = entry.get("link")
        try:
            yield make_document(
                text=_entry_text(entry), name=name, reader="rss.v1", url=link, title=entry.get("title"),
                published=_entry_date(entry),
                publisher=publisher, license=entry.get("license") or feed.feed.get("rights"),
                source=link or f"{name}#{entry.get('id') or i}")
        except LoaderError as err:
            yield LoaderError(err.code, f"entry {i}{' (' + link + ')' if link else ''}: {err.message}", path=name)
