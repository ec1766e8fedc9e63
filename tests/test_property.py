"""Property: any article, random or mangled, through any reader and the extractor, gives valid RDF or a
LoaderError, never a crash; what is mapped serialises and parses back (pyoxigraph and rdflib) unchanged.

Examples are few (spaCy is slow) but each goes all the way: bytes -> reader -> extractor -> quads ->
store -> Turtle / N-Triples / N-Quads -> both parsers.
"""
from __future__ import annotations

import html
import json

import pyoxigraph as ox
import rdflib
from conftest import DEV
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.summaries import SUMMARIES
from kg.export import export_text
from kg.iris import Minter
from kg.mapping import to_quads
from kg.store import Store
from loaders.errors import LoaderError
from loaders.files import read_bytes
from loaders.model import Document
from loaders.registry import get_extractor
from tests.mutate import mutate

SETTINGS = settings(max_examples=30, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NAMES = ["Uzbekistan", "Russia", "the United States", "Islam Karimov", "Vladimir Putin", "NATO", "Tashkent",
         "Karshi-Khanabad", "the Shanghai Cooperation Organisation", "China", "Kyrgyzstan", "Condoleezza Rice"]
VERBS = ["signed a treaty with", "accused", "agreed with", "criticised", "met", "evicted", "sanctioned",
         "moved closer to", "withdrew from", "threatened"]
ODD = "\u200f\u200e\u202e\u202c\u200d\u200b\u2060\ufeff\u0301\u00ad\u2028\u0430\u0443\u05d0\U0001f1fa\"<>&'\\{}|^`"
PLAIN = st.sampled_from(NAMES + VERBS + ["on 14 November 2005", "in May 2005", "yesterday", "."])
# a name with an RTL mark, a zero-width joiner or a homoglyph inside it
MANGLED = st.tuples(st.sampled_from(NAMES), st.sampled_from(ODD), st.integers(0, 12)).map(
    lambda t: t[0][:t[2]] + t[1] + t[0][t[2]:])
WORDS = st.one_of(PLAIN, PLAIN, PLAIN, MANGLED, st.text(alphabet=st.sampled_from(ODD + "abc XYZ"), max_size=6),
                  st.text(max_size=8))
META = st.one_of(st.none(), st.text(max_size=30), st.sampled_from(["http://example.org/a b", "2005-13-45",
                                                                    "javascript:alert(1)", "\u202e"]))


def as_bytes(reader: str, text: str, title: str | None, url: str | None) -> tuple[bytes, str]:
    """The same article in each input format, escaped as that format requires."""
    if reader == "txt.v1":
        front = "" if title is None else f"---\ntitle: {json.dumps(title)}\nurl: {json.dumps(url or '')}\n---\n"
        return (front + text).encode("utf-8", "surrogatepass"), "a.txt"
    if reader == "jsonl.v1":
        return json.dumps({"text": text, "title": title, "url": url}).encode(), "a.jsonl"
    body = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n"))
    if reader == "html.v1":
        return (f"<!DOCTYPE html><html><head><title>{html.escape(title or '')}</title></head>"
                f"<body><article>{body}</article></body></html>").encode("utf-8", "surrogatepass"), "a.html"
    return (f'<rss version="2.0"><channel><title>f</title><item><title>{html.escape(title or "")}</title>'
            f"<link>{html.escape(url or '')}</link><description>{html.escape(body)}</description></item>"
            "</channel></rss>").encode("utf-8", "surrogatepass"), "a.rss"


def round_trips(docs: list[Document]) -> None:
    """Extract and map each document; its quads, and the store's exports, parse back unchanged."""
    extract, minter, store = get_extractor("news.v1"), Minter(), Store()
    for doc in docs:
        graph, quads = to_quads(extract(doc), minter)
        nquads = "".join(f"{q} .\n" for q in quads)
        assert set(ox.parse(nquads, format=ox.RdfFormat.N_QUADS)) == set(quads)
        assert len(rdflib.Dataset().parse(data=nquads, format="nquads")) == len(set(quads))
        store.replace_graph(graph, quads)
    triples = {(q.subject, q.predicate, q.object) for q in store.quads() if q.graph_name != SUMMARIES}  # derived: not exported
    for fmt, ox_fmt, rdflib_fmt in (("ntriples", ox.RdfFormat.N_TRIPLES, "nt"),
                                    ("turtle", ox.RdfFormat.TURTLE, "turtle")):
        text = export_text(store, fmt)
        assert {(t.subject, t.predicate, t.object) for t in ox.parse(text, format=ox_fmt)} == triples
        assert len(rdflib.Graph().parse(data=text, format=rdflib_fmt)) == len(triples)


def read(data: bytes, name: str, reader: str | None) -> list[Document]:
    errors: list[LoaderError] = []
    try:
        return read_bytes(data, name=name, reader=reader, errors=errors)
    except LoaderError:
        return []


@SETTINGS
@given(words=st.lists(WORDS, min_size=1, max_size=40), title=META, url=META,
       reader=st.sampled_from(["txt.v1", "html.v1", "rss.v1", "jsonl.v1"]))
def test_random_articles_through_every_reader_and_the_extractor_give_valid_rdf(words, title, url, reader):
    text = " ".join(words)
    data, name = as_bytes(reader, text, title, url)
    round_trips(read(data, name, reader))


DEV_ARTICLES = sorted(DEV.glob("*.txt"))[:4]
JUNK = [b"\x00", b"\xff", b"\xed\xa0\x80", b"<", b"&", b"---\n", b"\\ud800", b"\xe2\x80\x8f", b"\xe2\x80\x8d",
        b"\xd0\xb0", b"<html>", b"\n\n", b"Uzbekistan", b"Russia signed"]


@SETTINGS
@given(index=st.integers(0, max(len(DEV_ARTICLES) - 1, 0)), seed=st.integers(0, 2**32), n=st.integers(1, 12))
def test_mutated_dev_articles_give_valid_rdf_or_a_loader_error(index, seed, n):
    if not DEV_ARTICLES:
        return
    # a few paragraphs keep spaCy quick
    data = mutate(DEV_ARTICLES[index].read_bytes()[:3000], seed, n, JUNK)
    round_trips(read(data, DEV_ARTICLES[index].name, None))
