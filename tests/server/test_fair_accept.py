"""Reader workers share out the connections of their common socket: the least loaded accepts the next one."""
from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from server.fair_accept import FairServer
from server.reader_loads import Loads


async def _hello(scope, receive, send) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"5")]})
    await send({"type": "http.response.body", "body": b"hello"})


@pytest.fixture
def listening() -> Iterator[socket.socket]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    yield sock
    sock.close()


@pytest.fixture
def loads(tmp_path: Path) -> Iterator[Loads]:
    Loads.create(tmp_path / "loads", 2)
    shared = Loads(tmp_path / "loads")
    yield shared
    shared.close()


async def _started(listening: socket.socket, loads: Loads | None) -> FairServer:
    config = uvicorn.Config(_hello, lifespan="off", log_level="warning")
    config.load()
    server = FairServer(config, listening, loads, slot=0)
    server.lifespan = config.lifespan_class(config)
    await server.startup()
    server._pause()  # the test drives accepting itself
    return server


async def _get(connected: socket.socket) -> bytes:
    """A GET over a connection the kernel has already queued for accepting."""
    reader, writer = await asyncio.open_connection(sock=connected)
    writer.write(b"GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n")
    answer = await reader.read()
    writer.close()
    return answer


def _waiting(listening: socket.socket) -> bool:
    """Whether a connection waits to be accepted (taking it, so it is not left behind)."""
    listening.setblocking(False)
    try:
        conn, _ = listening.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True


def test_the_least_loaded_reader_accepts_and_answers(listening: socket.socket, loads: Loads) -> None:
    async def scenario() -> bytes:
        server = await _started(listening, loads)
        loads.publish(1, 5)  # the other reader holds five connections
        client = asyncio.ensure_future(_get(socket.create_connection(listening.getsockname())))
        server._ready()
        answer = await client
        await server.shutdown()
        return answer

    answer = asyncio.run(scenario())
    assert answer.startswith(b"HTTP/1.1 200") and answer.endswith(b"hello")


def test_a_reader_ahead_of_another_leaves_the_connection_waiting(listening: socket.socket, loads: Loads) -> None:
    async def scenario() -> tuple[bool, int]:
        server = await _started(listening, loads)
        server.server_state.connections.update({object(), object()})  # this reader holds two
        loads.publish(1, 0)
        probe = socket.create_connection(listening.getsockname())
        server._ready()
        left = _waiting(listening)
        probe.close()
        server.server_state.connections.clear()
        await server.shutdown()
        return left, len(server._handshakes)

    left, accepted = asyncio.run(scenario())
    assert left and accepted == 0


def test_after_stepping_aside_it_takes_what_nobody_took(listening: socket.socket, loads: Loads) -> None:
    async def scenario() -> bytes:
        server = await _started(listening, loads)
        loads.publish(1, 0)
        server.server_state.connections.add(marker := object())
        client = asyncio.ensure_future(_get(socket.create_connection(listening.getsockname())))
        server._ready()  # ahead: steps aside
        server.server_state.connections.discard(marker)
        server._anyway()  # the other reader never came: this one accepts
        answer = await client
        await server.shutdown()
        return answer

    assert asyncio.run(scenario()).endswith(b"hello")

