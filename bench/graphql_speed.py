"""Measure explorer-style GraphQL latency and throughput, and start-up time on a loaded store.

    python -m bench.graphql_speed                                  # 5,000 generated stories, temp store
    python -m bench.graphql_speed --stories 20000
    python -m bench.graphql_speed --stories 100000 --db /tmp/sg100k  # imports once, reuses the store after

Requests go through the real ASGI app in-process (httpx.ASGITransport), sequentially, so the
figures are the server's own cost per request without network or client overhead. Start-up is
measured twice, with the app's start-up (lifespan) run as a server runs it: "cold" with no persisted
derived views (the app builds the network view in the background and answers 503 "being built" with
Retry-After meanwhile; the client retries as told) and "warm" as after an ordinary restart (views
persisted beside the store are reused). Each prints the time to the first response (503 or 200) and
to the first answer (200).
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from bench import generate
from bench.summary import record
from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.records import EntityKind
from graph.store.oxigraph import OxigraphStore
from server.app import create_app
from server.settings import Settings

BASE = "http://127.0.0.1:8000/"
QUERIES = {
    "stories page": "{ stories(first: 20) { totalCount edges { node { title date people { name } themes { name } } } } }",
    "entity + related": """query($iri: String!) { entity(iri: $iri) { ... on Entity { name
        ... on Organization { related(first: 10) { edges { weight node { name } } } } } } }""",
    "neighbourhood": """query($iri: String!) { neighbourhood(iri: $iri, depth: 2, limit: 50) {
        nodes { __typename ... on Entity { name } } edges { source target weight } } }""",
    "expandPreview": """query($iri: String!) { expandPreview(iri: $iri) { stories neighbours byType { type count } } }""",
}
EXPLORER = QUERIES["neighbourhood"]


async def _measure(app, query: str, variables: dict, requests: int) -> list[float]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = await client.post("/graphql", json={"query": query, "variables": variables})
            times.append(time.perf_counter() - started)
            assert response.status_code == 200 and "errors" not in response.json(), response.text[:300]
        return times


@contextlib.contextmanager
def _store_dir(db: str | None) -> Iterator[Path]:
    if db is not None:
        yield Path(db)
        return
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp) / "store"


def _derived_views(path: Path) -> list[Path]:
    """Files of views persisted beside the store (search index, network view)."""
    return [p for p in path.parent.glob(path.name + ".*") if p.is_file()]


async def _first_answer(app, iri: str, started: float) -> tuple[float, float, int]:
    """Run the app's start-up, then ask the explorer query until it is answered, waiting as each 503's
    Retry-After says: seconds (since `started`) to the first response and to the first answer, and the 503s."""
    first_response: float | None = None
    refused = 0
    async with app.router.lifespan_context(app):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
            while True:
                response = await client.post("/graphql", json={"query": EXPLORER, "variables": {"iri": iri}})
                now = time.perf_counter() - started
                first_response = now if first_response is None else first_response
                if response.status_code == 503 and "retry-after" in response.headers:
                    refused += 1
                    await asyncio.sleep(float(response.headers["retry-after"]))
                    continue
                assert response.status_code == 200 and "errors" not in response.json(), response.text[:300]
                return first_response, now, refused


def _start(path: Path, iri: str, label: str) -> tuple[float, float]:
    """Open the store and start the app as `storygraph serve` does; the seconds to the first response and to
    the first explorer answer."""
    started = time.perf_counter()
    store = OxigraphStore(path)
    app = create_app(Settings(store_url=f"oxigraph:{path}", base=BASE), store=store)
    ready = time.perf_counter() - started
    first_response, first_answer, refused = asyncio.run(_first_answer(app, iri, started))
    print(f"start-up ({label}): open + app {ready:.2f} s, first response {first_response:.2f} s, "
          f"first explorer answer {first_answer:.2f} s ({refused} × 503 'being built' before it)")
    store.close()
    return first_response, first_answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=5000, help="stories to generate when the store is empty")
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--db", metavar="DIR", help="an Oxigraph store to reuse (imported into once when empty)")
    args = parser.parse_args()
    with _store_dir(args.db) as path:
        store = OxigraphStore(path)
        reader = GraphReader(store, BASE)
        stories = reader.story_count()
        if stories == 0:
            started = time.perf_counter()
            Importer(store, BASE).run([SourceInput("bench.jsonl", generate.corpus(args.stories).encode())])
            stories = reader.story_count()
            print(f"imported {stories:,} stories in {time.perf_counter() - started:.1f} s")
        iri = reader.entity_page(EntityKind.ORGANIZATION, 0, 1)[0]
        store.close()

        for view in _derived_views(path):
            view.unlink()
        cold_response, cold = _start(path, iri, "cold: no persisted views")
        _, warm = _start(path, iri, "warm: views persisted by the last run")
        record(stories=stories, cold_first_response_seconds=round(cold_response, 3),
               cold_first_answer_seconds=round(cold, 3), warm_first_answer_seconds=round(warm, 3))

        store = OxigraphStore(path)
        app = create_app(Settings(store_url=f"oxigraph:{path}", base=BASE), store=store)
        print(f"| query ({stories:,} stories) | cache | p50 ms | p99 ms | req/s |")
        print("|---|---|---:|---:|---:|")
        for name, query in QUERIES.items():
            variables = {"iri": iri} if "$iri" in query else {}
            asyncio.run(_measure(app, query, variables, 1))  # builds derived views once
            for cache in ("hit", "off"):
                if cache == "off":
                    # No response cache: every request executes.
                    app_ = create_app(Settings(store_url=f"oxigraph:{path}", base=BASE, graphql_cache_bytes=0), store=store)
                    asyncio.run(_measure(app_, query, variables, 1))
                    target = app_
                else:
                    target = app
                times = asyncio.run(_measure(target, query, variables, args.requests))
                ordered = sorted(times)
                print(f"| {name} | {cache} | {statistics.median(times) * 1000:.2f} | "
                      f"{ordered[int(len(ordered) * 0.99) - 1] * 1000:.2f} | {len(times) / sum(times):,.0f} |")
        store.close()


if __name__ == "__main__":
    main()
