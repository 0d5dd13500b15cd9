"""Publishing the graph as Linked Data: dereferenceable entity and story IRIs, VoID, dumps, the vocabulary.

A request path maps to the IRI `{base}{path}`; with the default base (the server's own
address) every entity and story IRI in an export resolves to its page here, as HTML,
Turtle or JSON-LD by content negotiation.
"""
from __future__ import annotations

import asyncio
import threading
from html import escape
from pathlib import Path
from string import Template
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response

from graph import export, formats, jsonld, rdf
from graph.read import GraphReader
from graph.store import Store
from ontology import DIRECTORY as ONTOLOGY
from server.export_route import ExportResponse
from server.negotiation import first_offer, negotiate

TEMPLATE = Template((Path(__file__).resolve().parent / "templates" / "resource.html").read_text(encoding="utf-8"))
PAGE_FORMATS = ("html", "ttl", "jsonld")  # registry names: the HTML page, then RDF
VOID = "http://rdfs.org/ns/void#"
MAX_LISTED = 200


def _page_format(request: Request, choices: tuple[str, ...] = PAGE_FORMATS) -> str | None:
    """The format a request asks for by ?format= or Accept among `choices`; */* and text/* get the HTML page."""
    explicit = request.query_params.get("format")
    if explicit:
        return explicit if explicit in choices else None
    offers = [f for f in (formats.get(c, "page", "graph") for c in choices) if f is not None]
    rdf_offers = [f for f in offers if f.kind != "page"]
    wildcards = first_offer(rdf_offers, "*/*", "application/*")
    if "html" in choices:
        wildcards.update({"*/*": formats.PAGE_FORMATS["html"], "text/*": formats.PAGE_FORMATS["html"]})
    chosen = negotiate(request.headers.get("accept", "") or "*/*", offers, wildcards=wildcards)
    return chosen.name if isinstance(chosen, formats.Format) else None


def _web_url(url: str) -> bool:
    """Only http(s) URLs become links; a javascript: or data: URL from a feed is shown as text."""
    return urlsplit(url).scheme.lower() in ("http", "https")


def _link(iri: str, base: str, label: str) -> str:
    href = "/" + iri[len(base):] if iri.startswith(base) else iri
    return f'<a href="{escape(href)}">{escape(label)}</a>'


class LinkedData:
    """Routes that publish the graph: resource pages, VoID, /export and the ontology files."""

    def __init__(self, reader: GraphReader, store: Store, export_dumps: int = 1) -> None:
        self.reader, self.store, self.base = reader, store, reader.base
        # Dumps read the whole store (~0.15M triples/s on disk): a few at once, the rest wait, then 503.
        self.dumps = threading.BoundedSemaphore(export_dumps)
        self.context_url = self.base + jsonld.CONTEXT_PATH

    # -- dereferenceable IRIs ------------------------------------------------------------------
    async def resource(self, request: Request) -> Response:
        kind, rest = request.path_params["kind"], request.path_params["rest"]
        iri = self.reader.iris.resource(kind, rest)
        if iri is None:
            return PlainTextResponse(f"no such resource: /{kind[:40]}/{rest[:200]!r}; resource paths look like "
                                     "/person/laura-pausini", status_code=404)
        fmt = _page_format(request)
        if fmt is None:
            return PlainTextResponse("not acceptable: this resource is available as text/html, text/turtle "
                                     "and application/ld+json", status_code=406, headers={"Vary": "Accept"})
        return await asyncio.to_thread(self._resource, kind, iri, request.url.path, fmt)

    def _resource(self, kind: str, iri: str, path: str, fmt: str) -> Response:
        headers = {"Vary": "Accept"}
        if kind == "story":
            story = self.reader.stories([iri]).get(iri)
            if story is None:
                return PlainTextResponse(f"no story with the IRI {iri}", status_code=404)
            if fmt != "html":
                return self._description(self.reader.story_description(iri), fmt, headers)
            return HTMLResponse(self._story_html(story, path), headers=headers)
        entity = self.reader.entities([iri]).get(iri)
        if entity is None or entity.kind.value != kind:
            return PlainTextResponse(f"no {kind} with the IRI {iri}", status_code=404)
        if fmt != "html":
            return self._description(self.reader.entity_description(iri), fmt, headers)
        return HTMLResponse(self._entity_html(entity, path), headers=headers)

    def _description(self, construct: str, fmt: str, headers: dict[str, str]) -> Response:
        body, media_type = self.store.query_bytes(construct, fmt, jsonld_context=self.context_url)
        return Response(body, media_type=media_type, headers=headers)

    def _names(self, iris: list[str]) -> dict[str, str]:
        return {e.iri: e.name for e in self.reader.entities(iris).values()}

    def _entity_html(self, entity, path: str) -> str:
        stories_of = self.reader.entity_stories([entity.iri]).get(entity.iri, [])[:MAX_LISTED]
        stories = self.reader.stories(stories_of)
        related: dict[str, int] = {}
        for links in self.reader.story_entities(stories_of).values():
            for other, _ in links:
                if other != entity.iri:
                    related[other] = related.get(other, 0) + 1
        rows = self.reader.entities(sorted(related, key=lambda e: (-related[e], e))[:MAX_LISTED])
        parts = ["<dl>", f"<dt>Type</dt><dd>{escape(entity.kind.value)} (<code>{escape(rdf.CLASS_OF[entity.kind])}</code>)</dd>"]
        if entity.aliases:
            parts.append("<dt>Also known as</dt><dd>" + ", ".join(escape(a) for a in entity.aliases) + "</dd>")
        roles = self.reader.affiliations([entity.iri]).get(entity.iri, [])
        if roles:
            orgs = self._names([org for org, _, _ in roles])
            shown = dict.fromkeys((org, role) for org, role, _ in roles)
            parts.append("<dt>Affiliations</dt><dd><ul>" + "".join(
                f"<li>{escape(role) + ', ' if role else ''}{_link(org, self.base, orgs.get(org, org))}</li>"
                for org, role in shown) + "</ul></dd>")
        parts.append(f"<dt>Stories ({len(stories_of)})</dt><dd><ul>")
        parts += [f"<li>{_link(s, self.base, stories[s].title)} <span class='muted'>{stories[s].date or ''}</span></li>"
                  for s in stories_of if s in stories]
        parts.append("</ul></dd>")
        if rows:
            parts.append("<dt>Appears with</dt><dd><ul>")
            parts += [f"<li>{_link(e, self.base, r.name)} <span class='muted'>{escape(r.kind.value)}, "
                      f"{related[e]} stor{'y' if related[e] == 1 else 'ies'}</span></li>" for e, r in rows.items()]
            parts.append("</ul></dd>")
        parts.append("</dl>")
        return self._page(entity.kind.value, entity.name, entity.iri, path, "".join(parts))

    def _story_html(self, story, path: str) -> str:
        links = self.reader.story_entities([story.iri]).get(story.iri, [])
        names = self._names([e for e, _ in links])
        parts = ["<dl>", f"<dt>Date</dt><dd>{escape(str(story.date or ''))}</dd>",
                 f"<dt>Summary</dt><dd>{escape(story.summary)}</dd>"]
        if story.url and _web_url(story.url):
            parts.append(f'<dt>Source</dt><dd><a href="{escape(story.url)}" rel="nofollow noopener">{escape(story.url)}</a></dd>')
        elif story.url:
            parts.append(f"<dt>Source</dt><dd>{escape(story.url)}</dd>")
        parts.append("<dt>Mentions</dt><dd><ul>")
        parts += [f"<li>{_link(e, self.base, names.get(e, e))} <span class='muted'>{escape(k.value)}</span></li>"
                  for e, k in links]
        parts.append("</ul></dd></dl>")
        return self._page("story", story.title, story.iri, path, "".join(parts))

    @staticmethod
    def _page(kind: str, title: str, iri: str, path: str, body: str) -> str:
        explore = "/explore?focus=" + quote(iri, safe="")
        return TEMPLATE.substitute(kind=escape(kind), title=escape(title), iri=escape(iri), path=escape(path), body=body,
                                   explore=escape(explore))

    # -- VoID ----------------------------------------------------------------------------------
    async def void(self, request: Request) -> Response:
        fmt = _page_format(request, ("ttl", "jsonld", "nt"))
        if fmt is None:
            return PlainTextResponse("VoID is available as text/turtle, application/n-triples and application/ld+json",
                                     status_code=406)
        body = await asyncio.to_thread(self._void_bytes, fmt)
        return Response(body, media_type=export.FORMATS[fmt].media_type, headers={"Vary": "Accept"})

    def _void_triples(self) -> list[ox.Triple]:
        dataset = ox.NamedNode(self.reader.iris.dataset)
        N, L = ox.NamedNode, ox.Literal
        integer = N(rdf.XSD + "integer")
        out = [ox.Triple(dataset, N(rdf.RDF_TYPE), N(VOID + "Dataset")),
               ox.Triple(dataset, N(rdf.DCTERMS + "title"), L("storygraph")),
               ox.Triple(dataset, N(VOID + "triples"), L(str(self.store.quad_count()), datatype=integer)),
               ox.Triple(dataset, N(VOID + "uriSpace"), L(self.base)),
               ox.Triple(dataset, N(VOID + "sparqlEndpoint"), N(self.base + "sparql")),
               ox.Triple(dataset, N(VOID + "vocabulary"), N("https://w3id.org/storygraph#")),
               ox.Triple(dataset, N(VOID + "vocabulary"), N(rdf.SCHEMA))]
        out += [ox.Triple(dataset, N(VOID + "dataDump"), N(f"{self.base}export?format={f}")) for f in ("nq", "ttl")]
        counts = self.reader.entity_counts()
        out.append(ox.Triple(dataset, N(VOID + "entities"), L(str(sum(counts.values()) + self.reader.story_count()), datatype=integer)))
        partitions = [(rdf.STORY_CLASS, self.reader.story_count())] + [(rdf.CLASS_OF[k], n) for k, n in counts.items()]
        for cls, count in partitions:
            node = N(f"{self.base}dataset#class-{cls.rsplit('/', 1)[-1].rsplit('#', 1)[-1]}")
            out += [ox.Triple(dataset, N(VOID + "classPartition"), node),
                    ox.Triple(node, N(VOID + "class"), N(cls)),
                    ox.Triple(node, N(VOID + "entities"), L(str(count), datatype=integer))]
        modified = self.reader.modified()
        if modified:
            out.append(ox.Triple(dataset, N(rdf.DCTERMS + "modified"), L(modified, datatype=N(rdf.XSD + "dateTime"))))
        return out

    def _void_bytes(self, fmt: str) -> bytes:
        triples = self._void_triples()
        if fmt == "jsonld":
            import io
            buffer = io.BytesIO()
            jsonld.write_jsonld(triples, buffer, self.context_url)
            return buffer.getvalue()
        rdf_format = ox.RdfFormat.TURTLE if fmt == "ttl" else ox.RdfFormat.N_TRIPLES
        return ox.serialize(triples, format=rdf_format, prefixes={**rdf.PREFIXES, "void": VOID}) or b""

    # -- dumps and the vocabulary --------------------------------------------------------------
    async def export(self, request: Request) -> Response:
        offers = tuple(export.FORMATS.values())
        chosen = negotiate(request.headers.get("accept", "") or "*/*", offers,
                           wildcards=first_offer(offers, "*/*", "application/*"))
        fmt = request.query_params.get("format") or (chosen.name if isinstance(chosen, formats.Format) else None)
        if fmt not in export.FORMATS:
            return PlainTextResponse(f"unknown or unacceptable export format; use ?format= one of "
                                     f"{', '.join(export.FORMATS)} or an Accept header naming one", status_code=406)
        spec = export.FORMATS[fmt]
        # The dump stops, and its partial file goes, as soon as the client does (server/export_route.py).
        return ExportResponse(self.store, fmt, self.context_url, spec.media_type, headers={
            "Content-Disposition": f'inline; filename="storygraph.{spec.extension}"', "Vary": "Accept"},
            gate=self.dumps)

    async def context(self, request: Request) -> Response:
        return FileResponse(jsonld.CONTEXT_FILE, media_type="application/ld+json")

    async def ontology(self, request: Request) -> Response:
        name = request.path_params.get("name", "storygraph.ttl")
        if name not in ("storygraph.ttl", "shapes.ttl", "themes.ttl"):
            return PlainTextResponse(f"no ontology file {name}", status_code=404)
        return FileResponse(ONTOLOGY / name, media_type="text/turtle")
