"""Source parsers by name: `parse(data, format="auto")` turns a file's bytes into StoryRecords.

Adding a format is one module with `parse(text, *, source, skip_invalid) -> ParsedSource`
and one line in FORMATS.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from graph.records import ParsedSource, SourceError, SourceProblem, StoryRecord
from graph.sources import csv, feed, jsonl, listing
from graph.sources.sniff import sniff

Parser = Callable[..., ParsedSource]

FORMATS: dict[str, Parser] = {
    "listing": listing.parse,
    "feed": feed.parse,
    "jsonl": jsonl.parse,
    "csv": csv.parse,
}

_MAGIC = {
    b"\x1f\x8b": "gzip-compressed; decompress it first (gunzip)",
    b"PK\x03\x04": "a ZIP archive (or an Office document); extract or export the stories as text first",
    b"%PDF": "a PDF document; export its text first",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
}
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def _problem(source: str, message: str, line: int = 0) -> SourceError:
    return SourceError(SourceProblem(source, line, 0, message))


def decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, or the encoding an XML
    declaration names; anything else is a clear error naming the line."""
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise _problem(source, f"the input is {what}; expected a text listing, feed, JSON Lines or CSV")
    encoding = next((name for bom, name in _BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-8" and (declared := _XML_ENCODING.match(data[:200])):
        encoding = declared[1].decode("ascii").lower()
    if encoding != "utf-16" and b"\x00" in data[:8192]:
        raise _problem(source, "the input looks binary (NUL bytes); expected a text listing, feed, JSON Lines or CSV")
    try:
        text = data.decode(encoding)
    except LookupError:
        raise _problem(source, f"the XML declaration names an unknown encoding {encoding!r}; convert the file to UTF-8", 1) from None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _problem(source, f"not valid {encoding.upper()} (byte 0x{data[exc.start]:02x} at column {column}); "
                               "convert the file to UTF-8 first, e.g. iconv -f latin1 -t utf-8", line) from None
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise _problem(source, "the input is empty; expected at least one story")
    return text


def detect(text: str, name: str = "") -> str:
    """The format name for `text`, judged from its content (the file name only breaks ties)."""
    return sniff(text, name)


def parse(data: bytes | str | Path, format: str = "auto", *, source: str = "", skip_invalid: bool = False) -> ParsedSource:
    """Parse one input into stories. Raises SourceError listing every bad item unless skip_invalid."""
    if isinstance(data, Path):
        source = source or str(data)
        try:
            data = data.read_bytes()
        except OSError as exc:
            raise _problem(source, f"cannot read the file: {exc.strerror or exc}") from None
    if isinstance(data, bytes):
        text = decode(data, source)
    elif not data.strip():
        raise _problem(source, "the input is empty; expected at least one story")
    else:
        text = data.lstrip("\ufeff")
    fmt = detect(text, source) if format == "auto" else format
    try:
        parser = FORMATS[fmt]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise _problem(source, f"unknown format {fmt!r}; use one of: auto, {known}") from None
    return parser(text, source=source, skip_invalid=skip_invalid)


def _normal_title(title: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", title.casefold()).split())


def deduplicate(stories: Iterable[StoryRecord]) -> tuple[list[StoryRecord], int]:
    """The stories without repeats, and how many were dropped.

    Two stories are the same when they share a guid, a url, or a normalised title and date; the
    last one wins (a later item is the newer version) and keeps its own position.
    """
    items = list(stories)
    seen: set[tuple[str, str]] = set()
    kept: list[StoryRecord] = []
    for story in reversed(items):
        keys = {("title", f"{_normal_title(story.title)}|{story.date}")}
        if story.guid:
            keys.add(("guid", story.guid))
        if story.url:
            keys.add(("url", story.url))
        if not keys & seen:
            kept.append(story)
        seen |= keys
    kept.reverse()
    return kept, len(items) - len(kept)


__all__ = ["FORMATS", "ParsedSource", "SourceError", "decode", "deduplicate", "detect", "parse"]
