"""Lookups by IRI: rows, a story's entities, an entity's stories newest first, recency, degree."""
from __future__ import annotations

import datetime as dt

from graph.read import StoryRow
from graph.records import EntityKind
from tests.graph.network.graphs import BASE, sample

ILO, LAURA, GENEVA, DAY = f"{BASE}e/ilo", f"{BASE}e/laura", f"{BASE}e/geneva", f"{BASE}date/2021-03-10"
NEW, OLD, UNDATED = (f"{BASE}story/{i}" for i in range(3))


def test_stories_are_numbered_newest_first_with_undated_ones_last() -> None:
    assert sample().network().story_iris == [NEW, OLD, UNDATED]


def test_rows_come_back_as_they_went_in() -> None:
    network = sample().network()
    assert network.story_row(NEW) == StoryRow(NEW, "Title 0", "Summary 0", dt.date(2021, 3, 10), None)
    assert network.story_row(UNDATED) == StoryRow(UNDATED, "Title 2", "Summary 2", None, None)
    assert network.entity_row(ILO).name == "Ilo" and network.kind(DAY) is EntityKind.DATE
    assert network.story_row(ILO) is None and network.entity_row(NEW) is None and network.kind(NEW) is None


def test_a_story_lists_its_entities_but_not_its_day() -> None:
    assert sample().network().entities_of(NEW) == [ILO, LAURA]


def test_an_entity_lists_its_stories_newest_first_and_pages_them() -> None:
    network = sample().network()
    assert list(network.stories_of(ILO)) == [NEW, OLD] and network.stories_of(ILO)[1:] == [OLD]
    assert network.stories_of(ILO)[-1] == OLD and len(network.stories_of(f"{BASE}e/nobody")) == 0
    assert network.story_count(LAURA) == 2 and network.story_count(DAY) == 0


def test_stories_by_recency_drop_unknown_iris_and_repeats() -> None:
    assert sample().network().by_recency([UNDATED, NEW, "x", NEW, OLD]) == [NEW, OLD, UNDATED]


def test_degree_is_distinct_partners_of_an_entity_or_entities_of_a_story() -> None:
    network = sample().network()
    assert (network.degree(ILO), network.degree(GENEVA), network.degree(NEW), network.degree("x")) == (2, 1, 2, 0)
    assert network.has(ILO) and network.has(NEW) and not network.has(DAY)
