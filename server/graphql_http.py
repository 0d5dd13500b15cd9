"""GraphQL over HTTP: spec status codes for application/graphql-response+json, APQ, a version-keyed response cache.

Strawberry's ASGI view supplies the GraphiQL page; requests are handled here so that every
GraphQL-over-HTTP audit passes, persisted queries work like Apollo's, and a repeated query is
answered from the cache (keyed by query hash, operation, variables and graph version) without
executing anything.

Nothing a client sends can stall or exhaust the server: the body is read up to a byte limit,
the document is measured (characters, tokens) before it is parsed, caches are bounded in bytes,
and execution runs in a bounded pool of worker threads, so the event loop keeps answering
(/healthz included) while a request runs, and a request past its deadline is answered 504.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any, TypeVar

import orjson
from graphql import GraphQLError, OperationDefinitionNode, OperationType
from strawberry.types import ExecutionResult
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from strawberry.asgi import GraphQL

from graph.network import NetworkView
from graph.read import GraphReader, newer_version
from graph.records import ViewNotReady, WriterBusy
from graph.search import SearchIndex
from schema.cache import ByteLRU
from schema.context import Context
from schema.known_queries import execute_known, remember
from schema.limits import MAX_TOKENS, VALIDATION_CACHE_BYTES, LimitError, TextLimits, check_document, parse_cached
from schema.mutations import import_authorized
from schema.schema import schema
from server.graphiql import graphiql_html, wants_graphiql
from server.negotiation import parse_accept
from server.settings import Settings
from server.writer_link import SNAPSHOT_HEADER, WriterLink

log = logging.getLogger("storygraph.graphql")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
T = TypeVar("T")
_USER_ERRORS = (LimitError, ValueError, PermissionError, GraphQLError, WriterBusy, ViewNotReady)


class RequestError(Exception):
    """A request that cannot be run at all: bad JSON, missing query, wrong method."""

    def __init__(self, message: str, status: int = 400, code: str | None = None, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.headers = status, code, headers or {}


class DocumentError(RequestError):
    """The document itself is refused (too long, too many tokens): answered like a parse error."""


@dataclass(frozen=True, slots=True)
class _Answer:
    """An executed request's response body, and what decides whether it may be cached."""

    kind: OperationType | None
    body: bytes
    status: int
    complete: bool  # no errors
    headers: dict[str, str] | None = None


@dataclass
class _Run:
    """One execution in a worker thread, and what the event loop needs to stop it at its deadline."""

    deadline: float
    kind: OperationType | None = None  # known once the worker has parsed the document
    stopped: bool = False
    loop: asyncio.AbstractEventLoop | None = None
    task: asyncio.Task[Any] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def stop(self) -> None:
        """Cancel the execution at its next await (a running SQLite search stops at the deadline itself)."""
        with self.lock:
            self.stopped = True
            if self.loop is not None and self.task is not None:
                self.loop.call_soon_threadsafe(self.task.cancel)


_LOOPS = threading.local()


def _run_on_worker_loop(work: Coroutine[Any, Any, T]) -> T:
    """Run `work` on this worker thread's own event loop, made once: a new loop per request
    (asyncio.run) cost a socketpair, a selector and their teardown, a fifth of a small query's time.
    Tasks it leaves behind (a cancelled execution's children) are cancelled before it returns."""
    loop: asyncio.AbstractEventLoop | None = getattr(_LOOPS, "loop", None)
    if loop is None or loop.is_closed():
        loop = _LOOPS.loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(work)
    finally:
        leftover = asyncio.all_tasks(loop)
        for task in leftover:
            task.cancel()
        if leftover:
            loop.run_until_complete(asyncio.gather(*leftover, return_exceptions=True))


def _encode(payload: dict[str, Any]) -> bytes:
    """A response body in compact UTF-8 JSON: orjson (a twentieth of json's time on a 250-object graph), or
    the standard library for what orjson refuses (integers past 64 bits, lone surrogates), as before."""
    try:
        return orjson.dumps(payload)
    except (TypeError, orjson.JSONEncodeError):
        return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _media_type(accept: str | None) -> str | None:
    """The response type the client accepts (graphql-response+json first), or None if it accepts neither."""
    if not accept:
        return JSON
    offered = {r.media: r.q for r in reversed(parse_accept(accept))}
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
        except RecursionError:
            raise RequestError(f"`{name}` is nested too deeply") from None
    if value is not None and not isinstance(value, dict):
        raise RequestError(f"`{name}` must be a JSON object (map)")
    return value


class GraphQLApp(GraphQL):
    """The /graphql endpoint: POST and GET queries, persisted queries, cached answers, and GraphiQL for browsers."""

    def __init__(self, reader: GraphReader, settings: Settings | None = None, *, version_max_age: float = 0.0,
                 writer: WriterLink | None = None, publish: Callable[[], str] | None = None) -> None:
        """`writer`: this is a reader worker, which hands authorized mutations to the writer process over
        that link; `publish`: this is the writer, which publishes a snapshot after each mutation and
        names it in its answer (see server/writer_link.py)."""
        super().__init__(schema, graphql_ide="graphiql")
        self.reader = reader
        self.settings = settings = settings or Settings(store_url="memory:", base=reader.base)
        self.timeout = settings.graphql_timeout
        self.text_limits = TextLimits(settings.search_max_chars, settings.search_max_words)
        self.writer, self.publish = writer, publish
        self.network = NetworkView(reader, max_age=version_max_age, saves=writer is None, derives=True)
        self.search = SearchIndex(reader, max_age=version_max_age, follows_writer=writer is not None,
                                  shared_answers=writer.shared_file("search-answers.sqlite") if writer else None)
        self.responses = ByteLRU(settings.graphql_cache_bytes)
        self._responses_version: str | None = None  # the newest graph version a response was looked up at
        self.persisted = ByteLRU(settings.graphql_persisted_bytes)
        self._checked = ByteLRU(VALIDATION_CACHE_BYTES)  # query texts within the length and token limits
        self.executions = 0
        # Work past its deadline keeps its slot until it has really stopped, so abandoned work cannot pile up.
        self._workers = concurrent.futures.ThreadPoolExecutor(settings.graphql_workers, thread_name_prefix="graphql")
        self._capacity = settings.graphql_workers + settings.graphql_backlog
        self._in_flight = 0
        self._slots = threading.Lock()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope, receive)
        try:
            response = await self.respond(request)
        except Exception:  # a bug, not the client's fault: say so without a stack trace
            request_id = uuid.uuid4().hex[:12]
            log.exception("request %s failed", request_id)
            response = self._reply(JSON, {"errors": [{"message": f"internal error (request id {request_id}); "
                                                                  "the server log has the details"}]}, 500)
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
        except RecursionError:
            return self._reply(media, {"errors": [{"message": "the request is nested too deeply"}]}, 400)
        except RequestError as exc:
            error: dict[str, Any] = {"message": str(exc)}
            if exc.code:
                error["extensions"] = {"code": exc.code}
            legacy = media == JSON and (exc.code == "PERSISTED_QUERY_NOT_FOUND" or isinstance(exc, DocumentError))
            return self._reply(media, {"errors": [error]}, 200 if legacy else exc.status, exc.headers)

    async def _body(self, request: Request) -> bytes:
        """The request body, refused with 413 as soon as it is known to exceed the limit (declared or streamed)."""
        limit = self.settings.graphql_max_body_bytes
        too_large = f"the request body is larger than {limit} bytes (STORYGRAPH_GRAPHQL_MAX_BODY_BYTES)"
        declared = request.headers.get("content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                raise RequestError("invalid Content-Length header")
            if int(declared) > limit:
                raise RequestError(too_large, 413)
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise RequestError(too_large, 413)
            chunks.append(chunk)
        return b"".join(chunks)

    async def _params(self, request: Request) -> dict[str, Any]:
        if request.method == "GET":
            raw: dict[str, Any] = dict(request.query_params)
        elif request.method == "POST":
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await self._body(request)
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
                except RecursionError:
                    raise RequestError("request body is nested too deeply") from None
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
        if hashlib.sha256(query.encode("utf-8", "surrogatepass")).hexdigest() != digest:
            raise RequestError("provided sha256Hash does not match the query", 400, "PERSISTED_QUERY_HASH_MISMATCH")
        self._check_document(query)  # only documents that could run are kept
        self.persisted.put(digest, query, len(query) + len(digest))
        return query

    def _check_document(self, query: str) -> None:
        if query in self._checked:  # counted once per query text, not per request
            return
        try:
            check_document(query, self.settings.graphql_max_query_chars, MAX_TOKENS)
        except LimitError as exc:
            raise DocumentError(str(exc)) from None
        self._checked.put(query, True, len(query))

    @staticmethod
    def _operation_type(query: str, operation: str | None) -> OperationType | None:
        """The type of the operation that would run, or None if the document does not parse (execution reports that).

        An operation name the document does not define, or a document with several operations and
        no name, is the client's mistake: a 400 that says which operations there are.
        """
        try:
            document = parse_cached(query)
        except GraphQLError:
            return None
        operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        if not operations:
            return None
        names = ", ".join(d.name.value for d in operations if d.name) or "only an anonymous one"
        if operation is None:
            if len(operations) > 1:
                raise RequestError(f"the document has {len(operations)} operations ({names}); "
                                   "choose one with `operationName`")
            return operations[0].operation
        chosen = next((d for d in operations if d.name and d.name.value == operation), None)
        if chosen is None:
            raise RequestError(f"no operation named {operation[:100]!r} in the document; it has {names}")
        return chosen.operation

    def _forget_older_responses(self, version: str) -> None:
        """Drop every cached response when the graph moves to a newer version: they are keyed by the version
        they answered, so none of them is asked for again, and under a stream of imports they would fill
        the whole budget (64 MB by default, per worker process) with answers nobody reads."""
        seen = self._responses_version
        if seen != version and (seen is None or newer_version(version, seen)):
            self._responses_version = version
            if seen is not None:
                self.responses.clear()

    async def _run(self, request: Request, media: str, params: dict[str, Any]) -> Response:
        query = self._persisted(params["query"], params["extensions"])
        self._check_document(query)
        variables, operation = params["variables"], params["operationName"]
        version = self.reader.cached_version(self.network.max_age)
        self._forget_older_responses(version)
        # Hashed, so a key costs a few bytes whatever the size of the query and variables. Only
        # queries are ever stored, so a hit needs no parse to know it may be served.
        key = hashlib.sha256(json.dumps([query, operation, variables, version, media], sort_keys=True,
                                        ensure_ascii=False).encode("utf-8", "surrogatepass")).digest()
        hit = self.responses.get(key)
        if hit is not None:
            return Response(hit[0], hit[1], media_type=media, headers={"X-Cache": "hit"})
        if self.writer is not None and self._writes(request, query, operation):
            return await self._forward(request, media, query, operation, variables)
        self.executions += 1
        answer = await self._execute(request, media, query, variables, operation, version)
        if isinstance(answer, Response):
            return answer
        cacheable = answer.kind is OperationType.QUERY
        if cacheable and answer.complete and answer.status == 200:
            self.responses.put(key, (answer.body, answer.status), len(answer.body) + len(key))
        headers = {**({"X-Cache": "miss"} if cacheable else {}), **(answer.headers or {})}
        if answer.kind is OperationType.MUTATION and self.publish is not None:
            headers[SNAPSHOT_HEADER] = await asyncio.to_thread(self.publish)
        return Response(answer.body, answer.status, media_type=media, headers=headers or None)

    def _writes(self, request: Request, query: str, operation: str | None) -> bool:
        """Whether this request is a mutation the writer process must run: POSTed and authorized.

        Anything else runs here, where it fails as it would in one process (405 for a GET,
        the permission error without the token), having changed nothing.
        """
        return (request.method == "POST" and import_authorized(self.settings.token, request.headers.get("authorization"))
                and self._operation_type(query, operation) is OperationType.MUTATION)

    async def _forward(self, request: Request, media: str, query: str, operation: str | None,
                       variables: dict[str, Any]) -> Response:
        """Run a mutation in the writer process, then answer once this worker reads the snapshot that holds it."""
        assert self.writer is not None
        try:
            answer = await self.writer.forward({"query": query, "operationName": operation, "variables": variables},
                                               {"authorization": request.headers.get("authorization", ""), "accept": media})
        except ConnectionError as exc:
            return self._reply(media, {"errors": [{"message": str(exc)}]}, 503, {"Retry-After": "1"})
        if answer.snapshot is not None:
            self.responses.clear()
            wait_for = getattr(self.reader.store, "wait_for", None)
            if wait_for is not None and not await asyncio.to_thread(wait_for, answer.snapshot):
                log.warning("snapshot %s was not reached in time; answering the write anyway", answer.snapshot)
        return Response(answer.body, answer.status, media_type=answer.media_type,
                        headers={"Retry-After": answer.retry_after} if answer.retry_after else None)

    async def _execute(self, request: Request, media: str, query: str, variables: dict[str, Any], operation: str | None,
                       version: str) -> _Answer | Response:
        """Parse, run and serialize in a worker thread; 503 when every slot is taken, 504 past the deadline."""
        with self._slots:
            if self._in_flight >= self._capacity:
                return self._reply(media, {"errors": [{"message": f"the server is busy ({self._in_flight} GraphQL requests "
                                                                  "running or stopping); retry in a moment"}]},
                                   503, {"Retry-After": "1"})
            self._in_flight += 1
        run = _Run(deadline=time.monotonic() + self.timeout)
        context = dict(reader=self.reader, request=request, network_view=self.network, search_index=self.search,
                       import_token=self.settings.token, authorization=request.headers.get("authorization"),
                       on_import=self.responses.clear, text_limits=self.text_limits, deadline=run.deadline,
                       _version=version)
        try:
            future = self._workers.submit(self._answer_in_worker, run, request.method, media, query, variables,
                                          operation, context)
        except RuntimeError:  # the pool is shut down: the server is stopping
            self._release()
            return self._reply(media, {"errors": [{"message": "the server is shutting down"}]}, 503)
        try:
            return await self._handed_back(future)
        except TimeoutError:
            if run.kind is OperationType.MUTATION:
                # An import past its wait for the writer has begun writing: stopping it now would answer
                # 504 for a write that still lands. It is bounded by its document's size; say what it did.
                return await asyncio.wrap_future(future)
            run.stop()
            if future.cancel():
                # It never started: every worker stayed taken until its deadline (imports queued behind the
                # writer, in the soak). Nothing ran, so it is load shed like a full backlog, not a slow query.
                return self._reply(media, {"errors": [{"message": f"the server is busy (no GraphQL worker was free "
                                                                  f"within {self.timeout:g} s; nothing was run); "
                                                                  "retry in a moment"}]}, 503, {"Retry-After": "1"})
            return self._reply(media, {"errors": [{"message": f"the query ran longer than {self.timeout:g} s and was stopped "
                                                              "(STORYGRAPH_GRAPHQL_TIMEOUT); ask for fewer items "
                                                              "(first/limit), less depth or a more specific search"}]}, 504)

    async def _handed_back(self, future: concurrent.futures.Future[T]) -> T:
        """The worker's result, or TimeoutError at the deadline while the work goes on (its slot held until it ends).

        One future and one timer on the event loop, where wrap_future, shield and wait_for made three
        futures, a task and their callbacks for every request.
        """
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[T] = loop.create_future()

        def deliver(done: concurrent.futures.Future[T]) -> None:  # on the event loop
            if waiter.done():
                return  # past its deadline, or the request went away
            if done.cancelled():
                waiter.cancel()
            elif (error := done.exception()) is not None:
                waiter.set_exception(error)
            else:
                waiter.set_result(done.result())

        def finished(done: concurrent.futures.Future[T]) -> None:  # in the worker thread (or here, if cancelled)
            self._release()
            try:
                loop.call_soon_threadsafe(deliver, done)
            except RuntimeError:
                pass  # the event loop is closed: the server stopped, nobody waits for the answer

        def expire() -> None:
            if not waiter.done():
                waiter.set_exception(TimeoutError())

        future.add_done_callback(finished)
        timer = loop.call_later(self.timeout, expire)
        try:
            return await waiter
        finally:
            timer.cancel()

    def _answer_in_worker(self, run: _Run, method: str, media: str, query: str, variables: dict[str, Any],
                          operation: str | None, context: dict[str, Any]) -> _Answer:
        """In a worker thread, so the event loop never waits on it: parse, execute on a private event loop
        (DataLoaders and async resolvers need one) and serialize the response."""
        kind = run.kind = self._operation_type(query, operation)
        if kind is OperationType.MUTATION and method == "GET":
            raise RequestError("mutations must be sent with POST", 405, headers={"Allow": "POST"})

        async def execute() -> ExecutionResult:
            with run.lock:
                # A mutation is not dropped for starting late: its wait for the writer is bounded by
                # the deadline instead (503 when it cannot start), and once writing it runs to its end.
                if run.stopped or (kind is not OperationType.MUTATION and time.monotonic() > run.deadline):
                    raise asyncio.CancelledError()
                run.loop, run.task = asyncio.get_running_loop(), asyncio.current_task()
            if kind is OperationType.QUERY:
                known = await execute_known(schema, query, variables, operation, Context(**context))
                if known is not None:
                    return known
            result = await schema.execute(query, variable_values=variables, context_value=Context(**context),
                                          operation_name=operation)
            if kind is OperationType.QUERY and not result.errors:
                remember(query, operation)
            return result

        result = _run_on_worker_loop(execute())
        # Parse, validation and variable errors carry no path: the request never ran, so no `data` entry.
        ran = result.data is not None or not result.errors or any(e.path for e in result.errors)
        payload: dict[str, Any] = {}
        if ran:
            payload["data"] = result.data
        if result.errors:
            payload["errors"] = [self._format(e) for e in result.errors]
        if result.extensions:
            payload["extensions"] = result.extensions
        body = _encode(payload)
        if result.errors and any(isinstance(e.original_error, WriterBusy) for e in result.errors):
            return _Answer(kind, body, 503, complete=False, headers={"Retry-After": "1"})
        building = [e.original_error for e in result.errors or () if isinstance(e.original_error, ViewNotReady)]
        if building:  # the view is being built at start-up: not this query's fault, and not an answer
            return _Answer(kind, body, 503, complete=False, headers={"Retry-After": str(building[0].retry_after)})
        return _Answer(kind, body, 200 if ran or media == JSON else 400, complete=not result.errors)

    def _release(self) -> None:
        with self._slots:
            self._in_flight -= 1

    def close(self) -> None:
        """Stop the worker threads (running work is left to finish)."""
        self._workers.shutdown(wait=False, cancel_futures=True)

    def _format(self, error: GraphQLError) -> dict[str, Any]:
        """The error as the spec formats it; unexpected failures are logged with an id, never shown."""
        original = error.original_error
        if original is None or isinstance(original, _USER_ERRORS):
            return dict(error.formatted)
        request_id = uuid.uuid4().hex[:12]
        log.error("request %s failed", request_id, exc_info=original)
        formatted = dict(error.formatted)
        formatted["message"] = f"internal error (request id {request_id}); the server log has the details"
        return formatted

    @staticmethod
    def _reply(media: str, payload: dict[str, Any], status: int, headers: dict[str, str] | None = None) -> Response:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return Response(body, status, media_type=media, headers=headers)
