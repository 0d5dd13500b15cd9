"""Helpers for driving the explorer in Chromium: a page that may only talk to 127.0.0.1, and ways to read the graph view."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

ARTEFACTS = Path(os.environ.get("STORYGRAPH_ARTEFACTS", Path(__file__).resolve().parent / "artefacts"))


class LocalOnlyPage:
    """A Playwright page whose requests leaving 127.0.0.1 are aborted and recorded, with its JS errors."""

    def __init__(self, browser: Any, base_url: str, width: int = 1280, height: int = 800) -> None:
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
        self.context.set_default_timeout(30_000)
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._only_local)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _only_local(self, route: Any) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1" or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, **params: str | list[str]) -> Any:
        """Opens /explore with the given URL state and waits until the view is drawn."""
        query = "&".join(f"{k}={quote(v, safe='')}" for k, values in params.items()
                         for v in (values if isinstance(values, list) else [values]))
        self.page.goto(f"{self.base_url}/explore{'?' + query if query else ''}", wait_until="load")
        self.settled()
        return self.page

    def settled(self) -> None:
        """Waits until the explorer has drawn the current state (no render in flight)."""
        from playwright.sync_api import expect

        expect(self.page.locator("body")).not_to_have_attribute("data-busy", "true", timeout=30_000)

    def nodes(self, *, visible_only: bool = True) -> dict[str, dict[str, Any]]:
        """Nodes in the view by label: type, classes, visibility and where they are on the page."""
        return self.page.evaluate(
            """(visibleOnly) => {
                const cy = window.storygraphExplorer.view.cy;
                const box = document.getElementById('graph').getBoundingClientRect();
                const out = {};
                for (const n of cy.nodes()) {
                  if (visibleOnly && !n.visible()) continue;
                  const p = n.renderedPosition();
                  out[n.data('label')] = { iri: n.id(), type: n.data('type'), classes: n.classes(), visible: n.visible(),
                    selected: n.selected(), x: box.left + p.x, y: box.top + p.y };
                }
                return out;
            }""", visible_only)

    def edges_with_class(self, name: str) -> list[tuple[str, str]]:
        return [tuple(e) for e in self.page.evaluate(
            "(c) => window.storygraphExplorer.view.cy.edges('.' + c).map(e => [e.source().data('label'), e.target().data('label')])", name)]

    def click_node(self, label: str) -> None:
        """Clicks a node where it is drawn, as a person would."""
        node = self.nodes()[label]
        self.page.mouse.click(node["x"], node["y"])
        self.settled()

    def screenshot(self, name: str) -> Path:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTEFACTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        self.page.screenshot(path=str(path))
        return path

    def close(self) -> None:
        self.context.close()
