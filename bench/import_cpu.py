"""Where a fresh import's CPU goes, by process and thread: `python -m bench.import_cpu --stories 100000`.

The import runs as `bench.import_speed` runs it (a fresh on-disk store, the project's extractor, the
corpus made first and not counted). Every 0.1 s a sampler reads `/proc` for this process, its children
and theirs (the forkserver and the extraction workers), each thread's utime + stime, so the table sums
every CPU-second the import used on the machine. Python threads are given their names at the OS level
(threads RocksDB or Oxigraph start inherit the name of the thread that started them, so the bulk
loader's helpers count as the loader's). A thread that ended since the last sample left its time in its
process's total: that rest is its own row. Sampling goes on after the import returns until RocksDB's threads
have been idle for 2 s: compaction of what the import loaded is the import's CPU too.

    python -m bench.import_cpu --stories 100000
    py-spy record --subprocesses --native --idle -o /tmp/import.svg -- python -m bench.import_cpu --stories 100000
"""
from __future__ import annotations

import argparse
import ctypes
import os
import re
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from bench import generate
from bench.summary import record
from graph.extract import Extractor
from graph.pipeline import Importer, SourceInput
from graph.store.oxigraph import OxigraphStore

BASE = "http://127.0.0.1:8000/"
_TICK = os.sysconf("SC_CLK_TCK")
_PR_SET_NAME = 15


def _name_os_thread(name: str) -> None:
    try:
        ctypes.CDLL(None).prctl(_PR_SET_NAME, name[:15].encode(), 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _named_threads() -> None:
    """Give every Python thread its name at the OS level (Python 3.11 does not), for /proc."""
    run = threading.Thread.run

    def named_run(self: threading.Thread) -> None:
        _name_os_thread(re.sub(r"^storygraph-", "sg-", self.name))
        run(self)

    threading.Thread.run = named_run  # type: ignore[method-assign]


def _read(path: str) -> tuple[str, float] | None:
    """(comm, CPU seconds) from a /proc stat file; None when the task is gone."""
    try:
        text = Path(path).read_text()
    except OSError:
        return None
    comm = text[text.index("(") + 1:text.rindex(")")]
    fields = text[text.rindex(")") + 2:].split()
    return comm, (int(fields[11]) + int(fields[12])) / _TICK


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            found += map(int, Path(f"/proc/{pid}/task/{task}/children").read_text().split())
    except OSError:
        pass
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


class Sampler:
    """The last CPU seconds seen of every process and thread under this one, sampled in a thread."""

    def __init__(self, every: float = 0.1) -> None:
        self.every = every
        self.processes: dict[int, tuple[str, float]] = {}  # pid -> (role, CPU-s)
        self.threads: dict[tuple[int, int], tuple[str, float]] = {}  # (pid, tid) -> (name, CPU-s)
        self.start: dict[tuple[int, int], float] = {}
        self.process_start: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="cpu-sampler", daemon=True)

    def _roles(self) -> dict[int, str]:
        me = os.getpid()
        roles = {me: "importer process"}
        todo = [me]
        while todo:
            parent = todo.pop()
            for child in _children(parent):
                line = _cmdline(child)
                if roles.get(parent) in ("forkserver", "extraction worker"):
                    roles[child] = "extraction worker"
                elif "forkserver" in line:
                    roles[child] = "forkserver"
                elif "resource_tracker" in line:
                    roles[child] = "resource tracker"
                else:
                    roles[child] = f"child: {line[:40]}"
                todo.append(child)
        return roles

    def sample(self) -> None:
        for pid, role in self._roles().items():
            whole = _read(f"/proc/{pid}/stat")
            if whole is None:
                continue
            self.processes[pid] = (role, whole[1])
            self.process_start.setdefault(pid, whole[1])
            try:
                tids = os.listdir(f"/proc/{pid}/task")
            except OSError:
                continue
            for tid in map(int, tids):
                seen = _read(f"/proc/{pid}/task/{tid}/stat")
                if seen is not None:
                    self.threads[pid, tid] = seen
                    self.start.setdefault((pid, tid), seen[1])

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def __enter__(self) -> Sampler:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def table(self) -> list[tuple[str, str, float]]:
        """(process role, thread name, CPU-s used since the sampler started), biggest first."""
        rows: dict[tuple[str, str], float] = defaultdict(float)
        me = os.getpid()
        for (pid, tid), (name, cpu) in self.threads.items():
            role = self.processes[pid][0]
            if role == "extraction worker":
                name = "(all threads)"
            elif pid == me and tid == me:
                name = "main: parse, plan, resolve, RDF text"
            elif name.startswith("cpu-sampler"):
                name = "(this benchmark's sampler)"
            rows[role, name] += cpu - self.start[pid, tid]
        for pid, (role, cpu) in self.processes.items():
            seen = sum(c - self.start[p, t] for (p, t), (_, c) in self.threads.items() if p == pid)
            rest = cpu - self.process_start[pid] - seen
            if rest > 0.05:
                rows[role, "(threads that ended between samples)"] += rest
        return sorted(((r, n, c) for (r, n), c in rows.items()), key=lambda row: -row[2])


def _compacting(sampler: Sampler) -> float:
    return sum(cpu for (pid, _), (name, cpu) in list(sampler.threads.items()) if pid == os.getpid() and name.startswith("rocksdb"))


def _settle(sampler: Sampler, quiet: float = 2.0, longest: float = 120.0) -> float:
    """Seconds until RocksDB's threads have used no CPU for `quiet` seconds (at most `longest`)."""
    began = time.perf_counter()
    last, still = _compacting(sampler), time.perf_counter()
    while time.perf_counter() - began < longest:
        time.sleep(0.2)
        now = _compacting(sampler)
        if now > last + 0.01:
            last, still = now, time.perf_counter()
        elif time.perf_counter() - still >= quiet:
            break
    return time.perf_counter() - began - quiet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=100_000)
    args = parser.parse_args()
    _named_threads()
    data = generate.corpus(args.stories, "jsonl").encode()
    extractor = Extractor()
    with tempfile.TemporaryDirectory(prefix="storygraph-bench-") as tmp:
        store = OxigraphStore(Path(tmp) / "db")
        _name_os_thread("sg-importer")
        try:
            with Sampler() as sampler:
                began = time.perf_counter()
                summary = Importer(store, BASE, extractor).run([SourceInput("corpus.jsonl", data)])
                wall = time.perf_counter() - began
                # RocksDB may go on compacting what the import loaded: that is the import's CPU too.
                settled = _settle(sampler)
        finally:
            store.close()
    assert summary.added == args.stories, summary
    n = args.stories
    rows = sampler.table()
    total = sum(c for _, _, c in rows)
    print(f"python -m bench.import_cpu --stories {n}")
    print(f"fresh import of {n:,} stories: {wall:.1f} s wall, {n / wall:,.0f} stories/s; {total:.1f} CPU-s in all "
          f"({total / wall:.2f} cores busy on average), {total / n * 1000:.3f} CPU-ms a story; "
          f"views {summary.views_seconds:.1f} s; RocksDB went on compacting for {max(settled, 0):.1f} s after "
          "the import returned (counted)\n")
    print("| process | thread | CPU-s | CPU-ms a story | share |\n|---|---|---:|---:|---:|")
    for role, name, cpu in rows:
        if cpu >= 0.05:
            print(f"| {role} | {name} | {cpu:.1f} | {cpu / n * 1000:.3f} | {cpu / total:.0%} |")
    print(f"| **all** | | **{total:.1f}** | **{total / n * 1000:.3f}** | 100% |")
    record(stories=n, seconds=wall, cpu_seconds=total, **{f"cpu {role} / {name}": cpu for role, name, cpu in rows})


if __name__ == "__main__":
    main()
