"""Remote backend: any SPARQL 1.1 engine over HTTP (Query and Update protocols, Graph Store Protocol for dumps).

URL: `sparql:QUERY_URL[?update=UPDATE_URL&store=STORE_URL]`. When QUERY_URL ends in /query (as
Oxigraph's does) the update and store URLs default to /update and /store beside it; otherwise
they default to QUERY_URL and no store URL. STORYGRAPH_SPARQL_UPDATE and STORYGRAPH_SPARQL_STORE
override both. The engine must answer patterns outside GRAPH over the union of all graphs (as
`oxigraph serve --union-default-graph` does), like the embedded store; graph/read.py's own
queries use explicit GRAPH patterns.

Writes cannot be one transaction across HTTP requests. They are sent in an order that keeps
every story graph either absent or whole: drops and deletes first, then the story graphs, each
inside a single INSERT DATA (packed several to a request up to `batch` triples), then the
entities, review and meta graphs in batches, then the `after` updates. A failure part-way leaves
whole stories and possibly missing entity descriptions or an old version stamp; re-running the
import completes it (imports are idempotent).
"""
from __future__ import annotations

import os
from typing import BinaryIO
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from graph import terms
from graph.records import StoreError
from graph.results import QueryLimits, serialize_limited
from graph.store.base import Row, Store, Write

DEFAULT_BATCH = 500
UNLIMITED = QueryLimits(timeout=float("inf"), max_results=1 << 62)
_DUMP_MEDIA = {"nq": "application/n-quads", "trig": "application/trig", "nt": "application/n-triples",
               "ttl": "text/turtle", "xml": "application/rdf+xml", "jsonld": "application/ld+json"}
_RESULTS_OR_TRIPLES = "application/sparql-results+json, application/n-triples;q=0.9"


def parse_location(location: str) -> tuple[str, str, str | None]:
    """(query URL, update URL, store URL or None) from `QUERY_URL[?update=…&store=…]` and the environment."""
    parts = urlsplit(location)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"not a SPARQL endpoint URL: {location!r}; use sparql:http://host:port/query "
                         "(add ?update=URL&store=URL when the engine does not use Oxigraph's /update and /store)")
    params = parse_qsl(parts.query, keep_blank_values=True)
    own = {k: v for k, v in params if k in ("update", "store")}
    rest = urlencode([(k, v) for k, v in params if k not in ("update", "store")])
    query = urlunsplit((parts.scheme, parts.netloc, parts.path, rest, ""))
    if parts.path.endswith("/query"):
        root = urlunsplit((parts.scheme, parts.netloc, parts.path[: -len("/query")], "", ""))
        update, store = f"{root}/update", f"{root}/store"
    else:
        update, store = query, None
    update = os.environ.get("STORYGRAPH_SPARQL_UPDATE") or own.get("update") or update
    store = os.environ.get("STORYGRAPH_SPARQL_STORE") or own.get("store") or store
    return query, update, store


def _graph_of(line: str) -> tuple[str, str]:
    """An N-Quads line -> (graph IRI, the triple with its final ' .')."""
    cut = line.rfind("<", 0, len(line) - 3)
    return line[cut + 1: line.rfind(">")], line[:cut] + "."


class SparqlStore(Store):
    """A store behind SPARQL 1.1 endpoints; one keep-alive HTTP client, no HEAD requests."""

    def __init__(self, location: str, *, batch: int = DEFAULT_BATCH, timeout: float = 60.0) -> None:
        self.query_url, self.update_url, self.store_url = parse_location(location)
        self.url = f"sparql:{location}"
        self.batch = batch
        self.client = httpx.Client(timeout=timeout, headers={"User-Agent": "storygraph"})

    # -- HTTP ------------------------------------------------------------------------------------
    def _post(self, url: str, data: dict[str, str], accept: str | None = None, timeout: float | None = None) -> httpx.Response:
        headers = {"Accept": accept} if accept else {}
        try:
            response = self.client.post(url, data=data, headers=headers,
                                        timeout=timeout if timeout and timeout != float("inf") else httpx.USE_CLIENT_DEFAULT)
        except httpx.TimeoutException:
            from graph.results import QueryLimitError
            raise QueryLimitError("timeout", f"the SPARQL endpoint {url} did not answer within {timeout or 'the'} s") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach the SPARQL endpoint {url}: {exc}; is it running, and is the URL right?") from None
        if response.status_code >= 400:
            detail = response.text.strip().splitlines()[0][:300] if response.text.strip() else response.reason_phrase
            raise StoreError(f"the SPARQL endpoint {url} answered {response.status_code}: {detail}")
        return response

    def _json(self, sparql: str) -> dict:  # type: ignore[type-arg]
        return self._post(self.query_url, {"query": sparql}, "application/sparql-results+json").json()

    # -- reads -----------------------------------------------------------------------------------
    def select(self, sparql: str) -> list[Row]:
        body = self._json(sparql)
        names = body["head"]["vars"]
        return [tuple(b[n]["value"] if n in b else None for n in names) for b in body["results"]["bindings"]]

    def ask(self, sparql: str) -> bool:
        return bool(self._json(sparql)["boolean"])

    def query_bytes(self, sparql: str, result_format: str, *, limits: QueryLimits | None = None,
                    jsonld_context: str | None = None) -> tuple[bytes, str]:
        limits = limits or UNLIMITED

        def fetch() -> object:
            response = self._post(self.query_url, {"query": sparql}, _RESULTS_OR_TRIPLES, limits.timeout)
            media = response.headers.get("content-type", "").split(";")[0].strip()
            if media == "application/sparql-results+json":
                return ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
            fmt = ox.RdfFormat.from_media_type(media) or ox.RdfFormat.N_TRIPLES
            return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(response.content, format=fmt)]

        return serialize_limited(fetch, result_format, limits, jsonld_context=jsonld_context)

    def quad_count(self) -> int:
        rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0][0] or 0) if rows else 0

    # -- writes ----------------------------------------------------------------------------------
    def _update(self, ops: list[str]) -> None:
        if ops:
            self._post(self.update_url, {"update": " ;\n".join(ops)})

    def write(self, change: Write) -> None:
        story_graphs = set(change.new_graphs) | set(change.drop_graphs)
        stories: dict[str, list[str]] = {}
        others: dict[str, list[str]] = {}
        for line in terms.lines(change.new_nquads + change.nquads):
            graph, triple = _graph_of(line)
            (stories if graph in story_graphs else others).setdefault(graph, []).append(triple)
        self._update([f"DROP SILENT GRAPH <{g}>" for g in change.drop_graphs] + list(change.delete))
        # Whole story graphs per INSERT DATA, packed up to `batch` triples a request.
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
        for graph, triples in others.items():
            for start in range(0, len(triples), self.batch):
                self._update([f"INSERT DATA {{ GRAPH <{graph}> {{ {' '.join(triples[start:start + self.batch])} }} }}"])
        self._update(list(change.after))

    # -- dumps -----------------------------------------------------------------------------------
    def _stream(self, method: str, url: str, output: BinaryIO, **kwargs: object) -> None:
        try:
            with self.client.stream(method, url, timeout=None, **kwargs) as response:  # type: ignore[arg-type]
                if response.status_code >= 400:
                    response.read()
                    raise StoreError(f"dump from {url} failed with {response.status_code}: {response.text[:300]}")
                for chunk in response.iter_bytes(1 << 16):
                    output.write(chunk)
        except httpx.HTTPError as exc:
            raise StoreError(f"dump from {url} failed: {exc}") from None

    def dump(self, output: BinaryIO, rdf_format: str) -> None:
        media = _DUMP_MEDIA[rdf_format]
        if rdf_format in ("nq", "trig"):
            if not self.store_url:
                raise StoreError("dumping named graphs needs the engine's Graph Store Protocol URL: "
                                 "add ?store=URL to the sparql: store URL or set STORYGRAPH_SPARQL_STORE")
            # GSP GET of the whole dataset (Oxigraph: GET /store with a quad format).
            self._stream("GET", self.store_url, output, headers={"Accept": media})
            return
        construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
        self._stream("POST", self.query_url, output, data={"query": construct}, headers={"Accept": media})

    def close(self) -> None:
        self.client.close()
