"""Dereferenceable IRIs, VoID, /export and the published @context, over the seed import."""
from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib

from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.records import EntityKind
from graph.store import open_store
from graph.store.base import Store
from server.app import create_app
from server.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "ilo-news-2021.txt"
BASE = "http://testserver/"


@pytest.fixture(scope="module")
def seed_store() -> Iterator[Store]:
    store = open_store("memory:")
    Importer(store, BASE).run([SourceInput(str(SEEDS), SEEDS.read_bytes())])
    yield store


def get(store: Store, path: str, accept: str = "text/html", **params: str) -> httpx.Response:
    async def send() -> httpx.Response:
        app = create_app(Settings(store_url="memory:", base=BASE), store=store)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
            return await client.get(path, headers={"accept": accept}, params=params)
    return asyncio.run(send())


def _path(iri: str) -> str:
    assert iri.startswith(BASE)
    return "/" + iri[len(BASE):]


@pytest.fixture(scope="module")
def a_story(seed_store: Store) -> str:
    return GraphReader(seed_store, BASE).story_page(0, 1)[0]


@pytest.fixture(scope="module")
def an_entity(seed_store: Store) -> str:
    reader = GraphReader(seed_store, BASE)
    for kind in (EntityKind.PERSON, EntityKind.ORGANIZATION, EntityKind.THEME, EntityKind.DATE):
        page = reader.entity_page(kind, 0, 1)
        if page:
            return page[0]
    pytest.fail("the seed import has no entities")


def test_entity_iri_answers_an_html_page_with_links(seed_store: Store, an_entity: str) -> None:
    response = get(seed_store, _path(an_entity))
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert '<a href="/story/' in response.text
    assert GraphReader(seed_store, BASE).entities([an_entity])[an_entity].name.replace("'", "&#x27;") in response.text


def test_story_iri_answers_an_html_page_linking_its_entities(seed_store: Store, a_story: str) -> None:
    response = get(seed_store, _path(a_story))
    title = GraphReader(seed_store, BASE).stories([a_story])[a_story].title
    assert response.status_code == 200 and "<h1>" in response.text
    assert '<a href="/date/' in response.text
    from html import escape
    assert escape(title) in response.text


@pytest.mark.parametrize(("accept", "fmt"), [("text/turtle", "turtle"), ("application/ld+json", "json-ld")])
def test_iris_answer_rdf_by_content_negotiation(seed_store: Store, an_entity: str, a_story: str, accept: str, fmt: str) -> None:
    for iri in (an_entity, a_story):
        response = get(seed_store, _path(iri), accept=accept)
        assert response.status_code == 200 and response.headers["content-type"].startswith(accept)
        body = response.content
        if fmt == "json-ld":
            document = json.loads(body)
            from graph.jsonld import context_document
            document["@context"] = context_document()["@context"]
            body = json.dumps(document).encode()
        graph = rdflib.Graph().parse(data=body, format=fmt)
        assert (rdflib.URIRef(iri), None, None) in graph


def test_format_parameter_overrides_accept(seed_store: Store, a_story: str) -> None:
    response = get(seed_store, _path(a_story), accept="text/html", format="ttl")
    assert response.headers["content-type"].startswith("text/turtle")


@pytest.mark.parametrize("path", ["/person/nobody-at-all", "/story/never-imported", "/nonsense/thing"])
def test_unknown_iris_are_404(seed_store: Store, path: str) -> None:
    assert get(seed_store, path).status_code == 404


def test_html_escapes_what_it_shows() -> None:
    from graph.store.base import Write
    store = open_store("memory:")
    story = BASE + "story/x"
    g = f" <{story}> .\n"
    store.write(Write(nquads=(f"<{story}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/NewsArticle>" + g
                              + f'<{story}> <https://schema.org/headline> "<script>alert(1)</script>"' + g
                              + f'<{story}> <https://schema.org/abstract> "a & b"' + g)))
    text = get(store, "/story/x").text
    assert "<script>alert" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "a &amp; b" in text


def test_void_describes_the_dataset(seed_store: Store) -> None:
    response = get(seed_store, "/.well-known/void", accept="text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    void = rdflib.Namespace("http://rdfs.org/ns/void#")
    dataset = rdflib.URIRef(BASE + "dataset")
    assert int(graph.value(dataset, void.triples)) == seed_store.quad_count()
    classes = {str(graph.value(p, void["class"])): int(graph.value(p, void.entities)) for p in graph.objects(dataset, void.classPartition)}
    assert classes["https://schema.org/NewsArticle"] == 20
    assert graph.value(dataset, rdflib.DCTERMS.modified) is not None


@pytest.mark.parametrize(("query", "accept", "media_type"), [
    ({"format": "nq"}, "*/*", "application/n-quads"),
    ({}, "text/turtle", "text/turtle"),
    ({}, "application/ld+json", "application/ld+json"),
])
def test_export_route_streams_the_chosen_format(seed_store: Store, query: dict[str, str], accept: str, media_type: str) -> None:
    response = get(seed_store, "/export", accept=accept, **query)
    assert response.status_code == 200 and response.headers["content-type"].startswith(media_type)
    assert len(response.content) > 1000


def test_export_route_refuses_an_unknown_format(seed_store: Store) -> None:
    response = get(seed_store, "/export", format="csv")
    assert response.status_code == 406 and "ttl" in response.text


def test_context_and_vocabulary_are_served(seed_store: Store) -> None:
    context = get(seed_store, "/ontology/context.jsonld", accept="application/ld+json")
    assert context.status_code == 200 and "headline" in context.json()["@context"]
    vocabulary = get(seed_store, "/ontology", accept="text/turtle")
    assert vocabulary.status_code == 200 and len(rdflib.Graph().parse(data=vocabulary.text, format="turtle")) > 50


def test_a_person_page_shows_the_role_and_organization() -> None:
    from graph.pipeline import Importer, SourceInput
    from graph.store import open_store
    from server.app import create_app
    from server.settings import Settings
    from starlette.testclient import TestClient
    base = "http://testserver/"
    store = open_store("memory:")
    listing = b"1. A message\n\n19 February 2021\n\nILO Director-General Guy Ryder calls for solidarity.\n"
    Importer(store, base).run([SourceInput("one.txt", listing)])
    with TestClient(create_app(Settings(store_url="memory:", base=base), store=store)) as client:
        page = client.get("/person/guy-ryder", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "Director-General, <a href=\"/organization/international-labour-organization\">" in page.text


@pytest.mark.parametrize("path", ["/person/a%20b", "/person/a%22b", "/person/laura-pausini%3E%20%3Fx",
                                  "/person/%25", "/person/a%00b", "/person/%FF%FE", "/story/x%3E%20%7D%20UNION%20%7B",
                                  "/person/a/b", "/theme/" + "x" * 300])
@pytest.mark.parametrize("accept", ["text/html", "text/turtle"])
def test_a_path_that_cannot_name_a_resource_is_a_404_never_a_500(seed_store: Store, path: str, accept: str) -> None:
    response = get(seed_store, path, accept)
    assert response.status_code == 404
    assert "no such resource" in response.text


def _store_with_url(url: str) -> tuple[Store, str]:
    store = open_store("memory:")
    line = json.dumps({"id": "u", "title": "A story with a link", "date": "2021-03-11", "summary": "Text.", "url": url})
    Importer(store, BASE).run([SourceInput("u.jsonl", line.encode())])
    return store, GraphReader(store, BASE).story_page(0, 1)[0]


@pytest.mark.parametrize("url", ["javascript://x/%0Aalert(2)", "JavaScript://example.org/%0Aalert(1)",
                                 "data://text/html,%3Cscript%3Ealert(1)%3C/script%3E", "vbscript://x/alert"])
def test_a_source_url_that_is_not_http_is_shown_as_text_not_a_link(url: str) -> None:
    store, story = _store_with_url(url)
    page = get(store, _path(story)).text
    assert "alert" in page  # the URL is shown, as text
    scheme = url.split(":", 1)[0].lower()
    assert f'href="{scheme}' not in page.lower()


def test_an_http_source_url_is_a_link() -> None:
    store, story = _store_with_url("https://example.org/news/1")
    assert 'href="https://example.org/news/1"' in get(store, _path(story)).text
