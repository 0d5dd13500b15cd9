"""CORS in a real browser: the README's page on another origin draws a neighbourhood when that origin is allowed, and is refused when not."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from graph.pipeline import Importer, SourceInput
from graph.store import open_store
from server.app import create_app
from server.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "explorer-elsewhere.html"
SEEDS = ROOT / "seeds" / "ilo-news-2021.txt"
BASE = "http://storygraph.test/"

pytestmark = pytest.mark.e2e


def other_site() -> Starlette:
    """Serves the README's example page, pointed at the storygraph server on the port in the path."""
    async def page(request: Request) -> HTMLResponse:
        text = EXAMPLE.read_text(encoding="utf-8")
        text = text.replace("http://127.0.0.1:8000/person/", BASE + "person/")
        return HTMLResponse(text.replace("http://127.0.0.1:8000/", f"http://127.0.0.1:{request.path_params['port']}/"))
    return Starlette(routes=[Route("/{port:int}", page)])


@pytest.fixture(scope="module")
def seeded_store():
    store = open_store("memory:")
    Importer(store, BASE).run([SourceInput(str(SEEDS), SEEDS.read_bytes())])
    return store


def open_page(browser, url: str):
    context = browser.new_context()
    context.set_default_timeout(15_000)
    outside: list[str] = []

    def only_local(route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()
    context.route("**/*", only_local)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors, outside


def test_a_page_on_an_allowed_origin_draws_the_neighbourhood(browser, live_server, seeded_store) -> None:
    from playwright.sync_api import expect

    site = live_server(other_site())
    api = live_server(create_app(Settings(store_url="memory:", base=BASE, cors_origins=(site,)), store=seeded_store))
    context, page, errors, outside = open_page(browser, site)
    try:
        page.goto(f"{site}/{urlsplit(api).port}")
        expect(page).to_have_title("5 nodes from storygraph")
        assert page.locator("#graph canvas").count() > 0
    finally:
        context.close()
    assert errors == [] and outside == []


def test_a_page_on_another_origin_is_refused_by_the_browser(browser, live_server, seeded_store) -> None:
    from playwright.sync_api import expect

    site = live_server(other_site())
    api = live_server(create_app(Settings(store_url="memory:", base=BASE, cors_origins=("http://127.0.0.1:1",)), store=seeded_store))
    context, page, errors, outside = open_page(browser, site)
    try:
        with page.expect_event("pageerror") as refused:
            page.goto(f"{site}/{urlsplit(api).port}")
        assert "Failed to fetch" in str(refused.value)
        expect(page).to_have_title("A neighbourhood from storygraph")
    finally:
        context.close()
    assert outside == []
