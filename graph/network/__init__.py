"""The network view of the graph: co-occurrence, neighbourhoods, paths, timelines and centrality.

The view is the bipartite story–entity graph of one dataset version as compact integer arrays
(CSR adjacency, numpy) plus the story and entity rows the API shows, built from three whole-graph
reads. Work per request is bounded by what is asked for: co-occurrence of a hub is one vectorized
count (cached per entity), and only the ties a caller pages through become objects.

    records.py       what callers ask and get: queries, orders, periods, ties, neighbourhoods
    ids.py           integer ids: CSR adjacency, kind codes, id lists shown as IRIs
    shape.py         NetworkArrays: what the algorithm modules read of a version (a Protocol)
    arrays.py        Network: one version's arrays and lookups; its methods forward to the modules below
    ties.py          co-occurrence (related entities), heaviest first
    neighbourhood.py neighbourhoods and expand previews
    paths.py         shortest paths between entities
    timeline.py      story counts per period
    centrality.py    PageRank through networkx
    lists.py         filtered, ordered story and entity lists
    build.py         the arrays from the store's rows (or from rows in hand)
    persist.py       the view saved beside an on-disk store, one file per version (graph.kept)
    view.py          NetworkView: the current version's Network, loaded, built or reused

A Network never changes once built; everything derived from it (ties, names, PageRank) is kept on
it for its version, so a new version is a new Network and nothing needs invalidating.
"""
from graph.network.arrays import Network
from graph.network.build import assemble, build_network
from graph.network.ids import IriList
from graph.network.lists import fold_name
from graph.network.records import (
    RELATED_KINDS, EntityOrder, EntityQuery, Granularity, Neighbourhood, Preview, SharesStories, StoryOrder, StoryQuery,
    Tie,
)
from graph.network.view import NetworkView, ViewNotReady

__all__ = [
    "RELATED_KINDS", "EntityOrder", "EntityQuery", "Granularity", "IriList", "Neighbourhood", "Network",
    "NetworkView", "Preview", "SharesStories", "StoryOrder", "StoryQuery", "Tie", "ViewNotReady", "assemble", "build_network",
    "fold_name",
]
