"""Filtered, ordered lists: stories by entities and dates, entities by kind, name and co-occurrence."""
from __future__ import annotations

import unicodedata

import numpy as np

from graph.network.centrality import pagerank
from graph.network.ids import IriList
from graph.network.records import EntityOrder, EntityQuery, StoryOrder, StoryQuery
from graph.network.shape import NetworkArrays
from graph.network.ties import ties_of


def fold_name(text: str) -> str:
    """Case-folded, compatibility-decomposed, combining marks dropped: how a name filter compares names.

    Deliberately not `graph.extract.folding.fold`, which must keep every offset of the text it folds
    (one character in, one out) and so leaves 'ß', ligatures ('ﬁ') and decomposed accents
    ('e' + U+0301) alone. A name filter needs no offsets and matches those too ('strasse' finds
    'Straße'); it does not, unlike the extractor, treat typographic quotes and hyphens as ASCII ones.
    """
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def every_story(network: NetworkArrays) -> np.ndarray:
    """Every story id, newest first (read-only), made once per version: the unfiltered list of every page."""
    def compute() -> np.ndarray:
        ids = np.arange(len(network.story_iris), dtype=np.int32)
        ids.flags.writeable = False
        return ids
    return network.derived("every story", compute)


def find_stories(network: NetworkArrays, query: StoryQuery, order: StoryOrder = StoryOrder.NEWEST) -> IriList:
    """Story IRIs matching the query, newest first unless asked otherwise."""
    ids: np.ndarray | None = None
    if query.only is not None:
        index = network.story_index
        ids = np.unique(np.fromiter((index[s] for s in query.only if s in index), dtype=np.int32))
    for any_of in query.entities:
        parts = [network.story_ids(iri) for iri in any_of]
        stories = np.unique(np.concatenate(parts)) if parts else np.zeros(0, np.int32)
        ids = stories if ids is None else np.intersect1d(ids, stories, assume_unique=True)
    if ids is None:
        ids = every_story(network)
    if query.start or query.end:
        days = network.days[ids]
        keep = days > 0
        if query.start is not None:
            keep &= days >= query.start.toordinal()
        if query.end is not None:
            keep &= days <= query.end.toordinal()
        ids = ids[keep]
    return IriList(ids[::-1] if StoryOrder(order) is StoryOrder.OLDEST else ids, network.story_iris)


def names(network: NetworkArrays) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """Folded name and aliases per entity, and every entity by folded name (then IRI); kept per version."""
    def compute() -> tuple[dict[str, tuple[str, ...]], list[str]]:
        folded = {e: (fold_name(r.name), *(fold_name(a) for a in r.aliases)) for e, r in network.entities.items()}
        return folded, sorted(network.entities, key=lambda e: (folded[e][0], e))
    return network.derived("names", compute)


def find_entities(network: NetworkArrays, query: EntityQuery, order: EntityOrder = EntityOrder.NAME) -> list[str]:
    """Entity IRIs matching the query, by folded name, by story count or by PageRank (stable: ties keep name order)."""
    order = EntityOrder(order)
    folded, by_name = names(network)
    needle = fold_name(query.text)
    entities = network.entities
    found = [e for e in by_name if entities[e].kind in query.kinds and (query.only is None or e in query.only)
             and (not needle or any(needle in name for name in folded[e]))]
    for other in query.related_to:
        targets, _ = ties_of(network, other, None)
        partners = {network.entity_iris[t] for t in targets.tolist()}
        found = [e for e in found if e in partners]
    if order is EntityOrder.STORY_COUNT:
        return sorted(found, key=lambda e: -network.story_count(e))
    if order is EntityOrder.CENTRALITY:
        rank = pagerank(network)
        return sorted(found, key=lambda e: -rank.get(e, 0.0))
    return found
