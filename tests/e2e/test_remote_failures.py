"""A remote engine that fails part-way or cannot be reached: an error for people, never a short or empty answer.

The failing engine is a small proxy on 127.0.0.1 in front of a real `oxigraph serve`: it passes
the first requests through, then answers every later one with the status under test.
"""
from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from graph.pipeline import Importer, SourceInput
from graph.store import open_store
from graph.store import sparql as remote
from server import cli
from server.app import create_app
from server.settings import Settings

pytestmark = pytest.mark.e2e
SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "ilo-news-2021.txt"
BASE = "http://testserver/"


class FailingEngine:
    """Forwards requests to `upstream` until `passes` have gone through, then answers `status` to
    the next `failures` (all later ones unless told) in an HTML page, as Virtuoso words its errors."""

    def __init__(self, upstream: str) -> None:
        self.upstream, self.passes, self.status, self.seen, self.failures = upstream, 1 << 30, 500, 0, 1 << 30
        self.method: str | None = None  # count and fail only requests of this method
        self.counted = 0
        self.lock = threading.Lock()
        engine = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with engine.lock:
                    engine.seen += 1
                    engine.counted += engine.method in (None, self.command)
                    failing = (engine.method in (None, self.command)
                               and engine.passes < engine.counted <= engine.passes + engine.failures)
                if failing:
                    message = (f'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head><title>Error</title>'
                               f"</head><body><h3>Error</h3><pre>engine failure {engine.status}</pre></body></html>").encode()
                    self.send_response(engine.status)
                    if engine.status == 401:
                        self.send_header("WWW-Authenticate", 'Basic realm="SPARQL"')
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(message)))
                    self.end_headers()
                    self.wfile.write(message)
                    return
                answer = httpx.request(self.command, engine.upstream + self.path, content=body, timeout=30, headers={
                    k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")})
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("content-type", "text/plain"))
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_PUT = do_POST  # noqa: N815 (the Graph Store Protocol's writes)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, name="failing-engine", daemon=True)
        self.thread.start()

    def fail_after(self, passes: int, status: int, failures: int = 1 << 30, method: str | None = None) -> None:
        self.seen, self.counted, self.passes, self.status, self.failures, self.method = 0, 0, passes, status, failures, method

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def failing_engine(store_url_factory: Callable[[str], str], monkeypatch: pytest.MonkeyPatch) -> Iterator[FailingEngine]:
    """The seeds in a real `oxigraph serve`, behind a proxy that can be told to start failing."""
    url = store_url_factory("sparql")
    store = open_store(url)
    Importer(store, BASE).run([SourceInput(str(SEEDS), SEEDS.read_bytes())])
    store.close()
    # Small dump batches, so that an export makes many requests and can fail between them.
    monkeypatch.setattr(remote, "DUMP_ROWS", 200)
    engine = FailingEngine(url.partition(":")[2].rsplit("/", 1)[0])
    yield engine
    engine.stop()


@pytest.mark.parametrize("status", [406, 500, 401])
def test_an_export_failing_part_way_exits_non_zero_and_leaves_no_file(
        failing_engine: FailingEngine, tmp_path: Path, status: int, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "graph.nt"
    failing_engine.fail_after(5, status)
    code = cli.main(["export", "--store", f"sparql:{failing_engine.url}/query", "--base", BASE,
                     "--format", "nt", "-o", str(output)])
    err = capsys.readouterr().err
    assert code != 0
    assert failing_engine.seen > 5  # it did fail part-way, after answering
    assert not output.exists() and list(tmp_path.iterdir()) == []
    assert f"{status}" in err and "Traceback" not in err


def test_a_complete_export_through_the_same_proxy_writes_the_file(failing_engine: FailingEngine, tmp_path: Path) -> None:
    output = tmp_path / "graph.nt"
    assert cli.main(["export", "--store", f"sparql:{failing_engine.url}/query", "--base", BASE,
                     "--format", "nt", "-o", str(output)]) == 0
    assert output.stat().st_size > 10_000


def test_export_route_answers_an_error_status_when_the_engine_fails_at_once(failing_engine: FailingEngine) -> None:
    store = open_store(f"sparql:{failing_engine.url}/query")
    app = create_app(Settings(store_url=store.url, base=BASE), store=store)
    failing_engine.fail_after(0, 406)

    async def get() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
            return await client.get("/export", params={"format": "nq"})
    response = asyncio.run(get())
    assert response.status_code == 502 and "406" in response.text


def test_export_route_aborts_the_transfer_when_the_engine_fails_part_way(failing_engine: FailingEngine, live_server) -> None:
    store = open_store(f"sparql:{failing_engine.url}/query")
    more = [Path(__file__).resolve().parents[1] / "data" / name for name in ("heldout2-stories.txt", "heldout3-stories.txt", "extra-stories.txt")]
    writer = open_store(f"sparql:{failing_engine.upstream}/query")
    Importer(writer, BASE).run([SourceInput(str(p), p.read_bytes()) for p in more])
    writer.close()
    app = create_app(Settings(store_url=store.url, base=BASE), store=store)
    url = live_server(app)
    # The views built at start-up read the engine too: let that end before counting the export's requests.
    warming = app.state.graphql.network.warming
    assert warming is not None and warming.done.wait(60)
    failing_engine.fail_after(1 << 30, 500)
    complete = httpx.get(f"{url}/export", params={"format": "nt"}, timeout=30)
    assert complete.status_code == 200 and len(complete.content) > 2 * (1 << 18)  # three chunks or more
    # Fail on the last request of the same export: its first chunks have gone out by then.
    failing_engine.fail_after(failing_engine.seen - 1, 500)
    with pytest.raises(httpx.HTTPError):
        with httpx.stream("GET", f"{url}/export", params={"format": "nt"}, timeout=30) as response:
            assert response.status_code == 200
            for _ in response.iter_bytes():
                pass


def _stories(url: str) -> int:
    store = open_store(url)
    try:
        return int(store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a <https://schema.org/NewsArticle> } }")[0][0])
    finally:
        store.close()


def test_an_import_goes_on_through_an_engines_passing_failures(failing_engine: FailingEngine,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote, "RETRY_WAITS", (0.05, 0.1))
    upstream = f"sparql:{failing_engine.upstream}/query"
    before = _stories(upstream)
    more = Path(__file__).resolve().parents[1] / "data" / "heldout2-stories.txt"
    store = open_store(f"sparql:{failing_engine.url}/query")
    failing_engine.fail_after(3, 500, failures=2, method="PUT")  # the 4th and 5th story PUTs fail, once each
    summary = Importer(store, BASE).run([SourceInput(str(more), more.read_bytes())])
    store.close()
    assert failing_engine.counted >= summary.added + 2 and summary.added > 5
    assert _stories(upstream) == before + summary.added


def test_an_import_the_engine_keeps_failing_is_an_error_in_the_engines_words(failing_engine: FailingEngine,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(remote, "RETRY_WAITS", (0.05,))
    more = Path(__file__).resolve().parents[1] / "data" / "heldout2-stories.txt"
    store = open_store(f"sparql:{failing_engine.url}/query")
    failing_engine.fail_after(0, 500, method="PUT")
    with pytest.raises(remote.StoreError) as raised:
        Importer(store, BASE).run([SourceInput(str(more), more.read_bytes())])
    store.close()
    assert "answered 500: Error engine failure 500" in str(raised.value) and "<" not in str(raised.value)


@pytest.mark.parametrize("command", [["stats"], ["export", "--format", "nt"], ["serve", "--port", "9"]])
def test_an_unreachable_engine_is_one_clear_line_not_a_traceback(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main([command[0], "--store", "sparql:http://127.0.0.1:9/query", *command[1:]])
    err = capsys.readouterr().err
    assert code == 1
    assert "cannot reach the SPARQL endpoint http://127.0.0.1:9/query" in err and "Traceback" not in err
