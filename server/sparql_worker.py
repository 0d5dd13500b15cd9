"""A SPARQL worker process: opens the store read-only and answers queries sent over its stdin, one at a time.

Started by server/sparql_pool.py as `python -m server.sparql_worker`; it is killed when a query
outlives its deadline, so nothing here needs to be interruptible. It opens the directory each
job names: the store's published snapshot (a database nobody writes), or the store itself when
there is none, re-opened when the server says it changed. It exits when its stdin closes, so it
never outlives the server.
"""
from __future__ import annotations

import os
import sys
from multiprocessing.connection import Connection
from pathlib import Path

from graph.records import StoreError
from graph.results import QueryLimitError, QueryLimits
from graph.store import snapshots
from graph.store.oxigraph import OxigraphStore


# Seconds without a query after which a worker lets go of the published snapshot it holds.
IDLE = 1.0


class _Snapshot:
    """The read-only store of one generation of the server's store, opened when first needed.

    A published snapshot (graph/store/snapshots.py) is held with its shared lock while it is
    open, so the writer does not remove it under a running query.
    """

    def __init__(self) -> None:
        self.store: OxigraphStore | None = None
        self.key: tuple[str, int] | None = None
        self.lock: int | None = None

    def get(self, path: str, generation: int) -> OxigraphStore:
        if self.store is None or (path, generation) != self.key:
            self.drop()
            if (Path(path) / snapshots.LOCK).exists():
                self.lock = snapshots.hold(Path(path))
                if self.lock is None:
                    raise StoreError("the snapshot this query was to read has been replaced; send it again")
            self.store = OxigraphStore(path, read_only=True)
            self.key = (path, generation)
        return self.store

    def drop(self) -> None:
        if self.store is not None:
            self.store.close()
        if self.lock is not None:
            snapshots.release(self.lock)
        self.store = self.key = self.lock = None


def answer(job: dict, snapshot: _Snapshot) -> tuple:
    """The reply to one job: ("ok", body, media type) | ("limit", name, message) | ("error", message) | ("crash", …)."""
    limits = QueryLimits(timeout=job["timeout"], max_results=job["max_results"])
    for attempt in (1, 2):
        try:
            store = snapshot.get(job["path"], job["generation"])
            body, media_type = store.query_bytes(job["query"], job["format"], limits=limits,
                                                 jsonld_context=job["context"])
            return ("ok", body, media_type)
        except QueryLimitError as exc:
            return ("limit", exc.limit, str(exc))
        except Exception as exc:
            # The server's own writes compact files away under a snapshot ("Corruption: IO error:
            # No such file … .sst", a RuntimeError): open a fresh one and try once more.
            invalid = "invalid SPARQL" in str(exc)
            if not invalid:
                snapshot.drop()
            if invalid or attempt == 2:
                if isinstance(exc, StoreError):
                    return ("error", str(exc))
                return ("crash", f"{type(exc).__name__}: {exc}")
    raise AssertionError("unreachable")


def main() -> int:
    requests = Connection(os.dup(0), writable=False)
    replies = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # a stray print must not corrupt the reply channel
    replies.send("ready")
    snapshot = _Snapshot()
    while True:
        try:
            if snapshot.lock is not None and not requests.poll(IDLE):
                snapshot.drop()  # an idle worker must not keep the writer from removing an old snapshot
                continue
            job = requests.recv()
        except (EOFError, OSError):
            return 0
        try:
            replies.send(answer(job, snapshot))
        except OSError:  # the server gave up on this query and is killing this process
            return 0


if __name__ == "__main__":
    sys.exit(main())
