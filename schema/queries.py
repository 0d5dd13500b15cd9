"""Root query fields: story and entity connections, lookup by IRI or global id."""
from __future__ import annotations

import strawberry

from graph.records import EntityKind
from schema.context import Info
from schema.types import (
    Campaign, Connection, Day, Entity, Node, Organization, Person, Place, Story, Theme,
    connection, decode_cursor, decode_id, entity_from_row, page_size,
)


async def _entity_connection(info: Info, kind: EntityKind, first: int | None, after: str | None) -> Connection:
    size, offset = page_size(first), decode_cursor(after)
    reader = info.context.reader
    iris = reader.entity_page(kind, offset, size)
    rows = await info.context.loaders.entity.load_many(iris)
    return connection([entity_from_row(r) for r in rows if r], offset, reader.entity_count(kind))


async def _lookup(info: Info, iri: str) -> Node | None:
    reader = info.context.reader
    row = await info.context.loaders.entity.load(iri)
    if row is not None:
        return entity_from_row(row)
    story = await info.context.loaders.story.load(iri)
    return Story.from_row(story) if story else None


@strawberry.type
class Query:
    @strawberry.field(description="Stories, newest first.")
    async def stories(self, info: Info, first: int | None = 20, after: str | None = None) -> Connection[Story]:
        size, offset = page_size(first), decode_cursor(after)
        reader = info.context.reader
        iris = reader.story_page(offset, size)
        rows = await info.context.loaders.story.load_many(iris)
        return connection([Story.from_row(r) for r in rows if r], offset, reader.story_count())

    @strawberry.field
    async def people(self, info: Info, first: int | None = 20, after: str | None = None) -> Connection[Person]:
        return await _entity_connection(info, EntityKind.PERSON, first, after)

    @strawberry.field
    async def organizations(self, info: Info, first: int | None = 20, after: str | None = None) -> Connection[Organization]:
        return await _entity_connection(info, EntityKind.ORGANIZATION, first, after)

    @strawberry.field
    async def places(self, info: Info, first: int | None = 20, after: str | None = None) -> Connection[Place]:
        return await _entity_connection(info, EntityKind.PLACE, first, after)

    @strawberry.field
    async def campaigns(self, info: Info, first: int | None = 20, after: str | None = None) -> Connection[Campaign]:
        return await _entity_connection(info, EntityKind.CAMPAIGN, first, after)

    @strawberry.field
    async def themes(self, info: Info, first: int | None = 20, after: str | None = None) -> Connection[Theme]:
        return await _entity_connection(info, EntityKind.THEME, first, after)

    @strawberry.field
    async def days(self, info: Info, first: int | None = 20, after: str | None = None) -> Connection[Day]:
        return await _entity_connection(info, EntityKind.DATE, first, after)

    @strawberry.field(description="Any story, entity or day by its IRI.")
    async def entity(self, info: Info, iri: str) -> Node | None:
        return await _lookup(info, iri)

    @strawberry.field(description="Any object by its global id (Relay).")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        decoded = decode_id(id)
        return await _lookup(info, decoded[1]) if decoded else None
