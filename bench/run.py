"""Run every benchmark at one size and end with one table of issue 17's targets (what `make bench` does).

    python -m bench.run                      # 20,000 generated stories
    python -m bench.run --stories 100000     # the scale targets' size
    python -m bench.run --only import,graphql --report targets.md

Each benchmark runs as its own process (so one's memory and caches never colour another's figures)
with the command shown above its output, and leaves its key figures in a JSON file named by
BENCH_SUMMARY (bench/summary.py). The report ends with the wall time of each and the table of targets
(bench/targets.py: goal, measured, the figure beside it in the same run, ratio, met or not), also
written to `--report FILE` when given, to paste into bench/RESULTS.md and the README.
"""
from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench import summary, targets


@dataclass(frozen=True)
class Benchmark:
    name: str
    what: str
    args: Callable[[int, str], list[str]]  # (stories, scratch directory) -> the module's arguments


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark("parse", "parse speed per input format", lambda n, d: ["bench.parse_speed"]),
    Benchmark("extract", "extract + resolve, one core (varied synthetic stories)",
              lambda n, d: ["bench.extract_speed", str(min(n, 20_000)), "--corpus", "synthetic"]),
    Benchmark("import", "fresh and unchanged import into an on-disk store, beside a fresh 10k (or N/5) import",
              lambda n, d: ["bench.import_speed", "--stories", str(n), "--flat", str(10_000 if n > 10_000 else n // 5)]),
    Benchmark("graphql", "explorer-style GraphQL queries, cache hit and miss, start-up",
              lambda n, d: ["bench.graphql_speed", "--stories", str(n), "--db", f"{d}/graphql-store"]),
    Benchmark("http", "explorer queries over HTTP with wrk, 32 connections, cache hit and miss, beside "
              "Strawberry's { hello } and oxigraph serve answering in SPARQL",
              lambda n, d: ["bench.http_speed", "--stories", str(n), "--db", f"{d}/graphql-store"]),
    Benchmark("startup", "serve --workers 2 start-up to the first /healthz and GraphQL answers (the http benchmark's store)",
              lambda n, d: ["bench.startup", "--db", f"{d}/graphql-store"]),
    Benchmark("memory", "server RSS after 1k and 10k distinct cache misses, once 70k have filled its per-query caches "
              "(a 1 MiB response cache; the http benchmark's store)",
              lambda n, d: ["bench.miss_memory", "--db", f"{d}/graphql-store", "--fill", "70000",
                            "--cache-bytes", str(1 << 20)]),
    Benchmark("view", "the network view following an import, PageRank on the arrays",
              lambda n, d: ["bench.view_update", "--stories", str(n)]),
    Benchmark("export", "N-Triples and other exports from an on-disk store", lambda n, d: ["bench.export_speed", "--stories", str(n)]),
    Benchmark("explorer", "the explorer page in headless Chromium: a 300-node, 1,000-edge view to interactive, panning, "
              "page weight", lambda n, d: ["bench.explorer_speed"]),
)


def run(benchmark: Benchmark, stories: int, scratch: str) -> tuple[int, float, dict[str, summary.Figure]]:
    """(exit status, wall seconds, the figures it recorded) of one benchmark in its own process."""
    command = [sys.executable, "-m", *benchmark.args(stories, scratch)]
    print(f"\n## {benchmark.name}: {benchmark.what}\n\n    {shlex.join(['python', *command[1:]])}\n", flush=True)
    figures = Path(scratch) / f"{benchmark.name}.summary.json"
    started = time.perf_counter()
    status = subprocess.run(command, check=False, env={**os.environ, summary.ENV: str(figures)}).returncode
    return status, time.perf_counter() - started, summary.read(figures) if status == 0 else {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=20_000, help="generated stories per benchmark (default 20000)")
    parser.add_argument("--only", help="comma-separated benchmark names: " + ", ".join(b.name for b in BENCHMARKS))
    parser.add_argument("--report", metavar="FILE", help="also write the table of targets to FILE (Markdown)")
    args = parser.parse_args(argv)
    chosen = [b for b in BENCHMARKS if not args.only or b.name in args.only.split(",")]
    if not chosen:
        parser.error(f"--only names none of: {', '.join(b.name for b in BENCHMARKS)}")
    results = []
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="storygraph-bench-") as scratch:
        for benchmark in chosen:
            results.append((benchmark, *run(benchmark, args.stories, scratch)))
    print("\n## summary\n\n| benchmark | exit | wall s |\n|---|---:|---:|")
    for benchmark, status, seconds, _ in results:
        print(f"| {benchmark.name} | {status} | {seconds:.1f} |")
    print(f"| all | | {time.perf_counter() - began:.1f} |")
    report = (f"python -m bench.run --stories {args.stories}" + (f" --only {args.only}" if args.only else "")
              + f" (load average at the end {os.getloadavg()[0]:.1f})\n\n"
              + targets.table({benchmark.name: figures for benchmark, _, _, figures in results}))
    print(f"\n## issue 17's targets\n\n{report}")
    if args.report:
        Path(args.report).write_text(report + "\n", encoding="utf-8")
    return max(status for _, status, _, _ in results)


if __name__ == "__main__":
    sys.exit(main())
