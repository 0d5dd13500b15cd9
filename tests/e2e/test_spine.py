"""End to end: the seeds imported into a real on-disk Oxigraph store, answered by GraphQL over real HTTP."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.pipeline import Importer, SourceInput
from graph.store import open_store
from server.app import create_app
from server.settings import Settings

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "ilo-news-2021.txt"
BASE = "http://storygraph.test/"

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory: pytest.TempPathFactory):
    store = open_store(f"oxigraph:{tmp_path_factory.mktemp('db')}")
    Importer(store, BASE).run([SourceInput(str(SEEDS), SEEDS.read_bytes())])
    yield store
    store.close()


@pytest.fixture
def graphql(seeded_store, live_server):
    url = live_server(create_app(Settings(store_url=seeded_store.url, base=BASE), store=seeded_store)) + "/graphql"

    def run(query: str, **variables: Any) -> dict[str, Any]:
        response = httpx.post(url, json={"query": query, "variables": variables}, timeout=10)
        assert response.status_code == 200, response.text
        body = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]
    return run


def _story(data: dict[str, Any], title_start: str) -> dict[str, Any]:
    return next(e["node"] for e in data["stories"]["edges"] if e["node"]["title"].startswith(title_start))


STORIES = """query { stories(first: 100) { totalCount edges { node {
  iri title date summary people { name iri } organizations { name aliases } places { name }
  campaigns { name iri } themes { iri name } } } } }"""


def test_all_seed_stories_are_served_newest_first(graphql) -> None:
    data = graphql(STORIES)
    dates = [e["node"]["date"] for e in data["stories"]["edges"]]
    assert data["stories"]["totalCount"] == 20 == len(dates)
    assert dates == sorted(dates, reverse=True)
    assert dates[0] == "2021-03-11" and dates[-1] == "2020-12-17"


def test_pausini_and_rahman_share_the_music_against_child_labour_initiative(graphql) -> None:
    data = graphql(STORIES)
    pausini = _story(data, "Laura Pausini")
    rahman = _story(data, "AR Rahman")
    assert [p["name"] for p in pausini["people"]] == ["Laura Pausini"]
    assert "rahman" in rahman["people"][0]["name"].lower()
    shared = {c["iri"] for c in pausini["campaigns"]} & {c["iri"] for c in rahman["campaigns"]}
    assert any(iri.endswith("/campaign/music-against-child-labour-initiative") for iri in shared)


def test_world_day_of_social_justice_story_mentions_guy_ryder(graphql) -> None:
    data = graphql(STORIES)
    story = next(e["node"] for e in data["stories"]["edges"]
                 if e["node"]["date"] == "2021-02-19" and "Social Justice" in e["node"]["summary"])
    assert "Guy Ryder" in [p["name"] for p in story["people"]]
    assert "World Day of Social Justice" in [c["name"] for c in story["campaigns"]]
    assert "ILO" in story["organizations"][0]["aliases"] + [story["organizations"][0]["name"]]


def test_theme_iris_end_with_the_scheme_id(graphql) -> None:
    data = graphql(STORIES)
    themes = {t["iri"] for e in data["stories"]["edges"] for t in e["node"]["themes"]}
    assert f"{BASE}theme/child-labour" in themes
    assert all(iri.startswith(f"{BASE}theme/") for iri in themes)


def test_entity_by_iri_lists_its_stories(graphql) -> None:
    data = graphql("""query($iri: String!) { entity(iri: $iri) { __typename id
        ... on Person { name stories { title date } } } }""", iri=f"{BASE}person/laura-pausini")
    person = data["entity"]
    assert person["__typename"] == "Person" and person["name"] == "Laura Pausini"
    assert [s["date"] for s in person["stories"]] == ["2021-03-10"]
    again = graphql("query($id: ID!) { node(id: $id) { ... on Person { name } } }", id=person["id"])
    assert again["node"]["name"] == "Laura Pausini"


def test_days_are_nodes_with_their_stories(graphql) -> None:
    data = graphql("""query($iri: String!) { entity(iri: $iri) { ... on Day { date stories { title } } } }""",
                   iri=f"{BASE}date/2021-03-08")
    assert data["entity"]["date"] == "2021-03-08"
    assert len(data["entity"]["stories"]) == 3


def test_cursor_pagination_walks_every_story_once(graphql) -> None:
    seen, after = [], None
    while True:
        page = graphql("""query($after: String) { stories(first: 7, after: $after) {
            pageInfo { hasNextPage endCursor } edges { node { iri } } } }""", after=after)["stories"]
        seen += [e["node"]["iri"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 20


def test_graphiql_page_is_served_without_a_cdn(seeded_store, live_server) -> None:
    url = live_server(create_app(Settings(store_url=seeded_store.url, base=BASE), store=seeded_store))
    page = httpx.get(url + "/graphql", headers={"Accept": "text/html"}, timeout=10)
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    assets = re.findall(r'<(?:script|link)[^>]*(?:src|href)="([^"]+)"', page.text)
    assert assets and all(a.startswith("/static/") or a.startswith("data:") for a in assets), assets
    assert "//" not in "".join(a for a in assets if not a.startswith("data:"))
    assert httpx.get(url + "/healthz", timeout=10).json()["stories"] == 20


def test_the_landing_page_links_the_endpoints_and_latest_stories(seeded_store, live_server) -> None:
    url = live_server(create_app(Settings(store_url=seeded_store.url, base=BASE), store=seeded_store))
    page = httpx.get(url + "/", timeout=10)
    assert page.status_code == 200 and "20 stories" in page.text
    for endpoint in ('href="/graphql"', 'href="/sparql"', 'href="/.well-known/void"'):
        assert endpoint in page.text
    first = re.search(r'<a href="(/story/[^"]+)">JONA OAK', page.text)
    assert first and httpx.get(url + first[1], headers={"Accept": "text/html"}, timeout=10).status_code == 200


def test_roles_become_affiliations_with_their_story(graphql) -> None:
    data = graphql("""query($iri: String!) { entity(iri: $iri) { ... on Person {
        affiliations { role organization { name aliases } stories { date } } } } }""", iri=f"{BASE}person/guy-ryder")
    [affiliation] = data["entity"]["affiliations"]
    assert affiliation["role"] == "Director-General"
    assert affiliation["organization"]["name"] == "International Labour Organization"
    assert "ILO" in affiliation["organization"]["aliases"]
    assert [s["date"] for s in affiliation["stories"]] == ["2021-02-19"]
