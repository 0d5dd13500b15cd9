"""Related entities, neighbourhoods and expand previews agree with a brute-force count on random graphs."""
from __future__ import annotations

from collections import Counter

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.network import RELATED_KINDS, ties as tie_rows
from graph.network.neighbourhood import _cut_key
from graph.records import EntityKind
from tests.graph.network.graphs import RELATED, Corpus, corpora, sample

KIND_SETS = st.none() | st.sets(st.sampled_from(RELATED), min_size=1)


def _partners(corpus: Corpus, entity: str) -> dict[str, int]:
    """Every other entity (days excepted) sharing a story with `entity`, and how many stories they share."""
    return {other: len(corpus.shared(entity, other)) for other in corpus.nodes()
            if other != entity and corpus.shared(entity, other)}


@settings(max_examples=100, deadline=None)
@given(corpora(), st.data(), KIND_SETS)
def test_related_counts_and_weights_match_a_brute_force_count(corpus: Corpus, data: st.DataObject,
                                                             kinds: set[EntityKind] | None) -> None:
    network = corpus.network()
    entity = data.draw(st.sampled_from(corpus.nodes()))
    expected = {e: w for e, w in _partners(corpus, entity).items() if kinds is None or corpus.entities[e].kind in kinds}
    ties = network.ties(entity, kinds)
    assert network.tie_count(entity, kinds) == len(expected) == len(ties)
    assert {t.target: t.weight for t in ties} == expected
    assert network.degree(entity) == len(_partners(corpus, entity))


@pytest.mark.parametrize("counting", ["sorted", "dense"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(corpus=corpora(), data=st.data())
def test_related_are_heaviest_first_then_most_recent_then_by_iri(corpus: Corpus, data: st.DataObject,
                                                                counting: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Small rows are counted by sorting, hubs in entity-sized arrays: both give the same order.
    monkeypatch.setattr(tie_rows, "DENSE_RATIO", 0 if counting == "sorted" else 10**9)
    network = corpus.network()
    entity = data.draw(st.sampled_from(corpus.nodes()))
    rank = {s: i for i, s in enumerate(network.story_iris)}

    def key(other: str) -> tuple[int, int, str]:
        shared = corpus.shared(entity, other)
        return -len(shared), min(rank[s] for s in shared), other

    ties = network.ties(entity)
    assert [t.target for t in ties] == sorted(_partners(corpus, entity), key=key)
    offset, limit = data.draw(st.integers(0, 4)), data.draw(st.integers(0, 4))
    assert network.ties(entity, None, offset, limit) == ties[offset:offset + limit]


@settings(max_examples=100, deadline=None)
@given(corpora(), st.data(), st.integers(0, 3), KIND_SETS)
def test_an_unbounded_neighbourhood_is_every_entity_within_depth_and_every_tie_among_them(
        corpus: Corpus, data: st.DataObject, depth: int, kinds: set[EntityKind] | None) -> None:
    network = corpus.network()
    start = data.draw(st.sampled_from(corpus.nodes()))
    wanted = set(kinds) if kinds is not None else RELATED_KINDS
    graph = corpus.cooccurrence()
    walkable = graph.subgraph([e for e in graph if e == start or corpus.entities[e].kind in wanted])
    within = nx.single_source_shortest_path_length(walkable, start, cutoff=depth)
    hood = network.neighbourhood([start], depth, kinds, limit=1000)
    assert hood.nodes[0] == start and set(hood.nodes) == set(within) and len(hood.nodes) == len(within)
    assert not hood.truncated
    ties = {frozenset((t.source, t.target)): t.weight for t in hood.ties}
    assert ties == {frozenset((a, b)): w for a, b, w in graph.subgraph(within).edges(data="weight")}
    assert len(ties) == len(hood.ties)


@settings(max_examples=60, deadline=None)
@given(corpora(), st.data(), st.integers(1, 3), st.integers(1, 6), st.integers(0, 8))
def test_a_bounded_neighbourhood_stays_within_its_limits_and_connected(
        corpus: Corpus, data: st.DataObject, depth: int, limit: int, max_edges: int) -> None:
    network = corpus.network()
    start = data.draw(st.sampled_from(corpus.nodes()))
    everything = network.neighbourhood([start], depth, None, limit=1000)
    all_ties = network.neighbourhood([start], depth, None, limit=limit)
    hood = network.neighbourhood([start], depth, None, limit=limit, max_edges=max_edges)
    assert hood.nodes == all_ties.nodes == everything.nodes[:limit]  # the first nodes breadth-first
    assert len(hood.ties) == min(max_edges, len(all_ties.ties))
    assert hood.truncated == (len(everything.nodes) > limit or len(all_ties.ties) > max_edges)


def _breadth_first(network, starts: list[str], depth: int, kinds, limit: int, max_edges: int | None):
    """The neighbourhood as its docstring says it, one tie at a time: (nodes, (source, target, weight) ties, truncated)."""
    nodes = [s for s in dict.fromkeys(starts) if s in network.entity_index]
    reached_by, frontier, truncated = set(), list(nodes), False
    wanted = set(kinds) if kinds is not None else RELATED_KINDS
    for _ in range(depth):
        following = []
        for e in frontier:
            for tie in network.ties(e):
                if network.kind(tie.target) not in wanted or tie.target in nodes:
                    continue
                if len(nodes) >= limit:
                    truncated = True
                    break
                nodes.append(tie.target)
                reached_by.add(frozenset((e, tie.target)))
                following.append(tie.target)
        frontier = following
    order = {e: i for i, e in enumerate(network.entity_iris)}
    ties = [(e, t.target, t.weight) for e in nodes for t in network.ties(e)
            if t.target in nodes and order[t.target] > order[e]]
    if max_edges is not None and len(ties) > max_edges:
        ties = sorted(ties, key=lambda t: (frozenset(t[:2]) not in reached_by, -t[2]))[:max_edges]
        truncated = True
    return tuple(nodes), tuple(ties), truncated


@settings(max_examples=100, deadline=None)
@given(corpora(), st.data(), st.integers(0, 3), KIND_SETS, st.integers(1, 8), st.none() | st.integers(1, 10))
def test_a_neighbourhood_is_the_breadth_first_walk_its_docstring_describes(
        corpus: Corpus, data: st.DataObject, depth: int, kinds: set[EntityKind] | None, limit: int,
        max_edges: int | None) -> None:
    network = corpus.network()
    starts = data.draw(st.lists(st.sampled_from(corpus.nodes()), min_size=1, max_size=4))
    hood = network.neighbourhood(starts, depth, kinds, limit, max_edges)
    assert (hood.nodes, tuple((t.source, t.target, t.weight) for t in hood.ties), hood.truncated) \
        == _breadth_first(network, starts, depth, kinds, limit, max_edges)


@settings(max_examples=60, deadline=None)
@given(corpora(), st.data(), st.integers(1, 3), st.integers(1, 8))
def test_with_one_tie_per_node_the_ties_that_reached_the_nodes_are_kept(
        corpus: Corpus, data: st.DataObject, depth: int, limit: int) -> None:
    network = corpus.network()
    start = data.draw(st.sampled_from(corpus.nodes()))
    nodes = network.neighbourhood([start], depth, None, limit=limit).nodes
    hood = network.neighbourhood([start], depth, None, limit=limit, max_edges=len(nodes) - 1)
    view = nx.Graph([(t.source, t.target) for t in hood.ties])
    view.add_nodes_from(hood.nodes)
    assert nx.is_tree(view)  # every node still connected to the start, by the tie that reached it


@settings(max_examples=60, deadline=None)
@given(corpora(), st.data())
def test_expand_preview_counts_neighbours_by_kind_and_stories_by_year(corpus: Corpus, data: st.DataObject) -> None:
    network = corpus.network()
    entity = data.draw(st.sampled_from(corpus.nodes()))
    stories = corpus.stories_of(entity)
    rows = {s.iri: s for s in corpus.stories}
    preview = network.preview(entity)
    partners = _partners(corpus, entity)
    assert preview.stories == len(stories) == network.story_count(entity)
    assert preview.neighbours == len(partners)
    assert preview.by_kind == Counter(corpus.entities[e].kind for e in partners)
    assert preview.by_year == Counter(rows[s].date.year for s in stories if rows[s].date is not None)


def test_a_day_is_not_a_node_and_an_unknown_iri_has_nothing() -> None:
    from graph.network import assemble
    from graph.read import EntityRow, StoryRow
    a, day, story = "http://example.org/e/a", "http://example.org/date/2021-03-10", "http://example.org/story/1"
    network = assemble("1", [StoryRow(story, "t", "s", None, None)],
                       {a: EntityRow(a, EntityKind.PERSON, "A", ()), day: EntityRow(day, EntityKind.DATE, "d", ())},
                       [(story, a), (story, day)])
    assert network.entities_of(story) == [a] and network.tie_count(a) == 0 and network.kind(day) is EntityKind.DATE
    assert network.neighbourhood([day], 2, None, 10).nodes == ()
    preview = network.preview("http://example.org/e/nobody")
    assert (preview.stories, preview.neighbours, preview.by_kind, preview.by_year) == (0, 0, {}, {})


def test_a_walk_that_fails_halfway_leaves_the_next_one_as_if_it_had_never_run(monkeypatch: pytest.MonkeyPatch) -> None:
    # The walk marks its members in arrays it keeps per thread and unmarks them after; one that raises must not
    # leave its marks behind for the next.
    network = sample().network()
    start = max(network.entity_iris, key=network.degree)
    expected = network.neighbourhood([start], 2, None, 50, 3)
    rows, calls = network.tie_arrays, []

    def failing_later(e: int):
        calls.append(e)
        if len(calls) > 2:
            raise RuntimeError("store gone")
        return rows(e)

    monkeypatch.setattr(network, "tie_arrays", failing_later)
    with pytest.raises(RuntimeError):
        network.neighbourhood([start], 2, None, 50, 3)
    monkeypatch.setattr(network, "tie_arrays", rows)
    assert network.neighbourhood([start], 2, None, 50, 3) == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.sampled_from([1, 2, 3, 32766, 32767, 32768, 2**31 - 1])), min_size=1))
def test_the_cut_puts_reached_ties_first_then_heavier_before_lighter_in_their_order(
        ties: list[tuple[bool, int]]) -> None:
    reached = np.array([r for r, _ in ties])
    weights = np.array([w for _, w in ties], dtype=np.int32)
    order = np.argsort(_cut_key(reached, weights), kind="stable").tolist()
    assert order == sorted(range(len(ties)), key=lambda i: (not ties[i][0], -ties[i][1], i))
