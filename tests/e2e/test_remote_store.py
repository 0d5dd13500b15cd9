"""The same import, GraphQL answers and export on every backend, including a real `oxigraph serve` over SPARQL."""
from __future__ import annotations

import asyncio
import io
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from graph import export
from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.store import open_store
from graph.store.base import Store, Write
from server.app import create_app
from server.settings import Settings


pytestmark = pytest.mark.e2e
SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "ilo-news-2021.txt"
BASE = "http://testserver/"
QUERY = "{ stories(first: 3) { edges { node { title date } } } }"
REMOTE_ENGINES = ("sparql", "virtuoso")  # `oxigraph serve`, Virtuoso 7


def _import(store: Store) -> None:
    Importer(store, BASE).run([SourceInput(str(SEEDS), SEEDS.read_bytes())])


def _quads(store: Store) -> set[str]:
    buffer = io.BytesIO()
    export.write_export(store, "nq", buffer)
    return {str(q) for q in ox.parse(buffer.getvalue(), format=ox.RdfFormat.N_QUADS)
            if not str(q.graph_name).endswith("graph/meta>")}


def _graphql(store: Store, query: str) -> dict:
    async def send() -> dict:
        app = create_app(Settings(store_url=store.url, base=BASE), store=store)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
            response = await client.post("/graphql", json={"query": query}, headers={"accept": "application/json"})
            return response.json()
    return asyncio.run(send())


@pytest.fixture
def reference() -> set[str]:
    store = open_store("memory:")
    _import(store)
    return _quads(store)


def test_import_gives_the_same_graph_on_every_backend(store_url: str, reference: set[str]) -> None:
    store = open_store(store_url)
    try:
        _import(store)
        assert _quads(store) == reference
    finally:
        store.close()


def test_reimporting_the_seeds_changes_nothing_on_every_backend(store_url: str) -> None:
    store = open_store(store_url)
    try:
        _import(store)
        before = _quads(store)
        summary = Importer(store, BASE).run([SourceInput(str(SEEDS), SEEDS.read_bytes())])
        assert summary.unchanged == 20 and summary.added == 0
        assert _quads(store) == before
    finally:
        store.close()


def test_graphql_answers_the_same_on_every_backend(store_url: str) -> None:
    expected_store = open_store("memory:")
    _import(expected_store)
    store = open_store(store_url)
    try:
        _import(store)
        answer = _graphql(store, QUERY)
        assert "errors" not in answer
        assert answer == _graphql(expected_store, QUERY)
    finally:
        store.close()


def test_read_interface_counts_agree_on_every_backend(store_url: str) -> None:
    store = open_store(store_url)
    try:
        _import(store)
        reader = GraphReader(store, BASE)
        assert reader.story_count() == 20
        assert sum(reader.entity_counts().values()) > 15
    finally:
        store.close()


def test_a_union_export_holds_each_triple_once_on_every_backend(store_url: str) -> None:
    # The seeds and a held-out batch state some facts (a campaign's theme, a person's role) in two stories.
    extra = Path(__file__).resolve().parents[1] / "data" / "heldout2-stories.txt"
    store = open_store(store_url)
    try:
        Importer(store, BASE).run([SourceInput(str(SEEDS), SEEDS.read_bytes()), SourceInput(str(extra), extra.read_bytes())])
        quads = io.BytesIO()
        export.write_export(store, "nq", quads)
        triples = {str(ox.Triple(q.subject, q.predicate, q.object)) + " ."
                   for q in ox.parse(quads.getvalue(), format=ox.RdfFormat.N_QUADS)}
        for fmt in ("nt", "ttl"):
            buffer = io.BytesIO()
            export.write_export(store, fmt, buffer)
            parsed = [str(t) + " ." for t in ox.parse(buffer.getvalue(), format=export.FORMATS[fmt].rdf)]
            assert len(parsed) == len(set(parsed)) and set(parsed) == triples
    finally:
        store.close()


@pytest.fixture(params=REMOTE_ENGINES)
def remote_url(request: pytest.FixtureRequest, store_url_factory) -> str:
    """An empty store on each remote engine in turn: `oxigraph serve`, then Virtuoso."""
    return store_url_factory(request.param)


@pytest.mark.parametrize("fmt", ["nt", "ttl", "trig", "jsonld", "xml"])
def test_every_export_format_works_over_sparql(remote_url: str, fmt: str) -> None:
    store = open_store(remote_url)
    try:
        _import(store)
        chunks = list(export.iter_export(store, fmt, chunk_size=4096))
        assert len(b"".join(chunks)) > 10_000
    finally:
        store.close()


def test_remote_writes_are_batched_and_story_graphs_whole(remote_url: str) -> None:
    from graph.store.sparql import SparqlStore
    url = remote_url
    store = SparqlStore(url.partition(":")[2], batch=50)
    requests: list[int] = []
    original = store._update

    def counting(ops: list[str]) -> None:
        if ops:
            requests.append(sum(len(op) for op in ops))
        original(ops)
    store._update = counting
    put = store._put_graph

    def counting_puts(graph: str, triples: list[str], method: str = "PUT") -> None:
        requests.append(len(triples))
        put(graph, triples, method)
    store._put_graph = counting_puts
    try:
        _import(store)
        assert len(requests) > 10
        reader = GraphReader(store, BASE)
        assert reader.story_count() == 20
    finally:
        store.close()


def test_remote_url_derives_oxigraph_update_and_store_urls_and_accepts_overrides() -> None:
    from graph.store.sparql import parse_location
    assert parse_location("http://h:7878/query") == ("http://h:7878/query", "http://h:7878/update", "http://h:7878/store")
    assert parse_location("http://h/ds/sparql?update=http://h/ds/update&store=http://h/ds/data") == (
        "http://h/ds/sparql", "http://h/ds/update", "http://h/ds/data")


def test_an_unreachable_endpoint_is_a_store_error_that_says_so() -> None:
    from graph.records import StoreError
    store = open_store("sparql:http://127.0.0.1:9/query")
    with pytest.raises(StoreError, match="cannot reach the SPARQL endpoint"):
        store.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")


def _get(store: Store, path: str, accept: str, **params: str) -> httpx.Response:
    async def send() -> httpx.Response:
        app = create_app(Settings(store_url=store.url, base=BASE), store=store)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
            return await client.get(path, params=params, headers={"accept": accept})
    return asyncio.run(send())


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES),
                                             ("application/rdf+xml", ox.RdfFormat.RDF_XML)])
def test_sparql_describe_answers_the_rdf_format_asked_for_on_every_engine(remote_url: str, accept: str, fmt: ox.RdfFormat) -> None:
    store = open_store(remote_url)
    try:
        _import(store)
        story = GraphReader(store, BASE).story_page(0, 1)[0]
        response = _get(store, "/sparql", accept, query=f"DESCRIBE <{story}>")
        assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
        assert len(list(ox.parse(response.content, format=fmt))) > 5
        construct = _get(store, "/sparql", accept, query=f"CONSTRUCT {{ <{story}> ?p ?o }} WHERE {{ GRAPH ?g {{ <{story}> ?p ?o }} }}")
        assert construct.headers["content-type"].startswith(accept)
        assert {str(t.subject) for t in ox.parse(construct.content, format=fmt)} == {f"<{story}>"}
    finally:
        store.close()


def test_sparql_select_over_the_engine_keeps_terms_intact(remote_url: str) -> None:
    store = open_store(remote_url)
    try:
        _import(store)
        query = ("SELECT ?s ?title ?date WHERE { GRAPH ?s { ?s <https://schema.org/headline> ?title ; "
                 "<http://purl.org/dc/terms/date> ?date } } ORDER BY ?s LIMIT 3")
        remote = _get(store, "/sparql", "application/sparql-results+json", query=query).json()
        expected_store = open_store("memory:")
        _import(expected_store)
        assert remote == _get(expected_store, "/sparql", "application/sparql-results+json", query=query).json()
    finally:
        store.close()


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json"])
def test_linked_data_pages_answer_the_rdf_format_asked_for_on_every_engine(remote_url: str, accept: str) -> None:
    store = open_store(remote_url)
    try:
        _import(store)
        reader = GraphReader(store, BASE)
        story = reader.story_page(0, 1)[0]
        entity = next(e for e, _ in reader.story_entities([story])[story])
        for iri in (story, entity):
            response = _get(store, "/" + iri[len(BASE):], accept)
            assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
            if accept == "text/turtle":
                subjects = {t.subject.value for t in ox.parse(response.content, format=ox.RdfFormat.TURTLE)}
            else:  # compact JSON-LD against the published context: node objects with an "id"
                subjects = {node["id"] for node in response.json()["@graph"]}
            assert iri in subjects
    finally:
        store.close()


def test_counts_and_exports_leave_out_other_data_in_the_engine(remote_url: str, reference: set[str]) -> None:
    store = open_store(remote_url)
    try:
        _import(store)
        seeds_only = store.quad_count()
        store.write(Write(nquads='<http://other.example/s> <http://other.example/p> "not ours" <http://other.example/g> .\n'))
        assert store.quad_count() == seeds_only
        assert _quads(store) == reference
        summary = _get(store, "/.well-known/void", "application/n-triples")
        assert f'"{seeds_only}"' in summary.text
    finally:
        store.close()
