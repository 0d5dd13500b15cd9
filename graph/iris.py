"""Every IRI and graph name storygraph mints, from one base: stories, entities, days, themes, graphs.

One `Iris` object is made from the base where the base is decided (the command line or the app) and
handed down; nothing else puts strings together into IRIs. Every minted IRI is the base followed by
`kind/segment` with a slug segment, which is also what a Linked Data path must look like.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from graph import terms
from graph.records import EntityKind, StoryRecord

STORY = "story"
# Every segment minted below: slug characters, or a date, or a hash; Linked Data paths are checked against it.
SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,199}")
_MAX_TITLE_SLUG = 80


@functools.lru_cache(maxsize=65536)
def slug(text: str) -> str:
    """A readable IRI segment: accents folded, lower case, runs of other characters as '-'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def _digest(text: str, size: int = 16) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:size]


@dataclass(frozen=True)
class Iris:
    """The IRIs of one dataset, all under `base` (an absolute IRI ending in '/')."""

    base: str
    entities_graph: str = field(init=False)
    meta_graph: str = field(init=False)
    review_graph: str = field(init=False)
    dataset: str = field(init=False)
    _prefixes: dict[EntityKind, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#", ":")) or not terms.is_iri(self.base):
            raise ValueError(f"the base IRI must be an absolute IRI ending in '/', e.g. http://127.0.0.1:8000/; got {self.base!r}")
        set_ = object.__setattr__
        set_(self, "entities_graph", f"{self.base}graph/entities")
        set_(self, "meta_graph", f"{self.base}graph/meta")
        set_(self, "review_graph", f"{self.base}graph/review")
        set_(self, "dataset", f"{self.base}dataset")
        set_(self, "_prefixes", {kind: f"{self.base}{kind.value}/" for kind in EntityKind})

    @classmethod
    def from_meta_graph(cls, meta_graph: str) -> Iris | None:
        """The Iris a store was imported under, from the name of its meta graph; None if it is not one of ours."""
        suffix = "graph/meta"
        if not meta_graph.endswith(suffix):
            return None
        try:
            return cls(meta_graph[: -len(suffix)])
        except ValueError:
            return None

    def story(self, story: StoryRecord) -> str:
        """Stable story IRI: from the guid/URL when present, else from the date and the title."""
        key = story.guid or story.url
        if key:
            return f"{self.base}{STORY}/{_digest(key.strip())}"
        day = story.date.isoformat() if story.date else "undated"
        title = slug(story.title)
        if len(title) > _MAX_TITLE_SLUG:
            # Cut, the slug ends in a hash of all of it: two long titles that differ only past the cut stay two stories.
            title = f"{title[:_MAX_TITLE_SLUG - 9].rstrip('-')}-{_digest(title, 8)}"
        return f"{self.base}{STORY}/{day}-{title}"

    def entity(self, kind: EntityKind, segment: str) -> str:
        """The IRI of an entity of `kind` whose slug (or other minted segment) is `segment`."""
        return self._prefixes[kind] + segment

    def day(self, day: dt.date) -> str:
        return f"{self._prefixes[EntityKind.DATE]}{day.isoformat()}"

    def theme(self, concept: str) -> str:
        """A theme by its concept id ('child-labour'); a full IRI is taken as it is."""
        return concept if ":" in concept else self._prefixes[EntityKind.THEME] + concept

    def merge(self, a: str, b: str) -> str:
        """The review node of a merge candidate between two entities (order does not matter)."""
        left, right = sorted((a, b))
        return f"{self.base}merge/{_digest(left + ' ' + right)}"

    def resource(self, kind: str, segment: str) -> str | None:
        """The IRI a Linked Data path `/{kind}/{segment}` names, or None if no minted IRI can look like that."""
        if kind != STORY and kind not in EntityKind._value2member_map_:
            return None
        return f"{self.base}{kind}/{segment}" if SEGMENT.fullmatch(segment) else None


def as_iris(base: Iris | str) -> Iris:
    """An Iris from a base IRI, or the Iris itself: callers may hold either."""
    return base if isinstance(base, Iris) else Iris(base)
