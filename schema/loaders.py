"""One DataLoader per (relation, direction), created per request so a query costs a bounded number of store reads."""
from __future__ import annotations

from dataclasses import dataclass

from strawberry.dataloader import DataLoader

from graph.read import EntityRow, GraphReader, MentionRow, StoryRow
from graph.records import EntityKind


@dataclass
class Loaders:
    story: DataLoader[str, StoryRow | None]
    story_entities: DataLoader[str, list[tuple[str, EntityKind]]]
    entity: DataLoader[str, EntityRow | None]
    entity_stories: DataLoader[str, list[str]]
    mentions: DataLoader[str, list[MentionRow]]
    affiliations: DataLoader[str, list[tuple[str, str | None, str]]]


def make_loaders(reader: GraphReader) -> Loaders:
    async def stories(keys: list[str]) -> list[StoryRow | None]:
        found = reader.stories(keys)
        return [found.get(k) for k in keys]

    async def story_entities(keys: list[str]) -> list[list[tuple[str, EntityKind]]]:
        found = reader.story_entities(keys)
        return [found.get(k, []) for k in keys]

    async def entities(keys: list[str]) -> list[EntityRow | None]:
        found = reader.entities(keys)
        return [found.get(k) for k in keys]

    async def entity_stories(keys: list[str]) -> list[list[str]]:
        found = reader.entity_stories(keys)
        return [found.get(k, []) for k in keys]

    async def mentions(keys: list[str]) -> list[list[MentionRow]]:
        found = reader.mentions(keys)
        return [found.get(k, []) for k in keys]

    async def affiliations(keys: list[str]) -> list[list[tuple[str, str | None, str]]]:
        found = reader.affiliations(keys)
        return [found.get(k, []) for k in keys]

    return Loaders(DataLoader(stories), DataLoader(story_entities), DataLoader(entities),
                   DataLoader(entity_stories), DataLoader(mentions), DataLoader(affiliations))
