"""The assembled schema: `schema` for serving, `sdl()` for schema.graphql."""
from __future__ import annotations

import hashlib
import logging

import strawberry
from graphql import GraphQLError
from strawberry.types import ExecutionContext

from schema.cost import extensions
from schema.execution import PlainObjectExecutor
from schema.mutations import Mutation
from schema.queries import Query
from schema.types import Campaign, Day, Organization, Person, Place, Story, Theme

log = logging.getLogger("storygraph.graphql")


class Schema(strawberry.Schema):
    """Strawberry's schema, logging a refused query as a hash and a length, never its text."""

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        query = (execution_context.query if execution_context else None) or ""
        digest = hashlib.sha256(query.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        for error in errors:
            if error.original_error is None or isinstance(error.original_error, (ValueError, PermissionError)):
                log.info("query sha256:%s (%d characters) refused: %s", digest, len(query), error.message[:200])
            else:  # a bug: the HTTP layer logs it with a request id and its traceback
                log.debug("query sha256:%s failed", digest, exc_info=error.original_error)


schema = Schema(query=Query, mutation=Mutation, types=[Story, Person, Organization, Place, Campaign, Theme, Day],
                extensions=extensions(), execution_context_class=PlainObjectExecutor)


def sdl() -> str:
    """The schema in SDL, as committed in schema/schema.graphql."""
    return schema.as_str() + "\n"
