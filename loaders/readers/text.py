"""Plain text with optional YAML front matter (stub: replaced by the real reader)."""
from __future__ import annotations

import yaml

from loaders.model import Document
from loaders.registry import reader


@reader("txt.v1", extensions=(".txt", ".md"))
def read_text(data: bytes, *, name: str):
    text = data.decode("utf-8")
    meta = {}
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        meta = yaml.safe_load(text[4:end]) or {}
        text = text[end + 4:].lstrip("\n")
    pub = meta.get("published")
    yield Document(text=text, source=str(meta.get("url") or name), url=meta.get("url"), title=meta.get("title"),
                   published=str(pub) if pub else None, publisher=meta.get("source"), license=meta.get("license"),
                   reader="txt.v1", path=name)
