"""Dates in the shapes feeds and listings really use."""
import datetime as dt

import pytest

from graph.sources.dates import parse_date

MARCH_11 = dt.date(2021, 3, 11)


@pytest.mark.parametrize("text", [
    "11 March 2021", "March 11, 2021", "11 Mar 2021", "2021-03-11", "Mar. 11, 2021", "11th March 2021",
    "Thursday, 11 March 2021", "11-Mar-2021", "2021/03/11", "  11   March\t2021 ",
    "Thu, 11 Mar 2021 10:00:00 GMT", "Thu, 11 Mar 2021 10:00:00 +0100", "11 Mar 21 10:00 GMT",
    "2021-03-11T10:00:00Z", "2021-03-11T10:00:00.123+05:30", "2021-03-11 10:00",
])
def test_reads_the_date_formats_sources_use(text):
    assert parse_date(text) == MARCH_11


def test_timestamp_keeps_the_date_of_its_own_zone():
    assert parse_date("Thu, 11 Mar 2021 23:30:00 -0500") == MARCH_11
    assert parse_date("2021-03-11T23:30:00-05:00") == MARCH_11


@pytest.mark.parametrize("text", ["", "soon", "31 February 2021", "2021-13-01", "11 Smarch 2021", "May 2021", "x" * 500])
def test_unreadable_dates_are_none_not_errors(text):
    assert parse_date(text) is None
