"""A blocking writer run in its own thread, its output handed back as bounded chunks that can be cancelled.

Exports are written by code that wants a file (`store.dump(file)`, a JSON-LD writer); a reader wants
chunks, from a plain loop (`chunks()`) or an event loop (`ChunkStream(deliver=…)` with an asyncio
queue). At most `depth` chunks are in flight, so memory stays bounded however slow the reader is.
When the reader goes away, `cancel()` makes the writer's next write raise `Cancelled`, so the thread
ends and whatever the writer had open (a kept export's `.partial` file) is cleaned up by its own
`with` blocks.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO, cast

Item = bytes | BaseException | None
"""What a stream delivers: a chunk, the writer's failure, or None at the end."""

_POLL = 0.5  # how often a writer waiting for room checks whether it was cancelled


class Cancelled(Exception):
    """The reader of a stream went away (or read nothing for too long)."""


class ChunkStream:
    """A file-like sink for the writer's thread: fixed-size chunks, at most `depth` not yet taken.

    `deliver(item)` hands an item to the reader (it may raise RuntimeError when the reader's event
    loop is gone, which cancels); the reader calls `taken()` after each item it takes.
    """

    def __init__(self, deliver: Callable[[Item], object], *, chunk_size: int = 1 << 18, depth: int = 8,
                 stalled: float | None = None) -> None:
        self.deliver, self.chunk_size, self.stalled = deliver, chunk_size, stalled
        self.room = threading.Semaphore(depth)
        self.cancelled = threading.Event()
        self.buffer = bytearray()

    # -- the writer's side: a binary file -----------------------------------------------------------
    def write(self, data: bytes) -> int:
        self.buffer += data
        while len(self.buffer) >= self.chunk_size:
            self._put(bytes(self.buffer[:self.chunk_size]))
            del self.buffer[:self.chunk_size]
        return len(data)

    def flush(self) -> None:
        pass

    def run(self, write: Callable[[BinaryIO], None]) -> None:
        """Run `write(self)` to the end, then deliver the rest and None, or the failure (in the writer's thread)."""
        try:
            # A file as far as the writers go: they only call write() and flush().
            write(cast(BinaryIO, self))
            if self.buffer:
                self._put(bytes(self.buffer))
                self.buffer.clear()
            self._put(None)
        except Cancelled:
            pass
        except BaseException as exc:  # handed to the reader, which raises it
            if not self.cancelled.is_set():
                try:
                    self._put(exc)
                except Cancelled:
                    pass

    def start(self, write: Callable[[BinaryIO], None], name: str) -> threading.Thread:
        """`run(write)` in a new daemon thread."""
        worker = threading.Thread(target=self.run, args=(write,), name=name, daemon=True)
        worker.start()
        return worker

    def _put(self, item: Item) -> None:
        waited = 0.0
        while not self.room.acquire(timeout=_POLL):
            waited += _POLL
            if self.cancelled.is_set() or (self.stalled is not None and waited >= self.stalled):
                raise Cancelled()
        if self.cancelled.is_set():
            raise Cancelled()
        try:
            self.deliver(item)
        except RuntimeError:  # the reader's event loop is closed: the server is stopping
            raise Cancelled() from None

    # -- the reader's side ------------------------------------------------------------------------
    def taken(self) -> None:
        """The reader took one item: room for the writer's next chunk."""
        self.room.release()

    def took(self, item: Item) -> bytes | None:
        """The reader took `item`: the chunk, None at the end; the writer's failure is raised here."""
        self.taken()
        if isinstance(item, BaseException):
            raise item
        return item

    def cancel(self) -> None:
        """Stop the writer at its next write (or while it waits for room)."""
        self.cancelled.set()


def chunks(write: Callable[[BinaryIO], None], *, chunk_size: int = 1 << 18, depth: int = 8,
           name: str = "stream") -> Iterator[bytes]:
    """What `write(file)` writes, as chunks, read from a plain loop; the writer's failure is raised here.

    Closing the iterator early (a client hung up) stops the writer at its next write and waits for it.
    """
    items: queue.SimpleQueue[Item] = queue.SimpleQueue()
    stream = ChunkStream(items.put, chunk_size=chunk_size, depth=depth)
    worker = stream.start(write, name)
    try:
        while (chunk := stream.took(items.get())) is not None:
            yield chunk
    finally:
        stream.cancel()
        worker.join()
