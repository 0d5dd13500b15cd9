"""One version of the graph as compact arrays, and the lookups on them: the network view's public face.

Stories are numbered newest first (ties by IRI), so an entity's story list is already in recency
order; entities (days excepted) are numbered in IRI order, so ties between equals sort by IRI for
free. Adjacency is CSR in both directions (`story_ptr`/`story_adj`, `entity_ptr`/`entity_adj`).

The fields are the whole state (what `persist` saves); everything else is derived from them on
first use and kept for this version: indexes here, ties in `ties`, names in `lists`, PageRank in
`centrality`. The algorithms live in their own modules; the methods below only forward to them.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

import numpy as np

from graph.network import centrality, lists, neighbourhood, paths, ties, timeline
from graph.network.ids import KIND_CODE, IriList
from graph.network.records import (
    EntityOrder, EntityQuery, Granularity, Neighbourhood, Preview, StoryOrder, StoryQuery, Tie,
)
from graph.read import EntityRow, StoryRow
from graph.records import EntityKind

if TYPE_CHECKING:
    import networkx as nx

T = TypeVar("T")
_MISSING: Any = object()


@dataclass
class Network:
    """One version of the graph; every method is pure over that version."""

    version: str
    story_iris: list[str]          # story id -> IRI, newest first (ties by IRI)
    titles: list[str]
    summaries: list[str]
    urls: list[str | None]
    days: np.ndarray               # story id -> proleptic ordinal of its date, 0 when undated
    entity_iris: list[str]         # node id -> IRI of an entity (dates excepted), IRI order
    entities: dict[str, EntityRow]  # every entity, days included
    story_ptr: np.ndarray
    story_adj: np.ndarray          # story id -> entity ids, ascending
    entity_ptr: np.ndarray
    entity_adj: np.ndarray         # entity id -> story ids, ascending = newest first

    def __post_init__(self) -> None:
        self.story_index = {s: i for i, s in enumerate(self.story_iris)}
        self.entity_index = {e: i for i, e in enumerate(self.entity_iris)}
        self.kind_codes = np.array([KIND_CODE[self.entities[e].kind] for e in self.entity_iris], dtype=np.int8)
        self.tie_rows = ties.TieCache(self)
        self.tie_arrays: Callable[[int], tuple[np.ndarray, np.ndarray]] = self.tie_rows.of  # (targets, weights) of an entity id, heaviest first
        self._lock = threading.RLock()  # reentrant: PageRank is derived from the derived nx.Graph
        self._derived: dict[str, Any] = {}

    def derived(self, key: str, compute: Callable[[], T]) -> T:
        """A value computed once per version from the arrays (PageRank, folded names, …), thread-safe."""
        value = self._derived.get(key, _MISSING)
        if value is _MISSING:
            with self._lock:
                value = self._derived.get(key, _MISSING)
                if value is _MISSING:
                    value = self._derived[key] = compute()
        return cast(T, value)

    def computed(self, key: str) -> Any:
        """The derived value of `key` if it has been computed (or loaded), else None, without computing it."""
        value = self._derived.get(key, _MISSING)
        return None if value is _MISSING else value

    # -- lookups -------------------------------------------------------------------------------
    def has(self, iri: str) -> bool:
        return iri in self.entity_index or iri in self.story_index

    def kind(self, iri: str) -> EntityKind | None:
        row = self.entities.get(iri)
        return row.kind if row else None

    def entity_row(self, iri: str) -> EntityRow | None:
        return self.entities.get(iri)

    def story_row(self, iri: str) -> StoryRow | None:
        i = self.story_index.get(iri)
        if i is None:
            return None
        day = int(self.days[i])
        return StoryRow(iri, self.titles[i], self.summaries[i], dt.date.fromordinal(day) if day else None, self.urls[i])

    def entities_of(self, story: str) -> list[str]:
        """Entities a story mentions (days excepted), in IRI order."""
        i = self.story_index.get(story)
        if i is None:
            return []
        iris = self.entity_iris
        return [iris[e] for e in self.story_adj[self.story_ptr[i]:self.story_ptr[i + 1]].tolist()]

    def story_ids(self, entity: str) -> np.ndarray:
        """Ids of the stories mentioning an entity, ascending (newest first); empty when unknown."""
        e = self.entity_index.get(entity)
        if e is None:
            return self.entity_adj[:0]
        return self.entity_adj[self.entity_ptr[e]:self.entity_ptr[e + 1]]

    def stories_of(self, entity: str) -> IriList:
        """Stories mentioning an entity, newest first."""
        return IriList(self.story_ids(entity), self.story_iris)

    def story_count(self, entity: str) -> int:
        e = self.entity_index.get(entity)
        return int(self.entity_ptr[e + 1] - self.entity_ptr[e]) if e is not None else 0

    def by_recency(self, stories: Iterable[str]) -> list[str]:
        """Stories newest first."""
        index = self.story_index
        return [self.story_iris[i] for i in sorted({index[s] for s in stories if s in index})]

    def degree(self, iri: str) -> int:
        """Distinct co-occurring entities (a story's entities for a story): the real fan-out of a node."""
        s = self.story_index.get(iri)
        if s is not None:
            return int(self.story_ptr[s + 1] - self.story_ptr[s])
        e = self.entity_index.get(iri)
        return len(self.tie_arrays(e)[0]) if e is not None else 0

    # -- co-occurrence (ties.py) -----------------------------------------------------------------
    def tie_count(self, iri: str, kinds: Iterable[EntityKind] | None = None) -> int:
        """How many entities (of `kinds`) share a story with `iri`."""
        return len(ties.ties_of(self, iri, kinds)[0])

    def ties(self, iri: str, kinds: Iterable[EntityKind] | None = None, offset: int = 0,
             limit: int | None = None) -> tuple[Tie, ...]:
        """Entities sharing stories with `iri`, heaviest first (then most recent, then IRI); a window of them."""
        return ties.ties(self, iri, kinds, offset, limit)

    def shared_stories(self, a: str, b: str) -> tuple[str, ...]:
        """Stories mentioning both entities, newest first."""
        return ties.shared_stories(self, a, b)

    def tie(self, a: str, b: str) -> Tie:
        return ties.tie(self, a, b)

    # -- algorithms ------------------------------------------------------------------------------
    def neighbourhood(self, starts: Iterable[str], depth: int, kinds: Iterable[EntityKind] | None, limit: int,
                      max_edges: int | None = None) -> Neighbourhood:
        """Breadth-first over ties, heaviest first, at most `limit` nodes (see `neighbourhood.neighbourhood`)."""
        return neighbourhood.neighbourhood(self, starts, depth, kinds, limit, max_edges)

    def preview(self, iri: str) -> Preview:
        """Neighbour counts by kind and story counts by year, without expanding."""
        return neighbourhood.preview(self, iri)

    def paths(self, source: str, target: str, max_hops: int, first: int) -> list[list[Tie]]:
        """Shortest entity-to-entity paths of at most `max_hops` hops; each hop carries its shared stories."""
        return paths.paths(self, source, target, max_hops, first)

    def timeline(self, iris: Iterable[str] | None, granularity: Granularity) -> list[tuple[str, int]]:
        """Story counts per period, oldest first, for the stories of `iris` (all stories when None)."""
        return timeline.timeline(self, iris, granularity)

    def pagerank(self) -> dict[str, float]:
        """PageRank over stories and entities (as networkx computes it), once per version."""
        return centrality.pagerank(self)

    def graph(self) -> nx.Graph:
        """The story–entity graph as a networkx Graph, built once per version on demand."""
        return centrality.graph(self)

    def find_stories(self, query: StoryQuery, order: StoryOrder = StoryOrder.NEWEST) -> IriList:
        """Story IRIs matching the query, newest first unless asked otherwise."""
        return lists.find_stories(self, query, order)

    def find_entities(self, query: EntityQuery, order: EntityOrder = EntityOrder.NAME) -> list[str]:
        """Entity IRIs matching the query, by folded name, by story count or by PageRank."""
        return lists.find_entities(self, query, order)
