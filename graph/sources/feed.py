"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds, read with feedparser; every text field made plain text."""
from __future__ import annotations

import datetime as dt
import io
import re
import xml.parsers.expat
from typing import Any

import feedparser

from graph.records import ParsedSource, SourceProblem, StoryRecord
from graph.sources.items import finish, make_story, split_categories

_ITEM_TAG = re.compile(r"<(?:[\w.-]+:)?(?:item|entry)[\s/>]")
# Tell feedparser the text is UTF-8 whatever the XML declaration says: `decode` already decoded it.
_HEADERS = {"content-type": "application/xml; charset=utf-8"}


def _item_lines(text: str, count: int) -> list[int]:
    """The line each item starts on, or zeros when the markup is too unusual to tell."""
    lines: list[int] = []
    line, position = 1, 0
    for match in _ITEM_TAG.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines if len(lines) == count else [0] * count


def _xml_error(data: bytes) -> tuple[int, str] | None:
    """Line and message of the first well-formedness error, as expat reports it."""
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as exc:
        return exc.lineno, f"{xml.parsers.expat.ErrorString(exc.code)} at column {exc.offset + 1}"
    return None


def _date(entry: Any) -> tuple[str, dt.date | None]:
    for key in ("published", "updated", "created"):
        text = entry.get(key)
        if text:
            parsed = entry.get(f"{key}_parsed")
            return text, dt.date(*parsed[:3]) if parsed else None
    return "", None


def _summary(entry: Any) -> str:
    summary = entry.get("summary") or ""
    if not summary.strip():
        for content in entry.get("content") or ():
            if content.get("value", "").strip():
                return content["value"]
    return summary


def _categories(entry: Any) -> tuple[str, ...]:
    terms = [tag.get("term") or tag.get("label") or "" for tag in entry.get("tags") or ()]
    return split_categories(terms)


def parse(text: str, *, source: str = "", skip_invalid: bool = False) -> ParsedSource:
    """Parse a feed; items without a title, date or summary are reported by item number and line."""
    data = text.encode("utf-8")
    document = feedparser.parse(io.BytesIO(data), response_headers=_HEADERS, sanitize_html=True,
                                resolve_relative_uris=False)
    problems: list[SourceProblem] = []
    if not document.version:
        root = re.search(r"<([\w:.-]+)", text)
        found = f"<{root[1]}>" if root else "no XML element"
        problems.append(SourceProblem(source, 0, 0, f"not an RSS or Atom feed: found {found}; expected <rss>, <rdf:RDF> or <feed> as the root element"))
        return finish([], problems, skip_invalid=False)
    if document.bozo and not isinstance(document.bozo_exception, feedparser.CharacterEncodingOverride):
        error = _xml_error(data)
        line, detail = error if error else (0, str(document.bozo_exception))
        problems.append(SourceProblem(source, line, 0, f"malformed XML: {detail}; fix the feed (e.g. escape '&' as '&amp;')"
                                      + (", or skip bad input to keep what could be read" if document.entries else "")))
        if not skip_invalid or not document.entries:
            return finish([], problems, skip_invalid=False)
    entries = document.entries
    if not entries:
        return finish([], [SourceProblem(source, 0, 0, "the feed has no items; expected <item> or <entry> elements")], skip_invalid=False)
    stories: list[StoryRecord] = []
    for item, (entry, line) in enumerate(zip(entries, _item_lines(text, len(entries))), start=1):
        date_text, fallback = _date(entry)
        outcome = make_story(entry.get("title") or "", _summary(entry), date_text, url=entry.get("link"),
                             guid=entry.get("id"), categories=_categories(entry), fallback_date=fallback,
                             source=source, item=item, line=line)
        if isinstance(outcome, SourceProblem):
            problems.append(outcome)
        else:
            stories.append(outcome)
    return finish(stories, problems, skip_invalid=skip_invalid)
