"""Queries whose document has run cleanly before, executed straight through graphql-core without Strawberry's per-request machinery.

For every request Strawberry builds an execution context, makes its schema extensions and runs their
hooks through context managers (the parse from the document cache, the validation from the
validation cache, the cost estimate), then calls graphql-core's execute and assembles the result:
about 0.17 ms, a third of an entity + related miss at 100k stories. A query text (with its operation
name) that has already executed without any error parsed, validated and passed the token and depth
limits under the same rules, so for it `execute_known` does only what still depends on the request:
the operation's cost (CostLimiter's estimate, against the same limit, reported the same way), then
graphql-core's execute with the schema's executor, middleware and arguments as Strawberry passes them.

It answers only complete successes. Anything else (an error of any kind, a cost over the limit or one
that cannot be estimated) returns None and the request runs through Strawberry from the start, which
reports it exactly as before; queries have no side effects, so running one again changes nothing.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeGuard, cast

import strawberry
from graphql import ExecutionResult as CoreResult
from graphql import MiddlewareManager, execute
from strawberry.execution.is_awaitable import optimized_is_awaitable
from strawberry.types import ExecutionResult

from schema.cache import ByteLRU
from schema.cost import estimate_cost
from schema.limits import MAX_COST, MAX_TOKENS, parse_cached

KNOWN_BYTES = 4 * 1024 * 1024
_KNOWN = ByteLRU(KNOWN_BYTES)  # (query text, operation name) -> True, for documents that ran cleanly


def remember(query: str, operation: str | None) -> None:
    """This query document ran through Strawberry without any error: later requests may take `execute_known`."""
    _KNOWN.put((query, operation), True, len(query) + len(operation or ""))


def known(query: str, operation: str | None) -> bool:
    return (query, operation) in _KNOWN


async def execute_known(schema: strawberry.Schema, query: str, variables: dict[str, Any], operation: str | None,
                        context: Any) -> ExecutionResult | None:
    """The result of a known query document (see the module docstring); None: run it through `schema.execute`."""
    if (query, operation) not in _KNOWN:
        return None
    document = parse_cached(query, MAX_TOKENS)
    try:
        cost = estimate_cost(document, variables, context, operation)
    except Exception:  # malformed arguments, a view not ready yet: Strawberry reports it as it always has
        return None
    if cost > MAX_COST:
        return None
    context.cost = cost
    # As Strawberry's _execute_operation calls it: its awaitable check, an empty middleware manager (no
    # extension of this schema resolves fields: tests/schema/test_known_queries.py), the executor class.
    try:
        result = execute(schema._schema, document, root_value=None, context_value=context, variable_values=variables,
                         operation_name=operation, middleware=MiddlewareManager(),
                         is_awaitable=cast(Callable[[Any], TypeGuard[Awaitable[Any]]], optimized_is_awaitable),
                         executor_class=schema.execution_context_class, operation_extensions=None)
        if isinstance(result, Awaitable):
            result = await result
    except Exception:  # whatever it is, Strawberry's own run reports it
        return None
    if not isinstance(result, CoreResult) or result.errors or result.data is None:
        return None
    return ExecutionResult(data=result.data, errors=None, extensions={"cost": cost})
