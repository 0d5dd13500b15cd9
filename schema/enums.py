"""The schema's enums shared by node and relationship types: entity types and timeline periods."""
from __future__ import annotations

from enum import Enum

import strawberry

from graph.network import Granularity
from graph.records import EntityKind


@strawberry.enum(description="The kinds of entity stories link to.")
class EntityType(Enum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    CAMPAIGN = "campaign"
    THEME = "theme"


strawberry.enum(Granularity, description="Periods a timeline counts stories per.")  # the network view's periods


def kinds_of(types: list[EntityType] | None) -> list[EntityKind] | None:
    return [EntityKind(t.value) for t in types] if types is not None else None


__all__ = ["EntityType", "Granularity", "kinds_of"]
