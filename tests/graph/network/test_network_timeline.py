"""Timelines count dated stories per day, month or year, oldest first, for the graph or some entities."""
from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.network import Granularity
from tests.graph.network.graphs import Corpus, corpora

LABEL = {Granularity.YEAR: 4, Granularity.MONTH: 7, Granularity.DAY: 10}  # characters of an ISO date


def _expected(corpus: Corpus, stories: set[str], granularity: Granularity) -> list[tuple[str, int]]:
    rows = {s.iri: s for s in corpus.stories}
    counts = Counter(rows[s].date.isoformat()[:LABEL[granularity]] for s in stories if rows[s].date is not None)
    return sorted(counts.items())


@settings(max_examples=60, deadline=None)
@given(corpora(), st.sampled_from(list(Granularity)))
def test_the_graphs_timeline_counts_every_dated_story_once(corpus: Corpus, granularity: Granularity) -> None:
    network = corpus.network()
    assert network.timeline(None, granularity) == _expected(corpus, {s.iri for s in corpus.stories}, granularity)
    assert network.timeline(None, granularity) is network.timeline(None, granularity)  # kept for the version


@settings(max_examples=60, deadline=None)
@given(corpora(), st.data(), st.sampled_from(list(Granularity)))
def test_an_entity_timeline_counts_the_stories_of_any_of_the_entities_once(
        corpus: Corpus, data: st.DataObject, granularity: Granularity) -> None:
    entities = data.draw(st.lists(st.sampled_from(corpus.nodes()), max_size=3))
    stories = set().union(*(corpus.stories_of(e) for e in entities))
    assert corpus.network().timeline(entities, granularity) == _expected(corpus, stories, granularity)


def test_periods_read_as_iso_prefixes() -> None:
    import datetime as dt
    import numpy as np
    from graph.network.timeline import count_periods
    days = np.array([dt.date(2021, 3, 10).toordinal(), dt.date(2021, 3, 11).toordinal(), 0,
                     dt.date(2020, 12, 31).toordinal()], dtype=np.int32)
    assert count_periods(days, Granularity.YEAR) == [("2020", 1), ("2021", 2)]
    assert count_periods(days, Granularity.MONTH) == [("2020-12", 1), ("2021-03", 2)]
    assert count_periods(days, Granularity.DAY) == [("2020-12-31", 1), ("2021-03-10", 1), ("2021-03-11", 1)]
