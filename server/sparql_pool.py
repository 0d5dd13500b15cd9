"""Where `/sparql` queries run: worker processes killed at their deadline (on-disk Oxigraph), or threads.

pyoxigraph has no way to cancel a query, and a thread cannot be stopped: a query abandoned at
its time limit used to keep its slot for minutes. On an on-disk store each slot is a worker
process holding a read-only open of the store's published snapshot when `storygraph serve` makes
them (graph/store/snapshots.py), else of the store itself (server/sparql_worker.py); a query past its
deadline gets its process killed, which frees the slot and the memory at once, and a query that
crashes the engine costs only that process. A killed worker is started again by the next query
that needs the slot (~0.3 s).

A memory store cannot be shared with another process, and a remote store does its work
elsewhere, so both run queries in threads: there a query past its deadline is abandoned (it
stops itself at its next result row) and keeps its slot until it does.
"""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from multiprocessing.connection import Connection

from graph.records import StoreError
from graph.results import QueryLimitError, QueryLimits, timeout_error
from graph.store import Store
from graph.store.following import FollowingStore

log = logging.getLogger("storygraph.sparql")
# Time past a query's own limit before its worker is killed: the worker's own deadline check
# usually answers first, with a clean message.
GRACE = 0.5
STARTUP_TIMEOUT = 30.0


class EngineCrashed(StoreError):
    """The query engine died on a query (a native crash in its worker process)."""


@dataclass(frozen=True, slots=True)
class Job:
    query: str
    result_format: str
    limits: QueryLimits
    jsonld_context: str | None


class _Worker:
    """One worker process and its two pipe ends; started on first use, killed at a deadline."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.process: subprocess.Popen[bytes] | None = None
        self.requests: Connection | None = None
        self.replies: Connection | None = None

    def _start(self) -> None:
        process = self.process = subprocess.Popen([sys.executable, "-m", "server.sparql_worker"],
                                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        stdin, stdout = process.stdin, process.stdout
        assert stdin is not None and stdout is not None  # both are pipes
        self.requests = Connection(os.dup(stdin.fileno()), readable=False)
        self.replies = Connection(os.dup(stdout.fileno()), writable=False)
        stdin.close()
        stdout.close()
        # Wait for its imports, so they do not count against the first query's time limit.
        try:
            ready = self.replies.poll(STARTUP_TIMEOUT) and self.replies.recv() == "ready"
        except (EOFError, OSError):
            ready = False
        if not ready:
            self.stop()
            raise StoreError("the SPARQL worker process did not start; see the server log")

    def run(self, job: Job, path: str, generation: int) -> tuple[bytes, str]:
        if self.process is None or self.process.poll() is not None:
            self.stop()
            self._start()
        requests, replies = self.requests, self.replies
        assert requests is not None and replies is not None  # a started worker has both
        try:
            requests.send({"path": path, "generation": generation, "query": job.query,
                           "format": job.result_format, "timeout": job.limits.timeout,
                           "max_results": job.limits.max_results, "context": job.jsonld_context})
            ready = replies.poll(job.limits.timeout + GRACE)
            reply = replies.recv() if ready else None
        except (EOFError, OSError):
            try:
                code = self.process.wait(timeout=5) if self.process else None
            except subprocess.TimeoutExpired:
                code = None
            self.stop()
            how = f"signal {-code}" if code is not None and code < 0 else f"exit {code}"
            raise EngineCrashed(f"the query engine crashed on this query (its worker process ended: {how}); "
                                "the server is fine, the query is not: simplify it") from None
        if reply is None:
            self.stop()
            raise timeout_error(job.limits)
        status, *rest = reply
        if status == "ok":
            return rest[0], rest[1]
        if status == "limit":
            raise QueryLimitError(rest[0], rest[1])
        if status == "error":
            raise StoreError(rest[0])
        raise RuntimeError(f"SPARQL worker failed: {rest[0]}")

    def stop(self) -> None:
        for end in (self.requests, self.replies):
            if end is not None:
                end.close()
        self.requests = self.replies = None
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.process = None


class QueryRunner:
    """A fixed number of query slots over one store; `try_acquire` never waits."""

    def __init__(self, store: Store, slots: int, snapshot: Callable[[], Path | None] | None = None) -> None:
        """`snapshot()` names the published snapshot (graph/store/snapshots.py) the worker processes read
        instead of the live store; a reader of `serve --workers N` gives its own (`snapshot_path`)."""
        self.store = store
        self.slots = slots
        self.snapshot = snapshot
        if snapshot is None and isinstance(store, FollowingStore):
            following = store
            self.snapshot = lambda: following.snapshot_path
        self._lock = threading.Lock()
        path = getattr(store, "path", None)
        self.isolated = path is not None and not getattr(store, "read_only", False)
        self._free: list[_Worker | None] = [_Worker(str(path)) if self.isolated else None for _ in range(slots)]

    @property
    def busy(self) -> int:
        with self._lock:
            return self.slots - len(self._free)

    def try_acquire(self) -> _Slot | None:
        with self._lock:
            return _Slot(self, self._free.pop()) if self._free else None

    def _release(self, worker: _Worker | None) -> None:
        with self._lock:
            self._free.append(worker)

    def close(self) -> None:
        """Stop every idle worker (a busy one is stopped when its query returns)."""
        with self._lock:
            for worker in self._free:
                if worker is not None:
                    worker.stop()


class _Slot:
    """One acquired slot; `run` blocks (call it from a thread), then the slot goes back."""

    def __init__(self, runner: QueryRunner, worker: _Worker | None) -> None:
        self.runner, self.worker = runner, worker

    def run(self, job: Job) -> tuple[bytes, str]:
        try:
            if self.worker is None:
                return self.runner.store.query_bytes(job.query, job.result_format, limits=job.limits,
                                                     jsonld_context=job.jsonld_context)
            store = self.runner.store
            # A published snapshot is a database nobody writes; the live store is read only without one.
            path = (self.runner.snapshot() if self.runner.snapshot is not None else None) or self.worker.path
            return self.worker.run(job, str(path), getattr(store, "generation", 0))
        finally:
            self.runner._release(self.worker)
