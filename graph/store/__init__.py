"""Store backends by URL scheme: `open_store("oxigraph:./data" | "memory:" | "sparql:http://…")`.

Adding a backend is one module with a `Store` subclass and one line in BACKENDS.
"""
from __future__ import annotations

from graph.records import StoreError
from graph.store.base import Store, Write


def _oxigraph(location: str) -> Store:
    from graph.store.oxigraph import OxigraphStore
    return OxigraphStore(location or "./data")


def _memory(location: str) -> Store:
    from graph.store.oxigraph import OxigraphStore
    return OxigraphStore(None)


def _sparql(location: str) -> Store:
    from graph.store.sparql import SparqlStore
    return SparqlStore(location)


BACKENDS = {
    "oxigraph": _oxigraph,
    "memory": _memory,
    "sparql": _sparql,
}


def open_store(url: str) -> Store:
    """Open a store from its URL; a bare path means an embedded Oxigraph directory."""
    scheme, sep, location = url.partition(":")
    if not sep or scheme not in BACKENDS or (len(scheme) == 1 and location.startswith("\\")):
        scheme, location = "oxigraph", url
    return BACKENDS[scheme](location)


__all__ = ["BACKENDS", "Store", "StoreError", "Write", "open_store"]
