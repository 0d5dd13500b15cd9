"""Merge candidates under review: list them, accept one (owl:sameAs) or reject it (owl:differentFrom).

The resolver never merges uncertain look-alikes by itself; it records them in the review graph.
A person decides, and the decision is data in the store like everything else.
"""
from __future__ import annotations

import time
from contextlib import nullcontext

from graph import rdf
from graph.iris import Iris, as_iris
from graph.read import GraphReader, MergeCandidateRow
from graph.records import StoreError
from graph.segments import Segments, store_graphs_of
from graph.store import Store, Write


Candidate = MergeCandidateRow


def list_candidates(store: Store, base: Iris | str) -> list[Candidate]:
    """Open candidates, most likely first."""
    return GraphReader(store, base).merge_candidates()


def _find(store: Store, base: Iris | str, a: str, b: str) -> Candidate:
    for candidate in list_candidates(store, base):
        if {candidate.left, candidate.right} == {a, b}:
            return candidate
    raise StoreError(f"no open merge candidate between {a} and {b}; `storygraph merges` lists them")


def decide(store: Store, base: Iris | str, a: str, b: str, accept: bool) -> Candidate:
    """Close the candidate between a and b: same thing (owl:sameAs) or not (owl:differentFrom)."""
    iris = as_iris(base)
    segments = Segments.beside(store)
    with store.writer, segments.writing() if segments is not None else nullcontext():
        candidate = _find(store, iris, a, b)
        delete, fact = rdf.close_merge_candidate(iris, candidate.node, candidate.left, candidate.right, accept)
        old, stamp = GraphReader(store, iris).version(), str(time.time_ns())
        drop_version, version = rdf.new_version(iris, stamp)
        store.write(Write(delete=(delete, drop_version), nquads=fact + version))
        if segments is not None:
            # The decision is in the review and entities graphs, which every export reads from the store.
            segments.advance(old, stamp, store_graphs_of(iris))
    return candidate
