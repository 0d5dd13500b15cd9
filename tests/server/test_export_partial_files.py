"""Partial export files: a crashed writer's are removed at start-up, a live writer's are left alone."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from starlette.testclient import TestClient

from graph.export import export_cache_dir
from graph.store.oxigraph import OxigraphStore
from server.app import create_app
from server.settings import Settings


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_server_start_removes_partial_exports_of_dead_writers_only(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "db")
    cache = export_cache_dir(store)
    cache.mkdir(parents=True)
    stale = cache / f".nq.123.{_dead_pid()}.140000.partial"
    live = cache / f".nq.123.{os.getppid()}.140000.partial"  # a running process: maybe a CLI export
    kept = cache / "nq.123"
    for path in (stale, live, kept):
        path.write_bytes(b"<a> <b> <c> .\n")
    with TestClient(create_app(Settings(store_url=f"oxigraph:{tmp_path / 'db'}", base="http://t/"), store=store)):
        pass
    assert not stale.exists()
    assert live.exists() and kept.exists()
    store.close()
