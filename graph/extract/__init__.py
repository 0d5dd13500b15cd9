"""Extraction: one story in, the mentions of people, organizations, places, campaigns, themes and dates out."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path

from graph.compiled import STATE as _COMPILED

# The compiled passes come from the build when it matches the sources (graph/compiled.py), before any is imported.
__path__[:0] = _COMPILED.search_path(__name__)

from graph.extract.doc import Doc, mentions_of  # noqa: E402
from graph.extract.gates import Gate  # noqa: E402
from graph.extract.knowledge import load  # noqa: E402
from graph.extract.pipeline import PASSES, Pass, inserted, pass_names  # noqa: E402
from graph.extract.resources import resources  # noqa: E402
from graph.records import Mention, StoryRecord  # noqa: E402

__all__ = ["BATCH", "Doc", "Extractor", "PASSES", "Pass"]

# Stories `Extractor.extract_many` extracts together: each pass runs over this many Docs before the next pass starts,
# so its code and what it reads (the label automaton, its memos and word lists) stay in the processor's caches, where
# story by story the other forty passes evict them (1.2-1.35x the stories a second: bench/RESULTS.md, speed14); few
# enough that the Docs themselves stay in cache too.
BATCH = 32


class Extractor:
    """Runs the passes of `graph.extract.pipeline.PASSES` (or `passes`) over each story, with the gazetteers and
    themes of an ontology directory."""

    def __init__(self, ontology_dir: Path | None = None, passes: tuple[Pass, ...] = PASSES) -> None:
        self.ontology_dir = ontology_dir
        self.knowledge = load(ontology_dir)
        self.resources = resources(self.knowledge)
        self.passes = passes

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
        return mentions_of(self.run(story))

    def extract_many(self, stories: Iterable[StoryRecord], batch: int = BATCH) -> Iterator[list[Mention]]:
        """Each story's mentions, as `extract` gives them, in order; the passes run pass by pass over `batch` stories
        at a time (faster for many stories: see BATCH), and each batch's mentions come as soon as it is done."""
        if batch < 1:
            raise ValueError(f"a batch holds one story or more, not {batch}")
        if type(self).extract is not Extractor.extract:
            yield from map(self.extract, stories)  # a subclass's own `extract` says what each story gets
            return
        remaining = iter(stories)
        while stories_of_batch := list(islice(remaining, batch)):
            yield from map(mentions_of, self._run_batch(stories_of_batch))

    def _run_batch(self, stories: list[StoryRecord]) -> list[Doc]:
        """The stories' Docs after every pass, each pass run over all of them before the next pass."""
        docs = [Doc.of(story, self.resources) for story in stories]
        # (a pass with cues runs only where one occurs: elsewhere it would find nothing)
        self._gate.run(docs, self._runs)
        return docs

    def run(self, story: StoryRecord, until: str | None = None) -> Doc:
        """The story's Doc after every pass (or only those before the pass named `until`), for inspection."""
        if until is not None and until not in self.pass_names:
            raise ValueError(f"no pass named {until!r}; the passes are: {', '.join(self.pass_names)}")
        if until is None:
            return self._run_batch([story])[0]
        doc = Doc.of(story, self.resources)
        for step in self.passes:
            if step.name == until:
                break
            step.run(doc)
        return doc

    @property
    def passes(self) -> tuple[Pass, ...]:
        return self._passes

    @passes.setter
    def passes(self, passes: tuple[Pass, ...]) -> None:
        self._passes = tuple(passes)
        self._gate = Gate(self._passes, self.resources.labels)
        self._runs = tuple(p.run for p in self._passes)
