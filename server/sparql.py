"""The SPARQL 1.1 Protocol endpoint (queries only): GET and POST, results by Accept, time and size limits.

Updates are refused with 403: the graph changes only through imports. A query's text is checked
before any parser sees it (server/sparql_guard.py: size, nesting, operator chains, SERVICE
targets), then runs in one of a fixed number of slots (server/sparql_pool.py): on an on-disk
store a worker process that is killed at the time limit, so a timed-out query frees its slot.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import asyncio
import logging
import re
import uuid
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from graph import formats
from graph.jsonld import CONTEXT_PATH
from graph.records import StoreError
from graph.results import QueryLimitError, QueryLimits, timeout_error
from graph.store import Store
from server.negotiation import negotiate
from server.sparql_guard import GuardLimits, QueryRefused, check_query
from server.sparql_pool import GRACE, EngineCrashed, Job, QueryRunner

log = logging.getLogger("storygraph.sparql")

# The result formats by Accept: solutions and graphs share names ('xml' is SPARQL/XML for
# solutions and RDF/XML for graphs); the store picks the one that fits the query's result.
OFFERED = tuple(formats.SOLUTION_FORMATS.values()) + tuple(formats.GRAPH_FORMATS.values())
UPDATE_REFUSED = ("this SPARQL endpoint is read-only: updates are refused. "
                  "Change the graph by importing stories (storygraph import), not with SPARQL Update.")

_PROLOGUE = re.compile(r"(?:\s|#[^\n]*\n|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.IGNORECASE)
_UPDATE_VERB = re.compile(r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


def is_update(text: str) -> bool:
    """Whether a request text is a SPARQL Update (its first keyword after the prologue)."""
    prologue = _PROLOGUE.match(text)  # it matches the empty string too: never None in practice
    return bool(_UPDATE_VERB.match(text, prologue.end() if prologue else 0))


# What an endpoint made without settings allows; the app passes the limits of its Settings.
DEFAULT_LIMITS = QueryLimits(timeout=5.0, max_results=10_000)


def result_format(accept: str, explicit: str | None = None) -> str:
    """The result format for an Accept header (q-values honoured) or an explicit ?format=; JSON by default."""
    if explicit:
        named = formats.get(explicit, "solutions", "graph")
        if named is not None:
            return named.name
    chosen = negotiate(accept, OFFERED)
    return chosen.name if isinstance(chosen, formats.Format) else "json"


class SparqlEndpoint:
    """`/sparql` over one store, with the given limits."""

    def __init__(self, store: Store, base: str, limits: QueryLimits | None = None, max_concurrent: int | None = None,
                 guard: GuardLimits | None = None, snapshot: Callable[[], Path | None] | None = None) -> None:
        """`snapshot()`: the published snapshot of the store for the worker processes to read, if any."""
        self.store = store
        self.limits = limits or DEFAULT_LIMITS
        self.guard = guard or GuardLimits()
        self.context = base + CONTEXT_PATH
        self.runner = QueryRunner(store, max_concurrent or 4, snapshot=snapshot)

    def health(self) -> dict[str, int]:
        """Slots in use and in all, for /healthz."""
        return {"busy": self.runner.busy, "slots": self.runner.slots}

    def close(self) -> None:
        self.runner.close()

    async def handle(self, request: Request) -> Response:
        try:
            query, explicit = await self._query_text(request)
            check_query(query, self.guard)
            if is_update(query):
                raise PermissionError(UPDATE_REFUSED)
        except PermissionError as exc:
            return PlainTextResponse(str(exc), status_code=403)
        except QueryRefused as exc:
            return PlainTextResponse(str(exc), status_code=400, headers={"X-Storygraph-Limit": exc.limit})
        except ValueError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        fmt = result_format(request.headers.get("accept", ""), explicit)
        slot = self.runner.try_acquire()
        if slot is None:
            return PlainTextResponse("too many SPARQL queries are running; retry in a moment", status_code=503,
                                     headers={"Retry-After": "1", "X-Storygraph-Limit": "concurrency"})
        job = Job(query, fmt, self.limits, self.context)
        try:
            work = asyncio.to_thread(slot.run, job)
            # A worker process is killed at its deadline and returns; a thread can only be abandoned.
            body, media_type = await (work if self.runner.isolated else
                                      asyncio.wait_for(work, timeout=self.limits.timeout + GRACE))
        except TimeoutError:
            return self._limit_response(timeout_error(self.limits))
        except QueryLimitError as exc:
            return self._limit_response(exc)
        except EngineCrashed as exc:
            log.warning("a SPARQL query crashed its worker process (%d bytes of query text)", len(query))
            return PlainTextResponse(str(exc), status_code=400)
        except StoreError as exc:
            return PlainTextResponse(f"query failed: {exc}", status_code=400)
        except Exception:
            request_id = uuid.uuid4().hex[:12]
            log.exception("SPARQL query failed (request %s)", request_id)
            return PlainTextResponse(f"internal error (request id {request_id})", status_code=500)
        return Response(body, media_type=media_type, headers={"Vary": "Accept"})

    @staticmethod
    def _limit_response(exc: QueryLimitError) -> Response:
        status = 503 if exc.limit == "timeout" else 400
        return PlainTextResponse(str(exc), status_code=status, headers={"X-Storygraph-Limit": exc.limit})

    @staticmethod
    async def _query_text(request: Request) -> tuple[str, str | None]:
        """The query of a protocol request: ?query= (GET), urlencoded form or a direct POST body."""
        params = dict(request.query_params)
        if request.method == "GET":
            if "update" in params:
                raise PermissionError(UPDATE_REFUSED)
            if not params.get("query"):
                raise ValueError("missing query: send ?query=SELECT… (GET), a form field `query` or an "
                                 "application/sparql-query body (POST)")
            return params["query"], params.get("format")
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = (await request.body()).decode("utf-8", errors="replace")
        if content_type == "application/sparql-update":
            raise PermissionError(UPDATE_REFUSED)
        if content_type == "application/sparql-query":
            return body, params.get("format")
        if content_type == "application/x-www-form-urlencoded":
            form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
            if "update" in form:
                raise PermissionError(UPDATE_REFUSED)
            if form.get("query"):
                return form["query"], form.get("format") or params.get("format")
        raise ValueError("POST needs Content-Type application/sparql-query (the query as the body) or "
                         "application/x-www-form-urlencoded with a `query` field")
