"""Source parsers by name: `parse(data, format="auto")` turns a file's bytes into StoryRecords.

Adding a format is one module with `parse(text, *, source, skip_invalid) -> ParsedSource`
and one line in FORMATS.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from graph.records import ParsedSource, SourceError, SourceProblem
from graph.sources import listing

Parser = Callable[..., ParsedSource]

FORMATS: dict[str, Parser] = {
    "listing": listing.parse,
}


def decode(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else a clear error naming the offset."""
    if not data.strip():
        raise SourceError(SourceProblem(source, 0, 0, "the input is empty; expected at least one story"))
    if b"\x00" in data[:8192]:
        raise SourceError(SourceProblem(source, 0, 0, "the input looks binary (NUL bytes); expected a text listing, feed, JSON Lines or CSV"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(SourceProblem(source, line, 0, f"not valid UTF-8 (byte {exc.start}); convert the file to UTF-8 first")) from None


def detect(text: str, name: str = "") -> str:
    """The format name for `text`, judged from its content (the file name only breaks ties)."""
    return "listing"


def parse(data: bytes | str | Path, format: str = "auto", *, source: str = "", skip_invalid: bool = False) -> ParsedSource:
    """Parse one input into stories. Raises SourceError listing every bad item unless skip_invalid."""
    if isinstance(data, Path):
        source = source or str(data)
        data = data.read_bytes()
    text = decode(data, source) if isinstance(data, bytes) else data
    fmt = detect(text, source) if format == "auto" else format
    try:
        parser = FORMATS[fmt]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise SourceError(SourceProblem(source, 0, 0, f"unknown format {fmt!r}; use one of: auto, {known}")) from None
    return parser(text, source=source, skip_invalid=skip_invalid)
