"""Shared fixtures: the same tests over every store backend, and a real `oxigraph serve` for the remote one.

To run a test against every backend, take the `store_url` fixture (parametrized: memory,
oxigraph, sparql) and open it yourself:

    def test_import_is_idempotent(store_url):
        store = open_store(store_url)            # memory: | oxigraph:<tmp dir> | sparql:http://…/query
        ...

or call `store_url_factory(kind)` for one kind. The sparql kind talks to one session-wide
`oxigraph serve` (started with --union-default-graph, like the embedded store's reads); each
test gets it emptied with `CLEAR ALL` first. Where the `oxigraph` binary is missing the sparql
cases are skipped locally and fail when STORYGRAPH_REQUIRE_ALL=1 (as in CI).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NoReturn

import pytest

STORE_KINDS = ("memory", "oxigraph", "sparql")
SERVER_START_TIMEOUT = 15.0


def require_component(name: str, why: str) -> NoReturn:
    """Skip because `name` is missing, or fail when STORYGRAPH_REQUIRE_ALL=1 (CI must not skip silently)."""
    message = f"{name} is not available: {why}"
    if os.environ.get("STORYGRAPH_REQUIRE_ALL") == "1":
        pytest.fail(f"{message} (STORYGRAPH_REQUIRE_ALL=1 makes this a failure)", pytrace=False)
    pytest.skip(message)


def _oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).with_name("oxigraph")
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `oxigraph serve` on 127.0.0.1 over a temporary directory; yields its base URL."""
    import httpx

    binary = _oxigraph_binary()
    if binary is None:
        require_component("oxigraph", "pip install oxigraph (the dev extra) provides the `oxigraph` server binary")
    location = tmp_path_factory.mktemp("oxigraph-serve")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(location.parent / f"oxigraph-{port}.log", "wb")
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph"], stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        with httpx.Client(timeout=1.0) as client:
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"oxigraph serve exited with {process.returncode}; see {log.name}")
                try:
                    if client.get(f"{url}/query", params={"query": "ASK {}"}).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"oxigraph serve did not answer on {url} within {SERVER_START_TIMEOUT}s")
                # Bounded wait between polls; readiness is decided by the answer above, not by time.
                try:
                    process.wait(timeout=0.05)
                except subprocess.TimeoutExpired:
                    pass
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture
def store_url_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], str]:
    """`store_url_factory(kind)` -> a store URL for an empty store of that kind (memory, oxigraph, sparql)."""
    def make(kind: str) -> str:
        if kind == "memory":
            return "memory:"
        if kind == "oxigraph":
            return f"oxigraph:{tmp_path / 'db'}"
        if kind == "sparql":
            import httpx
            server = request.getfixturevalue("oxigraph_server")
            httpx.post(f"{server}/update", data={"update": "CLEAR ALL"}, timeout=10).raise_for_status()
            return f"sparql:{server}/query"
        raise ValueError(f"unknown store kind {kind!r}; one of {', '.join(STORE_KINDS)}")
    return make


@pytest.fixture(params=STORE_KINDS)
def store_url(request: pytest.FixtureRequest, store_url_factory: Callable[[str], str]) -> str:
    """An empty store of each kind in turn."""
    return store_url_factory(request.param)
