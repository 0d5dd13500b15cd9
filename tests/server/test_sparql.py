"""The SPARQL 1.1 Protocol endpoint: GET and POST forms, results by Accept, read-only, limits that say which."""
from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib

from graph.pipeline import Importer, SourceInput
from graph.results import QueryLimits
from graph.store import open_store
from graph.store.base import Store
from server.app import create_app
from server.settings import Settings
from server.sparql import SparqlEndpoint

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "ilo-news-2021.txt"
BASE = "http://testserver/"
STORIES = "SELECT ?s ?title WHERE { ?s a <https://schema.org/NewsArticle> ; <https://schema.org/headline> ?title } ORDER BY ?s"


@pytest.fixture(scope="module")
def seed_store() -> Iterator[Store]:
    store = open_store("memory:")
    Importer(store, BASE).run([SourceInput(str(SEEDS), SEEDS.read_bytes())])
    yield store


def request(store: Store, method: str, path: str, **kwargs: object) -> httpx.Response:
    """One request to the app over ASGI."""
    async def send() -> httpx.Response:
        app = create_app(Settings(store_url="memory:", base=BASE), store=store)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE.rstrip("/")) as client:
            return await client.request(method, path, **kwargs)
    return asyncio.run(send())


def test_get_select_answers_sparql_json_by_default(seed_store: Store) -> None:
    response = request(seed_store, "GET", "/sparql", params={"query": STORIES})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    bindings = response.json()["results"]["bindings"]
    assert len(bindings) == 20 and bindings[0]["s"]["type"] == "uri"


def test_post_urlencoded_and_direct_bodies_give_the_same_answer(seed_store: Store) -> None:
    form = request(seed_store, "POST", "/sparql", data={"query": STORIES})
    direct = request(seed_store, "POST", "/sparql", content=STORIES, headers={"content-type": "application/sparql-query"})
    assert form.status_code == direct.status_code == 200
    assert form.json() == direct.json()


@pytest.mark.parametrize(("accept", "media_type"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
])
def test_select_results_follow_the_accept_header(seed_store: Store, accept: str, media_type: str) -> None:
    response = request(seed_store, "GET", "/sparql", params={"query": STORIES}, headers={"accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media_type)
    if accept == "text/csv":
        rows = list(csv.reader(io.StringIO(response.text)))
        assert rows[0] == ["s", "title"] and len(rows) == 21
    if accept == "text/tab-separated-values":
        assert response.text.splitlines()[0] == "?s\t?title"
        assert response.text.splitlines()[1].startswith("<" + BASE)
    if accept.endswith("xml"):
        result = rdflib.query.Result.parse(io.BytesIO(response.content), format="xml")
        assert len(list(result)) == 20


def test_ask_answers_a_boolean(seed_store: Store) -> None:
    response = request(seed_store, "GET", "/sparql", params={"query": "ASK { ?s a <https://schema.org/NewsArticle> }"})
    assert response.json() == {"head": {}, "boolean": True}


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    ("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")])
def test_construct_answers_rdf_by_accept(seed_store: Store, accept: str, rdflib_format: str) -> None:
    query = "CONSTRUCT { ?s <https://schema.org/headline> ?t } WHERE { ?s <https://schema.org/headline> ?t }"
    response = request(seed_store, "GET", "/sparql", params={"query": query}, headers={"accept": accept})
    assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
    body = response.content
    if rdflib_format == "json-ld":
        from graph.jsonld import context_document
        document = json.loads(body)
        assert document["@context"] == BASE + "ontology/context.jsonld"
        document["@context"] = context_document()["@context"]
        body = json.dumps(document).encode()
    assert len(rdflib.Graph().parse(data=body, format=rdflib_format)) == 20


def test_describe_answers_turtle(seed_store: Store) -> None:
    story = request(seed_store, "GET", "/sparql", params={"query": STORIES}).json()["results"]["bindings"][0]["s"]["value"]
    response = request(seed_store, "GET", "/sparql", params={"query": f"DESCRIBE <{story}>"}, headers={"accept": "text/turtle"})
    assert response.status_code == 200 and len(rdflib.Graph().parse(data=response.text, format="turtle")) > 3


@pytest.mark.parametrize("how", ["get-update", "form-update", "direct-update", "update-as-query"])
def test_updates_are_refused_with_403(seed_store: Store, how: str) -> None:
    update = "INSERT DATA { <http://x/s> <http://x/p> <http://x/o> }"
    if how == "get-update":
        response = request(seed_store, "GET", "/sparql", params={"update": update})
    elif how == "form-update":
        response = request(seed_store, "POST", "/sparql", data={"update": update})
    elif how == "direct-update":
        response = request(seed_store, "POST", "/sparql", content=update, headers={"content-type": "application/sparql-update"})
    else:
        response = request(seed_store, "POST", "/sparql", data={"query": "PREFIX x: <http://x/>\n" + update})
    assert response.status_code == 403 and "read-only" in response.text
    assert not seed_store.ask("ASK { GRAPH ?g { <http://x/s> ?p ?o } }")


def test_invalid_query_is_a_400_that_says_why(seed_store: Store) -> None:
    response = request(seed_store, "GET", "/sparql", params={"query": "SELECT WHERE {"})
    assert response.status_code == 400 and "invalid SPARQL" in response.text


def test_missing_query_is_a_400_that_says_how_to_send_one(seed_store: Store) -> None:
    response = request(seed_store, "GET", "/sparql")
    assert response.status_code == 400 and "?query=" in response.text


def test_too_many_results_name_the_result_limit(seed_store: Store) -> None:
    endpoint = SparqlEndpoint(seed_store, BASE, QueryLimits(timeout=5, max_results=5))
    app = create_app(Settings(store_url="memory:", base=BASE), store=seed_store)
    app.router.routes.insert(0, __import__("starlette.routing", fromlist=["Route"]).Route("/limited", endpoint.handle))

    async def send() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
            return await client.get("/limited", params={"query": STORIES})
    response = asyncio.run(send())
    assert response.status_code == 400
    assert response.headers["x-storygraph-limit"] == "results" and "more than 5 rows" in response.text


def test_a_query_past_its_time_limit_names_the_time_limit(seed_store: Store) -> None:
    # A cross product big enough to outlast a zero time limit; the deadline check stops it.
    endpoint = SparqlEndpoint(seed_store, BASE, QueryLimits(timeout=0.0, max_results=10**9))
    from starlette.applications import Starlette
    from starlette.routing import Route
    app = Starlette(routes=[Route("/sparql", endpoint.handle)])

    async def send() -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
            return await client.get("/sparql", params={"query": "SELECT * WHERE { ?a ?p ?b . ?c ?q ?d }"})
    response = asyncio.run(send())
    assert response.status_code == 503
    assert response.headers["x-storygraph-limit"] == "timeout" and "time limit" in response.text
