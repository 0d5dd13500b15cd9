"""Random small story–entity graphs for the network view's property tests, and brute-force answers on them."""
from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

import networkx as nx
from hypothesis import strategies as st

from graph.network import Network, assemble
from graph.read import EntityRow, StoryRow
from graph.records import EntityKind

BASE = "http://example.org/"
RELATED = [k for k in EntityKind if k is not EntityKind.DATE]


@dataclass(frozen=True)
class Corpus:
    """Rows a network is assembled from: stories, entities (a day among them) and links."""

    stories: list[StoryRow]
    entities: dict[str, EntityRow]
    links: list[tuple[str, str]]

    def network(self, version: str = "1") -> Network:
        return assemble(version, self.stories, self.entities, self.links)

    def stories_of(self, entity: str) -> set[str]:
        return {s for s, e in self.links if e == entity}

    def entities_of(self, story: str) -> set[str]:
        return {e for s, e in self.links if s == story and self.entities[e].kind is not EntityKind.DATE}

    def shared(self, a: str, b: str) -> set[str]:
        return self.stories_of(a) & self.stories_of(b)

    def nodes(self) -> list[str]:
        """Entities that are nodes of the view: every kind but days."""
        return sorted(e for e, row in self.entities.items() if row.kind is not EntityKind.DATE)

    def cooccurrence(self) -> nx.Graph:
        """Entity–entity graph: an edge where two entities share a story, weighted by how many."""
        graph = nx.Graph()
        graph.add_nodes_from(self.nodes())
        for story in self.stories:
            for a, b in itertools.combinations(sorted(self.entities_of(story.iri)), 2):
                graph.add_edge(a, b, weight=len(self.shared(a, b)))
        return graph

    def newest_first(self, stories: set[str]) -> list[str]:
        """Stories by date, newest first, undated last, ties by IRI (the view's story order)."""
        rows = {s.iri: s for s in self.stories}
        by_iri = sorted(stories)
        return sorted(by_iri, key=lambda s: rows[s].date or dt.date.min, reverse=True)


NAMES = st.text(alphabet="abcdefghij", min_size=1, max_size=3)
DAYS = st.none() | st.dates(min_value=dt.date(2019, 11, 25), max_value=dt.date(2021, 2, 5))


@st.composite
def corpora(draw: st.DrawFn, max_stories: int = 12, max_entities: int = 10) -> Corpus:
    """Up to `max_stories` stories linking to up to `max_entities` entities of random kinds, and to one day."""
    story_ids = draw(st.lists(NAMES, min_size=0, max_size=max_stories, unique=True))
    entity_ids = draw(st.lists(NAMES, min_size=1, max_size=max_entities, unique=True))
    stories = [StoryRow(f"{BASE}story/{s}", f"Title {s}", f"Summary {s}", draw(DAYS), None) for s in story_ids]
    entities = {f"{BASE}e/{e}": EntityRow(f"{BASE}e/{e}", draw(st.sampled_from(RELATED)), e.upper(), ()) for e in entity_ids}
    day = f"{BASE}date/2021-03-10"
    entities[day] = EntityRow(day, EntityKind.DATE, "2021-03-10", ())
    links = [(s.iri, e) for s in stories for e in sorted(entities) if draw(st.integers(0, 3)) == 0]
    return Corpus(stories, entities, links)


def sample() -> Corpus:
    """A fixed small corpus: three stories, three entities and a day."""
    days = [dt.date(2021, 3, 10), dt.date(2020, 1, 2), None]
    stories = [StoryRow(f"{BASE}story/{i}", f"Title {i}", f"Summary {i}", d, None) for i, d in enumerate(days)]
    kinds = {"ilo": EntityKind.ORGANIZATION, "laura": EntityKind.PERSON, "geneva": EntityKind.PLACE}
    entities = {f"{BASE}e/{e}": EntityRow(f"{BASE}e/{e}", k, e.title(), ()) for e, k in kinds.items()}
    entities[f"{BASE}date/2021-03-10"] = EntityRow(f"{BASE}date/2021-03-10", EntityKind.DATE, "2021-03-10", ())
    links = [(stories[0].iri, f"{BASE}e/ilo"), (stories[0].iri, f"{BASE}e/laura"), (stories[1].iri, f"{BASE}e/ilo"),
             (stories[1].iri, f"{BASE}e/geneva"), (stories[2].iri, f"{BASE}e/laura"),
             (stories[0].iri, f"{BASE}date/2021-03-10")]
    return Corpus(stories, entities, links)
