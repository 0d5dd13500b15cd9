"""Files derived from one dataset version and kept beside an on-disk store: named, written and pruned by version.

A derived view (the network view, the search index, a kept export) is a cache of the store at one
version. `Kept` gives each kind of such file one naming scheme, `{directory}/{stem}.{version}{suffix}`,
so that:

- a reader finds the file of the version it needs by name, and never mistakes another version's;
- a writer fills a hidden `.{stem}.{version}.{pid}.{thread}.partial` file and renames it into place,
  so a reader (in any process) sees the whole file or none;
- after a write, other versions' files that were there when it began, and the partial files of
  writers that died, are removed (a file another process completed meanwhile stays: versions are
  not ordered, and a slow writer of an old version must not delete the new version's file).

Adopting it where a derived file is written today by hand::

    kept = Kept.beside(store.path, ".search", ".sqlite")   # store.search.<version>.sqlite
    found = kept.existing(version)                          # Path | None
    with kept.writing(version) as partial:                  # a Path: let SQLite or any tool fill it
        build_into(partial)
    with kept.open(version) as out:                         # or a binary file object
        out.write(data)

(The kept exports would be `Kept(export_cache_dir(store), name)`, the layout they already use.)
"""
from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_SAFE = re.compile(r"[0-9A-Za-z_-]{1,64}")


def version_slug(version: str) -> str:
    """The version as it appears in a file name: itself when short and plain, else a digest of it."""
    if _SAFE.fullmatch(version):
        return version
    return "h" + hashlib.sha1(version.encode("utf-8")).hexdigest()[:16]


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists (a reused id only delays a partial file's removal)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass(frozen=True, slots=True)
class Kept:
    """One kind of derived file: `{directory}/{stem}.{version}{suffix}`, one version kept at a time."""

    directory: Path
    stem: str
    suffix: str = ""

    @classmethod
    def beside(cls, store_path: Path | None, tag: str, suffix: str = "") -> Kept | None:
        """Files named after an on-disk store, in its parent directory (`store.network.7.pickle` for
        tag `.network`); None for stores without a path (memory, remote), which keep views in memory."""
        if store_path is None:
            return None
        return cls(store_path.parent, store_path.name + tag, suffix)

    def path(self, version: str) -> Path:
        """Where the file of `version` is (whether or not it exists)."""
        return self.directory / f"{self.stem}.{version_slug(version)}{self.suffix}"

    def existing(self, version: str) -> Path | None:
        """The file of `version` if it has been written."""
        path = self.path(version)
        return path if path.is_file() else None

    def versions(self) -> list[Path]:
        """Every complete file of this kind, whatever its version."""
        pattern = re.compile(re.escape(self.stem) + r"\.[0-9A-Za-z_-]+" + re.escape(self.suffix))
        if not self.directory.is_dir():
            return []
        return sorted(p for p in self.directory.iterdir() if pattern.fullmatch(p.name) and p.is_file())

    def _partials(self) -> Iterator[tuple[Path, int]]:
        pattern = re.compile(r"\." + re.escape(self.stem) + r"\.[0-9A-Za-z_-]+\.(\d+)\.\d+\.partial")
        if not self.directory.is_dir():
            return
        for p in self.directory.iterdir():
            found = pattern.fullmatch(p.name)
            if found:
                yield p, int(found.group(1))

    @contextmanager
    def writing(self, version: str) -> Iterator[Path]:
        """A partial path to fill; on a clean exit it becomes the file of `version` and stale files go.

        On an exception the partial file is removed and the previous file (if any) stays.
        """
        self.directory.mkdir(parents=True, exist_ok=True)
        partial = self.directory / f".{self.stem}.{version_slug(version)}.{os.getpid()}.{threading.get_ident()}.partial"
        earlier = self.versions()
        try:
            yield partial
            os.replace(partial, self.path(version))
        finally:
            partial.unlink(missing_ok=True)
        self.prune(keep=version, among=earlier)

    @contextmanager
    def open(self, version: str) -> Iterator[BinaryIO]:
        """A binary file to write the file of `version` into; see `writing`."""
        with self.writing(version) as partial, open(partial, "wb") as out:
            yield out

    def prune(self, keep: str | None, among: list[Path] | None = None) -> list[Path]:
        """Remove files of other versions than `keep` (only those `among`, when given) and partial files
        of writers that are gone."""
        kept = self.path(keep) if keep is not None else None
        removed = [p for p in self.versions() if p != kept and (among is None or p in among)]
        removed += [p for p, pid in self._partials() if not process_alive(pid)]
        for path in removed:
            path.unlink(missing_ok=True)
        return removed


def write_durably(path: Path, data: bytes) -> None:
    """Write `data` to `path` and make it durable (fsync) before returning."""
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def sync_directory(path: Path) -> None:
    """Make a new file's name durable, not only its content."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
