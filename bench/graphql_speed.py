"""Measure explorer-style GraphQL latency and throughput, and start-up time on a loaded store.

    python -m bench.graphql_speed                    # 5,000 generated stories
    python -m bench.graphql_speed --stories 20000

Requests go through the real ASGI app in-process (httpx.ASGITransport), sequentially, so the
figures are the server's own cost per request without network or client overhead.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time

import httpx

from bench import generate
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


async def _measure(app, query: str, variables: dict, requests: int) -> list[float]:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        times = []
        for _ in range(requests):
            started = time.perf_counter()
            response = await client.post("/graphql", json={"query": query, "variables": variables})
            times.append(time.perf_counter() - started)
            assert response.status_code == 200 and "errors" not in response.json(), response.text[:300]
        return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = OxigraphStore(tmp)
        Importer(store, BASE).run([SourceInput("bench.jsonl", generate.corpus(args.stories).encode())])
        iri = GraphReader(store, BASE).entity_page(EntityKind.ORGANIZATION, 0, 1)[0]
        store.close()

        started = time.perf_counter()
        store = OxigraphStore(tmp)
        app = create_app(Settings(store_url=f"oxigraph:{tmp}", base=BASE), store=store)
        first = asyncio.run(_measure(app, QUERIES["stories page"], {}, 1))[0]
        print(f"start-up on {args.stories:,} stories: open + app + first query {time.perf_counter() - started:.2f} s "
              f"(first query {first * 1000:.0f} ms)")

        print(f"| query ({args.stories:,} stories) | cache | p50 ms | p99 ms | req/s |")
        print("|---|---|---:|---:|---:|")
        for name, query in QUERIES.items():
            variables = {"iri": iri} if "$iri" in query else {}
            asyncio.run(_measure(app, query, variables, 1))  # builds derived views once
            for cache in ("hit", "off"):
                if cache == "off":
                    app_ = create_app(Settings(store_url=f"oxigraph:{tmp}", base=BASE), store=store)
                    graphql = next(r.endpoint for r in app_.routes if getattr(r, "path", "") == "/graphql")
                    graphql.responses.size = 0  # no response cache: every request executes
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
