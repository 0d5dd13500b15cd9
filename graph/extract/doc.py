"""The state one story's extraction passes share: its texts, capitalized runs, candidate and accepted spans."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graph.extract.chunks import Chunk
from graph.extract.folding import fold
from graph.extract.gazetteer import Target
from graph.extract.spans import Claims, Span
from graph.records import EntityKind, Field, StoryRecord

if TYPE_CHECKING:
    from graph.extract.resources import Resources


@dataclass(slots=True)
class Doc:
    """What the passes read and write, in the order the pipeline fills it.

    Finder passes append proposals to `candidates`; the arbitrate pass accepts the best reading of each
    stretch of text into `accepted` (and `claims`); later passes add accepted spans themselves, claiming their
    text as they go, or findings that claim no text (`found`: names nested in others, dates, themes).
    """

    story: StoryRecord
    resources: Resources  # what the passes look names up in: gazetteer, label automaton, vocabulary
    texts: dict[Field, str]
    folded: dict[Field, str]
    chunks: list[Chunk] = field(default_factory=list)
    name_hits: dict[Field, list[tuple[int, int, tuple[Target, ...]]]] = field(default_factory=dict)
    theme_hits: dict[Field, list[tuple[int, int, str]]] = field(default_factory=dict)
    cue_hits: dict[Field, list[tuple[int, int, str]]] = field(default_factory=dict)  # words that introduce names
    candidates: list[Span] = field(default_factory=list)
    taught: dict[str, tuple[EntityKind, str]] = field(default_factory=dict)  # acronym -> (kind, full name)
    claims: Claims = field(default_factory=Claims)
    accepted: list[Span] = field(default_factory=list)
    found: list[Span] = field(default_factory=list)

    @classmethod
    def of(cls, story: StoryRecord, resources: Resources) -> Doc:
        texts = {Field.TITLE: story.title, Field.SUMMARY: story.summary}
        return cls(story, resources, texts, {f: fold(t) for f, t in texts.items()})

    def chunks_in(self, field_: Field) -> list[Chunk]:
        return [c for c in self.chunks if c.field is field_]

    def accept(self, spans: list[Span]) -> None:
        """Add spans a pass has already claimed (or that claim nothing) to the accepted ones."""
        self.accepted.extend(spans)
