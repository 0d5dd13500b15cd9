"""`storygraph import` as a user runs it: a summary on success, file:line and a non-zero exit on bad input."""
from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "ilo-news-2021.txt"


def storygraph(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "server", "import", *args], cwd=ROOT, input=stdin,
                          capture_output=True, timeout=300)


def test_good_input_prints_the_summary(tmp_path: Path) -> None:
    run = storygraph("--db", str(tmp_path / "db"), str(SEED))
    out = run.stdout.decode()
    assert run.returncode == 0, run.stderr.decode()
    assert "added" in out and "20 stories" in out and "triples" in out and "entities:" in out


def test_importing_the_seed_twice_leaves_the_triple_count_unchanged(tmp_path: Path) -> None:
    first = storygraph("--db", str(tmp_path / "db"), str(SEED)).stdout.decode().splitlines()[-1]
    second = storygraph("--db", str(tmp_path / "db"), str(SEED)).stdout.decode().splitlines()[-1]
    assert first == second and first.endswith("triples in the store")


def test_bad_input_exits_non_zero_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "t", "date": "2021-01-01", "summary": "s"}\n{"title": "no summary", "date": "2021-01-01"}\n')
    run = storygraph("--db", str(tmp_path / "db"), str(bad))
    err = run.stderr.decode()
    assert run.returncode == 1
    assert f"{bad}:2" in err and "nothing was imported" in err and "Traceback" not in err


def test_skip_invalid_lists_the_bad_items(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "t", "date": "2021-01-01", "summary": "s"}\nnot json\n')
    run = storygraph("--db", str(tmp_path / "db"), "--skip-invalid", str(bad))
    assert run.returncode == 0
    assert f"skipped: {bad}:2" in run.stdout.decode() and "1 stories" in run.stdout.decode()


def test_dash_reads_standard_input(tmp_path: Path) -> None:
    run = storygraph("--db", str(tmp_path / "db"), "-", stdin=SEED.read_bytes())
    assert run.returncode == 0 and "20 stories" in run.stdout.decode()


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    run = storygraph("--db", str(tmp_path / "db"), str(tmp_path / "nope.txt"))
    assert run.returncode == 1 and "no such file" in run.stderr.decode()


def _on_terminal(*args: str) -> str:
    """Run the import with stderr on a pseudo-terminal and return what the terminal showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "server", "import", *args], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=follower, env={**os.environ, "COLUMNS": "120"})
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=300)
    os.close(leader)
    return shown.decode(errors="replace")


def test_progress_shows_on_a_terminal_and_quiet_hides_it(tmp_path: Path) -> None:
    assert "stories/s" in _on_terminal("--db", str(tmp_path / "a"), str(SEED))
    assert _on_terminal("--db", str(tmp_path / "b"), "--quiet", str(SEED)) == ""
