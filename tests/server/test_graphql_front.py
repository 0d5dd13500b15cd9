"""/graphql answered ahead of the router and middleware keeps everything the whole stack gave it."""
from __future__ import annotations

import os

from starlette.testclient import TestClient

from graph.pipeline import Importer, SourceInput
from graph.store import open_store
from server.app import create_app
from server.settings import Settings

BASE = "http://testserver/"
QUERY = {"query": "{ stories(first: 1) { totalCount } }"}


def _client(**settings: object) -> TestClient:
    store = open_store("memory:")
    Importer(store, BASE).run([SourceInput("a.txt", b"1. The ILO in Geneva\n\n10 March 2021\n\nThe ILO met in Geneva.\n")])
    return TestClient(create_app(Settings(store_url="memory:", base=BASE, **settings), store=store))  # type: ignore[arg-type]


def test_a_graphql_request_names_its_worker_and_is_cached_as_before() -> None:
    with _client() as client:
        first, second = client.post("/graphql", json=QUERY), client.post("/graphql", json=QUERY)
    assert first.json() == second.json() and first.json()["data"] == {"stories": {"totalCount": 1}}
    assert first.headers["x-storygraph-worker"] == second.headers["x-storygraph-worker"] == str(os.getpid())
    assert (first.headers["x-cache"], second.headers["x-cache"]) == ("miss", "hit")
    assert first.headers["content-type"] == "application/json"


def test_a_cross_origin_request_still_gets_its_cors_headers() -> None:
    with _client(cors_origins=("http://app.test",)) as client:
        allowed = client.post("/graphql", json=QUERY, headers={"Origin": "http://app.test"})
        other = client.post("/graphql", json=QUERY, headers={"Origin": "http://elsewhere.test"})
        preflight = client.options("/graphql", headers={"Origin": "http://app.test", "Access-Control-Request-Method": "POST"})
    assert allowed.headers["access-control-allow-origin"] == "http://app.test"
    assert "access-control-allow-origin" not in other.headers
    assert preflight.status_code == 200 and "x-storygraph-worker" in preflight.headers


def test_other_methods_and_browsers_get_what_the_routes_give() -> None:
    with _client() as client:
        put = client.put("/graphql", json=QUERY)
        page = client.get("/graphql", headers={"Accept": "text/html"})
        query = client.get("/graphql", params={"query": QUERY["query"]})
    assert put.status_code == 405
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    assert query.json()["data"] == {"stories": {"totalCount": 1}} and "x-storygraph-worker" in query.headers
