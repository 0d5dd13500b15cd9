"""Settings shared by the command line and the app: store location, base IRI, address."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
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
    from graph.read import stored_version

    iris, _ = stored_version(store)
    return iris.base if iris else None


@dataclass(frozen=True, slots=True)
class Settings:
    store_url: str
    base: str
    import_token: str | None = None

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
                   import_token=os.environ.get("STORYGRAPH_IMPORT_TOKEN") or None)


@dataclass(frozen=True, slots=True)
class Setting:
    """One environment setting: its name, default and what it is for (the README lists them all)."""

    name: str
    default: str
    help: str

    def get(self) -> str:
        return os.environ.get(self.name, self.default)

    def integer(self) -> int:
        try:
            return int(self.get())
        except ValueError:
            raise SystemExit(f"error: {self.name} must be a whole number, not {self.get()!r}") from None


SPARQL_MAX_QUERY_BYTES = Setting("STORYGRAPH_SPARQL_MAX_QUERY_BYTES", "262144",
                                 "largest SPARQL query text accepted, in bytes (checked before parsing)")
SPARQL_MAX_DEPTH = Setting("STORYGRAPH_SPARQL_MAX_DEPTH", "100",
                           "deepest nesting of ( { [ in a SPARQL query (pyoxigraph's parser crashes at ~5,000)")
SPARQL_MAX_OPERATORS = Setting("STORYGRAPH_SPARQL_MAX_OPERATORS", "2000",
                               "most operators and UNION/OPTIONAL/MINUS in one SPARQL query (crashes at ~10,000)")
SPARQL_SERVICE_ALLOW = Setting("STORYGRAPH_SPARQL_SERVICE_ALLOW", "",
                               "space-separated endpoint IRIs a SPARQL SERVICE may call; empty refuses every SERVICE")
SPARQL_SLOTS = Setting("STORYGRAPH_SPARQL_SLOTS", "4",
                       "SPARQL queries run at once (each a worker process on an on-disk store)")
IMPORT_CONFIRM_BYTES = Setting("STORYGRAPH_IMPORT_CONFIRM_BYTES", str(200 << 20),
                               "`storygraph import` of more input than this many bytes needs --yes")
SETTINGS = (SPARQL_MAX_QUERY_BYTES, SPARQL_MAX_DEPTH, SPARQL_MAX_OPERATORS, SPARQL_SERVICE_ALLOW, SPARQL_SLOTS,
            IMPORT_CONFIRM_BYTES)
