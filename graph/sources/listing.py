"""The plain listing format of the seed: numbered title line, date line, summary paragraph.

    1. Title of the story

        11 March 2021

        One-paragraph summary, possibly
        wrapped over several lines ...

Numbers, blank lines between the parts, indentation, tabs, CRLF, trailing spaces and a BOM are
all optional. An item is recognised by its date line: the title is the paragraph before the date
(from its last numbered line, or its last line when no blank line separates it from the date) and
the summary is everything up to the next item's title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.records import ParsedSource, SourceProblem, StoryRecord
from graph.sources.dates import EXAMPLES, parse_date
from graph.sources.items import finish, make_story, text_lines

_NUMBER = re.compile(r"^(\d{1,6})[.)](?:\s+|$)")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_TIME = r"(?:[\sT,]+\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?\s*(?:[+-]\d{2}:?\d{2}|[a-z]{1,5})?)?"
# Shaped like a date, readable or not: such a line is an item's date line, and an unreadable one is reported.
_DATE_LIKE = re.compile(
    rf"^\W*(?:[a-z]+\.?,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?[\s\-/.,]+{_MONTH}|{_MONTH}[\s\-/.,]+\d{{1,2}}(?:st|nd|rd|th)?)"
    rf"[\s,.\-/]+\d{{2,4}}{_TIME}\W*$"
    r"|^\d{4}[-/]\d{1,2}[-/]\d{1,2}(?:[Tt ]\S*)?$",
    re.IGNORECASE)
_MAX_DATE_LINE = 48


@dataclass(slots=True)
class _Paragraph:
    first: int
    lines: list[str]
    is_date: bool = False

    @property
    def last(self) -> int:
        return self.first + len(self.lines) - 1


def _is_date_line(text: str) -> bool:
    return len(text) <= _MAX_DATE_LINE and _DATE_LIKE.match(text) is not None


def _paragraphs(text: str) -> list[_Paragraph]:
    """Runs of non-blank lines (lines of a paragraph are consecutive); a date line is always its own."""
    paragraphs: list[_Paragraph] = []
    current: list[str] | None = None
    is_date = _is_date_line
    for number, raw in enumerate(text_lines(text), start=1):
        stripped = raw.strip()
        if not stripped:
            current = None
        elif len(stripped) <= _MAX_DATE_LINE and is_date(stripped):
            paragraphs.append(_Paragraph(number, [stripped], True))
            current = None
        elif current is None:
            current = [stripped]
            paragraphs.append(_Paragraph(number, current))
        else:
            current.append(stripped)
    return paragraphs


def _split_title(paragraph: _Paragraph, date_line: int) -> tuple[int, list[str], list[str]]:
    """(first title line number, title lines, lines that still belong to the previous story's summary)."""
    lines = paragraph.lines
    cut = 0
    if len(lines) > 1:
        numbered = [i for i, text in enumerate(lines) if _NUMBER.match(text)]
        if numbered:
            cut = numbered[-1]
        elif paragraph.last == date_line - 1:
            cut = len(lines) - 1
    return paragraph.first + cut, lines[cut:], lines[:cut]


def _orphan(first: int, chunk: list[str], source: str, item: int) -> SourceProblem | None:
    if chunk and (m := _NUMBER.match(chunk[0])):
        return SourceProblem(source, first, item,
                             f"item {m[1]} has no date line; expected a line such as '11 March 2021' after its title")
    return None


def parse(text: str, *, source: str = "", skip_invalid: bool = False) -> ParsedSource:
    """Parse a listing; every malformed item is reported with its line, all at once."""
    paragraphs = _paragraphs(text)
    dates = [i for i, p in enumerate(paragraphs) if p.is_date]
    if not dates:
        first = paragraphs[0].first if paragraphs else 0
        return finish([], [SourceProblem(source, first, 0,
                                         f"no story found; expected a title line, then a date line such as {EXAMPLES}, then a summary")],
                      skip_invalid=False)
    # For each date paragraph: its title paragraph's index, first title line, title lines and leftover lines.
    titles: dict[int, tuple[int, int, list[str], list[str]] | None] = {}
    for d in dates:
        before = d - 1
        if before < 0 or paragraphs[before].is_date:
            titles[d] = None
        else:
            titles[d] = (before, *_split_title(paragraphs[before], paragraphs[d].first))

    stories: list[StoryRecord] = []
    problems: list[SourceProblem] = []
    first_title = titles[dates[0]]
    lead_end = first_title[0] if first_title else dates[0]
    lead = [(p.first, p.lines) for p in paragraphs[:lead_end]]
    if first_title and first_title[3]:
        lead.append((paragraphs[first_title[0]].first, first_title[3]))
    for first, chunk in lead:
        problems.append(_orphan(first, chunk, source, 0) or SourceProblem(
            source, first, 0, "text before the first story; expected a title line followed by a date line"))

    for position, d in enumerate(dates, start=1):
        date_line, date_text = paragraphs[d].first, paragraphs[d].lines[0]
        title = titles[d]
        if title is None:
            problems.append(SourceProblem(source, date_line, position, "expected a title line before this date line"))
            continue
        next_d = dates[position] if position < len(dates) else len(paragraphs)
        next_title = titles.get(next_d)
        summary_end = next_title[0] if next_title else next_d
        chunks = [(p.first, p.lines) for p in paragraphs[d + 1:summary_end]]
        if next_title and next_title[3]:
            chunks.append((paragraphs[next_title[0]].first, next_title[3]))
        summary_lines: list[str] = []
        for first, chunk in chunks:
            if orphan := _orphan(first, chunk, source, position):
                problems.append(orphan)
            else:
                summary_lines.extend(chunk)
        title_line, title_lines = title[1], title[2]
        title_text = " ".join([_NUMBER.sub("", title_lines[0], count=1), *title_lines[1:]])
        date = parse_date(date_text)
        if date is None:
            problems.append(SourceProblem(source, date_line, position,
                                          f"could not read the date {date_text!r}; expected a date such as {EXAMPLES}"))
            continue
        outcome = make_story(title_text, " ".join(summary_lines), date_text, date=date, source=source, item=position, line=title_line)
        if isinstance(outcome, SourceProblem):
            problems.append(outcome)
        else:
            stories.append(outcome)
    return finish(stories, problems, skip_invalid=skip_invalid)
