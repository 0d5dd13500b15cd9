"""The relationship explorer at /explore, in headless Chromium against real uvicorn holding the seeds.

Every request leaving 127.0.0.1 is aborted and fails the test; each test leaves a screenshot in
tests/e2e/artefacts/ (or $STORYGRAPH_ARTEFACTS).
"""
from __future__ import annotations

import json
import base64
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from graph.pipeline import Importer, SourceInput
from graph.store import open_store
from server.app import create_app
from server.settings import Settings
from tests.e2e.explorer_pages import LocalOnlyPage

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "ilo-news-2021.txt"
BASE = "http://storygraph.test/"
PAUSINI = BASE + "person/laura-pausini"
RAHMAN = BASE + "person/a-r-rahman"
MACLI = BASE + "campaign/music-against-child-labour-initiative"
MACLI_NAME = "Music Against Child Labour Initiative"

pytestmark = pytest.mark.e2e


def seeded_app(**settings: object):
    store = open_store("memory:")
    Importer(store, BASE).run([SourceInput(str(SEEDS), SEEDS.read_bytes())])
    settings.setdefault("graphql_timeout", 120.0)  # a loaded machine's first requests build the network view
    return create_app(Settings(store_url="memory:", base=BASE, **settings), store=store)


@pytest.fixture(scope="module")
def base_url(module_live_server) -> str:
    url = module_live_server(seeded_app())
    # Build the network view and its PageRank before the first page waits on them.
    warm = httpx.post(url + "/graphql", timeout=120, json={"query": "{ central(first: 1) { iri } }"})
    assert warm.status_code == 200, warm.text
    return url


@pytest.fixture
def explorer(browser, base_url, request):
    page = LocalOnlyPage(browser, base_url)
    yield page
    page.screenshot(request.node.name)
    page.close()
    assert page.outside == [], f"requests left 127.0.0.1: {page.outside}"
    assert page.errors == [], f"JavaScript errors: {page.errors}"


def state(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_search_opens_an_entity_and_shows_its_neighbourhood(explorer) -> None:
    from playwright.sync_api import expect

    page = explorer.open()
    page.locator("#search").fill("Pausini")
    options = page.get_by_role("option")
    expect(options.first).to_contain_text("Laura Pausini")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    expect(options.first).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Enter")
    explorer.settled()

    assert state(page)["focus"] == [PAUSINI]
    assert MACLI_NAME in explorer.nodes()
    assert "focus" in explorer.nodes()["Laura Pausini"]["classes"]
    expect(page.locator("#panel h2")).to_have_text("Laura Pausini")
    # Type is drawn as a shape too, and the legend says which.
    expect(page.locator("#legend")).to_contain_text("Campaign")
    assert page.locator("#legend .shape-star").count() == 1


def test_expanding_a_node_previews_its_neighbours_then_adds_them(explorer) -> None:
    from playwright.sync_api import expect

    page = explorer.open(focus=PAUSINI)
    assert "AR Rahman" not in explorer.nodes()
    explorer.click_node(MACLI_NAME)
    expect(page.locator("#panel h2")).to_have_text(MACLI_NAME)
    page.get_by_role("button", name="Expand…").click()

    expect(page.locator(".preview-counts")).to_contain_text("8 connected entities in 3 stories")
    page.get_by_role("button", name="Expand", exact=True).click()
    explorer.settled()

    assert "AR Rahman" in explorer.nodes()
    assert state(page)["expand"] == [MACLI]
    page.get_by_role("button", name="Collapse").click()
    explorer.settled()
    assert "AR Rahman" not in explorer.nodes()


def test_a_path_between_two_people_is_highlighted_with_the_story_of_each_hop(explorer) -> None:
    from playwright.sync_api import expect

    page = explorer.open(focus=PAUSINI)
    page.get_by_role("button", name="Paths…").click()
    for field, text, name in (("#path-from", "Pausini", "Laura Pausini"), ("#path-to", "Rahman", "AR Rahman")):
        page.locator(field).fill(text)
        expect(page.get_by_role("option").first).to_contain_text(name)
        page.keyboard.press("Enter")
    explorer.settled()

    assert state(page)["pathFrom"] == [PAUSINI] and state(page)["pathTo"] == [RAHMAN]
    on_path = {label for label, node in explorer.nodes().items() if "path" in node["classes"]}
    assert {"Laura Pausini", "AR Rahman"} < on_path and len(on_path) == 3
    assert len(explorer.edges_with_class("path")) == 2
    first = page.locator(".paths > li").first
    expect(first).to_contain_text("Laura Pausini: Education and music empowers children")
    expect(first).to_contain_text("AR Rahman: Let's use the power of music to fight child labour")


def test_opening_a_story_shows_its_mentions_highlighted(explorer) -> None:
    from playwright.sync_api import expect

    page = explorer.open(focus=PAUSINI)
    # The entity's own mentions are marked in its story list…
    expect(page.locator("#panel .stories mark").first).to_have_text("Laura Pausini")
    page.get_by_role("button", name="open story").first.click()
    explorer.settled()

    # …and the story shows every mention, with how it was found.
    expect(page.locator("#panel h2")).to_have_text("Laura Pausini: Education and music empowers children")
    marks = page.locator("#panel .story mark")
    expect(marks.filter(has_text="Laura Pausini").first).to_be_visible()
    expect(marks.filter(has_text="Laura Pausini").first).to_have_attribute("title", "Laura Pausini: rule, confidence 0.85")
    expect(page.locator("#panel .evidence-list")).to_contain_text("gazetteer, confidence 0.95")


def test_brushing_the_timeline_to_february_removes_the_march_stories(explorer) -> None:
    page = explorer.open(focus=MACLI, stories="1")
    stories = {label: n for label, n in explorer.nodes().items() if n["type"] == "Story"}
    march = "Laura Pausini: Education and music empowers children"
    assert march in stories and len(stories) >= 2

    bar = page.locator('.bar[data-month="2021-02"]').bounding_box()
    assert bar is not None
    page.mouse.move(bar["x"] + bar["width"] * 0.3, bar["y"] + bar["height"] / 2)
    page.mouse.down()
    page.mouse.move(bar["x"] + bar["width"] * 0.7, bar["y"] + bar["height"] / 2, steps=3)
    page.mouse.up()
    explorer.settled()

    assert state(page)["since"] == ["2021-02"] and state(page)["until"] == ["2021-02"]
    left = {label for label, n in explorer.nodes().items() if n["type"] == "Story"}
    assert march not in left
    assert left and left < set(stories)
    # Laura Pausini is only in the March story: she fades rather than vanishing.
    assert "faded" in explorer.nodes()["Laura Pausini"]["classes"]


def test_the_url_restores_the_view_and_back_steps_through_it(explorer) -> None:
    page = explorer.open(focus=PAUSINI, expand=MACLI, hideType="Theme", pathFrom=PAUSINI, pathTo=RAHMAN)
    before = {label: n["classes"] for label, n in explorer.nodes().items()}
    assert "AR Rahman" in before and not any(n["type"] == "Theme" for n in explorer.nodes().values())

    page.reload()
    explorer.settled()
    assert {label: n["classes"] for label, n in explorer.nodes().items()} == before

    page.locator('#legend input[data-type="Theme"]').check()
    explorer.settled()
    assert any(n["type"] == "Theme" for n in explorer.nodes().values())
    page.go_back()
    explorer.settled()
    assert state(page)["hideType"] == ["Theme"]
    assert {label: n["classes"] for label, n in explorer.nodes().items()} == before


def test_png_export_draws_the_graph(explorer) -> None:
    page = explorer.open(focus=PAUSINI)
    with page.expect_download() as download:
        page.get_by_role("button", name="PNG").click()
    data = Path(download.value.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    coloured = page.evaluate("""async (b64) => {
        const image = new Image();
        image.src = 'data:image/png;base64,' + b64;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width; canvas.height = image.height;
        const context = canvas.getContext('2d');
        context.drawImage(image, 0, 0);
        const pixels = context.getImageData(0, 0, image.width, image.height).data;
        let count = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i] < 200 || pixels[i + 1] < 200 || pixels[i + 2] < 200) count++;
        return count;
    }""", base64.b64encode(data).decode())
    assert coloured > 1000


def test_graphql_json_export_holds_the_queries_that_built_the_view(explorer) -> None:
    import json

    page = explorer.open(focus=PAUSINI)
    with page.expect_download() as download:
        page.get_by_role("button", name="GraphQL/JSON").click()
    exported = json.loads(Path(download.value.path()).read_text())
    hood = next(r for r in exported["requests"] if "neighbourhood(" in r["query"])
    assert hood["variables"]["iri"] == PAUSINI
    replay = httpx.post(explorer.base_url + "/graphql", json={"query": hood["query"], "variables": hood["variables"]}, timeout=10)
    assert replay.json()["data"] == hood["data"]


def test_type_filter_hides_a_type(explorer) -> None:
    page = explorer.open(focus=PAUSINI)
    assert any(n["type"] == "Theme" for n in explorer.nodes().values())
    page.locator('#legend input[data-type="Theme"]').uncheck()
    explorer.settled()
    assert not any(n["type"] == "Theme" for n in explorer.nodes().values())
    assert state(page)["hideType"] == ["Theme"]


def test_selecting_a_tie_lists_the_stories_both_ends_share(explorer) -> None:
    from playwright.sync_api import expect

    tie = "|".join(sorted([PAUSINI, MACLI]))
    page = explorer.open(focus=PAUSINI, select=tie)
    expect(page.locator("#panel h2")).to_contain_text("—")
    expect(page.locator("#panel .stories li")).to_have_count(1)
    expect(page.locator("#panel .stories")).to_contain_text("Laura Pausini: Education and music empowers children")


def test_phone_width_still_works(browser, base_url, request) -> None:
    from playwright.sync_api import expect

    explorer = LocalOnlyPage(browser, base_url, width=375, height=740)
    try:
        page = explorer.open()
        page.locator("#search").fill("Pausini")
        expect(page.get_by_role("option").first).to_contain_text("Laura Pausini")
        page.keyboard.press("Enter")
        explorer.settled()
        assert MACLI_NAME in explorer.nodes()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        graph = page.locator("#graph").bounding_box()
        panel = page.locator("#panel").bounding_box()
        assert graph and panel and graph["width"] > 300 and panel["y"] >= graph["y"] + graph["height"] - 1
        explorer.click_node(MACLI_NAME)
        expect(page.locator("#panel h2")).to_have_text(MACLI_NAME)
    finally:
        explorer.screenshot(request.node.name)
        explorer.close()
    assert explorer.outside == [] and explorer.errors == []


def test_keyboard_alone_reaches_a_nodes_details(explorer) -> None:
    from playwright.sync_api import expect

    page = explorer.open()
    expect(page.locator("#search")).to_be_focused()
    page.keyboard.type("Pausini")
    expect(page.get_by_role("option").first).to_contain_text("Laura Pausini")
    page.keyboard.press("Enter")
    explorer.settled()
    for _ in range(40):
        if page.evaluate("document.activeElement.id") == "graph":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "graph"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"

    page.keyboard.press("ArrowRight")
    explorer.settled()
    chosen = next(label for label, n in explorer.nodes().items() if n["selected"])
    page.keyboard.press("Enter")
    explorer.settled()
    expect(page.locator("#panel h2")).to_have_text(chosen)
    expect(page.locator("#panel h2")).to_be_focused()


def test_an_unknown_iri_says_so_and_offers_search(explorer) -> None:
    from playwright.sync_api import expect

    page = explorer.open(focus=BASE + "person/nobody-at-all")
    expect(page.locator("#panel")).to_contain_text("Nothing in this graph is known as http://storygraph.test/person/nobody-at-all")
    expect(page.locator("#search")).to_be_focused()


def test_api_errors_are_shown_in_words(explorer) -> None:
    from playwright.sync_api import expect

    message = "the query ran longer than 10 s and was stopped; ask for fewer items (first/limit) or less depth"
    explorer.page.route("**/graphql", lambda route: route.fulfill(
        status=504, content_type="application/json", body=json.dumps({"errors": [{"message": message}]})))
    page = explorer.open(focus=PAUSINI)
    expect(page.locator("#status")).to_have_text(f"The API could not answer: {message}")


def test_an_import_while_open_is_noticed_and_offered_as_a_refresh(browser, live_server, request) -> None:
    from playwright.sync_api import expect

    url = live_server(seeded_app(import_token="s3cret"))
    explorer = LocalOnlyPage(browser, url)
    try:
        page = explorer.open(focus=PAUSINI)
        expect(page.locator("#live")).to_be_hidden()
        listing = "Laura Pausini sings for the ILO\n2021-04-01\nLaura Pausini and AR Rahman open a concert for decent work.\n"
        done = httpx.post(url + "/graphql", headers={"Authorization": "Bearer s3cret"}, timeout=30, json={
            "query": "mutation($c: String!) { importDocument(content: $c, format: \"listing\") { added } }",
            "variables": {"c": listing}})
        assert done.json()["data"]["importDocument"]["added"] == 1, done.text
        page.evaluate("window.dispatchEvent(new Event('focus'))")
        expect(page.locator("#live")).to_contain_text("The graph has changed")
        page.get_by_role("button", name="Refresh the view").click()
        explorer.settled()
        expect(page.locator("#live")).to_be_hidden()
        assert "AR Rahman" in explorer.nodes()
    finally:
        explorer.screenshot(request.node.name)
        explorer.close()
    assert explorer.outside == [] and explorer.errors == []


def test_copy_puts_the_views_graphql_on_the_clipboard(explorer) -> None:
    from playwright.sync_api import expect

    explorer.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=explorer.base_url)
    page = explorer.open(focus=PAUSINI)
    page.get_by_role("button", name="Copy the GraphQL query of this view").click()
    expect(page.locator("#status")).to_have_text("Copied the GraphQL query of this view to the clipboard.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "neighbourhood(iri: $iri, limit: $limit, includeStories: true)" in copied
    assert PAUSINI in copied


def test_size_follows_story_count_or_centrality(explorer) -> None:
    page = explorer.open(focus=MACLI)
    size = "(label) => window.storygraphExplorer.view.cy.nodes().filter(n => n.data('label') === label)[0].data('size')"
    by_stories = {label: page.evaluate(size, label) for label in ("Laura Pausini", "Child labour")}
    page.locator("#size").select_option("centrality")
    explorer.settled()
    by_centrality = {label: page.evaluate(size, label) for label in ("Laura Pausini", "Child labour")}
    assert state(page)["size"] == ["centrality"]
    assert by_centrality != by_stories
    assert by_stories["Child labour"] > by_stories["Laura Pausini"]


def test_hidden_nodes_can_be_shown_again(explorer) -> None:
    page = explorer.open(focus=PAUSINI)
    explorer.click_node(MACLI_NAME)
    page.get_by_role("button", name="Hide").click()
    explorer.settled()
    assert MACLI_NAME not in explorer.nodes()
    page.get_by_role("button", name="Show 1 hidden").click()
    explorer.settled()
    # the flag alone is enough: it once cleared while cytoscape still answered visible() from before the node was
    # shown again (until its next frame); test_the_render_flag_clears_over_the_view_asked_for_even_before_a_frame
    # holds the frames back to keep it so
    assert MACLI_NAME in explorer.nodes()


# The page's animation frames held back until the test lets them go, as on a loaded machine where the next frame
# comes after a script has already read the view: cytoscape works a class change into an element's style on its
# next frame unless asked for it sooner, and until then answers visible() and ':visible' from before the change.
HELD_FRAMES = """(() => {
  const frame = window.requestAnimationFrame.bind(window);
  let held = [];
  window.requestAnimationFrame = (callback) => (held ? (held.push(callback), 0) : frame(callback));
  window.releaseFrames = () => { const waiting = held || []; held = null; for (const callback of waiting) frame(callback); };
})()"""


def test_the_render_flag_clears_over_the_view_asked_for_even_before_a_frame(explorer) -> None:
    """<body data-busy> clears only once cytoscape shows what was asked: hidden, shown again, filtered, laid out."""
    explorer.page.add_init_script(HELD_FRAMES)
    page = explorer.open(focus=PAUSINI)
    laid_out = "() => window.storygraphExplorer.view.cy.nodes(':visible').every((n) => n.scratch('_laidOut'))"
    try:
        assert MACLI_NAME in explorer.nodes()
        explorer.click_node(MACLI_NAME)
        page.get_by_role("button", name="Hide").click()
        explorer.settled()
        assert MACLI_NAME not in explorer.nodes()
        page.get_by_role("button", name="Show 1 hidden").click()
        explorer.settled()
        assert MACLI_NAME in explorer.nodes()

        assert any(n["type"] == "Theme" for n in explorer.nodes().values())
        page.locator('#legend input[data-type="Theme"]').uncheck()
        explorer.settled()
        assert not any(n["type"] == "Theme" for n in explorer.nodes().values())

        assert not any(n["type"] == "Story" for n in explorer.nodes().values())
        page.locator('#legend input[data-type="Story"]').check()
        explorer.settled()
        assert any(n["type"] == "Story" for n in explorer.nodes().values())
        assert page.evaluate(laid_out), "stories shown are laid out before the flag clears"
    finally:
        page.evaluate("window.releaseFrames()")


def test_a_story_in_focus_shows_what_it_links_to(explorer) -> None:
    from playwright.sync_api import expect

    title = "Laura Pausini: Education and music empowers children"
    page = explorer.open(focus=BASE + "story/2021-03-10-laura-pausini-education-and-music-empowers-children")
    drawn = explorer.nodes()
    assert drawn[title]["type"] == "Story"
    assert {"Laura Pausini", MACLI_NAME} < set(drawn)
    expect(page.locator("#panel h2")).to_have_text(title)


def test_a_big_view_is_laid_out_in_a_worker_and_spread_out(explorer) -> None:
    page = explorer.open()
    result = page.evaluate("""async () => {
        const view = window.storygraphExplorer.view;
        const types = ["Person", "Organization", "Place", "Campaign", "Theme"];
        const nodes = [], edges = [];
        for (let i = 0; i < 300; i++) nodes.push({ iri: `n${i}`, type: types[i % 5], label: `Entity ${i}`, storyCount: 1 + (i % 7), centrality: 0 });
        for (let i = 1; i < 300; i++) for (const j of [Math.floor(i / 2), Math.floor(i / 3)]) {
            const id = [`n${i}`, `n${j}`].sort().join("|");
            if (i !== j && !edges.some((e) => e.id === id)) edges.push({ id, source: `n${i}`, target: `n${j}`, kind: "CO_OCCURS", weight: 1 });
        }
        view.draw({ nodes, edges }, { size: "stories", classes: {}, select: null });
        const drawnAtOnce = view.cy.nodes().length;
        const interim = { ...view.cy.getElementById("n1").position() };
        await view.laidOut;
        const final = view.cy.getElementById("n1").position();
        const moved = Math.hypot(final.x - interim.x, final.y - interim.y);
        const spots = new Set(view.cy.nodes().map((n) => `${Math.round(n.position().x)},${Math.round(n.position().y)}`));
        const box = view.cy.nodes().boundingBox();
        return { drawnAtOnce, moved, distinct: spots.size, width: box.w, height: box.h, inWorker: Boolean(view.layoutWorker) && !view.workerBroken };
    }""")
    assert result["drawnAtOnce"] == 300
    assert result["inWorker"]
    assert result["moved"] > 1, "the worker's positions replace the interim circle"
    assert result["distinct"] == 300
    assert result["width"] > 1000 and result["height"] > 1000
