"""JSON Lines: documented keys read, unknown keys ignored, each bad line reported by number."""
import datetime as dt
import json
from pathlib import Path

import pytest

from graph.records import SourceError
from graph.sources import jsonl, parse

DATA = Path(__file__).resolve().parents[2] / "data" / "sources"


def _line(**fields) -> str:
    return json.dumps(fields)


def test_documented_keys_become_story_fields():
    stories = parse(DATA / "stories.jsonl").stories
    first = stories[0]
    assert (first.title, first.date, first.url, first.guid) == (
        "Laura Pausini: Education and music empowers children", dt.date(2021, 3, 10),
        "https://www.ilo.org/news/laura-pausini", "pausini")
    assert first.categories == ("Child labour", "Music")
    assert stories[1].categories == ("Forestry", "Safety")
    assert stories[1].summary == "The COVID-19 pandemic has had a significant impact on logging operations."
    assert [s.line for s in stories] == [1, 3, 4]
    assert stories[2].date_text == "Wed, 13 Jan 2021 08:00:00 GMT"


def test_invalid_json_and_non_objects_are_reported_with_line_numbers():
    good = _line(title="T", date="2021-03-11", summary="S")
    text = "\n".join([good, '{"title": "T", "date": ', "[1, 2]", '"text"', good])
    with pytest.raises(SourceError) as error:
        jsonl.parse(text, source="s.jsonl")
    problems = error.value.problems
    assert [p.line for p in problems] == [2, 3, 4]
    assert problems[0].message.startswith("invalid JSON: Expecting value at column 24")
    assert "found an array; expected a JSON object" in problems[1].message
    assert "found a string" in problems[2].message
    assert len(jsonl.parse(text, skip_invalid=True).stories) == 2


def test_missing_key_names_the_keys_found():
    with pytest.raises(SourceError, match=r"s.jsonl:1 \(item 1\): missing date; found: title, summary, published"):
        jsonl.parse(_line(title="T", summary="S", published="2021-03-11"), source="s.jsonl")


def test_wrong_types_and_empty_title():
    text = "\n".join([_line(title=5, date="2021-03-11", summary="S"),
                      _line(title="", date="2021-03-11", summary="S"),
                      _line(title="T", date="2021-03-11", summary="S", categories=[1])])
    with pytest.raises(SourceError) as error:
        jsonl.parse(text)
    messages = [p.message for p in error.value.problems]
    assert messages[0] == "title must be text, found int: '5'"
    assert messages[1] == "the title is empty; expected a headline"
    assert "categories must be a list of strings" in messages[2]


def test_numeric_id_is_accepted_as_text():
    [story] = jsonl.parse(_line(title="T", date="2021-03-11", summary="S", id=42)).stories
    assert story.guid == "42"


def test_json_array_gets_a_conversion_hint():
    with pytest.raises(SourceError, match=r"JSON array; expected JSON Lines.*jq -c"):
        parse(b'[{"title": "T"}]')


def test_overlong_fields_are_error_items():
    text = _line(title="T" * 1_001, date="2021-03-11", summary="S" * 100_001)
    with pytest.raises(SourceError) as error:
        jsonl.parse(text)
    assert error.value.problems[0].message == (
        "the title is 1,001 characters long; at most 1,000 are allowed; "
        "the summary is 100,001 characters long; at most 100,000 are allowed")
