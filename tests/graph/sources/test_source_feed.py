"""RSS 2.0, RSS 1.0 and Atom feeds become plain-text stories; broken feeds are clear errors."""
import datetime as dt
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from graph.records import SourceError
from graph.sources import feed, parse

DATA = Path(__file__).resolve().parents[2] / "data" / "sources"


def _rss(items: str) -> str:
    return f'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>t</title>\n{items}</channel></rss>\n'


def test_rss2_fields_become_story_fields():
    stories = parse(DATA / "rss2.xml").stories
    first = stories[0]
    assert first.title == "Laura Pausini: Education and music empowers children"
    assert first.url == "https://www.ilo.org/news/laura-pausini"
    assert first.guid == "ilo-2021-03-10-pausini"
    assert (first.date, first.date_text) == (dt.date(2021, 3, 10), "Wed, 10 Mar 2021 09:00:00 +0100")
    assert first.categories == ("Child labour", "Music")
    assert first.summary == ("The Music Against Child Labour Initiative's international song competition will be "
                             "judged by Grammy and Golden Globe Winner, Laura Pausini.")
    assert (first.item, first.line) == (1, 7)


def test_script_in_a_title_is_removed_and_the_rest_kept_as_text():
    title = parse(DATA / "rss2.xml").stories[1].title
    assert title == "ILO & FAO join forces to keep logging safe"


def test_html_summary_is_stripped_including_styles_and_entities():
    summary = parse(DATA / "rss2.xml").stories[1].summary
    assert summary == "The COVID-19 pandemic has had a significant impact on logging operations around the world."


def test_date_is_the_one_written_in_the_items_own_zone():
    assert parse(DATA / "rss2.xml").stories[1].date == dt.date(2021, 1, 26)


def test_content_encoded_and_dc_date_are_used_when_description_and_pubdate_are_missing():
    story = parse(DATA / "rss2.xml").stories[2]
    assert story.summary == "Working from home has long been an important feature of the world of work."
    assert story.date == dt.date(2021, 1, 13)
    assert story.guid == story.url == "https://www.ilo.org/news/homeworkers"


def test_rss1_rdf_feed():
    stories = parse(DATA / "rss1.rdf").stories
    assert [(s.title, s.date) for s in stories] == [
        ("A circular economy can promote decent work", dt.date(2021, 2, 16)),
        ("Where next for the automotive industry?", dt.date(2021, 2, 19))]
    assert stories[0].categories == ("Green jobs",)


def test_atom_feed_with_html_title_and_xhtml_content():
    stories = parse(DATA / "atom.xml").stories
    assert stories[0].title == "JONA OAK and fellow artists on women and the world of work"
    assert stories[0].date == dt.date(2021, 3, 11)  # published wins over updated
    assert stories[0].guid == "tag:ilo.org,2021:jona-oak"
    assert stories[0].categories == ("Gender equality", "Music")
    assert stories[1].summary == "Iconic actor Sophia Loren calls for stronger social security policies."
    assert stories[1].date == dt.date(2021, 3, 8)


def test_malformed_xml_is_an_error_with_its_line():
    with pytest.raises(SourceError) as error:
        parse(DATA / "malformed.xml", source="malformed.xml")
    [problem] = error.value.problems
    assert problem.line == 6
    assert str(problem).startswith("malformed.xml:6: malformed XML: not well-formed")


def test_malformed_xml_with_skip_keeps_what_could_be_read_and_reports_the_xml_error():
    result = parse(DATA / "malformed.xml", skip_invalid=True)
    assert [s.title for s in result.stories] == ["Fish & chips"]
    assert [p.line for p in result.problems] == [6]


def test_html_page_is_not_a_feed():
    with pytest.raises(SourceError, match=r"not an RSS or Atom feed: found <html>"):
        parse(b"<!DOCTYPE html>\n<html><body><p>hi</p></body></html>", source="page.html")


def test_feed_without_items():
    with pytest.raises(SourceError, match="the feed has no items"):
        feed.parse(_rss(""))


def test_items_without_title_or_date_are_reported_by_item_and_line():
    text = _rss("<item><title>Good</title><pubDate>2021-03-11</pubDate><description>S</description></item>\n"
                "<item><title> </title><pubDate>2021-03-11</pubDate><description>S</description></item>\n"
                "<item><title>No date</title><description>S</description></item>\n"
                "<item><title>Bad date</title><pubDate>someday</pubDate><description>S</description></item>\n")
    with pytest.raises(SourceError) as error:
        feed.parse(text, source="f.xml")
    problems = error.value.problems
    assert [(p.item, p.line) for p in problems] == [(2, 4), (3, 5), (4, 6)]
    assert "the title is empty" in problems[0].message
    assert "the date is missing; expected a date such as '11 March 2021'" in problems[1].message
    assert "could not read the date 'someday'" in problems[2].message
    result = feed.parse(text, source="f.xml", skip_invalid=True)
    assert [s.title for s in result.stories] == ["Good"] and len(result.problems) == 3


def test_feed_with_ten_thousand_items():
    items = "".join(f"<item><title>Story {i} &amp; more</title><guid>g{i}</guid><pubDate>Thu, 11 Mar 2021 09:00:00 GMT</pubDate>"
                    f"<description>{escape('<p>Summary</p>')} {i}</description></item>\n" for i in range(10_000))
    stories = parse(_rss(items).encode()).stories
    assert len(stories) == 10_000
    assert (stories[-1].title, stories[-1].summary, stories[-1].guid, stories[-1].line) == (
        "Story 9999 & more", "Summary 9999", "g9999", 10_002)


def test_latin1_feed_is_decoded_by_its_xml_declaration():
    data = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<rss version="2.0"><channel><item><title>Caf\xe9</title>'
            '<pubDate>2021-03-11</pubDate><description>Cr\xe8me</description></item></channel></rss>').encode("latin-1")
    [story] = parse(data).stories
    assert (story.title, story.summary) == ("Café", "Crème")


def test_text_that_is_a_path_or_url_is_never_fetched():
    with pytest.raises(SourceError):
        feed.parse("https://example.org/feed.xml")
    with pytest.raises(SourceError):
        feed.parse(str(DATA / "rss2.xml"))
