"""GraphQL over HTTP: spec status codes for application/graphql-response+json, APQ, a version-keyed response cache.

Strawberry's ASGI view supplies the GraphiQL page; requests are handled here so that every
GraphQL-over-HTTP audit passes, persisted queries work like Apollo's, and a repeated query is
answered from the cache (keyed by query hash, operation, variables and graph version) without
executing anything.
"""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import uuid
from collections import OrderedDict
from typing import Any

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry.asgi import GraphQL

from graph.network import NetworkView
from graph.read import GraphReader
from graph.search import SearchIndex
from schema.context import Context
from schema.limits import TIMEOUT_SECONDS, LimitError
from schema.schema import schema
from server.graphiql import graphiql_html, wants_graphiql
from server.settings import Settings

log = logging.getLogger("storygraph.graphql")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
_USER_ERRORS = (LimitError, ValueError, PermissionError, GraphQLError)


class RequestError(Exception):
    """A request that cannot be run at all: bad JSON, missing query, wrong method."""

    def __init__(self, message: str, status: int = 400, code: str | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.headers = status, code, headers or {}


class LRU(OrderedDict):
    """A bounded mapping that forgets the least recently used entry."""

    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def get(self, key: Any, default: Any = None) -> Any:
        if key in self:
            self.move_to_end(key)
            return self[key]
        return default

    def put(self, key: Any, value: Any) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


def _media_type(accept: str | None) -> str | None:
    """The response type the client accepts (graphql-response+json first), or None if it accepts neither."""
    if not accept:
        return JSON
    offered = {}
    for part in accept.split(","):
        kind, *params = [p.strip() for p in part.split(";")]
        q = next((float(p[2:]) for p in params if p.startswith("q=") and p[2:].replace(".", "", 1).isdigit()), 1.0)
        offered[kind.lower()] = max(q, offered.get(kind.lower(), 0.0))
    if offered.get(GRAPHQL_RESPONSE, 0) > 0:
        return GRAPHQL_RESPONSE
    if any(offered.get(t, 0) > 0 for t in (JSON, "application/*", "*/*")):
        return JSON
    return None


def _json_param(value: Any, name: str) -> dict[str, Any] | None:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise RequestError(f"`{name}` is not valid JSON") from None
    if value is not None and not isinstance(value, dict):
        raise RequestError(f"`{name}` must be a JSON object (map)")
    return value


class GraphQLApp(GraphQL):
    """The /graphql endpoint: POST and GET queries, persisted queries, cached answers, and GraphiQL for browsers."""

    def __init__(self, reader: GraphReader, settings: Settings | None = None, *, timeout: float = TIMEOUT_SECONDS,
                 cache_size: int = 4096, version_max_age: float = 0.0) -> None:
        super().__init__(schema, graphql_ide="graphiql")
        self.reader = reader
        self.settings = settings
        self.timeout = timeout
        self.network = NetworkView(reader, max_age=version_max_age)
        self.search = SearchIndex(reader, max_age=version_max_age)
        self.responses: LRU = LRU(cache_size)
        self.persisted: LRU = LRU(10_000)
        self.documents: LRU = LRU(1024)
        self.executions = 0

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        response = await self.respond(request)
        await response(scope, receive, send)

    async def render_graphql_ide(self, request: Request) -> Response:
        return HTMLResponse(graphiql_html(str(request.url.path)))

    # -- the protocol ------------------------------------------------------------------------------
    async def respond(self, request: Request) -> Response:
        accept = request.headers.get("accept")
        if wants_graphiql(request):
            return await self.render_graphql_ide(request)
        media = _media_type(accept)
        if media is None:
            return self._reply(JSON, {"errors": [{"message": f"cannot answer with {accept!r}; accept {GRAPHQL_RESPONSE} or {JSON}"}]}, 406)
        try:
            params = await self._params(request)
            return await self._run(request, media, params)
        except RequestError as exc:
            error: dict[str, Any] = {"message": str(exc)}
            if exc.code:
                error["extensions"] = {"code": exc.code}
            status = 200 if exc.code == "PERSISTED_QUERY_NOT_FOUND" and media == JSON else exc.status
            return self._reply(media, {"errors": [error]}, status, exc.headers)

    async def _params(self, request: Request) -> dict[str, Any]:
        if request.method == "GET":
            raw: dict[str, Any] = dict(request.query_params)
        elif request.method == "POST":
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await request.body()
            if not kind:
                raise RequestError("missing Content-Type; send application/json", 415)
            if kind == "application/graphql":
                raw = {"query": body.decode("utf-8", "replace")}
            elif kind in (JSON, GRAPHQL_RESPONSE) or kind.endswith("+json"):
                if not body:
                    raise RequestError("empty request body; send {\"query\": \"…\"}")
                try:
                    raw = json.loads(body)
                except (json.JSONDecodeError, UnicodeDecodeError):
                    raise RequestError("request body is not valid JSON") from None
                if not isinstance(raw, dict):
                    raise RequestError("request body must be a JSON object with a `query`")
            else:
                raise RequestError(f"unsupported Content-Type {kind!r}; send application/json", 415)
        else:
            raise RequestError("use GET or POST", 405, headers={"Allow": "GET, POST"})
        query, operation = raw.get("query"), raw.get("operationName")
        if query is not None and not isinstance(query, str):
            raise RequestError("`query` must be a string")
        if operation is not None and not isinstance(operation, str):
            raise RequestError("`operationName` must be a string")
        return {"query": query, "operationName": operation or None,
                "variables": _json_param(raw.get("variables"), "variables") or {},
                "extensions": _json_param(raw.get("extensions"), "extensions") or {}}

    def _persisted(self, query: str | None, extensions: dict[str, Any]) -> str:
        """Apollo APQ: a sha256 hash stands for a query sent once before."""
        persisted = extensions.get("persistedQuery")
        if not isinstance(persisted, dict):
            if query is None:
                raise RequestError("missing `query`; send the GraphQL document as `query`")
            return query
        digest = persisted.get("sha256Hash")
        if persisted.get("version") != 1 or not isinstance(digest, str):
            raise RequestError("unsupported persistedQuery; send {\"version\": 1, \"sha256Hash\": \"…\"}")
        if query is None:
            known = self.persisted.get(digest)
            if known is None:
                raise RequestError("PersistedQueryNotFound", 400, "PERSISTED_QUERY_NOT_FOUND")
            return known
        if hashlib.sha256(query.encode()).hexdigest() != digest:
            raise RequestError("provided sha256Hash does not match the query", 400, "PERSISTED_QUERY_HASH_MISMATCH")
        self.persisted.put(digest, query)
        return query

    def _operation_type(self, query: str, operation: str | None) -> OperationType | None:
        """The operation's type, or None if the document does not parse (execution reports that)."""
        document = self.documents.get(query)
        if document is None:
            try:
                document = parse(query)
            except GraphQLError:
                return None
            self.documents.put(query, document)
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        chosen = next((d for d in operations if operation is None or (d.name and d.name.value == operation)), None)
        return chosen.operation if chosen else None

    async def _run(self, request: Request, media: str, params: dict[str, Any]) -> Response:
        query = self._persisted(params["query"], params["extensions"])
        variables, operation = params["variables"], params["operationName"]
        kind = self._operation_type(query, operation)
        if kind is OperationType.MUTATION and request.method == "GET":
            raise RequestError("mutations must be sent with POST", 405, headers={"Allow": "POST"})
        version = self.reader.cached_version(self.network.max_age)
        key = (hashlib.sha256(query.encode()).hexdigest(), operation, json.dumps(variables, sort_keys=True), version, media)
        cacheable = kind is OperationType.QUERY
        if cacheable:
            hit = self.responses.get(key)
            if hit is not None:
                return Response(hit[0], hit[1], media_type=media, headers={"X-Cache": "hit"})
        context = Context(reader=self.reader, request=request, network_view=self.network, search_index=self.search,
                          import_token=self.settings.token if self.settings else None,
                          authorization=request.headers.get("authorization"), on_import=self.responses.clear)
        context._version = version
        self.executions += 1
        try:
            result = await asyncio.wait_for(
                schema.execute(query, variable_values=variables, context_value=context, operation_name=operation),
                self.timeout)
        except asyncio.TimeoutError:
            return self._reply(media, {"errors": [{"message": f"the query ran longer than {self.timeout:g} s and was stopped; "
                                                              "ask for fewer items (first/limit) or less depth"}]}, 504)
        # Parse, validation and variable errors carry no path: the request never ran, so no `data` entry.
        ran = result.data is not None or not result.errors or any(e.path for e in result.errors)
        payload: dict[str, Any] = {}
        if ran:
            payload["data"] = result.data
        if result.errors:
            payload["errors"] = [self._format(e) for e in result.errors]
        if result.extensions:
            payload["extensions"] = result.extensions
        status = 200 if ran or media == JSON else 400
        body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if cacheable and not result.errors and status == 200:
            self.responses.put(key, (body, status))
        return Response(body, status, media_type=media, headers={"X-Cache": "miss"} if cacheable else None)

    def _format(self, error: GraphQLError) -> dict[str, Any]:
        """The error as the spec formats it; unexpected failures are logged with an id, never shown."""
        original = error.original_error
        if original is None or isinstance(original, _USER_ERRORS):
            return error.formatted  # type: ignore[return-value]
        request_id = uuid.uuid4().hex[:12]
        log.error("request %s failed", request_id, exc_info=original)
        formatted = dict(error.formatted)
        formatted["message"] = f"internal error (request id {request_id}); the server log has the details"
        return formatted

    @staticmethod
    def _reply(media: str, payload: dict[str, Any], status: int, headers: dict[str, str] | None = None) -> Response:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return Response(body, status, media_type=media, headers=headers)
