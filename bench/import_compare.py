"""Fresh imports of one generated corpus by this checkout and another, side by side, with where the CPU went.

    python -m bench.import_compare --stories 20000 --other /tmp/main-copy   # e.g. `git archive main | tar -x -C DIR`
    python -m bench.import_compare --stories 100000 --other DIR --together  # both at once: the same load
    python -m bench.import_compare --stories 5000 --other DIR --digest    # and did both write the same quads?

Each import runs in its own process (`--one` is that process's entry): wall seconds, stories/s, the CPU
of the importing process, of its main (planning) thread and of its extraction workers, and its peak RSS. On a shared
machine compare the ratios of one run, not seconds across runs. `--digest` adds a digest of the store's
quads, sorted, less the meta graph's (its version and time differ by design): equal digests, the same graph.
"""
from __future__ import annotations

import argparse
import hashlib
import multiprocessing.forkserver
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASE = "http://127.0.0.1:8000/"


def _workers_cpu() -> float:
    """CPU seconds of the extraction workers, reaped by this process's forkserver."""
    pid = getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None)
    if not pid:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def _digest(store: object, base: str) -> str:
    """The first 12 hex digits of the SHA-1 of the store's N-Quads but the meta graph's, sorted."""
    import pyoxigraph as ox

    from graph.iris import Iris

    meta = f" <{Iris(base).meta_graph}> .".encode()
    dump = store._store.dump(format=ox.RdfFormat.N_QUADS) or b""  # type: ignore[attr-defined]
    lines = sorted(line for line in dump.splitlines() if not line.endswith(meta))
    return hashlib.sha1(b"\n".join(lines)).hexdigest()[:12]


def one(stories: int, digest: bool = False) -> str:
    """One fresh import in this process; a result line."""
    from bench import generate
    from graph.extract import Extractor
    from graph.pipeline import Importer, SourceInput
    from graph.store.oxigraph import OxigraphStore

    data = generate.corpus(stories, "jsonl").encode()
    with tempfile.TemporaryDirectory(prefix="storygraph-compare-") as tmp:
        store = OxigraphStore(Path(tmp) / "db")
        try:
            cpu, thread, began = time.process_time(), time.thread_time(), time.perf_counter()
            summary = Importer(store, BASE, Extractor()).run([SourceInput("corpus.jsonl", data)])
            wall = time.perf_counter() - began
            cpu, thread = time.process_time() - cpu, time.thread_time() - thread
            quads = store.quad_count()
            same = _digest(store, BASE) if digest else ""
        finally:
            store.close()
    assert summary.added == stories, summary
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return (f"{wall:.1f}\t{stories / wall:.0f}\t{cpu:.1f}\t{thread:.1f}\t{_workers_cpu():.1f}\t"
            f"{summary.views_seconds:.1f}\t{peak:.0f}\t{quads}" + (f"\t{same}" if digest else ""))


def _start(checkout: Path, stories: int, digest: bool) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    # This file by its path, so that a checkout without it can be measured: graph/ and bench/ come from `checkout`.
    return subprocess.Popen([sys.executable, __file__, "--one", "--stories", str(stories), *(["--digest"] if digest else [])],
                            cwd=checkout, env=env, stdout=subprocess.PIPE, text=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--other", type=Path, help="another checkout (a directory with graph/ and bench/)")
    parser.add_argument("--rounds", type=int, default=1, help="interleaved rounds")
    parser.add_argument("--together", action="store_true", help="run the two imports at the same time")
    parser.add_argument("--digest", action="store_true", help="also a digest of the quads each import wrote")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(one(args.stories, args.digest))
        return
    here = Path(__file__).resolve().parents[1]
    checkouts = {"this": here, **({"other": args.other.resolve()} if args.other else {})}
    print(f"python -m bench.import_compare --stories {args.stories}" + (f" --other {args.other}" if args.other else "")
          + (" --together" if args.together else "") + (" --digest" if args.digest else ""))
    print("| checkout | round | seconds | stories/s | CPU, importing process | of it, main thread | workers' CPU "
          "| views s | peak RSS MiB | quads |" + (" quads' digest |" if args.digest else "")
          + "\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---|" if args.digest else ""))
    for round_ in range(1, args.rounds + 1):
        names = list(checkouts) if round_ % 2 else list(reversed(checkouts))
        if args.together:
            running = {name: _start(checkouts[name], args.stories, args.digest) for name in names}
            results = {name: process.communicate()[0] for name, process in running.items()}
        else:
            results = {name: _start(checkouts[name], args.stories, args.digest).communicate()[0] for name in names}
        for name in names:
            cells = results[name].strip().splitlines()[-1].split("\t")
            print(f"| {name} | {round_} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
