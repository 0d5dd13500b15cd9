"""Repeated items in one input are dropped, the last one kept, and counted."""
import datetime as dt

from graph.records import StoryRecord
from graph.sources import deduplicate, jsonl


def _story(title: str, *, day: int = 11, url: str | None = None, guid: str | None = None, item: int = 0) -> StoryRecord:
    return StoryRecord(title=title, summary="S", date=dt.date(2021, 3, day), url=url, guid=guid, item=item)


def test_same_guid_keeps_the_last_once():
    stories = [_story("A", guid="g", item=1), _story("B", item=2), _story("A v2", guid="g", item=3)]
    kept, dropped = deduplicate(stories)
    assert [s.item for s in kept] == [2, 3] and dropped == 1


def test_same_url_or_same_normalised_title_and_date():
    stories = [_story("Hello, World!", item=1), _story("hello world", item=2), _story("hello world", day=12, item=3),
               _story("X", url="https://x/1", item=4), _story("Y", url="https://x/1", item=5)]
    kept, dropped = deduplicate(stories)
    assert [s.item for s in kept] == [2, 3, 5] and dropped == 2


def test_distinct_stories_are_untouched():
    stories = [_story(f"T{i}", guid=f"g{i}") for i in range(5)]
    assert deduplicate(stories) == (stories, 0)


def test_parsers_leave_duplicates_for_the_pipeline_to_count():
    line = '{"title": "T", "date": "2021-03-11", "summary": "S", "id": "g"}'
    parsed = jsonl.parse(f"{line}\n{line}\n")
    assert len(parsed.stories) == 2
    assert deduplicate(parsed.stories)[1] == 1
