"""The landing page at /: what the graph holds, where to ask it, and the latest stories."""
from __future__ import annotations

import html
from pathlib import Path
from string import Template
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse

from graph.read import GraphReader

TEMPLATE = Template((Path(__file__).resolve().parent / "templates" / "home.html").read_text(encoding="utf-8"))
LATEST = 10


def _local(iri: str, base: str) -> str:
    """A link that stays on this server when the IRI is under the base."""
    return "/" + iri[len(base):] if iri.startswith(base) else iri


def home_page(reader: GraphReader) -> str:
    counts = reader.entity_counts()
    parts = [f"{reader.story_count():,} stories"] + [f"{n:,} {kind.value} entities" for kind, n in counts.items() if n]
    rows = reader.stories(reader.story_page(0, LATEST))
    items = [f'<li><a href="{html.escape(_local(iri, reader.base))}">{html.escape(rows[iri].title)}</a> '
             f'<span class="muted">{rows[iri].date or ""}</span> '
             f'<a class="muted" href="/explore?focus={html.escape(quote(iri, safe=""))}">explore</a></li>'
             for iri in reader.story_page(0, LATEST) if iri in rows]
    return TEMPLATE.substitute(counts=html.escape(", ".join(parts)),
                               stories="\n".join(items) or '<li class="muted">none yet: run storygraph import FILE</li>')


def home(reader: GraphReader):  # type: ignore[no-untyped-def]
    async def endpoint(request: Request) -> HTMLResponse:
        return HTMLResponse(home_page(reader))
    return endpoint
