"""Candidate spans proposed by the finders, and the arbitration that keeps one reading per stretch of text."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

from graph.extract.construct import builder
from graph.records import EntityKind, Field, Mention

# The kinds and fields as plain names, for the passes to compare with: on Python 3.11 `EntityKind.PERSON` is a lookup
# through the enum metaclass's `__getattr__` hook (`slot_tp_getattr_hook`: about 850 instructions, where a global
# costs ~60 and, compiled by mypyc, a Final one a C static's read), and the passes make some 160 such reads a story.
PERSON: Final = EntityKind.PERSON
ORGANIZATION: Final = EntityKind.ORGANIZATION
PLACE: Final = EntityKind.PLACE
CAMPAIGN: Final = EntityKind.CAMPAIGN
THEME: Final = EntityKind.THEME
DATE: Final = EntityKind.DATE
TITLE: Final = Field.TITLE
SUMMARY: Final = Field.SUMMARY

# Higher wins an overlap: a known name beats a taught acronym beats a pattern beats a guess.
GAZETTEER: Final = 4
DEFINITION: Final = 3
PATTERN: Final = 2
GUESS: Final = 1


@dataclass(slots=True)  # not frozen: frozen instances take twice as long to build
class Span:
    """A proposed mention before arbitration; `name`/`key`/`role`/`affiliation` as on Mention."""

    kind: EntityKind
    field: Field
    start: int
    end: int
    priority: int
    method: str
    confidence: float
    name: str
    key: str | None = None
    role: str | None = None
    affiliation: str | None = None
    themes: tuple[str, ...] = ()
    source: str = ""  # which finder or gazetteer table proposed it ("demonym", "subdivision", ...)
    country: str | None = None  # ISO alpha-2 of the country a place lies in
    trimmable: bool = False  # a pattern match may lose a leading part another span claims

    # (written out: compiled by mypyc, the __init__ dataclasses would generate runs interpreted, a Python call per
    # span; this one compiles, and dataclasses keeps a class's own __init__)
    def __init__(self, kind: EntityKind, field: Field, start: int, end: int, priority: int, method: str,
                 confidence: float, name: str, key: str | None = None, role: str | None = None,
                 affiliation: str | None = None, themes: tuple[str, ...] = (), source: str = "",
                 country: str | None = None, trimmable: bool = False) -> None:
        self.kind = kind
        self.field = field
        self.start = start
        self.end = end
        self.priority = priority
        self.method = method
        self.confidence = confidence
        self.name = name
        self.key = key
        self.role = role
        self.affiliation = affiliation
        self.themes = themes
        self.source = source
        self.country = country
        self.trimmable = trimmable

    def overlaps(self, other: Span) -> bool:
        return self.field is other.field and self.start < other.end and other.start < self.end


class Claims:
    """The accepted spans of one story in claim order, all of them (`spans`) and each field's (`in_field`): an
    overlap test reads only its own field's spans, the same ones in the same order as a scan of `spans` would."""

    __slots__ = ("spans", "_fields")

    def __init__(self) -> None:
        self.spans: list[Span] = []
        self._fields: dict[Field, list[Span]] = {}

    def in_field(self, field: Field) -> list[Span]:
        """The accepted spans of one field, in claim order (the list itself: read it, do not change it)."""
        return self._fields.get(field, _NONE)

    def conflict(self, span: Span) -> Span | None:
        # (the overlap test inline: a method call per accepted span cost more than the test)
        start, end = span.start, span.end
        for other in self._fields.get(span.field, _NONE):
            if other.start < end and start < other.end:
                return other
        return None

    def at(self, field: Field, start: int, end: int) -> Span | None:
        """The accepted span overlapping [start, end) of `field`, if any."""
        for s in self._fields.get(field, _NONE):
            if s.start < end and start < s.end:
                return s
        return None

    def covered(self, field: Field, start: int, end: int) -> bool:
        for s in self._fields.get(field, _NONE):
            if s.start < end and start < s.end:
                return True
        return False

    def add(self, span: Span) -> None:
        self.spans.append(span)
        spans = self._fields.get(span.field)
        if spans is None:
            self._fields[span.field] = [span]
        else:
            spans.append(span)

    def replace(self, swap: dict[int, Span]) -> None:
        """Put `swap[id(span)]` in each claimed span's place (a pass that changes what a claimed name is)."""
        self.spans = [swap.get(id(s), s) for s in self.spans]
        for field, spans in self._fields.items():
            self._fields[field] = [swap.get(id(s), s) for s in spans]

    def drop(self, gone: set[int]) -> None:
        """Forget the claimed spans whose ids are in `gone` (a pass that joins two names into one)."""
        self.spans = [s for s in self.spans if id(s) not in gone]
        for field, spans in self._fields.items():
            self._fields[field] = [s for s in spans if id(s) not in gone]


_NONE: Final[list[Span]] = []  # what a field without claims reads (shared: never appended to)


def inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies within one of `ranges` (a loop: any() over a generator, per label hit, cost more than
    the tests)."""
    for a, b in ranges:
        if a <= start and end <= b:
            return True
    return False


def _best_first(s: Span) -> tuple[int, int, int]:
    return -s.priority, s.start - s.end, s.start


def arbitrate(candidates: list[Span], claims: Claims, texts: dict[Field, str], trim) -> list[Span]:
    """Accept candidates best first (priority, then length); trim pattern spans that lose their front."""
    accepted: list[Span] = []
    if not candidates:
        return accepted
    ordered = sorted(candidates, key=_best_first) if len(candidates) > 1 else candidates
    for span in ordered:
        other = claims.conflict(span)
        # "UNICEF and ILO to Launch ... Campaign": trim again while known names take the front
        while other is not None and span.trimmable and other.start <= span.start < other.end < span.end:
            trimmed = trim(texts[span.field], other.end, span.end)
            if trimmed is None:
                break
            start, name = trimmed
            span = replace(span, start=start, name=name)
            other = claims.conflict(span)
        if other is None:
            claims.add(span)
            accepted.append(span)
    return accepted


# Mention(...), built faster: extraction makes one per finding.
new_mention: Final = builder(Mention)
