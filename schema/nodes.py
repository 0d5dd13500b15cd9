"""How relationship fields turn IRIs into GraphQL nodes without importing the node types.

schema/types.py defines the nodes (stories, entities, mentions) and registers their builders here when it
is imported; schema/relations.py builds its edges, paths and graphs through these functions. So the node
types may name the relationship types directly, and the relationship types name the nodes only lazily
(strawberry.lazy), with no import circle between the two modules.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from schema.context import Info


@dataclass(frozen=True, slots=True)
class NodeBuilders:
    entities: Callable[[Info, Iterable[str]], list[Any]]
    stories: Callable[[Info, Sequence[str]], list[Any]]
    evidence: Callable[[Info, str, str], Awaitable[list[Any]]]


_registered: list[NodeBuilders] = []


def register(builders: NodeBuilders) -> None:
    """Called once by schema/types.py."""
    _registered[:] = [builders]


def _builders() -> NodeBuilders:
    if not _registered:
        raise RuntimeError("no node builders: import schema.types (schema.schema does) before resolving relationship fields")
    return _registered[0]


def load_entities(info: Info, iris: Iterable[str]) -> list[Any]:
    """Entities (days excepted) by IRI, unknown IRIs left out."""
    return _builders().entities(info, iris)


def load_stories(info: Info, iris: Sequence[str]) -> list[Any]:
    """Stories by IRI, unknown IRIs left out."""
    return _builders().stories(info, iris)


async def evidence(info: Info, story: str, entity: str) -> list[Any]:
    """The mentions that are the evidence of the link story -> entity."""
    return await _builders().evidence(info, story, entity)
