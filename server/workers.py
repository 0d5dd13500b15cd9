"""`storygraph serve --workers N`: one writer process and N reader processes on one listening socket.

The parent process is the writer: the only process that opens the store read-write. It runs
imports (mutations forwarded by the readers over a private Unix socket), keeps the derived views
beside the store (network view, search index) at each new version, and publishes a snapshot of
the store after each write (graph/store/snapshots.py). The readers are separate processes
(`python -m server.reader`) that share the listening socket the parent binds, as uvicorn's own
multi-process mode does, and take turns accepting so the least loaded takes the next connection
(server/fair_accept.py); each reads the latest
snapshot read-only (graph/store/following.py) with its own response cache and views.

A reader that dies is started again; on SIGINT/SIGTERM the parent stops every reader before it
exits, and a reader whose parent dies is stopped by the kernel (PR_SET_PDEATHSIG).
"""
from __future__ import annotations

import dataclasses
import logging
import os
import pickle
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from graph.read import GraphReader
from graph.store.oxigraph import OxigraphStore
from graph.store.snapshots import Publisher
from server.reader_loads import Loads
from server.settings import Settings

log = logging.getLogger("storygraph.workers")
# Seconds a reader has to finish its requests after SIGTERM before it is killed.
STOP_TIMEOUT = 10.0
# How often the parent looks for a reader that died.
WATCH_EVERY = 0.2
# The least time between two starts of a reader in the same place.
RESTART_EVERY = 1.0
# The longest the writer waits for its readers to import the web stack before it imports its own.
READY_WAIT = 10.0


def default_workers() -> int:
    """The cores this process may use: `os.process_cpu_count()` (Python 3.13+), else the CPU affinity."""
    counted = getattr(os, "process_cpu_count", None)
    if counted is not None:
        return counted() or 1
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


@dataclass(frozen=True)
class ReaderPlan:
    """What a reader process needs, sent on its stdin (pickled: the settings hold the import token)."""

    settings: Settings
    store_path: str
    listen_fd: int
    writer_socket: str
    parent: int
    ready_fd: int | None = None  # a pipe's write end: one byte once the web stack is imported (start-up order)
    loads_path: str | None = None  # the readers' open connection counts (server/fair_accept.py)
    slot: int = 0  # this reader's place among them


def bind(host: str, port: int) -> socket.socket:
    """The listening socket every reader accepts on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise OSError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


class Readers:
    """The reader processes: started, watched (a dead one is started again) and stopped."""

    def __init__(self, plan: ReaderPlan, count: int) -> None:
        self.plan = plan
        self.count = count
        self.processes: list[subprocess.Popen[bytes]] = []
        self.restarts = 0
        self._started: dict[int, float] = {}
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._watcher = threading.Thread(target=self._watch, name="storygraph-readers", daemon=True)

    def start(self) -> None:
        with self._lock:
            self.processes = [self._spawn(i) for i in range(self.count)]
        self._watcher.start()

    def _spawn(self, slot: int) -> subprocess.Popen[bytes]:
        process = self._popen(slot)
        self._started[process.pid] = time.monotonic()
        return process

    def _popen(self, slot: int) -> subprocess.Popen[bytes]:
        # A process group of its own: Ctrl-C in a terminal reaches the parent alone, which stops the
        # readers. Not a session of its own: Linux schedules each session as a group (autogroup), and
        # readers in a new one ran at half the speed of one process next to a busy neighbour.
        fds = (self.plan.listen_fd,) + ((self.plan.ready_fd,) if self.plan.ready_fd is not None else ())
        process = subprocess.Popen([sys.executable, "-m", "server.reader"], stdin=subprocess.PIPE,
                                   pass_fds=fds, process_group=0)
        assert process.stdin is not None
        try:
            process.stdin.write(pickle.dumps(dataclasses.replace(self.plan, slot=slot)))
            process.stdin.close()
        except BrokenPipeError:
            pass  # it died at once: the watcher sees it
        return process

    def _watch(self) -> None:
        # This thread starts the replacements: it lives until stop(), so their parent-death signal
        # (tied to the thread that forked them) fires only when the process really ends.
        while not self._stopping.wait(WATCH_EVERY):
            with self._lock:
                for i, process in enumerate(self.processes):
                    code = process.poll()
                    # One that fails at start (a bad setting, a broken install) is started at most once a second.
                    young = time.monotonic() - self._started.get(process.pid, 0.0) < RESTART_EVERY
                    if code is not None and not young and not self._stopping.is_set():
                        how = f"signal {-code}" if code < 0 else f"exit status {code}"
                        log.warning("reader worker pid %d ended (%s); starting another", process.pid, how)
                        self._started.pop(process.pid, None)
                        self.processes[i] = self._spawn(i)
                        self.restarts += 1

    @property
    def pids(self) -> list[int]:
        with self._lock:
            return [p.pid for p in self.processes]

    def stop(self) -> None:
        """SIGTERM every reader, wait for it (killing one that does not stop in time)."""
        self._stopping.set()
        if self._watcher.is_alive():
            self._watcher.join()
        with self._lock:
            for process in self.processes:
                if process.poll() is None:
                    process.terminate()
            for process in self.processes:
                try:
                    process.wait(STOP_TIMEOUT)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def serve_workers(settings: Settings, store: OxigraphStore, host: str, port: int, workers: int, out: TextIO) -> int:
    """Serve with `workers` reader processes over `store`, this process being its writer; returns at shutdown."""
    reader = GraphReader(store, settings.base)
    publisher = Publisher(store, reader.version)
    publisher.start()
    listening = bind(host, port)
    private = tempfile.mkdtemp(prefix="storygraph-writer-")  # 0700: the socket inside is this user's alone
    writer_socket = os.path.join(private, "writer.sock")
    # Bound now, served once this process has its web stack: a write forwarded meanwhile waits in the backlog.
    writer_listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    writer_listening.bind(writer_socket)
    writer_listening.listen(2048)
    ready_read, ready_write = os.pipe()
    os.set_blocking(ready_write, False)  # a reader started again later never waits on a pipe nobody reads
    loads = os.path.join(private, "loads")
    Loads.create(Path(loads), workers)
    plan = ReaderPlan(settings=settings, store_path=str(store.path), listen_fd=listening.fileno(),
                      writer_socket=writer_socket, parent=os.getpid(), ready_fd=ready_write, loads_path=loads)
    readers = Readers(plan, workers)
    # A SIGTERM before uvicorn serves (while this process waits for the readers or imports) leaves through
    # the `finally` below, which stops the readers, instead of ending this process at once.
    previous = signal.signal(signal.SIGTERM, _leave)
    readers.start()
    try:
        # The web stack is most of a start-up, and the readers answer every request but writes: this
        # process imports it once they have theirs, instead of taking a third of two cores from them.
        _wait_ready(ready_read, workers, READY_WAIT)
        import uvicorn

        from server.app import create_app
        app = create_app(settings, store=store, publisher=publisher)
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        print(f"storygraph serving {settings.store_url} on http://{host}:{port}/ with {workers} worker processes "
              f"(pids {', '.join(map(str, readers.pids))}; explorer at /explore, GraphQL at /graphql)", file=out)
        out.flush()
        # uvicorn shuts down on SIGTERM, then raises it again with the handler that was there before:
        # this one lets the readers be stopped below instead of the process ending at once. It also tells
        # uvicorn to stop: a SIGTERM in the moment before uvicorn installs its own handler (its event loop
        # being made) was lost, and the server ran on for good (the start-up benchmark's runs hung on it).
        signal.signal(signal.SIGTERM, lambda signum, frame: setattr(server, "should_exit", True))
        server.run(sockets=[writer_listening])
    finally:
        signal.signal(signal.SIGTERM, previous)
        readers.stop()
        listening.close()
        writer_listening.close()
        os.close(ready_read)
        os.close(ready_write)
        publisher.stop()
        shutil.rmtree(private, ignore_errors=True)
    return 0


def _leave(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _wait_ready(fd: int, count: int, timeout: float) -> None:
    """Read one byte from each of `count` readers on the pipe `fd`, for at most `timeout` seconds in all."""
    deadline = time.monotonic() + timeout
    seen = 0
    while seen < count:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return  # a slow or failed reader is the watcher's business, not a reason to stay without a writer
        seen += len(os.read(fd, count - seen))
