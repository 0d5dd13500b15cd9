"""Extraction: one story in, the mentions of people, organizations, places, campaigns, themes and dates out."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph.extract.doc import Doc
from graph.extract.knowledge import load
from graph.extract.pipeline import PASSES, Pass, inserted, pass_names
from graph.extract.resources import resources
from graph.extract.spans import Span, new_mention
from graph.records import EntityKind, Field, Mention, StoryRecord

__all__ = ["Doc", "Extractor", "PASSES", "Pass"]


def _mention_order(m: Mention) -> tuple[bool, int, str]:
    return m.field is Field.SUMMARY, m.start, m.kind.value


def _mention(span: Span, texts: dict[Field, str]) -> Mention:
    text = texts[span.field][span.start:span.end]
    if span.kind is EntityKind.PERSON:
        return new_mention(span.kind, text, span.field, span.start, span.end, span.method, span.confidence,
                           span.name or text, span.key, span.role, span.affiliation)
    return new_mention(span.kind, text, span.field, span.start, span.end, span.method, span.confidence,
                       span.name or text, span.key)


class Extractor:
    """Runs the passes of `graph.extract.pipeline.PASSES` (or `passes`) over each story, with the gazetteers and
    themes of an ontology directory."""

    def __init__(self, ontology_dir: Path | None = None, passes: tuple[Pass, ...] = PASSES) -> None:
        self.ontology_dir = ontology_dir
        self.knowledge = load(ontology_dir)
        self.resources = resources(self.knowledge)
        self.passes = tuple(passes)

    @property
    def pass_names(self) -> list[str]:
        """The passes' names in running order."""
        return pass_names(self.passes)

    def add_pass(self, name: str, run: Callable[[Doc], None], *, before: str | None = None,
                 after: str | None = None) -> None:
        """Run `run` as pass `name` before or after a named pass (last when neither is given)."""
        self.passes = inserted(self.passes, Pass(name, run), before=before, after=after)

    def extract(self, story: StoryRecord) -> list[Mention]:
        """All mentions in the story's title and summary, offsets relative to each field."""
        doc = self.run(story)
        texts = doc.texts
        mentions = [_mention(s, texts) for s in doc.accepted]
        mentions += [_mention(s, texts) for s in doc.found]
        mentions.sort(key=_mention_order)
        return mentions

    def run(self, story: StoryRecord, until: str | None = None) -> Doc:
        """The story's Doc after every pass (or only those before the pass named `until`), for inspection."""
        if until is not None and until not in self.pass_names:
            raise ValueError(f"no pass named {until!r}; the passes are: {', '.join(self.pass_names)}")
        doc = Doc.of(story, self.resources)
        for step in self.passes:
            if step.name == until:
                break
            step.run(doc)
        return doc
