"""Each reader worker listens on a socket of its own beside the shared one, so the kernel spreads connections over them."""
from __future__ import annotations

import socket

import pytest

from server.workers import bind, own_socket

pytestmark = pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="no SO_REUSEPORT on this platform")


def _accepted(listening: socket.socket) -> int:
    listening.setblocking(False)
    count = 0
    while True:
        try:
            connection, _ = listening.accept()
        except BlockingIOError:
            return count
        connection.close()
        count += 1


def test_connections_to_the_port_reach_a_readers_own_socket_as_well_as_the_shared_one() -> None:
    shared = bind("127.0.0.1", 0)
    own = own_socket(shared)
    assert own is not None and own.getsockname() == shared.getsockname()
    clients = [socket.create_connection(shared.getsockname()) for _ in range(64)]
    try:
        on_shared, on_own = _accepted(shared), _accepted(own)
    finally:
        for client in clients + [shared, own]:
            client.close()
    # Spread by their addresses (each socket gets about half): with 64 connections, none empty.
    assert on_shared + on_own == 64 and on_shared > 0 and on_own > 0


def test_a_shared_socket_outside_a_reuseport_group_serves_alone() -> None:
    plain = socket.socket()
    plain.bind(("127.0.0.1", 0))
    plain.listen()
    try:
        assert own_socket(plain) is None
    finally:
        plain.close()
