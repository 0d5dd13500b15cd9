"""The Starlette application: every route of the service on one screen."""
from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.export import remove_partial_exports
from graph.read import GraphReader
from graph.results import QueryLimits
from graph.store import Store, open_store
from graph.store.following import FollowingStore
from graph.store.snapshots import Publisher
from server.graphql_http import GraphQLApp
from server.home import home
from server.collector import settle
from server.linked_data import LinkedData
from server.malloc import give_back
from server.settings import Settings
from server.sparql import SparqlEndpoint
from server.sparql_guard import GuardLimits
from server.writer_link import WORKER_HEADER, WriterLink

STATIC = Path(__file__).resolve().parent / "static"


class WorkerHeader:
    """Names the process that answered in every response (`X-Storygraph-Worker: <pid>`), to tell workers apart."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.header = (WORKER_HEADER.lower().encode(), str(os.getpid()).encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), self.header]
            await send(message)

        await self.app(scope, receive, sending)


class LatestSnapshot:
    """Before each request, a reader worker catches up with the writer's latest snapshot (a `stat` when there
    is none), so a request that follows a write's answer reads that write, whichever worker it reaches."""

    def __init__(self, app: ASGIApp, store: FollowingStore) -> None:
        self.app, self.store = app, store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.store.behind():
            await asyncio.to_thread(self.store.refresh)
        await self.app(scope, receive, send)


class Service(Starlette):
    """The Starlette app, with /graphql answered ahead of its routing and middleware when nothing there applies.

    A GET or POST to /graphql without an Origin header (so CORS has nothing to do) goes straight to the
    GraphQL endpoint wrapped in the two middlewares that still apply (the worker header, a reader's
    catch-up with the latest snapshot): the router's matching and the other layers cost a request more
    than a cached answer does. Everything else takes the whole stack.
    """

    front: ASGIApp | None = None  # the GraphQL endpoint inside WorkerHeader (and LatestSnapshot in a reader)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        front = self.front
        if (front is None or scope["type"] != "http" or scope["path"] != "/graphql" or scope.get("root_path")
                or scope["method"] not in ("GET", "POST") or any(name == b"origin" for name, _ in scope["headers"])):
            await super().__call__(scope, receive, send)
            return
        scope["app"] = self
        await front(scope, receive, send)


def _publishing(publisher: Publisher) -> Callable[[], str]:
    """The writer's step after each import: publish a snapshot, then give back what the import freed."""
    def publish() -> str:
        name = publisher.publish_changes()
        give_back()  # an import replaces the network view and frees the last (server/malloc.py)
        settle()  # and the new view leaves the collector's full collections (server/collector.py)
        return name
    return publish


def create_app(settings: Settings | None = None, *, store: Store | None = None, writer: WriterLink | None = None,
               publisher: Publisher | None = None) -> Service:
    """The whole service over one store; the store is opened here unless given.

    `storygraph serve --workers N` (server/workers.py) builds one writer app with the `publisher` of
    snapshots, and N reader apps over a FollowingStore with a `writer` link for mutations.
    """
    from_env = settings is None
    settings = settings or Settings.from_env()
    owns_store = store is None
    store = store or open_store(settings.store_url, settings.remote_options())
    if from_env:
        settings = settings.for_store(store, explicit_base=False)
    reader = GraphReader(store, settings.base)
    graphql = GraphQLApp(reader, settings, writer=writer,
                         publish=_publishing(publisher) if publisher is not None else None)
    if isinstance(store, FollowingStore):
        store.on_switch.append(graphql.network.preload)
        # The view this switch replaces was freed by the last one's: give its pages back (server/malloc.py).
        store.on_switch.append(lambda version, snapshot: (give_back(), settle()))
    if publisher is not None:
        def prepare_views(version: str) -> None:
            graphql.network.current(version)
            graphql.search.prepare(version)
        publisher.prepare = prepare_views
        publisher.views = graphql.network.snapshot_files
    sparql = SparqlEndpoint(store, settings.base, QueryLimits(timeout=settings.sparql_timeout,
                                                              max_results=settings.sparql_max_results),
                            max_concurrent=settings.sparql_slots,
                            guard=GuardLimits(max_bytes=settings.sparql_max_query_bytes,
                                              max_depth=settings.sparql_max_depth,
                                              max_operators=settings.sparql_max_operators,
                                              service_allow=frozenset(settings.sparql_service_allow)),
                            snapshot=(lambda: publisher.current_path) if publisher is not None else None)
    linked_data = LinkedData(reader, store, settings.export_dumps)

    # Load balancers poll this: count stories once per graph version (a full scan at 100k stories
    # is ~40 ms), not on every poll.
    story_counts: dict[str, int] = {}

    async def healthz(request: Request) -> JSONResponse:
        version = reader.version()
        if version not in story_counts:
            story_counts.clear()
            story_counts[version] = reader.story_count()
        # Degraded, still 200: GraphQL and the pages answer while every SPARQL slot is taken, and
        # a slot frees within the SPARQL time limit (its worker is killed at the deadline).
        slots = sparql.health()
        status = "degraded" if slots["busy"] >= slots["slots"] else "ok"
        return JSONResponse({"status": status, "stories": story_counts[version], "version": version,
                             "worker": os.getpid(), "sparql": slots, "views": graphql.network.state()})

    async def explore(request: Request) -> FileResponse:
        # A static page: everything it shows comes from /graphql in the browser.
        return FileResponse(STATIC / "explore" / "index.html", media_type="text/html")

    # Pages on the allowed origins may read the API from the browser; persisted-query GETs and POSTs
    # alike. No credentials: a mutation still needs its token in the Authorization header.
    cors = [Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type", "Authorization", "Accept", "Apollo-Require-Preflight"],
                       max_age=600)] if settings.cors_origins else []

    following = [Middleware(LatestSnapshot, store=store)] if isinstance(store, FollowingStore) else []

    @asynccontextmanager
    async def lifespan(app: Starlette):
        remove_partial_exports(store)
        # The derived views of the store's version, built in the background if none is kept (a reader worker
        # waits for the writer's): requests that need one meanwhile are answered 503 "being built".
        if writer is None:
            graphql.search.begin_warm()

        def warmed(version: str | None) -> None:
            if writer is None:
                graphql.search.warm(version)
            settle()  # the views are loaded: out of the collector's full collections (server/collector.py)
        graphql.network.warm(then=warmed)
        yield
        warming = graphql.network.warming
        if warming is not None:  # it reads the store: let it end before the store is closed
            await asyncio.to_thread(warming.done.wait)
        graphql.close()
        sparql.close()
        if writer is not None:
            await writer.close()
        if owns_store:
            store.close()

    app = Service(
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
        middleware=[Middleware(WorkerHeader), *following, *cors],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.reader = reader
    app.state.graphql = graphql
    app.front = WorkerHeader(LatestSnapshot(graphql, store) if isinstance(store, FollowingStore) else graphql)
    return app
