"""The one place that mints IRIs, from stable keys (W3C "Cool URIs", as the OBO kit does).

Data lives under ``{base}id/{kind}/{key}``; each source document's facts in the named graph
``{base}graph/{dockey}``. States are keyed by ISO 3166-1 alpha-3, other linked entities by their
Wikidata QID, the rest by a slug of their normalised name (so documents that name the same unlinked
base merge), documents by a hash of their source name (an article's canonical url, else its file name;
a coded record's id), else of their content.
The base comes from the argument, else ``$KG_BASE``, else :data:`DEFAULT_BASE`.

>>> m = Minter("https://example.org/")
>>> m.entity("State", "Q265", iso3="UZB")
'https://example.org/id/state/UZB'
>>> m.entity("MilitaryBase", "base:Karshi-Khanabad")
'https://example.org/id/base/karshi-khanabad'
>>> m.entity("Person", "Q7747") == m.entity("Person", "Q7747")
True
>>> m.entity("Organization", "group:rwanda-rebel")
'https://example.org/id/group/rwanda-rebel'
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata

DEFAULT_BASE = "https://w3id.org/geokg/"

KIND_SEGMENT = {"State": "state", "Person": "person", "Organization": "org", "MilitaryBase": "base",
                "Agreement": "agreement"}
# key prefixes with a segment of their own: groups the gazetteer does not know ("group:fatah-party")
KEY_SEGMENT = {("Organization", "group"): "group"}
_QID = re.compile(r"^Q[1-9][0-9]*$")


def slug(text: str) -> str:
    """ASCII slug of a name; empty when nothing of it is ASCII-representable.

    >>> slug("  Karshi–Khanabad  Air Base ")
    'karshi-khanabad-air-base'
    """
    # punctuation of any script separates words; letters fold to ASCII where they can
    text = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80].rstrip("-")


def digest(*parts: str, size: int = 16) -> str:
    """A short stable hash of the parts (hex).

    >>> digest("a", "b") == digest("a", "b") != digest("ab")
    True
    """
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:size]


def _safe_key(text: str) -> str:
    # a key that is always a valid IRI segment: a readable slug, else a hash of the name
    return slug(text) or "h" + digest(text)


class Minter:
    """Mints every IRI of the graph; the same keys always give the same IRIs."""

    def __init__(self, base: str | None = None):
        base = base or os.environ.get("KG_BASE") or DEFAULT_BASE
        if not re.match(r"^https?://[^\s<>\"{}|\\^`]+$", base):
            raise ValueError(f"[E201] base IRI {base!r} is not an http(s) IRI; set --base or $KG_BASE to one")
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def _iri(self, kind: str, key: str) -> str:
        return f"{self.base}id/{kind}/{key}"

    def entity(self, kind: str, key: str, *, iso3: str | None = None) -> str:
        """IRI of an entity of ``kind`` (a loaders.model KINDS name) with extractor key ``key``."""
        segment = KIND_SEGMENT.get(kind)
        if segment is None:
            raise ValueError(f"[E202] unknown entity kind {kind!r}; known: {', '.join(KIND_SEGMENT)}")
        if kind == "State" and iso3 and re.fullmatch(r"[A-Z]{3}", iso3):
            return self._iri(segment, iso3)
        if _QID.match(key):
            return self._iri(segment, key)
        prefix, name = key.split(":", 1) if ":" in key else ("", key)
        return self._iri(KEY_SEGMENT.get((kind, prefix), segment), _safe_key(name))

    def document_key(self, *, url: str | None, source: str, text: str) -> str:
        """Stable key of a document: its source name (an article's canonical url, else its file name; a coded
        record's own id), else its url, else its content."""
        return digest(source or url or text)

    def document(self, dockey: str) -> str:
        return self._iri("document", dockey)

    def graph(self, dockey: str) -> str:
        return f"{self.base}graph/{dockey}"

    def fact(self, kind: str, dockey: str, *parts: str) -> str:
        """IRI of a document-scoped fact (event, evidence, alignment) from its defining parts."""
        return self._iri(kind, f"{dockey[:12]}-{digest(*parts, size=12)}")

    def tenure(self, person_iri: str, office: str, start: str | None) -> str:
        return self._iri("tenure", digest(person_iri, office, start or "", size=16))
