"""What callers ask the network view and what it answers: filters, orders, periods, ties, neighbourhoods."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from graph.records import EntityKind


class SharesStories(Protocol):
    """A network version as a Tie sees it (arrays.py's Network)."""

    def shared_stories(self, a: str, b: str) -> tuple[str, ...]: ...

# Days are nodes of the store, not of the view: they would tie every story of a day together.
RELATED_KINDS = frozenset(k for k in EntityKind if k is not EntityKind.DATE)


class Granularity(str, Enum):
    """Periods a timeline counts stories per; the value is how long its period label is."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class StoryOrder(str, Enum):
    """How a story list is ordered."""

    NEWEST = "newest"
    OLDEST = "oldest"


class EntityOrder(str, Enum):
    """How an entity list is ordered: by folded name, by story count or by PageRank (ties keep name order)."""

    NAME = "name"
    STORY_COUNT = "stories"
    CENTRALITY = "centrality"


@dataclass(frozen=True, slots=True)
class Tie:
    """Two entities that share `weight` stories; the stories themselves are read only when asked for."""

    source: str
    target: str
    weight: int
    network: SharesStories | None = field(default=None, repr=False, compare=False)

    @property
    def stories(self) -> tuple[str, ...]:
        """The shared stories, newest first."""
        return self.network.shared_stories(self.source, self.target) if self.network is not None else ()


@dataclass(frozen=True, slots=True)
class Neighbourhood:
    """Entities reached from the start nodes and the ties between them, ready for a node-link view.

    The ties are kept as three columns (tie i: sources[i] -> targets[i], weights[i]), which a node-link
    view reads as they are; `ties` makes them Tie records (a few hundred frozen records cost about as
    much as finding them).
    """

    nodes: tuple[str, ...]
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    weights: tuple[int, ...]
    truncated: bool
    network: SharesStories | None = field(default=None, repr=False, compare=False)

    @property
    def ties(self) -> tuple[Tie, ...]:
        """The ties as records, each reading its shared stories from `network` when asked."""
        return tuple(Tie(s, t, w, self.network) for s, t, w in zip(self.sources, self.targets, self.weights))


@dataclass(frozen=True, slots=True)
class Preview:
    """What expanding a node would bring in, before expanding it."""

    stories: int
    neighbours: int
    by_kind: dict[EntityKind, int]
    by_year: dict[int, int]


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """Story filter: any-of within a kind, all kinds together (AND); dates inclusive."""

    entities: tuple[tuple[str, ...], ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None
    only: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class EntityQuery:
    """Entity filter: kind, a folded-name substring, co-occurring with all of `related_to`."""

    kinds: frozenset[EntityKind] = RELATED_KINDS
    text: str = ""
    related_to: tuple[str, ...] = ()
    only: frozenset[str] | None = None
