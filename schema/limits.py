"""Limits a query cannot bypass: depth, aliases (fragments included), tokens, page size and a cost from real degrees."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graphql import (
    FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLError, InlineFragmentNode,
    OperationDefinitionNode, SelectionSetNode, ValidationRule, value_from_ast_untyped,
)
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, ParserCache, QueryDepthLimiter, SchemaExtension

MAX_PAGE = 100
DEFAULT_PAGE = 20
MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 2_000
MAX_COST = 100_000
MAX_GRAPH_DEPTH = 3
MAX_GRAPH_NODES = 200
MAX_HOPS = 4
TIMEOUT_SECONDS = 10.0
# A story links to a handful of entities; used where no real degree is known.
STORY_FAN_OUT = 10


class LimitError(ValueError):
    """A request outside the API's limits; the message says which limit and what to ask instead."""


def check_range(name: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise LimitError(f"`{name}` must be between {low} and {high} (got {value})")
    return value


# Page sizes per field when `first`/`limit` is not given, and fields whose size is fixed by the data.
_DEFAULT_SIZE = {"related": 10, "search": 10, "paths": 3, "stories": DEFAULT_PAGE, "neighbourhood": 50, "subgraph": 50}
_STORY_LISTS = {"people", "organizations", "places", "campaigns", "themes", "days", "mentions", "links", "evidence"}


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
        n = min(int(first if isinstance(first, int) else _DEFAULT_SIZE.get(name, DEFAULT_PAGE)), MAX_PAGE)
        if name in ("entity", "expandPreview", "timeline"):
            iri = args.get("iri")
            return (1 + (self._degree(iri) or 0) // 10 if name == "expandPreview" else 1), 1, iri
        if name == "node":
            from schema.types import decode_id
            decoded = decode_id(str(args.get("id", "")))
            return 1, 1, decoded[1] if decoded else None
        if name == "related":
            degree = self._degree(parent_iri)
            return 1, min(n, degree) if degree is not None else n, None
        if name in ("neighbourhood", "subgraph"):
            limit = min(int(args.get("limit") or _DEFAULT_SIZE[name]), MAX_GRAPH_NODES)
            depth = int(args.get("depth") if args.get("depth") is not None else (1 if name == "neighbourhood" else 0))
            starts = [args.get("iri")] if name == "neighbourhood" else list(args.get("iris") or [])
            reach = sum((self._degree(s) or limit) for s in starts) * (STORY_FAN_OUT ** max(depth - 1, 0))
            return 1, max(1, min(limit, reach + len(starts))), None
        if name == "paths":
            hops = int(args.get("maxHops") or MAX_HOPS)
            work = sum(self._degree(args.get(k)) or 0 for k in ("from", "to"))
            return 1 + work, max(1, n) * hops, None
        if name in ("stories", "storiesConnection", "people", "organizations", "places", "campaigns",
                    "themes", "days", "search", "nodes") and (first is not None or name not in _STORY_LISTS):
            if name == "nodes":
                return 1, len(args.get("ids") or []), None
            if name in ("stories", "storiesConnection") and parent_iri is not None:
                degree = self._degree(parent_iri)
                return 1, min(n, degree) if degree is not None else n, None
            return 1, n, None
        if name in _STORY_LISTS:
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
    """Rejects, before execution, operations whose estimated rows exceed MAX_COST; reports the cost."""

    def on_operation(self) -> Iterator[None]:
        ec = self.execution_context
        context = ec.context

        class CostRule(ValidationRule):
            def enter_document(self, node: Any, *_: Any) -> None:
                try:
                    cost = estimate_cost(node, ec.variables or {}, context, ec.operation_name)
                except (TypeError, ValueError):
                    return  # malformed arguments are reported by the other rules
                if context is not None:
                    context.cost = cost
                if cost > MAX_COST:
                    self.report_error(GraphQLError(
                        f"query cost {cost} exceeds the limit of {MAX_COST}; ask for fewer items (first/limit), "
                        "less depth or fewer relationship fields"))

        ec.validation_rules = (*ec.validation_rules, CostRule)
        yield

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context.context
        if context is not None:
            context.executed = True
        yield

    def get_results(self) -> dict[str, Any]:
        context = self.execution_context.context
        cost = getattr(context, "cost", None)
        return {"cost": cost} if cost is not None else {}


def extensions() -> list[Any]:
    """The schema's limit extensions, in the order they run."""
    parser = ParserCache(maxsize=1024)  # shared on purpose: its cache must outlive a request
    return [
        lambda: parser,
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        CostLimiter,
    ]
