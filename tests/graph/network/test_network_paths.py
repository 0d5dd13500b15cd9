"""Paths between entities are exactly networkx's shortest paths on the co-occurrence graph, heaviest first."""
from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.graph.network.graphs import Corpus, corpora

EVERY = 10_000  # more paths than a ten-entity graph has


def _as_nodes(path: list) -> tuple[str, ...]:
    return (path[0].source, *(tie.target for tie in path))


def _pair(corpus: Corpus, data: st.DataObject) -> tuple[str, str]:
    nodes = corpus.nodes()
    return data.draw(st.sampled_from(nodes)), data.draw(st.sampled_from(nodes))


@settings(max_examples=100, deadline=None)
@given(corpora(), st.data())
def test_paths_are_all_shortest_paths_networkx_finds(corpus: Corpus, data: st.DataObject) -> None:
    source, target = _pair(corpus, data)
    found = corpus.network().paths(source, target, max_hops=len(corpus.nodes()), first=EVERY)
    graph = corpus.cooccurrence()
    if source == target or not nx.has_path(graph, source, target):
        assert found == []
        return
    expected = {tuple(p) for p in nx.all_shortest_paths(graph, source, target)}
    assert [_as_nodes(p) for p in found] and {_as_nodes(p) for p in found} == expected
    assert len(found) == len(expected)


@settings(max_examples=60, deadline=None)
@given(corpora(), st.data(), st.integers(1, 3))
def test_paths_longer_than_max_hops_are_not_found(corpus: Corpus, data: st.DataObject, max_hops: int) -> None:
    source, target = _pair(corpus, data)
    found = corpus.network().paths(source, target, max_hops=max_hops, first=EVERY)
    graph = corpus.cooccurrence()
    reachable = source != target and nx.has_path(graph, source, target)
    if reachable and nx.shortest_path_length(graph, source, target) <= max_hops:
        assert {_as_nodes(p) for p in found} == {tuple(p) for p in nx.all_shortest_paths(graph, source, target)}
    else:
        assert found == []


@settings(max_examples=60, deadline=None)
@given(corpora(), st.data(), st.integers(0, 4))
def test_first_paths_are_the_start_of_the_full_list(corpus: Corpus, data: st.DataObject, first: int) -> None:
    source, target = _pair(corpus, data)
    network = corpus.network()
    every = [_as_nodes(p) for p in network.paths(source, target, len(corpus.nodes()), EVERY)]
    assert [_as_nodes(p) for p in network.paths(source, target, len(corpus.nodes()), first)] == every[:first]


@settings(max_examples=60, deadline=None)
@given(corpora(), st.data())
def test_each_hop_carries_its_weight_and_shared_stories_newest_first(corpus: Corpus, data: st.DataObject) -> None:
    source, target = _pair(corpus, data)
    for path in corpus.network().paths(source, target, len(corpus.nodes()), EVERY):
        for tie in path:
            shared = corpus.shared(tie.source, tie.target)
            assert tie.weight == len(shared) > 0
            assert list(tie.stories) == corpus.newest_first(shared)


@settings(max_examples=60, deadline=None)
@given(corpora(), st.data())
def test_among_equally_short_paths_the_heaviest_last_hop_comes_first(corpus: Corpus, data: st.DataObject) -> None:
    source, target = _pair(corpus, data)
    found = corpus.network().paths(source, target, len(corpus.nodes()), EVERY)
    last_hops = [p[-1].weight for p in found]
    assert last_hops == sorted(last_hops, reverse=True)


def test_unknown_entities_and_a_story_have_no_paths() -> None:
    from graph.network import assemble
    from graph.read import EntityRow, StoryRow
    from graph.records import EntityKind
    a, b, story = "http://example.org/e/a", "http://example.org/e/b", "http://example.org/story/1"
    network = assemble("1", [StoryRow(story, "t", "s", None, None)],
                       {a: EntityRow(a, EntityKind.PERSON, "A", ()), b: EntityRow(b, EntityKind.PLACE, "B", ())},
                       [(story, a), (story, b)])
    assert [_as_nodes(p) for p in network.paths(a, b, 1, 5)] == [(a, b)]
    assert network.paths(a, "http://example.org/e/nobody", 3, 5) == []
    assert network.paths(story, b, 3, 5) == []
    assert network.paths(a, a, 3, 5) == []
