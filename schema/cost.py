"""The cost of an operation, priced per field from the real degrees of the nodes it expands, and the
validation that runs once per query text (depth and alias limits included).

Every list field of the schema is priced by FIELD_PRICING (a test checks that none is missing), so a new
list field cannot slip in at the price of one.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    ExecutionResult, FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLError, InlineFragmentNode, OperationDefinitionNode,
    SelectionSetNode, value_from_ast_untyped,
)
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter, SchemaExtension

from schema.cache import ByteLRU
from schema.limits import (
    DEFAULT_PAGE, MAX_ALIASES, MAX_COST, MAX_DEPTH, MAX_GRAPH_DEPTH, MAX_GRAPH_NODES, MAX_HOPS, MAX_PAGE, MAX_TOKENS, STORY_FAN_OUT,
    VALIDATION_CACHE_BYTES, DocumentCache,
)
from schema.relay import decode_id

# Page sizes per field when `first`/`limit` is not given.
_DEFAULT_SIZE = {"related": 10, "search": 10, "paths": 3, "central": 10, "stories": DEFAULT_PAGE, "neighbourhood": 50,
                 "subgraph": 50}

# How every list field of the schema is priced (tests/schema/test_limits.py checks that none is missing):
#   page      as many rows as `first` (or the field's default page)
#   degree    a page, but no more than the parent entity's real degree
#   graph     a node-link view: its node limit, or the reach of its start nodes if smaller
#   paths     the search work from both ends' degrees, times the hops of each path returned
#   ids       as many nodes as ids asked for
#   fan-out   a story's few links (STORY_FAN_OUT), or a page when `first` is given
#   parent    bounded by what its parent was already priced for (a connection's edges, a path's hops)
#   scalars   a short list of values with nothing below them
FIELD_PRICING: dict[str, str] = {
    "stories": "degree", "storiesConnection": "degree", "related": "degree",
    "search": "page", "central": "page",
    "people": "fan-out", "organizations": "fan-out", "places": "fan-out", "campaigns": "fan-out", "themes": "fan-out",
    "days": "fan-out", "mentions": "fan-out", "links": "fan-out", "evidence": "fan-out", "affiliations": "fan-out",
    "neighbourhood": "graph", "subgraph": "graph", "paths": "paths", "nodes": "ids",
    "edges": "parent", "hops": "parent", "byType": "parent", "byYear": "parent", "timeline": "parent",
    "aliases": "scalars", "problems": "scalars", "newEntities": "scalars",
}


class _Estimator:
    """Walks an operation with its variables and prices every field by the rows it can return."""

    def __init__(self, fragments: dict[str, FragmentDefinitionNode], variables: dict[str, Any], context: Any) -> None:
        self.fragments = fragments
        self.variables = variables
        self.context = context

    def _args(self, node: FieldNode) -> dict[str, Any]:
        return {a.name.value: value_from_ast_untyped(a.value, self.variables) for a in node.arguments or ()}

    def _degree(self, iri: Any) -> int | None:
        network = getattr(self.context, "network", None) if isinstance(iri, str) else None
        return network.degree(iri) if network is not None else None

    def _size(self, node: FieldNode, parent_iri: str | None) -> tuple[int, int, str | None]:
        """(extra cost of the field itself, multiplier of its children, IRI its children are about)."""
        name, args = node.name.value, self._args(node)
        first = args.get("first")
        # Clamped at 0: a negative `first` is refused when the field runs, and must not lower the price of the rest.
        n = max(0, min(int(first if isinstance(first, int) else _DEFAULT_SIZE.get(name, DEFAULT_PAGE)), MAX_PAGE))
        if name in ("entity", "expandPreview", "timeline"):
            iri = args.get("iri")
            return (1 + (self._degree(iri) or 0) // 10 if name == "expandPreview" else 1), 1, iri
        if name == "node":
            decoded = decode_id(str(args.get("id", "")))
            return 1, 1, decoded[1] if decoded else None
        rule = FIELD_PRICING.get(name)
        if rule == "graph":
            limit = max(1, min(int(args.get("limit") or _DEFAULT_SIZE[name]), MAX_GRAPH_NODES))
            asked = args.get("depth")
            depth = min(int(asked) if asked is not None else (1 if name == "neighbourhood" else 0), MAX_GRAPH_DEPTH)
            starts = [args.get("iri")] if name == "neighbourhood" else list(args.get("iris") or [])
            reach = sum((self._degree(s) or limit) for s in starts) * (STORY_FAN_OUT ** max(depth - 1, 0))
            return 1, max(1, min(limit, reach + len(starts))), None
        if rule == "paths":
            hops = max(1, min(int(args.get("maxHops") or MAX_HOPS), MAX_HOPS))
            work = sum(self._degree(args.get(k)) or 0 for k in ("from", "to"))
            return 1 + work, max(1, n) * hops, None
        if rule == "ids":
            ids = args.get("ids")
            return 1, len(ids) if isinstance(ids, list) else 1, None
        if rule == "degree" and parent_iri is not None:
            degree = self._degree(parent_iri)
            return 1, min(n, degree) if degree is not None else n, None
        if rule in ("degree", "page") or (rule == "fan-out" and first is not None):
            return 1, n, None
        if rule == "fan-out":
            return 1, STORY_FAN_OUT, None
        return 1, 1, parent_iri


    def cost(self, selections: SelectionSetNode | None, parent_iri: str | None = None, seen: frozenset[str] = frozenset()) -> int:
        if selections is None:
            return 0
        total = 0
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                own, multiplier, iri = self._size(selection, parent_iri)
                total += own + multiplier * self.cost(selection.selection_set, iri, seen)
            elif isinstance(selection, InlineFragmentNode):
                total += self.cost(selection.selection_set, parent_iri, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:
                    total += self.cost(fragment.selection_set, parent_iri, seen | {name})
        return total


def estimate_cost(document: Any, variables: dict[str, Any], context: Any, operation_name: str | None = None) -> int:
    """The highest-priced operation of a document (the one run, when named)."""
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    estimator = _Estimator(fragments, variables, context)
    costs = [estimator.cost(d.selection_set) for d in document.definitions
             if isinstance(d, OperationDefinitionNode) and (operation_name is None or (d.name and d.name.value == operation_name))]
    return max(costs, default=0)


class CostLimiter(SchemaExtension):
    """Validates once per query text (depth and alias limits included), then prices the operation.

    Only strawberry's public extension points: the limits join `execution_context.validation_rules`,
    strawberry validates a query text it has not seen and this extension keeps its errors (by query
    text, bounded in bytes), handing them back as `pre_execution_errors` next time, which skips
    validation. The cost depends on variables and on the graph's real degrees, so it is estimated on
    every request, when the operation is about to run (a walk over the document, no store reads): an
    operation over MAX_COST gets its refusal as the result instead of running. The cost is reported
    in the response's extensions.
    """

    def on_validate(self) -> Iterator[None]:
        ec = self.execution_context
        key = (ec.schema, ec.query, tuple(ec.validation_rules))
        ec.validation_rules = (*ec.validation_rules, *_LIMIT_RULES)
        cached = _VALIDATED.get(key) if ec.query is not None and ec.pre_execution_errors is None else None
        if cached is not None:
            ec.pre_execution_errors = list(cached)
        yield
        if cached is None and ec.query is not None and ec.pre_execution_errors is not None:
            errors = tuple(ec.pre_execution_errors)
            _VALIDATED.put(key, errors, len(ec.query) + sum(200 + len(e.message) for e in errors))

    def on_execute(self) -> Iterator[None]:
        ec = self.execution_context
        context, document = ec.context, ec.graphql_document
        if document is not None and ec.result is None:
            try:
                cost: int | None = estimate_cost(document, ec.variables or {}, context, ec.operation_name)
            except (TypeError, ValueError):
                cost = None  # malformed arguments are reported by execution
            if cost is not None:
                if context is not None:
                    context.cost = cost
                if cost > MAX_COST:
                    ec.result = ExecutionResult(data=None, errors=[GraphQLError(
                        f"query cost {cost} exceeds the limit of {MAX_COST}; ask for fewer items (first/limit), "
                        "less depth or fewer relationship fields")])
        yield

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        cost = getattr(context, "cost", None)
        return {"cost": cost} if cost is not None else {}


# Built once: strawberry's limiters make new rule classes per instance, which would defeat the cache.
_LIMIT_RULES = (*QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
                *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules)
_VALIDATED = ByteLRU(VALIDATION_CACHE_BYTES)


def extensions() -> list[Any]:
    """The schema's limit extensions, in the order they run."""
    return [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        DocumentCache,  # after the token limiter, whose parse option it uses
        CostLimiter,
    ]
