"""The loaders package has no import cycle, counting imports inside functions too: each module can be read,
tested and replaced on its own, and the registry imports nothing that imports it back."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph(package: str = "loaders") -> dict[str, set[str]]:
    mods = {_module(p): p for p in (ROOT / package).rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, path in mods.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for n in names:
                if n in mods and n != m and not m.startswith(n + "."):  # a package's own __init__ is no cycle
                    graph[m].add(n)
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if n not in state and (found := visit(n)):
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m)):
            return found
    return None


def test_loaders_has_no_import_cycle():
    assert _cycle(_graph()) is None, " -> ".join(_cycle(_graph()))


def test_the_registry_imports_no_reader_or_extractor():
    assert _graph()["loaders.registry"] <= {"loaders.errors"}


def test_the_cycle_finder_finds_a_cycle():
    with pytest.raises(AssertionError):
        assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) is None
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_every_language_table_says_what_it_is_and_where_it_comes_from():
    """Each table file of loaders/lang/en/ has its row in SOURCES.md; a JSON file says what it is (`_about`),
    and so does each of its tables in the words/values shape the table loader reads."""
    import json

    folder = Path(__file__).resolve().parents[1] / "loaders" / "lang" / "en"
    sources = (folder / "SOURCES.md").read_text(encoding="utf-8")
    files = sorted(p for p in folder.iterdir() if p.suffix in (".json", ".jsonl", ".tsv", ".txt"))
    assert len(files) >= 9
    for p in files:
        assert f"`{p.name}`" in sources, p.name
        if p.suffix == ".json":
            data = json.loads(p.read_text(encoding="utf-8"))
            assert data.get("_about"), p.name
            for key, table in data.items():
                if isinstance(table, dict) and ("words" in table or "values" in table):
                    assert table.get("_about"), (p.name, key)
