"""The command line next to a running server: who holds the store, reading it read-only, pipes that close early, big imports."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from graph.store.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds" / "ilo-news-2021.txt"


def storygraph(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "server", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})})


def _imported(tmp_path: Path) -> Path:
    db = tmp_path / "db"
    done = storygraph("import", "-q", "--db", str(db), str(SEEDS))
    assert done.returncode == 0, done.stderr
    return db


def test_a_locked_store_error_names_the_process_holding_it(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    holder = OxigraphStore(db)
    try:
        refused = storygraph("import", "-q", "--db", str(db), str(SEEDS))
    finally:
        holder.close()
    assert refused.returncode == 1
    assert "in use by `" in refused.stderr and f"pid {os.getpid()}" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_reading_commands_read_a_locked_store_read_only_and_say_so(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    holder = OxigraphStore(db)
    try:
        stats = storygraph("stats", "--db", str(db))
        export = storygraph("export", "--db", str(db), "--format", "nq")
    finally:
        holder.close()
    assert stats.returncode == 0 and "20 stories" in stats.stdout
    assert "read-only" in stats.stderr and f"pid {os.getpid()}" in stats.stderr
    assert export.returncode == 0 and export.stdout.count("\n") == holder_free_count(db)


def holder_free_count(db: Path) -> int:
    store = OxigraphStore(db)
    try:
        return store.quad_count()
    finally:
        store.close()


def test_a_query_piped_into_a_reader_that_stops_exits_quietly(tmp_path: Path) -> None:
    db = _imported(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "server", "query", "--db", str(db),
                                "{ stories(first: 20) { edges { node { title date } } } }"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # like `| head` that has read enough
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr


def test_an_import_over_the_size_limit_needs_yes(tmp_path: Path) -> None:
    db = tmp_path / "db"
    small_limit = {"STORYGRAPH_IMPORT_CONFIRM_BYTES": str(SEEDS.stat().st_size - 1)}
    refused = storygraph("import", "-q", "--db", str(db), str(SEEDS), env=small_limit)
    assert refused.returncode == 2 and "--yes" in refused.stderr and "STORYGRAPH_IMPORT_CONFIRM_BYTES" in refused.stderr
    confirmed = storygraph("import", "-q", "--yes", "--db", str(db), str(SEEDS), env=small_limit)
    assert confirmed.returncode == 0, confirmed.stderr
