"""Embedded Oxigraph backend: RocksDB on disk (default) or in memory.

Writes of new story graphs are bulk-loaded (several times faster than a transaction here),
while the import is still making them, under a journal: the journal names the graphs and
entity subjects being added before any of their quads reach the store, and is removed only
after the final transaction commits the import's id. Opening a store with a
journal left by a crash rolls those additions back, so a reader never sees half an import.
"""
from __future__ import annotations

import itertools
import json
import logging
import os
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO, cast

import pyoxigraph as ox

from graph import formats, terms
from graph.kept import sync_directory
from graph.rdf import PREFIXES
from graph.records import StoreError
from graph.results import QueryLimits, serialize_limited
from graph.store import holder
from graph.store.base import NewQuads, Row, Store, Write
from graph.store.holder import StoreLocked

RDF_FORMATS = {name: fmt.rdf for name, fmt in formats.RDF_FORMATS.items() if fmt.rdf is not None}
UNLIMITED = QueryLimits(timeout=float("inf"), max_results=1 << 62)
_JOURNAL = "storygraph-import.journal"
# What survives a roll-back that keeps the old data rather than removing the new (see _keep_only).
_SURVIVORS = "storygraph-rollback-survivors.nq"
_COMMIT = "urn:storygraph:import-committed"
# Bulk loading pays off only for large writes; small ones use one transaction.
_BULK_THRESHOLD = 20_000
# A bulk write loads its quads in pieces of about this size while the rest are being made. Each load
# adds files that overlap every key of the store (Oxigraph's keys are hashes), which RocksDB compacts
# into it again and again as it grows: at 100k stories, loads of 16 MB cost 22 CPU-s of compaction,
# of 64 MB 11 and of 128 MB 7, while the loads themselves cost a little more the larger they are
# (14.5 + 2.5, 21 and 23 CPU-s) and the last one, not overlapped, takes longer (bench/import_cpu.py).
# So loads start at `_FIRST_LOAD_BYTES` and grow to half of what is loaded, up to `_LOAD_BYTES`: the
# store is small while they are small, and a 10k import (58 MB) still loads most of its quads while
# they are being made.
_FIRST_LOAD_BYTES = 16 << 20
_LOAD_BYTES = 64 << 20
# Chunks waiting for the loader (a chunk is a batch of new stories: ~1.4 MB for 250): more than a load
# holds, so that the import goes on making quads while a load runs.
_QUEUED_CHUNKS = 64
# Story graphs removed per committed step of a roll-back.
_ROLL_BACK_STEP = 200
log = logging.getLogger("storygraph.store")


def _value(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> str | None:
    return None if term is None else term.value


class OxigraphStore(Store):
    """pyoxigraph.Store with the storygraph write protocol; `path=None` keeps it in memory."""

    def __init__(self, path: str | os.PathLike[str] | None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.url = f"oxigraph:{self.path}" if self.path else "memory:"
        self.read_only = read_only and self.path is not None
        # Counts this process's writes: a read-only copy elsewhere re-opens when it changes.
        self.generation = 0
        try:
            if self.path is None:
                self._store = ox.Store()
            elif self.read_only:
                if not (self.path / "CURRENT").exists():
                    raise StoreError(f"there is no store at {self.path} to open read-only")
                self._store = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            if self.path is not None and "lock" in str(exc).lower():
                raise StoreLocked(self.path) from None
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from None
        if self.path is not None and not self.read_only:
            holder.claim(self.path)
            self._recover()

    # -- reads -----------------------------------------------------------------------------
    def _query(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        try:
            return self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise StoreError(f"invalid SPARQL: {exc}") from None
        except OSError as exc:
            raise StoreError(f"store read failed: {exc}") from None

    def _directory(self) -> Path:
        """The store's directory: journals and roll-backs are files, so only an on-disk store has them."""
        if self.path is None:
            raise StoreError("a memory store keeps no files")
        return self.path

    def select(self, sparql: str) -> list[Row]:
        solutions = self._query(sparql)
        if not isinstance(solutions, ox.QuerySolutions):
            raise StoreError("select() takes a SELECT query; ask() and construct() take the others")
        names = [v.value for v in solutions.variables]
        return [tuple(_value(s[n]) for n in names) for s in solutions]

    def ask(self, sparql: str) -> bool:
        return bool(self._query(sparql))

    def query_bytes(self, sparql: str, result_format: str, *, limits: QueryLimits | None = None,
                    jsonld_context: str | None = None) -> tuple[bytes, str]:
        return serialize_limited(lambda: self._query(sparql), result_format, limits or UNLIMITED,
                                 jsonld_context=jsonld_context)

    def quad_count(self) -> int:
        return len(self._store)

    def dump(self, output: BinaryIO, rdf_format: str) -> None:
        fmt = RDF_FORMATS[rdf_format]
        if fmt.supports_datasets:
            self._store.dump(output, fmt)
        elif fmt is ox.RdfFormat.N_TRIPLES:
            # Measured (bench/export_speed.py, 100k stories): one N-Triples dump per graph runs at
            # 1.3M triples/s in memory, against 0.4M for a CONSTRUCT over the union graph; on disk
            # all paths are bound by decoding stored terms (~0.15M/s).
            # A triple two graphs hold (an entity fact two stories state) is written once: lines
            # about a graph's own subject are unique to it, the others are remembered.
            seen: set[bytes] = set()

            def write_new(lines: bytes, own: tuple[bytes, ...]) -> None:
                fresh = [line for line in lines.splitlines(keepends=True)
                         if line.startswith(own) or (line not in seen and not seen.add(line))]  # type: ignore[func-returns-value]  # set.add's None, negated: remember and keep in one pass
                output.write(b"".join(fresh))

            write_new(self._store.dump(format=fmt, from_graph=ox.DefaultGraph()) or b"", ())
            for graph in self._store.named_graphs():
                name = f"<{graph.value}".encode()
                write_new(self._store.dump(format=fmt, from_graph=graph) or b"", (name + b">", name + b"#"))
        else:
            # Formats without named graphs get the union graph: every story's triples.
            triples = cast(ox.QueryTriples,
                           self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"))
            if fmt is ox.RdfFormat.TURTLE:
                ox.serialize(triples, output, fmt, prefixes=PREFIXES)
            else:
                triples.serialize(output, format=fmt)

    def dump_graph(self, graph: str | None, rdf_format: str) -> bytes:
        """One graph's triples (the default graph's when `graph` is None), e.g. for graph/kept_export.py."""
        name = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)
        return self._store.dump(format=RDF_FORMATS[rdf_format], from_graph=name) or b""

    def graph_names(self) -> list[str]:
        """The IRI of every named graph."""
        return [g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)]

    # -- writes ----------------------------------------------------------------------------
    def write(self, change: Write) -> None:
        self._writable()
        try:
            if self.path is not None and change.new_nquads.count("\n") > _BULK_THRESHOLD:
                self._bulk_write((), lambda: change)
                return
            with _store_errors():
                self._store.update(self._update_text(change, None))
                self._store.flush()
        finally:
            self.generation += 1

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.path} is open read-only (another process holds it); "
                             "nothing was changed")

    def write_stream(self, new: Iterable[NewQuads], rest: Callable[[], Write]) -> None:
        """Bulk-load new quads while they are being made, once there are enough to pay off."""
        self._writable()
        if self.path is None:
            super().write_stream(new, rest)
            return
        try:
            self._write_stream(iter(new), rest)
        finally:
            self.generation += 1

    def _write_stream(self, batches: Iterator[NewQuads], rest: Callable[[], Write]) -> None:
        head: list[NewQuads] = []
        lines = 0
        for batch in batches:
            head.append(batch)
            lines += batch.nquads.count("\n")
            if lines > _BULK_THRESHOLD:
                self._bulk_write(itertools.chain(head, batches), rest)
                return
        change = rest().adding(head)
        if not change.empty:
            self.write(change)

    def _update_text(self, change: Write, import_id: str | None) -> str:
        ops = [f"DROP SILENT GRAPH <{g}>" for g in change.drop_graphs]
        ops += list(change.delete)
        quads = change.nquads + (change.new_nquads if import_id is None else "")
        if quads:
            ops.append("INSERT DATA { " + _nquads_to_graph_blocks(quads) + " }")
        ops += list(change.after)
        if import_id:
            ops.append(f'INSERT DATA {{ GRAPH <{_COMMIT}> {{ <{_COMMIT}> <{_COMMIT}#id> "{import_id}" }} }}')
        return " ;\n".join(ops) or "INSERT DATA {}"

    def _bulk_write(self, batches: Iterable[NewQuads], rest: Callable[[], Write]) -> None:
        """New quads by bulk load as they come, then `rest()` in one transaction that also commits the
        import's id. Each batch's graphs and subjects are journaled (fsync) before its quads reach the
        store, so the journal always names everything a crash could leave behind. The loader's thread
        does both, so that the import goes on making quads while the disk syncs."""
        import_id = uuid.uuid4().hex
        journal_path = self._directory() / _JOURNAL
        loader: _Loader | None = None
        try:
            with _store_errors():
                journal = open(journal_path, "w", encoding="utf-8")
            with journal:
                with _store_errors():
                    _append_durably(journal, [{"id": import_id}])
                    sync_directory(journal_path.parent)
                loader = feeder = _Loader(self._store, journal)

                def load(batch: NewQuads) -> None:
                    feeder.feed(batch.nquads, {"graphs": list(batch.graphs), "subjects": list(batch.subjects)})

                try:
                    for batch in batches:  # an error made while planning propagates as it is
                        load(batch)
                    change = rest()
                    if change.new_nquads:
                        load(NewQuads(change.new_graphs, change.new_subjects, change.new_nquads))
                    loader.finish()
                finally:
                    loader.stop()  # before the journal closes: the loader writes it
            with _store_errors():
                self._store.update(self._update_text(change, import_id))
                self._store.flush()
        except BaseException:
            if loader is not None:
                loader.stop()
            self._recover()
            raise
        journal_path.unlink()
        self._store.update(f"DROP SILENT GRAPH <{_COMMIT}>")
        self._store.flush()

    def _recover(self) -> None:
        """Roll back a bulk write that a crash (or an error) interrupted before its commit; finish one that committed."""
        if self.path is None:
            return
        journal = self.path / _JOURNAL
        survivors = self.path / _SURVIVORS
        restored = survivors.exists()
        if restored:
            # A crash during a roll-back that keeps only the survivors: finish it from their saved copy.
            log.warning("finishing an interrupted roll-back of the store at %s from its saved copy", self.path)
            self._restore(survivors)
        if not journal.exists():
            # A crash between removing the journal and dropping the marker leaves only the marker.
            if self._store.query(f"ASK {{ GRAPH <{_COMMIT}> {{ ?s ?p ?o }} }}"):
                self._store.update(f"DROP SILENT GRAPH <{_COMMIT}>")
                self._store.flush()
            return
        import_id, graphs, subjects = _read_journal(journal)
        committed = import_id is not None and self._store.query(
            f'ASK {{ GRAPH <{_COMMIT}> {{ <{_COMMIT}> <{_COMMIT}#id> "{import_id}" }} }}')
        if not committed and not restored and (graphs or subjects):
            self._roll_back(graphs, subjects)
        self._store.update(f"DROP SILENT GRAPH <{_COMMIT}>")
        self._store.flush()
        survivors.unlink(missing_ok=True)
        journal.unlink()

    def _roll_back(self, graphs: list[str], subjects: list[str]) -> None:
        """Undo an interrupted import at the cost of the smaller side, saying what it does, then compact.

        Removing costs per quad removed (~20k quads/s here), so an import that added more than
        was there before is undone by keeping the rest instead (`_keep_only`). Both are safe to
        interrupt: the journal stays until the end. One update for everything grew a store from
        2.5 to 6.4 GB of write-ahead log; small committed steps and the compaction avoid that.
        """
        started = time.monotonic()
        log.warning("the store at %s holds an import that was interrupted (a crash, a kill or an error) before it "
                    "committed; removing its %d story graphs and %d new entities. This runs once, and "
                    "resumes where it stopped if it is interrupted too", self.path, len(graphs), len(subjects))
        rolled_back = set(graphs)
        kept = [g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode) and g.value not in rolled_back]
        if len(rolled_back) > len(kept):
            self._keep_only(kept, set(subjects))
        else:
            self._remove(graphs, subjects, started)
        log.warning("rolled back in %.1f s; compacting the store to give the space back", time.monotonic() - started)
        self._store.optimize()
        log.warning("the store is as it was before the interrupted import (%.1f s in all)", time.monotonic() - started)

    def _remove(self, graphs: list[str], subjects: list[str], started: float) -> None:
        """Roll back by removing what the import added: costs what it had loaded (~20k quads/s)."""
        reported = started
        for done in range(0, len(graphs), _ROLL_BACK_STEP):
            for graph in graphs[done: done + _ROLL_BACK_STEP]:
                self._store.remove_graph(ox.NamedNode(graph))
            self._store.flush()
            if time.monotonic() - reported > 2:
                reported = time.monotonic()
                log.warning("rolling back: %d of %d story graphs removed (%.0f s)", min(done + _ROLL_BACK_STEP, len(graphs)),
                            len(graphs), reported - started)
        for done in range(0, len(subjects), _ROLL_BACK_STEP):
            self._store.update(" ;\n".join(f"DELETE WHERE {{ GRAPH ?g {{ <{s}> ?p ?o }} }}"
                                           for s in subjects[done: done + _ROLL_BACK_STEP]))
            self._store.flush()

    def _keep_only(self, graphs: list[ox.NamedNode], subjects: set[str]) -> None:
        """Roll back by keeping what survives: save it, empty the store, load it back; costs what survives.

        Used when the import added more than it leaves (a big import into a small store), where
        removing quad by quad took minutes. The saved copy is durable before the store is emptied,
        and `_recover` finishes from it after a crash.
        """
        saved = self._directory() / _SURVIVORS
        partial = saved.with_name(saved.name + ".partial")
        log.warning("rolling back by keeping the %d graphs that were there before", len(graphs))

        def surviving(graph: ox.NamedNode | ox.DefaultGraph) -> Iterator[ox.Quad]:
            for quad in self._store.quads_for_pattern(None, None, None, graph):
                if not (isinstance(quad.subject, ox.NamedNode) and quad.subject.value in subjects):
                    yield quad

        with open(partial, "wb") as out:
            every: list[ox.NamedNode | ox.DefaultGraph] = [ox.DefaultGraph(), *graphs]
            for graph in every:
                ox.serialize(surviving(graph), out, ox.RdfFormat.N_QUADS)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, saved)
        sync_directory(saved.parent)
        self._restore(saved)

    def _restore(self, saved: Path) -> None:
        """Empty the store and load the saved survivors of a roll-back (idempotent)."""
        self._store.clear()
        self._store.bulk_load(path=str(saved), format=ox.RdfFormat.N_QUADS)
        self._store.flush()

    def checkpoint(self, target: Path) -> None:
        """A consistent copy of the store as it is now in the new directory `target`: hard links to the
        store's immutable files when on the same file system (milliseconds), a separate database
        that this store's writes never touch (graph/store/snapshots.py)."""
        if self.path is None:
            raise StoreError("a memory store has no files to checkpoint")
        self._store.backup(str(target))

    def close(self) -> None:
        if self.path is not None and not self.read_only:
            self._store.flush()
            holder.release(self.path)
        del self._store


def _nquads_to_graph_blocks(nquads: str) -> str:
    """N-Quads lines -> `GRAPH <g> { triples }` blocks for SPARQL INSERT DATA."""
    blocks: dict[str, list[str]] = {}
    for line in terms.lines(nquads):
        cut = line.rfind("<", 0, len(line) - 3)
        blocks.setdefault(line[cut + 1: line.rfind(">")], []).append(line[:cut] + ".")
    return " ".join(f"GRAPH <{g}> {{ {' '.join(lines)} }}" for g, lines in blocks.items())


def _append_durably(journal: TextIO, entries: list[dict[str, object]]) -> None:
    """Journal lines, one an entry, on disk when this returns."""
    journal.write("".join(json.dumps(entry) + "\n" for entry in entries))
    journal.flush()
    os.fsync(journal.fileno())


def _read_journal(path: Path) -> tuple[str | None, list[str], list[str]]:
    """The import id and every graph and subject a journal names (JSON lines: the id, then one line a batch)."""
    import_id, graphs, subjects = None, [], []
    for line in path.read_text(encoding="utf-8").split("\n"):
        try:
            entry = json.loads(line)
        except ValueError:
            # Only the last line can be torn, and its batch was never loaded: each line is
            # fsynced before its quads are handed to the loader.
            break
        import_id = entry.get("id", import_id)
        graphs += entry.get("graphs", [])
        subjects += entry.get("subjects", [])
    return import_id, graphs, subjects


@contextmanager
def _store_errors() -> Iterator[None]:
    try:
        yield
    except (OSError, SyntaxError, ValueError) as exc:
        raise StoreError(f"store write failed, nothing was changed: {exc}") from None


class _Loader:
    """Bulk-loads the N-Quads chunks handed to it, one after another, in a thread: pyoxigraph
    releases the GIL while it loads bytes, so the caller goes on making quads meanwhile. Each chunk's
    journal entry is on disk before the chunk can reach the store: the entries of the chunks loaded
    together are written with one fsync, just before their load (one a chunk cost ~400 fsyncs at 100k
    stories, where ~10 do).

    Loads of `_LOAD_BYTES` rather than one load over a pipe (tried: 3 ingestions and ~4 CPU-s of
    compaction at 100k): a single bulk load defers its work to batches of a million quads, so the last
    of them was still being written long after the last chunk came (20 s under load), and it held
    them in memory (the peak RSS of a 100k import went from 0.8 to 1.7 GB; with 64 MB loads, 1.0).
    """

    def __init__(self, store: ox.Store, journal: TextIO) -> None:
        self._journal = journal
        # Bounds the memory held.
        self._chunks: queue.Queue[tuple[str, dict[str, object]] | None] = queue.Queue(maxsize=_QUEUED_CHUNKS)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, args=(store,), name="storygraph-bulk-load", daemon=True)
        self._thread.start()

    def _load(self, store: ox.Store) -> None:
        pending: list[bytes] = []
        entries: list[dict[str, object]] = []
        size = loaded = 0
        while True:
            item = self._chunks.get()
            # After a failure keep taking chunks, so that a caller never waits on a full queue.
            if item is not None and self._error is None:
                nquads, entry = item
                try:
                    chunk = nquads.encode()
                    pending.append(chunk)
                    entries.append(entry)
                    size += len(chunk)
                except BaseException as exc:  # handed to the caller by feed() or finish()
                    self._error = exc
            # Many small bulk loads leave many small files for RocksDB to compact before a flush.
            if pending and (item is None or size >= min(_LOAD_BYTES, max(_FIRST_LOAD_BYTES, loaded // 2))):
                if self._error is None:
                    try:
                        _append_durably(self._journal, entries)
                        store.bulk_load(b"".join(pending), format=ox.RdfFormat.N_QUADS)
                    except BaseException as exc:  # handed to the caller by feed() or finish()
                        self._error = exc
                pending, entries, size, loaded = [], [], 0, loaded + size
            if item is None:
                return

    def feed(self, nquads: str, entry: dict[str, object]) -> None:
        """Load `nquads` (soon), after journaling `entry` (what they add)."""
        if self._error is not None:
            self.finish()
        self._chunks.put((nquads, entry))

    def finish(self) -> None:
        """Wait until everything fed is loaded; StoreError if loading failed."""
        self.stop()
        if self._error is not None:
            raise StoreError(f"store write failed, nothing was changed: {self._error}") from None

    def stop(self) -> None:
        """Wait for the loader to finish the chunks it has."""
        if self._thread.is_alive():
            self._chunks.put(None)
            self._thread.join()
