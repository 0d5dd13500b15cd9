"""The writer's Resolver kept across imports: seeded from the store once, then told only what each import wrote.

A fresh Resolver remembers every entity in the store, which for a small import into a large store
cost more than the import itself. The kept one is valid for exactly one graph version: the version
the last import through this process wrote, after remembering the entity rows that import wrote
(new entities, grown aliases). Any other version — a write by another process, a merge decision, a
failed import — and any import that dropped stories (a prune or a replace may remove orphaned
entities) makes the next import seed a new one from the store, as before. Resolution with the kept
resolver is the same as with a fresh one seeded at the same version (tests/graph/test_resolver_cache.py).
"""
from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable

from graph.iris import Iris
from graph.read import EntityRow
from graph.records import Entity
from graph.resolve import Resolver


class KeptResolver:
    """One store's resolver and the version it has remembered up to; take() before an import, keep() after."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._resolver: Resolver | None = None
        self._version = ""
        self._base = ""
        self.seeded = 0  # how many times a resolver was seeded from every entity (for tests and benchmarks)

    def take(self, iris: Iris, version: str, entities: Callable[[], Iterable[EntityRow]]) -> Resolver:
        """The resolver for an import planned from `version`: the kept one if it is of that version, else
        a fresh one remembering `entities()`. Taken, it is no longer kept until keep() gives it back."""
        with self._lock:
            resolver, kept_version, base = self._resolver, self._version, self._base
            self._resolver = None
        if resolver is None or kept_version != version or base != iris.base:
            resolver = Resolver(iris)
            resolver.remember(_entities(entities()))
            self.seeded += 1
        resolver.forget_candidates()
        return resolver

    def keep(self, resolver: Resolver, iris: Iris, version: str, written: Iterable[EntityRow]) -> None:
        """Keep `resolver` as of `version`, after remembering the entity rows the import wrote at it."""
        resolver.remember(_entities(written))
        with self._lock:
            self._resolver, self._version, self._base = resolver, version, iris.base

    def drop(self) -> None:
        """Forget the kept resolver (the next import seeds a new one)."""
        with self._lock:
            self._resolver = None


def _entities(rows: Iterable[EntityRow]) -> Iterable[Entity]:
    return (Entity(row.iri, row.kind, row.name, row.aliases) for row in rows)


_KEPT: weakref.WeakKeyDictionary[object, KeptResolver] = weakref.WeakKeyDictionary()
_KEPT_LOCK = threading.Lock()


def kept_for(store: object) -> KeptResolver:
    """The kept resolver of one store object (one per writer process; gone with the store object)."""
    with _KEPT_LOCK:
        kept = _KEPT.get(store)
        if kept is None:
            kept = _KEPT[store] = KeptResolver()
        return kept
