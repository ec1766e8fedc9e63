"""The `kg` command as a user runs it: real subprocesses, real store, one-line errors."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SUBCOMMANDS = ["ingest", "query", "queries", "export", "validate", "demo", "serve", "remove", "load", "push"]


def kg(*args, cwd=None, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env={**os.environ, **(env or {})}, timeout=600)


def assert_one_line_error(done: subprocess.CompletedProcess, code: str) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("kg: [")]
    assert lines and f"[{code}]" in lines[0], done.stderr


@pytest.mark.parametrize("sub", SUBCOMMANDS)
def test_help_on_each_subcommand(sub):
    done = kg(sub, "--help")
    assert done.returncode == 0 and f"usage: kg {sub}" in done.stdout


def test_unknown_query_name(tmp_path, ingested):
    assert_one_line_error(kg("query", "nosuchquery", "--store", ingested), "E401")


def test_missing_store(tmp_path):
    assert_one_line_error(kg("query", "entities", "--store", tmp_path / "absent"), "E301")
    assert_one_line_error(kg("export", "--store", tmp_path / "absent"), "E301")


def test_a_new_store_in_folders_that_do_not_exist_yet(tmp_path):
    """`kg ingest --store a/b/store` makes the folders on the way; reading commands still refuse a missing store
    and create nothing."""
    article = tmp_path / "a.md"
    article.write_text("Russia and Uzbekistan signed an alliance treaty in Moscow on 14 November 2005.\n")
    done = kg("ingest", "--store", tmp_path / "a" / "b" / "store", article)
    assert done.returncode == 0, done.stderr
    assert kg("query", "events", "--store", tmp_path / "a" / "b" / "store").returncode == 0
    assert_one_line_error(kg("query", "events", "--store", tmp_path / "c" / "store"), "E301")
    assert not (tmp_path / "c").exists()


def test_bad_parameter(ingested):
    assert_one_line_error(kg("query", "timeline", "--store", ingested, "--param", "state"), "E601")
    assert_one_line_error(kg("query", "timeline", "--store", ingested, "--param", "state=UZB",
                             "--param", "from=someday"), "E404")


def test_unreadable_or_missing_file(tmp_path):
    assert_one_line_error(kg("ingest", "--store", tmp_path / "s", tmp_path / "nothing.txt"), "E602")


def test_store_from_environment(ingested):
    done = kg("query", "entities", "--format", "csv", env={"KG_STORE": str(ingested)})
    assert done.returncode == 0 and done.stdout.startswith("entity,kind,label,wikidata,source")


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    d = tmp_path_factory.mktemp("articles")
    store = tmp_path_factory.mktemp("cli") / "store"
    (d / "a.txt").write_text("---\nurl: https://news.example/a\npublished: 2005-11-14\n---\n"
                             "Russia and Uzbekistan signed a treaty on allied relations in Moscow on Monday.\n")
    (d / "empty.txt").write_text("")
    done = kg("ingest", "--store", store, d)
    # the empty file fails clearly; the good one is still ingested, and the exit code says something failed
    assert done.returncode == 1, done.stderr
    assert "empty.txt" in done.stderr and "ingested 1 documents" in done.stderr
    return store


def test_ingest_then_query_json_and_export(ingested, tmp_path):
    done = kg("query", "entities", "--store", ingested, "--format", "json")
    data = json.loads(done.stdout)
    assert {b["source"]["value"] for b in data["results"]["bindings"]} <= {"https://news.example/a"}
    out = tmp_path / "g.ttl"
    assert kg("export", "--store", ingested, "-o", out).returncode == 0
    assert "https://news.example/a" in out.read_text(encoding="utf-8")


def test_query_for_a_program_gives_every_row_and_a_page_says_there_is_more(ingested):
    every = kg("query", "entities", "--store", ingested, "--format", "csv").stdout.strip().splitlines()
    assert len(every) > 3  # a header and the rows, all of them: programs (the scorers) read the whole answer
    page = kg("query", "entities", "--store", ingested, "--format", "csv", "--param", "limit=2")
    assert page.stdout.strip().splitlines() == every[:3]
    assert "more with --param offset=2" in page.stderr
    rest = kg("query", "entities", "--store", ingested, "--format", "csv", "--param", "offset=2")
    assert rest.stdout.strip().splitlines() == every[:1] + every[3:] and "more" not in rest.stderr


def test_queries_lists_the_catalogue():
    done = kg("queries")
    assert done.returncode == 0
    assert "timeline" in done.stdout and "alignmentTrend" in done.stdout and "state (iri)" in done.stdout


def test_ingest_of_a_folder_holding_the_store_skips_the_store(tmp_path):
    # regression: `kg ingest .` next to ./kg-store read the store's own database files as articles
    (tmp_path / "a.txt").write_text("Russia and Uzbekistan signed a treaty on allied relations.\n")
    assert kg("ingest", "--store", "kg-store", ".", cwd=tmp_path).returncode == 0
    again = kg("ingest", "--store", "kg-store", ".", cwd=tmp_path)
    assert again.returncode == 0 and "ingested 1 documents" in again.stderr and "failed" not in again.stderr


def test_file_names_with_newlines_or_escapes_cannot_forge_a_line(tmp_path):
    """A file named to look like a second message (a newline, then "ingested 999 documents") or to repaint the
    terminal (ANSI escapes) is shown with those characters escaped, in every message that names it."""
    folder = tmp_path / "in"
    folder.mkdir()
    forged = folder / "x\ningested 999 documents (1 quads) into kg-store\x1b[2K.txt"
    forged.write_bytes(b"\x00\x01binary, not an article")
    (folder / "ok.txt").write_text("Russia protested to Uzbekistan on Monday.\n")
    done = kg("ingest", "--store", tmp_path / "store", folder)
    lines = done.stderr.splitlines()
    assert not any(line.startswith("ingested 999") for line in lines), done.stderr
    assert "\x1b" not in done.stderr and "\\x0aingested 999" in done.stderr and "\\x1b[2K" in done.stderr
    assert any(line.startswith("ingested 1 documents") for line in lines)
    ttl = tmp_path / "y\nloaded z.ttl.ttl"
    ttl.write_text("<http://example.org/a> <http://example.org/p> 1 .\n")
    loaded = kg("load", "--store", tmp_path / "store", ttl)
    assert loaded.returncode == 0 and loaded.stderr.count("\n") == 1 and "\\x0aloaded z.ttl" in loaded.stderr


def test_a_full_disk_during_export_is_one_numbered_line(ingested):
    with open("/dev/full", "w") as full:  # every write fails with ENOSPC, as on a full disk
        done = subprocess.run([sys.executable, "-m", "kg.cli", "export", "--store", str(ingested)],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=300)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.startswith("kg: [E604] no space left") and "export again" in done.stderr


@pytest.fixture
def tiny_disk(tmp_path):
    """A 300 KB tmpfs: a real full disk (the store's own writes fail), mounted for the test."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(mnt)], capture_output=True).returncode:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield mnt
    subprocess.run(["umount", str(mnt)], check=True)


def test_a_full_disk_during_ingest_says_what_is_stored_and_the_same_command_resumes(tiny_disk, tmp_path):
    samples = Path(__file__).resolve().parents[1] / "kg" / "samples"  # the bundled articles

    done = kg("ingest", "--store", tiny_disk / "store", samples)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "[E604] no space left" in done.stderr and "run the same `kg ingest` again" in done.stderr
    moved = tmp_path / "store"  # the space freed: here, the store moved to a disk with room
    shutil.copytree(tiny_disk / "store", moved)
    again = kg("ingest", "--store", moved, samples)
    fresh = kg("ingest", "--store", tmp_path / "fresh", samples)
    assert again.returncode == 0 and again.stderr.splitlines()[-1].split(" into ")[0] == \
        fresh.stderr.splitlines()[-1].split(" into ")[0]
    from kg.store import Store
    assert len(Store(moved, read_only=True)) == len(Store(tmp_path / "fresh", read_only=True))
