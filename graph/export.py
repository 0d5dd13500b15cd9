"""RDF export: the formats and their media types, JSON-LD with our @context, and streamed dumps.

Bulk serialization is the store's (Oxigraph's, in C); this module chooses the format, adds the
JSON-LD compaction that makes an export read as plain JSON, and turns a blocking dump into a
stream of chunks with bounded memory for HTTP responses.
"""
from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, cast

import pyoxigraph as ox

from graph.formats import RDF_FORMATS, Format
from graph.jsonld import write_jsonld
from graph.kept import Kept, process_alive
from graph.kept_export import write_kept_export
from graph.read import stored_version
from graph.records import StoreError
from graph.store import Store
from graph.store.base import union_triples
from graph.stream import chunks



ExportFormat = Format
FORMATS: dict[str, Format] = RDF_FORMATS
"""The export formats by name (the registry's RDF formats), in the order the CLI lists them."""


def _store_quads(store: Store) -> Iterator[ox.Quad]:
    """Every quad of any store, streamed through its N-Quads dump and pyoxigraph's parser."""
    read_fd, write_fd = os.pipe()
    failure: list[BaseException] = []

    def produce() -> None:
        try:
            with open(write_fd, "wb") as sink:
                store.dump(sink, "nq")
        except BaseException as exc:  # reported to the reading side below (closing flushes: it can fail too)
            failure.append(exc)

    worker = threading.Thread(target=produce, name="nquads-dump", daemon=True)
    worker.start()
    try:
        with open(read_fd, "rb") as source:
            yield from ox.parse(source, format=ox.RdfFormat.N_QUADS)
    finally:
        # Closed, not drained: a reader that stopped early (a client gone) makes the writer fail
        # at its next write (EPIPE) instead of reading the rest of the store for nothing.
        worker.join()
    if failure and not isinstance(failure[0], BrokenPipeError):
        raise failure[0]


# -- dumps --------------------------------------------------------------------------------------
def _serialize(store: Store, fmt: str, output: BinaryIO, context: str | None) -> None:
    if fmt == "jsonld":
        write_jsonld(union_triples(_store_quads(store)), output, context)
    else:
        store.dump(output, fmt)


def _dataset_version(store: Store) -> str | None:
    _, version = stored_version(store)
    return version if version.isdigit() and version != "0" else None


def export_cache_dir(store: Store) -> Path | None:
    """Where exports of an on-disk store are kept, beside it like the search index; None otherwise."""
    path = getattr(store, "path", None)
    return path.with_name(path.name + ".export") if path is not None else None


class _Tee:
    """Writes to the caller's output and to the cache file at once, so the first export streams too."""

    def __init__(self, output: BinaryIO, copy: BinaryIO) -> None:
        self.output, self.copy = output, copy

    def write(self, data: bytes) -> int:
        self.copy.write(data)
        return self.output.write(data) or len(data)

    def flush(self) -> None:
        self.output.flush()


class ExportBusy(StoreError):
    """Every slot for reading a dump out of the store stayed taken for as long as the caller would wait."""


@contextlib.contextmanager
def _dumping(gate: threading.Semaphore | None, wait: float) -> Iterator[None]:
    """Hold one of `gate`'s slots (if any) while the store is read out, or raise ExportBusy."""
    if gate is None:
        yield
        return
    if not gate.acquire(timeout=wait):
        raise ExportBusy(f"every export slot is busy reading the store (waited {wait:g} s); retry in a moment")
    try:
        yield
    finally:
        gate.release()


def write_export(store: Store, fmt: str, output: BinaryIO, *, context: str | None = None,
                 gate: threading.Semaphore | None = None, wait: float = 0.0) -> None:
    """Write the whole graph in `fmt` (a FORMATS key) to a binary file.

    An on-disk store's N-Quads and N-Triples are copied from the segments its imports keep
    (graph/kept_export.py); every other format's export is kept beside it, named by the dataset
    version: reading RocksDB back into text runs at ~0.15M triples/s here, copying a file at disk
    speed. Every write bumps the version, so a kept export is never stale; older ones are removed.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    cache = export_cache_dir(store)
    version = _dataset_version(store) if cache is not None else None
    if cache is None or version is None:
        with _dumping(gate, wait):
            _serialize(store, fmt, output, context)
        return
    if write_kept_export(store, fmt, version, output, reading=lambda: _dumping(gate, wait)):
        for copied in ("nq", "nt"):  # written by earlier exports, before the segments were kept
            Kept(cache, copied).prune(keep=None)
        return
    name = fmt + (f"-{hashlib.sha1(context.encode()).hexdigest()[:12]}" if context else "")
    kept = Kept(cache, name)
    found = kept.existing(version)
    if found is None:
        with _dumping(gate, wait):
            found = kept.existing(version)  # the export that held the slot before may have kept it
            if found is None:
                # Written to a partial file and renamed into place (Kept); a failure or a reader that
                # went away removes the partial file and keeps nothing.
                with kept.open(version) as copy:
                    # A file as far as the writers go: they only call write() and flush().
                    _serialize(store, fmt, cast(BinaryIO, _Tee(output, copy)), context)
                    copy.flush()
                    os.fsync(copy.fileno())  # the rename must never publish a file whose data is not on disk
                return
    with open(found, "rb") as source:
        shutil.copyfileobj(source, output, 1 << 20)


def export_to_file(store: Store, fmt: str, path: Path, *, context: str | None = None) -> None:
    """Write the export to `path` whole or not at all: it is written beside it and renamed when complete,
    so a failed export (an engine error part-way) leaves no partial file, and no older file is clobbered."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        with open(partial, "wb") as handle:
            write_export(store, fmt, handle, context=context)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def iter_export(store: Store, fmt: str, *, chunk_size: int = 1 << 18, max_chunks: int = 8,
                context: str | None = None) -> Iterator[bytes]:
    """The export as chunks: a worker thread writes it, at most `max_chunks` chunks ahead (graph/stream.py).

    Closing the iterator early (a client hung up) stops the dump at its next write.
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    yield from chunks(lambda sink: write_export(store, fmt, sink, context=context),
                      chunk_size=chunk_size, depth=max_chunks, name=f"export-{fmt}")


def remove_partial_exports(store: Store) -> int:
    """Remove `.partial` files an interrupted export left beside an on-disk store; returns how many."""
    cache = export_cache_dir(store)
    if cache is None or not cache.is_dir():
        return 0
    removed = 0
    for partial in cache.glob(".*.partial"):
        if _writer_alive(partial):
            continue
        partial.unlink(missing_ok=True)
        removed += 1
    return removed


def _writer_alive(partial: Path) -> bool:
    """Whether another live process may still be writing `partial` (its name carries the writer's pid)."""
    parts = partial.name.split(".")
    pid = int(parts[-3]) if len(parts) >= 4 and parts[-3].isdigit() else None
    return pid is not None and pid != os.getpid() and process_alive(pid)
