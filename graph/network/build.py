"""Lay a graph version out as the network view's arrays: from the store's rows, or from rows in hand."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np

from graph.network.arrays import Network
from graph.network.ids import csr
from graph.read import EntityRow, GraphReader, StoryRow
from graph.records import EntityKind


def build_network(reader: GraphReader, version: str) -> Network:
    """Read the whole graph once (stories, entities, links) and lay it out as compact adjacency arrays."""
    return assemble(version, reader.all_stories(), reader.all_entities(), reader.all_links())


def assemble(version: str, stories: Iterable[StoryRow], entities: dict[str, EntityRow],
             links: Iterable[tuple[str, str]]) -> Network:
    """The Network of these rows: stories newest first (ties by IRI), entities by IRI, days not nodes.

    Links to unknown stories or entities, and to days, are left out; `links` must be distinct pairs.
    An import that knows its delta can rebuild a view from the old one's rows plus the delta here.
    """
    ordered = sorted(stories, key=lambda s: s.iri)
    ordered.sort(key=lambda s: s.date or dt.date.min, reverse=True)
    entity_iris = sorted(iri for iri, row in entities.items() if row.kind is not EntityKind.DATE)
    story_index = {s.iri: i for i, s in enumerate(ordered)}
    entity_index = {e: i for i, e in enumerate(entity_iris)}
    pairs = [(story_index[s], entity_index[e]) for s, e in links if s in story_index and e in entity_index]
    pairs_array = np.array(pairs, dtype=np.int32).reshape(-1, 2)
    story_ptr, story_adj = csr(pairs_array[:, 0], pairs_array[:, 1], len(ordered))
    entity_ptr, entity_adj = csr(pairs_array[:, 1], pairs_array[:, 0], len(entity_iris))
    return Network(
        version=version, story_iris=[s.iri for s in ordered], titles=[s.title for s in ordered],
        summaries=[s.summary for s in ordered], urls=[s.url for s in ordered],
        days=np.array([s.date.toordinal() if s.date else 0 for s in ordered], dtype=np.int32),
        entity_iris=entity_iris, entities=entities, story_ptr=story_ptr, story_adj=story_adj,
        entity_ptr=entity_ptr, entity_adj=entity_adj)
