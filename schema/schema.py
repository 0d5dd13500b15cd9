"""The assembled schema: `schema` for serving, `sdl()` for schema.graphql."""
from __future__ import annotations

import strawberry

from schema.limits import extensions
from schema.mutations import Mutation
from schema.queries import Query
from schema.types import Campaign, Day, Organization, Person, Place, Story, Theme

schema = strawberry.Schema(query=Query, mutation=Mutation, types=[Story, Person, Organization, Place, Campaign, Theme, Day],
                           extensions=extensions())


def sdl() -> str:
    """The schema in SDL, as committed in schema/schema.graphql."""
    return schema.as_str() + "\n"
