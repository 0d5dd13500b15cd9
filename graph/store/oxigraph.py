"""Embedded Oxigraph backend: RocksDB on disk (default) or in memory.

Writes of new story graphs are bulk-loaded (several times faster than a transaction here)
under a journal: the journal names the graphs and entity subjects being added, and is
removed only after the final transaction commits the import's id. Opening a store with a
journal left by a crash rolls those additions back, so a reader never sees half an import.
"""
from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from graph.rdf import PREFIXES
from graph.records import StoreError
from graph.results import QueryLimits, serialize_limited
from graph.store.base import Row, Store, Write

RDF_FORMATS = {
    "nq": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "nt": ox.RdfFormat.N_TRIPLES,
    "ttl": ox.RdfFormat.TURTLE, "xml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD,
}
UNLIMITED = QueryLimits(timeout=float("inf"), max_results=1 << 62)
_JOURNAL = "storygraph-import.journal"
_COMMIT = "urn:storygraph:import-committed"
# Bulk loading pays off only for large writes; small ones use one transaction.
_BULK_THRESHOLD = 20_000


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
        bulk = self.path is not None and change.new_nquads.count("\n") > _BULK_THRESHOLD
        try:
            if bulk:
                self._bulk_write(change)
            else:
                self._store.update(self._update_text(change, None))
            self._store.flush()
        except (OSError, SyntaxError, ValueError) as exc:
            if bulk:
                # The bulk load may have added part of the new graphs; the journal names them.
                self._recover()
            raise StoreError(f"store write failed, nothing was changed: {exc}") from None

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

    def _bulk_write(self, change: Write) -> None:
        """New graphs by bulk load, the rest in one transaction that also commits the import's id."""
        import_id = uuid.uuid4().hex
        journal = self.path / _JOURNAL  # type: ignore[operator]
        _write_durably(journal, json.dumps({"id": import_id, "graphs": list(change.new_graphs),
                                            "subjects": list(change.new_subjects)}))
        self._store.bulk_load(change.new_nquads.encode(), format=ox.RdfFormat.N_QUADS)
        self._store.update(self._update_text(change, import_id))
        self._store.flush()
        journal.unlink()
        self._store.update(f"DROP SILENT GRAPH <{_COMMIT}>")

    def _recover(self) -> None:
        """Roll back a bulk write that a crash interrupted before its commit; finish one that committed."""
        if self.path is None:
            return
        journal = self.path / _JOURNAL
        if not journal.exists():
            # A crash between removing the journal and dropping the marker leaves only the marker.
            if self._store.query(f"ASK {{ GRAPH <{_COMMIT}> {{ ?s ?p ?o }} }}"):
                self._store.update(f"DROP SILENT GRAPH <{_COMMIT}>")
                self._store.flush()
            return
        try:
            entry = json.loads(journal.read_text())
        except ValueError:
            # The journal is written (and fsynced) before any quad is loaded: a torn one means nothing was.
            entry = None
        committed = entry and self._store.query(
            f'ASK {{ GRAPH <{_COMMIT}> {{ <{_COMMIT}> <{_COMMIT}#id> "{entry["id"]}" }} }}')
        if entry and not committed:
            ops = [f"DROP SILENT GRAPH <{g}>" for g in entry["graphs"]]
            ops += [f"DELETE WHERE {{ GRAPH ?g {{ <{s}> ?p ?o }} }}" for s in entry["subjects"]]
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
    for line in nquads.splitlines():
        if not line:
            continue
        cut = line.rfind("<", 0, len(line) - 3)
        blocks.setdefault(line[cut + 1: line.rfind(">")], []).append(line[:cut] + ".")
    return " ".join(f"GRAPH <{g}> {{ {' '.join(lines)} }}" for g, lines in blocks.items())


def _write_durably(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
