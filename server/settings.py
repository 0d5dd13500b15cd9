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
