"""Fixtures for end-to-end tests: real Chromium, real uvicorn, and a skip that CI turns into a failure."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
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


class LiveServers:
    """Serves ASGI apps with real uvicorn on 127.0.0.1, each in a background thread, until `stop()`."""

    def __init__(self) -> None:
        self.running: list[tuple[Any, threading.Thread]] = []

    def __call__(self, app: Any) -> str:
        """Start serving `app`; returns its base URL once uvicorn accepts connections."""
        import uvicorn

        port = _free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="auto")
        server = uvicorn.Server(config)
        # uvicorn leaves signal handling to the main thread when run in another one.
        thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
        thread.start()
        self.running.append((server, thread))

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

    def stop(self) -> None:
        """Stop every server started here and join its thread."""
        for server, _ in self.running:
            server.should_exit = True
        for server, thread in self.running:
            thread.join(timeout=SERVER_START_TIMEOUT)
            if thread.is_alive():
                server.force_exit = True
                thread.join(timeout=SERVER_START_TIMEOUT)
        self.running.clear()


@pytest.fixture
def live_server() -> Iterator[Callable[[Any], str]]:
    """Factory: `base_url = live_server(asgi_app)` serves the app with real uvicorn on 127.0.0.1 for one test."""
    servers = LiveServers()
    yield servers
    servers.stop()


@pytest.fixture(scope="module")
def module_live_server() -> Iterator[Callable[[Any], str]]:
    """Like live_server, for servers shared by the tests of one module."""
    servers = LiveServers()
    yield servers
    servers.stop()

def npm_installed(directory: Path, package: str) -> str:
    """node, with `directory`'s package-lock.json installed by `npm ci` (from the npm registry) unless it already is."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        require_component("node", f"install Node.js 20+ with npm to run the tests that use {directory.name}/")
    if not (directory / "node_modules" / package).is_dir():
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=directory, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            require_component(package, f"`npm ci` in {directory} failed: {done.stderr.strip()[-500:]}")
    return node
