"""Fixtures for end-to-end tests: real Chromium, real uvicorn, and a skip that CI turns into a failure."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 10.0


def require_component(name: str, why: str) -> NoReturn:
    """Skip the test because `name` is missing, or fail it when STORYGRAPH_REQUIRE_ALL=1 (as in CI).

    Locally a missing chromium/oxigraph/node should not block `make test`; in CI it must, or a
    broken image would quietly turn every end-to-end test into a skip.
    """
    message = f"{name} is not available: {why}"
    if os.environ.get("STORYGRAPH_REQUIRE_ALL") == "1":
        pytest.fail(f"{message} (STORYGRAPH_REQUIRE_ALL=1 makes this a failure)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path to a Chromium binary: $STORYGRAPH_CHROMIUM, else chromium/chromium-browser on PATH."""
    configured = os.environ.get("STORYGRAPH_CHROMIUM")
    if configured:
        if os.access(configured, os.X_OK):
            return configured
        require_component("chromium", f"STORYGRAPH_CHROMIUM={configured} is not an executable file")
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    require_component(
        "chromium",
        "install it (apt-get install chromium) or set STORYGRAPH_CHROMIUM to its path; "
        "never `playwright install`, tests must not download browsers",
    )


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    """A headless Chromium driven by Playwright's sync API, shared by the tests of one module."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_component("playwright", "pip install playwright (the Python package only)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def live_server() -> Iterator[Callable[[Any], str]]:
    """Factory: `base_url = live_server(asgi_app)` serves the app with real uvicorn on 127.0.0.1.

    Each server runs in a background thread (uvicorn leaves signal handling to the main thread
    there) and is stopped and joined when the test ends.
    """
    import uvicorn

    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app: Any) -> str:
        port = _free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="auto")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
        thread.start()
        running.append((server, thread))

        # Wake up often to check the flag, but never rely on a fixed sleep for readiness.
        waiter = threading.Event()
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError(f"uvicorn exited before serving on 127.0.0.1:{port}; see its log above")
            if time.monotonic() > deadline:
                raise RuntimeError(f"uvicorn did not start on 127.0.0.1:{port} within {SERVER_START_TIMEOUT}s")
            waiter.wait(0.02)
        return f"http://127.0.0.1:{port}"

    yield start

    for server, _ in running:
        server.should_exit = True
    for server, thread in running:
        thread.join(timeout=SERVER_START_TIMEOUT)
        if thread.is_alive():
            server.force_exit = True
            thread.join(timeout=SERVER_START_TIMEOUT)
