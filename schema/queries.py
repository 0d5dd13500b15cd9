"""Root query fields: filtered connections, lookups by IRI or global id, search and the relationship queries."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated

import strawberry

from graph.network import EntityOrder, EntityQuery, StoryOrder, StoryQuery
from graph.records import EntityKind
from graph.search import SearchTimeout, search_terms
from schema.context import Info
from schema.limits import DEFAULT_GRAPH_EDGES, MAX_PAGE, LimitError, check_range
from schema.relations import ExpandPreview, Graph, Path, SearchHit, TimelineBucket, graph_of, paths, timeline
from schema.relay import Connection, Node, connection, decode_cursor, decode_id, page_size
from schema.types import (
    Campaign, Day, Entity, EntityType, Granularity, Organization, Person, Place, Story, Theme, entity_from_row,
    load_entities, story_connection,
)


@strawberry.input(description="Stories matching every given field (AND); within a list, any of its entities (OR).")
class StoryFilter:
    text: str | None = strawberry.field(default=None, description="Words in the title or summary (prefixes, any case or accents).")
    people: list[str] | None = None
    organizations: list[str] | None = None
    places: list[str] | None = None
    campaigns: list[str] | None = None
    themes: list[str] | None = strawberry.field(default=None, description="Theme IRIs or concept ids, e.g. child-labour.")
    from_: dt.date | None = strawberry.field(default=None, name="from", description="Published on or after.")
    to: dt.date | None = strawberry.field(default=None, description="Published on or before.")


strawberry.enum(StoryOrder)  # the network view's orders, exposed to GraphQL as they are


@strawberry.input(description="Entities matching every given field.")
class EntityFilter:
    text: str | None = strawberry.field(default=None, description="Part of the name or an alias, any case or accents.")
    related_to: list[str] | None = strawberry.field(default=None, description="IRIs it must share stories with (all of them).")


strawberry.enum(EntityOrder)


@strawberry.enum(description="What search can return.")
class SearchType(Enum):
    STORY = "story"
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    CAMPAIGN = "campaign"
    THEME = "theme"


def _theme_iri(info: Info, value: str) -> str:
    return info.context.reader.iris.theme(value)


def _story_query(info: Info, f: StoryFilter | None) -> StoryQuery:
    if f is None:
        return StoryQuery()
    lists = [f.people, f.organizations, f.places, f.campaigns,
             [_theme_iri(info, t) for t in f.themes] if f.themes is not None else None]
    only = None
    # Text with no words (empty, spaces, punctuation) constrains nothing, as for entity filters.
    if f.text is not None and search_terms(info.context.text_limits.check("filter.text", f.text)):
        ctx = info.context
        text = f.text
        with _search_deadline():
            only = ctx.search.matching_stories(text, ctx.version, ctx.deadline)
    return StoryQuery(entities=tuple(tuple(v) for v in lists if v is not None), start=f.from_, end=f.to, only=only)


@contextmanager
def _search_deadline() -> Iterator[None]:
    """Turns a search stopped at the request's deadline into a clear GraphQL error."""
    try:
        yield
    except SearchTimeout:
        raise LimitError("the search ran past the request's time limit and was stopped; use fewer or longer words") from None


def _entity_connection(info: Info, kind: EntityKind, first: int | None, after: str | None,
                       filter: EntityFilter | None, order_by: EntityOrder) -> Connection:
    size, offset = page_size(first), decode_cursor(after)
    if filter is not None and filter.text:
        info.context.text_limits.check("filter.text", filter.text)
    query = EntityQuery(kinds=frozenset({kind}), text=(filter.text or "") if filter else "",
                        related_to=tuple(filter.related_to or ()) if filter else ())
    network = info.context.network
    iris = network.find_entities(query, order_by)
    rows = [network.entity_row(i) for i in iris[offset:offset + size]]
    return connection([entity_from_row(r) for r in rows if r], offset, len(iris))


def _lookup(info: Info, iri: str) -> Node | None:
    """A story, entity or day by IRI, from the network view (it holds every row the API shows)."""
    network = info.context.network
    row = network.entity_row(iri)
    if row is not None:
        return entity_from_row(row)
    story = network.story_row(iri)
    return Story.from_row(story, network) if story else None


@strawberry.type
class Query:
    @strawberry.field(description="Stories, newest first unless ordered otherwise, filtered by text, entities and dates.")
    def stories(self, info: Info, first: int | None = 20, after: str | None = None,
                filter: StoryFilter | None = None, order_by: StoryOrder = StoryOrder.NEWEST) -> Connection[Story]:
        iris = info.context.network.find_stories(_story_query(info, filter), order_by)
        return story_connection(info, iris, first, after)

    @strawberry.field
    def people(self, info: Info, first: int | None = 20, after: str | None = None, filter: EntityFilter | None = None,
                     order_by: EntityOrder = EntityOrder.NAME) -> Connection[Person]:
        return _entity_connection(info, EntityKind.PERSON, first, after, filter, order_by)

    @strawberry.field
    def organizations(self, info: Info, first: int | None = 20, after: str | None = None, filter: EntityFilter | None = None,
                            order_by: EntityOrder = EntityOrder.NAME) -> Connection[Organization]:
        return _entity_connection(info, EntityKind.ORGANIZATION, first, after, filter, order_by)

    @strawberry.field
    def places(self, info: Info, first: int | None = 20, after: str | None = None, filter: EntityFilter | None = None,
                     order_by: EntityOrder = EntityOrder.NAME) -> Connection[Place]:
        return _entity_connection(info, EntityKind.PLACE, first, after, filter, order_by)

    @strawberry.field
    def campaigns(self, info: Info, first: int | None = 20, after: str | None = None, filter: EntityFilter | None = None,
                        order_by: EntityOrder = EntityOrder.NAME) -> Connection[Campaign]:
        return _entity_connection(info, EntityKind.CAMPAIGN, first, after, filter, order_by)

    @strawberry.field
    def themes(self, info: Info, first: int | None = 20, after: str | None = None, filter: EntityFilter | None = None,
                     order_by: EntityOrder = EntityOrder.NAME) -> Connection[Theme]:
        return _entity_connection(info, EntityKind.THEME, first, after, filter, order_by)

    @strawberry.field
    def days(self, info: Info, first: int | None = 20, after: str | None = None) -> Connection[Day]:
        return _entity_connection(info, EntityKind.DATE, first, after, None, EntityOrder.NAME)

    @strawberry.field(description="Any story, entity or day by its IRI.")
    def entity(self, info: Info, iri: str) -> Node | None:
        return _lookup(info, iri)

    @strawberry.field(description="Any object by its global id (Relay).")
    def node(self, info: Info, id: strawberry.ID) -> Node | None:
        decoded = decode_id(id)
        return _lookup(info, decoded[1]) if decoded else None

    @strawberry.field(description=f"Objects by global ids (Relay), in order; null for unknown ids. At most {MAX_PAGE}.")
    def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        check_range("ids (count)", len(ids), 0, MAX_PAGE)
        decoded = [decode_id(i) for i in ids]
        return [_lookup(info, d[1]) if d else None for d in decoded]

    @strawberry.field(description="Ranked full-text search over story titles/summaries and entity names/aliases; "
                                  "words match as prefixes, ignoring case and accents.")
    def search(self, info: Info, query: str, types: list[SearchType] | None = None, first: int | None = 10) -> list[SearchHit]:
        ctx = info.context
        ctx.text_limits.check("query", query)
        with _search_deadline():
            hits = ctx.search.search(query, [t.value for t in types] if types is not None else None,
                                    page_size(first, 10), ctx.version, ctx.deadline)
        found = [(h, _lookup(info, h.iri)) for h in hits]
        return [SearchHit(score=round(h.score, 4), node=node) for h, node in found if node is not None]

    @strawberry.field(description="Entities within `depth` hops of one entity, heaviest ties first, at most `limit` nodes "
                                  "and `maxEdges` ties (the ties that reached each node first, then the heaviest).")
    def neighbourhood(self, info: Info, iri: str, depth: int = 1, types: list[EntityType] | None = None,
                      limit: int = 50, include_stories: bool = False, max_edges: int = DEFAULT_GRAPH_EDGES) -> Graph:
        return graph_of(info, [iri], depth, types, limit, include_stories, max_edges)

    @strawberry.field(description="The graph around several entities (depth 0: just the ties among them).")
    def subgraph(self, info: Info, iris: list[str], depth: int = 0, types: list[EntityType] | None = None,
                 limit: int = 50, include_stories: bool = False, max_edges: int = DEFAULT_GRAPH_EDGES) -> Graph:
        check_range("iris (count)", len(iris), 1, 50)
        return graph_of(info, iris, depth, types, limit, include_stories, max_edges)

    @strawberry.field(description="Neighbour counts by type and stories by year, before expanding a node.")
    def expand_preview(self, info: Info, iri: str) -> ExpandPreview:
        return ExpandPreview.of(info, iri)

    @strawberry.field(description="Shortest paths between two entities, each hop with the stories supporting it.")
    def paths(self, info: Info, from_: Annotated[str, strawberry.argument(name="from")], to: str,
              max_hops: int = 4, first: int = 3) -> list[Path]:
        return paths(info, from_, to, max_hops, first)

    @strawberry.field(description="Story counts per period: of an entity (iri), a theme (IRI or concept id), or all stories.")
    def timeline(self, info: Info, iri: str | None = None, theme: str | None = None,
                 granularity: Granularity = Granularity.MONTH) -> list[TimelineBucket]:
        if iri is not None and not iri.strip() or theme is not None and not theme.strip():
            raise LimitError("`iri` and `theme` must not be empty; leave both out for the timeline of all stories")
        targets = [t for t in (iri, _theme_iri(info, theme) if theme is not None else None) if t is not None]
        return timeline(info, targets or None, granularity)

    @strawberry.field(description="Entities ordered by PageRank over the story–entity graph.")
    def central(self, info: Info, types: list[EntityType] | None = None, first: int | None = 10) -> list[Entity]:
        kinds = frozenset(EntityKind(t.value) for t in types) if types else EntityQuery().kinds
        iris = info.context.network.find_entities(EntityQuery(kinds=kinds), EntityOrder.CENTRALITY)[:page_size(first, 10)]
        return load_entities(info, iris)
