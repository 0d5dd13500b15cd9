"""Relationship types: related entities, node-link graphs, paths, expand previews, timelines and search hits."""
from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Annotated

import strawberry

from graph.network import SharesStories, Tie
from graph.records import EntityKind
from schema.context import Info
from schema.limits import DEFAULT_GRAPH_EDGES, MAX_GRAPH_DEPTH, MAX_GRAPH_EDGES, MAX_GRAPH_NODES, MAX_HOPS, check_range
from schema.rows import Rows
from schema.relay import Node, PageInfo, decode_cursor, encode_cursor, page_info, page_size
from schema.enums import EntityType, Granularity, kinds_of
from schema.nodes import evidence, load_entities, load_stories

# The node types, named lazily: schema/types.py imports this module for the relationship fields of its nodes.
# (The names are resolved by strawberry.lazy in schema.types, not here: hence the noqa.)
EntityNode = Annotated["Entity", strawberry.lazy("schema.types")]  # type: ignore[name-defined]  # noqa: F821  # named lazily, see above
StoryNode = Annotated["Story", strawberry.lazy("schema.types")]  # type: ignore[name-defined]  # noqa: F821  # named lazily, see above
MentionNode = Annotated["Mention", strawberry.lazy("schema.types")]  # type: ignore[name-defined]  # noqa: F821  # named lazily, see above

SUPPORT = 5


@strawberry.enum(description="What an edge of a node-link graph stands for.")
class EdgeKind(Enum):
    CO_OCCURS = "co-occurs"
    MENTIONS = "mentions"


@strawberry.type(description="An entity related to another through the stories they share.")
class RelatedEdge:
    cursor: str
    node: EntityNode
    weight: int = strawberry.field(description="Number of stories both appear in.")
    tie: strawberry.Private[Tie]

    @strawberry.field(description="The shared stories, newest first.")
    def stories(self, info: Info, first: int | None = SUPPORT) -> list[StoryNode]:
        return load_stories(info, self.tie.stories[:page_size(first)])


@strawberry.type
class RelatedConnection:
    edges: list[RelatedEdge]
    page_info: PageInfo
    total_count: int


def _related_edges(info: Info, ties: tuple[Tie, ...], offset: int) -> list[RelatedEdge]:
    nodes = {e.iri: e for e in load_entities(info, [t.target for t in ties])}
    return [RelatedEdge(cursor=encode_cursor(offset + i), node=nodes[t.target], weight=t.weight, tie=t)
            for i, t in enumerate(ties) if t.target in nodes]


def related_connection(info: Info, iri: str, first: int | None, after: str | None,
                       types: list[EntityType] | None) -> RelatedConnection:
    """Co-occurring entities of `iri`, heaviest first; only the page's ties become objects."""
    size, offset = page_size(first, 10), decode_cursor(after)
    network, kinds = info.context.network, kinds_of(types)
    total = network.tie_count(iri, kinds)
    window = network.ties(iri, kinds, offset, size)
    return RelatedConnection(edges=_related_edges(info, window, offset),
                             page_info=page_info(offset, len(window), total), total_count=total)


@strawberry.type(description="An edge of a node-link graph: an entity pair sharing stories, or a story mentioning an entity.")
class GraphEdge:
    source: str = strawberry.field(description="IRI of the source node.")
    target: str = strawberry.field(description="IRI of the target node.")
    kind: EdgeKind
    weight: int
    # Where a co-occurrence edge's shared stories are read, when a query asks for them.
    network: strawberry.Private[SharesStories | None] = None

    @strawberry.field(description="Stories supporting the edge, newest first.")
    def stories(self, info: Info, first: int | None = SUPPORT) -> list[StoryNode]:
        if self.kind is EdgeKind.MENTIONS:
            iris: tuple[str, ...] = (self.source,)
        else:
            iris = self.network.shared_stories(self.source, self.target) if self.network is not None else ()
        return load_stories(info, iris[:page_size(first)])

    @strawberry.field(description="For MENTIONS edges: the mentions that are the link's evidence.")
    async def evidence(self, info: Info) -> list[MentionNode]:
        if self.kind is not EdgeKind.MENTIONS:
            return []
        return await evidence(info, self.source, self.target)


@strawberry.type(description="A node-link graph ready for a force layout: nodes, and edges between them by IRI.")
class Graph:
    node_iris: strawberry.Private[tuple[str, ...]]
    story_iris: strawberry.Private[tuple[str, ...]]
    edges: Sequence[GraphEdge]
    truncated: bool = strawberry.field(description="True when `limit` or `maxEdges` cut the graph short; expand a node to see more.")

    @strawberry.field(description="Entities (and stories, when asked for) of the graph.")
    def nodes(self, info: Info) -> list[Node]:
        return [*load_entities(info, self.node_iris), *load_stories(info, self.story_iris)]


def graph_of(info: Info, starts: list[str], depth: int, types: list[EntityType] | None, limit: int,
             include_stories: bool, max_edges: int = DEFAULT_GRAPH_EDGES) -> Graph:
    check_range("depth", depth, 0, MAX_GRAPH_DEPTH)
    check_range("limit", limit, 1, MAX_GRAPH_NODES)
    check_range("maxEdges", max_edges, 1, MAX_GRAPH_EDGES)
    network = info.context.network
    hood = network.neighbourhood(starts, depth, kinds_of(types), limit, max_edges)
    ties = len(hood.sources)
    sources, targets, weights = list(hood.sources), list(hood.targets), list(hood.weights)
    kinds: list[EdgeKind] = [EdgeKind.CO_OCCURS] * ties
    shares: list[SharesStories | None] = [hood.network] * ties
    stories: tuple[str, ...] = ()
    if include_stories:
        members = set(hood.nodes)
        # The newest `limit` supporting stories of each tie and of the first node are enough to pick the newest `limit`.
        supporting = {s for t in hood.ties for s in t.stories[:limit]} | {s for n in hood.nodes[:1] for s in network.stories_of(n)[:limit]}
        stories = tuple(network.by_recency(supporting)[:limit])
        mentions = [(s, e) for s in stories for e in network.entities_of(s) if e in members]
        sources += [s for s, _ in mentions]
        targets += [e for _, e in mentions]
        weights += [1] * len(mentions)
        kinds += [EdgeKind.MENTIONS] * len(mentions)
        shares += [None] * len(mentions)
    # As columns: the edges become objects only if something reads them one by one (schema/rows.py).
    edges = Rows(GraphEdge, source=sources, target=targets, kind=kinds, weight=weights, network=shares)
    return Graph(node_iris=hood.nodes, story_iris=stories, edges=edges, truncated=hood.truncated)


@strawberry.type(description="One hop of a path: two entities and the stories that connect them.")
class Hop:
    source_iri: strawberry.Private[str]
    target_iri: strawberry.Private[str]
    weight: int
    tie: strawberry.Private[Tie]  # its stories are read only when a field asks for them

    @strawberry.field
    def source(self, info: Info) -> EntityNode:
        return load_entities(info, [self.source_iri])[0]

    @strawberry.field
    def target(self, info: Info) -> EntityNode:
        return load_entities(info, [self.target_iri])[0]

    @strawberry.field(description="The newest story supporting the hop.")
    def story(self, info: Info) -> StoryNode:
        return load_stories(info, self.tie.stories[:1])[0]

    @strawberry.field(description="Every story supporting the hop, newest first.")
    def stories(self, info: Info, first: int | None = SUPPORT) -> list[StoryNode]:
        return load_stories(info, self.tie.stories[:page_size(first)])


@strawberry.type(description="A shortest path between two entities.")
class Path:
    hops: list[Hop]

    @strawberry.field(description="Number of hops.")
    def length(self) -> int:
        return len(self.hops)

    @strawberry.field(description="The entities along the path, from start to end.")
    def nodes(self, info: Info) -> list[EntityNode]:
        return load_entities(info, [self.hops[0].source_iri, *(h.target_iri for h in self.hops)])


def paths(info: Info, source: str, target: str, max_hops: int, first: int) -> list[Path]:
    check_range("maxHops", max_hops, 1, MAX_HOPS)
    check_range("first", first, 0, 20)
    found = info.context.network.paths(source, target, max_hops, first)
    return [Path(hops=[Hop(source_iri=t.source, target_iri=t.target, weight=t.weight, tie=t) for t in p])
            for p in found]


@strawberry.type
class TypeCount:
    type: EntityType
    count: int


@strawberry.type
class YearCount:
    year: int
    count: int


@strawberry.type(description="Neighbour counts of a node before expanding it, so an explorer can avoid hairballs.")
class ExpandPreview:
    iri: str
    stories: int = strawberry.field(description="Stories mentioning it.")
    neighbours: int = strawberry.field(description="Distinct entities it shares stories with.")
    by_type: list[TypeCount]
    by_year: list[YearCount] = strawberry.field(description="Stories per publication year.")

    @classmethod
    def of(cls, info: Info, iri: str) -> ExpandPreview:
        p = info.context.network.preview(iri)
        return cls(iri=iri, stories=p.stories, neighbours=p.neighbours,
                   by_type=[TypeCount(type=EntityType(k.value), count=n) for k, n in
                            sorted(p.by_kind.items(), key=lambda kv: (-kv[1], kv[0].value)) if k is not EntityKind.DATE],
                   by_year=[YearCount(year=y, count=n) for y, n in p.by_year.items()])


@strawberry.type
class TimelineBucket:
    period: str = strawberry.field(description="YYYY, YYYY-MM or YYYY-MM-DD.")
    count: int


def timeline(info: Info, iris: list[str] | None, granularity: Granularity) -> list[TimelineBucket]:
    counts = info.context.network.timeline(iris, granularity)
    return [TimelineBucket(period=p, count=n) for p, n in counts]


@strawberry.type(description="A search result and its relevance (higher is better).")
class SearchHit:
    score: float
    node: Node
