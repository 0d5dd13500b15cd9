"""The listing format: the seed and every irregular way people write it."""
import datetime as dt
import json
from pathlib import Path

import pytest

from graph.records import SourceError
from graph.sources import listing, parse

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "seeds" / "ilo-news-2021.txt"
DATA = ROOT / "tests" / "data" / "sources"


def test_seed_gives_exactly_its_twenty_stories():
    gold = json.loads((ROOT / "tests" / "seed-gold.json").read_text())
    stories = parse(SEED).stories
    # The gold file writes typographic quotes as ASCII ones; the parser keeps the seed's own characters.
    ascii_quotes = str.maketrans("\u2018\u2019", "''")
    assert [(s.item, s.title.translate(ascii_quotes), s.date.isoformat()) for s in stories] == [
        (g["n"], g["title"], g["date"]) for g in gold]
    assert stories[15].title == "\u2018Action pledges\u2019 needed to end child labour"


def test_seed_summaries_are_the_paragraph_after_each_date():
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    expected = [lines[i + 2] for i in range(0, len(lines), 3)]
    stories = parse(SEED).stories
    assert [s.summary for s in stories] == expected
    assert stories[8].title == "Interview with Ms Erika Liévano"
    assert stories[0].date_text == "11 March 2021" and stories[0].line == 1 and stories[0].source == str(SEED)


def test_irregular_listing_with_bom_crlf_tabs_missing_numbers_and_wrapped_summaries():
    stories = parse(DATA / "irregular-listing.txt").stories
    assert [(s.title, s.date) for s in stories] == [
        ("JONA OAK and fellow artists on women and the world of work", dt.date(2021, 3, 11)),
        ("Laura Pausini: Education and music empowers children", dt.date(2021, 3, 10)),
        ("Sophia Loren: Time to remove the barriers women face", dt.date(2021, 3, 8)),
    ]
    assert stories[0].summary == ('Musician JONA OAK, writer and composer of the ILO song "We Sing", joins her artist '
                                  "collaborators to discuss the qualities women bring to the world of work.")
    assert stories[2].summary == "Iconic actor Sophia Loren calls for stronger social security policies. It is time to act."
    assert [s.line for s in stories] == [1, 10, 15]


def test_items_written_without_blank_lines():
    text = "1. First\n11 March 2021\nSummary one\ncontinues.\n2. Second\n10 March 2021\nSummary two.\n"
    stories = listing.parse(text).stories
    assert [(s.title, s.summary) for s in stories] == [("First", "Summary one continues."), ("Second", "Summary two.")]


def test_unnumbered_items_without_blank_lines_take_the_line_before_the_date_as_title():
    text = "First\n11 March 2021\nSummary one.\nSecond\n10 March 2021\nSummary two.\n"
    assert [s.title for s in listing.parse(text).stories] == ["First", "Second"]


def test_numbered_title_without_a_date_is_reported_with_its_line():
    text = "1. First\n\n11 March 2021\n\nSummary one.\n\n2. Lost title\n\nSummary two.\n\n3. Third\n\n09 March 2021\n\nSummary three.\n"
    with pytest.raises(SourceError) as error:
        listing.parse(text, source="news.txt")
    [problem] = error.value.problems
    assert (problem.source, problem.line) == ("news.txt", 7)
    assert "item 2 has no date line" in problem.message
    assert str(problem).startswith("news.txt:7 ")


def test_unreadable_date_is_reported_on_the_date_line_and_other_items_survive_with_skip():
    text = "1. First\n\n31 February 2021\n\nSummary one.\n\n2. Second\n\n10 March 2021\n\nSummary two.\n"
    with pytest.raises(SourceError) as error:
        listing.parse(text, source="news.txt")
    assert [(p.line, p.item) for p in error.value.problems] == [(3, 1)]
    assert "could not read the date '31 February 2021'; expected a date such as '11 March 2021'" in str(error.value)
    result = listing.parse(text, source="news.txt", skip_invalid=True)
    assert [s.title for s in result.stories] == ["Second"]
    assert len(result.problems) == 1


def test_all_problems_are_reported_at_once():
    text = "Intro text.\n\n1. A\n\n31 February 2021\n\nS.\n\n2. B\n\n99 March 2021\n\nS.\n\n3.   \n\n11 March 2021\n\nS.\n"
    with pytest.raises(SourceError) as error:
        listing.parse(text, source="x.txt")
    assert [p.line for p in error.value.problems] == [1, 5, 11, 15]
    assert "and 3 more problems" in str(error.value)


def test_date_line_without_title_and_story_without_summary():
    with pytest.raises(SourceError) as error:
        listing.parse("11 March 2021\n\nSummary.\n\n2. Title\n\n10 March 2021\n")
    messages = [p.message for p in error.value.problems]
    assert any("expected a title line" in m for m in messages)
    assert any("summary is empty" in m for m in messages)


def test_text_without_any_date_is_one_clear_error():
    with pytest.raises(SourceError, match="no story found; expected a title line, then a date line"):
        listing.parse("Just some text.\nNo dates here.\n", source="notes.txt")


def test_titles_that_merely_contain_numbers_are_not_dates():
    text = "5 things 2021 taught us\n\n11 March 2021\n\nA summary with 2021. In it.\n"
    [story] = listing.parse(text).stories
    assert story.title == "5 things 2021 taught us"


def test_html_in_a_listing_is_stripped():
    [story] = listing.parse("<b>Bold</b> title<script>x()</script>\n\n11 March 2021\n\nA &amp; B.\n").stories
    assert (story.title, story.summary) == ("Bold title", "A & B.")
