"""Who holds an on-disk store: a small file beside the data naming the process, so a lock error can say who.

RocksDB's own LOCK file says only that the store is taken. The process that opens a store
read-write writes `storygraph-holder.json` (pid, command, start time) and removes it on close;
a second process that finds the store locked reads it to name the holder ("storygraph import,
pid 4711, since 02:10 UTC"). A holder file left by a crash is harmless: it is only read when
the lock is actually held, and the next holder overwrites it.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from graph.records import StoreError

HOLDER_FILE = "storygraph-holder.json"


def _command() -> str:
    name = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python"
    verb = next((a for a in sys.argv[1:2] if not a.startswith("-")), "")
    return f"{name} {verb}".strip()


def claim(path: Path) -> None:
    """Record this process as the holder of the store at `path` (best effort: never fails an open)."""
    info = {"pid": os.getpid(), "command": _command(), "since": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())}
    try:
        (path / HOLDER_FILE).write_text(json.dumps(info), encoding="utf-8")
    except OSError:
        pass


def release(path: Path) -> None:
    """Remove the holder file if it is still this process's."""
    try:
        if json.loads((path / HOLDER_FILE).read_text(encoding="utf-8")).get("pid") == os.getpid():
            (path / HOLDER_FILE).unlink()
    except (OSError, ValueError):
        pass


def describe(path: Path) -> str:
    """The holder as words, e.g. "`storygraph serve` (pid 4711, since 2026-11-30 02:10:00 UTC)"."""
    try:
        info = json.loads((path / HOLDER_FILE).read_text(encoding="utf-8"))
        return f"`{info['command']}` (pid {info['pid']}, since {info['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another process"


class StoreLocked(StoreError):
    """The store is open read-write in another process; the message names that process and what to do."""

    def __init__(self, path: Path) -> None:
        who = describe(path)
        if " import" in who:
            advice = "wait for the import to finish"
        elif " serve" in who:
            advice = "stop it, or import through the running server (the importDocument mutation)"
        else:
            advice = "stop it first"
        super().__init__(f"the store at {path} is in use by {who}; {advice}. "
                         "Reading commands (stats, export, query) open it read-only instead")
        self.path = path
        self.holder = who
