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
from dataclasses import dataclass, field

from graph.records import ParsedSource, SourceProblem, StoryRecord
from graph.sources.dates import EXAMPLES, parse_date
from graph.sources.items import finish, make_story

_NUMBER = re.compile(r"^(\d{1,6})[.)]\s+")
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
    lines: list[tuple[int, str]] = field(default_factory=list)
    is_date: bool = False

    @property
    def first(self) -> int:
        return self.lines[0][0]

    @property
    def last(self) -> int:
        return self.lines[-1][0]


def _is_date_line(text: str) -> bool:
    return len(text) <= _MAX_DATE_LINE and bool(_DATE_LIKE.match(text))


def _paragraphs(text: str) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped:
            current = None
        elif _is_date_line(stripped):
            paragraphs.append(_Paragraph([(number, stripped)], is_date=True))
            current = None
        else:
            if current is None:
                current = _Paragraph()
                paragraphs.append(current)
            current.lines.append((number, stripped))
    return paragraphs


def _split_title(paragraph: _Paragraph, date_line: int) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(title lines, lines that still belong to the previous story's summary)."""
    lines = paragraph.lines
    numbered = [i for i, (_, text) in enumerate(lines) if _NUMBER.match(text)]
    if numbered:
        cut = numbered[-1]
    elif paragraph.last == date_line - 1:
        cut = len(lines) - 1
    else:
        cut = 0
    return lines[cut:], lines[:cut]


def _orphan(chunk: list[tuple[int, str]], source: str, item: int) -> SourceProblem | None:
    if chunk and (m := _NUMBER.match(chunk[0][1])):
        return SourceProblem(source, chunk[0][0], item,
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
    # For each date paragraph: the index of its title paragraph (or None) and the split of that paragraph.
    titles: dict[int, tuple[int, list[tuple[int, str]], list[tuple[int, str]]] | None] = {}
    for d in dates:
        before = d - 1
        if before < 0 or paragraphs[before].is_date:
            titles[d] = None
        else:
            title_lines, rest = _split_title(paragraphs[before], paragraphs[d].first)
            titles[d] = (before, title_lines, rest)

    stories: list[StoryRecord] = []
    problems: list[SourceProblem] = []
    first_title = titles[dates[0]]
    lead_end = first_title[0] if first_title else dates[0]
    lead = [p.lines for p in paragraphs[:lead_end]] + ([first_title[2]] if first_title and first_title[2] else [])
    for chunk in lead:
        problems.append(_orphan(chunk, source, 0) or SourceProblem(
            source, chunk[0][0], 0, "text before the first story; expected a title line followed by a date line"))

    for position, d in enumerate(dates, start=1):
        date_line, date_text = paragraphs[d].lines[0]
        title = titles[d]
        if title is None:
            problems.append(SourceProblem(source, date_line, position, "expected a title line before this date line"))
            continue
        next_d = dates[position] if position < len(dates) else len(paragraphs)
        next_title = titles.get(next_d)
        summary_end = next_title[0] if next_title else next_d
        chunks = [p.lines for p in paragraphs[d + 1:summary_end]]
        if next_title and next_title[2]:
            chunks.append(next_title[2])
        summary_lines: list[str] = []
        for chunk in chunks:
            if orphan := _orphan(chunk, source, position):
                problems.append(orphan)
            else:
                summary_lines.extend(text for _, text in chunk)
        title_line, title_text = title[1][0]
        title_text = " ".join([_NUMBER.sub("", title_text, count=1)] + [text for _, text in title[1][1:]])
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
