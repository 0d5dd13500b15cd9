"""Every setting of the service, declared once with its environment variable, default and help.

`Settings.from_env()` is the one place the environment is read; the command line and the app build
one `Settings` and pass it down. `storygraph settings` prints the table below with the values in force.
A secret (the import token) is held as starlette's `Secret`, which never prints its value.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit
from typing import TYPE_CHECKING, Any

from starlette.datastructures import Secret

if TYPE_CHECKING:
    from graph.store import RemoteOptions, Store

DEFAULT_DB = "./data"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: the Settings field it fills, its environment variable, how to read it, and what it does."""

    field: str
    env: str
    cast: Callable[[str], Any]
    help: str
    secret: bool = False


def _positive_float(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise ValueError(f"must be greater than 0, got {text}")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise ValueError(f"must be greater than 0, got {text}")
    return value


def cors_origins(value: str) -> tuple[str, ...]:
    """Origins from a comma- or space-separated list, e.g. "https://a.example, http://localhost:3000"; "*" allows any."""
    return tuple(o.strip().rstrip("/") for o in value.replace(",", " ").split() if o.strip())


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "STORYGRAPH_DB", str, "directory of the embedded Oxigraph store (`--db`)"),
    Setting("store", "STORYGRAPH_STORE", str,
            "store backend, overrides the directory: oxigraph:DIR, memory:, or sparql:QUERY_URL (`--store`)"),
    Setting("base", "STORYGRAPH_BASE", str,
            "base IRI every entity and story IRI is minted under (`--base`); default: the server's own address"),
    Setting("import_token", "STORYGRAPH_IMPORT_TOKEN", Secret,
            "bearer token that enables the importDocument mutation; unset: imports over the API are off", secret=True),
    Setting("sparql_timeout", "STORYGRAPH_SPARQL_TIMEOUT", _positive_float, "seconds a /sparql query may run"),
    Setting("sparql_max_results", "STORYGRAPH_SPARQL_MAX_RESULTS", _positive_int,
            "most solutions or triples a /sparql answer may hold; beyond it the answer is an error, never cut short"),
    Setting("sparql_max_query_bytes", "STORYGRAPH_SPARQL_MAX_QUERY_BYTES", _positive_int,
            "largest /sparql query text accepted, in bytes; checked before any parsing"),
    Setting("sparql_max_depth", "STORYGRAPH_SPARQL_MAX_DEPTH", _positive_int,
            "deepest nesting of ( { [ in a /sparql query (pyoxigraph's parser crashes at ~5,000)"),
    Setting("sparql_max_operators", "STORYGRAPH_SPARQL_MAX_OPERATORS", _positive_int,
            "most operators and UNION/OPTIONAL/MINUS in one /sparql query (pyoxigraph crashes at ~10,000)"),
    Setting("sparql_service_allow", "STORYGRAPH_SPARQL_SERVICE_ALLOW", lambda text: tuple(text.split()),
            "space-separated endpoint IRIs a /sparql SERVICE may call; unset: every SERVICE is refused"),
    Setting("sparql_slots", "STORYGRAPH_SPARQL_SLOTS", _positive_int,
            "/sparql queries run at once; on an on-disk store each is a worker process killed at the time limit"),
    Setting("import_confirm_bytes", "STORYGRAPH_IMPORT_CONFIRM_BYTES", _positive_int,
            "`storygraph import` of more input than this many bytes needs --yes (an import is held in memory)"),
    Setting("sparql_update_url", "STORYGRAPH_SPARQL_UPDATE", str, "remote store: its SPARQL Update endpoint"),
    Setting("sparql_store_url", "STORYGRAPH_SPARQL_STORE", str, "remote store: its Graph Store Protocol endpoint"),
    Setting("sparql_writes", "STORYGRAPH_SPARQL_WRITES", _positive_int,
            "remote store: Graph Store Protocol writes an import keeps in flight at once (the sparql: URL's writes=N); "
            "unset: 1 on Virtuoso (it can crash under concurrent writes), 4 on other engines"),
    Setting("sparql_user", "STORYGRAPH_SPARQL_USER", str,
            "remote store: the account that writes (HTTP Basic or Digest, as the engine asks)"),
    Setting("sparql_password", "STORYGRAPH_SPARQL_PASSWORD", Secret, "remote store: that account's password",
            secret=True),
    Setting("sparql_max_rows", "STORYGRAPH_SPARQL_MAX_ROWS", _positive_int,
            "remote store: the engine's result-row cap, for engines that do not announce it (Virtuoso does)"),
    # GraphQL limits (README, "Limits"): what one request may cost the server.
    Setting("graphql_max_body_bytes", "STORYGRAPH_GRAPHQL_MAX_BODY_BYTES", _positive_int,
            "largest /graphql request body in bytes; a larger one is answered 413"),
    Setting("graphql_max_query_chars", "STORYGRAPH_GRAPHQL_MAX_QUERY_CHARS", _positive_int,
            "longest GraphQL document (query or persisted query) in characters, refused before parsing"),
    Setting("graphql_timeout", "STORYGRAPH_GRAPHQL_TIMEOUT", _positive_float,
            "seconds a GraphQL request may run before it is answered 504 and stopped"),
    Setting("graphql_workers", "STORYGRAPH_GRAPHQL_WORKERS", _positive_int,
            "GraphQL requests executed at once, each in a worker thread"),
    Setting("graphql_backlog", "STORYGRAPH_GRAPHQL_BACKLOG", _positive_int,
            "GraphQL requests waiting for a worker (or past their deadline and still stopping) before new ones get 503"),
    Setting("graphql_cache_bytes", "STORYGRAPH_GRAPHQL_CACHE_BYTES", _positive_int,
            "memory for cached GraphQL responses, in bytes"),
    Setting("graphql_persisted_bytes", "STORYGRAPH_GRAPHQL_PERSISTED_BYTES", _positive_int,
            "memory for persisted (APQ) queries, in bytes"),
    Setting("search_max_chars", "STORYGRAPH_SEARCH_MAX_CHARS", _positive_int,
            "longest `search(query:)` or `filter: {text:}` text, in characters"),
    Setting("search_max_words", "STORYGRAPH_SEARCH_MAX_WORDS", _positive_int,
            "most distinct words in a search or text filter"),
    Setting("export_dumps", "STORYGRAPH_EXPORT_DUMPS", _positive_int,
            "/export dumps read from the store at once (an export kept beside the store is always served); "
            "a request that waits 10 s for one gets 503 with Retry-After"),
    Setting("cors_origins", "STORYGRAPH_CORS_ORIGINS", cors_origins,
            "origins (comma- or space-separated) whose pages may call the API from a browser (`--cors-origin`); "
            "unset: no CORS headers"),
    Setting("debug", "STORYGRAPH_DEBUG", lambda text: text != "0",
            "1: a command that stops on an internal error (a bug, e.g. the extractor raising on a valid story) "
            "prints its traceback as well, for the report"),
    # read by graph/compiled.py itself, when `graph` is imported (before any Settings exists); listed here with the rest
    Setting("pure_python", "STORYGRAPH_PURE", lambda text: text != "0",
            "1: run the extractor as pure Python even when its compiled build (`make compile`) is current; "
            "`storygraph --version` says which runs"),
)


class SettingError(ValueError):
    """An environment variable whose value cannot be used; says which and what is expected."""


@dataclass(frozen=True, slots=True)
class Settings:
    """The settings in force. Fields default to what an unset environment gives."""

    store_url: str = DEFAULT_DB
    base: str = f"http://{DEFAULT_HOST}:{DEFAULT_PORT}/"
    import_token: Secret | None = None
    base_is_explicit: bool = False
    sparql_timeout: float = 5.0
    sparql_max_results: int = 10_000
    sparql_max_query_bytes: int = 256 * 1024
    sparql_max_depth: int = 100
    sparql_max_operators: int = 2_000
    sparql_service_allow: tuple[str, ...] = ()
    sparql_slots: int = 4
    import_confirm_bytes: int = 200 << 20
    sparql_update_url: str | None = None
    sparql_store_url: str | None = None
    sparql_writes: int | None = None
    sparql_user: str | None = None
    sparql_password: Secret | None = None
    sparql_max_rows: int | None = None
    graphql_max_body_bytes: int = 1_048_576
    graphql_max_query_chars: int = 100_000
    graphql_timeout: float = 10.0
    graphql_workers: int = 4
    graphql_backlog: int = 16
    graphql_cache_bytes: int = 64 * 1_048_576
    graphql_persisted_bytes: int = 16 * 1_048_576
    search_max_chars: int = 500
    search_max_words: int = 20
    export_dumps: int = 1
    cors_origins: tuple[str, ...] = ()
    debug: bool = False
    pure_python: bool = False

    def __post_init__(self) -> None:
        # Tests and callers may pass the token as plain text; it is held as a Secret either way.
        if isinstance(self.import_token, str):
            object.__setattr__(self, "import_token", Secret(self.import_token) if self.import_token else None)

    @property
    def token(self) -> str | None:
        """The import token's value, for the one comparison that needs it."""
        return str(self.import_token) if self.import_token is not None else None

    def remote_options(self) -> RemoteOptions:
        """What a remote store needs besides its URL: the writer's credentials and the engine's row cap."""
        from graph.store import RemoteOptions
        password = str(self.sparql_password) if self.sparql_password is not None else None
        return RemoteOptions(user=self.sparql_user, password=password, max_rows=self.sparql_max_rows)

    def for_store(self, store: Store, explicit_base: bool = False) -> Settings:
        """Keep a store's own base IRI unless one was given, so IRIs stay stable across ports."""
        if explicit_base or self.base_is_explicit:
            return self
        found = stored_base(store)
        return replace(self, base=found) if found else self

    @classmethod
    def from_env(cls, db: str | None = None, store: str | None = None, base: str | None = None,
                 host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 environ: Mapping[str, str] | None = None) -> Settings:
        """Settings from command-line values (given first), then the environment, then the defaults."""
        env = read_environment(os.environ if environ is None else environ)
        store_url = store or env.get("store") or db or env.get("db") or DEFAULT_DB
        chosen_base = base or env.get("base")
        known = {f.name for f in fields(cls)}
        extra = {k: v for k, v in env.items() if k in known and k not in ("base",)}
        if store_url.startswith("sparql:"):
            store_url = _with_parameters(store_url, {"update": env.get("sparql_update_url"), "store": env.get("sparql_store_url"),
                                                     "writes": env.get("sparql_writes")})
        return cls(store_url=store_url, base=chosen_base or f"http://{host}:{port}/",
                   base_is_explicit=bool(chosen_base), **extra)

    def describe(self) -> list[tuple[str, str, str]]:
        """(environment variable, value in force, help) for every setting; secrets shown as set/unset."""
        rows = []
        for setting in SETTINGS:
            value: Any = self.store_url if setting.field in ("db", "store") else getattr(self, setting.field, None)
            shown = ("(set)" if value else "(unset)") if setting.secret else (
                "" if value is None else " ".join(value) if isinstance(value, tuple) else str(value))
            rows.append((setting.env, shown, setting.help))
        return rows


def _with_parameters(store_url: str, given: Mapping[str, object]) -> str:
    """A sparql: store URL carrying the parameters the environment sets (update and Graph Store endpoints,
    writes in flight), each replacing the URL's own."""
    values = {k: str(v) for k, v in given.items() if v}
    if not values:
        return store_url
    parts = urlsplit(store_url[len("sparql:"):])
    params = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in values]
    params += list(values.items())
    return "sparql:" + urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(params), ""))


def read_environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """The declared settings that are set in `environ`, each read by its cast; a bad value is a SettingError."""
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        raw = environ.get(setting.env)
        if raw is None or raw == "":
            continue
        try:
            values[setting.field] = setting.cast(raw)
        except ValueError as exc:
            raise SettingError(f"{setting.env}={raw if not setting.secret else '…'} cannot be used: {exc} "
                               f"({setting.help})") from None
    return values


def stored_base(store: Store) -> str | None:
    """The base IRI a store was imported under, read off its meta graph's name."""
    from graph.read import stored_version

    iris, _ = stored_version(store)
    return iris.base if iris else None
