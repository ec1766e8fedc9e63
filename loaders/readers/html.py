"""``html.v1``: one web page -> one Document, main text and metadata by trafilatura.

trafilatura drops navigation, related-link lists, comments and footers; :mod:`loaders.furniture`
then removes what survives inside the article body (credit lines, promo lines). The date is the
page's own publication date (``original_date``), found without scanning the body for any date.
"""
from __future__ import annotations

import re

from loaders.errors import LoaderError
from loaders.readers._common import check_bytes, make_document, refuse_xml_entities
from loaders.registry import reader

_PROLOG = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def first_markup(data: bytes) -> bytes:
    """The first tag of a document after the XML declaration, comments and whitespace, lower-cased."""
    head = data[:65536]
    m = _PROLOG.match(head)
    rest = head[m.end():] if m else head
    return rest[:64].lower()


def _sniff(data: bytes) -> bool:
    return first_markup(data).startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


@reader("html.v1", extensions=(".html", ".htm", ".xhtml"), sniff=_sniff)
def read_html(data: bytes, *, name: str):
    check_bytes(data, name=name)
    refuse_xml_entities(data, name=name)
    import trafilatura  # heavy import, only when a page is read

    try:
        page = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True,
            date_extraction_params=_DATE_PARAMS)
    except LoaderError:
        raise
    except Exception as exc:  # lxml/trafilatura raise many kinds of error on broken markup
        raise LoaderError("E111", f"HTML could not be parsed ({type(exc).__name__}: {exc}); check that the file is "
                          "a complete web page", path=name) from None
    if page is None or not (page.text or "").strip():
        raise LoaderError("E111", "no article text found in the HTML (navigation, an empty page, or markup nested "
                          "too deep to parse?); save the article page itself, or convert it to .txt", path=name)
    yield make_document(text=page.text, name=name, reader="html.v1", url=page.url, title=page.title,
                        published=page.date, publisher=page.sitename, license=page.license)
