"""The networkx view of the graph: co-occurrence, neighbourhoods, paths, timelines and centrality.

The view is a bipartite networkx graph (stories on one side, entities on the other) built from
three whole-graph reads. `NetworkView.current()` builds it on first use and again only when the
store's version changes, so requests never pay for it and start-up never waits for it.
"""
from __future__ import annotations

import datetime as dt
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

import networkx as nx

from graph.read import EntityRow, GraphReader
from graph.records import EntityKind

RELATED_KINDS = frozenset(k for k in EntityKind if k is not EntityKind.DATE)


class Granularity(str, Enum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Tie:
    """Two entities that share stories; `stories` newest first."""

    source: str
    target: str
    stories: tuple[str, ...]

    @property
    def weight(self) -> int:
        return len(self.stories)


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


def _period(day: dt.date, granularity: Granularity) -> str:
    if granularity is Granularity.YEAR:
        return f"{day.year:04d}"
    if granularity is Granularity.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


@dataclass
class Network:
    """One version of the graph as networkx; every method is pure over that version."""

    version: str
    graph: nx.Graph
    entities: dict[str, EntityRow]
    newest_first: list[str]
    _rank: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._rank = {s: i for i, s in enumerate(self.newest_first)}
        self._ties = lru_cache(maxsize=4096)(self._compute_ties)
        self._pagerank: dict[str, float] | None = None
        self._lock = threading.Lock()

    # -- lookups -------------------------------------------------------------------------------
    def has(self, iri: str) -> bool:
        return iri in self.graph

    def kind(self, iri: str) -> EntityKind | None:
        row = self.entities.get(iri)
        return row.kind if row else None

    def stories_of(self, entity: str) -> list[str]:
        """Stories mentioning an entity, newest first."""
        if entity not in self.graph:
            return []
        return sorted(self.graph[entity], key=self._rank.__getitem__)

    def by_recency(self, stories: Iterable[str]) -> list[str]:
        """Stories newest first."""
        return sorted((s for s in stories if s in self._rank), key=self._rank.__getitem__)

    def degree(self, iri: str) -> int:
        """Distinct co-occurring entities (stories' entities for a story): the real fan-out of a node."""
        if iri not in self.graph:
            return 0
        if self.graph.nodes[iri].get("story"):
            return self.graph.degree(iri)
        return len(self.ties(iri))

    # -- co-occurrence ---------------------------------------------------------------------------
    def _compute_ties(self, iri: str) -> tuple[Tie, ...]:
        shared: dict[str, list[str]] = defaultdict(list)
        for story in self.graph[iri]:
            for other in self.graph[story]:
                if other != iri:
                    shared[other].append(story)
        ties = [Tie(iri, other, tuple(sorted(stories, key=self._rank.__getitem__))) for other, stories in shared.items()]
        ties.sort(key=lambda t: (-t.weight, self._rank[t.stories[0]], t.target))
        return tuple(ties)

    def ties(self, iri: str, kinds: Iterable[EntityKind] | None = None) -> tuple[Tie, ...]:
        """Entities sharing stories with `iri`, heaviest first (then most recent, then IRI)."""
        if iri not in self.graph or self.graph.nodes[iri].get("story"):
            return ()
        ties = self._ties(iri)
        if kinds is None:
            return ties
        wanted = set(kinds)
        return tuple(t for t in ties if self.kind(t.target) in wanted)

    def tie(self, a: str, b: str) -> Tie:
        if a not in self.graph or b not in self.graph:
            return Tie(a, b, ())
        shared = set(self.graph[a]) & set(self.graph[b])
        return Tie(a, b, tuple(sorted(shared, key=self._rank.__getitem__)))

    def neighbourhood(self, starts: Iterable[str], depth: int, kinds: Iterable[EntityKind] | None, limit: int) -> Neighbourhood:
        """Breadth-first over ties, heaviest first, stopping at `limit` nodes so a hub cannot make a hairball."""
        wanted = set(kinds) if kinds is not None else set(RELATED_KINDS)
        nodes: dict[str, None] = {s: None for s in starts if s in self.entities and s in self.graph}
        frontier, truncated = list(nodes), False
        for _ in range(depth):
            following: list[str] = []
            for iri in frontier:
                for t in self.ties(iri, wanted):
                    if t.target in nodes:
                        continue
                    if len(nodes) >= limit:
                        truncated = True
                        break
                    nodes[t.target] = None
                    following.append(t.target)
            frontier = following
            if not frontier:
                break
        members = set(nodes)
        ties = [t for iri in nodes for t in self.ties(iri) if t.target in members and iri < t.target]
        return Neighbourhood(tuple(nodes), tuple(ties), truncated)

    def paths(self, source: str, target: str, max_hops: int, first: int) -> list[list[Tie]]:
        """Shortest entity-to-entity paths of at most `max_hops` hops; each hop carries its shared stories."""
        if source not in self.graph or target not in self.graph or source == target:
            return []
        preds: dict[str, list[str]] = {source: []}
        frontier = [source]
        for _ in range(max_hops):
            level: dict[str, list[str]] = defaultdict(list)
            for iri in frontier:
                for t in self.ties(iri):
                    if t.target not in preds:
                        level[t.target].append(iri)
            if not level:
                break
            preds.update(level)
            if target in level:
                break
            frontier = sorted(level)
        if target not in preds:
            return []
        found: list[list[str]] = []

        def walk(node: str, suffix: list[str]) -> None:
            if len(found) >= first:
                return
            if node == source:
                found.append([source, *suffix])
                return
            for before in sorted(preds[node], key=lambda p: -self.tie(p, node).weight):
                walk(before, [node, *suffix])

        walk(target, [])
        return [[self.tie(a, b) for a, b in zip(path, path[1:])] for path in found]

    def preview(self, iri: str) -> Preview:
        """Neighbour counts by kind and story counts by year, without expanding."""
        by_kind = Counter(self.kind(t.target) for t in self.ties(iri))
        by_year = Counter(self.graph.nodes[s]["date"].year for s in self.graph[iri]
                          if self.graph.nodes[s].get("date")) if iri in self.graph else Counter()
        return Preview(stories=self.graph.degree(iri) if iri in self.graph else 0, neighbours=len(self.ties(iri)),
                       by_kind={k: n for k, n in by_kind.items() if k is not None}, by_year=dict(sorted(by_year.items())))

    def timeline(self, iris: Iterable[str] | None, granularity: Granularity) -> list[tuple[str, int]]:
        """Story counts per period, oldest first, for the stories of `iris` (all stories when None)."""
        if iris is None:
            stories: Iterable[str] = self.newest_first
        else:
            stories = {s for iri in iris if iri in self.graph for s in self.graph[iri]}
        counts = Counter(_period(d, granularity) for s in stories if (d := self.graph.nodes[s].get("date")))
        return sorted(counts.items())

    # -- centrality ------------------------------------------------------------------------------
    def pagerank(self) -> dict[str, float]:
        """PageRank over stories and entities, computed once per version."""
        with self._lock:
            if self._pagerank is None:
                self._pagerank = nx.pagerank(self.graph) if self.graph.number_of_edges() else {n: 0.0 for n in self.graph}
            return self._pagerank

    # -- filtered lists --------------------------------------------------------------------------
    def find_stories(self, query: StoryQuery, oldest_first: bool = False) -> list[str]:
        """Story IRIs matching the query, newest first unless asked otherwise."""
        candidates: set[str] | None = set(query.only) if query.only is not None else None
        for any_of in query.entities:
            stories = {s for iri in any_of if iri in self.graph for s in self.graph[iri]}
            candidates = stories if candidates is None else candidates & stories
        order = self.newest_first if candidates is None else sorted(candidates & self._rank.keys(), key=self._rank.__getitem__)
        if query.start or query.end:
            nodes = self.graph.nodes
            order = [s for s in order if (d := nodes[s].get("date")) and (query.start is None or d >= query.start)
                     and (query.end is None or d <= query.end)]
        return order[::-1] if oldest_first else list(order)

    def find_entities(self, query: EntityQuery, order: str = "name") -> list[str]:
        """Entity IRIs matching the query, by folded name, by story count or by PageRank."""
        needle = fold(query.text)
        found = [e for e, row in self.entities.items() if row.kind in query.kinds
                 and (query.only is None or e in query.only)
                 and (not needle or needle in fold(row.name) or any(needle in fold(a) for a in row.aliases))]
        for other in query.related_to:
            partners = {t.target for t in self.ties(other)}
            found = [e for e in found if e in partners]
        by_name = sorted(found, key=lambda e: (fold(self.entities[e].name), e))
        if order == "stories":
            return sorted(by_name, key=lambda e: -(self.graph.degree(e) if e in self.graph else 0))
        if order == "centrality":
            rank = self.pagerank()
            return sorted(by_name, key=lambda e: -rank.get(e, 0.0))
        return by_name


def build_network(reader: GraphReader, version: str) -> Network:
    """Read the whole graph once and lay it out as a bipartite networkx graph."""
    graph = nx.Graph()
    stories = reader.all_stories()
    for s in stories:
        graph.add_node(s.iri, story=True, date=s.date)
    entities = reader.all_entities()
    for iri, row in entities.items():
        if row.kind is not EntityKind.DATE:
            graph.add_node(iri, story=False, kind=row.kind)
    graph.add_edges_from((s, e) for s, e in reader.all_links() if s in graph and e in graph)
    newest = sorted(stories, key=lambda s: s.iri)
    newest.sort(key=lambda s: s.date or dt.date.min, reverse=True)
    return Network(version, graph, entities, [s.iri for s in newest])


class NetworkView:
    """The current Network of a reader: built lazily, rebuilt only when the version changes."""

    def __init__(self, reader: GraphReader, max_age: float = 0.0) -> None:
        self.reader = reader
        self.max_age = max_age
        self._network: Network | None = None
        self._lock = threading.Lock()
        self.builds = 0

    def current(self, version: str | None = None) -> Network:
        """The Network of `version` (read from the store when not given)."""
        version = version if version is not None else self.reader.cached_version(self.max_age)
        network = self._network
        if network is not None and network.version == version:
            return network
        with self._lock:
            if self._network is None or self._network.version != version:
                self._network = build_network(self.reader, version)
                self.builds += 1
            return self._network
