"""The next version of the network view from the previous one and what an import changed, without a rebuild.

An import knows exactly what it wrote: the stories it added or replaced with the entities each
mentions, the stories it dropped, and the entities it described or gave new aliases. Applying that
to the previous version's arrays costs time in proportion to the view's size in numpy (a remap and
one CSR sort) instead of reading the whole graph back from the store, so the first query after an
import finds the new view ready. The result equals `build_network` on the store after the import.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from graph.network.arrays import Network
from graph.network.build import assemble
from graph.network.ids import csr
from graph.read import EntityRow, StoryRow
from graph.records import EntityKind


@dataclass(slots=True)
class Delta:
    """What one import changed, as the view sees it."""

    stories: list[StoryRow] = field(default_factory=list)      # written: new, or replacing one of the same IRI
    links: list[tuple[str, str]] = field(default_factory=list)  # (story, entity) of the written stories, distinct
    dropped: set[str] = field(default_factory=set)             # stories removed or replaced
    entities: dict[str, EntityRow] = field(default_factory=dict)  # described or renamed entities, as they now read
    gone: set[str] = field(default_factory=set)                # entities the write removed (orphans)

    @property
    def empty(self) -> bool:
        return not (self.stories or self.dropped or self.entities or self.gone)


def empty_network(version: str) -> Network:
    """The view of a store without stories (the base of a first import)."""
    return assemble(version, [], {}, [])


def apply(old: Network, version: str, delta: Delta) -> Network:
    """The Network of `version`: `old` with `delta` applied (old is left as it is)."""
    replaced = delta.dropped | {s.iri for s in delta.stories}
    keep = np.array([iri not in replaced for iri in old.story_iris], dtype=bool) if replaced else \
        np.ones(len(old.story_iris), dtype=bool)
    kept_ids = np.flatnonzero(keep)

    # Stories: the kept old ones and the written ones, newest first, ties by IRI (as `assemble` orders them).
    old_days = old.days.tolist()
    iris = [old.story_iris[i] for i in kept_ids.tolist()] + [s.iri for s in delta.stories]
    days = [old_days[i] for i in kept_ids.tolist()] + [s.date.toordinal() if s.date else 0 for s in delta.stories]
    titles = [old.titles[i] for i in kept_ids.tolist()] + [s.title for s in delta.stories]
    summaries = [old.summaries[i] for i in kept_ids.tolist()] + [s.summary for s in delta.stories]
    urls = [old.urls[i] for i in kept_ids.tolist()] + [s.url for s in delta.stories]
    order = sorted(range(len(iris)), key=iris.__getitem__)
    order.sort(key=days.__getitem__, reverse=True)
    position = np.empty(len(order), dtype=np.int64)
    position[np.array(order, dtype=np.int64)] = np.arange(len(order))

    # Entities: every old one, updated and added ones, less those the write removed.
    entities = dict(old.entities)
    entities.update(delta.entities)
    for iri in delta.gone:
        entities.pop(iri, None)
    entity_iris = sorted(iri for iri, row in entities.items() if row.kind is not EntityKind.DATE)
    entity_index = {e: i for i, e in enumerate(entity_iris)}
    old_to_new = np.array([entity_index.get(e, -1) for e in old.entity_iris], dtype=np.int64)

    # Links: the kept stories' old links renumbered, then the written stories' links.
    story_of = np.repeat(np.arange(len(old.story_iris)), np.diff(old.story_ptr))
    kept_link = keep[story_of] if len(story_of) else np.zeros(0, dtype=bool)
    new_story_of_old = np.full(len(old.story_iris), -1, dtype=np.int64)
    new_story_of_old[kept_ids] = position[:len(kept_ids)]
    rows = [new_story_of_old[story_of[kept_link]]]
    cols = [old_to_new[old.story_adj[kept_link]]]
    first_new = len(kept_ids)
    written = {s.iri: position[first_new + i] for i, s in enumerate(delta.stories)}
    pairs = [(written[s], entity_index[e]) for s, e in delta.links if s in written and e in entity_index]
    if pairs:
        added = np.array(pairs, dtype=np.int64)
        rows.append(added[:, 0])
        cols.append(added[:, 1])
    all_rows, all_cols = np.concatenate(rows), np.concatenate(cols)
    valid = all_cols >= 0
    all_rows, all_cols = all_rows[valid], all_cols[valid]
    n_stories = len(order)
    story_ptr, story_adj = csr(all_rows, all_cols, n_stories)
    entity_ptr, entity_adj = csr(all_cols, all_rows, len(entity_iris))
    return Network(
        version=version, story_iris=[iris[i] for i in order], titles=[titles[i] for i in order],
        summaries=[summaries[i] for i in order], urls=[urls[i] for i in order],
        days=np.array([days[i] for i in order], dtype=np.int32), entity_iris=entity_iris, entities=entities,
        story_ptr=story_ptr, story_adj=story_adj, entity_ptr=entity_ptr, entity_adj=entity_adj)


def linked(links: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Distinct (story, entity) pairs, first occurrence first."""
    return list(dict.fromkeys(links))
