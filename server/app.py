"""The Starlette application: every route of the service on one screen."""
from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from graph.read import GraphReader
from graph.store import Store, open_store
from server.graphql_http import GraphQLApp
from server.settings import Settings

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

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok", "stories": reader.story_count(), "version": reader.version()})

    @asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        yield
        if owns_store:
            store.close()

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz),
            Mount("/static", StaticFiles(directory=STATIC), name="static"),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.reader = reader
    return app
