"""GraphQL over real HTTP: media types and status codes, persisted queries, the response cache and imports."""
from __future__ import annotations

import hashlib
from typing import Any

import httpx
import pytest

from graph.store import open_store
from server.app import create_app
from server.settings import Settings
from tests.schema.conftest import BASE, LISTING, import_listing

GQL = "application/graphql-response+json"
TOKEN = "test-token-1234"
STORIES = "{ stories(first: 100) { totalCount } }"
MORE = """\
1. A new story from the API

    15 March 2021

    Imported over GraphQL.
"""
pytestmark = pytest.mark.e2e


@pytest.fixture
def server(live_server):
    def start(token: str | None = TOKEN, **settings: Any) -> tuple[str, Any]:
        store = open_store("memory:")
        import_listing(store, LISTING)
        app = create_app(Settings(store_url="memory:", base=BASE, import_token=token, **settings), store=store)
        return live_server(app) + "/graphql", app
    return start


def post(url: str, body: dict[str, Any], accept: str = GQL, **headers: str) -> httpx.Response:
    return httpx.post(url, json=body, headers={"accept": accept, **headers}, timeout=10)


def test_graphql_response_json_uses_400_for_invalid_documents_without_data(server) -> None:
    url, _ = server()
    response = post(url, {"query": "{ nosuchfield }"})
    assert response.status_code == 400 and response.headers["content-type"].startswith(GQL)
    assert "data" not in response.json() and response.json()["errors"]


def test_legacy_json_keeps_200_for_invalid_documents(server) -> None:
    url, _ = server()
    response = post(url, {"query": "{ nosuchfield }"}, accept="application/json")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")


def test_field_errors_keep_200_and_data(server) -> None:
    url, _ = server()
    body = post(url, {"query": '{ stories(after: "bad") { totalCount } }'}).json()
    assert body["data"] is None and "invalid cursor" in body["errors"][0]["message"]


def test_limit_errors_are_clear_and_carry_no_stack_trace(server) -> None:
    url, _ = server()
    response = post(url, {"query": "{ stories(first: 100) { edges { node { people { related(first: 100) { edges { node { "
                                   "related(first: 100) { totalCount } } } } } } } } }"})
    assert response.status_code == 400
    message = response.json()["errors"][0]["message"]
    assert "exceeds the limit" in message and "Traceback" not in response.text


def test_mutations_are_refused_over_get(server) -> None:
    url, _ = server()
    response = httpx.get(url, params={"query": "mutation { __typename }"}, headers={"accept": GQL}, timeout=10)
    assert response.status_code == 405 and response.headers["allow"] == "POST"


def test_persisted_query_round_trip_like_apollo(server) -> None:
    url, _ = server()
    digest = hashlib.sha256(STORIES.encode()).hexdigest()
    ext = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
    missing = post(url, {"extensions": ext}, accept="application/json")
    assert missing.status_code == 200
    assert missing.json()["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    assert post(url, {"query": STORIES, "extensions": ext}).json()["data"]["stories"]["totalCount"] == 5
    again = httpx.get(url, params={"extensions": f'{{"persistedQuery":{{"version":1,"sha256Hash":"{digest}"}}}}'},
                      headers={"accept": GQL}, timeout=10)
    assert again.status_code == 200 and again.json()["data"]["stories"]["totalCount"] == 5


def test_persisted_query_hash_must_match(server) -> None:
    url, _ = server()
    response = post(url, {"query": STORIES, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "0" * 64}}})
    assert response.status_code == 400 and "does not match" in response.json()["errors"][0]["message"]


def test_repeated_query_is_answered_from_the_cache_without_executing(server) -> None:
    url, app = server()
    graphql = next(r.endpoint for r in app.routes if getattr(r, "path", "") == "/graphql")
    first = post(url, {"query": STORIES})
    executions = graphql.executions
    second = post(url, {"query": STORIES})
    assert first.headers["x-cache"] == "miss" and second.headers["x-cache"] == "hit"
    assert second.json() == first.json() and graphql.executions == executions


def test_imports_are_disabled_without_a_token(server) -> None:
    url, _ = server(token=None)
    body = post(url, {"query": 'mutation { importDocument(content: "x") { added } }'},
                Authorization=f"Bearer {TOKEN}").json()
    assert body["errors"][0]["message"] == "imports over the API are disabled; set STORYGRAPH_IMPORT_TOKEN"


def test_imports_need_the_right_bearer_token(server) -> None:
    url, _ = server()
    for auth in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
        body = post(url, {"query": 'mutation { importDocument(content: "x") { added } }'}, **auth).json()
        assert body["errors"][0]["message"].startswith("not permitted"), auth


def test_import_over_the_api_changes_the_version_and_invalidates_cached_answers(server) -> None:
    url, _ = server()
    assert post(url, {"query": STORIES}).json()["data"]["stories"]["totalCount"] == 5
    assert post(url, {"query": STORIES}).headers["x-cache"] == "hit"
    result = post(url, {"query": "mutation($c: String!) { importDocument(content: $c, name: \"api.txt\") { added version } }",
                        "variables": {"c": MORE}}, Authorization=f"Bearer {TOKEN}").json()
    assert result["data"]["importDocument"]["added"] == 1, result
    after = post(url, {"query": STORIES})
    assert after.headers["x-cache"] == "miss" and after.json()["data"]["stories"]["totalCount"] == 6
    found = post(url, {"query": '{ search(query: "imported graphql") { node { ... on Story { title } } } }'}).json()
    assert found["data"]["search"][0]["node"]["title"] == "A new story from the API"


def test_bad_documents_for_import_are_reported_with_their_location(server) -> None:
    url, _ = server()
    body = post(url, {"query": 'mutation { importDocument(content: "{not json", format: "jsonl") { added } }'},
                Authorization=f"Bearer {TOKEN}").json()
    assert body["errors"][0]["message"].startswith("nothing was imported")


def test_imports_past_the_deadline_land_and_say_so_and_one_that_cannot_start_is_refused(server) -> None:
    """A write is never cut at the GraphQL deadline (a 504 for a write that lands would be a lie): an import
    that began runs to its end and answers what it did; one still waiting for the writer at the deadline
    gets 503 with Retry-After and imports nothing."""
    import concurrent.futures

    from bench import generate

    url, _ = server(graphql_timeout=0.5)
    mutation = "mutation($c: String!, $n: String) { importDocument(content: $c, name: $n, format: \"jsonl\") { added } }"

    def load(n: int) -> httpx.Response:
        content = generate.corpus(800, "jsonl", seed=n)
        return httpx.post(url, json={"query": mutation, "variables": {"c": content, "n": f"big-{n}.jsonl"}},
                          headers={"accept": GQL, "Authorization": f"Bearer {TOKEN}"}, timeout=300)

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(load, range(3)))
    statuses = sorted(a.status_code for a in answers)
    assert 504 not in statuses and statuses[0] == 200, [a.text[:200] for a in answers]
    landed = sum(a.json()["data"]["importDocument"]["added"] for a in answers if a.status_code == 200)
    for refused in (a for a in answers if a.status_code == 503):
        assert refused.headers["retry-after"] and "nothing was imported" in refused.json()["errors"][0]["message"]
    total = post(url, {"query": STORIES}).json()["data"]["stories"]["totalCount"]
    assert total == 5 + landed and landed >= 800


def test_answers_cached_at_an_older_version_are_dropped_once_a_newer_one_is_read(server) -> None:
    url, app = server()
    for first in (1, 2, 3):
        post(url, {"query": "query($n: Int!) { stories(first: $n) { totalCount } }", "variables": {"n": first}})
    assert len(app.state.graphql.responses) == 3
    post(url, {"query": "mutation($c: String!) { importDocument(content: $c, name: \"api.txt\") { added } }",
               "variables": {"c": MORE}}, Authorization=f"Bearer {TOKEN}")
    assert post(url, {"query": STORIES}).headers["x-cache"] == "miss"
    assert len(app.state.graphql.responses) == 1  # only the answer at the new version is kept
