"""Rules every format applies to one item: required fields, length caps, plain text, a readable date."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping

from graph.records import ParsedSource, SourceError, SourceProblem, StoryRecord
from graph.sources.dates import EXAMPLES, parse_date
from graph.sources.plain_text import plain_text

MAX_TITLE = 1_000
MAX_SUMMARY = 100_000
MAX_URL = 8_000
MAX_CATEGORY = 200
# Markup may make a field's raw text longer than its plain text; beyond this factor we refuse to read it at all.
_RAW_ALLOWANCE = 4

# Lines end at LF, CRLF or CR only: str.splitlines() would also split inside a value at U+2028, U+0085
# or a form feed, which JSON strings and plain text may hold.
_LINE_END = re.compile(r"\r\n?|\n")


def text_lines(text: str) -> list[str]:
    """A text file's lines, split only where a line really ends."""
    return _LINE_END.split(text)


COLUMNS_REQUIRED = ("title", "date", "summary")
COLUMNS_OPTIONAL = ("url", "id", "categories")
COLUMNS_HELP = "required columns: title, date, summary; optional: url, id (a stable identifier), categories"


def _field(name: str, raw: str, cap: int, errors: list[str]) -> str:
    if len(raw) > cap * _RAW_ALLOWANCE:
        errors.append(f"the {name} is {len(raw):,} characters long; at most {cap:,} are allowed (is a line break, separator or closing quote missing?)")
        return ""
    text = plain_text(raw)
    if len(text) > cap:
        errors.append(f"the {name} is {len(text):,} characters long; at most {cap:,} are allowed")
        return ""
    return text


def split_categories(value: str | Iterable[str]) -> tuple[str, ...]:
    """Categories from a ';'-separated string or a list, cleaned, without blanks or repeats."""
    parts = value.split(";") if isinstance(value, str) else value
    seen: dict[str, None] = {}
    for part in parts:
        text = plain_text(part)[:MAX_CATEGORY]
        if text:
            seen.setdefault(text, None)
    return tuple(seen)


def make_story(title: str, summary: str, date_text: str, *, url: str | None = None, guid: str | None = None,
               categories: tuple[str, ...] = (), date: dt.date | None = None, fallback_date: dt.date | None = None,
               source: str = "", item: int = 0, line: int = 0) -> StoryRecord | SourceProblem:
    """A StoryRecord from raw field text, or one SourceProblem naming everything wrong with the item.

    `date` is `date_text` already read by the caller; `fallback_date` is used when it cannot be read.
    """
    errors: list[str] = []
    clean_title = _field("title", title, MAX_TITLE, errors)
    if not clean_title and not errors:
        errors.append("the title is empty; expected a headline")
    known = len(errors)
    clean_summary = _field("summary", summary, MAX_SUMMARY, errors)
    if not clean_summary and len(errors) == known:
        errors.append("the summary is empty; expected a one-paragraph summary")
    date_text = " ".join(date_text.split())[:200]
    if date is None and date_text:
        date = parse_date(date_text)
    if date is None:
        date = fallback_date
    if not date_text:
        errors.append(f"the date is missing; expected a date such as {EXAMPLES}")
    elif date is None:
        errors.append(f"could not read the date {date_text!r}; expected a date such as {EXAMPLES}")
    clean_url = " ".join((url or "").split()) or None
    clean_guid = " ".join((guid or "").split()) or None
    for name, value in (("url", clean_url), ("id", clean_guid)):
        if value and len(value) > MAX_URL:
            errors.append(f"the {name} is {len(value):,} characters long; at most {MAX_URL:,} are allowed")
    if errors:
        return SourceProblem(source, line, item, "; ".join(errors))
    return StoryRecord(title=clean_title, summary=clean_summary, date=date, date_text=date_text,
                       url=clean_url, guid=clean_guid, categories=categories,
                       source=source, item=item, line=line)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _text(value: str) -> str:
    # A JSON string may spell an unpaired surrogate ("\\ud800"), which no UTF-8 text can hold.
    return _SURROGATE.sub("\ufffd", value)


def story_from_row(row: Mapping[str, object], *, source: str, item: int, line: int) -> StoryRecord | SourceProblem:
    """A story from one JSON object or CSV row keyed by the documented column names."""
    missing = [name for name in COLUMNS_REQUIRED if name not in row]
    if missing:
        found = ", ".join(map(str, row)) or "none"
        return SourceProblem(source, line, item, f"missing {', '.join(missing)}; found: {found} ({COLUMNS_HELP})")
    values: dict[str, str | None] = {}
    for name in (*COLUMNS_REQUIRED, "url", "id"):
        value = row.get(name)
        if value is None or isinstance(value, str):
            values[name] = _text(value) if value else value
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and name == "id":
            values[name] = str(value)
        else:
            return SourceProblem(source, line, item, f"{name} must be text, found {type(value).__name__}: {str(value)[:60]!r}")
    raw_categories = row.get("categories") or []
    if not isinstance(raw_categories, (str, list)) or not all(isinstance(c, str) for c in raw_categories):
        return SourceProblem(source, line, item, "categories must be a list of strings or a ';'-separated string")
    if isinstance(raw_categories, list):
        raw_categories = [_text(c) for c in raw_categories]
    return make_story(values["title"] or "", values["summary"] or "", values["date"] or "",
                      url=values["url"], guid=values["id"], categories=split_categories(raw_categories),
                      source=source, item=item, line=line)


def finish(stories: list[StoryRecord], problems: list[SourceProblem], *, skip_invalid: bool) -> ParsedSource:
    """All-or-nothing unless skipping: raise every problem at once, or return them beside the good stories."""
    problems.sort(key=lambda p: (p.line, p.item))
    if problems and not skip_invalid:
        raise SourceError(problems)
    return ParsedSource(stories=stories, problems=problems)
