"""Where a benchmark leaves its key figures for `bench.run`'s table of targets: a JSON file named by an env var.

`bench.run` sets BENCH_SUMMARY to a file of its own for each benchmark it starts; the benchmark calls
`record(name=value, ...)` beside its human output, and `bench.run` reads the file back when it ends.
Run by hand (no BENCH_SUMMARY), `record` does nothing, so each benchmark's command line is unchanged.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

ENV = "BENCH_SUMMARY"
Figure = float | int | str | None


def record(**figures: Figure) -> None:
    """Add these figures to the file BENCH_SUMMARY names (later values replace earlier ones of the same name)."""
    named = os.environ.get(ENV)
    if not named:
        return
    path = Path(named)
    known = read(path)
    known.update(figures)
    path.write_text(json.dumps(known, indent=1, sort_keys=True), encoding="utf-8")


def read(path: Path) -> dict[str, Figure]:
    """The figures a benchmark recorded in `path`; empty when it recorded none."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
