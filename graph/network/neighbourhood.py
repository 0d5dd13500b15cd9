"""Neighbourhoods for a node-link view, and what expanding a node would bring in (its preview)."""
from __future__ import annotations

import threading
from collections.abc import Iterable
from itertools import accumulate

import numpy as np

from graph.network.ids import KINDS, kind_mask
from graph.network.pairs import derived
from graph.network.records import RELATED_KINDS, Neighbourhood, Preview
from graph.network.shape import NetworkArrays
from graph.network.timeline import story_years
from graph.records import EntityKind


def neighbourhood(network: NetworkArrays, starts: Iterable[str], depth: int, kinds: Iterable[EntityKind] | None,
                  limit: int, max_edges: int | None = None) -> Neighbourhood:
    """Breadth-first over ties, heaviest first, stopping at `limit` nodes so a hub cannot make a hairball.

    Each node looks at most at its `limit` heaviest ties of the wanted kinds plus the ones
    already taken, so a hub with thousands of neighbours costs no more than a small node.
    With `max_edges`, the ties that reached each node are kept first (the view stays
    connected), then the heaviest of the others.
    """
    wanted = frozenset(kinds) if kinds is not None else RELATED_KINDS
    mask = None if wanted >= RELATED_KINDS else kind_mask(wanted)  # every node's kind is wanted: no filter
    index = network.entity_index
    nodes: dict[int, None] = {index[s]: None for s in starts if s in index}
    member, parent = _scratch(len(network.entity_iris))
    try:
        found = _walk(network, nodes, member, parent, mask, depth, limit, max_edges)
    except BaseException:
        _SCRATCH.arrays = None  # left half marked: the next call makes clean ones
        raise
    member[list(nodes)] = False  # clean again for this thread's next call; only members were touched
    parent[list(nodes)] = -1
    return found


class _Scratch(threading.local):
    arrays: tuple[np.ndarray, np.ndarray] | None = None


_SCRATCH = _Scratch()


def _scratch(n_entities: int) -> tuple[np.ndarray, np.ndarray]:
    """This thread's (member, parent) arrays over `n_entities`: all False and all -1 between calls.

    Allocating and filling them per call (~44,000 entries at 100k stories) cost more than resetting the
    50 entries a neighbourhood touches.
    """
    arrays = _SCRATCH.arrays
    if arrays is None or len(arrays[0]) != n_entities:
        arrays = _SCRATCH.arrays = np.zeros(n_entities, dtype=bool), np.full(n_entities, -1, dtype=np.int64)
    return arrays


def _walk(network: NetworkArrays, nodes: dict[int, None], member: np.ndarray, parent: np.ndarray,
          mask: np.ndarray | None, depth: int, limit: int, max_edges: int | None) -> Neighbourhood:
    """The breadth-first walk and its ties, marking `member` (and `parent`, the node each was reached from)."""
    kind_codes, tie_arrays = network.kind_codes, network.tie_arrays
    member[list(nodes)] = True
    frontier, truncated = list(nodes), False
    for _ in range(depth):
        following: list[int] = []
        for e in frontier:
            if len(nodes) >= limit and truncated:
                break  # full, and already known to be cut short: nothing further can change
            targets, _ = tie_arrays(e)
            if mask is not None:
                targets = targets[mask[kind_codes[targets]]]
            fresh = targets[~member[targets]]  # in tie order, heaviest first
            room = max(0, limit - len(nodes))
            if len(fresh) > room:
                truncated = True
                fresh = fresh[:room]
            taken = fresh.tolist()
            member[fresh] = True
            parent[fresh] = e
            nodes.update(dict.fromkeys(taken))
            following += taken
        frontier = following
        if not frontier:
            break
    ids = np.fromiter(nodes, dtype=np.int64, count=len(nodes))
    pairs = derived(network)  # a serving view derives them as it takes a version; never started here
    if pairs is not None and pairs.cheaper(ids):
        sources, targets, weights = pairs.among(ids)  # the members' pairs looked up, not their rows walked
    else:
        sources, targets, weights = _tied(ids, list(map(tie_arrays, nodes)), member)
    if max_edges is not None and len(sources) > max_edges:
        # The ties that reached a node first (the view stays connected), then the heaviest; stable.
        reached = (parent.take(targets) == sources) | (parent.take(sources) == targets)
        keep = np.argsort(_cut_key(reached, weights), kind="stable")[:max_edges]
        sources, targets, weights, truncated = sources.take(keep), targets.take(keep), weights.take(keep), True
    at = network.entity_iris.__getitem__
    return Neighbourhood(tuple(map(at, nodes)), tuple(map(at, sources.tolist())), tuple(map(at, targets.tolist())),
                         tuple(weights.tolist()), truncated, network)


def _tied(ids: np.ndarray, rows: list[tuple[np.ndarray, np.ndarray]],
          member: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sources, targets, weights) of the ties among the members `ids` found in their `rows`: row by row, each in
    its order, each tie once (target > source); what `TiePairs.among` answers without reading the rows."""
    if not rows:
        return ids, ids, ids
    # Gathered as intp (cast while concatenating): numpy takes by an int32 index array (the rows' type) at
    # half the speed, and `take` skips fancy indexing's set-up.
    targets = np.concatenate([t for t, _ in rows], dtype=np.intp, casting="safe")
    hits = np.flatnonzero(member.take(targets))  # only the ties to members are kept
    weights = np.concatenate([w for _, w in rows]).take(hits)
    # Each kept tie's source is the node whose row holds it (the hits are ascending: each row's are a run of
    # them, counted by where the rows end); each tie is in both its ends' rows: kept once.
    ends = list(accumulate(len(t) for t, _ in rows))
    sources, targets = ids.repeat(np.diff(hits.searchsorted(ends), prepend=0)), targets.take(hits)
    once = np.flatnonzero(targets > sources)
    return sources.take(once), targets.take(once), weights.take(once)


def _cut_key(reached: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """One sort key: a reached tie's below every other's, heavier below lighter (weights are positive int32).

    As uint16 when the weights allow (they count shared stories), which numpy sorts stably by radix, in
    ~0.6x the time of the int64 key a heavier graph needs.
    """
    top = int(weights.max(initial=0))
    if 2 * top + 1 <= np.iinfo(np.uint16).max:
        key = (2 * top + 2) - weights  # others: top + 2 .. 2 * top + 1
        key[reached] -= top + 1  # reached: 1 .. top
        return key.astype(np.uint16)
    return np.where(reached, np.int64(-1 << 32), np.int64(0)) - weights


def preview(network: NetworkArrays, iri: str) -> Preview:
    """Neighbour counts by kind and story counts by year, without expanding."""
    e = network.entity_index.get(iri)
    if e is None:
        return Preview(stories=0, neighbours=0, by_kind={}, by_year={})
    targets, _ = network.tie_arrays(e)
    counts = np.bincount(network.kind_codes[targets], minlength=len(KINDS))
    years = story_years(network)[network.story_ids(iri)]
    found, per_year = np.unique(years[years > 0], return_counts=True)
    return Preview(stories=network.story_count(iri), neighbours=len(targets),
                   by_kind={KINDS[k]: int(n) for k, n in enumerate(counts.tolist()) if n},
                   by_year={int(y): int(n) for y, n in zip(found.tolist(), per_year.tolist())})
