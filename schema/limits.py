"""Limits a query cannot bypass: depth, aliases (fragments included), tokens, page size and a cost from real degrees."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode, FieldNode, FragmentDefinitionNode, FragmentSpreadNode, GraphQLError, InlineFragmentNode,
    OperationDefinitionNode, SelectionSetNode, parse, value_from_ast_untyped,
)
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter, SchemaExtension
from strawberry.schema.schema import validate_document

from graph.search import search_terms
from schema.cache import ByteLRU

MAX_PAGE = 100
DEFAULT_PAGE = 20
MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_TOKENS = 2_000
MAX_COST = 100_000
MAX_GRAPH_DEPTH = 3
MAX_GRAPH_NODES = 200
DEFAULT_GRAPH_EDGES = 200  # a node-link view beyond a few hundred ties is a hairball, not a picture
MAX_GRAPH_EDGES = 2000
MAX_HOPS = 4
TIMEOUT_SECONDS = 10.0
MAX_QUERY_CHARS = 100_000
MAX_SEARCH_CHARS = 500
MAX_SEARCH_WORDS = 20
# Parsed documents and validation results are cached by query text, bounded in bytes: a parsed
# document takes about DOCUMENT_BYTES_PER_TOKEN per token (measured with tracemalloc) plus its text.
DOCUMENT_CACHE_BYTES = 32 * 1024 * 1024
VALIDATION_CACHE_BYTES = 8 * 1024 * 1024
DOCUMENT_BYTES_PER_TOKEN = 600
# A story links to a handful of entities; used where no real degree is known.
STORY_FAN_OUT = 10


class LimitError(ValueError):
    """A request outside the API's limits; the message says which limit and what to ask instead."""


def check_range(name: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise LimitError(f"`{name}` must be between {low} and {high} (got {value})")
    return value


@dataclass(frozen=True, slots=True)
class TextLimits:
    """How long a search or text filter may be: characters and distinct words."""

    max_chars: int = MAX_SEARCH_CHARS
    max_words: int = MAX_SEARCH_WORDS

    def check(self, name: str, text: str) -> str:
        """The text, if it is within the limits; a LimitError naming the limit otherwise."""
        if len(text) > self.max_chars:
            raise LimitError(f"`{name}` is {len(text)} characters long; the limit is {self.max_chars}")
        words = len(search_terms(text[: self.max_chars]))
        if words > self.max_words:
            raise LimitError(f"`{name}` has {words} distinct words; the limit is {self.max_words}")
        return text


# One GraphQL token, or a run of what the lexer ignores (whitespace, commas, BOMs, comments) as group 1.
# Every alternative consumes all it scans (an unterminated string runs to the end of its line or of
# the text), so the scan is linear even on hostile input, and strings and comments are one C-level
# match each.
_TOKENS = re.compile(r"""
    ([\s,\ufeff]+|\#[^\n\r]*)
  | \"\"\"[^"\\]*(?:(?:\\(?:\"\"\")?|"(?!""))[^"\\]*)*(?:\"\"\"|\Z)
  | "[^"\\\n\r]*(?:\\.[^"\\\n\r]*)*"?
  | \.\.\.
  | [_A-Za-z][_0-9A-Za-z]*
  | -?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?
  | .
""", re.VERBOSE | re.DOTALL)


def count_tokens(query: str, stop_after: int) -> int:
    """GraphQL tokens in `query`, counted without parsing and no further than `stop_after` + 1.

    A cheap pre-check before the parser: it agrees with graphql-core's lexer on valid documents
    (and counts an invalid one's stray characters as tokens, which the parser then reports).
    """
    count = 0
    for match in _TOKENS.finditer(query):
        if match.lastindex is None:
            count += 1
            if count > stop_after:
                break
    return count


def check_document(query: str, max_chars: int = MAX_QUERY_CHARS, max_tokens: int = MAX_TOKENS) -> int:
    """The document's token count; a LimitError, before anything parses it, if it is too long or has too many."""
    if len(query) > max_chars:
        raise LimitError(f"the query is {len(query)} characters long; the limit is {max_chars}. "
                         "Pass large values as variables")
    tokens = count_tokens(query, max_tokens)
    if tokens > max_tokens:
        raise LimitError(f"the query has more than {max_tokens} tokens; the limit is {max_tokens}. "
                         "Split it into smaller queries")
    return tokens


_DOCUMENTS = ByteLRU(DOCUMENT_CACHE_BYTES)


def parse_cached(query: str, max_tokens: int = MAX_TOKENS) -> DocumentNode:
    """The parsed document, from a cache bounded in bytes shared by the HTTP layer and execution.

    Raises GraphQLError for a document that does not parse (those are never cached).
    """
    document = _DOCUMENTS.get(query)
    if document is None:
        document = parse(query, max_tokens=max_tokens)
        _DOCUMENTS.put(query, document, len(query) + DOCUMENT_BYTES_PER_TOKEN * count_tokens(query, max_tokens))
    return document


class DocumentCache(SchemaExtension):
    """Parses each distinct query text once (strawberry's ParserCache, bounded in bytes instead of entries)."""

    def on_parse(self) -> Iterator[None]:
        ec = self.execution_context
        if ec.query is not None and ec.graphql_document is None:
            try:
                ec.graphql_document = parse_cached(ec.query, ec.parse_options.get("max_tokens") or MAX_TOKENS)
            except GraphQLError:
                pass  # strawberry parses again and reports the error the usual way
        yield


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
        # Clamped at 0: a negative `first` is refused when the field runs, and must not lower the price of the rest.
        n = max(0, min(int(first if isinstance(first, int) else _DEFAULT_SIZE.get(name, DEFAULT_PAGE)), MAX_PAGE))
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
            limit = max(1, min(int(args.get("limit") or _DEFAULT_SIZE[name]), MAX_GRAPH_NODES))
            depth = min(int(args.get("depth") if args.get("depth") is not None else (1 if name == "neighbourhood" else 0)),
                        MAX_GRAPH_DEPTH)
            starts = [args.get("iri")] if name == "neighbourhood" else list(args.get("iris") or [])
            reach = sum((self._degree(s) or limit) for s in starts) * (STORY_FAN_OUT ** max(depth - 1, 0))
            return 1, max(1, min(limit, reach + len(starts))), None
        if name == "paths":
            hops = max(1, min(int(args.get("maxHops") or MAX_HOPS), MAX_HOPS))
            work = sum(self._degree(args.get(k)) or 0 for k in ("from", "to"))
            return 1 + work, max(1, n) * hops, None
        if name in ("stories", "storiesConnection", "people", "organizations", "places", "campaigns",
                    "themes", "days", "search", "nodes") and (first is not None or name not in _STORY_LISTS):
            if name == "nodes":
                ids = args.get("ids")
                return 1, len(ids) if isinstance(ids, list) else 1, None
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
    """Validates once per query text (depth and alias limits included), then prices the operation.

    Validation depends on the document only, so its errors are cached by query text; the cost
    depends on variables and on the graph's real degrees, so it is estimated on every request
    (a walk over the document, no store reads). Operations over MAX_COST are rejected before
    execution; the cost is reported in the response's extensions.
    """

    def on_validate(self) -> Iterator[None]:
        ec = self.execution_context
        document = ec.graphql_document
        if document is not None and ec.pre_execution_errors is None and ec.query is not None:
            errors = list(_validate(ec.schema._schema, ec.query, document, tuple(ec.validation_rules)))
            context = ec.context
            try:
                cost: int | None = estimate_cost(document, ec.variables or {}, context, ec.operation_name)
            except (TypeError, ValueError):
                cost = None  # malformed arguments are reported by validation or execution
            if cost is not None:
                if context is not None:
                    context.cost = cost
                if cost > MAX_COST:
                    errors.append(GraphQLError(
                        f"query cost {cost} exceeds the limit of {MAX_COST}; ask for fewer items (first/limit), "
                        "less depth or fewer relationship fields"))
            ec.pre_execution_errors = errors
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


# Built once: strawberry's limiters make new rule classes per instance, which would defeat the cache.
_LIMIT_RULES = (*QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
                *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules)
_VALIDATED = ByteLRU(VALIDATION_CACHE_BYTES)


def _validate(schema: Any, query: str, document: Any, rules: tuple[Any, ...]) -> tuple[GraphQLError, ...]:
    """Validation errors of a query text under the schema's rules plus the depth and alias limits, cached."""
    key = (schema, query, rules)
    errors = _VALIDATED.get(key)
    if errors is None:
        errors = tuple(validate_document(schema, document, (*rules, *_LIMIT_RULES)))
        _VALIDATED.put(key, errors, len(query) + sum(200 + len(e.message) for e in errors))
    return errors


def extensions() -> list[Any]:
    """The schema's limit extensions, in the order they run."""
    return [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        DocumentCache,  # after the token limiter, whose parse option it uses
        CostLimiter,
    ]
