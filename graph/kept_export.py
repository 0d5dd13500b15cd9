"""N-Quads and N-Triples exports of an on-disk store copied from the segments its imports keep.

The export is the segments' files (the story graphs, ~all of the data) copied in large blocks,
then the store graphs (entities, meta, review, the default graph) read from the store. The
N-Triples export has the same triples, each as often, as the store's own N-Triples dump
(`OxigraphStore.dump`): a triple about a graph's own subject is written with that graph, any other
once. When the segments are not at the store's version (a crash after a commit, a write that was
not an import), the export reads every story graph from the store as before, and writes the
segments again as it goes, so the next export is fast.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import BinaryIO, Protocol

from graph.iris import Iris
from graph.read import stored_version
from graph.segments import COMMIT_GRAPH, Change, Manifest, Segments, copy, opened, own_lines_of, store_graphs_of, unique_lines
from graph.store import Store
from graph.store.following import FollowingStore

log = logging.getLogger("storygraph.export")
FORMATS = ("nq", "nt")


class _GraphDumps(Protocol):
    read_only: bool

    def dump_graph(self, graph: str | None, rdf_format: str) -> bytes: ...

    def graph_names(self) -> list[str]: ...


def write_kept_export(store: Store, fmt: str, version: str, output: BinaryIO,
                      reading: Callable[[], AbstractContextManager[object]] = nullcontext) -> bool:
    """Write the store's `fmt` ('nq' or 'nt') export at `version` from its segments; False (nothing
    written) when this store has none to offer, and the caller dumps the store instead. A rebuild,
    which reads every story graph from the store, runs inside `reading()` (the export's slot)."""
    segments = Segments.beside(store)
    if fmt not in FORMATS or segments is None or not hasattr(store, "dump_graph"):
        return False
    manifest = segments.current(version)
    if manifest is None and isinstance(store, FollowingStore) and store.refresh():
        # A reader of `serve --workers` a write behind the segments: catch up with the writer rather
        # than read the whole snapshot out (every import moves the segments on).
        version = store.version
        manifest = segments.current(version)
    if manifest is not None:
        return _copy_segments(store, segments, manifest, fmt, output)  # type: ignore[arg-type]  # has dump_graph: checked above
    if getattr(store, "read_only", True) or isinstance(store, FollowingStore):
        return False  # the writing process keeps the segments: dump as before
    with reading():
        _rebuild(store, segments, version, fmt, output)  # type: ignore[arg-type]  # has dump_graph: checked above
    return True


def _copy_segments(store: _GraphDumps, segments: Segments, manifest: Manifest, fmt: str, output: BinaryIO) -> bool:
    with opened(segments, manifest, ("nq",) if fmt == "nq" else ("nt", "more.nt")) as files:
        if files is None:
            return False  # replaced by a newer set since the manifest was read
        # Read before anything is written, so that a write in between is seen and nothing is mixed.
        shared = _store_part(store, manifest.store_graphs, fmt)
        if _version(store) != manifest.version:
            return False
        if fmt == "nq":
            copy(files, output)
            output.write(shared[0])
        else:
            copy(files[0::2], output)
            output.write(shared[0])
            output.write(unique_lines(b"".join(f.read() for f in files[1::2]) + shared[1]))
    return True


def _rebuild(store: _GraphDumps, segments: Segments, version: str, fmt: str, output: BinaryIO) -> None:
    """Export by reading the store's story graphs, writing them to new segments as they come."""
    log.info("the export segments beside %s are not at version %s: reading the store (slow) and writing them again",
             segments.directory, version)
    names = store.graph_names()
    shared_graphs: set[str] = set()
    for name in names:
        iris = Iris.from_meta_graph(name)
        if iris is not None:
            shared_graphs.update(store_graphs_of(iris))
    change = Change(segments, Manifest(version))
    more: list[bytes] = []
    written = 0

    def emit() -> None:
        nonlocal written
        if len(change.written) > written:
            change.wait()
        for segment in change.written[written:]:
            if fmt == "nq":
                with open(segments.file(segment, "nq"), "rb") as f:
                    copy([f], output)
            else:
                with open(segments.file(segment, "nt"), "rb") as f:
                    copy([f], output)
                more.append(segments.file(segment, "more.nt").read_bytes())
        written = len(change.written)

    with segments.rebuilding() as no_import_since:
        _rebuild_into(store, change, names, shared_graphs, fmt, output, emit, more)
        with segments.publishing():
            if _version(store) == version and no_import_since():
                change.commit(version, shared_graphs)
                return
    change.abort()  # a write came in meanwhile: these segments may hold a mix


def _rebuild_into(store: _GraphDumps, change: Change, names: list[str], shared_graphs: set[str], fmt: str,
                  output: BinaryIO, emit: Callable[[], None], more: list[bytes]) -> None:
    try:
        for name in names:
            if name not in shared_graphs and name != COMMIT_GRAPH:
                change.add([name], [labelled(store.dump_graph(name, "nt"), name)])
                emit()
        change.flush()
        emit()
        own, other = _store_part(store, tuple(sorted(shared_graphs)), fmt)
        output.write(own)
        if fmt == "nt":
            output.write(unique_lines(b"".join(more) + other))
    except BaseException:
        change.abort()
        raise


def labelled(ntriples: bytes, graph: str) -> bytes:
    """One graph's N-Triples -> its N-Quads."""
    return ntriples.replace(b" .\n", b" <" + graph.encode() + b"> .\n")


def _store_part(store: _GraphDumps, graphs: tuple[str, ...], fmt: str) -> tuple[bytes, bytes]:
    """The default graph and `graphs` from the store: (N-Quads, b"") or, for N-Triples, (the lines
    about each graph's own subject, the other lines)."""
    own: list[bytes] = []
    other: list[bytes] = []
    for graph in (None, *graphs):
        data = store.dump_graph(graph, "nt")
        if fmt == "nq":
            own.append(data if graph is None else labelled(data, graph))
        else:
            mine, rest = own_lines_of(graph, data)
            own.append(mine)
            other.append(rest)
    return b"".join(own), b"".join(other)


def _version(store: _GraphDumps) -> str:
    return stored_version(store)[1]  # type: ignore[arg-type]  # only ever a Store that also dumps graphs
