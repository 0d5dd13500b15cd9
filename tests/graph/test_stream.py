"""A writer in its own thread read as bounded chunks: whole output, failures raised, stopped when the reader goes."""
from __future__ import annotations

import threading
from typing import BinaryIO

import pytest

from graph.stream import chunks


def test_the_chunks_are_the_writers_bytes_in_pieces_of_at_most_chunk_size() -> None:
    def write(out: BinaryIO) -> None:
        for i in range(100):
            out.write(f"line {i}\n".encode())

    got = list(chunks(write, chunk_size=64, depth=2))
    assert b"".join(got) == b"".join(f"line {i}\n".encode() for i in range(100))
    assert all(len(c) == 64 for c in got[:-1]) and 0 < len(got[-1]) <= 64


def test_a_writers_failure_reaches_the_reader_after_what_it_wrote() -> None:
    def write(out: BinaryIO) -> None:
        out.write(b"x" * 100)
        raise OSError("disk gone")

    stream = chunks(write, chunk_size=10, depth=1)
    assert next(stream) == b"x" * 10
    with pytest.raises(OSError, match="disk gone"):
        list(stream)


def test_a_reader_that_stops_stops_the_writer_and_its_cleanup_runs() -> None:
    cleaned = threading.Event()

    def write(out: BinaryIO) -> None:
        try:
            while True:
                out.write(b"y" * 10)
        finally:
            cleaned.set()

    stream = chunks(write, chunk_size=10, depth=1)
    assert next(stream) == b"y" * 10
    stream.close()  # joins the writer thread, so its cleanup has run by now
    assert cleaned.is_set()
