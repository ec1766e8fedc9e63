"""No one in: hostile input gets a clear numbered error, quickly, and the rest still goes in.

Each case runs for real: `kg load` / `kg ingest` subprocesses (a hang is caught by the subprocess
timeout, an abort by the return code), the real store, the real parsers behind the guards.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.summaries import SUMMARIES_GRAPH
from kg.errors import KgError
from kg.export import export_text
from kg.rdf_input import MAX_XML_DEPTH, loaded_graph, parse_rdf
from kg.store import Store
from loaders.readers._common import MAX_TEXT_BYTES
from loaders.readers.feed import MAX_FEED_ENTRIES

from conftest import DEV

FIX = Path(__file__).parent / "fixtures" / "readers"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

# ~600 bytes that expand to 10^9 "lol"s: hangs rdflib, aborts pyoxigraph 0.5.13 (see CONVENTIONS.md)
BILLION_LAUGHS_RDF = (
    '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + f']>\n<rdf:RDF xmlns:rdf="{RDF}"><rdf:Description rdf:about="http://example.org/a">'
    "<rdf:value>&lol9;</rdf:value></rdf:Description></rdf:RDF>\n").encode()
EXTERNAL_ENTITY_RDF = (
    f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<rdf:RDF xmlns:rdf="{RDF}">'
    '<rdf:Description rdf:about="http://example.org/a"><rdf:value>&x;</rdf:value></rdf:Description>'
    "</rdf:RDF>\n").encode()
GOOD_RDF = (f'<rdf:RDF xmlns:rdf="{RDF}"><rdf:Description rdf:about="http://example.org/a">'
            "<rdf:value>ok</rdf:value></rdf:Description></rdf:RDF>").encode()


def kg(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def error_codes(done: subprocess.CompletedProcess) -> list[str]:
    assert "Traceback" not in done.stderr, done.stderr
    return [line.split("]")[0] + "]" for line in done.stderr.splitlines() if line.startswith("kg: [")]


# ------------------------------------------------------------------ RDF from outside (kg load)

def test_billion_laughs_is_small_enough_to_be_the_real_thing():
    assert len(BILLION_LAUGHS_RDF) < 1000 and BILLION_LAUGHS_RDF.count(b"<!ENTITY") == 10


@pytest.mark.parametrize("name, data", [("bomb.rdf", BILLION_LAUGHS_RDF), ("xxe.owl", EXTERNAL_ENTITY_RDF),
                                        ("bomb-utf16.rdf", b"\xff\xfe" + BILLION_LAUGHS_RDF.decode()
                                         .replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
                                         .encode("utf-16-le"))], ids=["billion-laughs", "xxe", "utf16"])
def test_kg_load_refuses_entity_declarations_before_parsing(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    store = tmp_path / "store"
    done = kg("load", "--store", store, tmp_path / name)
    assert done.returncode == 2, done.stderr  # not -6 (pyoxigraph's abort) nor a timeout (rdflib's hang)
    assert error_codes(done)[0] in ("kg: [E801]", "kg: [E805]") and name in done.stderr


def test_entity_declarations_are_refused_in_process_too():
    for data in (BILLION_LAUGHS_RDF, EXTERNAL_ENTITY_RDF, BILLION_LAUGHS_RDF.replace(b"DOCTYPE", b"doctype")):
        with pytest.raises(KgError, match=r"E801"):
            parse_rdf(data, "rdf")


def test_deeply_nested_rdfxml_is_refused_quickly():
    n = 100_000  # pyoxigraph would take minutes: its RDF/XML parser is quadratic in depth
    data = (f'<rdf:RDF xmlns:rdf="{RDF}" xmlns:p="http://example.org/"><rdf:Description rdf:about="http://a">'
            + "<p:p><rdf:Description>" * n + "</rdf:Description></p:p>" * n + "</rdf:Description></rdf:RDF>").encode()
    with pytest.raises(KgError, match=rf"E802.*{MAX_XML_DEPTH}"):
        parse_rdf(data, "rdf")


def test_plain_rdfxml_loads():
    [q] = parse_rdf(GOOD_RDF, "rdf")
    assert q.object == ox.Literal("ok")


@pytest.mark.parametrize("context", [
    "http://schema.org/", "file:///etc/passwd", "context.jsonld", ["http://example.org/ctx", {"name": "x"}],
    {"@import": "https://example.org/ctx.jsonld"},
], ids=["http", "file", "relative", "list", "import"])
def test_jsonld_remote_or_file_context_is_refused_without_fetching(context):
    doc = {"@context": {"@vocab": "http://example.org/"}, "@id": "http://example.org/a",
           "http://example.org/knows": {"@context": context, "@id": "http://example.org/b", "name": "x"}}
    with pytest.raises(KgError, match=r"E803.*nothing is fetched"):
        parse_rdf(json.dumps(doc).encode(), "jsonld")


def test_jsonld_with_an_inline_context_loads():
    doc = {"@context": {"name": "http://schema.org/name"}, "@id": "http://example.org/a", "name": "Uzbekistan"}
    [q] = parse_rdf(json.dumps(doc).encode(), "jsonld")
    assert q.predicate == ox.NamedNode("http://schema.org/name")


def test_kg_load_of_remote_context_is_one_clear_line(tmp_path):
    (tmp_path / "a.jsonld").write_text('{"@context": "https://example.org/ctx", "@id": "http://a", "b": 1}')
    done = kg("load", "--store", tmp_path / "store", tmp_path / "a.jsonld")
    assert done.returncode == 2 and error_codes(done) == ["kg: [E803]"]


@pytest.mark.parametrize("data, fmt, code", [
    (b"\xff\xfe\x00garbage", "ttl", "E805"), (b"<http://a> <http://b> .", "ttl", "E806"),
    (b'{"@id": ' * 5000, "jsonld", "E806"), (b"<a> <b> <c> .", "nt", "E806"),
    (b'<http://a b> <http://p> "x" .', "nt", "E806"), (b"<http://a> <http://p> <<( <http://a> <http://p> 1 )>> .",
                                                      "ttl", "E808"),
    (b'<http://a> <http://p> "x"@ar--rtl .', "nt", "E808"),
], ids=["utf16", "ttl-syntax", "jsonld-deep", "nt-relative", "iri-space", "triple-term", "direction"])
def test_bad_rdf_gets_a_numbered_error(data, fmt, code):
    with pytest.raises(KgError, match=code):
        parse_rdf(data, fmt)


def test_unknown_format_is_refused(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"x")
    done = kg("load", "--store", tmp_path / "store", tmp_path / "a.docx")
    assert error_codes(done) == ["kg: [E807]"]


def test_loaded_file_cannot_write_into_other_graphs_and_reload_replaces_it(tmp_path):
    # a TriG file naming the ontology graph and a document graph: everything lands in the file's own graph
    trig = tmp_path / "x.trig"
    trig.write_text("<https://w3id.org/geokg/ontology> { <http://example.org/a> <http://example.org/p> [] . }\n"
                    "<https://w3id.org/geokg/graph/abc> { <http://example.org/b> <http://example.org/p> 1 . }\n")
    assert kg("load", "--store", tmp_path / "store", trig).returncode == 0
    assert kg("load", "--store", tmp_path / "store", trig).returncode == 0  # again: blank nodes must not double
    store = Store(tmp_path / "store")
    assert {q.graph_name for q in store.quads()} == {loaded_graph("x.trig")} and len(store) == 2


def test_two_files_of_one_name_in_one_load_are_refused_before_anything_is_loaded(tmp_path):
    for folder, value in (("a", "first"), ("b", "second")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.ttl").write_text(f'<http://example.org/{value}> <http://example.org/p> "{value}" .\n')
    done = kg("load", "--store", tmp_path / "store", tmp_path / "a" / "x.ttl", tmp_path / "b" / "x.ttl")
    assert error_codes(done) == ["kg: [E813]"] and done.returncode != 0
    assert "a/x.ttl" in done.stderr and "b/x.ttl" in done.stderr and "nothing was loaded" in done.stderr
    assert not (tmp_path / "store").exists()
    # the same file named twice is loaded once; loading another file of that name later says it replaces it
    same = kg("load", "--store", tmp_path / "store", tmp_path / "a" / "x.ttl", tmp_path / "b" / ".." / "a" / "x.ttl")
    assert same.returncode == 0 and same.stderr.count("loaded ") == 1
    later = kg("load", "--store", tmp_path / "store", tmp_path / "b" / "x.ttl")
    assert later.returncode == 0 and "replacing the graph of the x.ttl loaded before" in later.stderr
    assert [q.object.value for q in Store(tmp_path / "store", read_only=True).quads()] == ["second"]


def _loaded_values(store_dir) -> list[str]:
    return sorted(q.object.value for q in Store(store_dir, read_only=True).quads() if isinstance(q.object, ox.Literal))


@pytest.mark.parametrize("body, code, raise_it", [
    # 5 MB of one flat collection was five million triples and a std::bad_alloc after 10 GB
    ("<http://example.org/a> <http://example.org/p> (" + " 1" * 600 + ") .\n", "E814", "--max-triples=2000"),
    # 2 MB of nested collections took 174 s and 6.9 GB in the parser
    ("<http://example.org/a> <http://example.org/p> " + "(" * 300_000 + ")" * 300_000 + " .\n", "E816", None),
    ("<http://example.org/a> <http://example.org/p> [ <http://example.org/q> " * 2000 + "1" + " ]" * 2000 + " .\n",
     "E816", None),
    # a 50 MB literal gave a raw MemoryError
    ('<http://example.org/a> <http://example.org/p> "' + "x" * 3000 + '" .\n', "E815", "--max-literal=4000"),
], ids=["flat-collection", "nested-collections", "nested-blank-nodes", "long-literal"])
def test_rdf_past_a_limit_is_refused_and_the_file_loaded_before_stays(tmp_path, body, code, raise_it):
    small = ["--max-triples=1000", "--max-literal=2000"]
    ttl = tmp_path / "x.ttl"
    ttl.write_text('<http://example.org/a> <http://example.org/p> "before" .\n')
    assert kg("load", "--store", tmp_path / "store", ttl).returncode == 0
    ttl.write_text(body)
    done = kg("load", "--store", tmp_path / "store", *small, ttl)
    assert error_codes(done) == [f"kg: [{code}]"] and done.returncode == 2
    assert _loaded_values(tmp_path / "store") == ["before"]
    if raise_it:  # the limits are the user's to raise
        later = kg("load", "--store", tmp_path / "store", *small, raise_it, ttl)
        assert later.returncode == 0, later.stderr
        assert "before" not in _loaded_values(tmp_path / "store")


def test_running_out_of_memory_is_one_numbered_line_and_loses_nothing(tmp_path):
    """A 40 MB literal with the literal cap raised, in a process allowed 1.2 GB of address space: the
    MemoryError is E603, not a traceback, and the file loaded before is still there."""
    import resource

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1200 * 2**20, 1200 * 2**20))

    ttl = tmp_path / "x.nt"
    ttl.write_text('<http://example.org/a> <http://example.org/p> "before" .\n')
    assert kg("load", "--store", tmp_path / "store", ttl).returncode == 0
    ttl.write_text('<http://example.org/a> <http://example.org/p> "' + "x" * (40 * 2**20) + '" .\n')
    done = subprocess.run([sys.executable, "-m", "kg.cli", "load", "--store", str(tmp_path / "store"),
                           "--max-literal", str(10**8), str(ttl)], capture_output=True, text=True, timeout=300,
                          preexec_fn=limit)
    assert error_codes(done) == ["kg: [E603]"] and done.returncode == 2
    assert _loaded_values(tmp_path / "store") == ["before"]


def test_brackets_inside_strings_iris_and_comments_do_not_count_as_nesting(tmp_path):
    ttl = tmp_path / "x.ttl"
    ttl.write_text('@prefix e: <http://example.org/> .\n# ' + "(" * 3000 + '\ne:a e:p "' + "[" * 3000
                   + '", """' + "(" * 3000 + '""" , ( ( [ e:q 1 ] ) ) .\n')
    done = kg("load", "--store", tmp_path / "store", ttl)
    assert done.returncode == 0, done.stderr


def test_a_big_graph_is_bulk_loaded_in_batches_and_replaced_whole(tmp_path, monkeypatch):
    """Past BATCH_QUADS a graph goes through the bulk loader batch by batch (memory flat in the size), still
    replacing the old graph entirely, and one blank node stays one node across batches."""
    from kg import store as store_module

    monkeypatch.setattr(store_module, "BATCH_QUADS", 7)
    store = Store(tmp_path / "store")
    g, p, shared = ox.NamedNode("http://example.org/g"), ox.NamedNode("http://example.org/p"), ox.BlankNode()

    def quads(n, tag):
        return (ox.Quad(ox.NamedNode(f"http://example.org/{tag}{i}"), p, shared, g) for i in range(n))

    store.replace_graph(g, quads(50, "old"))
    store.replace_graph(g, quads(30, "new"))
    got = store.quads()
    assert len(got) == 30 and all("new" in q.subject.value for q in got)
    assert len({q.object for q in got}) == 1 and not (tmp_path / "store" / store_module.JOURNAL).exists()


def test_a_killed_bulk_load_is_undone_by_the_next_writer(tmp_path):
    """The journal names the graph before the first batch; a writer opening the store later drops what a killed
    load left, and says so."""
    from kg.store import JOURNAL

    store_dir = tmp_path / "store"
    ttl = tmp_path / "big.ttl"
    ttl.write_text("<http://example.org/a> <http://example.org/p> (" + " 1" * 200_000 + ") .\n")
    victim = subprocess.Popen([sys.executable, "-m", "kg.cli", "load", "--store", str(store_dir), str(ttl)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    journal = store_dir / JOURNAL
    for _ in range(600):
        if journal.exists() and len(Store(store_dir, read_only=True)) > 0:
            break
        time.sleep(0.05)
    victim.kill()
    victim.wait(30)
    assert journal.exists()  # killed part way: some batches in, the journal still there
    (tmp_path / "other.ttl").write_text('<http://example.org/b> <http://example.org/p> "other" .\n')
    done = kg("load", "--store", store_dir, tmp_path / "other.ttl")
    assert done.returncode == 0 and "[W304]" in done.stderr and "load the file again" in done.stderr
    assert not journal.exists() and _loaded_values(store_dir) == ["other"]


def test_loaded_odd_literals_export_and_parse_back(tmp_path):
    ttl = tmp_path / "odd.ttl"
    ttl.write_text('PREFIX : <http://example.org/>\n:a :p "\\u0000\\u202e\\u200d x\\u0007" , "\\uFFFE"@en , '
                   '"""multi\nline"""^^<http://example.org/dt> .\n', encoding="utf-8")
    assert kg("load", "--store", tmp_path / "st", ttl).returncode == 0
    for fmt, rdflib_fmt in (("turtle", "turtle"), ("ntriples", "nt"), ("trig", "trig"), ("jsonld", "json-ld")):
        done = kg("export", "--store", tmp_path / "st", "--format", fmt)
        assert done.returncode == 0, done.stderr
        assert len(rdflib.Dataset().parse(data=done.stdout, format=rdflib_fmt)) == 3, fmt


# ------------------------------------------------------------------ articles (kg ingest), end to end

@pytest.fixture(scope="module")
def junk(tmp_path_factory) -> Path:
    """A folder of every kind of bad file next to one good article."""
    d = tmp_path_factory.mktemp("junk")
    files = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 8,
        "nul.txt": b"Uzbekistan \x00 signed.\x00\x00",
        "bad-utf8.txt": b"Uzbekistan \xc3\x28 signed \xc3\xa9 a treaty.",
        "surrogate.txt": b"Uzbekistan \xed\xa0\x80 signed a treaty.",
        "bomb.html": (FIX / "billion_laughs.html").read_bytes(),
        "bomb.rss": (FIX / "billion_laughs.rss").read_bytes(),
        "nested.html": b"<html><body>" + b"<div>" * 100_000 + b"<p>Russia signed.</p>" + b"</div>" * 100_000,
        "junk.jsonl": b'{"text": "x"\n[1,2]\n',
    }
    for name, data in files.items():
        (d / name).write_bytes(data)
    assert 10 * 1024 * 1024 > MAX_TEXT_BYTES
    with open(d / "big.txt", "wb") as f:  # 10 MB of text
        f.write(b"Russia and Uzbekistan signed a treaty. " * (10 * 1024 * 1024 // 39 + 1))
    # a feed of MAX_FEED_ENTRIES + 1 entries without text: every entry is read and refused, the rest capped
    entries = "".join(f"<item><title>t{i}</title><link>http://example.org/{i}</link></item>"
                      for i in range(MAX_FEED_ENTRIES + 1))
    (d / "huge.rss").write_text(f'<rss version="2.0"><channel><title>f</title>{entries}</channel></rss>')
    (d / "good.txt").write_bytes(next(iter(sorted(DEV.glob("*.txt")))).read_bytes())
    return d


@pytest.fixture(scope="module")
def junk_ingest(junk, tmp_path_factory):
    store = tmp_path_factory.mktemp("junkstore") / "store"
    done = subprocess.run([sys.executable, "-m", "kg.cli", "ingest", "-q", "--store", str(store), str(junk)],
                          capture_output=True, text=True, timeout=600)
    return done, store


@pytest.mark.parametrize("name, code", [
    ("empty.txt", "E101"), ("binary.txt", "E103"), ("nul.txt", "E103"), ("bad-utf8.txt", "E104"),
    ("surrogate.txt", "E105"), ("big.txt", "E106"), ("bomb.html", "E110"), ("bomb.rss", "E110"),
    ("nested.html", "E111"), ("huge.rss", "E113"), ("junk.jsonl", "E114"),
])
def test_kg_ingest_of_a_junk_folder_names_each_bad_file(junk, junk_ingest, name, code):
    done, _ = junk_ingest
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert any(line.startswith(f"kg: [{code}] {junk / name}") for line in done.stderr.splitlines()), \
        [line for line in done.stderr.splitlines() if name in line][:3]


def test_kg_ingest_of_a_junk_folder_still_ingests_the_good_article(junk_ingest):
    done, store = junk_ingest
    assert "ingested 1 documents" in done.stderr.splitlines()[-1]
    s = Store(store, read_only=True)
    assert len(s.graphs()) == 4  # the ontology, good.txt, the shared entity descriptions and the summaries


# ------------------------------------------------------------------ odd Unicode: IRIs valid, exports parse back

ODD = {
    "rtl": "\u200fUzbekistan\u200e and \u202eRussia\u202c signed a treaty in Tashkent.",
    "zwj": "Uzbek\u200distan and Rus\u200bsia agreed; Islam\u2060Karimov met Vladimir\ufeffPutin.",
    "homoglyph": "\u0423zbekist\u0430n (Cyrillic U and a) and R\u0443ssia signed the Karshi\u2013Khanabad pact.",
    "controls": "Uzbekistan\u0085 signed\u2028a treaty\u2029 with \u00adRussia \U0001f1fa\U0001f1ff.",
    "combining": "Uzbeki\u0301stan and Ru\u0308ssia signed an alliance treaty with the \u05d0\u05d1 bloc.",
}


@pytest.fixture(scope="module")
def odd_store(tmp_path_factory) -> Store:
    from kg.ingest import ingest_documents
    from loaders.files import read_bytes

    docs = []
    for name, text in ODD.items():
        front = (f'---\ntitle: "{text[:30]}"\nurl: "http://example.org/{text[:12]}"\n'
                 f"published: 2005-11-14\nsource: \"\u202eAgency\"\n---\n")
        docs += read_bytes((front + text + "\n").encode(), name=f"{name}.txt")
    store = Store()
    report = ingest_documents(docs, store)
    assert report.ok and report.documents == len(ODD)
    return store


@pytest.mark.parametrize("fmt, rdflib_fmt, ox_fmt", [("turtle", "turtle", ox.RdfFormat.TURTLE),
                                                     ("ntriples", "nt", ox.RdfFormat.N_TRIPLES),
                                                     ("nquads", "nquads", ox.RdfFormat.N_QUADS),
                                                     ("trig", "trig", ox.RdfFormat.TRIG),
                                                     ("jsonld", "json-ld", ox.RdfFormat.JSON_LD)])
def test_odd_unicode_exports_parse_back_with_rdflib_and_pyoxigraph(odd_store, fmt, rdflib_fmt, ox_fmt):
    text = export_text(odd_store, fmt)
    n = len({(q.subject, q.predicate, q.object) if fmt in ("turtle", "ntriples", "jsonld") else q
             for q in odd_store.quads()
             if q.graph_name.value not in ("https://w3id.org/geokg/ontology", SUMMARIES_GRAPH)})  # not exported
    # (Turtle, N-Triples and JSON-LD hold the union of the graphs: count triples, not quads)
    assert len(list(ox.parse(text, format=ox_fmt))) == n
    parsed = rdflib.Dataset().parse(data=text, format=rdflib_fmt) if fmt in ("nquads", "trig") \
        else rdflib.Graph().parse(data=text, format=rdflib_fmt)
    assert len(parsed) == n


def test_odd_unicode_iris_are_all_valid_and_ascii(odd_store):
    for q in odd_store.quads():
        for term in (q.subject, q.predicate, q.object, q.graph_name):
            if isinstance(term, ox.NamedNode):
                assert term.value.isascii() and not any(c in term.value for c in ' <>"{}|\\^`'), term
                ox.NamedNode(term.value)  # pyoxigraph validates IRIs on construction
                rdflib.URIRef(term.value).n3()


@pytest.mark.parametrize("reader, name", [("rss.v1", "feed.rss"), ("html.v1", "page.html")])
def test_external_dtds_are_never_fetched_or_read(tmp_path, reader, name):
    # an external DTD (no internal subset, so not refused by E110) on a live local port and in a local file
    import socket

    from loaders.files import read_bytes

    dtd = tmp_path / "secret.dtd"
    dtd.write_text('<!ENTITY secret "SECRET-FROM-DISK">')
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.settimeout(0.5)
        port = listener.getsockname()[1]
        body = "Russia and Uzbekistan signed a treaty in Moscow on Monday, officials said. &secret;"
        for system in (f"http://127.0.0.1:{port}/x.dtd", dtd.as_uri()):
            if reader == "rss.v1":
                data = (f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{system}"><rss version="0.91"><channel>'
                        f"<title>t</title><item><title>x</title><description>{body}</description></item>"
                        "</channel></rss>")
            else:
                data = f'<!DOCTYPE html SYSTEM "{system}"><html><body><article><p>{body}</p></article></body></html>'
            errors: list = []
            try:
                docs = read_bytes(data.encode(), name=name, reader=reader, errors=errors)
            except Exception as exc:  # noqa: BLE001 - refusing is fine too; leaking is not
                docs = []
                assert "SECRET" not in str(exc)
            assert not any("SECRET" in d.text for d in docs)
        with pytest.raises(socket.timeout):
            listener.accept()  # nobody connected


@pytest.mark.parametrize("name, data", [
    ("utf7.rss", b'<?xml version="1.0" encoding="utf-7"?>+ADw-!DOCTYPE rss +AFs-+ADw-!ENTITY a "b"+AD4-+AF0-+AD4-'
                 b"<rss version='2.0'><channel><title>x</title></channel></rss>"),
    ("ebcdic.rss", ('<?xml version="1.0" encoding="cp500"?><!DOCTYPE rss [<!ENTITY a "b">]>'
                    "<rss version='2.0'><channel><title>x</title></channel></rss>").encode("cp500")),
])
def test_feeds_in_encodings_that_hide_a_dtd_are_refused(tmp_path, name, data):
    """The DOCTYPE/ENTITY check read the bytes as Latin-1: in UTF-7 or EBCDIC an internal subset slipped by."""
    from loaders.errors import LoaderError
    from loaders.files import iter_documents

    (tmp_path / name).write_bytes(data)
    [err] = list(iter_documents([tmp_path / name]))
    assert isinstance(err, LoaderError) and err.code == "E110", err


def test_jsonld_with_a_second_context_key_is_refused():
    """json.loads keeps the last of two @context keys, so a remote context in the first one was not seen."""
    data = b'{"@context": "http://example.org/remote", "@context": {"name": "http://schema.org/name"}, "name": "x"}'
    with pytest.raises(KgError) as err:
        parse_rdf(data, "jsonld")
    assert err.value.code == "E806" and "the key @context twice" in err.value.message
