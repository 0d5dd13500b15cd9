"""The next version of the network view from the previous one and what an import changed, without a rebuild.

An import knows exactly what it wrote: the stories it added or replaced with the entities each
mentions, the stories it dropped, and the entities it described or gave new aliases. Applying that
to the previous version's arrays costs time in proportion to the view's size in numpy (a remap and
one CSR sort) instead of reading the whole graph back from the store, so the first query after an
import finds the new view ready. The result equals `build_network` on the store after the import.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from graph.network.arrays import Network
from graph.network import centrality
from graph.network.build import assemble
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
    """The Network of `version`: `old` with `delta` applied (old is left as it is).

    The kept stories and entities are already in the view's order, so the written ones are merged
    in (a binary search each) rather than everything sorted again, and the kept links, already in
    story order, are renumbered and stably re-sorted (nearly sorted input: linear in practice).
    """
    replaced = delta.dropped | {s.iri for s in delta.stories}
    keep = np.ones(len(old.story_iris), dtype=bool)
    keep[[i for i in map(old.story_index.get, replaced) if i is not None]] = False
    kept_ids = np.flatnonzero(keep)
    everything_kept = len(kept_ids) == len(old.story_iris)

    # Stories: the written ones merged into the kept ones, newest first, ties by IRI (as `assemble` orders them).
    def kept(values: list) -> list:
        return values if everything_kept else [values[i] for i in kept_ids.tolist()]
    kept_iris = kept(old.story_iris)
    kept_days = old.days[kept_ids]
    written = sorted(delta.stories, key=lambda s: s.iri)
    written.sort(key=lambda s: s.date.toordinal() if s.date else 0, reverse=True)
    newest_last = -kept_days.astype(np.int64)  # kept days run newest first: negated, they ascend
    before = _story_slots(kept_iris, newest_last, written)
    story_of_kept = np.arange(len(kept_iris)) + np.searchsorted(before, np.arange(len(kept_iris)), side="right")
    story_of_written = before + np.arange(len(written))
    days = np.empty(len(kept_iris) + len(written), dtype=np.int32)
    days[story_of_kept] = kept_days
    days[story_of_written] = [s.date.toordinal() if s.date else 0 for s in written]

    # Entities: the kept ones (less those the write removed) with new ones merged in, IRI order.
    entities = dict(old.entities)
    entities.update(delta.entities)
    for iri in delta.gone:
        entities.pop(iri, None)
    old_iris = old.entity_iris
    dropped_entities = [i for i, e in enumerate(old_iris) if e not in entities] if delta.gone else []
    survivors = old_iris if not dropped_entities else [e for e in old_iris if e in entities]
    known = set(old_iris) if delta.entities else set()
    added = sorted(e for e, row in delta.entities.items()
                   if e not in known and e in entities and row.kind is not EntityKind.DATE)
    entity_iris = sorted(survivors + added) if added else list(survivors)  # two sorted runs: a linear merge
    old_alive = np.ones(len(old_iris), dtype=bool)
    old_alive[dropped_entities] = False
    survivor_index = np.cumsum(old_alive) - 1
    slots = np.array([bisect.bisect_left(survivors, e) for e in added], dtype=np.int64)
    old_to_new = survivor_index + np.searchsorted(slots, survivor_index, side="right")
    old_to_new[~old_alive] = -1

    # Links: the kept stories' old links renumbered (still in story order, each story's entities still
    # ascending), then the written stories' links sorted; one stable sort by story puts them in place.
    story_of = np.repeat(np.arange(len(old.story_iris)), np.diff(old.story_ptr))
    new_story_of_old = np.full(len(old.story_iris), -1, dtype=np.int64)
    new_story_of_old[kept_ids] = story_of_kept
    kept_link = keep[story_of]
    rows = [new_story_of_old[story_of[kept_link]]]
    cols = [old_to_new[old.story_adj[kept_link]]]
    if delta.links:
        # The written links as (story, entity) numbers, each once, in that order: one code per pair,
        # uniqued (and so sorted) by numpy rather than a set and a sort of Python tuples.
        entity_index = {e: i for i, e in enumerate(entity_iris)}
        position = {s.iri: p for s, p in zip(written, story_of_written.tolist())}
        count = len(delta.links)
        link_story = np.fromiter((position.get(s, -1) for s, _ in delta.links), dtype=np.int64, count=count)
        link_entity = np.fromiter((entity_index.get(e, -1) for _, e in delta.links), dtype=np.int64, count=count)
        width = max(len(entity_iris), 1)
        codes = np.unique((link_story * width + link_entity)[(link_story >= 0) & (link_entity >= 0)])
        rows.append(codes // width)
        cols.append(codes % width)
    all_rows, all_cols = np.concatenate(rows), np.concatenate(cols)
    valid = all_cols >= 0
    all_rows, all_cols = all_rows[valid], all_cols[valid]
    by_story = np.argsort(all_rows, kind="stable")
    story_rows, story_adj = all_rows[by_story], all_cols[by_story]
    by_entity = np.argsort(story_adj, kind="stable")
    n_stories, n_entities = len(days), len(entity_iris)
    story_ptr = np.zeros(n_stories + 1, dtype=np.int64)
    np.cumsum(np.bincount(story_rows, minlength=n_stories), out=story_ptr[1:])
    entity_ptr = np.zeros(n_entities + 1, dtype=np.int64)
    np.cumsum(np.bincount(story_adj, minlength=n_entities), out=entity_ptr[1:])

    def merged(values: list, new: list) -> list:
        out: list = []
        start = 0
        for slot, value in zip(before.tolist(), new):
            out.extend(values[start:slot])
            out.append(value)
            start = slot
        out.extend(values[start:])
        return out
    network = Network(
        version=version, story_iris=merged(kept_iris, [s.iri for s in written]),
        titles=merged(kept(old.titles), [s.title for s in written]),
        summaries=merged(kept(old.summaries), [s.summary for s in written]),
        urls=merged(kept(old.urls), [s.url for s in written]), days=days, entity_iris=entity_iris,
        entities=entities, story_ptr=story_ptr, story_adj=story_adj.astype(np.int32), entity_ptr=entity_ptr,
        entity_adj=story_rows[by_entity].astype(np.int32))
    network.tie_rows.link_story = story_rows.astype(np.int32)  # the story of each link: known here, for free
    _carry_ties(old, network, old.story_adj[~kept_link], cols[1] if delta.links else cols[0][:0], old_to_new)
    old_ranks = old.computed("pagerank_arrays")
    if old_ranks is not None:
        # The next PageRank starts from this one: kept nodes at their old rank, new ones unknown (NaN).
        start_s, start_e = np.full(n_stories, np.nan), np.full(n_entities, np.nan)
        start_s[story_of_kept] = old_ranks[0][kept_ids]
        start_e[old_to_new[old_alive]] = old_ranks[1][old_alive]
        centrality.warm_start(network, (start_s, start_e))
    return network


def _carry_ties(old: Network, new: Network, unlinked: np.ndarray, linked: np.ndarray, old_to_new: np.ndarray) -> None:
    """Give `new` the co-occurrence rows `old` computed for entities the import did not touch, renumbered.

    An entity none of whose stories was dropped, replaced or written shares the same stories with
    the same entities as before; kept stories and entities keep their relative order, so its row
    (heaviest first, then newest shared story, then id) only needs its ids renumbered.
    `unlinked`: old ids of the entities of the dropped or replaced stories; `linked`: new ids of the
    written stories' entities.
    """
    rows = old.tie_rows.rows()
    if not rows:
        return
    alive = old_to_new >= 0
    new_to_old = np.full(len(new.entity_iris), -1, dtype=np.int64)
    new_to_old[old_to_new[alive]] = np.flatnonzero(alive)
    touched = ~alive
    touched[unlinked] = True
    was = new_to_old[linked]
    touched[was[was >= 0]] = True
    carried = []
    for e, (targets, weights) in rows:
        if touched[e]:
            continue
        renumbered = old_to_new[targets]
        if len(renumbered) and renumbered.min() < 0:  # cannot happen (its partners' stories are kept): recompute
            continue
        carried.append((int(old_to_new[e]), (renumbered.astype(np.int32), weights)))
    new.tie_rows.carry(carried)


def _story_slots(iris: list[str], newest_last: np.ndarray, stories: list[StoryRow]) -> np.ndarray:
    """For each story, how many of the kept stories (newest first, ties by IRI; `newest_last`: their
    negated days) come before it: the day's run found for all stories at once, the IRI within it by bisection."""
    days = -np.fromiter((s.date.toordinal() if s.date else 0 for s in stories), dtype=np.int64, count=len(stories))
    slots = np.searchsorted(newest_last, days, side="left")
    ends = np.searchsorted(newest_last, days, side="right")
    for i in np.flatnonzero(ends > slots).tolist():  # stories sharing a day with kept ones: the IRI decides
        slots[i] = bisect.bisect_left(iris, stories[i].iri, int(slots[i]), int(ends[i]))
    return slots.astype(np.int64)


def linked(links: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Distinct (story, entity) pairs, first occurrence first."""
    return list(dict.fromkeys(links))
