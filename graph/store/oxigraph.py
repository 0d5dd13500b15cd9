"""Embedded Oxigraph backend: RocksDB on disk (default) or in memory.

Writes of new story graphs are bulk-loaded (several times faster than a transaction here),
while the import is still making them, under a journal: the journal names the graphs and
entity subjects being added before any of their quads reach the loader, and is removed only
after the final transaction commits the import's id. Opening a store with a
journal left by a crash rolls those additions back, so a reader never sees half an import.
"""
from __future__ import annotations

import itertools
import json
import os
import queue
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

import pyoxigraph as ox

from graph import terms
from graph.rdf import PREFIXES
from graph.records import StoreError
from graph.results import QueryLimits, serialize_limited
from graph.store.base import NewQuads, Row, Store, Write

RDF_FORMATS = {
    "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
    "ttl": ox.RdfFormat.TURTLE, "xml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD,
}
UNLIMITED = QueryLimits(timeout=float("inf"), max_results=1 << 62)
_JOURNAL = "storygraph-import.journal"
_COMMIT = "urn:storygraph:import-committed"
# Bulk loading pays off only for large writes; small ones use one transaction.
_BULK_THRESHOLD = 20_000
# A bulk write loads its quads in pieces of about this size while the rest are being made.
_LOAD_BYTES = 16 << 20


def _value(term: object) -> str | None:
    return None if term is None else term.value  # type: ignore[attr-defined]


class OxigraphStore(Store):
    """pyoxigraph.Store with the storygraph write protocol; `path=None` keeps it in memory."""

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.path = Path(path) if path is not None else None
        self.url = f"oxigraph:{self.path}" if self.path else "memory:"
        try:
            if self.path is None:
                self._store = ox.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            if "lock" in str(exc).lower():
                raise StoreError(f"the store at {self.path} is in use by another process (a running `storygraph serve`?); "
                                 "stop it, or import through the running server") from None
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from None
        self._recover()

    # -- reads -----------------------------------------------------------------------------
    def _query(self, sparql: str) -> object:
        try:
            return self._store.query(sparql, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise StoreError(f"invalid SPARQL: {exc}") from None
        except OSError as exc:
            raise StoreError(f"store read failed: {exc}") from None

    def select(self, sparql: str) -> list[Row]:
        solutions = self._query(sparql)
        names = [v.value for v in solutions.variables]  # type: ignore[attr-defined]
        return [tuple(_value(s[n]) for n in names) for s in solutions]  # type: ignore[attr-defined]

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
            self._store.dump(output, fmt, from_graph=ox.DefaultGraph())
            for graph in self._store.named_graphs():
                self._store.dump(output, fmt, from_graph=graph)
        else:
            # Formats without named graphs get the union graph: every story's triples.
            triples = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
            if fmt is ox.RdfFormat.TURTLE:
                ox.serialize(triples, output, fmt, prefixes=PREFIXES)
            else:
                triples.serialize(output, format=fmt)

    # -- writes ----------------------------------------------------------------------------
    def write(self, change: Write) -> None:
        if self.path is not None and change.new_nquads.count("\n") > _BULK_THRESHOLD:
            self._bulk_write((), lambda: change)
            return
        with _store_errors():
            self._store.update(self._update_text(change, None))
            self._store.flush()

    def write_stream(self, new: Iterable[NewQuads], rest: Callable[[], Write]) -> None:
        """Bulk-load new quads while they are being made, once there are enough to pay off."""
        if self.path is None:
            super().write_stream(new, rest)
            return
        batches = iter(new)
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
        loader, so the journal always names everything a crash could leave behind."""
        import_id = uuid.uuid4().hex
        journal_path = self.path / _JOURNAL  # type: ignore[operator]
        loader = _Loader(self._store)
        try:
            with _store_errors():
                journal = open(journal_path, "w", encoding="utf-8")
            with journal:
                with _store_errors():
                    _append_durably(journal, {"id": import_id})
                    _sync_directory(journal_path.parent)

                def load(batch: NewQuads) -> None:
                    with _store_errors():
                        _append_durably(journal, {"graphs": list(batch.graphs), "subjects": list(batch.subjects)})
                    loader.feed(batch.nquads)

                for batch in batches:  # an error made while planning propagates as it is
                    load(batch)
                change = rest()
                if change.new_nquads:
                    load(NewQuads(change.new_graphs, change.new_subjects, change.new_nquads))
            loader.finish()
            with _store_errors():
                self._store.update(self._update_text(change, import_id))
                self._store.flush()
        except BaseException:
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
        if not journal.exists():
            # A crash between removing the journal and dropping the marker leaves only the marker.
            if self._store.query(f"ASK {{ GRAPH <{_COMMIT}> {{ ?s ?p ?o }} }}"):
                self._store.update(f"DROP SILENT GRAPH <{_COMMIT}>")
                self._store.flush()
            return
        import_id, graphs, subjects = _read_journal(journal)
        committed = import_id is not None and self._store.query(
            f'ASK {{ GRAPH <{_COMMIT}> {{ <{_COMMIT}> <{_COMMIT}#id> "{import_id}" }} }}')
        if not committed:
            ops = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
            ops += [f"DELETE WHERE {{ GRAPH ?g {{ <{s}> ?p ?o }} }}" for s in subjects]
            if ops:
                self._store.update(" ;\n".join(ops))
        self._store.update(f"DROP SILENT GRAPH <{_COMMIT}>")
        self._store.flush()
        journal.unlink()

    def close(self) -> None:
        if self.path is not None:
            self._store.flush()
        del self._store


def _nquads_to_graph_blocks(nquads: str) -> str:
    """N-Quads lines -> `GRAPH <g> { triples }` blocks for SPARQL INSERT DATA."""
    blocks: dict[str, list[str]] = {}
    for line in terms.lines(nquads):
        cut = line.rfind("<", 0, len(line) - 3)
        blocks.setdefault(line[cut + 1: line.rfind(">")], []).append(line[:cut] + ".")
    return " ".join(f"GRAPH <{g}> {{ {' '.join(lines)} }}" for g, lines in blocks.items())


def _write_durably(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())


def _append_durably(journal: TextIO, entry: dict[str, object]) -> None:
    journal.write(json.dumps(entry) + "\n")
    journal.flush()
    os.fsync(journal.fileno())


def _sync_directory(path: Path) -> None:
    """Make a new file's name durable, not only its content."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
    releases the GIL while it loads bytes, so the caller goes on making quads meanwhile.

    One bulk load a chunk rather than one over a pipe: a single bulk load defers its work to
    batches of about a million quads, so most of it would still run after the last chunk came.
    """

    def __init__(self, store: ox.Store) -> None:
        self._chunks: queue.Queue[bytes | None] = queue.Queue(maxsize=16)  # bounds the memory held
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._load, args=(store,), name="storygraph-bulk-load", daemon=True)
        self._thread.start()

    def _load(self, store: ox.Store) -> None:
        pending: list[bytes] = []
        size = 0
        while True:
            chunk = self._chunks.get()
            if chunk is not None:
                pending.append(chunk)
                size += len(chunk)
            # Many small bulk loads leave many small files for RocksDB to compact before a flush.
            if pending and (chunk is None or size >= _LOAD_BYTES):
                # After a failure keep taking chunks, so that a caller never waits on a full queue.
                if self._error is None:
                    try:
                        store.bulk_load(b"".join(pending), format=ox.RdfFormat.N_QUADS)
                    except BaseException as exc:  # handed to the caller by feed() or finish()
                        self._error = exc
                pending, size = [], 0
            if chunk is None:
                return

    def feed(self, nquads: str) -> None:
        if self._error is not None:
            self.finish()
        self._chunks.put(nquads.encode())

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
