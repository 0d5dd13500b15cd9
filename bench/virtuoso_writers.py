"""Does Virtuoso survive storygraph's imports, and how fast are they, at 1, 2 or 4 Graph Store writes in flight?

    python -m bench.virtuoso_writers --stories 1700 --writers 4 1 --rounds 5
    python -m bench.virtuoso_writers --stories 1700 --writers 1 2 4 --rounds 3 --oxigraph

Each round starts a fresh Virtuoso on 127.0.0.1 as the test harness does (tests/conftest.py's
virtuoso.ini and writer account; `--ini-extra` appends lines to its [Parameters]), imports the
generated corpus through a `sparql:` store with `writes=N`, checks the answer (the store's quad
count equals the embedded store's), stops the engine by its process group and reads its logs:
a round whose engine died, or whose log holds a glibc or GPF message, counts as a crash and its
log tail is printed. `--oxigraph` times the same import into a fresh `oxigraph serve` too.
Nothing here is a test: it is how the number of writes in flight was chosen (bench/RESULTS.md).
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.generate import corpus
from graph.pipeline import Importer, SourceInput
from graph.records import StoreError
from graph.store import open_store

BASE = "http://testserver/"
CRASH_MARKS = ("malloc", "tcache", "double free", "corrupted", "GPF", "Segmentation", "Assertion", "abort")


def _harness_ini() -> str:
    """The test harness's virtuoso.ini template, read from tests/conftest.py so both stay one."""
    spec = importlib.util.spec_from_file_location("_storygraph_conftest", Path(__file__).parents[1] / "tests" / "conftest.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.VIRTUOSO_INI


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(ready, process: subprocess.Popen, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the engine did not start")
        time.sleep(0.2)


def _stop(process: subprocess.Popen) -> None:
    """Stop an engine this script started, by its own process group."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@dataclass
class Engine:
    process: subprocess.Popen
    location: str
    directory: Path

    def logs(self) -> str:
        parts = []
        for name in ("virtuoso-stdout.log", "virtuoso.log", "stdout.log"):
            path = self.directory / name
            if path.exists():
                parts.append(path.read_text(errors="replace"))
        return "\n".join(parts)


def start_virtuoso(scratch: Path, ini_extra: str, malloc_check: bool) -> Engine:
    directory = Path(tempfile.mkdtemp(prefix="virtuoso-", dir=scratch))
    sql_port, http_port = _free_port(), _free_port()
    ini = _harness_ini().format(dir=directory, sql_port=sql_port, http_port=http_port)
    if ini_extra:
        ini = ini.replace("[HTTPServer]", ini_extra.replace("\\n", "\n") + "\n\n[HTTPServer]")
    (directory / "virtuoso.ini").write_text(ini)
    env = dict(os.environ)
    if malloc_check:
        # glibc 2.34+ checks the heap (guard bytes at every free) only with its debug library preloaded.
        env["LD_PRELOAD"] = "libc_malloc_debug.so.0"
        env["GLIBC_TUNABLES"] = "glibc.malloc.check=3:glibc.malloc.perturb=165"
    log = open(directory / "virtuoso-stdout.log", "wb")
    process = subprocess.Popen([shutil.which("virtuoso-t") or "virtuoso-t", "+foreground", "+configfile",
                                str(directory / "virtuoso.ini")], cwd=directory, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True, env=env)
    http = f"http://127.0.0.1:{http_port}"

    def answers() -> bool:
        try:
            return httpx.get(f"{http}/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200
        except httpx.TransportError:
            return False

    _wait(answers, process, 120)
    user, password = "storygraph-writer", "test-only-secret"
    grant = f"DB.DBA.USER_CREATE('{user}', '{password}'); GRANT SPARQL_UPDATE TO \"{user}\";"
    subprocess.run([shutil.which("isql-vt") or "isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={grant}"],
                   capture_output=True, check=True, timeout=120)

    def writes() -> bool:
        try:
            return httpx.post(f"{http}/sparql-auth", data={"update": "CLEAR SILENT GRAPH <urn:probe>"},
                              auth=httpx.DigestAuth(user, password), timeout=10).status_code == 200
        except httpx.HTTPError:
            return False

    _wait(writes, process, 120)
    signed = http.replace("http://", f"http://{user}:{password}@")
    return Engine(process, f"{http}/sparql?update={signed}/sparql-auth&store={signed}/sparql-graph-crud-auth", directory)


def start_oxigraph(scratch: Path) -> Engine:
    directory = Path(tempfile.mkdtemp(prefix="oxigraph-", dir=scratch))
    port = _free_port()
    binary = Path(sys.executable).with_name("oxigraph")
    log = open(directory / "stdout.log", "wb")
    process = subprocess.Popen([str(binary), "serve", "--location", str(directory / "db"), "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph"], stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/query"

    def answers() -> bool:
        try:
            return httpx.get(url, params={"query": "ASK {}"}, timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    _wait(answers, process, 30)
    return Engine(process, url, directory)


class _Retries(logging.Handler):
    """Counts the engine's 5xx answers that the store tried again (Virtuoso: "SR172: Transaction deadlocked")."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.deadlocks = self.others = 0

    def emit(self, record: logging.LogRecord) -> None:
        if "deadlock" in record.getMessage():
            self.deadlocks += 1
        else:
            self.others += 1

    def __enter__(self) -> _Retries:
        logging.getLogger("graph.store.sparql").addHandler(self)
        logging.getLogger("graph.store.sparql").propagate = False
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("graph.store.sparql").removeHandler(self)

    def __str__(self) -> str:
        return f"retried 5xx: {self.deadlocks} deadlocks, {self.others} other"


def _crash_report(engine: Engine) -> str:
    """Stop the engine; '' if it ran and stopped cleanly, else whether it died during the work or while
    stopping (SIGTERM), with its log tail. The logs of a crash are kept in /tmp for reading."""
    during = engine.process.poll() is not None or any(m in engine.logs() for m in CRASH_MARKS)
    _stop(engine.process)
    logs = engine.logs()
    marks = [m for m in CRASH_MARKS if m in logs]
    if not during and not marks:
        return ""
    kept = Path(tempfile.mkdtemp(prefix="store47-crash-", dir="/tmp"))
    for log in engine.directory.glob("*.log"):
        shutil.copy(log, kept / log.name)
    when = "DURING THE WRITES" if during else "while stopping (SIGTERM)"
    tail = "\n    ".join(logs.strip().splitlines()[-6:])
    return f"\n    CRASH {when} (exit {engine.process.returncode}, marks {marks}, logs in {kept}):\n    {tail}"


def one_round(engine: Engine, data: bytes, writers: int, expected: int) -> tuple[float | None, str]:
    """(import seconds or None, what happened) for one import into a fresh engine."""
    separator = "&" if "?" in engine.location else "?"
    store = open_store(f"sparql:{engine.location}{separator}writes={writers}")
    started = time.perf_counter()
    with _Retries() as retries:
        try:
            Importer(store, BASE).run([SourceInput("corpus.jsonl", data)])
            seconds = time.perf_counter() - started
            count = store.quad_count()
            outcome = "ok" if count == expected else f"WRONG quad count {count} != {expected}"
        except StoreError as exc:
            seconds, outcome = None, f"import failed: {str(exc)[:200]}"
        finally:
            store.close()
    outcome += f" ({retries})"
    return seconds, outcome + _crash_report(engine)


def story_graphs(data: bytes) -> list[tuple[str, list[str]]]:
    """(graph, its triples as N-Triples lines) of every story graph the corpus makes, as an import PUTs them."""
    from graph.store.sparql import _graph_of
    embedded = open_store("memory:")
    Importer(embedded, BASE).run([SourceInput("corpus.jsonl", data)])
    buffer = io.BytesIO()
    embedded.dump(buffer, "nq")
    graphs: dict[str, list[str]] = {}
    for line in buffer.getvalue().decode().splitlines():
        graph, triple = _graph_of(line)
        if "/story/" in graph:
            graphs.setdefault(graph, []).append(triple)
    return sorted(graphs.items())


def replay_round(engine: Engine, graphs: list[tuple[str, list[str]]], writers: int, passes: int) -> tuple[float | None, str]:
    """PUT every story graph `passes` times (new, then replacing) with `writers` in flight; no extraction between."""
    from concurrent.futures import ThreadPoolExecutor
    from graph.store.sparql import SparqlStore
    store = SparqlStore(engine.location)
    started = time.perf_counter()
    outcome = "ok"
    with _Retries() as retries:
        try:
            with ThreadPoolExecutor(max_workers=writers) as pool:
                for _ in range(passes):
                    list(pool.map(lambda item: store._put_graph(*item), graphs))
        except StoreError as exc:
            outcome = f"replay failed: {str(exc)[:200]}"
    outcome += f" ({retries})"
    seconds = time.perf_counter() - started
    store.close()
    return seconds, outcome + _crash_report(engine)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=1_700)
    parser.add_argument("--writers", type=int, nargs="+", default=[4, 1])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--oxigraph", action="store_true", help="also time the import into `oxigraph serve`")
    parser.add_argument("--no-virtuoso", action="store_true")
    parser.add_argument("--ini-extra", default="", help=r"lines added to [Parameters], e.g. 'ThreadsPerQuery = 1'")
    parser.add_argument("--replay", type=int, metavar="PASSES", default=0,
                        help="instead of imports, PUT the corpus's story graphs PASSES times into each fresh engine")
    parser.add_argument("--malloc-check", action="store_true", help="run Virtuoso under glibc's heap checks (libc_malloc_debug, malloc.check=3, perturb)")
    args = parser.parse_args()
    data = corpus(args.stories).encode()
    embedded = open_store("memory:")
    Importer(embedded, BASE).run([SourceInput("corpus.jsonl", data)])
    expected = embedded.quad_count()
    graphs = story_graphs(data) if args.replay else []
    kinds = ([] if args.no_virtuoso else ["virtuoso"]) + (["oxigraph"] if args.oxigraph else [])
    with tempfile.TemporaryDirectory(prefix="store47-writers-") as scratch:
        for round_ in range(args.rounds):
            for kind in kinds:
                for writers in args.writers:
                    engine = start_virtuoso(Path(scratch), args.ini_extra, args.malloc_check) if kind == "virtuoso" \
                        else start_oxigraph(Path(scratch))
                    try:
                        seconds, outcome = replay_round(engine, graphs, writers, args.replay) if args.replay \
                            else one_round(engine, data, writers, expected)
                    finally:
                        _stop(engine.process)
                    shown = f"{seconds:6.1f} s" if seconds is not None else "   --   "
                    print(f"round {round_ + 1} {kind:9} writes={writers}  {shown}  {outcome}", flush=True)


if __name__ == "__main__":
    main()
