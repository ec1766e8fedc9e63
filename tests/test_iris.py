import re

import pytest

from kg.iris import DEFAULT_BASE, Minter, slug

IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def test_same_input_same_iris():
    a, b = Minter("https://example.org/"), Minter("https://example.org/")
    for kind, key in [("State", "Q265"), ("Person", "person:islam-karimov"), ("MilitaryBase", "base:k2"),
                      ("Organization", "org:the-west"), ("Agreement", "agreement:treaty-on-allied-relations")]:
        assert a.entity(kind, key) == b.entity(kind, key)
    assert a.document_key(url="https://x/1", source="https://x/1", text="t") == b.document_key(url="https://x/1", source="https://x/1", text="u")


def test_states_by_iso3_linked_by_qid_others_by_name():
    m = Minter("https://example.org/")
    assert m.entity("State", "Q265", iso3="UZB") == "https://example.org/id/state/UZB"
    assert m.entity("Person", "Q7747") == "https://example.org/id/person/Q7747"
    # names that normalise alike merge; different kinds never collide
    assert m.entity("MilitaryBase", "base:Karshi Khanabad") == m.entity("MilitaryBase", "base:karshi-khanabad")
    assert m.entity("MilitaryBase", "base:manas") != m.entity("Organization", "org:manas")


def test_base_from_environment(monkeypatch):
    monkeypatch.setenv("KG_BASE", "https://kg.example.net/data")
    assert Minter().entity("State", "Q30", iso3="USA") == "https://kg.example.net/data/id/state/USA"
    monkeypatch.delenv("KG_BASE")
    assert Minter().base == DEFAULT_BASE


def test_bad_base_is_refused():
    with pytest.raises(ValueError, match="E201"):
        Minter("not an iri")


@pytest.mark.parametrize("name", ["\u200fعمر\u200f", "Кант", "a\u200db", "Karimov\u202e", "  ", "ｕｓａ", "x" * 500])
def test_odd_names_always_give_valid_iris(name):
    iri = Minter("https://example.org/").entity("Person", "person:" + name)
    assert IRI.match(iri), iri
    assert slug(name) == "" or re.fullmatch(r"[a-z0-9-]+", slug(name))


def test_document_keys_differ_by_source_then_url():
    m = Minter("https://example.org/")
    assert m.document_key(url=None, source="a.txt", text="x") != m.document_key(url=None, source="b.txt", text="x")
    assert m.document_key(url="https://a", source="", text="x") != m.document_key(url="https://b", source="", text="x")
    # a coded record of an article is a source of its own, not the article (kg.link joins their events)
    article = m.document_key(url="https://a", source="https://a", text="x")
    assert m.document_key(url="https://a", source="urn:plover:1", text="x") != article


def test_groups_have_their_own_segment():
    # named and national groups ("group:fatah-party") live under /id/group/, apart from organisations of states
    m = Minter("https://example.org/")
    assert m.entity("Organization", "group:Fatah party") == "https://example.org/id/group/fatah-party"
    assert m.entity("Organization", "group:fatah-party") != m.entity("Organization", "org:fatah-party")
    assert m.entity("Organization", "org:the-west") == "https://example.org/id/org/the-west"
