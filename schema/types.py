"""GraphQL types: stories, the entity kinds, days, mentions and cursor connections."""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Sequence
from functools import cached_property
from typing import Annotated

import strawberry

from graph.network import Network
from graph.read import EntityRow, MentionRow, StoryRow
from graph.records import EntityKind
from schema import nodes
from schema.context import Info
from schema.enums import EntityType, Granularity, kinds_of
from schema.limits import DEFAULT_PAGE, MAX_PAGE
from schema.relations import ExpandPreview, RelatedConnection, TimelineBucket, related_connection, timeline
from schema.relay import Connection, Node, connection, decode_cursor, encode_id, page_size



def story_connection(info: Info, iris: Sequence[str], first: int | None, after: str | None) -> Connection[Story]:
    """One page of an already ordered list of story IRIs."""
    size, offset = page_size(first), decode_cursor(after)
    return connection(load_stories(info, iris[offset:offset + size]), offset, len(iris))


def load_stories(info: Info, iris: Sequence[str]) -> list[Story]:
    """Stories by IRI from the request's network view (it holds every story's row), unknown IRIs left out."""
    network = info.context.network
    return [Story.from_row(r, network) for r in map(network.story_row, iris) if r is not None]


@strawberry.interface(description="Something stories link to: a person, organization, place, campaign or theme.")
class Entity(Node):
    iri: str
    name: str
    aliases: list[str]

    @strawberry.field(description=f"Stories that mention it, newest first (at most `first`, ≤ {MAX_PAGE}; "
                                  "use storiesConnection to page).")
    def stories(self, info: Info, first: int | None = MAX_PAGE) -> list[Annotated[Story, strawberry.lazy("schema.types")]]:
        return load_stories(info, info.context.network.stories_of(self.iri)[:page_size(first)])

    @strawberry.field(description="Stories that mention it, newest first, as a cursor connection.")
    def stories_connection(self, info: Info, first: int | None = DEFAULT_PAGE,
                           after: str | None = None) -> Connection[Annotated[Story, strawberry.lazy("schema.types")]]:
        return story_connection(info, info.context.network.stories_of(self.iri), first, after)

    @strawberry.field(description="How many stories mention it.")
    def story_count(self, info: Info) -> int:
        return info.context.network.story_count(self.iri)

    @strawberry.field(description="Entities it shares stories with, most shared stories first; each edge carries the stories.")
    def related(self, info: Info, first: int | None = 10, after: str | None = None,
                types: list[EntityType] | None = None) -> RelatedConnection:
        return related_connection(info, self.iri, first, after, types)

    @strawberry.field(description="PageRank over the story–entity graph (recomputed only when the graph changes).")
    def centrality(self, info: Info) -> float:
        return round(info.context.network.pagerank().get(self.iri, 0.0), 6)

    @strawberry.field(description="What expanding this node in an explorer would bring in: counts by type and by year.")
    def expand_preview(self, info: Info) -> ExpandPreview:
        return ExpandPreview.of(info, self.iri)

    @strawberry.field(description="Stories mentioning it per period, oldest first.")
    def timeline(self, info: Info, granularity: Granularity = Granularity.MONTH) -> list[TimelineBucket]:
        return timeline(info, [self.iri], granularity)


@strawberry.type(description="A person named in stories.")
class Person(Entity):
    @strawberry.field(description="Organizations the stories tie this person to, with the role they state "
                                  "(ILO Director-General Guy Ryder: role Director-General, organization ILO).")
    async def affiliations(self, info: Info) -> list[Annotated[Affiliation, strawberry.lazy("schema.types")]]:
        found = await info.context.loaders.affiliations.load(self.iri)
        merged: dict[tuple[str, str | None], list[str]] = {}
        for org, role, story in found:
            merged.setdefault((org, role), []).append(story)
        return [Affiliation(organization_iri=org, role=role, story_iris=tuple(stories))
                for (org, role), stories in merged.items()]


@strawberry.type(description="A person's tie to an organization, as stories state it.")
class Affiliation:
    role: str | None = strawberry.field(description="The role or title the story gives, e.g. Director-General.")
    organization_iri: strawberry.Private[str]
    story_iris: strawberry.Private[tuple[str, ...]]

    @strawberry.field
    def organization(self, info: Info) -> Annotated[Organization, strawberry.lazy("schema.types")] | None:
        found = load_entities(info, [self.organization_iri])
        return found[0] if found and isinstance(found[0], Organization) else None

    @strawberry.field(description="The stories that state it.")
    def stories(self, info: Info) -> list[Annotated[Story, strawberry.lazy("schema.types")]]:
        return load_stories(info, self.story_iris)


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

    @strawberry.field(description=f"Stories of the day, newest first (at most `first`, ≤ {MAX_PAGE}).")
    async def stories(self, info: Info, first: int | None = MAX_PAGE) -> list[Annotated[Story, strawberry.lazy("schema.types")]]:
        iris = await info.context.loaders.entity_stories.load(self.iri)
        return load_stories(info, iris[:page_size(first)])


ENTITY_TYPES: dict[EntityKind, type[Entity]] = {
    EntityKind.PERSON: Person, EntityKind.ORGANIZATION: Organization, EntityKind.PLACE: Place,
    EntityKind.CAMPAIGN: Campaign, EntityKind.THEME: Theme,
}


def entity_from_row(row: EntityRow) -> Entity | Day:
    return day_from_row(row) if row.kind is EntityKind.DATE else named_from_row(row)


def day_from_row(row: EntityRow) -> Day:
    return Day(id=encode_id("Day", row.iri), iri=row.iri, date=dt.date.fromisoformat(row.name))


# Entity objects by IRI, each with the row it was made from: the same row (frozen, one version's) gives the
# same object, so a page of stories or a neighbourhood does not make its entities again on every request
# (nothing changes an entity object once made). At most ENTITY_OBJECTS: the oldest made go first.
ENTITY_OBJECTS = 8192
_MADE: dict[str, tuple[EntityRow, Entity]] = {}
_MADE_LOCK = threading.Lock()


def named_from_row(row: EntityRow) -> Entity:
    """A person, organization, place, campaign or theme (a day is not an Entity: day_from_row)."""
    made = _MADE.get(row.iri)
    if made is not None and made[0] is row:
        return made[1]
    cls = ENTITY_TYPES[row.kind]
    entity = cls(id=encode_id(cls.__name__, row.iri), iri=row.iri, name=row.name, aliases=list(row.aliases))
    with _MADE_LOCK:
        _MADE.pop(row.iri, None)
        while len(_MADE) >= ENTITY_OBJECTS:
            del _MADE[next(iter(_MADE))]
        _MADE[row.iri] = (row, entity)
    return entity


def load_entities(info: Info, iris: Iterable[str]) -> list[Entity]:
    """Entities (days excepted) by IRI from the request's network view, unknown IRIs left out."""
    rows = info.context.network.entities
    return [named_from_row(r) for r in map(rows.get, iris) if r is not None and r.kind is not EntityKind.DATE]


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
    def entity(self, info: Info) -> Entity | None:
        row = info.context.network.entity_row(self.entity_iri)
        return named_from_row(row) if row and row.kind is not EntityKind.DATE else None

    @classmethod
    def from_row(cls, row: MentionRow) -> Mention:
        return cls(text=row.text, field=row.field, start=row.start, end=row.end, method=row.method,
                   confidence=row.confidence, entity_iri=row.entity)


async def evidence(info: Info, story: str, entity: str) -> list[Mention]:
    rows = await info.context.loaders.mentions.load(story)
    return [Mention.from_row(r) for r in rows if r.entity == entity]


@strawberry.type(description="A story -> entity edge with its provenance: the mentions that are its evidence.")
class StoryLink:
    type: EntityType
    entity: Entity
    story_iri: strawberry.Private[str]

    @strawberry.field(description="Where the story's text names the entity (text, offsets, method, confidence).")
    async def evidence(self, info: Info) -> list[Mention]:
        return await evidence(info, self.story_iri, self.entity.iri)


@strawberry.type(description="A news story: title, date, summary and what it links to.")
class Story(Node):
    iri: str
    title: str
    summary: str
    date: str | None = strawberry.field(description="Publication date, ISO YYYY-MM-DD.")
    url: str | None

    # The request's network view: the linked-entity fields below read it from the story, not from `info`,
    # so their resolvers take only `self` and the direct pass calls them as plain methods (schema/direct.py).
    network: strawberry.Private[Network]

    @classmethod
    def from_row(cls, row: StoryRow, network: Network) -> Story:
        return cls(id=encode_id("Story", row.iri), iri=row.iri, title=row.title, summary=row.summary,
                   date=row.date.isoformat() if row.date else None, url=row.url, network=network)

    @cached_property
    def _linked_rows(self) -> list[EntityRow]:
        """The rows of the entities it links to (days excepted), read once for all the kinds' fields it is asked."""
        network = self.network
        return [r for r in map(network.entities.get, network.entities_of(self.iri)) if r is not None]

    def _linked(self, kind: EntityKind) -> list:
        """Linked entities of one kind (days excepted), from the network view: no store read, no awaiting."""
        return [entity_from_row(r) for r in self._linked_rows if r.kind is kind]

    @strawberry.field
    def people(self) -> list[Person]:
        return self._linked(EntityKind.PERSON)

    @strawberry.field
    def organizations(self) -> list[Organization]:
        return self._linked(EntityKind.ORGANIZATION)

    @strawberry.field
    def places(self) -> list[Place]:
        return self._linked(EntityKind.PLACE)

    @strawberry.field
    def campaigns(self) -> list[Campaign]:
        return self._linked(EntityKind.CAMPAIGN)

    @strawberry.field
    def themes(self) -> list[Theme]:
        return self._linked(EntityKind.THEME)

    @strawberry.field(description="Days the story is published on or names.")
    async def days(self, info: Info) -> list[Day]:
        # Days are not nodes of the network view; they come from the store.
        links = await info.context.loaders.story_entities.load(self.iri)
        rows = await info.context.loaders.entity.load_many([e for e, k in links if k is EntityKind.DATE])
        return [day_from_row(r) for r in rows if r is not None]

    @strawberry.field(description="Evidence for every link, in text order.")
    async def mentions(self, info: Info) -> list[Mention]:
        rows = await info.context.loaders.mentions.load(self.iri)
        return [Mention.from_row(r) for r in rows]

    @strawberry.field(description="Its links to entities, each with the mentions that are its evidence.")
    def links(self, info: Info, types: list[EntityType] | None = None) -> list[StoryLink]:
        wanted = set(kinds_of(types) or [k for k in EntityKind if k is not EntityKind.DATE])
        network = info.context.network
        entities = load_entities(info, [e for e in network.entities_of(self.iri) if network.kind(e) in wanted])
        return [StoryLink(type=EntityType(ENTITY_KIND_OF[type(e)].value), entity=e, story_iri=self.iri)
                for e in entities]


ENTITY_KIND_OF: dict[type, EntityKind] = {cls: kind for kind, cls in ENTITY_TYPES.items()}


nodes.register(nodes.NodeBuilders(entities=load_entities, stories=load_stories, evidence=evidence))
