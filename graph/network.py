"""The network view of the graph: co-occurrence, neighbourhoods, paths, timelines and centrality.

The view is the bipartite story–entity graph as compact integer arrays (CSR adjacency, numpy),
plus the story and entity rows the API shows, built from three whole-graph reads. Stories are
numbered newest first, so an entity's story list is already in recency order, and entities in
IRI order, so ties between equals sort by IRI for free. Work per request is bounded by what is
asked for: co-occurrence of a hub is one vectorized count (cached per entity), and only the
ties a caller pages through become objects.

`NetworkView.current()` builds it on first use and again only when the store's version changes;
for an on-disk store it is persisted beside the store (like the search index) so a restart on an
unchanged store loads it instead of rebuilding it.
"""
from __future__ import annotations

import datetime as dt
import os
import pickle
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import numpy as np

from graph.read import EntityRow, GraphReader, StoryRow
from graph.records import EntityKind

if TYPE_CHECKING:
    import networkx as nx

RELATED_KINDS = frozenset(k for k in EntityKind if k is not EntityKind.DATE)
_KINDS = tuple(EntityKind)
_KIND_CODE = {k: i for i, k in enumerate(_KINDS)}
# Bump when the persisted layout changes, so an old file is rebuilt instead of misread.
_FORMAT = 1
_TIES_CACHED = 4096


class Granularity(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Tie:
    """Two entities that share `weight` stories; the stories themselves are read only when asked for."""

    source: str
    target: str
    weight: int
    network: "Network | None" = field(default=None, repr=False, compare=False)

    @property
    def stories(self) -> tuple[str, ...]:
        """The shared stories, newest first."""
        return self.network.shared_stories(self.source, self.target) if self.network is not None else ()


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """Entities reached from the start nodes and the ties between them, ready for a node-link view."""

    nodes: tuple[str, ...]
    ties: tuple[Tie, ...]
    truncated: bool


@dataclass(frozen=True, slots=True)
class Preview:
    """What expanding a node would bring in, before expanding it."""

    stories: int
    neighbours: int
    by_kind: dict[EntityKind, int]
    by_year: dict[int, int]


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """Story filter: any-of within a kind, all kinds together (AND); dates inclusive."""

    entities: tuple[tuple[str, ...], ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    only: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class EntityQuery:
    """Entity filter: kind, a folded-name substring, co-occurring with all of `related_to`."""

    kinds: frozenset[EntityKind] = RELATED_KINDS
    text: str = ""
    related_to: tuple[str, ...] = ()
    only: frozenset[str] | None = None


def fold(text: str) -> str:
    """Lower case without accents: how names are compared."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


class IriList(Sequence[str]):
    """Story IRIs by id, turned into strings only for the slice a page shows."""

    __slots__ = ("_ids", "_iris")

    def __init__(self, ids: np.ndarray, iris: list[str]) -> None:
        self._ids, self._iris = ids, iris

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            iris = self._iris
            return [iris[i] for i in self._ids[index].tolist()]
        return self._iris[int(self._ids[index])]

    def __iter__(self) -> Iterator[str]:
        iris = self._iris
        return (iris[i] for i in self._ids.tolist())


def _csr(rows: np.ndarray, cols: np.ndarray, n_rows: int) -> tuple[np.ndarray, np.ndarray]:
    """(pointers, columns) with each row's columns ascending."""
    order = np.lexsort((cols, rows))
    ptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=ptr[1:])
    return ptr, cols[order].astype(np.int32)


def _gather(ptr: np.ndarray, adj: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The concatenated adjacency of `rows`, in the order given."""
    starts, ends = ptr[rows], ptr[rows + 1]
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        return adj[:0]
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return adj[offsets + np.arange(total)]


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
    story_adj: np.ndarray          # story id -> entity ids
    entity_ptr: np.ndarray
    entity_adj: np.ndarray         # entity id -> story ids, ascending = newest first

    def __post_init__(self) -> None:
        self.story_index = {s: i for i, s in enumerate(self.story_iris)}
        self.entity_index = {e: i for i, e in enumerate(self.entity_iris)}
        self.kind_codes = np.array([_KIND_CODE[self.entities[e].kind] for e in self.entity_iris], dtype=np.int8)
        self._ties_cache: OrderedDict[int, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._lock = threading.RLock()  # pagerank() holds it while graph() builds
        self._pagerank: dict[str, float] | None = None
        self._graph: nx.Graph | None = None
        self._folded: dict[str, tuple[str, ...]] | None = None
        self._by_name: list[str] | None = None
        self._years: np.ndarray | None = None
        self._timelines: dict[Granularity, list[tuple[str, int]]] = {}

    @property
    def newest_first(self) -> list[str]:
        return self.story_iris

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

    def _story_ids(self, entity: str) -> np.ndarray:
        e = self.entity_index.get(entity)
        if e is None:
            return self.entity_adj[:0]
        return self.entity_adj[self.entity_ptr[e]:self.entity_ptr[e + 1]]

    def stories_of(self, entity: str) -> IriList:
        """Stories mentioning an entity, newest first."""
        return IriList(self._story_ids(entity), self.story_iris)

    def story_count(self, entity: str) -> int:
        e = self.entity_index.get(entity)
        return int(self.entity_ptr[e + 1] - self.entity_ptr[e]) if e is not None else 0

    def by_recency(self, stories: Iterable[str]) -> list[str]:
        """Stories newest first."""
        index = self.story_index
        return [self.story_iris[i] for i in sorted({index[s] for s in stories if s in index})]

    def degree(self, iri: str) -> int:
        """Distinct co-occurring entities (stories' entities for a story): the real fan-out of a node."""
        s = self.story_index.get(iri)
        if s is not None:
            return int(self.story_ptr[s + 1] - self.story_ptr[s])
        e = self.entity_index.get(iri)
        return len(self._tie_arrays(e)[0]) if e is not None else 0

    # -- co-occurrence ---------------------------------------------------------------------------
    def _tie_arrays(self, e: int) -> tuple[np.ndarray, np.ndarray]:
        """(targets, weights) of entity id `e`, heaviest first, then most recent shared story, then IRI."""
        cached = self._ties_cache.get(e)
        if cached is not None:
            return cached
        stories = self.entity_adj[self.entity_ptr[e]:self.entity_ptr[e + 1]]
        others = _gather(self.story_ptr, self.story_adj, stories)
        # `others` runs story by story, newest first: an entity's first position is its newest shared story.
        targets, first, weights = np.unique(others, return_index=True, return_counts=True)
        newest = np.repeat(stories, np.diff(self.story_ptr)[stories])[first] if len(first) else first
        keep = targets != e
        targets, weights, newest = targets[keep], weights[keep], newest[keep]
        order = np.lexsort((targets, newest, -weights))
        result = (targets[order].astype(np.int32), weights[order].astype(np.int32))
        with self._lock:
            self._ties_cache[e] = result
            while len(self._ties_cache) > _TIES_CACHED:
                self._ties_cache.popitem(last=False)
        return result

    def _kind_mask(self, kinds: Iterable[EntityKind] | None) -> np.ndarray | None:
        if kinds is None:
            return None
        mask = np.zeros(len(_KINDS), dtype=bool)
        for k in kinds:
            mask[_KIND_CODE[k]] = True
        return mask

    def _ties_of(self, iri: str, kinds: Iterable[EntityKind] | None) -> tuple[np.ndarray, np.ndarray]:
        e = self.entity_index.get(iri)
        if e is None:
            return np.zeros(0, np.int32), np.zeros(0, np.int32)
        targets, weights = self._tie_arrays(e)
        mask = self._kind_mask(kinds)
        if mask is not None:
            keep = mask[self.kind_codes[targets]]
            targets, weights = targets[keep], weights[keep]
        return targets, weights

    def tie_count(self, iri: str, kinds: Iterable[EntityKind] | None = None) -> int:
        return len(self._ties_of(iri, kinds)[0])

    def ties(self, iri: str, kinds: Iterable[EntityKind] | None = None, offset: int = 0,
             limit: int | None = None) -> tuple[Tie, ...]:
        """Entities sharing stories with `iri`, heaviest first (then most recent, then IRI); a window of them."""
        targets, weights = self._ties_of(iri, kinds)
        stop = len(targets) if limit is None else offset + limit
        iris = self.entity_iris
        return tuple(Tie(iri, iris[t], w, self) for t, w in zip(targets[offset:stop].tolist(), weights[offset:stop].tolist()))

    def shared_stories(self, a: str, b: str) -> tuple[str, ...]:
        shared = np.intersect1d(self._story_ids(a), self._story_ids(b), assume_unique=True)
        iris = self.story_iris
        return tuple(iris[i] for i in shared.tolist())

    def tie(self, a: str, b: str) -> Tie:
        return Tie(a, b, len(np.intersect1d(self._story_ids(a), self._story_ids(b), assume_unique=True)), self)

    def neighbourhood(self, starts: Iterable[str], depth: int, kinds: Iterable[EntityKind] | None, limit: int,
                      max_edges: int | None = None) -> Neighbourhood:
        """Breadth-first over ties, heaviest first, stopping at `limit` nodes so a hub cannot make a hairball.

        Each node looks at most at its `limit` heaviest ties of the wanted kinds plus the ones
        already taken, so a hub with thousands of neighbours costs no more than a small node.
        With `max_edges`, the ties that reached each node are kept first (the view stays
        connected), then the heaviest of the others.
        """
        mask = self._kind_mask(kinds if kinds is not None else RELATED_KINDS)
        index = self.entity_index
        nodes: dict[int, None] = {index[s]: None for s in starts if s in index}
        reached_by: set[tuple[int, int]] = set()
        frontier, truncated = list(nodes), False
        for _ in range(depth):
            following: list[int] = []
            for e in frontier:
                targets, _ = self._tie_arrays(e)
                targets = targets[mask[self.kind_codes[targets]]]  # type: ignore[index]
                for t in targets.tolist():
                    if t in nodes:
                        continue
                    if len(nodes) >= limit:
                        truncated = True
                        break
                    nodes[t] = None
                    reached_by.add((min(e, t), max(e, t)))
                    following.append(t)
            frontier = following
            if not frontier:
                break
        members = np.fromiter(nodes, dtype=np.int32, count=len(nodes))
        iris = self.entity_iris
        found: list[tuple[int, int, int]] = []
        for e in nodes:
            targets, weights = self._tie_arrays(e)
            inside = np.isin(targets, members) & (targets > e)
            found += [(e, t, w) for t, w in zip(targets[inside].tolist(), weights[inside].tolist())]
        if max_edges is not None and len(found) > max_edges:
            found.sort(key=lambda tie: ((tie[0], tie[1]) not in reached_by, -tie[2]))
            found, truncated = found[:max_edges], True
        ties = tuple(Tie(iris[e], iris[t], w, self) for e, t, w in found)
        return Neighbourhood(tuple(iris[e] for e in nodes), ties, truncated)

    def paths(self, source: str, target: str, max_hops: int, first: int) -> list[list[Tie]]:
        """Shortest entity-to-entity paths of at most `max_hops` hops; each hop carries its shared stories."""
        index = self.entity_index
        if source not in index or target not in index or source == target:
            return []
        start, goal = index[source], index[target]
        preds: dict[int, list[int]] = {start: []}
        frontier = [start]
        for _ in range(max_hops):
            level: dict[int, list[int]] = {}
            for e in frontier:
                for t in self._tie_arrays(e)[0].tolist():
                    if t not in preds:
                        level.setdefault(t, []).append(e)
            if not level:
                break
            preds.update(level)
            if goal in level:
                break
            frontier = sorted(level)
        if goal not in preds:
            return []
        found: list[list[int]] = []

        def weight(a: int, b: int) -> int:
            targets, weights = self._tie_arrays(b)
            at = np.flatnonzero(targets == a)
            return int(weights[at[0]]) if len(at) else 0

        def walk(node: int, suffix: list[int]) -> None:
            if len(found) >= first:
                return
            if node == start:
                found.append([start, *suffix])
                return
            for before in sorted(preds[node], key=lambda p: (-weight(p, node), p)):
                walk(before, [node, *suffix])

        walk(goal, [])
        iris = self.entity_iris
        return [[self.tie(iris[a], iris[b]) for a, b in zip(path, path[1:])] for path in found]

    def _story_years(self) -> np.ndarray:
        if self._years is None:
            self._years = np.array([dt.date.fromordinal(d).year if d else 0 for d in self.days.tolist()], dtype=np.int32)
        return self._years

    def preview(self, iri: str) -> Preview:
        """Neighbour counts by kind and story counts by year, without expanding."""
        e = self.entity_index.get(iri)
        if e is None:
            return Preview(stories=0, neighbours=0, by_kind={}, by_year={})
        targets, _ = self._tie_arrays(e)
        counts = np.bincount(self.kind_codes[targets], minlength=len(_KINDS))
        years = self._story_years()[self._story_ids(iri)]
        found, per_year = np.unique(years[years > 0], return_counts=True)
        return Preview(stories=self.story_count(iri), neighbours=len(targets),
                       by_kind={_KINDS[k]: int(n) for k, n in enumerate(counts.tolist()) if n},
                       by_year={int(y): int(n) for y, n in zip(found.tolist(), per_year.tolist())})

    def timeline(self, iris: Iterable[str] | None, granularity: Granularity) -> list[tuple[str, int]]:
        """Story counts per period, oldest first, for the stories of `iris` (all stories when None)."""
        if iris is None:
            cached = self._timelines.get(granularity)
            if cached is None:
                cached = self._timelines[granularity] = self._count_periods(self.days, granularity)
            return cached
        ids = [self._story_ids(i) for i in iris]
        stories = np.unique(np.concatenate(ids)) if ids else np.zeros(0, np.int32)
        return self._count_periods(self.days[stories], granularity)

    @staticmethod
    def _count_periods(days: np.ndarray, granularity: Granularity) -> list[tuple[str, int]]:
        found, counts = np.unique(days[days > 0], return_counts=True)
        totals: dict[str, int] = {}
        for day, n in zip(found.tolist(), counts.tolist()):
            d = dt.date.fromordinal(day)
            key = (f"{d.year:04d}" if granularity is Granularity.YEAR else
                   f"{d.year:04d}-{d.month:02d}" if granularity is Granularity.MONTH else d.isoformat())
            totals[key] = totals.get(key, 0) + n
        return sorted(totals.items())

    # -- centrality ------------------------------------------------------------------------------
    def pagerank(self, alpha: float = 0.85, tol: float = 1.0e-6, max_iter: int = 100) -> dict[str, float]:
        """PageRank over stories and entities (as networkx computes it), once per version."""
        with self._lock:
            if self._pagerank is None:
                self._pagerank = self._compute_pagerank(alpha, tol, max_iter)
            return self._pagerank

    def graph(self) -> "nx.Graph":
        """The story–entity graph as a networkx Graph, for graph algorithms; built once per version, on demand.

        Per-request lookups (ties, neighbourhoods, paths) run on the compact arrays above, which
        answer in microseconds; algorithms over the whole graph use networkx.
        """
        import networkx as nx
        with self._lock:
            if self._graph is None:
                graph = nx.Graph()
                graph.add_nodes_from(self.story_iris)
                graph.add_nodes_from(self.entity_iris)
                stories = np.repeat(np.arange(len(self.story_iris)), np.diff(self.story_ptr)).tolist()
                graph.add_edges_from(zip(map(self.story_iris.__getitem__, stories),
                                         map(self.entity_iris.__getitem__, self.story_adj.tolist())))
                self._graph = graph
            return self._graph

    def _compute_pagerank(self, alpha: float, tol: float, max_iter: int) -> dict[str, float]:
        import networkx as nx
        graph = self.graph()
        if graph.number_of_edges() == 0:
            return {node: 0.0 for node in graph}
        return nx.pagerank(graph, alpha=alpha, tol=tol, max_iter=max_iter)

    # -- filtered lists --------------------------------------------------------------------------
    def find_stories(self, query: StoryQuery, oldest_first: bool = False) -> IriList:
        """Story IRIs matching the query, newest first unless asked otherwise."""
        ids: np.ndarray | None = None
        if query.only is not None:
            index = self.story_index
            ids = np.unique(np.fromiter((index[s] for s in query.only if s in index), dtype=np.int32))
        for any_of in query.entities:
            parts = [self._story_ids(iri) for iri in any_of]
            stories = np.unique(np.concatenate(parts)) if parts else np.zeros(0, np.int32)
            ids = stories if ids is None else np.intersect1d(ids, stories, assume_unique=True)
        if ids is None:
            ids = np.arange(len(self.story_iris), dtype=np.int32)
        if query.start or query.end:
            days = self.days[ids]
            keep = days > 0
            if query.start is not None:
                keep &= days >= query.start.toordinal()
            if query.end is not None:
                keep &= days <= query.end.toordinal()
            ids = ids[keep]
        return IriList(ids[::-1] if oldest_first else ids, self.story_iris)

    def _names(self) -> tuple[dict[str, tuple[str, ...]], list[str]]:
        """Folded names and aliases per entity, and every entity by folded name: computed once per version."""
        with self._lock:
            if self._folded is None or self._by_name is None:
                self._folded = {e: (fold(r.name), *(fold(a) for a in r.aliases)) for e, r in self.entities.items()}
                self._by_name = sorted(self.entities, key=lambda e: (self._folded[e][0], e))  # type: ignore[index]
            return self._folded, self._by_name

    def find_entities(self, query: EntityQuery, order: str = "name") -> list[str]:
        """Entity IRIs matching the query, by folded name, by story count or by PageRank."""
        folded, by_name = self._names()
        needle = fold(query.text)
        entities = self.entities
        found = [e for e in by_name if entities[e].kind in query.kinds and (query.only is None or e in query.only)
                 and (not needle or any(needle in name for name in folded[e]))]
        for other in query.related_to:
            targets, _ = self._ties_of(other, None)
            partners = {self.entity_iris[t] for t in targets.tolist()}
            found = [e for e in found if e in partners]
        if order == "stories":
            return sorted(found, key=lambda e: -self.story_count(e))
        if order == "centrality":
            rank = self.pagerank()
            return sorted(found, key=lambda e: -rank.get(e, 0.0))
        return found

    # -- persistence -----------------------------------------------------------------------------
    _STATE = ("version", "story_iris", "titles", "summaries", "urls", "days", "entity_iris", "story_ptr",
              "story_adj", "entity_ptr", "entity_adj")

    def save(self, path: Path) -> None:
        """Write the view beside the store, atomically: a reader sees the old file or the new one."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = path.with_name(path.name + f".{os.getpid()}.{threading.get_ident()}.new")
        state: dict[str, Any] = {name: getattr(self, name) for name in self._STATE}
        state["entities"] = [(r.iri, r.kind.value, r.name, r.aliases) for r in self.entities.values()]
        with open(fresh, "wb") as out:
            pickle.dump((_FORMAT, self.version), out, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fresh, path)

    @classmethod
    def load(cls, path: Path, version: str) -> "Network | None":
        """The view saved at `path` if it is of `version`, else None (missing, stale or unreadable)."""
        try:
            with open(path, "rb") as source:
                if pickle.load(source) != (_FORMAT, version):
                    return None
                state = pickle.load(source)
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
            return None
        rows = state.pop("entities")
        state["entities"] = {iri: EntityRow(iri, EntityKind(kind), name, aliases) for iri, kind, name, aliases in rows}
        return cls(**state)


def build_network(reader: GraphReader, version: str) -> Network:
    """Read the whole graph once and lay it out as compact adjacency arrays."""
    stories = sorted(reader.all_stories(), key=lambda s: s.iri)
    stories.sort(key=lambda s: s.date or dt.date.min, reverse=True)
    entities = reader.all_entities()
    entity_iris = sorted(iri for iri, row in entities.items() if row.kind is not EntityKind.DATE)
    story_index = {s.iri: i for i, s in enumerate(stories)}
    entity_index = {e: i for i, e in enumerate(entity_iris)}
    pairs = [(story_index[s], entity_index[e]) for s, e in reader.all_links() if s in story_index and e in entity_index]
    links = np.array(pairs, dtype=np.int32).reshape(-1, 2)
    story_ptr, story_adj = _csr(links[:, 0], links[:, 1], len(stories))
    entity_ptr, entity_adj = _csr(links[:, 1], links[:, 0], len(entity_iris))
    return Network(
        version=version, story_iris=[s.iri for s in stories], titles=[s.title for s in stories],
        summaries=[s.summary for s in stories], urls=[s.url for s in stories],
        days=np.array([s.date.toordinal() if s.date else 0 for s in stories], dtype=np.int32),
        entity_iris=entity_iris, entities=entities, story_ptr=story_ptr, story_adj=story_adj,
        entity_ptr=entity_ptr, entity_adj=entity_adj)


def default_path(store_path: Path | None) -> Path | None:
    """Where the view is persisted: beside an on-disk store; memory and remote stores keep it in memory."""
    return store_path.with_name(store_path.name + ".network.pickle") if store_path is not None else None


class NetworkView:
    """The current Network of a reader: loaded or built lazily, rebuilt only when the version changes."""

    def __init__(self, reader: GraphReader, max_age: float = 0.0, path: Path | None = None) -> None:
        self.reader = reader
        self.max_age = max_age
        self.path = path if path is not None else default_path(getattr(reader.store, "path", None))
        self._network: Network | None = None
        self._lock = threading.RLock()  # pagerank() holds it while graph() builds
        self.builds = 0
        self.loads = 0

    def current(self, version: str | None = None) -> Network:
        """The Network of `version` (read from the store when not given)."""
        version = version if version is not None else self.reader.cached_version(self.max_age)
        network = self._network
        if network is not None and network.version == version:
            return network
        with self._lock:
            if self._network is None or self._network.version != version:
                self._network = self._load_or_build(version)
            return self._network

    def _load_or_build(self, version: str) -> Network:
        if self.path is not None and self.path.exists():
            loaded = Network.load(self.path, version)
            if loaded is not None:
                self.loads += 1
                return loaded
        network = build_network(self.reader, version)
        self.builds += 1
        if self.path is not None:
            try:
                network.save(self.path)
            except OSError:
                pass  # a read-only location only costs a rebuild on the next start
        return network
