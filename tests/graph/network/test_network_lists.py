"""Story and entity lists: filters as specified, orders by recency, name, story count and PageRank."""
from __future__ import annotations

import datetime as dt

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.network import EntityOrder, EntityQuery, StoryOrder, StoryQuery, fold_name
from graph.records import EntityKind
from tests.graph.network.graphs import DAYS, RELATED, Corpus, corpora


@settings(max_examples=60, deadline=None)
@given(corpora(), st.data(), DAYS, DAYS)
def test_stories_match_any_entity_of_each_group_and_the_dates(corpus: Corpus, data: st.DataObject,
                                                             start: dt.date | None, end: dt.date | None) -> None:
    groups = data.draw(st.lists(st.lists(st.sampled_from(corpus.nodes()), max_size=2), max_size=2))
    query = StoryQuery(entities=tuple(tuple(g) for g in groups), start=start, end=end)
    rows = {s.iri: s for s in corpus.stories}
    wanted = {s for s in rows if all(any(s in corpus.stories_of(e) for e in g) for g in groups)}
    if start or end:
        wanted = {s for s in wanted if rows[s].date is not None and (start is None or rows[s].date >= start)
                  and (end is None or rows[s].date <= end)}
    network = corpus.network()
    assert list(network.find_stories(query)) == corpus.newest_first(wanted)
    assert list(network.find_stories(query, StoryOrder.OLDEST)) == corpus.newest_first(wanted)[::-1]


@settings(max_examples=60, deadline=None)
@given(corpora(), st.sets(st.sampled_from(RELATED), min_size=1))
def test_entities_come_by_name_by_story_count_or_by_pagerank(corpus: Corpus, kinds: set[EntityKind]) -> None:
    network = corpus.network()
    query = EntityQuery(kinds=frozenset(kinds))
    by_name = network.find_entities(query)
    assert by_name == sorted((e for e in corpus.nodes() if corpus.entities[e].kind in kinds),
                             key=lambda e: (corpus.entities[e].name.casefold(), e))
    by_stories = network.find_entities(query, EntityOrder.STORY_COUNT)
    assert by_stories == sorted(by_name, key=lambda e: -len(corpus.stories_of(e)))
    graph = nx.Graph((s, e) for s, e in corpus.links if e in corpus.nodes())
    graph.add_nodes_from(s.iri for s in corpus.stories)
    graph.add_nodes_from(corpus.nodes())
    rank = nx.pagerank(graph) if graph.number_of_edges() else {}
    by_rank = network.find_entities(query, EntityOrder.CENTRALITY)
    assert [rank.get(e, 0.0) for e in by_rank] == pytest.approx(sorted((rank.get(e, 0.0) for e in by_name), reverse=True))


@settings(max_examples=60, deadline=None)
@given(corpora(), st.data())
def test_entities_related_to_others_share_a_story_with_each(corpus: Corpus, data: st.DataObject) -> None:
    others = tuple(data.draw(st.lists(st.sampled_from(corpus.nodes()), min_size=1, max_size=2)))
    found = corpus.network().find_entities(EntityQuery(related_to=others))
    assert set(found) == {e for e in corpus.nodes() if all(e != o and corpus.shared(e, o) for o in others)}


def test_an_order_may_be_given_by_its_value() -> None:
    assert EntityOrder("stories") is EntityOrder.STORY_COUNT and StoryOrder("oldest") is StoryOrder.OLDEST


@pytest.mark.parametrize(("needle", "name"), [
    ("sao paulo", "São Paulo"), ("STRASSE", "Hauptstraße"), ("fit", "ﬁtness"), ("cafe", "cafe\u0301"),
    ("ilo", "ILO"),
])
def test_a_name_filter_ignores_case_accents_and_ligatures(needle: str, name: str) -> None:
    assert fold_name(needle) in fold_name(name)


def test_the_name_filter_folds_more_than_the_offset_keeping_extractor_fold() -> None:
    from graph.extract.folding import fold
    assert fold("Straße") == "straße" and fold_name("Straße") == "strasse"
    assert fold("cafe\u0301") != fold_name("cafe\u0301") == "cafe"
