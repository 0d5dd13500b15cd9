"""Neighbourhoods for a node-link view, and what expanding a node would bring in (its preview)."""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from graph.network.ids import KINDS, kind_mask
from graph.network.records import RELATED_KINDS, Neighbourhood, Preview, Tie
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
    mask = kind_mask(kinds if kinds is not None else RELATED_KINDS)
    index, kind_codes, tie_arrays = network.entity_index, network.kind_codes, network.tie_arrays
    nodes: dict[int, None] = {index[s]: None for s in starts if s in index}
    reached_by: set[tuple[int, int]] = set()
    frontier, truncated = list(nodes), False
    for _ in range(depth):
        following: list[int] = []
        for e in frontier:
            targets, _ = tie_arrays(e)
            targets = targets[mask[kind_codes[targets]]]
            for t in targets.tolist():
                if t in nodes:
                    continue
                if len(nodes) >= limit:
                    truncated = True
                    break
                nodes[t] = None
                reached_by.add((min(e, t), max(e, t)))
                following.append(t)
        frontier = following
        if not frontier:
            break
    members = np.fromiter(nodes, dtype=np.int32, count=len(nodes))
    iris = network.entity_iris
    found: list[tuple[int, int, int]] = []
    for e in nodes:
        targets, weights = tie_arrays(e)
        inside = np.isin(targets, members) & (targets > e)
        found += [(e, t, w) for t, w in zip(targets[inside].tolist(), weights[inside].tolist())]
    if max_edges is not None and len(found) > max_edges:
        found.sort(key=lambda tie: ((tie[0], tie[1]) not in reached_by, -tie[2]))
        found, truncated = found[:max_edges], True
    ties = tuple(Tie(iris[e], iris[t], w, network) for e, t, w in found)
    return Neighbourhood(tuple(iris[e] for e in nodes), ties, truncated)


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
