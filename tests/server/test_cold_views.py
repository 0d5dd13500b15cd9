"""A server whose store has no kept network view builds it in the background at start-up, and says so meanwhile.

Requests that need the view get 503 with Retry-After and "being built" (not a timeout), the rest
keep answering, /healthz says the views are building; once built the view answers and is kept
beside the store for the next start. A failed build is logged once and answered as failed.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from graph.network import Network, build_network
from graph.network.persist import kept_beside
from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.store.oxigraph import OxigraphStore
from server.app import create_app
from server.settings import Settings

BASE = "http://testserver/"
NEIGHBOURHOOD = """query($iri: String!) { neighbourhood(iri: $iri, depth: 2, limit: 50) {
    nodes { __typename ... on Entity { name } } edges { source target weight } } }"""
LISTING = "".join(f"{n}. Story {n} about the ILO\n\n{n} March 2021\n\nThe ILO met in Geneva with UNICEF.\n\n"
                  for n in range(1, 6)).encode()


@pytest.fixture
def cold_store(tmp_path: Path) -> Iterator[tuple[OxigraphStore, str]]:
    """An on-disk store of five stories with no view kept beside it, and the IRI of an entity in it."""
    path = tmp_path / "store"
    store = OxigraphStore(path)
    Importer(store, BASE).run([SourceInput("listing.txt", LISTING)])
    reader = GraphReader(store, BASE)
    iri = next(iri for iri in reader.all_entities() if "/organization/" in iri)
    for kept in path.parent.glob(path.name + ".*"):
        if kept.is_file():
            kept.unlink()
    yield store, iri
    store.close()


def _app(store: OxigraphStore, builder: Callable[[GraphReader, str], Network]):
    app = create_app(Settings(store_url=f"oxigraph:{store.path}", base=BASE), store=store)
    view = app.state.graphql.network
    view.builder, view.patience = builder, 0.0
    return app, view


def test_a_query_that_needs_the_view_is_told_it_is_being_built_until_it_is(cold_store) -> None:
    store, iri = cold_store
    release, entered = threading.Event(), threading.Event()

    def held(reader: GraphReader, version: str) -> Network:
        entered.set()
        release.wait(60)
        return build_network(reader, version)

    app, view = _app(store, held)
    kept = kept_beside(store.path)
    assert kept is not None
    try:
        with TestClient(app) as client:
            # the start-up first looks for a kept view ("loading"); the build itself is what this test asks about
            assert entered.wait(60)
            building = client.post("/graphql", json={"query": NEIGHBOURHOOD, "variables": {"iri": iri}})
            health = client.get("/healthz").json()
            home = client.get("/")
            sparql = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert not kept.existing(store_version := health["version"])
            release.set()
            assert view.warming is not None and view.warming.done.wait(60)
            answered = client.post("/graphql", json={"query": NEIGHBOURHOOD, "variables": {"iri": iri}})
            after = client.get("/healthz").json()
    finally:
        release.set()
    assert building.status_code == 503 and int(building.headers["retry-after"]) >= 1
    message = building.json()["errors"][0]["message"]
    assert "network view of 5 stories is being built" in message and "retry" in message
    assert "longer than" not in message
    assert (health["views"], home.status_code, sparql.status_code) == ("building", 200, 200)
    assert answered.status_code == 200 and "errors" not in answered.json()
    assert answered.json()["data"]["neighbourhood"]["nodes"]
    assert after["views"] == "ready" and view.builds == 1
    assert kept.existing(store_version) is not None  # persisted: the next start loads it


def test_the_next_start_loads_the_kept_view_instead_of_building(cold_store) -> None:
    store, iri = cold_store
    first, view = _app(store, build_network)
    with TestClient(first) as client:
        assert view.warming is not None and view.warming.done.wait(60)
        assert client.post("/graphql", json={"query": NEIGHBOURHOOD, "variables": {"iri": iri}}).status_code == 200

    def refuses(reader: GraphReader, version: str) -> Network:
        raise AssertionError("built again although a view was kept")

    again, view = _app(store, refuses)
    with TestClient(again) as client:
        assert view.warming is not None and view.warming.done.wait(60)
        answered = client.post("/graphql", json={"query": NEIGHBOURHOOD, "variables": {"iri": iri}})
    assert answered.status_code == 200 and "errors" not in answered.json()
    assert view.builds == 0 and view.loads == 1


def test_a_failed_build_is_logged_once_and_answered_as_failed(cold_store, caplog: pytest.LogCaptureFixture) -> None:
    store, iri = cold_store

    def fails(reader: GraphReader, version: str) -> Network:
        raise RuntimeError("disk on fire")

    app, view = _app(store, fails)
    with caplog.at_level(logging.ERROR, logger="storygraph.network"), TestClient(app) as client:
        assert view.warming is not None and view.warming.done.wait(60)
        answers = [client.post("/graphql", json={"query": NEIGHBOURHOOD, "variables": {"iri": iri}}) for _ in range(2)]
        health = client.get("/healthz").json()
        home = client.get("/")
    for answer in answers:
        assert answer.status_code == 503 and answer.headers["retry-after"]
        message = answer.json()["errors"][0]["message"]
        assert "building the network view failed (RuntimeError: disk on fire)" in message
    assert health["views"] == "failed" and home.status_code == 200
    assert [r.getMessage() for r in caplog.records].count("building the network view at start-up failed") == 1


def test_a_search_while_the_index_is_built_at_start_up_is_told_so(cold_store) -> None:
    store, _ = cold_store
    app, view = _app(store, build_network)
    view.patience = 60.0  # the network view is built first, quickly: the search waits for it, not for the index
    search = app.state.graphql.search
    search.patience = 0.0
    release = threading.Event()
    prepare = search.prepare

    def held(version: str) -> None:
        release.wait(60)
        prepare(version)

    search.prepare = held
    query = '{ search(query: "ILO") { __typename } }'
    try:
        with TestClient(app) as client:
            building = client.post("/graphql", json={"query": query})
            health = client.get("/healthz").json()
            release.set()
            assert view.warming is not None and view.warming.done.wait(60)
            answered = client.post("/graphql", json={"query": query})
    finally:
        release.set()
    assert building.status_code == 503 and building.headers["retry-after"]
    assert "the search index is being built" in building.json()["errors"][0]["message"]
    assert health["views"] == "building"
    assert answered.status_code == 200 and answered.json()["data"]["search"]


def test_while_the_kept_view_is_read_at_start_up_it_says_loading_not_building(cold_store) -> None:
    store, iri = cold_store
    first, view = _app(store, build_network)
    with TestClient(first) as client:
        assert view.warming is not None and view.warming.done.wait(60)

    def refuses(reader: GraphReader, version: str) -> Network:
        raise AssertionError("built again although a view was kept")

    again, view = _app(store, refuses)
    release = threading.Event()
    load = view._load

    def held(version: str, snapshot: object) -> Network | None:
        release.wait(60)
        return load(version, snapshot)

    view._load = held  # type: ignore[method-assign]
    try:
        with TestClient(again) as client:
            waiting = client.post("/graphql", json={"query": NEIGHBOURHOOD, "variables": {"iri": iri}})
            health = client.get("/healthz").json()
            release.set()
            assert view.warming is not None and view.warming.done.wait(60)
            after = client.get("/healthz").json()
    finally:
        release.set()
    assert health["views"] == "loading" and after["views"] == "ready"
    assert waiting.status_code == 503 and "is being loaded from its kept file" in waiting.json()["errors"][0]["message"]
    assert view.builds == 0 and view.loads == 1
