"""The state one story's extraction passes share: its texts, capitalized runs, candidate and accepted spans."""
from __future__ import annotations

from typing import TYPE_CHECKING

from graph.extract.chunks import Chunk
from graph.extract.folding import fold
from graph.extract.gazetteer import Target
from graph.extract.spans import Claims, Span
from graph.records import EntityKind, Field, StoryRecord

if TYPE_CHECKING:
    from graph.extract.resources import Resources


class Doc:
    """What the passes read and write, in the order the pipeline fills it.

    Finder passes append proposals to `candidates`; the arbitrate pass accepts the best reading of each
    stretch of text into `accepted` (and `claims`); later passes add accepted spans themselves, claiming their
    text as they go, or findings that claim no text (`found`: names nested in others, dates, themes).
    A plain slotted class: one is made per story, and a dataclass's default factories cost more than the passes
    that use them.
    """

    __slots__ = ("story", "resources", "texts", "folded", "chunks", "name_hits", "theme_hits", "cue_hits",
                 "candidates", "taught", "claims", "accepted", "found", "chunks_by_field")

    def __init__(self, story: StoryRecord, resources: Resources, texts: dict[Field, str],
                 folded: dict[Field, str]) -> None:
        self.story = story
        self.resources = resources  # what the passes look names up in: gazetteer, label automaton, vocabulary
        self.texts = texts
        self.folded = folded
        self.chunks: list[Chunk] = []  # capitalized runs, title's first
        self.name_hits: dict[Field, list[tuple[int, int, tuple[Target, ...]]]] = {}
        self.theme_hits: dict[Field, list[tuple[int, int, str]]] = {}
        self.cue_hits: dict[Field, list[tuple[int, int, str]]] = {}  # words that introduce unknown names
        self.candidates: list[Span] = []
        self.taught: dict[str, tuple[EntityKind, str]] = {}  # acronym -> (kind, full name)
        self.claims = Claims()
        self.accepted: list[Span] = []
        self.found: list[Span] = []
        self.chunks_by_field: dict[Field, list[Chunk]] = {}  # the same runs, per field

    @classmethod
    def of(cls, story: StoryRecord, resources: Resources) -> Doc:
        title, summary = story.title, story.summary
        return cls(story, resources, {Field.TITLE: title, Field.SUMMARY: summary},
                   {Field.TITLE: fold(title), Field.SUMMARY: fold(summary)})

    def chunks_in(self, field: Field) -> list[Chunk]:
        """The runs of one field."""
        found = self.chunks_by_field.get(field)
        return found if found is not None else [c for c in self.chunks if c.field is field]

    def accept(self, spans: list[Span]) -> None:
        """Add spans a pass has already claimed (or that claim nothing) to the accepted ones."""
        self.accepted.extend(spans)
