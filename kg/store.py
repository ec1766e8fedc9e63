"""The embedded quad store (pyoxigraph): on disk by default, in memory for tests.

One named graph per source document; a document is replaced or removed in one SPARQL update,
which Oxigraph runs as one transaction, so a killed process leaves each document whole or absent.
A graph larger than :data:`BATCH_QUADS` (a big ``kg load``) is written by the bulk loader in batches of
that size instead, since one transaction holds all of it in memory (about 1.3 KB a quad, and the old
one-update text was another 130 bytes a quad): the graph is named in a journal file in the store folder
first, and the next writer to open a store whose journal names a graph drops that graph, so a killed
load is undone rather than left half written. Readers may see part of such a graph while it loads.
Queries see the union of all graphs as the default graph. What an entity is lives once, in the shared
graph of descriptions (:mod:`kg.descriptions`): a quad a caller gives in that graph goes there, any other
into the document's graph, and dropping a document drops the descriptions only it needed, in the same
transaction. The alignment sums per state, partner and period (:mod:`kg.summaries`) are brought up to date
by every write: what it touches is marked in the transaction of the document, and the sums follow at once;
a writer that finds marks left by a killed write finishes them. A writer opening a store from before these
layouts upgrades it first.

>>> s = Store()  # in memory
>>> from pyoxigraph import NamedNode, Quad
>>> g = NamedNode("https://example.org/graph/1")
>>> s.replace_graph(g, [Quad(NamedNode("https://example.org/a"), NamedNode("https://example.org/p"),
...                          NamedNode("https://example.org/b"), g)])
>>> len(s)
1
"""
from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KgError
from kg import summaries
from kg.batches import drop_in_batches
from kg.descriptions import ENTITIES, LAYOUT, LAYOUT_FILE, collect_update, forget_update, upgrade
from kg.link import links, unlink_update
from kg.namespaces import GK_IRI, ONTOLOGY_IRI

DEFAULT_STORE = "kg-store"
BATCH_QUADS = 50_000  # a larger graph goes through the bulk loader, this many quads at a time
JOURNAL = "kg-loading"  # in the store folder: graphs being bulk-loaded, one IRI a line


def store_path(path: str | os.PathLike | None) -> Path:
    """The store folder: the argument, else ``$KG_STORE``, else ``./kg-store``."""
    return Path(path or os.environ.get("KG_STORE") or DEFAULT_STORE)


def retract_update(graph: ox.NamedNode, *, silent: bool = False) -> str:
    """SPARQL update text that drops ``graph`` with the same-event links to and from its events (:mod:`kg.link`)
    and the shared descriptions only it needed (:mod:`kg.descriptions`), all in the one transaction."""
    return f"{unlink_update(graph)} ;\n{forget_update(graph)} ;\nDROP {'SILENT ' if silent else ''}GRAPH {graph}"


def _write_synced(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())


class Store:
    """A pyoxigraph store with the operations the project needs."""

    def __init__(self, path: str | os.PathLike | None = None, *, must_exist: bool = False, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        if self.path is None:
            self._store = ox.Store()
            return
        if must_exist and not (self.path / "CURRENT").exists():
            raise KgError("E301", f"no store at {self.path}; run `kg ingest --store {self.path} ARTICLES...` first "
                                  "or point --store / $KG_STORE at an existing one")
        if not read_only:
            try:  # `kg ingest --store new/place/store`: the folders on the way are made, as for the store itself
                self.path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise KgError("E303", f"cannot create the store folder {self.path}: {exc.strerror}") from exc
        try:
            self._store = ox.Store.read_only(str(self.path)) if read_only else ox.Store(str(self.path))
        except OSError as exc:
            if "lock hold by current process" in str(exc):  # RocksDB's wording for a second open in one process
                raise KgError("E302", f"the store {self.path} is already open in this process; reuse that "
                                      "kg.Store object (or delete it first)") from exc
            if "lock" in str(exc).lower():
                raise KgError("E302", f"the store {self.path} is in use by another kg process; "
                                      "wait for it to finish or use another --store") from exc
            raise KgError("E303", f"cannot open the store {self.path}: {exc}") from exc
        except RuntimeError as exc:  # RocksDB's own errors, e.g. a read-only open of a store still being created
            raise KgError("E303", f"cannot open the store {self.path}: {exc}; if a `kg ingest` is creating it, "
                                  "wait for it to finish") from exc
        if not read_only:
            self._undo_interrupted_load()
            layout_file = self.path / LAYOUT_FILE
            layout = layout_file.read_text(encoding="utf-8").split() if layout_file.exists() else []
            if LAYOUT not in layout:  # a new store, or one from before the shared descriptions
                upgrade(self._store, where=f"the store {self.path}")
            if summaries.LAYOUT not in layout:  # ... or from before the summaries
                if len(self._store):
                    print(f"kg: [W306] the store {self.path} has no alignment summaries (written by an older kg): "
                          "computing them", file=sys.stderr)
                summaries.rebuild(self._store)
            elif summaries.pending(self._store):  # a write killed before its summaries followed
                summaries.refresh(self._store)
            if layout != [LAYOUT, summaries.LAYOUT]:
                self._store.flush()
                _write_synced(layout_file, f"{LAYOUT}\n{summaries.LAYOUT}\n")

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for users who want its full API."""
        return self._store

    def __len__(self) -> int:
        return len(self._store)

    def replace_graph(self, graph: ox.NamedNode, quads: Iterable[ox.Quad]) -> None:
        """Replace the named graph ``graph`` by ``quads``: in one transaction up to :data:`BATCH_QUADS`
        quads, else journaled and bulk-loaded in batches (see the module text). ``quads`` may be a generator;
        at most one batch of it is held in memory."""
        quads = (q if q.graph_name in (graph, ENTITIES) else ox.Quad(q.subject, q.predicate, q.object, graph)
                 for q in quads)  # a quad's own graph is ignored unless it is the shared descriptions
        first = list(itertools.islice(quads, BATCH_QUADS + 1))
        if len(first) <= BATCH_QUADS and not self._store.contains_named_graph(graph):
            # a new graph: one transaction, no update text to build and parse
            self._store.extend(first + summaries.pending_quads([graph]))
            summaries.refresh(self._store)
            return
        if len(first) <= BATCH_QUADS or self.path is None:
            by_graph: dict[ox.NamedNode, list[str]] = {graph: [], ENTITIES: []}
            for q in itertools.chain(first, quads):
                by_graph[q.graph_name].append(f"{q.subject} {q.predicate} {q.object} .")
            body = "\n".join(f"GRAPH {g} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items() if lines)
            self._store.update(f"{summaries.pending_before(self._store, [graph])} ;\n"
                               f"{retract_update(graph, silent=True)} ;\nINSERT DATA {{\n{body}\n}}")
            summaries.refresh(self._store)
            return
        journal = self.path / JOURNAL
        _write_synced(journal, graph.value + "\n")
        self._store.update(f"{summaries.pending_before(self._store, [graph])} ;\n{unlink_update(graph)} ;\n"
                           f"{forget_update(graph)}")
        self._drop_in_batches(graph)
        batch = first
        while batch:  # blank nodes are pyoxigraph terms here, so one node stays one node across batches
            self._store.bulk_extend(batch)
            batch = list(itertools.islice(quads, BATCH_QUADS))
        summaries.refresh(self._store)
        self._store.flush()
        journal.unlink()

    def add_graphs(self, graphs: list[ox.NamedNode], quads: list[ox.Quad]) -> None:
        """Write new graphs (none of them in the store) at once, with the links of their events to the other
        reports of them (:mod:`kg.link`): on disk through the bulk loader, the graphs named in the journal
        first so that a killed write, links included, is undone (see the module text); in memory in one
        transaction."""
        # the links are made before the write (kg.link reads the batch's keys from ``quads``) and go in with it
        same = links(self._store, graphs, quads)
        extra = same + summaries.pending_quads(graphs)
        if self.path is None:
            self._store.extend(quads + extra)
            summaries.refresh(self._store, (graphs, same))
            return
        journal = self.path / JOURNAL
        _write_synced(journal, "".join(g.value + "\n" for g in graphs))
        # documents of one batch name the same entities: their shared descriptions are written once
        shared = {q for q in quads if q.graph_name == ENTITIES}
        self._store.bulk_extend([q for q in quads if q.graph_name != ENTITIES] + list(shared) + extra)
        summaries.refresh(self._store, (graphs, same))
        self._store.flush()
        journal.unlink()

    def _drop_in_batches(self, graph: ox.NamedNode) -> None:
        drop_in_batches(self._store, graph, BATCH_QUADS)  # the journal covers a kill half way

    def _undo_interrupted_load(self) -> None:
        journal = self.path / JOURNAL
        if not journal.exists():
            return
        graphs = [ox.NamedNode(iri) for iri in journal.read_text(encoding="utf-8").split()]
        if graphs:  # what the drops take away
            self._store.update(summaries.pending_before(self._store, graphs))
        for graph in graphs:
            self._drop_in_batches(graph)
            print(f"kg: [W304] the load of <{graph.value}> into {self.path} was interrupted; its part-written graph was "
                  "dropped: load the file again", file=sys.stderr)
        self._store.update(collect_update())  # descriptions the dropped graphs brought and nothing else names
        summaries.refresh(self._store)
        self._store.flush()
        journal.unlink()

    def remove_graph(self, graph: ox.NamedNode) -> bool:
        """Drop a named graph; False if it was not there."""
        if not self._store.contains_named_graph(graph):
            return False
        self._store.update(f"{summaries.pending_before(self._store, [graph])} ;\n{retract_update(graph)}")
        summaries.refresh(self._store)
        return True

    def summarize(self, graphs: list[ox.NamedNode]) -> None:
        """Bring the summaries up to date for ``graphs`` written or linked outside this class (``kg load``,
        the Spark path)."""
        self._store.extend(summaries.pending_quads(graphs))
        summaries.refresh(self._store)

    def graphs(self) -> list[ox.NamedNode]:
        return sorted((g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)

    def ensure_ontology(self) -> None:
        """Keep the project's TBox in its own graph, so queries can read the PLOVER weights."""
        from kg.ontology import source_path

        graph = ox.NamedNode(ONTOLOGY_IRI)
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph)
                 for t in ox.parse(path=str(source_path()), format=ox.RdfFormat.TURTLE)]
        weight = ox.NamedNode(GK_IRI + "cooperationWeight")
        before = set(self._store.quads_for_pattern(None, weight, None, graph))
        self.replace_graph(graph, quads)
        if before and before != {q for q in quads if q.predicate == weight}:
            summaries.rebuild(self._store)  # the sums are in these weights

    def query(self, sparql: str):
        """Run a SPARQL query with the union of all graphs as the default graph."""
        return self._store.query(sparql, use_default_graph_as_union=True)

    def quads(self) -> list[ox.Quad]:
        return list(self._store.quads_for_pattern(None, None, None, None))

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def to_rdflib(self):
        """A live rdflib ``Dataset`` over this store (through oxrdflib), for users who prefer rdflib.

        >>> len(Store().to_rdflib())
        0
        """
        import rdflib
        from oxrdflib import OxigraphStore

        return rdflib.Dataset(store=OxigraphStore(store=self._store))
