"""Generated inputs in every format parse to exactly the generated stories; corrupted ones fail cleanly."""
import csv
import datetime as dt
import io
import json
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from graph.records import SourceError
from graph.sources import parse
from graph.sources.listing import _NUMBER, _is_date_line

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéèàçñüÖøÅ"
WORD = st.text(alphabet=LETTERS + "0123456789'’\"()-–,.:!?", min_size=1, max_size=10).filter(lambda w: w[0] in LETTERS)
PHRASE = st.lists(WORD, min_size=1, max_size=8).map(" ".join)
DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))
LISTING_DATE_FORMATS = ["%d %B %Y", "%B %d, %Y", "%d %b %Y", "%Y-%m-%d", "%a, %d %b %Y 10:00:00 GMT"]


def _plain_line(text: str) -> bool:
    return not _NUMBER.match(text) and not _is_date_line(text)


@st.composite
def stories(draw, min_size=1, max_size=6):
    items = draw(st.lists(st.tuples(PHRASE.filter(_plain_line), DATES,
                                    st.lists(PHRASE.filter(_plain_line), min_size=1, max_size=3)),
                          min_size=min_size, max_size=max_size))
    return [(title, date, lines) for title, date, lines in items]


@st.composite
def listings(draw):
    items = draw(stories())
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    compact = draw(st.booleans())
    out = ["\ufeff"] if draw(st.booleans()) else []

    def line(text: str) -> None:
        indent = draw(st.sampled_from(["", " ", "  ", "\t", "    "]))
        trailing = draw(st.sampled_from(["", " ", "\t"]))
        out.append(f"{indent}{text}{trailing}{newline}")

    def gap() -> None:
        if not compact:
            out.extend([newline] * draw(st.integers(1, 2)))

    for number, (title, date, lines) in enumerate(items, start=1):
        prefix = draw(st.sampled_from([f"{number}. ", f"{number}) ", ""]))
        line(prefix + title)
        gap()
        line(date.strftime(draw(st.sampled_from(LISTING_DATE_FORMATS))))
        gap()
        for text in lines:
            line(text)
        gap()
    return "".join(out).encode(), items


def _rss(items) -> bytes:
    body = "".join(f"<item><title>{escape(t)}</title><pubDate>{d:%a, %d %b %Y} 12:00:00 +0000</pubDate>"
                   f"<description>{escape('<p>' + ' '.join(s) + '</p>')}</description></item>\n" for t, d, s in items)
    return f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>x</title>\n{body}</channel></rss>'.encode()


def _atom(items) -> bytes:
    body = "".join(f"<entry><title>{escape(t)}</title><id>urn:x:{i}</id><updated>{d.isoformat()}T12:00:00+02:00</updated>"
                   f"<summary>{escape(' '.join(s))}</summary></entry>\n" for i, (t, d, s) in enumerate(items))
    return f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>\n{body}</feed>'.encode()


def _jsonl(items) -> bytes:
    return "".join(json.dumps({"title": t, "date": d.isoformat(), "summary": " ".join(s), "extra": 1}) + "\n"
                   for t, d, s in items).encode()


def _csv(items) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["title", "date", "summary", "categories"])
    writer.writerows((t, d.strftime("%d %B %Y"), " ".join(s), "a;b") for t, d, s in items)
    return out.getvalue().encode()


def _assert_same(data: bytes, items) -> None:
    parsed = parse(data, source="<generated>").stories
    assert [(s.title, s.date, s.summary) for s in parsed] == [(t, d, " ".join(s)) for t, d, s in items]


@SETTINGS
@given(listings())
def test_generated_listings_parse_to_exactly_their_stories(case):
    data, items = case
    _assert_same(data, items)


@SETTINGS
@given(stories(), st.sampled_from([_rss, _atom, _jsonl, _csv]))
def test_generated_feeds_jsonl_and_csv_parse_to_exactly_their_stories(items, render):
    _assert_same(render(items), items)


def _corrupt(data: bytes, draw) -> bytes:
    operation = draw(st.sampled_from(["truncate", "delete", "insert", "flip", "duplicate"]))
    at = draw(st.integers(0, len(data)))
    if operation == "truncate":
        return data[:at]
    if operation == "delete":
        return data[:at] + data[at + draw(st.integers(1, 40)):]
    if operation == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=20)) + data[at:]
    if operation == "flip":
        return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    return data[:at] + data[max(0, at - 30):at] + data[at:]


@SETTINGS
@given(st.data(), stories(max_size=4), st.sampled_from([_rss, _atom, _jsonl, _csv, None]))
def test_corrupted_inputs_parse_or_raise_source_error_only(data, items, render):
    document = render(items) if render else data.draw(listings())[0]
    for _ in range(data.draw(st.integers(1, 3))):
        document = _corrupt(document, data.draw)
    assume(document)
    for skip in (False, True):
        try:
            result = parse(document, source="<corrupt>", skip_invalid=skip)
        except SourceError as error:
            assert error.problems and all(str(p) for p in error.problems)
        else:
            assert all(s.title and s.summary and s.date for s in result.stories)
