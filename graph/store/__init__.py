"""Store backends by URL scheme: `open_store("oxigraph:./data" | "memory:" | "sparql:http://…")`.

Adding a backend is one module with a `Store` subclass and one line in BACKENDS.
"""
from __future__ import annotations

from graph.records import StoreError
from graph.store.base import RemoteOptions, Store, Write


def _oxigraph(location: str, options: RemoteOptions) -> Store:
    from graph.store.oxigraph import OxigraphStore
    return OxigraphStore(location or "./data")


def _memory(location: str, options: RemoteOptions) -> Store:
    from graph.store.oxigraph import OxigraphStore
    return OxigraphStore(None)


def _sparql(location: str, options: RemoteOptions) -> Store:
    from graph.store.sparql import SparqlStore
    return SparqlStore(location, options=options)


BACKENDS = {
    "oxigraph": _oxigraph,
    "memory": _memory,
    "sparql": _sparql,
}


def open_store(url: str, options: RemoteOptions | None = None) -> Store:
    """Open a store from its URL; a bare path means an embedded Oxigraph directory.

    `options` carry what a remote engine needs besides its URL (credentials, its row cap).
    """
    scheme, sep, location = url.partition(":")
    if not sep or scheme not in BACKENDS or (len(scheme) == 1 and location.startswith("\\")):
        scheme, location = "oxigraph", url
    return BACKENDS[scheme](location, options or RemoteOptions())


__all__ = ["BACKENDS", "RemoteOptions", "Store", "StoreError", "Write", "open_store"]
