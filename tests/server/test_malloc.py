"""Serving processes tune glibc malloc unless the environment already says how."""
from __future__ import annotations

import subprocess
import sys


def _run(env: dict[str, str]) -> str:
    return subprocess.run([sys.executable, "-c", "from server.malloc import tune_malloc; print(tune_malloc())"],
                          capture_output=True, text=True, check=True, env=env).stdout.strip()


def test_malloc_is_tuned_on_glibc_and_explicit_settings_win() -> None:
    if not sys.platform.startswith("linux"):
        assert _run({}) == "False"
        return
    assert _run({}) == "True"
    assert _run({"MALLOC_ARENA_MAX": "4"}) == "True"  # the mmap threshold still applies
    assert _run({"MALLOC_ARENA_MAX": "4", "MALLOC_MMAP_THRESHOLD_": "65536"}) == "False"


def test_free_memory_is_given_back_on_glibc() -> None:
    out = subprocess.run([sys.executable, "-c", "from server.malloc import give_back; print(give_back())"],
                         capture_output=True, text=True, check=True).stdout.strip()
    assert out == ("True" if sys.platform.startswith("linux") else "False")
