"""The shared reading of one parse: every stage walks the same tokens and text, made once per Doc."""
from __future__ import annotations

from loaders.extract.nlp import doc_text, nlp, tokens


def test_the_view_of_a_doc_is_its_tokens_and_text_and_follows_the_doc_being_read():
    first, second = nlp()("Russia condemned Georgia."), nlp()("Mali expelled the French ambassador.")
    assert [t.text for t in tokens(first)] == [t.text for t in first] and doc_text(first) == first.text
    assert tokens(first) is tokens(first)  # made once for the Doc being read
    assert [t.text for t in tokens(second)] == [t.text for t in second] and doc_text(second) == second.text
    assert [t.i for t in tokens(first)] == list(range(len(first))) and doc_text(first) == "Russia condemned Georgia."
