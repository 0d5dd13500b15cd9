"""/explore and its static files: served offline, linked from every HTML page, and CORS off unless allowed."""
from __future__ import annotations

import asyncio
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from graph.store import open_store
from server.app import create_app
from server.settings import Settings, cors_origins

EXPLORE = Path(__file__).resolve().parents[2] / "server" / "static" / "explore"
BASE = "http://testserver/"
PERSON = BASE + "person/laura-pausini"


def request(method: str, path: str, settings: Settings | None = None, **kwargs) -> httpx.Response:
    async def send() -> httpx.Response:
        app = create_app(settings or Settings(store_url="memory:", base=BASE), store=open_store("memory:"))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
            return await client.request(method, path, **kwargs)
    return asyncio.run(send())


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.urls.append(found["src"] or "")
        if tag == "link" and found.get("rel") == "stylesheet":
            self.urls.append(found["href"] or "")


def test_explore_is_an_html_page_whose_every_asset_is_served_here() -> None:
    page = request("GET", "/explore")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    parser = _Assets()
    parser.feed(page.text)
    assert len(parser.urls) >= 6
    for url in parser.urls:
        assert url.startswith("/static/explore/"), url
        assert request("GET", url).status_code == 200, url


def test_page_modules_import_only_each_other_and_name_no_other_host() -> None:
    for module in EXPLORE.glob("*.js"):
        text = module.read_text(encoding="utf-8")
        for target in re.findall(r'from\s+"([^"]+)"', text):
            assert target.startswith("./") and (EXPLORE / target).is_file(), f"{module.name} imports {target}"
        assert not re.search(r"https?://", text), f"{module.name} names a host"


def test_every_vendored_file_has_its_licence_and_pinned_version() -> None:
    versions = (EXPLORE / "vendor" / "VERSIONS").read_text().splitlines()
    pinned = [line.split("\t") for line in versions if line and not line.startswith("#")]
    assert {name for name, _, _ in pinned} == {p.name for p in (EXPLORE / "vendor").glob("*.js")}
    for _name, package, integrity in pinned:
        assert (EXPLORE / "vendor" / f"LICENSE.{package.rsplit('@', 1)[0]}").is_file()
        assert integrity.startswith("sha512-")


def test_cors_origins_are_a_comma_or_space_separated_list() -> None:
    assert cors_origins("") == ()
    assert cors_origins("https://a.example, http://localhost:3000/ https://b.example") == (
        "https://a.example", "http://localhost:3000", "https://b.example")


def test_no_cors_headers_by_default() -> None:
    answer = request("POST", "/graphql", json={"query": "{ __typename }"}, headers={"Origin": "https://elsewhere.example"})
    assert answer.json()["data"] == {"__typename": "Query"}
    assert "access-control-allow-origin" not in answer.headers


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_an_allowed_origin_may_read_graphql_with_get_and_post(method: str) -> None:
    settings = Settings(store_url="memory:", base=BASE, cors_origins=("https://explorer.example",))
    preflight = request("OPTIONS", "/graphql", settings, headers={
        "Origin": "https://explorer.example", "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://explorer.example"
    kwargs = {"params": {"query": "{ __typename }"}} if method == "GET" else {"json": {"query": "{ __typename }"}}
    answer = request(method, "/graphql", settings, headers={"Origin": "https://explorer.example", "Accept": "application/json"}, **kwargs)
    assert answer.json()["data"] == {"__typename": "Query"}
    assert answer.headers["access-control-allow-origin"] == "https://explorer.example"


def test_an_origin_not_on_the_list_gets_no_cors_headers() -> None:
    settings = Settings(store_url="memory:", base=BASE, cors_origins=("https://explorer.example",))
    preflight = request("OPTIONS", "/graphql", settings, headers={
        "Origin": "https://other.example", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers


def test_an_allowed_origin_still_needs_the_token_to_import() -> None:
    settings = Settings(store_url="memory:", base=BASE, import_token="s3cret", cors_origins=("https://explorer.example",))
    mutation = {"query": 'mutation { importDocument(content: "A title\\n2021-01-01\\nA summary.\\n") { added } }'}
    answer = request("POST", "/graphql", settings, json=mutation, headers={"Origin": "https://explorer.example"})
    assert answer.json().get("data") is None and answer.json()["errors"]


def test_the_landing_page_links_to_the_explorer() -> None:
    assert 'href="/explore"' in request("GET", "/").text


def test_graphiql_links_to_the_explorer() -> None:
    assert 'href="/explore"' in request("GET", "/graphql", headers={"Accept": "text/html"}).text


def test_linked_data_pages_open_their_resource_in_the_explorer() -> None:
    from graph.pipeline import Importer, SourceInput

    seeds = Path(__file__).resolve().parents[2] / "seeds" / "ilo-news-2021.txt"
    store = open_store("memory:")
    Importer(store, BASE).run([SourceInput(str(seeds), seeds.read_bytes())])

    async def send() -> httpx.Response:
        app = create_app(Settings(store_url="memory:", base=BASE), store=store)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
            return await client.get("/person/laura-pausini", headers={"Accept": "text/html"})
    page = asyncio.run(send())
    assert f'href="/explore?focus={quote(PERSON, safe="")}"' in page.text
