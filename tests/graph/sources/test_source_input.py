"""Whole-input handling: decoding, format detection, standard input, and inputs that are not stories."""
import json
from pathlib import Path

import pytest

from graph.records import SourceError
from graph.sources import FORMATS, decode, detect, parse

DATA = Path(__file__).resolve().parents[2] / "data" / "sources"
SEED = Path(__file__).resolve().parents[3] / "seeds" / "ilo-news-2021.txt"

FILES = {"listing": SEED, "feed": DATA / "rss2.xml", "jsonl": DATA / "stories.jsonl", "csv": DATA / "stories.csv"}


@pytest.mark.parametrize("fmt", sorted(FILES))
def test_standard_input_bytes_are_detected_and_parsed(fmt):
    data = FILES[fmt].read_bytes()
    assert detect(decode(data, "<stdin>"), "<stdin>") == fmt
    result = parse(data, source="<stdin>")
    assert result.stories and all(s.source == "<stdin>" for s in result.stories)
    assert result.stories == parse(FILES[fmt], source="<stdin>").stories


@pytest.mark.parametrize("head, fmt", [
    ("<rss version='2.0'>", "feed"),
    ('<?xml version="1.0"?>\n<!-- c -->\n<rdf:RDF xmlns:rdf="x">', "feed"),
    ("\n\n  <feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
    ('{"title": "T"}\n{"title": "U"}', "jsonl"),
    ("Title,Date,Summary\nT,2021-03-11,S", "csv"),
    ("url;title;date\nu;T;2021-03-11", "csv"),
    ("1. Title\n\n11 March 2021\n\nSummary", "listing"),
    ("Title, with a comma\n\n11 March 2021\n\nSummary", "listing"),
])
def test_detection_reads_the_content(head, fmt):
    assert detect(head) == fmt


def test_file_name_only_breaks_ties():
    assert detect("title\nT") == "listing"
    assert detect("title\nT", "stories.csv") == "csv"
    assert detect('{"title": "T"}', "stories.txt") == "jsonl"


def test_format_can_be_forced_and_unknown_formats_are_named():
    assert len(parse(SEED.read_bytes(), "listing").stories) == 20
    with pytest.raises(SourceError, match="unknown format 'rss'; use one of: auto, csv, feed, jsonl, listing"):
        parse(SEED.read_bytes(), "rss")
    assert set(FORMATS) == {"listing", "feed", "jsonl", "csv"}


def test_non_utf8_input_names_the_line_and_what_to_do():
    data = "1. Caf\xe9 story\n\n11 March 2021\n\nS.\n".encode("latin-1")
    with pytest.raises(SourceError) as error:
        parse(data, source="latin.txt")
    [problem] = error.value.problems
    assert problem.line == 1
    assert str(problem) == ("latin.txt:1: not valid UTF-8 (byte 0xe9 at column 7); convert the file to UTF-8 first, "
                            "e.g. iconv -f latin1 -t utf-8")


def test_non_utf8_on_a_later_line():
    data = b'{"title": "a", "date": "2021-03-11", "summary": "s"}\n{"title": "\xff"}\n'
    with pytest.raises(SourceError, match=r"<stdin>:2: not valid UTF-8"):
        parse(data, source="<stdin>")


def test_utf16_with_bom_is_read():
    assert len(parse(SEED.read_text(encoding="utf-8").encode("utf-16")).stories) == 20


@pytest.mark.parametrize("data", [b"", b"   \n\r\n\t ", b"\xef\xbb\xbf\n"])
def test_empty_input(data):
    with pytest.raises(SourceError, match="empty.txt: the input is empty; expected at least one story"):
        parse(data, source="empty.txt")


@pytest.mark.parametrize("data, what", [
    (bytes(range(256)) * 4, "looks binary"),
    (b"\x1f\x8b\x08\x00" + bytes(100), "gzip-compressed; decompress it first"),
    (b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "a PDF document"),
    (b"PK\x03\x04\x14\x00", "a ZIP archive"),
])
def test_binary_input(data, what):
    with pytest.raises(SourceError, match=what):
        parse(data, source="blob")


def test_missing_file_is_a_source_error(tmp_path):
    with pytest.raises(SourceError, match="cannot read the file: No such file"):
        parse(tmp_path / "nope.txt")


FIFTY_MB = 50_000_000


@pytest.mark.parametrize("fmt", ["listing", "jsonl", "csv", "feed"])
def test_a_50_megabyte_single_line_fails_fast_with_a_clear_message(fmt):
    big = "a" * FIFTY_MB
    data = {
        "listing": big,
        "jsonl": json.dumps({"title": "T", "date": "2021-03-11", "summary": big}),
        "csv": f"title,date,summary\nT,2021-03-11,{big}",
        "feed": f"<rss version='2.0'><channel><item><title>T</title><pubDate>2021-03-11</pubDate><description>{big}</description></item></channel></rss>",
    }[fmt].encode()
    del big
    with pytest.raises(SourceError) as error:
        parse(data, source="big")
    message = str(error.value)
    assert message.startswith("big:1" if fmt in ("listing", "jsonl", "feed") else "big:2")
    assert any(hint in message for hint in ("no story found", "at most", "field larger than field limit"))


def test_a_50_megabyte_title_in_a_listing_is_an_error_item(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"1. " + b"t" * FIFTY_MB + b"\n\n11 March 2021\n\nSummary.\n\n2. Fine\n\n10 March 2021\n\nSummary.\n")
    result = parse(path, skip_invalid=True)
    assert [s.title for s in result.stories] == ["Fine"]
    assert "the title is 50,000,000 characters long; at most 1,000" in result.problems[0].message
