"""How many connections each reader worker holds open, in a small file all of them map (server/fair_accept.py)."""
from __future__ import annotations

import mmap
import os
from pathlib import Path

_SLOT = 4  # bytes per reader: an int32 count of open connections


class Loads:
    """Open connections per reader, in a file every reader maps: slot i is reader i's."""

    def __init__(self, path: Path) -> None:
        with open(path, "r+b") as f:
            self.readers = os.fstat(f.fileno()).st_size // _SLOT
            self._map = mmap.mmap(f.fileno(), self.readers * _SLOT)
        self._view = memoryview(self._map).cast("i")

    @staticmethod
    def create(path: Path, readers: int) -> None:
        """A file of `readers` zero counts (the parent makes it before starting the readers)."""
        path.write_bytes(bytes(readers * _SLOT))

    def publish(self, slot: int, count: int) -> None:
        self._view[slot] = count

    def fewest_but(self, slot: int) -> int | None:
        """The lowest count among the other readers (None with no other reader)."""
        others = [self._view[i] for i in range(self.readers) if i != slot]
        return min(others) if others else None

    def close(self) -> None:
        self._view.release()
        self._map.close()
