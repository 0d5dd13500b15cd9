"""Centrality over the whole story–entity graph: PageRank on the arrays, networkx for anything else."""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

import numpy as np

from graph.network.shape import NetworkArrays

if TYPE_CHECKING:
    import networkx as nx


# networkx's defaults, said here so a persisted or incremental PageRank can be checked against them.
ALPHA, TOLERANCE, MAX_ITER = 0.85, 1.0e-6, 100


def graph(network: NetworkArrays) -> nx.Graph:
    """The story–entity graph as a networkx Graph, for whole-graph algorithms; built once per version, on demand.

    Per-request lookups (ties, neighbourhoods, paths) run on the compact arrays, which answer in
    microseconds; algorithms over the whole graph use networkx.
    """
    def build() -> nx.Graph:
        import networkx as nx
        g = nx.Graph()
        g.add_nodes_from(network.story_iris)
        g.add_nodes_from(network.entity_iris)
        stories = np.repeat(np.arange(len(network.story_iris)), np.diff(network.story_ptr)).tolist()
        g.add_edges_from(zip(map(network.story_iris.__getitem__, stories),
                             map(network.entity_iris.__getitem__, network.story_adj.tolist())))
        return g
    return network.derived("graph", build)


def pagerank_arrays(story_ptr: np.ndarray, story_adj: np.ndarray, entity_ptr: np.ndarray,
                    entity_adj: np.ndarray, start: tuple[np.ndarray, np.ndarray] | None = None
                    ) -> tuple[np.ndarray, np.ndarray]:
    """PageRank of (stories, entities): `_power_iteration` without its step count."""
    stories, entities, _ = _power_iteration(story_ptr, story_adj, entity_ptr, entity_adj, start)
    return stories, entities


def _power_iteration(story_ptr: np.ndarray, story_adj: np.ndarray, entity_ptr: np.ndarray,
                     entity_adj: np.ndarray, start: tuple[np.ndarray, np.ndarray] | None = None
                     ) -> tuple[np.ndarray, np.ndarray, int]:
    """PageRank of (stories, entities) by networkx's power iteration, on the CSR arrays themselves.

    The same iteration as `networkx.pagerank` on the undirected graph (uniform start and teleport,
    dangling nodes spread uniformly, stop when the L1 change is below N * tolerance), but one
    `bincount` per side instead of a networkx graph: ~50× faster at 100k stories. All zeros when
    there is no edge, as the view has always answered.

    `start` (stories, entities; NaN for nodes it does not know) warm-starts the iteration, e.g. from the
    previous version's PageRank after an import: unknown nodes start at the uniform value and the vector
    is renormalised. The stopping rule is the same, so the result is within the same tolerance of the
    fixed point, reached in far fewer iterations when little changed. Returns the steps taken too.
    """
    n_s, n_e = len(story_ptr) - 1, len(entity_ptr) - 1
    n = n_s + n_e
    if n == 0 or len(story_adj) == 0:
        return np.zeros(n_s), np.zeros(n_e), 0
    s_deg, e_deg = np.diff(story_ptr).astype(float), np.diff(entity_ptr).astype(float)
    s_inv = np.divide(1.0, s_deg, out=np.zeros(n_s), where=s_deg > 0)
    e_inv = np.divide(1.0, e_deg, out=np.zeros(n_e), where=e_deg > 0)
    s_rows = np.repeat(np.arange(n_s), np.diff(story_ptr))   # story of each story_adj entry
    e_rows = np.repeat(np.arange(n_e), np.diff(entity_ptr))  # entity of each entity_adj entry
    s_dangling, e_dangling = s_deg == 0, e_deg == 0
    xs, xe = np.full(n_s, 1.0 / n), np.full(n_e, 1.0 / n)
    if start is not None:
        ws, we = np.where(np.isnan(start[0]), 1.0 / n, start[0]), np.where(np.isnan(start[1]), 1.0 / n, start[1])
        total = ws.sum() + we.sum()
        if total > 0:
            xs, xe = ws / total, we / total
    teleport = (1.0 - ALPHA) / n
    for step in range(1, MAX_ITER + 1):
        dangling = (xs[s_dangling].sum() + xe[e_dangling].sum()) / n
        new_s = ALPHA * (np.bincount(s_rows, weights=(xe * e_inv)[story_adj], minlength=n_s) + dangling) + teleport
        new_e = ALPHA * (np.bincount(e_rows, weights=(xs * s_inv)[entity_adj], minlength=n_e) + dangling) + teleport
        err = np.abs(new_s - xs).sum() + np.abs(new_e - xe).sum()
        xs, xe = new_s, new_e
        if err < n * TOLERANCE:
            return xs, xe, step
    raise ArithmeticError(f"PageRank did not converge in {MAX_ITER} iterations")


def iterations_to_converge(story_ptr: np.ndarray, story_adj: np.ndarray, entity_ptr: np.ndarray,
                           entity_adj: np.ndarray, start: tuple[np.ndarray, np.ndarray] | None = None) -> int:
    """How many power-iteration steps `pagerank_arrays` takes on these arrays from `start` (tests, benchmarks)."""
    return _power_iteration(story_ptr, story_adj, entity_ptr, entity_adj, start)[2]


def warm_start(network: NetworkArrays, start: tuple[np.ndarray, np.ndarray]) -> None:
    """Let this version's PageRank, when first needed, start from `start` (see `pagerank_arrays`)."""
    network.derived("pagerank_start", lambda: start)


def ranks(network: NetworkArrays) -> tuple[np.ndarray, np.ndarray]:
    """PageRank of (stories by id, entities by id), once per version (or as persisted with the view)."""
    steps: list[int] = []

    def compute() -> tuple[np.ndarray, np.ndarray]:
        stories, entities, taken = _power_iteration(network.story_ptr, network.story_adj, network.entity_ptr,
                                                    network.entity_adj, network.computed("pagerank_start"))
        steps.append(taken)
        return stories, entities
    found = network.derived("pagerank_arrays", compute)
    if steps:
        network.derived("pagerank_steps", lambda: steps[0])
    return found


def steps_taken(network: NetworkArrays) -> int | None:
    """How many power-iteration steps this version's PageRank took, if this process computed it (benchmarks)."""
    return cast(int | None, network.computed("pagerank_steps"))


def pagerank(network: NetworkArrays) -> dict[str, float]:
    """PageRank of every story and entity (as networkx computes it); 0 for all when there is no edge."""
    def compute() -> dict[str, float]:
        stories, entities = ranks(network)
        rank = dict(zip(network.story_iris, stories.tolist()))
        rank.update(zip(network.entity_iris, entities.tolist()))
        return rank
    return network.derived("pagerank", compute)
