"""A read-only store that follows the snapshots a writer process publishes (graph/store/snapshots.py).

A reader worker of `storygraph serve --workers N` reads through this: every query goes to the
snapshot it currently holds, opened read-only. A background thread looks at the pointer every
`poll` seconds (a `stat`); when it moves, the new snapshot is opened and made ready (the
`on_switch` callbacks load its derived views from the files the writer linked into it: a load,
never a rebuild) while the old one keeps answering, then it takes over and the old one is
released for the writer to remove.

`path` is the live store's directory, so the derived views kept beside the store (network view,
search index) are found where the writer keeps them; `snapshot_path` is the snapshot being read.
"""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from graph.records import StoreError
from graph.results import QueryLimits
from graph.store import snapshots
from graph.store.base import Row, Store, Write
from graph.store.oxigraph import OxigraphStore

log = logging.getLogger("storygraph.snapshots")
# How long a reader waits for the writer's first snapshot, or for a version it was told of.
WAIT = 30.0


class _Held:
    """One snapshot opened read-only, the shared lock that keeps it from being removed, and its readers.

    Retired (a newer snapshot took over), it is closed and released as soon as no call is reading it.
    """

    def __init__(self, path: Path, version: str, lock: int) -> None:
        self.path, self.version, self.lock = path, version, lock
        self.store = OxigraphStore(path, read_only=True)
        self._users = 0
        self._retired = False
        self._count = threading.Lock()

    def enter(self) -> None:
        with self._count:
            self._users += 1

    def leave(self) -> None:
        with self._count:
            self._users -= 1
            last = self._retired and self._users == 0
        if last:
            self._close()

    def retire(self) -> None:
        with self._count:
            self._retired = True
            idle = self._users == 0
        if idle:
            self._close()

    def _close(self) -> None:
        self.store.close()
        snapshots.release(self.lock)


class FollowingStore(Store):
    """Reads the writer's latest published snapshot of the store at `path`; never writes."""

    def __init__(self, path: str | Path, poll: float = 0.05, *, follows: bool = True) -> None:
        """`follows=False`: keep to the snapshot current at the open (a command that reads once)."""
        self.path = Path(path)
        self.url = f"oxigraph:{self.path}"
        # Not read-only in the sense GraphReader.cached_version means: this process sees a new
        # version only when it switches snapshot, and `generation` counts the switches.
        self.read_only = False
        self.generation = 0
        self.poll = poll
        # Called with (version, snapshot directory) before a newly opened snapshot takes over.
        self.on_switch: list[Callable[[str, Path], object]] = []
        self._switching = threading.Lock()  # one switch at a time (it may take a while)
        self._swap = threading.Lock()  # the moment of the switch, against a call taking the snapshot
        self._changed = threading.Condition()
        self._stamp: tuple[int, int] | None = None
        self._pointer = snapshots.pointer_file(self.path)  # stat'ed by `behind` before every request
        self._held = self._hold_latest(deadline=time.monotonic() + WAIT)
        if self._held is None:
            raise StoreError(f"no snapshot of the store at {self.path} was published within {WAIT:g} s "
                             "(is the writer process running?)")
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._follow, name="storygraph-follow", daemon=True)
        if follows:
            self._thread.start()

    # -- following ---------------------------------------------------------------------------------
    @property
    def version(self) -> str:
        """The dataset version of the snapshot being read."""
        return self._current().version

    @property
    def snapshot_path(self) -> Path:
        """The directory of the snapshot being read (what a helper process should open)."""
        return self._current().path

    def _current(self) -> _Held:
        held = self._held
        if held is None:
            raise StoreError("the store is closed")
        return held

    def _hold_latest(self, deadline: float) -> _Held | None:
        """Open the snapshot the pointer names now (waiting for a first one until `deadline`)."""
        while True:
            stamp = snapshots.pointer_stamp(self.path)
            published = snapshots.read_pointer(self.path)
            if published is not None:
                snapshot = snapshots.snapshots_dir(self.path) / published.name
                lock = snapshots.hold(snapshot)
                if lock is not None:
                    try:
                        held = _Held(snapshot, published.version, lock)
                    except StoreError:
                        snapshots.release(lock)
                        raise
                    self._stamp = stamp  # only once it is held: a failed attempt is tried again
                    return held
            if time.monotonic() > deadline:
                return None
            time.sleep(self.poll)  # waiting for another process, which cannot signal this one

    def behind(self) -> bool:
        """Whether the writer has published since this process last looked (one `stat`, no lock)."""
        return snapshots.pointer_stamp(self._pointer) != self._stamp

    def refresh(self) -> bool:
        """Switch to the published snapshot if it is newer than the one held; True if it switched."""
        with self._switching:
            if snapshots.pointer_stamp(self.path) == self._stamp:
                return False
            published = snapshots.read_pointer(self.path)
            if published is None or (self._held is not None and published.name == self._held.path.name):
                self._stamp = snapshots.pointer_stamp(self.path)
                return False
            fresh = self._hold_latest(deadline=time.monotonic())
            if fresh is None:
                return False
            for prepare in self.on_switch:
                try:
                    prepare(fresh.version, fresh.path)
                except Exception:  # a view that cannot be loaded ahead is loaded on first use instead
                    log.exception("preparing version %s failed", fresh.version)
            with self._swap:
                old, self._held = self._held, fresh
            with self._changed:
                self.generation += 1
                self._changed.notify_all()
        if old is not None:
            old.retire()
        log.info("now reading snapshot %s (version %s)", fresh.path.name, fresh.version)
        return True

    def wait_for(self, name: str, timeout: float = WAIT) -> bool:
        """Block until the snapshot read is the one named `name` or a later one; False on timeout.

        Snapshot names sort in the order they were published, so a reader that skipped straight
        to a later snapshot does not wait for one it will never hold.
        """
        deadline = time.monotonic() + timeout
        while self._current().path.name < name:
            if not self.refresh():
                if time.monotonic() > deadline:
                    return False
                with self._changed:
                    self._changed.wait(self.poll)
        return True

    def _follow(self) -> None:
        while not self._stop.wait(self.poll):
            try:
                self.refresh()
            except Exception:
                log.exception("following the published snapshots failed; trying again")

    # -- reads: the snapshot held --------------------------------------------------------------
    @contextmanager
    def _use(self) -> Iterator[OxigraphStore]:
        with self._swap:
            held = self._current()
            held.enter()
        try:
            yield held.store
        finally:
            held.leave()

    # Each call reads one snapshot from start to end, even when a switch happens meanwhile.
    def select(self, sparql: str) -> list[Row]:
        with self._use() as store:
            return store.select(sparql)

    def ask(self, sparql: str) -> bool:
        with self._use() as store:
            return store.ask(sparql)

    def query_bytes(self, sparql: str, result_format: str, *, limits: QueryLimits | None = None,
                    jsonld_context: str | None = None) -> tuple[bytes, str]:
        with self._use() as store:
            return store.query_bytes(sparql, result_format, limits=limits, jsonld_context=jsonld_context)

    def dump_graph(self, graph: str | None, rdf_format: str) -> bytes:
        """One graph of the snapshot (graph/kept_export.py reads the few graphs not in the segments)."""
        with self._use() as store:
            return store.dump_graph(graph, rdf_format)

    def graph_names(self) -> list[str]:
        with self._use() as store:
            return store.graph_names()

    def quad_count(self) -> int:
        with self._use() as store:
            return store.quad_count()

    def dump(self, output: BinaryIO, rdf_format: str) -> None:
        with self._use() as store:
            store.dump(output, rdf_format)

    def write(self, change: Write) -> None:
        raise StoreError("this worker reads a snapshot of the store; writes go through the writer process")

    def close(self) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join()
        with self._switching, self._swap:
            held, self._held = self._held, None
        if held is not None:
            held.retire()
