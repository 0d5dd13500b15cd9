"""Remote backend: any SPARQL 1.1 engine over HTTP (Query and Update protocols, Graph Store Protocol for writes).

URL: `sparql:QUERY_URL[?update=UPDATE_URL&store=STORE_URL&writes=N]`. When QUERY_URL ends in /query (as
Oxigraph's does) the update and store URLs default to /update and /store beside it; otherwise
they default to QUERY_URL and no store URL. `writes=N` is how many Graph Store writes an import
keeps in flight; without it, 1 on Virtuoso (recognised by its Server header: Virtuoso 7.2 crashed
under four concurrent PUTs now and then) and 4 on other engines. server/settings.py adds the
parameters from STORYGRAPH_SPARQL_UPDATE, STORYGRAPH_SPARQL_STORE and STORYGRAPH_SPARQL_WRITES.
The engine must answer patterns outside GRAPH over the union of all graphs (as
`oxigraph serve --union-default-graph` and Virtuoso do), like the embedded store.

Credentials come from RemoteOptions (the settings STORYGRAPH_SPARQL_USER and
STORYGRAPH_SPARQL_PASSWORD) or an endpoint URL's user:password@, and are sent as HTTP Basic or
Digest, whichever the engine's challenge asks for (Virtuoso's /sparql-auth wants Digest). They
never appear in messages.

Engines cap answers (Virtuoso: ResultSetMaxRows, 10,000 by default, told only in an
X-SPARQL-MaxRows header). Every SELECT here is checked: a capped answer is read again in pages
(the query as a sorted subquery, OFFSET/LIMIT outside it, which Virtuoso allows past its cap),
and an engine that stops a query early (Virtuoso's "anytime" partial answers) is an error. Set
STORYGRAPH_SPARQL_MAX_ROWS (RemoteOptions.max_rows) to an engine's cap when it does not send the header.

Reads, counts and dumps cover storygraph's own graphs only (story graphs, and the entities, meta
and review graphs), so a shared engine's other data is neither counted nor exported. Dumps read
graphs in batches through SELECT (standard protocol only) and serialize locally.

Writes cannot be one transaction across HTTP requests. They are sent in an order that keeps
every story graph either absent or whole: drops and deletes first, then the story graphs (each a
Graph Store Protocol PUT when a store URL is known, else inside a single INSERT DATA), then the
entities, review and meta graphs in batches (Graph Store Protocol POSTs, else INSERT DATA), then the `after` updates. A failure part-way leaves
whole stories and possibly missing entity descriptions or an old version stamp; re-running the
import completes it (imports are idempotent).
"""
from __future__ import annotations

import json
import logging
import re
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, BinaryIO, cast
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from graph import formats, rdf, terms
from graph.iris import Iris
from graph.records import StoreError
from graph.results import QueryLimitError, QueryLimits, serialize_limited
from graph.store.base import NewQuads, RemoteOptions, Row, Store, Write, union_triples

# Triples per INSERT DATA when the engine has no Graph Store Protocol URL (Virtuoso refuses a few
# thousand: "generated SQL text has exceeded 10000 lines").
DEFAULT_BATCH = 500
# Triples per Graph Store Protocol POST to a shared graph (entities, review, meta).
POST_TRIPLES = 50_000
# Graph Store Protocol PUTs in flight at once during an import (the engine commits each one), when the
# location's `writes=N` does not say: per engine, by the product name in its Server header. Virtuoso
# 7.2 crashed ("malloc(): unaligned tcache chunk detected") under four once in five CI runs and
# deadlocks concurrent PUTs (SR172); one at a time costs its imports 1.3-1.5x the time (bench/RESULTS.md,
# "Writes in flight on Virtuoso").
PARALLEL_WRITES = 4
ENGINE_WRITES = {"virtuoso": 1}
# The sparql: location's own parameters, taken off the query URL.
OWN_PARAMETERS = ("update", "store", "writes")
# Pauses before each new attempt of a Graph Store write the engine failed with a 5xx.
RETRY_WAITS = (0.2, 1.0, 3.0)
UNLIMITED = QueryLimits(timeout=float("inf"), max_results=1 << 62)
# Rows a dump asks for at once: under Virtuoso's default cap of 10,000, so that no batch needs
# paging (sorting a batch to page it costs Virtuoso seconds); fewer if the engine announced less.
DUMP_ROWS = 9_000
# Graphs a dump asks for at once: one UNION branch each (Virtuoso overflows its stack at a few hundred).
DUMP_GRAPHS = 100
_SOLUTIONS = "application/sparql-results+json"
_SELECT_ACCEPT = "application/sparql-results+xml, application/sparql-results+json;q=0.9"
_GRAPH_ACCEPT = ", ".join([formats.RDF_FORMATS["nt"].media_type, f"{formats.RDF_FORMATS['ttl'].media_type};q=0.9",
                           f"{formats.RDF_FORMATS['xml'].media_type};q=0.8", f"{_SOLUTIONS};q=0.1"])
_log = logging.getLogger(__name__)
_HEAD = re.compile(r"<!DOCTYPE[^>]*>|<head>.*?</head>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]*>")
_PROLOGUE = re.compile(r"(?:\s|#[^\n]*\n|PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.IGNORECASE)
_FORM = re.compile(r"(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_ORDER_BY = re.compile(r"\bORDER\s+BY\b", re.IGNORECASE)
# A top-level ORDER BY … OFFSET n LIMIT m (either order) at the end of a query.
_SLICE = re.compile(r"\s+(?:OFFSET\s+(\d+)\s+LIMIT\s+(\d+)|LIMIT\s+(\d+)\s+OFFSET\s+(\d+))\s*$", re.IGNORECASE)
_VAR = re.compile(r"^[?$]?(\w+)$")


def parse_location(location: str) -> tuple[str, str, str | None]:
    """(query URL, update URL, store URL or None) from `QUERY_URL[?update=…&store=…]`."""
    parts = urlsplit(location)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"not a SPARQL endpoint URL: {_public(location)!r}; use sparql:http://host:port/query "
                         "(add ?update=URL&store=URL when the engine does not use Oxigraph's /update and /store)")
    params = parse_qsl(parts.query, keep_blank_values=True)
    own = {k: v for k, v in params if k in OWN_PARAMETERS}
    rest = urlencode([(k, v) for k, v in params if k not in OWN_PARAMETERS])
    query = urlunsplit((parts.scheme, parts.netloc, parts.path, rest, ""))
    if parts.path.endswith("/query"):
        root = urlunsplit((parts.scheme, parts.netloc, parts.path[: -len("/query")], "", ""))
        update, store = f"{root}/update", f"{root}/store"
    else:
        update, store = query, None
    update = own.get("update") or update
    store = own.get("store") or store
    return query, update, store


def parse_writes(location: str) -> int | None:
    """The `writes=N` parameter of a sparql: location (Graph Store writes in flight at once), or None."""
    values = [v for k, v in parse_qsl(urlsplit(location).query, keep_blank_values=True) if k == "writes"]
    if not values:
        return None
    if not values[-1].isdigit() or int(values[-1]) < 1:
        raise StoreError(f"writes={values[-1]!r} in the sparql: URL is not a number of writes; use writes=1 or more "
                         "(Graph Store Protocol writes in flight at once during an import)")
    return int(values[-1])


def _detail(response: httpx.Response) -> str:
    """What an error answer says, in one line: Virtuoso wraps its message in an HTML page."""
    text = response.text
    if "<" in text:
        text = _TAGS.sub(" ", _HEAD.sub(" ", text))
    text = " ".join(text.split())
    return text[:300] or response.reason_phrase


def _public(url: str) -> str:
    """A URL without its user:password@, for messages."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def _credentials(options: RemoteOptions, *urls: str) -> tuple[str, str] | None:
    if options.user:
        return options.user, options.password or ""
    for url in urls:
        parts = urlsplit(url)
        if parts.username:
            return unquote(parts.username), unquote(parts.password or "")
    return None


class _ChallengeAuth(httpx.Auth):
    """HTTP Basic or Digest, whichever the engine's first 401 challenge names; then always that one."""

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self._basic, self._digest = httpx.BasicAuth(user, password), httpx.DigestAuth(user, password)
        self._chosen: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._chosen is not None:
            yield from self._chosen.auth_flow(request)
            return
        response = yield request
        if response.status_code != 401:
            return
        challenge = response.headers.get("www-authenticate", "").lower()
        self._chosen = self._digest if challenge.startswith("digest") else self._basic
        yield from self._chosen.auth_flow(request)

    def __repr__(self) -> str:
        return "<credentials>"


def _graph_of(line: str) -> tuple[str, str]:
    """An N-Quads line -> (graph IRI, the triple with its final ' .')."""
    cut = line.rfind("<", 0, len(line) - 3)
    return line[cut + 1: line.rfind(">")], line[:cut] + "."


def _by_graph(nquads: str, story_graphs: set[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """N-Quads -> (triples of each story graph, triples of each other graph)."""
    stories: dict[str, list[str]] = {}
    others: dict[str, list[str]] = {}
    for line in terms.lines(nquads):
        graph, triple = _graph_of(line)
        (stories if graph in story_graphs else others).setdefault(graph, []).append(triple)
    return stories, others


def _split_prologue(sparql: str) -> tuple[str, str]:
    prologue = _PROLOGUE.match(sparql)  # it matches the empty string too: never None in practice
    end = prologue.end() if prologue else 0
    return sparql[:end], sparql[end:]


def _standard_json(body: dict[str, Any]) -> bytes:
    """SPARQL JSON results with Virtuoso's older term keys made standard, for pyoxigraph's parser."""
    for row in body.get("results", {}).get("bindings", []):
        for binding in row.values():
            if binding.get("type") == "typed-literal":
                binding["type"] = "literal"
            if "lang" in binding:
                binding["xml:lang"] = binding.pop("lang")
    body.get("head", {}).pop("link", None)
    results = body.get("results")
    if isinstance(results, dict):
        body["results"] = {"bindings": results.get("bindings", [])}
    return json.dumps(body).encode()


class EngineError(StoreError):
    """The engine answered 5xx: its own failure, which may pass."""


class SparqlStore(Store):
    """A store behind SPARQL 1.1 endpoints; one keep-alive HTTP client, no HEAD requests."""

    def __init__(self, location: str, *, batch: int = DEFAULT_BATCH, timeout: float = 60.0,
                 options: RemoteOptions | None = None) -> None:
        options = options or RemoteOptions()
        self.query_url, self.update_url, self.store_url = parse_location(location)
        self.writes = parse_writes(location)
        # The engine's Server header (product/version), from its latest answer.
        self.server: str | None = None
        self.url = f"sparql:{location}"
        self.batch = batch
        self.max_rows = options.max_rows
        # The engine's row cap once an answer has announced it; dumps then ask for less at a time.
        self.engine_cap: int | None = None
        credentials = _credentials(options, self.update_url, self.query_url, self.store_url or "")
        self.client = httpx.Client(timeout=timeout, headers={"User-Agent": "storygraph"},
                                   auth=_ChallengeAuth(*credentials) if credentials else None)

    # -- HTTP ------------------------------------------------------------------------------------
    def _send(self, method: str, url: str, *, accept: str | None = None, timeout: float | None = None,
              **kwargs: Any) -> httpx.Response:
        headers = dict(kwargs.pop("headers", {}))
        if accept:
            headers["Accept"] = accept
        try:
            response = self.client.request(method, url, headers=headers, **kwargs,
                                           timeout=timeout if timeout and timeout != float("inf") else httpx.USE_CLIENT_DEFAULT)
        except httpx.TimeoutException:
            raise QueryLimitError("timeout", f"the SPARQL endpoint {_public(url)} did not answer within "
                                             f"{timeout or 'the'} s") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {_public(url)}: {exc}; is it running, and is the URL right?") from None
        self.server = response.headers.get("server", self.server)
        if response.status_code == 401:
            raise StoreError(f"the SPARQL endpoint {_public(url)} refused the request (401 Unauthorized): set "
                             "STORYGRAPH_SPARQL_USER and STORYGRAPH_SPARQL_PASSWORD for an account allowed to "
                             "write (on Virtuoso, one with the SPARQL_UPDATE role, at /sparql-auth)")
        if response.status_code >= 400:
            error = EngineError if response.status_code >= 500 else StoreError
            raise error(f"the SPARQL endpoint {_public(url)} answered {response.status_code}: {_detail(response)}")
        state = response.headers.get("x-sql-state")
        if state:
            # Virtuoso's "anytime" answers: a partial result after MaxQueryExecutionTime.
            raise StoreError(f"the SPARQL endpoint {_public(url)} returned a partial answer ({state}: "
                             f"{response.headers.get('x-sql-message', '')}); raise the engine's time limit "
                             "(Virtuoso: MaxQueryExecutionTime in virtuoso.ini)")
        return response

    def _cap(self, response: httpx.Response) -> int | None:
        header = response.headers.get("x-sparql-maxrows")
        if header and header.isdigit():
            self.engine_cap = int(header)
            return self.engine_cap
        return self.max_rows

    def _solutions_once(self, sparql: str) -> tuple[list[str], list[tuple[Any, ...]], int | None]:
        """One SELECT: (variable names, rows of pyoxigraph terms or None, the engine's cap if it announced one).

        SPARQL/XML is asked for first: engines write it faster than JSON (Virtuoso: 1.5x), and
        pyoxigraph parses it without Python objects per binding.
        """
        response = self._send("POST", self.query_url, data={"query": sparql}, accept=_SELECT_ACCEPT)
        result = self._parse_answer(response, graph_result=False)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError(f"the SPARQL endpoint {_public(self.query_url)} did not answer a SELECT with solutions")
        names = [v.value for v in result.variables]
        rows = [tuple(solution) for solution in result]  # a solution iterates its values in variable order
        return names, rows, self._cap(response)

    def _solutions(self, sparql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
        """Every solution of a SELECT, reading it again in pages if the engine capped the first answer."""
        sparql = self._sliced_outside(sparql)
        names, rows, cap = self._solutions_once(sparql)
        if cap is None or len(rows) < cap:
            return names, rows
        return names, list(self._pages(sparql, names, cap))

    def _sliced_outside(self, sparql: str) -> str:
        """`… ORDER BY x OFFSET n LIMIT m` as a sorted subquery sliced outside: the same answer, and
        Virtuoso refuses to sort past its cap otherwise (error SR353)."""
        prologue, body = _split_prologue(sparql)
        slice_ = _SLICE.search(body)
        form = _FORM.match(body)
        if not slice_ or not _ORDER_BY.search(body) or not form or form.group(1).upper() != "SELECT":
            return sparql
        offset = slice_.group(1) or slice_.group(4)
        limit = slice_.group(2) or slice_.group(3)
        head = re.match(r"SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?((?:[?$]\w+\s*)+)WHERE", body, re.IGNORECASE)
        if head is None:
            return sparql
        names = head.group(1).split()
        return f"{prologue}SELECT {' '.join(names)} WHERE {{ {{ {body[:slice_.start()]} }} }} OFFSET {offset} LIMIT {limit}"

    def _pages(self, sparql: str, names: list[str], page: int) -> Iterator[tuple[Any, ...]]:
        prologue, body = _split_prologue(sparql)
        projection = " ".join(f"?{n}" for n in names)
        inner = body if _ORDER_BY.search(body) else f"SELECT {projection} WHERE {{ {{ {body} }} }} ORDER BY {projection}"
        offset = 0
        while True:
            _, rows, cap = self._solutions_once(
                f"{prologue}SELECT {projection} WHERE {{ {{ {inner} }} }} OFFSET {offset} LIMIT {page}")
            if cap is not None and cap < page and len(rows) >= cap:
                raise StoreError(f"the SPARQL endpoint caps answers at {cap} rows, below the page of {page} asked for; "
                                 "raise the cap (Virtuoso: ResultSetMaxRows in virtuoso.ini) or set STORYGRAPH_SPARQL_MAX_ROWS")
            yield from rows
            if len(rows) < page:
                return
            offset += page

    # -- reads -----------------------------------------------------------------------------------
    def select(self, sparql: str) -> list[Row]:
        _, rows = self._solutions(sparql)
        return [tuple(None if t is None else t.value for t in row) for row in rows]

    def ask(self, sparql: str) -> bool:
        response = self._send("POST", self.query_url, data={"query": sparql}, accept=_SOLUTIONS)
        return bool(response.json()["boolean"])

    def query_bytes(self, sparql: str, result_format: str, *, limits: QueryLimits | None = None,
                    jsonld_context: str | None = None) -> tuple[bytes, str]:
        limits = limits or UNLIMITED
        form = _FORM.match(_split_prologue(sparql)[1])
        graph_result = form is not None and form.group(1).upper() in ("CONSTRUCT", "DESCRIBE")

        def fetch() -> object:
            accept = _GRAPH_ACCEPT if graph_result else f"{_SOLUTIONS}, application/sparql-results+xml;q=0.9"
            response = self._send("POST", self.query_url, data={"query": sparql}, accept=accept, timeout=limits.timeout)
            cap = self._cap(response)
            if cap is not None and cap < limits.max_results:
                answer = self._parse_answer(response, graph_result)
                if not isinstance(answer, ox.QueryBoolean) and sum(1 for _ in cast(Iterable[object], answer)) >= cap:
                    raise QueryLimitError("results", f"the query returns more than the SPARQL engine's cap of {cap} "
                                                     "rows; add a LIMIT or page with OFFSET")
            return self._parse_answer(response, graph_result)

        return serialize_limited(fetch, result_format, limits, jsonld_context=jsonld_context)

    @staticmethod
    def _parse_answer(response: httpx.Response, graph_result: bool) -> object:
        """Whatever standard format the engine answered in, as pyoxigraph solutions, a boolean or triples.

        Virtuoso answers CONSTRUCT and DESCRIBE with ?s ?p ?o solutions when offered SPARQL JSON;
        those become triples again, so the client gets the RDF format it asked for.
        """
        media = response.headers.get("content-type", "")
        fmt = formats.by_media_type(media, ("solutions", "graph", "dataset"))
        if fmt is None:
            raise StoreError(f"the SPARQL engine answered in {media or 'an unnamed format'}, which is not a standard "
                             "SPARQL results or RDF format")
        if fmt.results is None:
            return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(response.content, format=fmt.rdf)]
        content = _standard_json(response.json()) if fmt.name == "json" else response.content
        result = ox.parse_query_results(content, format=fmt.results)
        if graph_result and isinstance(result, ox.QuerySolutions):
            return [ox.Triple(s["s"], s["p"], s["o"]) for s in result]
        return result

    # -- storygraph's own graphs -----------------------------------------------------------------
    def _meta_graphs(self) -> list[str]:
        rows = self.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?d <{rdf.SG}version> ?v }} }}")
        return [r[0] for r in rows if r[0] and r[0].endswith("graph/meta")]

    def own_graphs(self) -> list[str]:
        """Storygraph's graphs in this engine, the story graphs sorted, then the others."""
        stories = sorted(r[0] for r in self.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ ?g a <{rdf.STORY_CLASS}> }} }}") if r[0])
        fixed = sorted({g for meta in self._meta_graphs() for g in _companions(meta)})
        return stories + [g for g in fixed if g not in stories]

    def _graph_sizes(self) -> list[tuple[str, int]]:
        """(graph, triple count) of each of storygraph's graphs, by name."""
        own = set(self.own_graphs())
        sizes = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return sorted((g, int(n or 0)) for g, n in sizes if g in own)

    def quad_count(self) -> int:
        return sum(n for _, n in self._graph_sizes())

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of storygraph's graphs, read in batches of whole graphs of at most DUMP_ROWS rows (or the engine's cap)."""
        for batch in self._graph_batches():
            # One GRAPH <g> block per graph: engines look each up by name, where `VALUES ?g` or a
            # FILTER on ?g may scan every quad (Oxigraph does) once per batch.
            blocks = " UNION ".join(f"{{ GRAPH <{g}> {{ ?s ?p ?o }} BIND(<{g}> AS ?g) }}" for g in batch)
            _, rows = self._solutions(f"SELECT ?g ?s ?p ?o WHERE {{ {blocks} }}")
            for g, subject, predicate, obj in sorted(rows, key=lambda r: r[0].value):
                yield ox.Quad(subject, predicate, obj, g)

    def _graph_batches(self) -> Iterator[list[str]]:
        batch: list[str] = []
        rows = 0
        for graph, count in self._graph_sizes():
            most = min(DUMP_ROWS, self.engine_cap or self.max_rows or DUMP_ROWS)
            if batch and (rows + count > most or len(batch) >= DUMP_GRAPHS):
                yield batch
                batch, rows = [], 0
            batch.append(graph)
            rows += count
        if batch:
            yield batch

    # -- writes ----------------------------------------------------------------------------------
    def _update(self, ops: list[str]) -> None:
        if ops:
            self._send("POST", self.update_url, data={"update": " ;\n".join(ops)})

    def _put_graph(self, graph: str, triples: list[str], method: str = "PUT") -> None:
        """Replace one graph (PUT) or add to it (POST) by the Graph Store Protocol (its `graph` parameter)."""
        if self.store_url is None:
            raise StoreError("this store has no Graph Store Protocol URL (the `store=` parameter of sparql:)")
        separator = "&" if "?" in self.store_url else "?"
        url = f"{self.store_url}{separator}{urlencode({'graph': graph})}"
        content = "\n".join(triples).encode() + b"\n"
        # Both methods are idempotent (PUT replaces the graph, POST adds a set of triples), so an
        # engine's passing failure may be retried: Virtuoso answers 500 "SR172: Transaction deadlocked"
        # to one of several concurrent PUTs now and then, and an import then failed whole for it.
        for wait in (*RETRY_WAITS, None):
            try:
                self._send(method, url, content=content, headers={"Content-Type": formats.RDF_FORMATS["nt"].media_type})
                return
            except EngineError as exc:
                if wait is None:
                    raise
                _log.warning("%s; trying again in %.1f s", exc, wait)
                time.sleep(wait)

    def write(self, change: Write) -> None:
        story_graphs = set(change.new_graphs) | set(change.drop_graphs)
        stories, others = _by_graph(change.new_nquads + change.nquads, story_graphs)
        self._update([f"DROP SILENT GRAPH <{g}>" for g in change.drop_graphs if g not in stories or not self.store_url]
                     + list(change.delete))
        if self.store_url:
            for graph, triples in stories.items():
                self._put_graph(graph, triples)
        else:
            self._insert_packed(stories)
        for graph, triples in others.items():
            if self.store_url:
                for start in range(0, len(triples), POST_TRIPLES):
                    self._put_graph(graph, triples[start:start + POST_TRIPLES], method="POST")
                continue
            for start in range(0, len(triples), self.batch):
                self._update([f"INSERT DATA {{ GRAPH <{graph}> {{ {' '.join(triples[start:start + self.batch])} }} }}"])
        self._update(list(change.after))

    def write_stream(self, new: Iterable[NewQuads], rest: Callable[[], Write]) -> None:
        """PUT new story graphs while later ones are being made, `writes_in_flight()` requests at once.

        New graphs did not exist before, so nothing the rest of the change drops or deletes can
        touch them: they may go first, as the embedded store's bulk load does. Their other quads
        (first descriptions of new entities) are kept for the final write.
        """
        if not self.store_url:
            super().write_stream(new, rest)
            return
        held: list[NewQuads] = []
        writes = self.writes_in_flight()
        with ThreadPoolExecutor(max_workers=writes, thread_name_prefix="storygraph-put") as pool:
            in_flight: deque[Future[None]] = deque()
            try:
                for batch in new:
                    graphs = set(batch.graphs)
                    stories, others = _by_graph(batch.nquads, graphs)
                    for graph, triples in stories.items():
                        in_flight.append(pool.submit(self._put_graph, graph, triples))
                    if others:
                        held.append(NewQuads((), batch.subjects, "".join(
                            f"{t[:-1]}<{g}> .\n" for g, ts in others.items() for t in ts)))
                    while len(in_flight) > 4 * writes:
                        in_flight.popleft().result()
                while in_flight:
                    in_flight.popleft().result()
            finally:
                for future in in_flight:
                    future.cancel()
        change = rest().adding(held)
        if not change.empty:
            self.write(change)

    def writes_in_flight(self) -> int:
        """Graph Store writes an import keeps in flight: the location's `writes=N`, else the engine's default."""
        if self.writes is not None:
            return self.writes
        if self.server is None:
            self.ask("ASK {}")
        product = (self.server or "").split("/")[0].strip().lower()
        return ENGINE_WRITES.get(product, PARALLEL_WRITES)

    def _insert_packed(self, stories: dict[str, list[str]]) -> None:
        """Whole story graphs per INSERT DATA, packed up to `batch` triples a request."""
        pending: list[str] = []
        size = 0
        for graph, triples in stories.items():
            if pending and size + len(triples) > self.batch:
                self._update(["INSERT DATA { " + " ".join(pending) + " }"])
                pending, size = [], 0
            pending.append(f"GRAPH <{graph}> {{ {' '.join(triples)} }}")
            size += len(triples)
        if pending:
            self._update(["INSERT DATA { " + " ".join(pending) + " }"])

    # -- dumps -----------------------------------------------------------------------------------
    def dump(self, output: BinaryIO, rdf_format: str) -> None:
        fmt = formats.RDF_FORMATS[rdf_format]
        if fmt.dataset:
            ox.serialize(self.quads(), output, fmt.rdf, prefixes=rdf.PREFIXES if fmt.name == "trig" else None)
        else:
            ox.serialize(union_triples(self.quads()), output, fmt.rdf,
                         prefixes=rdf.PREFIXES if fmt.name in ("ttl",) else None)

    def close(self) -> None:
        self.client.close()


def _companions(meta_graph: str) -> tuple[str, ...]:
    """The meta graph and the entities and review graphs of the same base; nothing if it is not ours."""
    iris = Iris.from_meta_graph(meta_graph)
    return (iris.entities_graph, iris.meta_graph, iris.review_graph) if iris else ()
