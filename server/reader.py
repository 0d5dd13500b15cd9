"""A reader worker of `storygraph serve --workers N`: serves HTTP on the parent's socket from published snapshots.

Started by server/workers.py as `python -m server.reader` with its plan (a pickled ReaderPlan) on
stdin. It reads the store only through the snapshots the parent publishes (FollowingStore) and
hands authorized mutations to the parent over its private socket (server/writer_link.py).
"""
from __future__ import annotations

import ctypes
import os
import pickle
import signal
import socket
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """Have the kernel send SIGTERM when the parent ends, and stop now if it already has."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass  # not Linux: the parent still stops its readers on a clean shutdown
    if os.getppid() != parent:
        sys.exit(0)


def _tell_ready(fd: int | None) -> None:
    """One byte on the writer's start-up pipe (server/workers.py), which it may have stopped reading."""
    if fd is None:
        return
    try:
        os.write(fd, b"r")
    except OSError:
        pass  # the writer no longer waits (a reader started again later)
    finally:
        os.close(fd)


def main() -> int:
    from server.collector import tune_collector
    from server.malloc import tune_malloc
    tune_malloc()  # before any thread starts, as in one serving process
    tune_collector()
    plan = pickle.loads(sys.stdin.buffer.read())
    _die_with(plan.parent)
    import uvicorn

    from graph.store.following import FollowingStore
    from server.app import create_app
    from server.fair_accept import FairServer
    from server.reader_loads import Loads
    from server.writer_link import WriterLink

    _tell_ready(plan.ready_fd)  # the web stack is imported: the writer may import its own now
    listening = socket.socket(fileno=plan.listen_fd)
    store = FollowingStore(plan.store_path)
    app = create_app(plan.settings, store=store, writer=WriterLink(plan.writer_socket))
    loads = Loads(Path(plan.loads_path)) if plan.loads_path else None
    FairServer(uvicorn.Config(app, log_level="warning", lifespan="on"), listening, loads, plan.slot).run()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
