"""Co-occurrence: which entities share stories with an entity, how many, heaviest first."""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np

from graph.network.ids import kind_mask, positions
from graph.network.records import Tie
from graph.network.shape import NetworkArrays
from graph.records import EntityKind

# A hub's ties cost one vectorized count; the most recently used ones are kept per version.
TIES_CACHED = 4096
# A row gathering at least 1/DENSE_RATIO as many entries as there are entities is counted in arrays
# the size of the entity table (linear), a smaller one by sorting its entries (no table to allocate).
DENSE_RATIO = 8


class TieCache:
    """(targets, weights) of an entity id, heaviest first, then most recent shared story, then id (= IRI order).

    Computed on first use and kept for the `TIES_CACHED` most recently asked entities.
    """

    def __init__(self, network: NetworkArrays) -> None:
        self.story_ptr, self.story_adj = network.story_ptr, network.story_adj
        self.entity_ptr, self.entity_adj = network.entity_ptr, network.entity_adj
        self.n_entities = len(network.entity_ptr) - 1
        self.link_story: np.ndarray | None = None  # story id of each entry of story_adj: set by an import, or on first use
        self._cache: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, e: int) -> tuple[np.ndarray, np.ndarray]:
        cached = self._cache.get(e)
        if cached is not None:
            return cached
        stories = self.entity_adj[self.entity_ptr[e]:self.entity_ptr[e + 1]]
        at = positions(self.story_ptr, stories)
        others, shared = self.story_adj[at], self._link_story()[at]  # each co-mention, and the story it is in
        targets, weights, newest = (_counted_dense if len(others) * DENSE_RATIO >= self.n_entities
                                    else _counted_sorted)(others, shared, self.n_entities)
        keep = targets != e
        targets, weights, newest = targets[keep], weights[keep], newest[keep]
        order = np.lexsort((targets, newest, -weights))
        result = (targets[order].astype(np.int32), weights[order].astype(np.int32))
        with self._lock:
            self._cache[e] = result
            while len(self._cache) > TIES_CACHED:
                self._cache.popitem(last=False)
        return result

    def _link_story(self) -> np.ndarray:
        if self.link_story is None:
            lengths = np.diff(self.story_ptr)
            self.link_story = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)
        return self.link_story

    def rows(self) -> list[tuple[int, tuple[np.ndarray, np.ndarray]]]:
        """The rows computed so far, least recently used first."""
        with self._lock:
            return list(self._cache.items())

    def carry(self, rows: Iterable[tuple[int, tuple[np.ndarray, np.ndarray]]]) -> None:
        """Take rows another version computed (already renumbered for this one), least recently used first."""
        with self._lock:
            for e, row in rows:
                self._cache[e] = row
                self._cache.move_to_end(e)
            while len(self._cache) > TIES_CACHED:
                self._cache.popitem(last=False)


def _counted_sorted(others: np.ndarray, shared: np.ndarray, n_entities: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(entity ids ascending, how often each occurs in `others`, its newest = smallest story id in `shared`), by sorting."""
    # `others` runs story by story, newest first: an entity's first position is its newest shared story.
    targets, first, weights = np.unique(others, return_index=True, return_counts=True)
    return targets, weights, shared[first]


def _counted_dense(others: np.ndarray, shared: np.ndarray, n_entities: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same as `_counted_sorted`, in linear time with arrays the size of the entity table: for hubs."""
    counts = np.bincount(others, minlength=n_entities)
    targets = np.flatnonzero(counts)
    newest = np.full(n_entities, np.iinfo(np.int32).max, dtype=np.int32)
    np.minimum.at(newest, others.astype(np.intp), shared.astype(np.int32))  # same dtypes: numpy's fast path
    return targets, counts[targets], newest[targets]


def ties_of(network: NetworkArrays, iri: str, kinds: Iterable[EntityKind] | None) -> tuple[np.ndarray, np.ndarray]:
    """(targets, weights) of an entity by IRI, only the wanted kinds; empty when the IRI is not an entity."""
    e = network.entity_index.get(iri)
    if e is None:
        return np.zeros(0, np.int32), np.zeros(0, np.int32)
    targets, weights = network.tie_arrays(e)
    if kinds is not None:
        keep = kind_mask(kinds)[network.kind_codes[targets]]
        targets, weights = targets[keep], weights[keep]
    return targets, weights


def ties(network: NetworkArrays, iri: str, kinds: Iterable[EntityKind] | None = None, offset: int = 0,
         limit: int | None = None) -> tuple[Tie, ...]:
    """A window of an entity's ties, heaviest first (then most recent, then IRI)."""
    targets, weights = ties_of(network, iri, kinds)
    stop = len(targets) if limit is None else offset + limit
    iris = network.entity_iris
    return tuple(Tie(iri, iris[t], w, network)
                 for t, w in zip(targets[offset:stop].tolist(), weights[offset:stop].tolist()))


def shared_stories(network: NetworkArrays, a: str, b: str) -> tuple[str, ...]:
    """Stories mentioning both entities, newest first."""
    shared = np.intersect1d(network.story_ids(a), network.story_ids(b), assume_unique=True)
    iris = network.story_iris
    return tuple(iris[i] for i in shared.tolist())


def tie(network: NetworkArrays, a: str, b: str) -> Tie:
    """The tie between two entities, weight 0 when they share no story."""
    return Tie(a, b, len(np.intersect1d(network.story_ids(a), network.story_ids(b), assume_unique=True)), network)
