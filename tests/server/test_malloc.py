"""The serving process caps glibc's malloc arenas unless the environment already says how many."""
from __future__ import annotations

import subprocess
import sys


def _run(env: dict[str, str]) -> str:
    return subprocess.run([sys.executable, "-c", "from server.malloc import cap_arenas; print(cap_arenas())"],
                          capture_output=True, text=True, check=True, env=env).stdout.strip()


def test_arenas_are_capped_on_glibc_and_an_explicit_setting_wins() -> None:
    if not sys.platform.startswith("linux"):
        assert _run({}) == "False"
        return
    assert _run({}) == "True"
    assert _run({"MALLOC_ARENA_MAX": "4"}) == "False"
