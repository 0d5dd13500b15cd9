"""A hostile GraphQL corpus against a real uvicorn server: every request refused with a clear 4xx or GraphQL error,
/healthz answering throughout, no thread or memory growth afterwards, and the store unchanged."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import socket
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from graph.search import SearchIndex
from graph.store import open_store
from server.app import create_app
from server.graphql_http import GraphQLApp
from server.settings import Settings
from tests.schema.conftest import BASE, LISTING, import_listing

GQL = "application/graphql-response+json"
pytestmark = pytest.mark.e2e


@dataclass(frozen=True)
class Hostile:
    """One hostile request and what its answer must say."""

    name: str
    send: Callable[[str], tuple[int, str]]  # base URL -> (status, body text)
    says: str


def _post(body: Any, **headers: str) -> Callable[[str], tuple[int, str]]:
    def send(base: str) -> tuple[int, str]:
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        r = httpx.post(base + "/graphql", content=content, timeout=30,
                       headers={"accept": GQL, "content-type": "application/json", **headers})
        return r.status_code, r.text
    return send


def _get(**params: str) -> Callable[[str], tuple[int, str]]:
    def send(base: str) -> tuple[int, str]:
        r = httpx.get(base + "/graphql", params=params, headers={"accept": GQL}, timeout=30)
        return r.status_code, r.text
    return send


def _raw(head: str, chunks: list[bytes]) -> Callable[[str], tuple[int, str]]:
    """Sends a request by hand (a lying Content-Length, a chunked body) and reads the answer's status line and body."""
    def send(base: str) -> tuple[int, str]:
        url = urlsplit(base)
        with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
            sock.sendall(head.encode() + b"\r\n")
            for chunk in chunks:
                sock.sendall(chunk)
            answer = b""
            while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
        status = int(answer.split(b" ", 2)[1])
        return status, answer.partition(b"\r\n\r\n")[2].decode("utf-8", "replace")
    return send


def _chunked(size: int) -> list[bytes]:
    piece = b"x" * 65536
    return [b"%x\r\n%s\r\n" % (len(piece), piece) for _ in range(size // len(piece) + 1)]


SEARCH = "query($q: String!) { search(query: $q) { score } }"
FILTER = "query($q: String!) { stories(filter: {text: $q}) { totalCount } }"
MANY_TOKENS = "{ __typename" + " a" * 45_000 + " }"  # 90 kB: under the length limit, far over the token limit
CORPUS = [
    Hostile("45,000 repeated search words", _post({"query": SEARCH, "variables": {"q": "ab " * 45_000}}), "the limit is 500"),
    Hostile("21 distinct search words", _post({"query": SEARCH, "variables": {"q": " ".join(f"w{i:03d}" for i in range(21))}}),
            "distinct words; the limit is 20"),
    Hostile("a 600 kB text filter", _post({"query": FILTER, "variables": {"q": "ab " * 200_000}}), "the limit is 500"),
    Hostile("a 3.3 MB query", _post({"query": "{ __typename" + " a" * 1_650_000 + " }"}), "larger than 1048576 bytes"),
    Hostile("45,000 tokens", _post({"query": MANY_TOKENS}), "more than 2000 tokens"),
    Hostile("a 150,000-character comment", _post({"query": "#" + "x" * 150_000 + "\n{ __typename }"}),
            "characters long; the limit is 100000"),
    Hostile("a body declared as 50 MB", _raw("POST /graphql HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                                             "Content-Length: 52428800\r\nConnection: close\r\n", [b'{"query":']),
            "larger than 1048576 bytes"),
    Hostile("a chunked body over 1 MB", _raw("POST /graphql HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                                             "Transfer-Encoding: chunked\r\nConnection: close\r\n", _chunked(1_100_000)),
            "larger than 1048576 bytes"),
    Hostile("an operationName matching no operation", _post({"query": "query A { __typename }", "operationName": "B"}),
            "no operation named 'B'"),
    Hostile("two operations and no operationName", _post({"query": "query A { __typename } query B { __typename }"}),
            "choose one with `operationName`"),
    Hostile("JSON nested 1,000 deep", _post(b'{"query":"{__typename}","variables":' + b'{"a":' * 1000 + b"1" + b"}" * 1001),
            "nested too deeply"),
    Hostile("variables nested 1,000 deep over GET", _get(query="{ __typename }", variables='{"a":' * 1000 + "1" + "}" * 1000),
            "nested too deeply"),
    Hostile("a selection nested 600 deep", _post({"query": "{ a " * 600 + "}" * 600}), "nested too deeply"),
    Hostile("an oversized persisted query",
            _post({"query": "#" + "x" * 150_000 + "\n{ __typename }", "extensions": {"persistedQuery": {
                "version": 1, "sha256Hash": hashlib.sha256(("#" + "x" * 150_000 + "\n{ __typename }").encode()).hexdigest()}}}),
            "the limit is 100000"),
    Hostile("a cursor with a negative offset",
            _post({"query": "query($c: String) { stories(after: $c) { totalCount } }",
                   "variables": {"c": base64.urlsafe_b64encode(b"offset:-10").decode()}}), "negative"),
    Hostile("an empty timeline IRI", _post({"query": '{ timeline(iri: "") { period count } }'}), "must not be empty"),
    Hostile("a body that is not JSON", _post(b"{not json"), "not valid JSON"),
    Hostile("a JSON body that is not an object", _post(b"[1, 2]"), "JSON object"),
    Hostile("a query that is not a string", _post({"query": ["{ __typename }"]}), "must be a string"),
    Hostile("an unknown content type", _post(b"{ __typename }", **{"content-type": "text/plain"}), "Content-Type"),
]


def _answered(status: int, text: str) -> bool:
    """A 4xx, or a 200 carrying only GraphQL errors (a field refused, no data)."""
    if 400 <= status < 500:
        return True
    body = json.loads(text)
    return status == 200 and bool(body.get("errors")) and not body.get("data")


def _rss_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


def _dump(store: Any) -> bytes:
    out = io.BytesIO()
    store.dump(out, "nq")
    return out.getvalue()


def _graphql_app(app: Any) -> GraphQLApp:
    return next(r.endpoint for r in app.routes if getattr(r, "path", None) == "/graphql")


@pytest.fixture
def served(live_server) -> Iterator[Callable[..., tuple[str, Any, Any]]]:
    stores = []

    def start(**limits: Any) -> tuple[str, Any, Any]:
        store = open_store("memory:")
        stores.append(store)
        import_listing(store, LISTING)
        app = create_app(Settings(store_url="memory:", base=BASE, **limits), store=store)
        return live_server(app), app, store
    yield start
    for store in stores:
        store.close()


def _send_with_healthz(base: str, hostile: Hostile) -> tuple[tuple[int, str], int]:
    """The hostile request and a /healthz poll sent at the same time."""
    with ThreadPoolExecutor(2) as pool:
        answer = pool.submit(hostile.send, base)
        health = pool.submit(lambda: httpx.get(base + "/healthz", timeout=30).status_code)
        return answer.result(), health.result()


def test_every_hostile_request_is_refused_clearly_while_healthz_answers(served) -> None:
    base, _, store = served()
    before = _dump(store)
    for hostile in CORPUS:
        (status, text), health = _send_with_healthz(base, hostile)
        assert _answered(status, text), (hostile.name, status, text[:300])
        assert hostile.says in text, (hostile.name, status, text[:300])
        assert "Traceback" not in text and status != 500, hostile.name
        assert health == 200, hostile.name
    assert _dump(store) == before


def test_the_corpus_leaves_no_threads_or_memory_behind(served) -> None:
    base, app, _ = served()
    for hostile in CORPUS:  # warm-up: worker threads, caches and allocator arenas reach their working size
        hostile.send(base)
    threads, rss = threading.active_count(), _rss_bytes()
    for _ in range(3):
        for hostile in CORPUS:
            hostile.send(base)
    assert threading.active_count() <= threads + _graphql_app(app).settings.graphql_workers
    assert _rss_bytes() - rss < 64 * 1024 * 1024


class _BlockingIndex(SearchIndex):
    """A search that waits until the test releases it: a stand-in for work that runs past the deadline."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.entered, self.release = threading.Event(), threading.Event()

    def search(self, *args: Any, **kwargs: Any):
        self.entered.set()
        self.release.wait(60)
        return super().search(*args, **kwargs)


def test_a_request_past_its_deadline_is_a_504_while_healthz_answers(served) -> None:
    base, app, _ = served(graphql_timeout=1.0)
    graphql = _graphql_app(app)
    graphql.search = blocking = _BlockingIndex(graphql.reader)
    try:
        with ThreadPoolExecutor(1) as pool:
            slow = pool.submit(_post({"query": '{ search(query: "pausini") { score } }'}), base)
            assert blocking.entered.wait(30)
            assert httpx.get(base + "/healthz", timeout=30).status_code == 200  # the event loop is free
            status, text = slow.result()
        assert status == 504 and "longer than 1 s" in text and "STORYGRAPH_GRAPHQL_TIMEOUT" in text
    finally:
        blocking.release.set()


def test_when_every_worker_and_backlog_slot_is_taken_new_requests_get_503(served) -> None:
    base, app, _ = served(graphql_workers=1, graphql_backlog=1)
    graphql = _graphql_app(app)
    graphql.search = blocking = _BlockingIndex(graphql.reader)
    search = _post({"query": '{ search(query: "pausini") { score } }'})
    try:
        with ThreadPoolExecutor(2) as pool:
            running = pool.submit(search, base)
            assert blocking.entered.wait(30)
            queued = threading.Event()
            submit = graphql._workers.submit

            def submit_and_tell(*args: Any, **kwargs: Any) -> Any:
                try:
                    return submit(*args, **kwargs)
                finally:
                    queued.set()
            graphql._workers.submit = submit_and_tell
            waiting = pool.submit(_post({"query": "{ stories { totalCount } }"}), base)
            assert queued.wait(30)  # the waiting request now holds the backlog slot
            status, text = _post({"query": "{ __typename }"})(base)
            assert status == 503 and "busy" in text
            blocking.release.set()
            assert running.result()[0] == 200 and waiting.result()[0] == 200
    finally:
        blocking.release.set()
    assert _post({"query": "{ __typename }"})(base)[0] == 200  # slots are given back


def test_a_request_that_never_got_a_worker_before_its_deadline_is_shed_with_503_not_504(served) -> None:
    base, app, _ = served(graphql_timeout=1.0, graphql_workers=1)
    graphql = _graphql_app(app)
    graphql.search = blocking = _BlockingIndex(graphql.reader)
    try:
        with ThreadPoolExecutor(2) as pool:
            running = pool.submit(_post({"query": '{ search(query: "pausini") { score } }'}), base)
            assert blocking.entered.wait(30)  # the only worker is taken past the deadline
            status, text = _post({"query": "{ stories { totalCount } }"})(base)
            assert status == 503 and "no GraphQL worker was free" in text and "nothing was run" in text
            assert running.result()[0] == 504  # the one that ran is still a 504
    finally:
        blocking.release.set()


def test_the_response_and_persisted_query_caches_are_bounded_in_bytes(served) -> None:
    base, app, _ = served(graphql_cache_bytes=3000, graphql_persisted_bytes=500)
    graphql = _graphql_app(app)
    queries = [f"{{ stories(first: {n}) {{ edges {{ node {{ title summary }} }} }} }}" for n in range(1, 6)] * 4
    for i, query in enumerate(queries):
        query += " " * i  # distinct texts, distinct cache keys
        status, _ = _post({"query": query, "extensions": {"persistedQuery": {
            "version": 1, "sha256Hash": hashlib.sha256(query.encode()).hexdigest()}}})(base)
        assert status == 200
    assert 0 < graphql.responses.bytes <= 3000 and len(graphql.responses) < len(queries)
    assert 0 < graphql.persisted.bytes <= 500 and len(graphql.persisted) < len(queries)
    last = httpx.post(base + "/graphql", json={"query": query}, headers={"accept": GQL}, timeout=30)
    assert last.headers["x-cache"] == "hit"  # the most recent answers are the ones kept
