"""Shortest paths between two entities over ties, each hop carrying the stories that make it."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

from graph.network.records import Tie
from graph.network.shape import NetworkArrays

_Ties = Callable[[int], tuple[np.ndarray, np.ndarray]]


def _neighbours(tie_arrays: _Ties, size: int, nodes: np.ndarray) -> np.ndarray:
    """Every node tied to one of `nodes`, once each, ascending.

    Marked in a mask of every node rather than sorted (np.unique): the ties of a few hubs run to
    tens of thousands of ids, and sorting them was most of a path search.
    """
    if len(nodes) == 0:
        return nodes
    reached = np.zeros(size, dtype=bool)
    for e in nodes.tolist():
        reached[tie_arrays(e)[0]] = True
    return np.flatnonzero(reached)


def _layers(tie_arrays: _Ties, size: int, start: int, goal: int, max_hops: int) -> tuple[list[np.ndarray], list[np.ndarray]] | None:
    """Breadth-first from both ends, always growing the smaller frontier, until they meet.

    (layers from the start, layers from the goal): the last layer of each side shares the nodes
    where the shortest paths meet, and their lengths add up to the distance. None when the
    entities are further apart than `max_hops`.
    """
    seen = (np.zeros(size, dtype=bool), np.zeros(size, dtype=bool))
    seen[0][start] = seen[1][goal] = True
    sides: tuple[list[np.ndarray], list[np.ndarray]] = ([np.array([start])], [np.array([goal])])
    for _ in range(max_hops):
        grow = 0 if len(sides[0][-1]) <= len(sides[1][-1]) else 1
        reached = _neighbours(tie_arrays, size, sides[grow][-1])
        reached = reached[~seen[grow][reached]]
        if len(reached) == 0:
            return None
        seen[grow][reached] = True
        sides[grow].append(reached)
        # Met: a node the other side has seen is in its last layer (had it been nearer, the two sides
        # would have met one step earlier), so the distance is the two sides' depths added.
        if seen[1 - grow][reached].any():
            return sides
    return None


def _on_paths(tie_arrays: _Ties, size: int, forward: list[np.ndarray], backward: list[np.ndarray]) -> list[np.ndarray]:
    """Per position from the start, a mask of the nodes that lie there on some shortest path."""
    length = len(forward) + len(backward) - 2
    middle = len(forward) - 1
    layers = forward + backward[-2::-1]  # position j: nodes at distance j from the start, or length - j from the goal
    masks = [np.zeros(size, dtype=bool) for _ in range(length + 1)]
    meet = np.intersect1d(forward[-1], backward[-1])
    masks[middle][meet] = True
    for step, positions in ((-1, range(middle - 1, -1, -1)), (1, range(middle + 1, length + 1))):
        for j in positions:
            near = _neighbours(tie_arrays, size, np.flatnonzero(masks[j - step]))
            candidates = layers[j]
            masks[j][candidates[np.isin(candidates, near)]] = True
    return masks


def paths(network: NetworkArrays, source: str, target: str, max_hops: int, first: int) -> list[list[Tie]]:
    """Up to `first` shortest entity-to-entity paths of at most `max_hops` hops, heaviest hops first.

    Every path found is a shortest one (all of them, as networkx.all_shortest_paths finds, when
    `first` allows); none when the entities are the same, unknown or further apart than `max_hops`.
    Among equally short paths, the one whose hops nearest the target are heaviest comes first
    (then the lower predecessor id, i.e. IRI order), so a page of them is stable. The search grows
    from both ends at once, so two hubs a few hops apart cost their neighbourhoods, not the graph.
    """
    index = network.entity_index
    if source not in index or target not in index or source == target:
        return []
    start, goal = index[source], index[target]
    tie_arrays, size = network.tie_arrays, len(network.entity_iris)
    met = _layers(tie_arrays, size, start, goal, max_hops)
    if met is None:
        return []
    on_path = _on_paths(tie_arrays, size, *met)
    found: list[list[tuple[int, int]]] = []  # (node, weight of the hop into the next node)

    def walk(node: int, position: int, suffix: list[tuple[int, int]]) -> None:
        if len(found) >= first:
            return
        if position == 0:
            found.append(suffix)
            return
        targets, weights = tie_arrays(node)
        before = on_path[position - 1][targets]
        targets, weights = targets[before], weights[before]
        for i in np.lexsort((targets, -weights)).tolist():
            walk(int(targets[i]), position - 1, [(int(targets[i]), int(weights[i])), *suffix])

    walk(goal, len(on_path) - 1, [])
    iris = network.entity_iris
    return [[Tie(iris[a], iris[b], w, network)
             for (a, w), (b, _) in zip(path, [*path[1:], (goal, 0)])] for path in found]
