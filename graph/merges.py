"""Merge candidates under review: list them, accept one (owl:sameAs) or reject it (owl:differentFrom).

The resolver never merges uncertain look-alikes by itself; it records them in the review graph.
A person decides, and the decision is data in the store like everything else.
"""
from __future__ import annotations

from dataclasses import dataclass

from graph import rdf
from graph.records import StoreError
from graph.store import Store, Write


@dataclass(frozen=True, slots=True)
class Candidate:
    node: str
    left: str
    right: str
    score: float
    evidence: str


def review_graph(base: str) -> str:
    return f"{base}graph/review"


def list_candidates(store: Store, base: str) -> list[Candidate]:
    """Open candidates, most likely first."""
    sg = rdf.SG
    rows = store.select(f"""
        SELECT ?n ?a ?b ?score ?evidence WHERE {{ GRAPH <{review_graph(base)}> {{
          ?n a <{sg}MergeCandidate> ; <{sg}left> ?a ; <{sg}right> ?b ; <{sg}score> ?score ; <{sg}evidence> ?evidence }} }}
        ORDER BY DESC(?score) ?a ?b""")
    return [Candidate(n, a, b, float(score), evidence) for n, a, b, score, evidence in rows]  # type: ignore[arg-type]


def _find(store: Store, base: str, a: str, b: str) -> Candidate:
    for candidate in list_candidates(store, base):
        if {candidate.left, candidate.right} == {a, b}:
            return candidate
    raise StoreError(f"no open merge candidate between {a} and {b}; `storygraph merges` lists them")


def decide(store: Store, base: str, a: str, b: str, accept: bool) -> Candidate:
    """Close the candidate between a and b: same thing (owl:sameAs) or not (owl:differentFrom)."""
    candidate = _find(store, base, a, b)
    entities, _ = rdf.graph_iris(base)
    if accept:
        fact = f"<{candidate.left}> <{rdf.OWL}sameAs> <{candidate.right}> <{entities}> .\n"
    else:
        fact = f"<{candidate.left}> <{rdf.OWL}differentFrom> <{candidate.right}> <{review_graph(base)}> .\n"
    drop_version, version = rdf.new_version(base)
    store.write(Write(delete=(f"DELETE WHERE {{ GRAPH <{review_graph(base)}> {{ <{candidate.node}> ?p ?o }} }}", drop_version),
                      nquads=fact + version))
    return candidate
