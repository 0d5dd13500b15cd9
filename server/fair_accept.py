"""Reader workers share out the connections of their common listening socket evenly: the least loaded accepts.

Each reader of `storygraph serve --workers N` accepts on the one socket the parent binds. Left to
asyncio, the reader the kernel wakes first accepts every connection waiting (a client opening 32
at once gave 27 to one reader and 5 to the other), and that reader's queue sets the tail latency
while the other idles. Here a reader accepts one connection per wake-up, and only while it holds
no more open connections than any other reader: each publishes its count in a small file mapped
by all (server/reader_loads.py), and one that is ahead steps aside for `STEP_ASIDE` seconds,
then accepts anyway (a reader that died or stalls never strands a connection).

SO_REUSEPORT would spread connections by a hash of their addresses instead (18/14, 20/12, 11/21
of 32 when measured), and uvicorn runs unchanged on top: only how connections are accepted differs.
"""
from __future__ import annotations

import asyncio
import errno
import functools
import logging
import os
import socket

import uvicorn

from server.reader_loads import Loads

log = logging.getLogger("storygraph.workers")
# How long a reader with more connections than another leaves a waiting connection to the others.
STEP_ASIDE = 0.02
# After running out of file descriptors, how long before accepting again (asyncio's own pause).
OUT_OF_FILES_PAUSE = 1.0
class FairServer(uvicorn.Server):
    """uvicorn's server accepting from a shared socket one connection at a time, when this reader is least loaded."""

    def __init__(self, config: uvicorn.Config, listening: socket.socket, loads: Loads | None, slot: int) -> None:
        super().__init__(config)
        self.listening = listening
        self.loads = loads
        self.slot = slot
        self._loop: asyncio.AbstractEventLoop | None = None
        self._accepting = False
        self._handshakes: set[asyncio.Task[object]] = set()

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=[])  # the lifespan and the server state, no asyncio server of its own
        self._loop = asyncio.get_running_loop()
        self.listening.setblocking(False)
        self._protocol = functools.partial(self.config.http_protocol_class, config=self.config,
                                           server_state=self.server_state, app_state=self.lifespan.state)  # type: ignore[call-arg]
        self._resume()

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._pause()
        if self.loads is not None:
            self.loads.publish(self.slot, 1 << 30)  # accepting no more: the others take everything
        await super().shutdown(sockets)

    def _resume(self) -> None:
        if not self._accepting and not self.should_exit and self._loop is not None:
            self._loop.add_reader(self.listening.fileno(), self._ready)
            self._accepting = True

    def _pause(self) -> None:
        if self._accepting and self._loop is not None:
            self._loop.remove_reader(self.listening.fileno())
            self._accepting = False

    def _ready(self) -> None:
        """A connection waits: take it if no other reader has fewer open, else leave it to them a moment."""
        mine = self._open()
        if self.loads is not None:
            self.loads.publish(self.slot, mine)
            fewest = self.loads.fewest_but(self.slot)
            if fewest is not None and mine > fewest:
                self._pause()
                assert self._loop is not None
                self._loop.call_later(STEP_ASIDE, self._anyway)
                return
        self._accept()

    def _anyway(self) -> None:
        """After stepping aside: accept what is still waiting (the others had their chance), then listen again."""
        if self.should_exit:
            return
        self._accept()
        self._resume()

    def _accept(self) -> None:
        try:
            conn, _ = self.listening.accept()
        except (BlockingIOError, InterruptedError, ConnectionAbortedError):
            return  # another reader took it
        except OSError as exc:
            if exc.errno in (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM):
                log.error("accepting a connection: %s; pausing for %.0f s", os.strerror(exc.errno), OUT_OF_FILES_PAUSE)
                self._pause()
                assert self._loop is not None
                self._loop.call_later(OUT_OF_FILES_PAUSE, self._resume)
                return
            raise
        conn.setblocking(False)
        if conn.family in (socket.AF_INET, socket.AF_INET6):
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as asyncio's and uvloop's servers do
        assert self._loop is not None
        task = self._loop.create_task(self._loop.connect_accepted_socket(self._protocol, conn))
        self._handshakes.add(task)
        task.add_done_callback(self._handshake_done)
        if self.loads is not None:
            self.loads.publish(self.slot, self._open())

    def _open(self) -> int:
        """This reader's open connections, those still being set up included."""
        return len(self.server_state.connections) + len(self._handshakes)

    def _handshake_done(self, task: asyncio.Task[object]) -> None:
        self._handshakes.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("a connection failed as it was accepted: %s", task.exception())
