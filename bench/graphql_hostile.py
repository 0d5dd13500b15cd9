"""How fast hostile GraphQL requests are refused, and how long /healthz waits meanwhile (in-process ASGI, seed store).

    python -m bench.graphql_hostile

Prints, per request: its status, the time to the answer, and the slowest /healthz answer while it ran.
"""
from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import httpx

from graph.pipeline import Importer, SourceInput
from graph.store import open_store
from server.app import create_app
from server.settings import Settings

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEARCH = "query($q: String!) { search(query: $q) { score } }"
REQUESTS = {
    "search, 45,000 repeated words": {"query": SEARCH, "variables": {"q": "ab " * 45_000}},
    "search, 20 distinct words (the cap)": {"query": SEARCH, "variables": {"q": " ".join(f"w{i:03d}" for i in range(20))}},
    "search, 500 characters of one repeated word": {"query": SEARCH, "variables": {"q": "ab " * 166}},
    "text filter, 45,000 words": {"query": "query($q: String!) { stories(filter: {text: $q}) { totalCount } }",
                                  "variables": {"q": "ab " * 45_000}},
    "3.3 MB query": {"query": "{ __typename" + " a" * 1_650_000 + " }"},
    "90 kB query, 45,000 tokens": {"query": "{ __typename" + " a" * 45_000 + " }"},
    "unknown operationName": {"query": "query A { __typename }", "operationName": "B"},
}


async def main() -> None:
    store = open_store("memory:")
    Importer(store, "http://sg.bench/").run([SourceInput(p.name, p.read_bytes()) for p in sorted(SEEDS.iterdir())])
    app = create_app(Settings(store_url="memory:", base="http://sg.bench/"), store=store)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t", timeout=600) as client:
        await client.post("/graphql", json={"query": '{ search(query: "ilo") { score } }'})  # build the index
        for name, body in REQUESTS.items():
            content = json.dumps(body).encode()
            start = time.perf_counter()
            request = asyncio.create_task(client.post("/graphql", content=content, headers={"content-type": "application/json"}))
            slowest = 0.0
            while not request.done():
                await asyncio.sleep(0.001)  # an in-process request never yields on its own
                polled = time.perf_counter()
                await client.get("/healthz")
                slowest = max(slowest, time.perf_counter() - polled)
            response = await request
            print(f"{name:45s} {response.status_code}  {1000 * (time.perf_counter() - start):8.1f} ms  "
                  f"healthz ≤ {1000 * slowest:6.1f} ms  {response.text[:90]}")
    store.close()


if __name__ == "__main__":
    asyncio.run(main())
