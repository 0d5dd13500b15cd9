"""Centrality over the whole story–entity graph, through networkx, computed once per version."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import networkx as nx

    from graph.network.arrays import Network

# networkx's defaults, said here so a persisted or incremental PageRank can be checked against them.
ALPHA, TOLERANCE, MAX_ITER = 0.85, 1.0e-6, 100


def graph(network: Network) -> nx.Graph:
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


def pagerank(network: Network) -> dict[str, float]:
    """PageRank of every story and entity (as networkx computes it); 0 for all when there is no edge."""
    def compute() -> dict[str, float]:
        import networkx as nx
        g = graph(network)
        if g.number_of_edges() == 0:
            return {node: 0.0 for node in g}
        return nx.pagerank(g, alpha=ALPHA, tol=TOLERANCE, max_iter=MAX_ITER)
    return network.derived("pagerank", compute)
