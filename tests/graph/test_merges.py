"""Merge candidates are recorded for review, and a person's decision becomes data."""
from __future__ import annotations

import io

import pytest

from graph.export import write_export
from graph.merges import decide, list_candidates
from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.records import StoreError
from graph.store import open_store

BASE = "http://example.org/"
LISTING = b"""1. Guy Ryder visits Geneva

    10 March 2021

    ILO Director-General Guy Ryder met workers in Geneva.

2. G. Ryder on recovery

    11 March 2021

    Speaking in Geneva, G. Ryder said recovery must be human-centred.
"""


@pytest.fixture
def store():
    store = open_store("memory:")
    Importer(store, BASE).run([SourceInput("ryder.txt", LISTING)])
    return store


def _pair(store) -> tuple[str, str]:
    candidate = next(c for c in list_candidates(store, BASE)
                     if {c.left, c.right} == {f"{BASE}person/g-ryder", f"{BASE}person/guy-ryder"})
    return candidate.left, candidate.right


def test_look_alike_people_are_candidates_not_merged(store) -> None:
    left, right = _pair(store)
    assert left != right
    assert not store.ask("ASK { GRAPH ?g { ?a <http://www.w3.org/2002/07/owl#sameAs> ?b } }")


def test_accepting_a_candidate_exports_owl_same_as_and_bumps_the_version(store) -> None:
    before = GraphReader(store, BASE).version()
    left, right = _pair(store)
    decide(store, BASE, right, left, accept=True)
    assert store.ask(f"ASK {{ GRAPH <{BASE}graph/entities> {{ <{left}> <http://www.w3.org/2002/07/owl#sameAs> <{right}> }} }}")
    assert all({c.left, c.right} != {left, right} for c in list_candidates(store, BASE))
    assert GraphReader(store, BASE).version() != before


def test_an_accepted_merge_is_exported_as_same_as_after_later_imports(store) -> None:
    # Accepting is `storygraph merges accept` (graph.merges.decide): the decision is data in the
    # store, so a later import that mentions either spelling again leaves it in the export.
    left, right = _pair(store)
    decide(store, BASE, left, right, accept=True)
    Importer(store, BASE).run([SourceInput("later.txt", b"""1. G. Ryder: c

    12 March 2021

    G. Ryder spoke again.
""")])
    people = {e for (e,) in store.select(f"SELECT ?e WHERE {{ GRAPH ?s {{ ?s <https://schema.org/mentions> ?e }} "
                                         f"FILTER(STRSTARTS(STR(?e), '{BASE}person/')) }}")}
    assert people == {left, right}
    out = io.BytesIO()
    write_export(store, "nq", out)
    same_as = f"<{left}> <http://www.w3.org/2002/07/owl#sameAs> <{right}> <{BASE}graph/entities> ."
    assert same_as in out.getvalue().decode()


def test_rejecting_a_candidate_records_different_from(store) -> None:
    left, right = _pair(store)
    decide(store, BASE, left, right, accept=False)
    assert store.ask(f"ASK {{ GRAPH ?g {{ <{left}> <http://www.w3.org/2002/07/owl#differentFrom> <{right}> }} }}")
    with pytest.raises(StoreError, match="no open merge candidate"):
        decide(store, BASE, left, right, accept=True)
