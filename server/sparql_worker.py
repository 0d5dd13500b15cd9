"""A SPARQL worker process: opens the store read-only and answers queries sent over its stdin, one at a time.

Started by server/sparql_pool.py as `python -m server.sparql_worker`; it is killed when a query
outlives its deadline, so nothing here needs to be interruptible. It re-opens the store when
the server says the store changed (a read-only RocksDB open is a snapshot). It exits when its
stdin closes, so it never outlives the server.
"""
from __future__ import annotations

import os
import sys
from multiprocessing.connection import Connection


def main() -> int:
    from graph.records import StoreError
    from graph.results import QueryLimitError, QueryLimits
    from graph.store.oxigraph import OxigraphStore

    requests = Connection(os.dup(0), writable=False)
    replies = Connection(os.dup(1), readable=False)
    os.dup2(2, 1)  # a stray print must not corrupt the reply channel
    replies.send("ready")
    store: OxigraphStore | None = None
    generation = None
    while True:
        try:
            job = requests.recv()
        except (EOFError, OSError):
            return 0
        limits = QueryLimits(timeout=job["timeout"], max_results=job["max_results"])
        try:
            for attempt in (1, 2):
                try:
                    if store is None or job["generation"] != generation:
                        if store is not None:
                            store.close()
                        store = None
                        store = OxigraphStore(job["path"], read_only=True)
                        generation = job["generation"]
                    body, media_type = store.query_bytes(job["query"], job["format"], limits=limits,
                                                         jsonld_context=job["context"])
                    break
                except StoreError as exc:
                    # A read-only open is a snapshot; the server's own writes may compact files away
                    # under it. Open a fresh one and try once more.
                    if attempt == 2 or "invalid SPARQL" in str(exc) or isinstance(exc, QueryLimitError):
                        raise
                    if store is not None:
                        store.close()
                    store = None
            reply: tuple = ("ok", body, media_type)
        except QueryLimitError as exc:
            reply = ("limit", exc.limit, str(exc))
        except StoreError as exc:
            reply = ("error", str(exc))
        except Exception as exc:  # reported to the server, which logs it with a request id
            reply = ("crash", f"{type(exc).__name__}: {exc}")
        try:
            replies.send(reply)
        except OSError:  # the server gave up on this query and is killing this process
            return 0


if __name__ == "__main__":
    sys.exit(main())
