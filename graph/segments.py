"""Story graphs' N-Quads and N-Triples kept beside an on-disk store as segment files, written by the import.

Reading an on-disk Oxigraph store back into text runs at ~0.15M quads/s (every term is decoded
through RocksDB); copying files runs at disk speed. The import already makes every story graph's
N-Quads, so it also writes them to segment files beside the store, and an N-Quads or N-Triples
export copies the segments and reads from the store only the few graphs imports change in place
(entities, meta, review and the default graph).

Layout, in `{store}.segments/`:

    manifest.json   the dataset version the set is for, its segments, and the store graphs
    {id}.nq         a segment's story graphs, each graph's lines together
    {id}.graphs     `graph IRI <TAB> start <TAB> length` of each graph in {id}.nq
    {id}.nt         its triples about each graph's own subject (`<g>` or `<g#…>`): unique to that graph
    {id}.more.nt    its other triples (entity facts a story states), each once

At the manifest's version every named graph of the store is in exactly one segment or is one of
the store graphs. A segment's files never change once a manifest names them (a segment that loses
graphs is written again under a new id), so a reader that opened them is never disturbed. A set
whose version is not the store's is never read: a crash between the store's commit and the new
manifest, or any write that is not an import, leaves it stale until an export rebuilds it.
"""
from __future__ import annotations

import itertools
import json
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from graph.iris import Iris
from graph.kept import sync_directory, write_durably

MANIFEST = "manifest.json"
# Graphs an import writes in place rather than whole; besides these every named graph is a segment graph.
COMMIT_GRAPH = "urn:storygraph:import-committed"
# A segment holds at most this many story graphs (~20 MB of N-Quads), so dropping one story rewrites
# that much and no more.
SEGMENT_GRAPHS = 4_000
# Above this many segments, small ones are merged (an export holds every segment file open).
MAX_SEGMENTS = 64
_COPY = 1 << 20
KINDS = ("nq", "nt", "more.nt", "graphs")

# Oxigraph writes C1 controls and the line/paragraph separators raw; graph.terms escapes them.
_ESCAPED_RAW = re.compile(rb"\\(\\|u(?:00[89][0-9A-F]|202[89]))")
_ESCAPED_RAW_ANYWHERE = re.compile(rb"\\u(?:00[89]|202[89])")  # one search a batch, before looking closer


def canonical(nquads: bytes) -> bytes:
    """N-Quads text as Oxigraph dumps it: the escapes it does not write turned back into characters."""
    if b"\\u00" not in nquads and b"\\u202" not in nquads:
        return nquads
    return _ESCAPED_RAW.sub(lambda m: m[0] if m[1] == b"\\" else chr(int(m[1][1:], 16)).encode(), nquads)


def unique_lines(text: bytes) -> bytes:
    """The lines of `text`, each once, in their first order."""
    return b"".join(dict.fromkeys(text.splitlines(keepends=True)))


def graph_files(graph: str, nquads: bytes) -> tuple[bytes, bytes, bytes]:
    """One whole graph's N-Quads -> (the same with each line once, the N-Triples of its lines about the
    graph's own subject (`<g>` or `<g#…>`), of its other lines). Most story graphs state no other
    triple, which counting finds; the others' few lines are sorted out one by one."""
    iri = graph.encode()
    label = b" <" + iri + b"> .\n"
    lines = nquads.split(b"\n")
    padded = b"\n" + nquads
    if padded.count(b"\n<" + iri + b">") + padded.count(b"\n<" + iri + b"#") == len(lines) - 1:
        if len(set(lines)) != len(lines):
            nquads = unique_lines(nquads)
        return nquads, nquads.replace(label, b" .\n"), b""
    own = (b"<" + iri + b">", b"<" + iri + b"#")
    unique = list(dict.fromkeys(nquads.splitlines(keepends=True)))
    mine = b"".join([line for line in unique if line.startswith(own)])
    rest = b"".join([line for line in unique if not line.startswith(own)])
    return mine + rest, mine.replace(label, b" .\n"), rest.replace(label, b" .\n")


def split_files(graph: str, own: bytes, other: bytes) -> tuple[bytes, bytes, bytes]:
    """`graph_files` of a graph made in two parts: its lines about its own subject and its other lines,
    each line once."""
    label = b" <" + graph.encode() + b"> .\n"
    return own + other, own.replace(label, b" .\n"), other.replace(label, b" .\n")


@dataclass(frozen=True, slots=True)
class Manifest:
    """A segment set at one dataset version."""

    version: str
    segments: tuple[str, ...] = ()
    store_graphs: tuple[str, ...] = ()

    def to_json(self) -> bytes:
        return json.dumps({"version": self.version, "segments": list(self.segments),
                           "store_graphs": list(self.store_graphs)}).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest | None:
        try:
            found = json.loads(data)
            return cls(str(found["version"]), tuple(found["segments"]), tuple(found["store_graphs"]))
        except (ValueError, KeyError, TypeError):
            return None


def store_graphs_of(iris: Iris) -> tuple[str, ...]:
    """The graphs an import under `iris` changes in place: read from the store by an export."""
    return (iris.entities_graph, iris.meta_graph, iris.review_graph)


@dataclass(slots=True)
class _Writers:
    """What this process's writers of one segment set share: a writer holds the lock from reading the
    store's version to publishing, and is counted so that a rebuild (which does not wait) sees it."""

    lock: threading.Lock
    started: int = 0
    active: int = 0
    pending: set[str] = field(default_factory=set)  # segments written but not yet published or removed


_WRITERS: dict[Path, _Writers] = {}
_WRITERS_LOCK = threading.Lock()


class Segments:
    """The segment files beside one on-disk store."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        with _WRITERS_LOCK:
            self._writers = _WRITERS.setdefault(directory, _Writers(threading.Lock()))

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Held by a writer (an import) from reading the store's version to publishing: writes into one
        store run one at a time, so each publishes the segments of exactly the version it wrote."""
        with self._writers.lock:
            self._writers.started += 1
            self._writers.active += 1
            try:
                yield
            finally:
                self._writers.active -= 1

    @contextmanager
    def rebuilding(self) -> Iterator[Callable[[], bool]]:
        """For a rebuild, which reads the store without waiting for writers: yields a check, to call
        under `publishing` before it publishes, that no writer ran meanwhile (a failed import leaves
        the version as it was, but the rebuild may have read the graphs it had loaded)."""
        writers = self._writers
        started, idle = writers.started, writers.active == 0  # plain reads: no wait behind an import
        yield lambda: idle and writers.started == started

    @contextmanager
    def publishing(self) -> Iterator[None]:
        with self._writers.lock:
            yield

    @classmethod
    def beside(cls, store: object) -> Segments | None:
        """The segments of an on-disk store; None for in-memory and remote stores."""
        path = getattr(store, "path", None)
        return cls(path.with_name(path.name + ".segments")) if isinstance(path, Path) else None

    def manifest(self) -> Manifest | None:
        try:
            return Manifest.from_json((self.directory / MANIFEST).read_bytes())
        except OSError:
            return None

    def current(self, version: str) -> Manifest | None:
        """The manifest if it is for `version`, else None."""
        found = self.manifest()
        return found if found is not None and found.version == version else None

    def index(self, name: str) -> list[tuple[str, int, int]]:
        """(graph, start, length) of each graph in segment `name`'s N-Quads."""
        rows = (self.directory / f"{name}.graphs").read_text(encoding="utf-8").splitlines()
        return [(g, int(a), int(b)) for g, a, b in (row.split("\t") for row in rows)]

    def file(self, name: str, kind: str) -> Path:
        return self.directory / f"{name}.{kind}"

    def write(self, graphs: Sequence[str], files: Sequence[tuple[bytes, bytes, bytes]],
              writer: ThreadPoolExecutor | None = None, writes: list[Future[None]] | None = None) -> str:
        """A new segment of whole graphs (`files[i]` is `graph_files` of `graphs[i]`), written by
        `writer` when given (its `writes` to wait for before publishing), each file synced to disk.
        Returns its id."""
        self.directory.mkdir(parents=True, exist_ok=True)
        name = uuid.uuid4().hex
        self._writers.pending.add(name)
        nquads, own, other = zip(*files) if files else ((), (), ())
        starts = itertools.accumulate(map(len, nquads), initial=0)
        index = "".join(f"{g}\t{s}\t{len(p)}\n" for g, s, p in zip(graphs, starts, nquads))
        for kind, data in (("nq", b"".join(nquads)), ("nt", b"".join(own)), ("more.nt", unique_lines(b"".join(other))),
                           ("graphs", index.encode())):
            if writer is None:
                write_durably(self.file(name, kind), data)
            else:
                (writes if writes is not None else []).append(writer.submit(write_durably, self.file(name, kind), data))
        return name

    def publish(self, manifest: Manifest) -> None:
        """Make `manifest` the set's (atomically, durably), then remove files no manifest names."""
        write_durably(self.directory / (".manifest.partial"), manifest.to_json())
        os.replace(self.directory / ".manifest.partial", self.directory / MANIFEST)
        sync_directory(self.directory)
        self.prune(manifest)

    def prune(self, manifest: Manifest | None) -> None:
        """Remove the segment files `manifest` does not name."""
        named = set(manifest.segments) if manifest is not None else set()
        named |= self._writers.pending
        for path in self.directory.iterdir() if self.directory.is_dir() else ():
            if path.name != MANIFEST and path.name.split(".")[0] not in named:
                path.unlink(missing_ok=True)

    def settled(self, names: Iterable[str]) -> None:
        """Segments that were published or removed: no longer protected from `prune`."""
        self._writers.pending.difference_update(names)

    def disk_bytes(self) -> int:
        """What the set takes on disk."""
        return sum(p.stat().st_size for p in self.directory.iterdir()) if self.directory.is_dir() else 0

    def advance(self, old: str, new: str, graphs: Iterable[str]) -> bool:
        """After a write from `old` to `new` that changed only `graphs`: keep the set if those are
        all store graphs (read from the store by every export). Call it while `writing`."""
        base = self.current(old)
        if base is None or not set(graphs) <= set(base.store_graphs):
            return False
        self.publish(Manifest(new, base.segments, base.store_graphs))
        return True

    def change(self, version: str, empty_store: bool) -> Change | None:
        """A change from `version` to the next, or None when the set is not at `version` (then the
        import leaves it stale, and the next export rebuilds it). An empty store starts an empty set."""
        base = self.current(version)
        if base is None and empty_store:
            base = Manifest(version)
        return Change(self, base) if base is not None else None


class Change:
    """One import's change to a segment set: story graphs added whole and graphs dropped, published
    after the store has committed the import."""

    def __init__(self, segments: Segments, base: Manifest) -> None:
        self.segments, self.base = segments, base
        self.written: list[str] = []
        self.dropped: set[str] = set()
        self._graphs: list[str] = []
        self._files: list[tuple[bytes, bytes, bytes]] = []
        # Files are written and synced by a thread, so that the import goes on while the disk takes them
        # (an fsync on the importing thread, while the store bulk-loads, cost 30 % of a 100k import).
        self._writer: ThreadPoolExecutor | None = None
        self._writes: list[Future[None]] = []

    def add(self, graphs: Sequence[str], parts: Sequence[str | bytes]) -> None:
        """Story graphs, whole: `parts[i]` holds every quad of the new graph `graphs[i]` as N-Quads."""
        data = [p.encode() if isinstance(p, str) else p for p in parts]
        if _ESCAPED_RAW_ANYWHERE.search(b"".join(data)):
            data = [canonical(d) for d in data]
        self._graphs.extend(graphs)
        self._files.extend(map(graph_files, graphs, data))
        while len(self._graphs) >= SEGMENT_GRAPHS:
            self.flush(SEGMENT_GRAPHS)

    def add_split(self, graphs: Sequence[str], parts: Sequence[tuple[str, str]]) -> None:
        """Story graphs, whole and already split: `parts[i]` is (the quads of the new graph `graphs[i]`
        about its own subject, its other quads), each quad once — what `graph_files` would find."""
        data = [(own.encode(), other.encode()) for own, other in parts]
        if any(_ESCAPED_RAW_ANYWHERE.search(own) or _ESCAPED_RAW_ANYWHERE.search(other) for own, other in data):
            data = [(canonical(own), canonical(other)) for own, other in data]
        self._graphs.extend(graphs)
        self._files.extend(split_files(graph, own, other) for graph, (own, other) in zip(graphs, data))
        while len(self._graphs) >= SEGMENT_GRAPHS:
            self.flush(SEGMENT_GRAPHS)

    def drop(self, graphs: Iterable[str]) -> None:
        """Graphs the import drops from the store (replaced or pruned stories)."""
        self.dropped.update(graphs)

    def flush(self, size: int | None = None) -> None:
        """Write the graphs added so far (or the first `size` of them) as a segment."""
        size = len(self._graphs) if size is None else size
        if size:
            if self._writer is None:
                self._writer = ThreadPoolExecutor(1, thread_name_prefix="storygraph-segments")
            self.written.append(self.segments.write(self._graphs[:size], self._files[:size], self._writer, self._writes))
            del self._graphs[:size], self._files[:size]

    def wait(self) -> None:
        """Wait for the files handed to the writer thread; raises what writing one raised."""
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
        writes, self._writes = self._writes, []
        for write in writes:
            write.result()

    def commit(self, version: str, store_graphs: Iterable[str]) -> Manifest:
        """Publish the set at `version`, which the store has committed."""
        self.flush()
        self.wait()
        added = list(self.written)
        names = []
        for name in self.base.segments:
            names.extend(self._without_dropped(name))
        names += added
        names = self._merged(names)
        manifest = Manifest(version, tuple(names), tuple(sorted({*self.base.store_graphs, *store_graphs})))
        try:
            self.segments.publish(manifest)
        finally:
            self.segments.settled(self.written)
        return manifest

    def abort(self) -> None:
        """Forget the change: remove the segments it wrote."""
        self._graphs, self._files = [], []
        if self._writer is not None:
            self._writer.shutdown(wait=True)
            self._writer = None
        for name in self.written:
            for kind in KINDS:
                self.segments.file(name, kind).unlink(missing_ok=True)
        self.segments.settled(self.written)
        self.written = []

    def _without_dropped(self, name: str) -> list[str]:
        """Segment `name`, or its rewrite without the dropped graphs (none if it held only those)."""
        if not self.dropped:
            return [name]
        index = self.segments.index(name)
        if self.dropped.isdisjoint(g for g, _, _ in index):
            return [name]
        keep = [(g, s, n) for g, s, n in index if g not in self.dropped]
        if not keep:
            return []
        data = self.segments.file(name, "nq").read_bytes()
        graphs = [g for g, _, _ in keep]
        fresh = self.segments.write(graphs, list(map(graph_files, graphs, [data[s:s + n] for _, s, n in keep])))
        self.written.append(fresh)  # removed by abort() if publishing fails
        return [fresh]

    def _merged(self, names: list[str]) -> list[str]:
        """`names`, with the small segments merged while there are more than MAX_SEGMENTS."""
        if len(names) <= MAX_SEGMENTS:
            return names
        sizes = {name: len(self.segments.index(name)) for name in names}
        small = [n for n in names if sizes[n] < SEGMENT_GRAPHS // 2]
        out = [n for n in names if sizes[n] >= SEGMENT_GRAPHS // 2]
        graphs: list[str] = []
        parts: list[tuple[bytes, bytes, bytes]] = []
        for name in small:
            data = self.segments.file(name, "nq").read_bytes()
            for g, s, n in self.segments.index(name):
                graphs.append(g)
                parts.append(graph_files(g, data[s:s + n]))
            if len(graphs) >= SEGMENT_GRAPHS:
                out.append(self.segments.write(graphs, parts))
                self.written.append(out[-1])
                graphs, parts = [], []
        if graphs:
            out.append(self.segments.write(graphs, parts))
            self.written.append(out[-1])
        return out


# -- reading ------------------------------------------------------------------------------------
@contextmanager
def opened(segments: Segments, manifest: Manifest, kinds: Sequence[str]) -> Iterator[list[BinaryIO] | None]:
    """Every file of `kinds` of the manifest's segments, open (so a later change cannot remove them
    from under a reader), or None when one is gone already (a newer set replaced it)."""
    files: list[BinaryIO] = []
    try:
        try:
            for name in manifest.segments:
                for kind in kinds:
                    files.append(open(segments.file(name, kind), "rb"))
        except FileNotFoundError:
            yield None
            return
        yield files
    finally:
        for f in files:
            f.close()


def copy(files: Iterable[BinaryIO], output: BinaryIO) -> None:
    """Copy files to `output` in large blocks."""
    for f in files:
        while block := f.read(_COPY):
            output.write(block)


def own_lines_of(graph: str | None, ntriples: bytes) -> tuple[bytes, bytes]:
    """N-Triples dumped from one graph -> (lines about the graph's own subject, the others)."""
    if graph is None:
        return b"", ntriples
    own = re.compile(rb"^<" + re.escape(graph.encode()) + rb"[>#][^\n]*\n", re.M)
    return b"".join(own.findall(ntriples)), own.sub(b"", ntriples)


def rebuild_batches(graph_names: Iterable[str], dump: Callable[[str], bytes]) -> Iterator[tuple[list[str], list[bytes]]]:
    """Story graphs read back from the store in batches of a segment, for a rebuild."""
    batch = ([], [])  # type: tuple[list[str], list[bytes]]
    for name in graph_names:
        batch[0].append(name)
        batch[1].append(dump(name))
        if len(batch[0]) == SEGMENT_GRAPHS:
            yield batch
            batch = ([], [])
    if batch[0]:
        yield batch
