"""Extraction: one story in, the mentions of people, organizations, places, campaigns, themes and dates out."""
from __future__ import annotations

from pathlib import Path

from graph.records import Mention, StoryRecord


class Extractor:
    """Finds mentions in a story using the gazetteers and themes of an ontology directory."""

    def __init__(self, ontology_dir: Path | None = None) -> None:
        self.ontology_dir = ontology_dir

    def extract(self, story: StoryRecord) -> list[Mention]:
        """All mentions in the story's title and summary, offsets relative to each field."""
        return []
