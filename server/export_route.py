"""`/export` as an HTTP stream that stops, and cleans up, the moment its client goes away.

The dump runs in one thread (graph/stream.py's ChunkStream) and hands chunks to the event loop, at
most a few ahead, so memory stays bounded. When the response ends for any reason (done, client gone,
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
from graph.stream import ChunkStream, Item

CHUNK = 1 << 18
DEPTH = 8
# A client that reads nothing for this long is gone even if its connection is not closed yet.
STALLED = 120.0
# How long an export that must read the store waits for a free slot (STORYGRAPH_EXPORT_DUMPS) before 503.
WAIT = 10.0


class ExportResponse(StreamingResponse):
    """A streamed dump whose producing thread stops when the response ends, however it ends."""

    def __init__(self, store: Store, fmt: str, context: str | None, media_type: str, headers: dict[str, str],
                 gate: threading.Semaphore | None = None) -> None:
        self.store, self.fmt, self.context, self.gate = store, fmt, context, gate
        self.items: asyncio.Queue[Item] = asyncio.Queue()
        self.stream: ChunkStream | None = None
        self.first: bytes | None = None
        super().__init__(self._chunks(), media_type=media_type, headers=headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        loop = asyncio.get_running_loop()
        stream = self.stream = ChunkStream(lambda item: loop.call_soon_threadsafe(self.items.put_nowait, item),
                                           chunk_size=CHUNK, depth=DEPTH, stalled=STALLED)
        stream.start(lambda sink: write_export(self.store, self.fmt, sink, context=self.context, gate=self.gate, wait=WAIT),
                     f"export-{self.fmt}")
        try:
            # The first chunk is made before answering, so a store that fails at once (an engine
            # refusing, unreachable) gets an error status instead of an empty 200. A failure later on
            # aborts the transfer: a client never sees a clean end.
            first = await self.items.get()
            stream.taken()
            if isinstance(first, ExportBusy):
                await PlainTextResponse(f"export not started: {first}", status_code=503,
                                        headers={"Retry-After": "5"})(scope, receive, send)
                return
            if isinstance(first, BaseException):
                status = 502 if isinstance(first, StoreError) else 500
                detail = str(first) if isinstance(first, StoreError) else "see the server log"
                await PlainTextResponse(f"export failed: {detail}", status_code=status)(scope, receive, send)
                return
            self.first = first
            await super().__call__(scope, receive, send)
        finally:
            stream.cancel()

    async def _chunks(self) -> AsyncIterator[bytes]:
        stream = self.stream
        assert stream is not None
        if self.first is None:
            return
        yield self.first
        while (chunk := stream.took(await self.items.get())) is not None:
            yield chunk
