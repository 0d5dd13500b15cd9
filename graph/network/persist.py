"""The network view saved beside an on-disk store, one file per dataset version, so a restart loads it."""
from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from graph.kept import Kept
from graph.network import centrality
from graph.network.arrays import Network
from graph.read import EntityRow
from graph.records import EntityKind

# Bump when the persisted layout changes, so an old file is rebuilt instead of misread.
# 2: PageRank is saved with the view, so a new process never computes it again for the same version.
FORMAT = 2
# The name the view of a snapshot's version takes inside that snapshot (graph/store/snapshots.py links it there).
IN_SNAPSHOT = "storygraph-network.pickle"
STATE = ("version", "story_iris", "titles", "summaries", "urls", "days", "entity_iris", "story_ptr",
         "story_adj", "entity_ptr", "entity_adj")


def kept_beside(store_path: Path | None) -> Kept | None:
    """Where the view of an on-disk store is kept (`<store>.network.<version>.pickle`); None for other stores."""
    return Kept.beside(store_path, ".network", ".pickle")


def save(network: Network, kept: Kept) -> Path:
    """Write the view as the file of its version, atomically, and remove other versions' files."""
    state: dict[str, Any] = {name: getattr(network, name) for name in STATE}
    state["entities"] = [(r.iri, r.kind.value, r.name, r.aliases) for r in network.entities.values()]
    state["pagerank"] = centrality.ranks(network)
    with kept.open(network.version) as out:
        pickle.dump((FORMAT, network.version), out, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL)
    (kept.directory / (kept.stem + kept.suffix)).unlink(missing_ok=True)  # the one file before names had versions
    return kept.path(network.version)


def load(path: Path, version: str) -> Network | None:
    """The view saved at `path` if it is of `version` in this layout, else None (missing, stale or unreadable)."""
    try:
        with open(path, "rb") as source:
            if pickle.load(source) != (FORMAT, version):
                return None
            state = pickle.load(source)
        rows = state.pop("entities")
        ranks = state.pop("pagerank")
        state["entities"] = {iri: EntityRow(iri, EntityKind(kind), name, aliases) for iri, kind, name, aliases in rows}
        network = Network(**state)
        network.derived("pagerank_arrays", lambda: ranks)
        return network
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, KeyError):
        return None
