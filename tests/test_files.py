"""The file walker: reader choice, folders, and one clear error per bad file while the walk goes on."""
from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from loaders.errors import LoaderError
from loaders.files import MAX_TEXT_BYTES, choose_reader, iter_documents, read_bytes
from loaders.model import Document

FIX = Path(__file__).parent / "fixtures" / "readers"
DEV = Path("/work/shared/corpus/dev")
ARTICLE = b"Russia and Uzbekistan signed an alliance treaty in Moscow on Monday."


def split(items) -> tuple[list[Document], list[LoaderError]]:
    items = list(items)
    assert all(isinstance(i, (Document, LoaderError)) for i in items)
    return [i for i in items if isinstance(i, Document)], [i for i in items if isinstance(i, LoaderError)]


def one_error(path: Path) -> LoaderError:
    docs, errors = split(iter_documents([path]))
    assert not docs and len(errors) == 1, (docs, errors)
    assert errors[0].path == str(path)
    return errors[0]


@pytest.mark.skipif(not DEV.exists(), reason="dev corpus not present")
def test_dev_folder_gives_its_twelve_articles_and_no_gold_yaml():
    docs, errors = split(iter_documents([DEV]))
    assert not errors
    assert len(docs) == 12 == len(list(DEV.glob("*.txt")))
    assert all(d.reader == "txt.v1" and d.path.endswith(".txt") for d in docs)
    assert [Path(d.path).name for d in docs] == sorted(p.name for p in DEV.glob("*.txt"))


@pytest.mark.parametrize("data, name, expected", [
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page.txt", "html.v1"),  # content beats extension
    (b"<?xml version='1.0'?>\n<!-- c -->\n<html><body>x</body></html>", "a.xml", "html.v1"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "feed.xml", "rss.v1"),
    (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed", "rss.v1"),
    (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>', "f.rdf", "rss.v1"),
    (b'{"text": "x"}\n{"text": "y"}\n', "dump.json", "jsonl.v1"),
    (b"---\ntitle: A\n---\nBody.", "article.markdown", "txt.v1"),
    (ARTICLE, "article.txt", "txt.v1"),
    (ARTICLE, "README", "txt.v1"),  # no extension: text
    (b"<div><p>fragment</p></div>", "frag.html", "html.v1"),  # extension when content says nothing
    (b"doc: a.txt\nentities: []\n", "gold.yaml", None),  # not an article
    (b"---\ndoc: a.txt\n---\n", "gold.yaml", None),
    (b"a,b\n1,2\n", "table.csv", None),
])
def test_choose_reader_by_content_then_extension(data, name, expected):
    assert choose_reader(data, name=name) == expected


def test_fixture_folder_is_walked_in_sorted_order_with_errors_in_place():
    items = list(iter_documents([FIX]))
    files = [Path(i.path).name for i in items]
    assert files == sorted(files)
    docs, errors = split(items)
    assert {Path(e.path).name: e.code for e in errors if e.code != "E114"} == {
        "bad_front_matter.txt": "E109", "billion_laughs.html": "E110", "billion_laughs.rss": "E110",
        "feed_rss2.xml": "E116"}
    assert {d.reader for d in docs} == {"txt.v1", "html.v1", "rss.v1", "jsonl.v1"}
    assert all(d.path and d.path.startswith(str(FIX)) for d in docs)


def test_hidden_files_and_folders_are_skipped(tmp_path):
    (tmp_path / ".hidden.txt").write_bytes(ARTICLE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "a.txt").write_bytes(ARTICLE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_bytes(ARTICLE)
    docs, errors = split(iter_documents([tmp_path]))
    assert [Path(d.path).name for d in docs] == ["b.txt"] and not errors


def test_files_no_reader_claims_are_skipped_at_debug_level(tmp_path, caplog):
    (tmp_path / "gold.yaml").write_bytes(b"doc: a.txt\npublished: null\n")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    with caplog.at_level(logging.DEBUG, logger="loaders.files"):
        docs, errors = split(iter_documents([tmp_path]))
    assert [Path(d.path).name for d in docs] == ["a.txt"] and not errors
    skipped = [r for r in caplog.records if r.levelno == logging.DEBUG and "skipped" in r.getMessage()]
    assert {Path(r.args[0]).name for r in skipped} == {"gold.yaml", "logo.png"}


def test_document_path_is_the_file_and_source_its_base_name(tmp_path):
    (tmp_path / "story.txt").write_bytes(ARTICLE)
    [d] = split(iter_documents([str(tmp_path / "story.txt")]))[0]
    assert d.path == str(tmp_path / "story.txt") and d.source == "story.txt" and d.text == ARTICLE.decode()


def test_a_missing_path_is_E108_and_the_walk_goes_on(tmp_path):
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    items = list(iter_documents([tmp_path / "nope", tmp_path / "a.txt"]))
    assert isinstance(items[0], LoaderError) and items[0].code == "E108" and "nope" in str(items[0])
    assert isinstance(items[1], Document)


@pytest.mark.parametrize("name, data, code", [
    ("empty.txt", b"", "E101"),
    ("blank", b"\n\n  \n", "E101"),
    ("nul.txt", b"Talks began.\x00\x00\x01\x02", "E103"),
    ("binary", bytes(range(256)) * 4, "E103"),  # no extension: would be text, but is not
    # past the first 8 KB (only the head was looked at): a NUL, then a run of control bytes after clean text
    ("late-nul.txt", b"Talks began. " * 1000 + b"\x00" + b"They ended.", "E103"),
    ("late-binary.txt", b"Talks began. " * 2000 + bytes(range(1, 32)) * 40, "E103"),
    ("damaged.txt", b"Talks \xc3\x28 began \xc3\xa9.", "E104"),
    ("latin1.jsonl", '{"text": "caf\u00e9"}'.encode("latin-1"), "E104"),
    ("surrogate.txt", b"Talks \xed\xa0\x80 began.", "E105"),
    ("bad.html", b"<html><body></body></html>", "E111"),
    ("bad.rss", b"<rss version='2.0'><channel><title>x</title></channel></rss>", "E112"),
    ("bomb.rss", (FIX / "billion_laughs.rss").read_bytes(), "E110"),
])
def test_bad_file_gets_one_error_naming_it(tmp_path, name, data, code):
    (tmp_path / name).write_bytes(data)
    err = one_error(tmp_path / name)
    assert err.code == code and name in str(err)


def test_bad_files_do_not_stop_the_walk(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "c_good.txt").write_bytes(ARTICLE)
    items = list(iter_documents([tmp_path]))
    assert [type(i).__name__ for i in items] == ["LoaderError", "LoaderError", "Document"]


def test_file_over_the_size_limit_is_E106_without_reading_it(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(MAX_TEXT_BYTES + 1)
    assert one_error(big).code == "E106"


def test_a_pipe_is_E107_not_a_hang(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(tmp_path / "pipe.txt")
    assert one_error(tmp_path / "pipe.txt").code == "E107"


def test_a_dangling_symlink_is_E107(tmp_path):
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    assert one_error(tmp_path / "gone.txt").code == "E107"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_E107(tmp_path):
    f = tmp_path / "secret.txt"
    f.write_bytes(ARTICLE)
    f.chmod(0)
    try:
        assert one_error(f).code == "E107"
    finally:
        f.chmod(0o644)


def test_forced_reader_is_used_for_every_file(tmp_path):
    shutil.copy(FIX / "page.html", tmp_path / "page.html")
    [d] = split(iter_documents([tmp_path], reader="txt.v1"))[0]
    assert d.reader == "txt.v1" and "<nav>" in d.text


def test_unknown_forced_reader_is_E100_per_file(tmp_path):
    (tmp_path / "a.txt").write_bytes(ARTICLE)
    [err] = list(iter_documents([tmp_path], reader="docx.v1"))
    assert err.code == "E100" and "@reader" in err.message


def test_per_item_errors_come_with_the_file_path():
    path = FIX / "articles.jsonl"
    docs, errors = split(iter_documents([path]))
    assert len(docs) == 3 and [e.path for e in errors] == [str(path)] * 2
    assert "line 3" in errors[0].message


# ---------------------------------------------------------------- read_bytes

def test_read_bytes_collects_item_errors_when_asked():
    errors: list[LoaderError] = []
    docs = read_bytes((FIX / "articles.jsonl").read_bytes(), name="a.jsonl", errors=errors)
    assert len(docs) == 3 and [e.code for e in errors] == ["E114", "E114"]


def test_read_bytes_raises_the_first_item_error_by_default():
    with pytest.raises(LoaderError, match="line 3"):
        read_bytes((FIX / "articles.jsonl").read_bytes(), name="a.jsonl")


def test_read_bytes_raises_whole_input_errors():
    with pytest.raises(LoaderError) as exc:
        read_bytes(b"", name="a.txt", errors=[])
    assert exc.value.code == "E101" and exc.value.path == "a.txt"


def test_read_bytes_unknown_format_is_E115_naming_the_readers():
    with pytest.raises(LoaderError) as exc:
        read_bytes(b"a,b\n1,2\n", name="table.csv")
    assert exc.value.code == "E115" and "txt.v1" in exc.value.message


def test_read_bytes_with_named_reader():
    [d] = read_bytes(b'{"text": "Talks ended."}', name="x.txt", reader="txt.v1")
    assert d.reader == "txt.v1" and d.text == '{"text": "Talks ended."}'


def test_a_crashing_plugin_reader_is_E119_and_the_walk_goes_on(tmp_path, monkeypatch):
    from loaders import registry

    def crash(data, *, name):
        raise ValueError("boom")
        yield  # a generator, as readers are

    registry.readers()  # load the built-ins first, so the plugin does not hide them
    monkeypatch.setitem(registry.READERS, "crash.v1", registry.ReaderSpec("crash.v1", crash, (".crash",), None))
    (tmp_path / "a.crash").write_bytes(b"anything")
    (tmp_path / "b.txt").write_bytes(ARTICLE)
    items = list(iter_documents([tmp_path]))
    assert isinstance(items[0], LoaderError) and items[0].code == "E119" and "crash.v1" in items[0].message
    assert isinstance(items[1], Document)
    with pytest.raises(LoaderError, match="E119"):
        read_bytes(b"anything", name="a.crash")
