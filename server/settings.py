"""Settings shared by the command line and the app: store location, base IRI, address."""
from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_DB = "./data"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def default_base(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> str:
    """IRIs dereference against the server's own address unless told otherwise."""
    return os.environ.get("STORYGRAPH_BASE") or f"http://{host}:{port}/"


@dataclass(frozen=True, slots=True)
class Settings:
    store_url: str
    base: str
    import_token: str | None = None

    @classmethod
    def from_env(cls, db: str | None = None, store: str | None = None, base: str | None = None) -> "Settings":
        store_url = store or os.environ.get("STORYGRAPH_STORE") or (db or os.environ.get("STORYGRAPH_DB") or DEFAULT_DB)
        return cls(store_url=store_url, base=base or default_base(),
                   import_token=os.environ.get("STORYGRAPH_IMPORT_TOKEN") or None)
