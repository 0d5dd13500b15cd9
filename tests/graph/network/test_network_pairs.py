"""Every tie once by its two ends: the same ties, weights and order as the members' rows give, found without them."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.kept import Kept
from graph.network import pairs
from graph.network.neighbourhood import _tied
from graph.network.view import NetworkView
from graph.records import EntityKind
from tests.graph.network.graphs import RELATED, Corpus, corpora, sample
from tests.graph.network.test_network_persist import _Reader

KIND_SETS = st.none() | st.sets(st.sampled_from(RELATED), min_size=1)
PATCHED = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("counting", ["packed", "unique"])
@PATCHED
@given(corpus=corpora(max_stories=20, max_entities=14))
def test_every_tie_is_kept_once_with_its_weight_and_its_place_in_the_source_row(
        corpus: Corpus, counting: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Counted by one sort of (tie, story) packed in an integer, or by np.unique where that would overflow.
    monkeypatch.setattr(pairs, "_packs", lambda n_entities, n_stories: counting == "packed")
    network = corpus.network()
    found = pairs.tie_pairs(network)
    n = len(network.entity_iris)
    expected = []  # (key, position, weight) of every tie from its smaller end's row
    for e in range(n):
        targets, weights = network.tie_arrays(e)
        assert found.degrees[e] == len(targets)
        expected += [(e * n + t, p, w) for p, (t, w) in enumerate(zip(targets.tolist(), weights.tolist())) if t > e]
    expected.sort()
    assert found.keys[:-1].tolist() == [k for k, _, _ in expected]
    assert found.positions.tolist() == [p for _, p, _ in expected]
    assert found.weights.tolist() == [w for _, _, w in expected]
    assert found.keys[-1] > (n * n if n else 0)  # the sentinel: a search never runs off the end


@settings(max_examples=100, deadline=None)
@given(corpora(max_stories=20, max_entities=14), st.data())
def test_the_ties_among_some_entities_are_those_a_walk_of_their_rows_finds_in_its_order(
        corpus: Corpus, data: st.DataObject) -> None:
    network = corpus.network()
    n = len(network.entity_iris)
    members = data.draw(st.lists(st.integers(0, n - 1), unique=True, max_size=n))  # in any order, as a walk takes them
    ids = np.array(members, dtype=np.int64)
    member = np.zeros(n, dtype=bool)
    member[members] = True
    walked = _tied(ids, [network.tie_arrays(e) for e in members], member)
    looked_up = pairs.tie_pairs(network).among(ids)
    assert [a.tolist() for a in looked_up] == [a.tolist() for a in walked]


@PATCHED
@given(corpus=corpora(max_stories=20, max_entities=14), data=st.data(), depth=st.integers(0, 3), kinds=KIND_SETS,
       limit=st.integers(1, 12), max_edges=st.none() | st.integers(1, 12))
def test_a_neighbourhood_is_the_same_with_the_pairs_looked_up_as_with_the_rows_walked(
        corpus: Corpus, data: st.DataObject, depth: int, kinds: set[EntityKind] | None, limit: int,
        max_edges: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pairs, "PAIRS_RATIO", 0)  # looked up whenever the members have a tie (a small graph's rows are short)
    starts = data.draw(st.lists(st.sampled_from(corpus.nodes()), min_size=1, max_size=3))
    walking = corpus.network()
    walking.derived(pairs.KEY + ".started", lambda: None)  # as if its pairs were still being derived
    looking_up = corpus.network()
    looking_up.derived(pairs.KEY, lambda: pairs.tie_pairs(looking_up))
    walked = walking.neighbourhood(starts, depth, kinds, limit, max_edges)
    looked_up = looking_up.neighbourhood(starts, depth, kinds, limit, max_edges)
    assert walking.computed(pairs.KEY) is None
    assert (looked_up.nodes, looked_up.ties, looked_up.truncated) == (walked.nodes, walked.ties, walked.truncated)


def test_a_neighbourhood_reads_the_pairs_once_derived_and_never_starts_deriving_them() -> None:
    # Started by a query, the derivation would run beside the first queries after an import (bench.import_speed).
    network = sample().network()
    first = network.neighbourhood(["http://example.org/e/ilo"], 2, None, 10)  # answered by walking the rows
    assert network.computed(pairs.KEY) is None and network.computed(pairs.KEY + ".started") is None
    pairs.ready(network)  # what a serving view does as it takes a version
    pairs.settle(network)
    assert pairs.derived(network) is not None
    again = network.neighbourhood(["http://example.org/e/ilo"], 2, None, 10)
    assert (again.nodes, again.ties) == (first.nodes, first.ties)
    assert [(t.source, t.target, t.weight) for t in first.ties] == [
        ("http://example.org/e/ilo", "http://example.org/e/laura", 1),
        ("http://example.org/e/geneva", "http://example.org/e/ilo", 1)]


@pytest.mark.parametrize("derives", [True, False])
def test_a_serving_view_starts_deriving_the_pairs_of_each_version_it_takes(tmp_path: Path, derives: bool) -> None:
    # A server's view (derives=True) has them before its first neighbourhood; an import's own view never pays for them.
    reader = _Reader(sample(), "1")
    view = NetworkView(reader, kept=Kept.beside(tmp_path / "store", ".network", ".pickle"), derives=derives)
    for version in ("1", "2"):
        reader.version = version
        network = view.current()
        started = network.computed(pairs.KEY + ".started")
        assert (started is not None) == derives
        pairs.settle(network)
        assert (network.computed(pairs.KEY) is not None) == derives


def test_a_version_with_more_co_mentions_than_the_bound_keeps_walking_the_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = sample()
    network = corpus.network()
    assert pairs.comentions(network) == sum(len(corpus.entities_of(s.iri)) * (len(corpus.entities_of(s.iri)) - 1) // 2
                                            for s in corpus.stories) > 0
    monkeypatch.setattr(pairs, "MAX_COMENTIONS", 0)
    hood = network.neighbourhood(["http://example.org/e/ilo"], 2, None, 10)
    pairs.ready(network)  # a serving view's start: the derivation declines
    pairs.settle(network)
    assert network.computed(pairs.KEY) is None
    assert network.neighbourhood(["http://example.org/e/ilo"], 2, None, 10).ties == hood.ties
