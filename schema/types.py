"""GraphQL types: stories, the entity kinds, days, mentions and cursor connections."""
from __future__ import annotations

import base64
import datetime as dt
from typing import Annotated, Generic, TypeVar

import strawberry

from graph.read import EntityRow, MentionRow, StoryRow
from graph.records import EntityKind
from schema.context import Info

MAX_PAGE = 100
T = TypeVar("T")


def encode_id(type_name: str, iri: str) -> strawberry.ID:
    return strawberry.ID(base64.urlsafe_b64encode(f"{type_name}:{iri}".encode()).decode())


def decode_id(global_id: str) -> tuple[str, str] | None:
    try:
        type_name, _, iri = base64.urlsafe_b64decode(global_id.encode()).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return (type_name, iri) if iri else None


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The offset after a cursor; a malformed cursor is a client error, said plainly."""
    if cursor is None:
        return 0
    try:
        prefix, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        if prefix == "offset":
            return int(value) + 1
    except (ValueError, UnicodeDecodeError):
        pass
    raise ValueError(f"invalid cursor {cursor!r}; use a cursor from a previous page's edges or pageInfo")


def page_size(first: int | None) -> int:
    if first is None:
        return 20
    if first < 0 or first > MAX_PAGE:
        raise ValueError(f"`first` must be between 0 and {MAX_PAGE}")
    return first


@strawberry.interface(description="An object with a global id (Relay).")
class Node:
    id: strawberry.ID


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int


def connection(items: list[T], offset: int, total: int) -> Connection[T]:
    edges = [Edge(cursor=encode_cursor(offset + i), node=item) for i, item in enumerate(items)]
    return Connection(
        edges=edges,
        page_info=PageInfo(has_next_page=offset + len(items) < total, has_previous_page=offset > 0,
                           start_cursor=edges[0].cursor if edges else None,
                           end_cursor=edges[-1].cursor if edges else None),
        total_count=total)


async def _stories_of(info: Info, iri: str) -> list["Story"]:
    iris = await info.context.loaders.entity_stories.load(iri)
    rows = await info.context.loaders.story.load_many(iris)
    return [Story.from_row(r) for r in rows if r is not None]


@strawberry.interface(description="Something stories link to: a person, organization, place, campaign or theme.")
class Entity(Node):
    iri: str
    name: str
    aliases: list[str]

    @strawberry.field(description="Stories that mention it, newest first.")
    async def stories(self, info: Info) -> list[Annotated["Story", strawberry.lazy("schema.types")]]:
        return await _stories_of(info, self.iri)


@strawberry.type(description="A person named in stories.")
class Person(Entity):
    pass


@strawberry.type(description="An organization: agency, ministry, union, company, broadcaster.")
class Organization(Entity):
    pass


@strawberry.type(description="A country, region, district, city or village.")
class Place(Entity):
    pass


@strawberry.type(description="An initiative, campaign, programme or observance.")
class Campaign(Entity):
    pass


@strawberry.type(description="A concept of the theme scheme (SKOS); its IRI ends with the concept id.")
class Theme(Entity):
    @strawberry.field(description="The concept id, e.g. child-labour.")
    def key(self) -> str:
        return self.iri.rstrip("/").rsplit("/", 1)[-1]


@strawberry.type(description="A calendar day: stories published on it or naming it.")
class Day(Node):
    iri: str
    date: dt.date

    @strawberry.field
    async def stories(self, info: Info) -> list[Annotated["Story", strawberry.lazy("schema.types")]]:
        return await _stories_of(info, self.iri)


ENTITY_TYPES: dict[EntityKind, type] = {
    EntityKind.PERSON: Person, EntityKind.ORGANIZATION: Organization, EntityKind.PLACE: Place,
    EntityKind.CAMPAIGN: Campaign, EntityKind.THEME: Theme,
}


def entity_from_row(row: EntityRow) -> Entity | Day:
    if row.kind is EntityKind.DATE:
        return Day(id=encode_id("Day", row.iri), iri=row.iri, date=dt.date.fromisoformat(row.name))
    cls = ENTITY_TYPES[row.kind]
    return cls(id=encode_id(cls.__name__, row.iri), iri=row.iri, name=row.name, aliases=list(row.aliases))


@strawberry.type(description="The evidence of a story -> entity link: where the text names it and how it was found.")
class Mention:
    text: str
    field: str = strawberry.field(description="title or summary")
    start: int = strawberry.field(description="Character offset of the surface text in the field (inclusive).")
    end: int = strawberry.field(description="Character offset after the surface text (exclusive).")
    method: str = strawberry.field(description="gazetteer, rule or model")
    confidence: float
    entity_iri: strawberry.Private[str]

    @strawberry.field
    async def entity(self, info: Info) -> Entity | None:
        row = await info.context.loaders.entity.load(self.entity_iri)
        return entity_from_row(row) if row and row.kind is not EntityKind.DATE else None  # type: ignore[return-value]

    @classmethod
    def from_row(cls, row: MentionRow) -> "Mention":
        return cls(text=row.text, field=row.field, start=row.start, end=row.end, method=row.method,
                   confidence=row.confidence, entity_iri=row.entity)


@strawberry.type(description="A news story: title, date, summary and what it links to.")
class Story(Node):
    iri: str
    title: str
    summary: str
    date: str | None = strawberry.field(description="Publication date, ISO YYYY-MM-DD.")
    url: str | None

    @classmethod
    def from_row(cls, row: StoryRow) -> "Story":
        return cls(id=encode_id("Story", row.iri), iri=row.iri, title=row.title, summary=row.summary,
                   date=row.date.isoformat() if row.date else None, url=row.url)

    async def _linked(self, info: Info, kind: EntityKind) -> list:
        links = await info.context.loaders.story_entities.load(self.iri)
        rows = await info.context.loaders.entity.load_many([e for e, k in links if k is kind])
        return [entity_from_row(r) for r in rows if r is not None]

    @strawberry.field
    async def people(self, info: Info) -> list[Person]:
        return await self._linked(info, EntityKind.PERSON)

    @strawberry.field
    async def organizations(self, info: Info) -> list[Organization]:
        return await self._linked(info, EntityKind.ORGANIZATION)

    @strawberry.field
    async def places(self, info: Info) -> list[Place]:
        return await self._linked(info, EntityKind.PLACE)

    @strawberry.field
    async def campaigns(self, info: Info) -> list[Campaign]:
        return await self._linked(info, EntityKind.CAMPAIGN)

    @strawberry.field
    async def themes(self, info: Info) -> list[Theme]:
        return await self._linked(info, EntityKind.THEME)

    @strawberry.field(description="Days the story is published on or names.")
    async def days(self, info: Info) -> list[Day]:
        return await self._linked(info, EntityKind.DATE)

    @strawberry.field(description="Evidence for every link, in text order.")
    async def mentions(self, info: Info) -> list[Mention]:
        rows = await info.context.loaders.mentions.load(self.iri)
        return [Mention.from_row(r) for r in rows]
