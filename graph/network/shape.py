"""What the algorithm modules read of one network version: the arrays and lookups `Network` has.

A Protocol, so that ties, paths, neighbourhoods, timelines, lists and centrality need not import
arrays.py, which imports them all to forward its methods (no import circle, even for annotations).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import numpy as np

from graph.read import EntityRow

T = TypeVar("T")


class NetworkArrays(Protocol):
    """One version of the graph as arrays (see arrays.py for what each field holds)."""

    version: str
    story_iris: list[str]
    entity_iris: list[str]
    entities: dict[str, EntityRow]
    days: np.ndarray
    story_ptr: np.ndarray
    story_adj: np.ndarray
    entity_ptr: np.ndarray
    entity_adj: np.ndarray
    story_index: dict[str, int]
    entity_index: dict[str, int]
    kind_codes: np.ndarray
    tie_arrays: Callable[[int], tuple[np.ndarray, np.ndarray]]

    def derived(self, key: str, compute: Callable[[], T]) -> T: ...

    def computed(self, key: str) -> Any: ...

    def story_ids(self, entity: str) -> np.ndarray: ...

    def story_count(self, entity: str) -> int: ...

    def shared_stories(self, a: str, b: str) -> tuple[str, ...]: ...
