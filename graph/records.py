"""Plain record types that flow between the stages: story -> mentions -> entities -> quads."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol


class EntityKind(str, Enum):
    """The kinds of node a story can link to; the value is the IRI path segment."""

    PERSON = "person"
    ORGANIZATION = "organization"
    PLACE = "place"
    CAMPAIGN = "campaign"
    THEME = "theme"
    DATE = "date"


class Field(str, Enum):
    """Which text of a story a mention was found in."""

    TITLE = "title"
    SUMMARY = "summary"


@dataclass(frozen=True, slots=True)
class StoryRecord:
    """One story as read from a source, before any extraction.

    `date` is None only when `date_text` could not be parsed; the pipeline rejects such items.
    `source`, `item` and `line` say where the story came from, for error messages and pruning.
    """

    title: str
    summary: str
    date: dt.date | None
    date_text: str = ""
    url: str | None = None
    guid: str | None = None
    categories: tuple[str, ...] = ()
    source: str = ""
    item: int = 0
    line: int = 0


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a story's title or summary that names something.

    `start`/`end` are character offsets into that field's text (end exclusive), so
    `text == story.<field>[start:end]`. `key` is a canonical hint the extractor already
    knows (a gazetteer IRI, an ISO country code, a theme id, an ISO date); `name` is the
    surface cleaned for display (honorifics dropped, spacing normalised).
    """

    kind: EntityKind
    text: str
    field: Field
    start: int
    end: int
    method: str
    confidence: float
    name: str = ""
    key: str | None = None
    role: str | None = None
    affiliation: str | None = None


class MentionExtractor(Protocol):
    """What the import asks of an extractor (graph.extract.Extractor, or a stand-in in tests and benchmarks)."""

    def extract(self, story: StoryRecord) -> list[Mention]: ...


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical node of the graph with its stable IRI."""

    iri: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """A story -> entity edge with the mention that is its evidence."""

    entity: Entity
    mention: Mention


@dataclass(frozen=True, slots=True)
class Relation:
    """An entity -> entity fact stated by a story, e.g. Guy Ryder -Director-General-> ILO."""

    subject: str
    predicate: str
    object: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class MergeCandidate:
    """Two entities that may be the same thing; recorded for review, never merged silently."""

    a: str
    b: str
    score: float
    evidence: str


@dataclass(frozen=True, slots=True)
class ResolvedStory:
    """Everything the RDF mapping needs for one story."""

    story: StoryRecord
    iri: str
    links: tuple[Link, ...] = ()
    relations: tuple[Relation, ...] = ()
    merge_candidates: tuple[MergeCandidate, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """One bad item in an input: where it is and what was expected."""

    source: str
    line: int
    item: int
    message: str

    def __str__(self) -> str:
        where = self.source or "<input>"
        if self.line:
            where += f":{self.line}"
        if self.item:
            where += f" (item {self.item})"
        return f"{where}: {self.message}"


class SourceError(Exception):
    """Input that cannot be imported; carries every problem found, each with its location."""

    def __init__(self, problems: list[SourceProblem] | SourceProblem | str, *, source: str = "") -> None:
        if isinstance(problems, str):
            problems = [SourceProblem(source, 0, 0, problems)]
        elif isinstance(problems, SourceProblem):
            problems = [problems]
        self.problems: list[SourceProblem] = list(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        first = str(self.problems[0]) if self.problems else "invalid input"
        more = len(self.problems) - 1
        return first + (f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else "")


class StoreError(Exception):
    """The store could not be opened, read or written; the message says what to do."""


class WriterBusy(StoreError):
    """Another write through the same store held it for longer than the caller would wait."""


class ViewNotReady(Exception):
    """A derived view a request needs (network view, search index) is being built in the background, or that
    build failed: not the request's fault; try again after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(slots=True)
class ParsedSource:
    """A source's good stories and, when skipping was asked for, the items it rejected."""

    stories: list[StoryRecord] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
