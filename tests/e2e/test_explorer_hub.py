"""The explorer on a generated store of 20k stories: opening a hub as big as the ILO previews before it expands, and stays within the cap."""
from __future__ import annotations

import re

import pytest

from bench.generate import corpus
from graph.pipeline import Importer, SourceInput
from graph.store import open_store
from server.app import create_app
from server.settings import Settings
from tests.e2e.explorer_pages import LocalOnlyPage

BASE = "http://storygraph.test/"
STORIES = 20_000
FOCUS_LIMIT = 30  # main.js draws at most this many entities around the focus
CAP = 25  # the default expansion cap (state.js)

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def hub_server(module_live_server):
    """A server over 20k generated stories (generated and imported once for the module) and its biggest hub."""
    store = open_store("memory:")
    Importer(store, BASE).run([SourceInput("generated.jsonl", corpus(STORIES, "jsonl").encode("utf-8"))])
    # The first requests build the network view and PageRank over 20k stories: on a loaded machine that
    # can take longer than the default 10 s per request, which is not what this test is about.
    app = create_app(Settings(store_url=store.url, base=BASE, graphql_timeout=300.0), store=store)
    # Requests wait for the start-up build instead of being answered 503 "being built" after 2 s.
    app.state.graphql.network.patience = 300.0
    app.state.graphql.search.patience = 300.0
    url = module_live_server(app)
    import httpx

    # Also builds the network view and its PageRank once, before the page's first request waits on them.
    found = httpx.post(url + "/graphql", timeout=300, json={"query": "{ central(first: 1) { iri } "
                       "organizations(first: 1, orderBy: STORY_COUNT) { edges { node { iri name storyCount } } } }"})
    assert found.status_code == 200, found.text[:500]
    assert "data" in found.json(), found.text[:500]
    hub = found.json()["data"]["organizations"]["edges"][0]["node"]
    return url, hub


def test_opening_a_hub_previews_then_stays_within_the_cap(browser, hub_server, request) -> None:
    from playwright.sync_api import expect

    url, hub = hub_server
    assert hub["storyCount"] > 1000, hub
    explorer = LocalOnlyPage(browser, url)
    explorer.context.set_default_timeout(60_000)  # a hub's first answers are computed, not cached
    try:
        page = explorer.open(focus=hub["iri"])
        entities = lambda: [n for n in explorer.nodes().values() if n["type"] != "Story"]  # noqa: E731
        assert 1 < len(entities()) <= FOCUS_LIMIT

        page.get_by_role("button", name="Expand…").click()
        counts = page.locator(".preview-counts")
        expect(counts).to_contain_text("connected entities in")
        neighbours, stories = map(int, re.findall(r"\d+", counts.inner_text().replace(",", ""))[:2])
        assert neighbours > CAP and stories == hub["storyCount"]
        expect(page.locator("#panel .warning")).to_contain_text(f"only the {CAP} with the most shared stories")
        explorer.screenshot(request.node.name + "-preview")

        page.get_by_role("button", name="Expand", exact=True).click()
        explorer.settled()
        assert len(entities()) <= FOCUS_LIMIT + CAP
        stories_drawn = [n for n in explorer.nodes(visible_only=False).values() if n["type"] == "Story"]
        assert len(stories_drawn) <= FOCUS_LIMIT + CAP
    finally:
        explorer.screenshot(request.node.name)
        explorer.close()
    assert explorer.outside == [] and explorer.errors == []
