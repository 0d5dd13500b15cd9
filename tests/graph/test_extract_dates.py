"""Dates named in the text."""
from graph.extract import Extractor
from graph.records import EntityKind, StoryRecord


def dates(summary: str) -> list[tuple[str, str]]:
    return [(m.text, m.key) for m in Extractor().extract(StoryRecord("x", summary, None)) if m.kind is EntityKind.DATE]


def test_a_range_gives_its_first_and_last_day():
    assert dates("the meeting (15-19 February 2021) ended") == [
        ("15-19 February 2021", "2021-02-15"), ("15-19 February 2021", "2021-02-19")]


def test_month_first_and_iso_dates():
    assert dates("on March 8, 2021 and 2021-03-10") == [("March 8, 2021", "2021-03-08"), ("2021-03-10", "2021-03-10")]


def test_month_and_year_alone_is_not_a_date():
    assert dates("in February 2021") == []
