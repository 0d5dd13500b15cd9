"""`/export` as an HTTP stream that stops, and cleans up, the moment its client goes away.

The dump runs in one thread and hands chunks to the event loop through a queue of at most a few
chunks, so memory stays bounded. When the response ends for any reason (done, client gone,
server stopping) the dump is told to stop at its next write; graph.export then removes its
`.partial` file. Before this, Starlette's stream of a sync generator left each aborted dump
running until garbage collection closed it: 90 aborted downloads grew a server from 6 to 87
threads and left 55 `.partial` files.
"""
from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator

from starlette.responses import PlainTextResponse, StreamingResponse
from starlette.types import Receive, Scope, Send

from graph.export import ExportBusy, write_export
from graph.records import StoreError
from graph.store import Store

CHUNK = 1 << 18
DEPTH = 8
# A client that reads nothing for this long is gone even if its connection is not closed yet.
STALLED = 120.0
# How long an export that must read the store waits for a free slot (STORYGRAPH_EXPORT_DUMPS) before 503.
WAIT = 10.0


class ExportCancelled(Exception):
    """The client of a streamed export went away (or stopped reading)."""


class _Handoff:
    """A file-like sink in the dump's thread that hands fixed-size chunks to the event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.queue: asyncio.Queue[bytes | BaseException | None] = asyncio.Queue()
        self.room = threading.Semaphore(DEPTH)
        self.cancelled = threading.Event()
        self.buffer = bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        while len(self.buffer) >= CHUNK:
            self.put(bytes(self.buffer[:CHUNK]))
            del self.buffer[:CHUNK]
        return len(data)

    def flush(self) -> None:
        pass

    def put(self, item: bytes | BaseException | None) -> None:
        waited = 0.0
        while not self.room.acquire(timeout=0.5):
            waited += 0.5
            if self.cancelled.is_set() or waited >= STALLED:
                raise ExportCancelled()
        if self.cancelled.is_set():
            raise ExportCancelled()
        try:
            self.loop.call_soon_threadsafe(self.queue.put_nowait, item)
        except RuntimeError:  # the event loop is closed: the server is stopping
            raise ExportCancelled() from None


class ExportResponse(StreamingResponse):
    """A streamed dump whose producing thread stops when the response ends, however it ends."""

    def __init__(self, store: Store, fmt: str, context: str | None, media_type: str, headers: dict[str, str],
                 gate: threading.Semaphore | None = None) -> None:
        self.store, self.fmt, self.context, self.gate = store, fmt, context, gate
        self.handoff: _Handoff | None = None
        self.first: bytes | BaseException | None = None
        super().__init__(self._chunks(), media_type=media_type, headers=headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handoff = self.handoff = _Handoff(asyncio.get_running_loop())
        worker = threading.Thread(target=self._produce, args=(handoff,), name=f"export-{self.fmt}", daemon=True)
        worker.start()
        try:
            # The first chunk is made before answering, so a store that fails at once (an engine
            # refusing, unreachable) gets an error status instead of an empty 200. A failure later on
            # aborts the transfer: a client never sees a clean end.
            self.first = await handoff.queue.get()
            handoff.room.release()
            if isinstance(self.first, ExportBusy):
                await PlainTextResponse(f"export not started: {self.first}", status_code=503,
                                        headers={"Retry-After": "5"})(scope, receive, send)
                return
            if isinstance(self.first, BaseException):
                status = 502 if isinstance(self.first, StoreError) else 500
                detail = str(self.first) if isinstance(self.first, StoreError) else "see the server log"
                await PlainTextResponse(f"export failed: {detail}", status_code=status)(scope, receive, send)
                return
            await super().__call__(scope, receive, send)
        finally:
            handoff.cancelled.set()

    def _produce(self, handoff: _Handoff) -> None:
        try:
            write_export(self.store, self.fmt, handoff, context=self.context,  # type: ignore[arg-type]
                         gate=self.gate, wait=WAIT)
            if handoff.buffer:
                handoff.put(bytes(handoff.buffer))
            handoff.put(None)
        except ExportCancelled:
            pass
        except BaseException as exc:  # handed to the response, which raises it
            if not handoff.cancelled.is_set():
                try:
                    handoff.put(exc)
                except ExportCancelled:
                    pass

    async def _chunks(self) -> AsyncIterator[bytes]:
        handoff = self.handoff
        assert handoff is not None
        if self.first is None:
            return
        yield self.first  # type: ignore[misc]
        while True:
            item = await handoff.queue.get()
            handoff.room.release()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise item
            yield item
