"""Limits a request cannot bypass: page sizes, graph sizes, text and document size checked before parsing.

The cost of an operation, priced from the real degrees of the nodes it expands, is schema/cost.py.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from graphql import (
    DocumentNode, GraphQLError, parse,
)
from strawberry.extensions import SchemaExtension

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
