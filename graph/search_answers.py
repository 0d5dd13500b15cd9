"""Ranked search answers shared by the processes serving one store: a small SQLite file they all read and add to.

A prefix asked for the first time costs 0.1–1 ms of ranking at 100k stories (it cost 1.5–10 ms
when bm25 ranked it); each process keeps its answers in memory (graph/search.py), but the reader
workers of `serve --workers N` each paid every first-time prefix again. Here an answer ranked by one is found by the
others. Entries are keyed by the graph version they were ranked at, so an answer is never served
for another version; the file keeps at most `MAX_ANSWERS` of them (the oldest added go first),
and it is only a cache: a write that meets another process's lock is skipped, a broken file is
ignored (searches then rank as before).
"""
from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger("storygraph.search")
# ~200 bytes a hit, 10 hits an answer: ~20 MB of file at most.
MAX_ANSWERS = 10_000
# Every this many answers added, the oldest beyond MAX_ANSWERS are removed.
PRUNE_EVERY = 500
# A cache write waits at most this long for another process's (a write is a few tens of microseconds).
BUSY_MS = 20

_SCHEMA = "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, hits TEXT NOT NULL)"

Answer = tuple[tuple[str, str, float], ...]  # (iri, kind, score) of each hit, best first


class SharedAnswers:
    """The answers file at `path`, opened by this process (created by the first that opens it)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._added = 0
        self._conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(path, check_same_thread=False, timeout=BUSY_MS / 1000, isolation_level=None)
            conn.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer
            conn.execute("PRAGMA synchronous = OFF")  # a cache: a crash may lose it, never the store
            conn.execute(_SCHEMA)
            self._conn = conn
        except sqlite3.Error as exc:
            log.warning("shared search answers at %s unavailable (%s): each process ranks its own", path, exc)

    @staticmethod
    def key(version: str, parts: Sequence[object]) -> str:
        return json.dumps([version, *parts], ensure_ascii=False)

    def get(self, key: str) -> Answer | None:
        if self._conn is None:
            return None
        try:
            with self._lock:
                row = self._conn.execute("SELECT hits FROM answers WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return tuple((iri, kind, score) for iri, kind, score in json.loads(row[0])) if row else None

    def put(self, key: str, answer: Answer) -> None:
        if self._conn is None:
            return
        try:
            with self._lock:
                self._conn.execute("INSERT OR REPLACE INTO answers (key, hits) VALUES (?, ?)",
                                   (key, json.dumps(answer, ensure_ascii=False)))
                self._added += 1
                if self._added % PRUNE_EVERY == 0:
                    self._conn.execute("DELETE FROM answers WHERE rowid <= (SELECT max(rowid) FROM answers) - ?",
                                       (MAX_ANSWERS,))
        except sqlite3.Error:
            pass  # another process holds the write lock: it is only a cache

    def count(self) -> int:
        if self._conn is None:
            return 0
        with self._lock:
            return int(self._conn.execute("SELECT count(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
