"""Settings shared by the command line and the app: store location, base IRI, address, and the GraphQL limits."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.store import Store

DEFAULT_DB = "./data"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def default_base(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """IRIs dereference against the server's own address unless told otherwise."""
    return os.environ.get("STORYGRAPH_BASE") or f"http://{host}:{port}/"


def stored_base(store: "Store") -> str | None:
    """The base IRI a store was imported under, read off its meta graph's name."""
    rows = store.select("SELECT ?g WHERE { GRAPH ?g { ?d <https://w3id.org/storygraph#version> ?v } } LIMIT 1")
    graph = rows[0][0] if rows else None
    return graph[: -len("graph/meta")] if graph and graph.endswith("graph/meta") else None


def _limit(default: int | float, help: str) -> object:
    """A numeric setting read from $STORYGRAPH_<NAME> (upper case), with its help text."""
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    store_url: str
    base: str
    import_token: str | None = None
    # GraphQL limits (README, "Limits"): what one request may cost the server.
    graphql_max_body_bytes: int = _limit(1_048_576, "Largest /graphql request body in bytes; a larger one is answered 413.")  # type: ignore[assignment]
    graphql_max_query_chars: int = _limit(100_000, "Longest GraphQL document (query or persisted query) in characters.")  # type: ignore[assignment]
    graphql_timeout_seconds: float = _limit(10.0, "Time one GraphQL request may run before it is answered 504 and stopped.")  # type: ignore[assignment]
    graphql_workers: int = _limit(4, "GraphQL requests executed at once, each in a worker thread.")  # type: ignore[assignment]
    graphql_backlog: int = _limit(16, "Requests waiting for a worker (or past their deadline, still stopping) before new ones get 503.")  # type: ignore[assignment]
    graphql_cache_bytes: int = _limit(64 * 1_048_576, "Memory for cached GraphQL responses, in bytes.")  # type: ignore[assignment]
    graphql_persisted_bytes: int = _limit(16 * 1_048_576, "Memory for persisted (APQ) queries, in bytes.")  # type: ignore[assignment]
    search_max_chars: int = _limit(500, "Longest `search(query:)` or `filter: {text:}` text, in characters.")  # type: ignore[assignment]
    search_max_words: int = _limit(20, "Most distinct words in a search or text filter.")  # type: ignore[assignment]

    def for_store(self, store: "Store", explicit_base: bool) -> "Settings":
        """Keep a store's own base IRI unless one was given, so IRIs stay stable across ports."""
        if explicit_base or os.environ.get("STORYGRAPH_BASE"):
            return self
        found = stored_base(store)
        return replace(self, base=found) if found else self

    @classmethod
    def from_env(cls, db: str | None = None, store: str | None = None, base: str | None = None) -> "Settings":
        store_url = store or os.environ.get("STORYGRAPH_STORE") or (db or os.environ.get("STORYGRAPH_DB") or DEFAULT_DB)
        return cls(store_url=store_url, base=base or default_base(),
                   import_token=os.environ.get("STORYGRAPH_IMPORT_TOKEN") or None, **limits_from_env())


def limit_settings() -> list[tuple[str, int | float, str]]:
    """(name, default, help) of every limit setting, for documentation and `--help`."""
    return [(f.name, f.default, f.metadata["help"]) for f in fields(Settings) if "help" in f.metadata]  # type: ignore[misc]


def limits_from_env() -> dict[str, int | float]:
    """The limit settings given as $STORYGRAPH_<NAME>, checked to be positive numbers."""
    found: dict[str, int | float] = {}
    for name, default, _ in limit_settings():
        raw = os.environ.get(f"STORYGRAPH_{name.upper()}")
        if raw is None or raw == "":
            continue
        try:
            value = type(default)(raw)
        except ValueError:
            raise ValueError(f"STORYGRAPH_{name.upper()}={raw!r} is not a number") from None
        if value <= 0:
            raise ValueError(f"STORYGRAPH_{name.upper()} must be positive (got {raw})")
        found[name] = value
    return found
