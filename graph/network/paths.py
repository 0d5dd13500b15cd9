"""Shortest paths between two entities over ties, each hop carrying the stories that make it."""
from __future__ import annotations

import numpy as np

from graph.network.records import Tie
from graph.network.shape import NetworkArrays
from graph.network.ties import tie


def paths(network: NetworkArrays, source: str, target: str, max_hops: int, first: int) -> list[list[Tie]]:
    """Up to `first` shortest entity-to-entity paths of at most `max_hops` hops, heaviest hops first.

    Every path found is a shortest one (all of them, as networkx.all_shortest_paths finds, when
    `first` allows); none when the entities are the same, unknown or further apart than `max_hops`.
    Among equally short paths, the one whose hops nearest the target are heaviest comes first
    (then the lower predecessor id, i.e. IRI order), so a page of them is stable.
    """
    index = network.entity_index
    if source not in index or target not in index or source == target:
        return []
    start, goal = index[source], index[target]
    tie_arrays = network.tie_arrays
    preds: dict[int, list[int]] = {start: []}
    frontier = [start]
    for _ in range(max_hops):
        level: dict[int, list[int]] = {}
        for e in frontier:
            for t in tie_arrays(e)[0].tolist():
                if t not in preds:
                    level.setdefault(t, []).append(e)
        if not level:
            break
        preds.update(level)
        if goal in level:
            break
        frontier = sorted(level)
    if goal not in preds:
        return []
    found: list[list[int]] = []

    def weight(a: int, b: int) -> int:
        targets, weights = tie_arrays(b)
        at = np.flatnonzero(targets == a)
        return int(weights[at[0]]) if len(at) else 0

    def walk(node: int, suffix: list[int]) -> None:
        if len(found) >= first:
            return
        if node == start:
            found.append([start, *suffix])
            return
        for before in sorted(preds[node], key=lambda p: (-weight(p, node), p)):
            walk(before, [node, *suffix])

    walk(goal, [])
    iris = network.entity_iris
    return [[tie(network, iris[a], iris[b]) for a, b in zip(path, path[1:])] for path in found]
