"""What every built-in reader checks before and after parsing, so bad input fails the same way everywhere.

Error codes are listed in :mod:`loaders.errors`.
"""
from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
import time

from loaders.errors import LoaderError
from loaders.furniture import strip_furniture
from loaders.model import Document

log = logging.getLogger("loaders.readers")

MAX_TEXT_BYTES = 5 * 1024 * 1024  # bigger inputs are refused (E106): no article is that long
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# C0 controls other than tab, newline, form feed, carriage return: text never has many of them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CESU = re.compile(rb"\xed[\xa0-\xbf][\x80-\xbf]")  # a surrogate encoded as if it were UTF-8
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
                         rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")
_DATE_SETTINGS = {
    # only absolute dates ("yesterday" would be resolved against today: a made-up date)
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
}


def bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def check_bytes(data: bytes, *, name: str) -> None:
    """Refuse empty, oversized and binary input (E101, E106, E103)."""
    if not data or not data.strip():
        raise LoaderError("E101", "empty file: nothing to read; remove it or put the article text in it", path=name)
    if len(data) > MAX_TEXT_BYTES:
        raise LoaderError("E106", f"{len(data)} bytes is more than the {MAX_TEXT_BYTES}-byte limit for one input; "
                          "split it into one file per article", path=name)
    if bom_encoding(data) in ("utf-16", "utf-32"):
        return  # NUL bytes are normal there
    if b"\x00" in data:  # anywhere: a NUL is never text (memchr, fast on the 5 MiB limit)
        raise LoaderError("E103", "binary content (NUL bytes): not a text, HTML, feed or JSON Lines file", path=name)


def decode(data: bytes, *, name: str, detect: bool = True) -> str:
    """Bytes -> str: a BOM's encoding, else UTF-8, else (``detect``) charset-normalizer's confident guess.

    Lone surrogates cannot come out of these codecs; newlines are normalised to ``\\n``.
    """
    check_bytes(data, name=name)
    enc = bom_encoding(data)
    try:
        text = data.decode(enc or "utf-8")
    except UnicodeDecodeError as exc:
        if enc or not detect:
            raise LoaderError("E104", f"not valid {enc or 'UTF-8'} (byte {exc.start}): {exc.reason}; "
                              "re-save the file as UTF-8", path=name) from None
        if _CESU.search(data):
            raise LoaderError("E105", f"a lone surrogate encoded in the bytes (byte {exc.start}); fix the encoder "
                              "that wrote the file, or re-save it as UTF-8", path=name) from None
        if _UTF8_MULTI.search(data):  # UTF-8 elsewhere in the file: damaged UTF-8, not another encoding
            raise LoaderError("E104", f"damaged UTF-8 (byte {exc.start}: {exc.reason}); re-save the file as UTF-8",
                              path=name) from None
        text = _detect(data, name=name, first_error=exc)
    if any(len(_CONTROL.findall(w)) > 0.01 * len(w) + 2  # every 8 KB of the text, not only the first
           for w in (text[i:i + 8192] for i in range(0, len(text), 8192))):
        raise LoaderError("E103", "binary content (control characters): not a text file", path=name)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _detect(data: bytes, *, name: str, first_error: UnicodeDecodeError) -> str:
    # charset-normalizer comes with trafilatura; a guess that reads as gibberish is refused, not used
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()  # it samples chunks over the whole file, not only its head
    if best is None or best.chaos > 0.1:
        raise LoaderError("E104", f"not valid UTF-8 (byte {first_error.start}) and no other encoding fits; "
                          "re-save the file as UTF-8", path=name)
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise LoaderError("E104", f"not valid UTF-8 and not valid {best.encoding} either; re-save the file as UTF-8",
                          path=name) from None
    log.info("%s: not UTF-8, read as %s", name, best.encoding)
    return text


def refuse_xml_entities(data: bytes, *, name: str) -> None:
    """Refuse a DOCTYPE with an internal subset or any ENTITY declaration before a parser sees it (E110).

    Entity expansion is how a few hundred bytes become gigabytes ("billion laughs"); news pages and
    feeds never need it, while a plain ``<!DOCTYPE html>`` is fine. The check must see the characters the
    parser will: the text is also read in the encoding its XML declaration names (UTF-7 spells ``<`` as
    ``+ADw-``), and XML in EBCDIC, whose declaration is itself unreadable as ASCII, is refused.
    """
    enc = bom_encoding(data)
    if enc in ("utf-16", "utf-32"):
        head = data.decode(enc, "replace")
    else:
        if data[:4] == b"\x4c\x6f\xa7\x94":  # "<?xm" in EBCDIC (XML 1.0, appendix F)
            raise LoaderError("E110", "XML in EBCDIC is refused (its declarations cannot be checked before "
                              "parsing); convert the file to UTF-8", path=name)
        head = data.decode("latin-1")
        declared = _XML_ENCODING.search(head[:200])
        if declared:  # also read as the parser will: "+ADw-!ENTITY" is "<!ENTITY" in UTF-7
            head += "\n" + _decoded(data, declared.group(1))
    if re.search(r"<!ENTITY", head, re.IGNORECASE) or re.search(r"<!DOCTYPE[^>\[]*\[", head, re.IGNORECASE):
        raise LoaderError("E110", "XML entity declarations (<!ENTITY or a DOCTYPE [internal subset]) are refused "
                          "because their expansion can exhaust memory; remove the DOCTYPE subset", path=name)


_XML_ENCODING = re.compile(r"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def _decoded(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding, "replace")
    except LookupError:  # a name Python does not know: the parser will not know it either
        return ""


def iso_date(value) -> str | None:
    """A date as ISO ``YYYY-MM-DD``, or None when it cannot be read as a whole date (never guessed).

    >>> iso_date(dt.date(2005, 11, 14)), iso_date("14 November 2005"), iso_date("2005-11-14T23:00:00+03:00")
    ('2005-11-14', '2005-11-14', '2005-11-14')
    >>> iso_date("yesterday"), iso_date("2005"), iso_date(None)
    (None, None, None)
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    if not isinstance(value, str):
        return None
    m = _ISO_DATE.match(value)
    if m:  # the date as written, before any time-zone shift
        try:
            return dt.date(*map(int, m.groups())).isoformat()
        except ValueError:
            return None
    import dateparser

    try:
        parsed = dateparser.parse(value[:200], settings=_DATE_SETTINGS)
    except Exception:  # dateparser raises assorted errors on odd strings; an unreadable date is no date
        parsed = None
    if parsed is None:
        log.warning("unreadable date %r: published left empty", value[:80])
        return None
    return parsed.date().isoformat()


def clean_str(value) -> str | None:
    """Metadata value -> stripped str or None."""
    if value is None:
        return None
    s = " ".join(str(value).split())
    return s or None


def make_document(*, text: str, name: str, reader: str, url=None, title=None, published=None, publisher=None,
                  license=None, credits=(), source=None) -> Document:
    """Strip furniture, check the result and build the Document (E105 lone surrogates, E116 no body text)."""
    cleaned = strip_furniture(text.replace("\r\n", "\n").replace("\r", "\n"))
    body = cleaned.text
    title = clean_str(title)
    if title and body.startswith(title + "\n"):  # pages repeat the headline as the first line; it is metadata
        body = body[len(title) + 1:].lstrip("\n")
    fields = dict(url=clean_str(url), title=title, publisher=clean_str(publisher), license=clean_str(license))
    for key, val in (("text", body), *fields.items()):
        if val and _SURROGATE.search(val):
            raise LoaderError("E105", f"the {key} contains a lone surrogate (an invalid \\ud800-\\udfff character); "
                              "fix the escape or the encoding at the source", path=name)
    if not body.strip():
        why = "only page furniture (related links, credits, promo lines)" if text.strip() else "no text at all"
        raise LoaderError("E116", f"no article text: {why}; give the article body, not an index or teaser",
                          path=name)
    all_credits = tuple(dict.fromkeys([*credits, *cleaned.credits]))
    return Document(text=body, source=clean_str(source) or fields["url"] or name, published=iso_date(published),
                    credits=all_credits, reader=reader, path=None, **fields)
