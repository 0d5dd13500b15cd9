"""Published snapshots of an on-disk store: one writer makes them, any number of reader processes follow them.

RocksDB lets one process open a store read-write, and a read-only open while that process writes
is undefined behaviour (pyoxigraph's `Store.read_only`). A checkpoint (`Store.backup`) is a
separate database that nobody ever writes, made of hard links to the store's immutable files, so
it costs milliseconds; opening *that* read-only is well defined. So the writer, after every
committed write, makes `STORE/.snapshots/<name>` and publishes it by renaming a `current` pointer
over the old one; readers open the snapshot the pointer names and follow it when it moves.

A reader holds a shared `flock` on the snapshot's lock file for as long as it reads it; the writer
removes a snapshot that is no longer current only when it gets the exclusive lock without
waiting, so a snapshot in use is never pulled from under its reader. A snapshot left by a crash
is removed at the next start (or by the next sweep, once no process holds it).

The views the writer keeps beside the store for the snapshot's version (the network view with its
PageRank) are hard-linked into the snapshot as it is made (`views`): the writer prunes a version's
kept file as soon as the next import writes its own, so a reader switching to a snapshot a moment
late would otherwise find nothing to load and rebuild the view. Linked, the file lives exactly as
long as the snapshot, which a reader holds while it reads it.
"""
from __future__ import annotations

import fcntl
import itertools
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from graph.records import StoreError
from graph.store.oxigraph import OxigraphStore

DIRECTORY = ".snapshots"
POINTER = "current"
LOCK = "storygraph-snapshot.lock"
log = logging.getLogger("storygraph.snapshots")


@dataclass(frozen=True, slots=True)
class Published:
    """What the pointer names: the snapshot's directory name and the dataset version it holds."""

    name: str
    version: str


def snapshots_dir(store_path: Path) -> Path:
    """Where the snapshots of the store at `store_path` live (inside it: hard links need one file system)."""
    return store_path / DIRECTORY


def read_pointer(store_path: Path) -> Published | None:
    """The published snapshot, or None when nothing has been published (or the pointer is unreadable)."""
    try:
        data = json.loads((snapshots_dir(store_path) / POINTER).read_text(encoding="utf-8"))
        return Published(str(data["name"]), str(data["version"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def pointer_file(store_path: Path) -> str:
    """The pointer's path, as `pointer_stamp` takes it where it is asked often (a reader, on every request)."""
    return os.fspath(snapshots_dir(store_path) / POINTER)


def pointer_stamp(store_path: Path | str) -> tuple[int, int] | None:
    """A cheap fingerprint of the pointer (inode, mtime): a rename over it changes the inode.

    Given the store's Path, or the pointer's own path from `pointer_file` (one `stat`, no path to build).
    """
    try:
        st = os.stat(store_path if isinstance(store_path, str) else snapshots_dir(store_path) / POINTER)
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns


def hold(snapshot: Path) -> int | None:
    """Take a shared lock on `snapshot` (blocking only while the writer is removing it).

    Returns the lock's file descriptor, or None when the snapshot is gone (removed meanwhile):
    read the pointer again. Release with `release(fd)`.
    """
    try:
        fd = os.open(snapshot / LOCK, os.O_RDONLY)
    except FileNotFoundError:
        return None
    fcntl.flock(fd, fcntl.LOCK_SH)
    # The writer removes the lock file last, holding the exclusive lock: if it is still there under
    # our shared lock, the snapshot is whole and stays so until we release it.
    try:
        same = os.fstat(fd).st_ino == os.stat(snapshot / LOCK).st_ino
    except FileNotFoundError:
        same = False
    if not same:
        os.close(fd)
        return None
    return fd


def release(fd: int) -> None:
    """Let the writer remove the snapshot this lock was held on."""
    os.close(fd)


class Publisher:
    """The writer's side: snapshot the store after each write, publish it, remove snapshots nobody holds."""

    def __init__(self, store: OxigraphStore, version_of: Callable[[], str]) -> None:
        """`version_of()` reads the dataset version the store holds now. `prepare(version)`, when set, runs
        before each snapshot is published: the writer brings the views kept beside the store to that
        version there, so readers switching to it load them instead of building their own."""
        if store.path is None or store.read_only:
            raise StoreError("snapshots are made of an on-disk store opened read-write")
        self.store = store
        self.version_of = version_of
        self.directory = snapshots_dir(store.path)
        self._lock = threading.Lock()
        self._counter = itertools.count()
        self.current: Published | None = None
        self._generation: int | None = None
        self._stop = threading.Event()
        self._sweeper: threading.Thread | None = None
        self.prepare: Callable[[str], object] | None = None
        # The kept view files of a version, by the name each takes inside the snapshot (see `link_views`).
        self.views: Callable[[str], dict[str, Path]] | None = None

    def start(self, sweep_every: float = 1.0) -> Published:
        """Remove what earlier runs left (unless a process still holds it), publish the store as it is,
        and from now on remove released snapshots every `sweep_every` seconds."""
        self.directory.mkdir(exist_ok=True)
        os.chmod(self.directory, 0o700)
        for partial in self.directory.glob(".*.partial"):
            shutil.rmtree(partial, ignore_errors=True)
        published = self.publish()
        self.sweep()
        self._sweeper = threading.Thread(target=self._sweep_every, args=(sweep_every,), name="storygraph-sweep",
                                         daemon=True)
        self._sweeper.start()
        return published

    @property
    def current_path(self) -> Path | None:
        """The directory of the snapshot published last (None before the first)."""
        return self.directory / self.current.name if self.current is not None else None

    def publish_changes(self) -> str:
        """Publish the store if this process wrote to it since the last snapshot; the current snapshot's name."""
        if self.current is None or self.store.generation != self._generation:
            return self.publish().name
        return self.current.name

    def publish(self) -> Published:
        """Checkpoint the store as it is now, and point readers at it."""
        with self._lock:
            version = self.version_of()
            if self.prepare is not None:
                try:
                    self.prepare(version)
                except Exception:  # readers then build what they miss: slower, never wrong
                    log.exception("bringing the kept views to version %s failed", version)
            # Names sort in publishing order (readers wait for "this one or later").
            name = f"{time.time_ns():020d}-{next(self._counter):06d}"
            partial = self.directory / f".{name}.partial"
            started = time.monotonic()
            try:
                # A RocksDB checkpoint copies the live write-ahead log: an import writing meanwhile made it
                # fail ("File smaller than expected for copy") in the soak. Imports wait the milliseconds it takes.
                with self.store.writer:
                    version = self.version_of()  # a write may have landed since the views were prepared
                    self._generation = self.store.generation
                    self.store.checkpoint(partial)
                    # Under the writer lock: no import can prune the version's files before they are linked.
                    if self.views is not None:
                        link_views(self.views(version), partial)
                (partial / LOCK).touch()
                os.replace(partial, self.directory / name)
            except (OSError, RuntimeError) as exc:
                shutil.rmtree(partial, ignore_errors=True)
                raise StoreError(f"cannot snapshot the store into {self.directory}: {exc}") from None
            pointer = self.directory / f".{POINTER}.{os.getpid()}.tmp"
            pointer.write_text(json.dumps({"name": name, "version": version}), encoding="utf-8")
            os.replace(pointer, self.directory / POINTER)
            self.current = Published(name, version)
            log.info("published snapshot %s (version %s) in %.0f ms", name, version, (time.monotonic() - started) * 1e3)
            return self.current

    def _sweep_every(self, interval: float) -> None:
        while not self._stop.wait(interval):
            try:
                self.sweep()
            except OSError as exc:
                log.warning("removing released snapshots failed: %s", exc)

    def stop(self) -> None:
        """Stop sweeping (the snapshots stay: the next start removes them)."""
        self._stop.set()
        if self._sweeper is not None:
            self._sweeper.join()

    def sweep(self) -> list[str]:
        """Remove every snapshot other than the current one that no process holds; returns their names."""
        with self._lock:
            current = self.current.name if self.current else None
            removed = []
            for entry in sorted(self.directory.iterdir()):
                if entry.name == current or not entry.is_dir() or entry.name.startswith("."):
                    continue
                if _remove_unheld(entry):
                    removed.append(entry.name)
            return removed


def link_views(files: dict[str, Path], snapshot: Path) -> list[str]:
    """Hard-link each kept view file into `snapshot` under its name there; the names linked.

    A file that is missing (never written for this version) is skipped: a reader then loads the
    kept file beside the store if it is still there, or builds the view in the background.
    """
    linked = []
    for name, source in files.items():
        try:
            os.link(source, snapshot / name)
        except FileNotFoundError:
            continue
        except OSError:  # another file system, or links refused: a copy is still cheaper than a rebuild
            try:
                shutil.copyfile(source, snapshot / name)
            except OSError:
                continue
        linked.append(name)
    return linked


def _remove_unheld(snapshot: Path) -> bool:
    """Remove `snapshot` if no reader holds it: under its exclusive lock, the lock file last."""
    try:
        fd = os.open(snapshot / LOCK, os.O_RDONLY)
    except FileNotFoundError:
        shutil.rmtree(snapshot, ignore_errors=True)  # never published, or half removed
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return False
    try:
        for entry in snapshot.iterdir():
            if entry.name != LOCK:
                entry.unlink() if not entry.is_dir() else shutil.rmtree(entry, ignore_errors=True)
        (snapshot / LOCK).unlink()
        snapshot.rmdir()
    except OSError as exc:
        log.warning("could not remove the stale snapshot %s: %s", snapshot, exc)
    finally:
        os.close(fd)
    return True

