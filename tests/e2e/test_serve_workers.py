"""`storygraph serve --workers 2` as a user runs it: one writer, two readers on one port, every write read everywhere."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "ilo-news-2021.txt"
TOKEN = "workers-test-token"
START_TIMEOUT = 30.0
STORIES = '{ stories(first: 100) { edges { node { title } } } }'
# Enough tries that missing one of two workers by chance is out of the question (2**-200).
TRIES = 200


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> set[int]:
    """Every descendant of `pid` (readers and their SPARQL workers), read from /proc."""
    found: set[int] = set()
    pending = [pid]
    while pending:
        parent = pending.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                kids = {int(k) for k in (task / "children").read_text().split()}
            except OSError:
                continue
            pending += kids - found
            found |= kids
    return found


def _running(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie left for init to reap counts as ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _until(condition: Callable[[], object], what: str, timeout: float = START_TIMEOUT) -> object:
    """Poll `condition` until it is true (returning its value); fail naming `what` after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {timeout:g} s")
        time.sleep(0.05)  # polling another process's state; nothing to wait on


class Serving:
    """`storygraph serve --workers N` in a subprocess, on a free port; stopped by PID."""

    def __init__(self, db: Path, workers: int = 2) -> None:
        self.db = db
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "STORYGRAPH_IMPORT_TOKEN": TOKEN}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server", "serve", "--db", str(db), "--port", str(self.port), "--workers", str(workers)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _until(self._ready, "the server answering /healthz")

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"serve exited: {self.process.stderr.read().decode()[-2000:]}")
        try:
            return httpx.get(f"{self.url}/healthz", timeout=5).status_code == 200
        except httpx.HTTPError:
            return False

    def get(self, path: str) -> httpx.Response:
        # A new connection each time, so the kernel may hand it to either reader.
        return httpx.get(f"{self.url}{path}", timeout=30)

    def graphql(self, query: str, token: str | None = None, **variables: object) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.post(f"{self.url}/graphql", json={"query": query, "variables": variables}, headers=headers,
                          timeout=60)

    def workers(self) -> set[int]:
        """The reader pids, learnt by asking until both answered."""
        seen: set[int] = set()
        for _ in range(TRIES):
            seen.add(self.get("/healthz").json()["worker"])
            if len(seen) == 2:
                return seen
        pytest.fail(f"only workers {seen} answered {TRIES} requests")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _seed(db: Path) -> Path:
    done = subprocess.run([sys.executable, "-m", "server", "import", "-q", "--db", str(db), str(SEED)], cwd=ROOT,
                          capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    return db


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _seed(tmp_path_factory.mktemp("workers") / "db")


@pytest.fixture(scope="module")
def serving(seeded: Path) -> Iterator[Serving]:
    server = Serving(seeded)
    yield server
    server.stop()


def _titles(response: httpx.Response) -> set[str]:
    return {e["node"]["title"] for e in response.json()["data"]["stories"]["edges"]}


def test_both_workers_answer_queries_on_one_port(serving: Serving) -> None:
    assert len(serving.workers()) == 2
    answers = {serving.get(f"/graphql?query={STORIES}").headers["x-storygraph-worker"] for _ in range(20)}
    assert answers <= {str(p) for p in serving.workers()}
    assert len(_titles(serving.graphql(STORIES))) == 20


def test_an_import_through_http_is_read_by_every_worker_at_once(serving: Serving) -> None:
    before = serving.get("/healthz").json()["version"]
    story = "Workers share one writer\n2021-06-01\nThe ILO and UNICEF met in Geneva about child labour.\n"
    done = serving.graphql("mutation($c: String!) { importDocument(content: $c, name: \"w.txt\") { added version } }",
                           token=TOKEN, c=story)
    result = done.json()["data"]["importDocument"]
    assert result["added"] == 1 and result["version"] != before
    seen: dict[str, set[str]] = {}
    for _ in range(TRIES):
        response = serving.graphql(STORIES)
        seen.setdefault(response.headers["x-storygraph-worker"], set()).update(
            {"yes" if "Workers share one writer" in _titles(response) else "no"})
        if len(seen) == 2:
            break
    assert len(seen) == 2 and all(answers == {"yes"} for answers in seen.values()), seen
    versions = {serving.get("/healthz").json()["version"] for _ in range(10)}
    assert versions == {result["version"]}


def _search_by_worker(serving: Serving, text: str) -> dict[str, set[int]]:
    """How many hits each reader answers for `text` (asked until both readers have answered)."""
    seen: dict[str, set[int]] = {}
    query = "query($q: String!) { search(query: $q, first: 10) { score } }"
    for _ in range(TRIES):
        response = serving.graphql(query, q=text)
        seen.setdefault(response.headers["x-storygraph-worker"], set()).add(len(response.json()["data"]["search"]))
        if len(seen) == 2:
            break
    assert len(seen) == 2, seen
    return seen


def test_a_search_both_workers_answered_finds_an_import_on_both_at_once(serving: Serving) -> None:
    # The readers share ranked answers: the empty answer each gave before the import must not outlive it.
    assert all(hits == {0} for hits in _search_by_worker(serving, "Quokkas Rottnes").values())
    story = "Quokkas meet the ILO\n2021-07-01\nQuokkas of Rottnest met the ILO in Perth about decent work.\n"
    done = serving.graphql("mutation($c: String!) { importDocument(content: $c, name: \"q.txt\") { added } }",
                           token=TOKEN, c=story)
    assert done.json()["data"]["importDocument"]["added"] == 1
    assert all(hits == {1} for hits in _search_by_worker(serving, "Quokkas Rottnes").values())


def test_a_mutation_without_the_token_is_refused_by_the_worker(serving: Serving) -> None:
    refused = serving.graphql('mutation { importDocument(content: "x") { added } }', token="wrong").json()
    assert refused["data"] is None and "not permitted" in refused["errors"][0]["message"]


def test_sparql_reads_the_published_snapshot(serving: Serving) -> None:
    answer = httpx.get(f"{serving.url}/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                       headers={"Accept": "application/sparql-results+json"}, timeout=30)
    assert answer.status_code == 200 and int(answer.json()["results"]["bindings"][0]["n"]["value"]) > 0


def test_a_cli_import_while_serving_is_refused_naming_the_server(serving: Serving) -> None:
    done = subprocess.run([sys.executable, "-m", "server", "import", "-q", "--db", str(serving.db), str(SEED)],
                          cwd=ROOT, capture_output=True, timeout=300)
    error = done.stderr.decode()
    assert done.returncode == 1 and "in use by" in error and "serve" in error and "importDocument" in error


def test_reading_commands_read_the_published_snapshot(serving: Serving) -> None:
    served = serving.get("/healthz").json()["stories"]
    done = subprocess.run([sys.executable, "-m", "server", "stats", "--db", str(serving.db)], cwd=ROOT,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().splitlines()[0] == f"{served} stories"


def test_a_killed_worker_is_replaced(serving: Serving) -> None:
    first = serving.workers()
    victim = min(first)
    os.kill(victim, signal.SIGKILL)
    replaced = _until(lambda: (now := serving.workers()) != first and victim not in now and now, "a new worker answering")
    assert len(replaced) == 2 and victim not in replaced


def test_snapshots_nobody_reads_are_removed(serving: Serving) -> None:
    snapshots = serving.db / ".snapshots"
    for n in range(3):
        story = f"Snapshot round {n}\n2021-07-0{n + 1}\nThe ILO spoke in Geneva.\n"
        serving.graphql("mutation($c: String!) { importDocument(content: $c) { added } }", token=TOKEN, c=story)
    serving.workers()  # both readers have answered since, on the last snapshot
    current = json.loads((snapshots / "current").read_text())["name"]
    _until(lambda: [p.name for p in snapshots.iterdir() if p.is_dir()] == [current], "old snapshots removed")


def test_sigterm_stops_every_process_and_a_start_removes_stale_snapshots(tmp_path: Path) -> None:
    db = _seed(tmp_path / "db")
    stale = db / ".snapshots" / "00000000000000000001-000000"
    stale.mkdir(parents=True, exist_ok=True)
    (stale / "storygraph-snapshot.lock").touch()
    server = Serving(db)
    try:
        assert not stale.exists()
        server.workers()
        server.graphql(STORIES)
        children = _children(server.process.pid)
        assert len(children) >= 2
    finally:
        server.stop()
    assert server.process.returncode is not None
    assert [pid for pid in children if _running(pid)] == []


# `serve --workers 2` with a SIGTERM sent to itself just before uvicorn takes over the signal: the moment
# a stop request landed in between was lost, and the server served on.
SIGTERM_BEFORE_UVICORN = """
import os, signal, sys
import uvicorn
from server import cli
run = uvicorn.Server.run
def run_after_a_sigterm(self, sockets=None):
    os.kill(os.getpid(), signal.SIGTERM)
    return run(self, sockets)
uvicorn.Server.run = run_after_a_sigterm
sys.exit(cli.main(sys.argv[1:]))
"""


def test_a_sigterm_just_before_uvicorn_serves_still_stops_the_server(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", SIGTERM_BEFORE_UVICORN, "serve", "--db", str(_seed(tmp_path / "db")), "--port",
                           str(_free_port()), "--workers", "2"], cwd=ROOT, capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert b"Traceback" not in done.stderr


def test_one_process_answers_sparql_from_the_snapshot_of_its_last_write(tmp_path: Path) -> None:
    server = Serving(_seed(tmp_path / "db"), workers=1)
    try:
        story = "One process publishes too\n2021-08-01\nThe ILO met in Geneva.\n"
        done = server.graphql("mutation($c: String!) { importDocument(content: $c) { added } }", token=TOKEN, c=story)
        assert done.json()["data"]["importDocument"]["added"] == 1
        published = json.loads((server.db / ".snapshots" / "current").read_text())["version"]
        assert published == server.get("/healthz").json()["version"]
        ask = 'ASK { ?s ?p "One process publishes too" }'
        answer = httpx.get(f"{server.url}/sparql", params={"query": ask},
                           headers={"Accept": "application/sparql-results+json"}, timeout=30)
        assert answer.status_code == 200 and answer.json()["boolean"] is True
    finally:
        server.stop()


def test_every_worker_exports_the_import_it_has_just_read(serving: Serving) -> None:
    """Readers copy the writer's export segments (or dump their snapshot): each N-Quads export holds the
    story just imported, and every worker's export is the same set of quads."""
    story = "Exports follow the writer\n2021-06-02\nThe ILO met the WHO in Geneva about safety.\n"
    done = serving.graphql("mutation($c: String!) { importDocument(content: $c, name: \"x.txt\") { added } }",
                           token=TOKEN, c=story)
    assert done.json()["data"]["importDocument"]["added"] == 1
    exports: dict[str, set[bytes]] = {}
    for _ in range(TRIES):
        response = serving.get("/export?format=nq")
        assert response.status_code == 200
        exports[response.headers["x-storygraph-worker"]] = set(response.content.splitlines())
        if len(exports) == 2:
            break
    assert len(exports) == 2
    first, second = exports.values()
    assert first == second
    assert any(b'"Exports follow the writer"' in line for line in first)
