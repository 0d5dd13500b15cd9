"""Content negotiation for every route: an Accept header parsed once, an offer picked from the format registry.

`negotiate(accept, offers)` is the one function /export, /sparql and the Linked Data pages use;
GraphQL over HTTP uses `parse_accept` with its own precedence rule (its spec prefers
application/graphql-response+json whenever it is acceptable at all).
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from graph.formats import Format

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MediaRange:
    """One entry of an Accept header: a media range (lower case, no parameters) and its quality."""

    media: str
    q: float
    position: int


def _quality(params: list[str]) -> float:
    for param in params:
        name, _, value = param.partition("=")
        if name.strip().lower() == "q":
            value = value.strip()
            # A malformed quality counts as absent (1.0), as every route here always treated it.
            return float(value) if value.replace(".", "", 1).isdigit() else 1.0
    return 1.0


def parse_accept(accept: str | None) -> list[MediaRange]:
    """The acceptable media ranges of a header (q > 0), most preferred first (ties keep header order)."""
    ranges = []
    for position, part in enumerate((accept or "").split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = _quality(params)
        if media and q > 0:
            ranges.append(MediaRange(media.lower(), q, position))
    return sorted(ranges, key=lambda r: (-r.q, r.position))


def negotiate(accept: str | None, offers: Sequence[Format], *, wildcards: Mapping[str, T | Format] | None = None,
              default: T | Format | None = None) -> Format | T | None:
    """The offer an Accept header prefers: the first offer naming the best range's media type.

    `wildcards` maps ranges such as "*/*" or "text/*" to what they get (a route decides: /sparql
    offers none, /export gives */* its first format); a range neither names nor maps is skipped.
    `default` is the answer when nothing matches (None: not acceptable).
    """
    wildcards = wildcards or {}
    for media_range in parse_accept(accept):
        for fmt in offers:
            if media_range.media in fmt.media_types:
                return fmt
        if media_range.media in wildcards:
            return wildcards[media_range.media]
    return default


def first_offer(offers: Sequence[Format], *ranges: str) -> dict[str, Format]:
    """`wildcards` giving each of `ranges` the first offer (e.g. "*/*" -> the first format)."""
    return {r: offers[0] for r in ranges} if offers else {}
