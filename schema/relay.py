"""Relay plumbing: global ids, cursors, page sizes and cursor connections, shared by every list field.

Kept apart from the schema's types so that the limits, the cost estimator and the types all build on it
without importing one another.
"""
from __future__ import annotations

import base64
from functools import lru_cache
from typing import Generic, TypeVar

import strawberry

from schema.limits import DEFAULT_PAGE, MAX_PAGE, LimitError

T = TypeVar("T")


@lru_cache(maxsize=1 << 15)  # a page of stories names the same entities again and again
def encode_id(type_name: str, iri: str) -> strawberry.ID:
    return strawberry.ID(base64.urlsafe_b64encode(f"{type_name}:{iri}".encode()).decode())


def decode_id(global_id: str) -> tuple[str, str] | None:
    try:
        type_name, _, iri = base64.urlsafe_b64decode(global_id.encode()).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        return None
    return (type_name, iri) if iri else None


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"offset:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The offset after a cursor; a malformed cursor is a client error, said plainly."""
    if cursor is None:
        return 0
    try:
        prefix, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
    except (ValueError, UnicodeDecodeError):
        prefix, value = "", ""
    if prefix == "offset" and value.lstrip("-").isascii() and value.lstrip("-").isdigit() and len(value) <= 18:
        if value.startswith("-"):
            raise LimitError(f"invalid cursor {cursor[:40]!r}: its offset {value} is negative; "
                             "use a cursor from a previous page's edges or pageInfo")
        return int(value) + 1
    raise LimitError(f"invalid cursor {cursor[:40]!r}; use a cursor from a previous page's edges or pageInfo")


def page_size(first: int | None, default: int = DEFAULT_PAGE) -> int:
    if first is None:
        return default
    if first < 0 or first > MAX_PAGE:
        raise LimitError(f"`first` must be between 0 and {MAX_PAGE}; page with `after` for more")
    return first


@strawberry.interface(description="An object with a global id (Relay).")
class Node:
    id: strawberry.ID


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


@strawberry.type
class Edge(Generic[T]):
    cursor: str
    node: T


@strawberry.type
class Connection(Generic[T]):
    edges: list[Edge[T]]
    page_info: PageInfo
    total_count: int


def page_info(offset: int, count: int, total: int) -> PageInfo:
    return PageInfo(has_next_page=offset + count < total, has_previous_page=offset > 0,
                    start_cursor=encode_cursor(offset) if count else None,
                    end_cursor=encode_cursor(offset + count - 1) if count else None)


def connection(items: list[T], offset: int, total: int) -> Connection[T]:
    edges = [Edge(cursor=encode_cursor(offset + i), node=item) for i, item in enumerate(items)]
    return Connection(edges=edges, page_info=page_info(offset, len(items), total), total_count=total)
