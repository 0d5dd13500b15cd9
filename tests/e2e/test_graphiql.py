"""GraphiQL is served entirely from the package: it renders and runs queries with no network beyond our server."""

from __future__ import annotations

import asyncio
from html.parser import HTMLParser
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import httpx
import pytest
import strawberry
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from strawberry.asgi import GraphQL

from server.graphiql import GRAPHIQL_DIR, STATIC_DIR, VENDORED_FILES, graphiql_html, sri_sha384, wants_graphiql

MAX_VENDORED_BYTES = 3 * 1024 * 1024


@strawberry.type
class Query:
    @strawberry.field
    def hello(self, name: str = "world") -> str:
        return f"Hello, {name}!"

    @strawberry.field
    def header(self, info: strawberry.Info, name: str) -> str | None:
        return info.context["request"].headers.get(name)


class LocalGraphiQL(GraphQL):
    """Strawberry's view with its CDN page swapped for ours, shown only to browsers asking for no query."""

    def should_render_graphql_ide(self, request) -> bool:
        return wants_graphiql(request)

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(graphiql_html("/graphql"))


def make_app() -> Starlette:
    return Starlette(
        routes=[
            Route("/graphql", LocalGraphiQL(strawberry.Schema(query=Query))),
            Mount("/static", StaticFiles(directory=STATIC_DIR)),
        ]
    )


class _AssetCollector(HTMLParser):
    """(url, integrity) of every <script src> and <link rel=stylesheet> in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.assets: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "script" and attributes.get("src"):
            self.assets.append((attributes["src"], attributes.get("integrity")))
        elif tag == "link" and attributes.get("rel") == "stylesheet":
            self.assets.append((attributes["href"], attributes.get("integrity")))


def page_assets(page: str) -> list[tuple[str, str | None]]:
    collector = _AssetCollector()
    collector.feed(page)
    return collector.assets


# --- the page itself, no browser -------------------------------------------------------------


def test_page_loads_every_script_and_style_from_local_static() -> None:
    assets = page_assets(graphiql_html())

    assert len(assets) == len(VENDORED_FILES)
    for url, _ in assets:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, f"{url} is not a local URL"
        assert parts.path.startswith("/static/graphiql/"), url
    assert "http://" not in "".join(url for url, _ in assets)
    assert "https://" not in "".join(url for url, _ in assets)


def test_integrity_attributes_match_the_vendored_files() -> None:
    for url, integrity in page_assets(graphiql_html()):
        path = GRAPHIQL_DIR / PurePosixPath(urlsplit(url).path).name
        assert integrity == sri_sha384(path), (
            f"{path.name} changed on disk; if that was an intended upgrade, pin "
            f"{sri_sha384(path)} in server/graphiql.py (see server/static/graphiql/README.md)"
        )


def test_vendored_files_are_small_licensed_and_documented() -> None:
    readme = (GRAPHIQL_DIR / "README.md").read_text(encoding="utf-8")
    for vendored in VENDORED_FILES:
        assert vendored.path.stat().st_size < MAX_VENDORED_BYTES, vendored.name
        assert vendored.package in readme, f"README.md does not mention {vendored.package}"
    assert sorted(p.name for p in GRAPHIQL_DIR.glob("LICENSE*")) == [
        "LICENSE.graphiql",
        "LICENSE.react",
        "LICENSE.react-dom",
    ]


def test_endpoint_cannot_break_out_of_the_script() -> None:
    page = graphiql_html('/graphql"</script><script>alert(1)//')

    assert "<script>alert(1)" not in page


def test_static_url_can_be_moved_for_apps_mounted_elsewhere() -> None:
    assets = page_assets(graphiql_html("/api/graphql", static_url="/api/static/graphiql/"))

    assert all(url.startswith("/api/static/graphiql/") for url, _ in assets)


def test_only_a_browser_asking_for_nothing_gets_the_page_every_other_get_is_graphql() -> None:
    browser_accept = {"accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    apollo_apq = ('/graphql?operationName=Hello&variables=%7B%7D&extensions='
                  '%7B%22persistedQuery%22%3A%7B%22version%22%3A1%2C%22sha256Hash%22%3A%22abc%22%7D%7D')

    async def fetch() -> dict[str, httpx.Response]:
        transport = httpx.ASGITransport(app=make_app())
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return {
                "browser": await client.get("/graphql", headers=browser_accept),
                "browser link": await client.get("/graphql?query={hello}", headers=browser_accept),
                "curl": await client.get("/graphql?query={hello}", headers={"accept": "*/*"}),
                "apollo apq": await client.get(apollo_apq, headers={"accept": "*/*"}),
            }

    got = asyncio.run(fetch())

    assert 'id="graphiql"' in got["browser"].text
    assert got["browser link"].json() == {"data": {"hello": "Hello, world!"}}
    assert got["curl"].json() == {"data": {"hello": "Hello, world!"}}
    assert not got["apollo apq"].headers["content-type"].startswith("text/html")


# --- in a real browser against a real server ---------------------------------------------------


@pytest.fixture
def graphiql_page(browser, live_server):
    """A fresh page on a live server whose non-local requests are aborted and recorded."""
    base_url = live_server(make_app())
    context = browser.new_context()
    context.set_default_timeout(10_000)
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []

    def only_local(route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield base_url, page, outside, errors
    context.close()


@pytest.mark.e2e
def test_graphiql_renders_with_no_request_leaving_the_machine(graphiql_page) -> None:
    from playwright.sync_api import expect

    base_url, page, outside, errors = graphiql_page
    page.goto(f"{base_url}/graphql", wait_until="load")

    expect(page.locator(".graphiql-container")).to_be_visible()
    expect(page.locator(".graphiql-query-editor")).to_contain_text("stories(first: 5)")
    page.get_by_role("button", name="Show GraphiQL Explorer").click()
    expect(page.locator(".graphiql-explorer-root")).to_contain_text("hello")
    assert outside == []
    assert errors == []


@pytest.mark.e2e
def test_query_typed_in_graphiql_runs_and_shows_the_answer(graphiql_page) -> None:
    from playwright.sync_api import expect

    base_url, page, outside, errors = graphiql_page
    page.goto(f"{base_url}/graphql", wait_until="load")

    page.locator(".graphiql-query-editor .CodeMirror").click()
    page.keyboard.press("ControlOrMeta+A")
    # insert_text avoids CodeMirror's bracket auto-closing, which keystrokes would trigger.
    page.keyboard.insert_text('{ hello(name: "storygraph") }')
    page.locator(".graphiql-execute-button").click()

    expect(page.locator(".graphiql-response")).to_contain_text('"hello": "Hello, storygraph!"')
    assert outside == []
    assert errors == []


@pytest.mark.e2e
def test_headers_typed_in_graphiql_are_sent_with_the_query(graphiql_page) -> None:
    from playwright.sync_api import expect

    base_url, page, outside, errors = graphiql_page
    page.goto(f"{base_url}/graphql", wait_until="load")

    page.locator(".graphiql-query-editor .CodeMirror").click()
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.insert_text('{ header(name: "x-storygraph-token") }')
    page.get_by_role("button", name="Headers").click()
    page.locator(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror").click()
    page.keyboard.insert_text('{"X-Storygraph-Token": "s3cret"}')
    page.locator(".graphiql-execute-button").click()

    expect(page.locator(".graphiql-response")).to_contain_text('"header": "s3cret"')
    assert "s3cret" not in page.url, "headers must not leak into shareable URLs"
    assert outside == []
    assert errors == []


@pytest.mark.e2e
def test_query_in_the_link_fragment_opens_in_the_editor(graphiql_page) -> None:
    from playwright.sync_api import expect

    base_url, page, outside, errors = graphiql_page
    page.goto(f"{base_url}/graphql#query=%7B%20hello%20%7D", wait_until="load")

    expect(page.locator(".graphiql-query-editor")).to_contain_text("{ hello }")
    page.locator(".graphiql-execute-button").click()
    expect(page.locator(".graphiql-response")).to_contain_text('"hello": "Hello, world!"')
    assert outside == []
    assert errors == []
