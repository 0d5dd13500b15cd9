"""Shared fixtures: the same tests over every store backend, and a real `oxigraph serve` for the remote one.

To run a test against every backend, take the `store_url` fixture (parametrized: memory,
oxigraph, sparql) and open it yourself:

    def test_import_is_idempotent(store_url):
        store = open_store(store_url)            # memory: | oxigraph:<tmp dir> | sparql:http://…/query
        ...

or call `store_url_factory(kind)` for one kind. The sparql kind talks to one session-wide
`oxigraph serve` (started with --union-default-graph, like the embedded store's reads); each
test gets it emptied with `CLEAR ALL` first. The virtuoso kind talks to one session-wide
Virtuoso 7 (Debian `virtuoso-opensource`) over its anonymous read-only /sparql endpoint, writing
as an authenticated user (HTTP Digest) through /sparql-auth and /sparql-graph-crud-auth, with
its default 10,000-row result cap; each test gets storygraph's graphs dropped first (the
engine's own system graphs stay). Where a binary is missing its cases are skipped locally and
fail when STORYGRAPH_REQUIRE_ALL=1 (as in CI).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, NoReturn

import pytest

STORE_KINDS = ("memory", "oxigraph", "sparql", "virtuoso")
REMOTE_ENGINES = ("sparql", "virtuoso")
SERVER_START_TIMEOUT = 15.0


def require_component(name: str, why: str) -> NoReturn:
    """Skip because `name` is missing, or fail when STORYGRAPH_REQUIRE_ALL=1 (CI must not skip silently)."""
    message = f"{name} is not available: {why}"
    if os.environ.get("STORYGRAPH_REQUIRE_ALL") == "1":
        pytest.fail(f"{message} (STORYGRAPH_REQUIRE_ALL=1 makes this a failure)", pytrace=False)
    pytest.skip(message)


def _oxigraph_binary() -> str | None:
    beside_python = Path(sys.executable).with_name("oxigraph")
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def oxigraph_server_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], str]]:
    """`start()` -> the base URL of a new `oxigraph serve` on 127.0.0.1 over a fresh temporary directory.

    Every server started is stopped (by its PID) at the end of the session. A fresh one matters
    for big imports: after `CLEAR ALL` Oxigraph's lookups wade through the deleted entries.
    """
    import httpx

    started = _Started()

    def start() -> str:
        binary = _oxigraph_binary()
        if binary is None:
            require_component("oxigraph", "pip install oxigraph (the dev extra) provides the `oxigraph` server binary")
        location = tmp_path_factory.mktemp("oxigraph-serve")
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        log_path = location.parent / f"oxigraph-{port}.log"
        process = started.popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                                 "--union-default-graph"], log_path)

        def answers() -> bool:
            try:
                return httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1.0).status_code == 200
            except httpx.TransportError:
                return False

        _wait_until(answers, process, "oxigraph serve", log_path, SERVER_START_TIMEOUT)
        return url

    with started:
        yield start


@pytest.fixture(scope="session")
def oxigraph_server(oxigraph_server_factory: Callable[[], str]) -> str:
    """A real `oxigraph serve` on 127.0.0.1 over a temporary directory, shared by the session; its base URL."""
    return oxigraph_server_factory()


def _wait_until(ready: Callable[[], bool], process: subprocess.Popen, what: str, log: Path, timeout: float) -> None:
    """Poll `ready()` until it answers True; fail if the process exits or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}; see {log}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not become ready within {timeout:g}s; see {log}")
        # Bounded wait between polls; readiness is decided by ready(), not by time.
        try:
            process.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            pass


def _stop(process: subprocess.Popen) -> None:
    """Stop a process this session started, by its PID."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class _Started:
    """Engines a session fixture started, each with its open log; leaving the block stops them all (by PID)."""

    def __init__(self) -> None:
        self.running: list[tuple[subprocess.Popen[bytes], BinaryIO]] = []

    def popen(self, command: list[str], log_path: Path, cwd: Path | None = None) -> subprocess.Popen[bytes]:
        """Start `command` with its output in `log_path`."""
        log = open(log_path, "wb")
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        self.running.append((process, log))
        return process

    def __enter__(self) -> _Started:
        return self

    def __exit__(self, *exc: object) -> None:
        for process, log in self.running:
            _stop(process)
            log.close()


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 32
ServerThreads = 32
MaxKeepAlives = 32
KeepAliveTimeout = 5
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
; The default cap, left in place on purpose: storygraph must page past it or fail loudly.
ResultSetMaxRows = 10000
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


# What Virtuoso's logs hold when it dies of itself (glibc's heap checks, its own GPF assertions).
VIRTUOSO_CRASH_MARKS = ("malloc(", "tcache", "double free", "corrupted", "GPF:", "Segmentation fault")


class Virtuoso:
    """A running Virtuoso: its endpoints, the writer's credentials and the graphs it holds of its own."""

    user = "storygraph-writer"
    password = "test-only-secret"

    def __init__(self, http: str, sql_port: int, process: subprocess.Popen | None = None,
                 directory: Path | None = None) -> None:
        self.http, self.sql_port = http, sql_port
        self.process, self.directory = process, directory
        self.query = f"{http}/sparql"
        self.update = f"{http}/sparql-auth"
        self.store = f"{http}/sparql-graph-crud-auth"
        self.system_graphs: frozenset[str] = frozenset()

    @property
    def location(self) -> str:
        """The sparql: store location with the writer's credentials in the update and store URLs."""
        def signed(url: str) -> str:
            return url.replace("http://", f"http://{self.user}:{self.password}@", 1)
        return f"{self.query}?update={signed(self.update)}&store={signed(self.store)}"

    @property
    def anonymous_location(self) -> str:
        """The same endpoints without credentials (for RemoteOptions or the environment to supply)."""
        return f"{self.query}?update={self.update}&store={self.store}"

    def client(self):
        import httpx
        return httpx.Client(auth=httpx.DigestAuth(self.user, self.password), timeout=60)

    def crash(self) -> str | None:
        """None while the engine runs and its logs hold no crash; else its exit code and the tail of its logs."""
        # glibc writes to the engine's stdout (virtuoso-stdout.log), Virtuoso its own GPF lines to virtuoso.log.
        logs = {p.name: p.read_text(encoding="utf-8", errors="replace")
                for p in (self.directory / "virtuoso-stdout.log", self.directory / "virtuoso.log")
                if p.exists()} if self.directory is not None else {}
        marks = [m for m in VIRTUOSO_CRASH_MARKS if any(m in text for text in logs.values())]
        exited = self.process is not None and self.process.poll() is not None
        if not exited and not marks:
            return None
        state = f"exited with {self.process.returncode}" if exited and self.process else "still running"
        tails = "\n".join(f"--- the end of {name}:\n" + "\n".join(text.strip().splitlines()[-10:])
                          for name, text in logs.items())
        return f"Virtuoso in {self.directory} {state}; its logs say {', '.join(marks) or 'nothing of a crash'}\n{tails}"

    def check_alive(self) -> None:
        """Fail the test, saying so and quoting the engine's logs, when this Virtuoso has crashed."""
        crash = self.crash()
        if crash:
            pytest.fail(f"the engine crashed, not storygraph: {crash}", pytrace=False)

    def graphs(self) -> set[str]:
        import httpx
        response = httpx.post(self.query, data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
                              headers={"Accept": "application/sparql-results+json"}, timeout=60)
        response.raise_for_status()
        return {b["g"]["value"] for b in response.json()["results"]["bindings"]}

    def clear(self) -> None:
        """Drop every graph but the engine's own."""
        extra = sorted(self.graphs() - self.system_graphs)
        with self.client() as client:
            for start in range(0, len(extra), 200):
                ops = " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in extra[start:start + 200])
                client.post(self.update, data={"update": ops}).raise_for_status()


# Every Virtuoso this session started: a failing test's report quotes the logs of any that crashed.
_VIRTUOSOS: list[Virtuoso] = []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        for engine in _VIRTUOSOS:
            crash = engine.crash()
            if crash:
                report.sections.append(("a Virtuoso of this session crashed", crash))


@pytest.fixture(scope="session")
def virtuoso_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[], Virtuoso]]:
    """`start()` -> a new Virtuoso 7 on 127.0.0.1 with a temporary database and its own virtuoso.ini.

    The anonymous /sparql endpoint stays read-only; a writer account (SPARQL_UPDATE role) is
    created through isql and used with HTTP Digest on /sparql-auth and /sparql-graph-crud-auth.
    Every instance started is stopped (by its PID) at the end of the session. A big store gets
    its own instance: dropping thousands of graphs from a shared one takes Virtuoso minutes.
    """
    import httpx

    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql")
    started = _Started()

    def start() -> Virtuoso:
        if binary is None or isql is None:
            require_component("virtuoso", "apt-get install virtuoso-opensource (provides virtuoso-t and isql-vt)")
        directory = tmp_path_factory.mktemp("virtuoso")
        sql_port, http_port = _free_port(), _free_port()
        ini = directory / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port), encoding="utf-8")
        process = started.popen([binary, "+foreground", "+configfile", str(ini)], directory / "virtuoso-stdout.log",
                                cwd=directory)
        engine = Virtuoso(f"http://127.0.0.1:{http_port}", sql_port, process, directory)
        _VIRTUOSOS.append(engine)

        def answers() -> bool:
            try:
                return httpx.get(engine.query, params={"query": "ASK {}"}, timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        _wait_until(answers, process, "virtuoso-t", directory / "virtuoso.log", 120)
        grant = (f"DB.DBA.USER_CREATE('{engine.user}', '{engine.password}'); "
                 f"GRANT SPARQL_UPDATE TO \"{engine.user}\";")
        done = subprocess.run([isql, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec={grant}"],
                              capture_output=True, text=True, timeout=120)
        if done.returncode != 0 or "Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql could not create the writer account: {done.stdout} {done.stderr}")

        # The account exists once the endpoint answers a writer's request (the grant has committed).
        def writes() -> bool:
            try:
                with engine.client() as client:
                    return client.post(engine.update, data={"update": "CLEAR SILENT GRAPH <urn:storygraph:probe>"},
                                       timeout=10).status_code == 200
            except httpx.HTTPError:
                return False

        _wait_until(writes, process, "virtuoso-t (the writer account)", directory / "virtuoso.log", 120)
        engine.system_graphs = frozenset(engine.graphs())
        return engine

    with started:
        yield start


@pytest.fixture(scope="session")
def virtuoso_server(virtuoso_factory: Callable[[], Virtuoso]) -> Virtuoso:
    """A real Virtuoso 7 shared by the session (see virtuoso_factory)."""
    return virtuoso_factory()


@pytest.fixture
def store_url_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[str], str]:
    """`store_url_factory(kind)` -> a store URL for an empty store of that kind (memory, oxigraph, sparql, virtuoso).

    For virtuoso the writer's credentials are in the update and store URLs (user:password@), so
    that a bare `open_store(url)` can write; a deployment sets STORYGRAPH_SPARQL_USER and
    STORYGRAPH_SPARQL_PASSWORD instead (tests/e2e/test_remote_failures.py goes that way).
    """
    def make(kind: str) -> str:
        if kind == "memory":
            return "memory:"
        if kind == "oxigraph":
            return f"oxigraph:{tmp_path / 'db'}"
        if kind == "sparql":
            import httpx
            server = request.getfixturevalue("oxigraph_server")
            httpx.post(f"{server}/update", data={"update": "CLEAR ALL"}, timeout=10).raise_for_status()
            return f"sparql:{server}/query"
        if kind == "virtuoso":
            engine = request.getfixturevalue("virtuoso_server")
            engine.check_alive()
            engine.clear()
            return f"sparql:{engine.location}"
        raise ValueError(f"unknown store kind {kind!r}; one of {', '.join(STORE_KINDS)}")
    return make


@pytest.fixture(params=STORE_KINDS)
def store_url(request: pytest.FixtureRequest, store_url_factory: Callable[[str], str]) -> str:
    """An empty store of each kind in turn."""
    return store_url_factory(request.param)
