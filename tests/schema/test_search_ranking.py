"""Search ranks names first: entities by their shortest name holding every word, then stories whose title holds
every word, then the other stories, newest imported first; imports keep that order without a rebuild."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from graph.read import EntityRow, GraphReader, StoryRow
from graph.records import EntityKind
from graph.search import LAYOUT, SearchIndex


def _entity(n: int, kind: EntityKind, name: str, *aliases: str) -> EntityRow:
    return EntityRow(f"http://sg.test/entity/{n}", kind, name, aliases)


def _story(n: int, title: str, summary: str) -> StoryRow:
    return StoryRow(f"http://sg.test/story/{n}", title, summary, dt.date(2021, 1, n), None)


ENTITIES = [
    _entity(1, EntityKind.CAMPAIGN, "Programme Officer Guy Ryder of the ILO"),
    _entity(2, EntityKind.CAMPAIGN, "Decent Work Country Programme in Ghana", "DWCP Ghana"),
    _entity(3, EntityKind.ORGANIZATION, "International Labour Organization", "ILO", "International Labour Office"),
    _entity(4, EntityKind.PLACE, "Laos", "Lao People's Democratic Republic", "Laotian"),
    _entity(5, EntityKind.THEME, "Decent work"),
    _entity(6, EntityKind.PERSON, "Guy Dupont"),
    _entity(7, EntityKind.PERSON, "Guy Ryder"),
    _entity(8, EntityKind.PERSON, "Amina Raman", "Amina"),
    _entity(9, EntityKind.PERSON, "Amina Tran"),
]
STORIES = [
    _story(1, "Decent work for all", "A summary about jobs."),
    _story(2, "Jobs in Dhaka", "Guy Ryder spoke about decent work."),
]


def _index(reader: GraphReader, tmp_path: Path) -> SearchIndex:
    index = SearchIndex(reader, tmp_path / "search.sqlite")
    assert index.apply("0", "1", STORIES, ENTITIES, [])
    return index


def _names(index: SearchIndex, text: str, version: str = "1", **kwargs) -> list[str]:
    entities = {e.iri: e.name for e in ENTITIES} | {s.iri: s.title for s in [*STORIES, *MORE]}
    return [entities[hit.iri] for hit in index.search(text, version=version, **kwargs)]


MORE = [_story(3, "Decent work in Dhaka", "A new story."), _story(4, "Farming news", "Decent work on farms.")]


def test_entities_come_first_the_shortest_name_first_then_stories_with_every_word_in_the_title(reader, tmp_path) -> None:
    assert _names(_index(reader, tmp_path), "decent work") == [
        "Decent work", "Decent Work Country Programme in Ghana", "Decent work for all", "Jobs in Dhaka"]


def test_an_alias_that_is_the_word_itself_ranks_its_entity_above_longer_names(reader, tmp_path) -> None:
    index = _index(reader, tmp_path)
    assert _names(index, "ilo")[:2] == ["International Labour Organization", "Programme Officer Guy Ryder of the ILO"]
    # A word inside a long alias counts that alias's length: the theme's own two-word name goes first.
    assert _names(index, "de", kinds=["theme", "place"]) == ["Decent work", "Laos"]


def test_at_equal_length_the_name_goes_before_an_alias(reader, tmp_path) -> None:
    index = _index(reader, tmp_path)
    hits = index.search("amina", version="1")
    assert [h.iri for h in hits] == [ENTITIES[7].iri, ENTITIES[8].iri]
    assert hits[0].score == hits[1].score  # "Amina" (an alias, one more than its one token) ties "Amina Raman"


def test_a_one_letter_word_narrows_and_ranks_like_any_other(reader, tmp_path) -> None:
    index = _index(reader, tmp_path)
    assert _names(index, "guy d") == ["Guy Dupont", "Jobs in Dhaka"]
    assert _names(index, "guy r")[:2] == ["Guy Ryder", "Programme Officer Guy Ryder of the ILO"]


def test_scores_fall_with_the_order(reader, tmp_path) -> None:
    scores = [h.score for h in _index(reader, tmp_path).search("decent work", version="1")]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores)


def test_types_keep_the_order_among_what_they_allow(reader, tmp_path) -> None:
    index = _index(reader, tmp_path)
    assert _names(index, "guy", kinds=["person"]) == ["Guy Dupont", "Guy Ryder"]
    assert _names(index, "decent", kinds=["story"]) == ["Decent work for all", "Jobs in Dhaka"]


def test_an_import_adds_stories_newest_first_within_their_rank_without_a_rebuild(reader, tmp_path) -> None:
    index = _index(reader, tmp_path)
    assert _names(index, "decent work", kinds=["story"]) == ["Decent work for all", "Jobs in Dhaka"]
    assert index.apply("1", "2", MORE, [], [])
    assert _names(index, "decent work", version="2", kinds=["story"]) == [
        "Decent work in Dhaka", "Decent work for all", "Farming news", "Jobs in Dhaka"]
    assert index.builds == 1  # the first import's build only


def test_an_index_whose_aliases_were_joined_by_spaces_is_rebuilt_by_its_keeper(reader, tmp_path) -> None:
    path = tmp_path / "search.sqlite"
    SearchIndex(reader, path).search("ilo")
    with sqlite3.connect(path) as conn:  # as the previous layout stamped it
        conn.execute("UPDATE meta SET value = 'prefix-1234' WHERE key = 'layout'")
    again = SearchIndex(reader, path)
    assert not again.apply(reader.version(), "9" + reader.version(), [], [], [])  # not updated in place
    assert again.search("ilo") and again.builds == 1
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'layout'").fetchone() == (LAYOUT,)
