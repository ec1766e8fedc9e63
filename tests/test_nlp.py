"""The shared reading of one parse: every stage walks the same tokens and text, made once per Doc."""
from __future__ import annotations

from loaders.extract.nlp import doc_text, nlp, tokens


def test_the_view_of_a_doc_is_its_tokens_and_text_and_follows_the_doc_being_read():
    first, second = nlp()("Russia condemned Georgia."), nlp()("Mali expelled the French ambassador.")
    assert [t.text for t in tokens(first)] == [t.text for t in first] and doc_text(first) == first.text
    assert tokens(first) is tokens(first)  # made once for the Doc being read
    assert [t.text for t in tokens(second)] == [t.text for t in second] and doc_text(second) == second.text
    assert [t.i for t in tokens(first)] == list(range(len(first))) and doc_text(first) == "Russia condemned Georgia."


def test_a_text_parsed_in_pieces_keeps_its_text_and_entities_in_the_view(monkeypatch):
    from loaders.extract.nlp import doc_ents, parse_many

    monkeypatch.setattr("loaders.extract.nlp.CHUNK_CHARS", 60)
    text = "Russia condemned Georgia on Monday.\n\nMali expelled the French ambassador.\n\nPutin met Erdogan in Sochi."
    doc = next(parse_many([text]))
    assert len(doc.text) == len(text) and doc_text(doc) == doc.text == text  # one Doc joined from three pieces
    assert [e.text for e in doc_ents(doc)] == [e.text for e in doc.ents] and doc_ents(doc)


def test_the_children_of_a_token_are_spacys_in_order_and_made_once_per_doc():
    from loaders.extract.nlp import children

    doc = nlp()("Russia and Uzbekistan signed a treaty of alliance in Moscow on Monday.")
    signed = next(t for t in doc if t.lemma_ == "sign")
    for t in doc:
        assert [c.i for c in children(t)] == [c.i for c in t.children]
    assert children(signed) and children(signed) is children(doc[signed.i])  # one list per token, kept
    assert all(c in tokens(doc) and any(c is x for x in tokens(doc)) for c in children(signed))  # the same Tokens


def test_a_readers_table_is_made_once_per_doc_and_follows_the_doc_being_read():
    from loaders.extract.nlp import per_doc

    made = []
    first, second = nlp()("Russia condemned Georgia."), nlp()("Mali expelled the French ambassador.")
    make = lambda doc: made.append(doc) or [t.text for t in doc]  # noqa: E731
    assert per_doc(first, "texts", make) == ["Russia", "condemned", "Georgia", "."]
    assert per_doc(first, "texts", make) is per_doc(first, "texts", make) and len(made) == 1
    assert per_doc(second, "texts", make)[0] == "Mali" and len(made) == 2
