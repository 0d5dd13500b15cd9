"""The Starlette application: every route of the service on one screen."""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from graph.read import GraphReader
from graph.store import Store, open_store
from server.graphql_http import GraphQLApp
from server.home import home
from server.linked_data import LinkedData
from server.settings import Settings
from server.sparql import SparqlEndpoint

STATIC = Path(__file__).resolve().parent / "static"


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> Starlette:
    """The whole service over one store; the store is opened here unless given."""
    from_env = settings is None
    settings = settings or Settings.from_env()
    owns_store = store is None
    store = store or open_store(settings.store_url)
    if from_env:
        settings = settings.for_store(store, explicit_base=False)
    reader = GraphReader(store, settings.base)
    graphql = GraphQLApp(reader, settings)
    sparql = SparqlEndpoint(store, settings.base)
    linked_data = LinkedData(reader, store)

    # Load balancers poll this: count stories once per graph version (a full scan at 100k stories
    # is ~40 ms), not on every poll.
    story_counts: dict[str, int] = {}

    async def healthz(request: Request) -> JSONResponse:
        version = reader.version()
        if version not in story_counts:
            story_counts.clear()
            story_counts[version] = reader.story_count()
        return JSONResponse({"status": "ok", "stories": story_counts[version], "version": version})

    async def explore(request: Request) -> FileResponse:
        # A static page: everything it shows comes from /graphql in the browser.
        return FileResponse(STATIC / "explore" / "index.html", media_type="text/html")

    # Pages on the allowed origins may read the API from the browser; persisted-query GETs and POSTs
    # alike. No credentials: a mutation still needs its token in the Authorization header.
    cors = [Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type", "Authorization", "Accept", "Apollo-Require-Preflight"],
                       max_age=600)] if settings.cors_origins else []

    @asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        yield
        if owns_store:
            store.close()

    app = Starlette(
        routes=[
            Route("/", home(reader)),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Route("/explore", explore),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
            Route("/sparql", sparql.handle, methods=["GET", "POST"]),
            Route("/export", linked_data.export),
            Route("/.well-known/void", linked_data.void),
            Route("/ontology", linked_data.ontology),
            Route("/ontology/context.jsonld", linked_data.context),
            Route("/ontology/{name}", linked_data.ontology),
            # Last: every other /{kind}/… path is an entity or story IRI under the base.
            Route("/{kind}/{rest:path}", linked_data.resource),
        ],
        middleware=cors,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.reader = reader
    return app
