"""CSV with a header: documented columns read, others ignored, a missing column is one clear error."""
import datetime as dt
from pathlib import Path

import pytest

from graph.records import SourceError
from graph.sources import csv, parse

DATA = Path(__file__).resolve().parents[2] / "data" / "sources"


def test_documented_columns_become_story_fields():
    stories = parse(DATA / "stories.csv").stories
    first = stories[0]
    assert (first.title, first.date, first.url, first.guid, first.categories) == (
        "Laura Pausini: Education and music empowers children", dt.date(2021, 3, 10),
        "https://www.ilo.org/news/laura-pausini", "pausini", ("Child labour", "Music"))
    assert first.summary == "The Music Against Child Labour Initiative's song competition, judged by Laura Pausini."


def test_quoted_multiline_field_and_line_numbers():
    stories = parse(DATA / "stories.csv").stories
    assert stories[1].summary == ('The automotive industry is faced with disruption, from the COVID-19 pandemic '
                                  'and a "digital revolution".')
    assert [s.line for s in stories] == [2, 3, 5]
    assert (stories[1].url, stories[1].guid, stories[1].categories) == (None, None, ())


def test_missing_column_is_one_error_naming_the_columns_found():
    with pytest.raises(SourceError) as error:
        csv.parse("Title,Published,Summary\nT,2021-03-11,S\nU,2021-03-12,S\n", source="s.csv")
    [problem] = error.value.problems
    assert str(problem) == ("s.csv:1: missing column date; the header has 'title', 'published', 'summary'; "
                            "required columns: title, date, summary; optional: url, id (a stable identifier), categories")


def test_semicolon_and_tab_delimited_files():
    semicolon = csv.parse('title;date;summary;categories\nT;2021-03-11;S, with comma;"a;b"\n').stories[0]
    assert (semicolon.summary, semicolon.categories) == ("S, with comma", ("a", "b"))
    tab = csv.parse("title\tdate\tsummary\tcategories\nT\t2021-03-11\tS\ta;b\n").stories[0]
    assert (tab.title, tab.summary, tab.categories) == ("T", "S", ("a", "b"))


def test_row_with_too_many_fields_suggests_quoting():
    with pytest.raises(SourceError, match=r"s.csv:3 \(item 2\): the row has 4 fields but the header has 3; quote fields"):
        csv.parse("title,date,summary\nT,2021-03-11,S\nU,2021-03-12,S, with a comma\n", source="s.csv")


def test_empty_title_and_bad_date_rows():
    text = "title,date,summary\n,2021-03-11,S\nT,not a date,S\nOK,11 March 2021,S\n"
    with pytest.raises(SourceError) as error:
        csv.parse(text)
    assert [(p.line, p.item) for p in error.value.problems] == [(2, 1), (3, 2)]
    result = csv.parse(text, skip_invalid=True)
    assert [s.title for s in result.stories] == ["OK"]


def test_short_row_reports_the_missing_values():
    with pytest.raises(SourceError, match="the date is missing"):
        csv.parse("title,date,summary\nOnly a title\n")


def test_header_only():
    with pytest.raises(SourceError, match="no rows after the header"):
        csv.parse("title,date,summary\n")
