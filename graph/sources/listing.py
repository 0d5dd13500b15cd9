"""The plain listing format of the seed: numbered title line, date line, summary paragraph.

    1. Title of the story

        11 March 2021

        One-paragraph summary ...

Numbers, indentation, CRLF and trailing spaces are optional; an item is recognised by its
date line, so a title is whatever paragraph precedes a date and a summary is everything
between the date and the next item's title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.records import ParsedSource, SourceError, SourceProblem, StoryRecord
from graph.sources.dates import parse_date

_NUMBER = re.compile(r"^\s*(\d{1,6})[.)]\s+")
_DATE_LIKE = re.compile(r"^\W*(\d{1,2}\W+[A-Za-z]+|[A-Za-z]+\W+\d{1,2})\W+\d{4}\W*$|^\d{4}-\d{1,2}-\d{1,2}$")


@dataclass(slots=True)
class _Block:
    line: int
    text: str


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    lines: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if stripped:
            if not lines:
                start = number
            lines.append(stripped)
        elif lines:
            blocks.append(_Block(start, " ".join(lines)))
            lines = []
    if lines:
        blocks.append(_Block(start, " ".join(lines)))
    return blocks


def _is_date_block(block: _Block) -> bool:
    return len(block.text) <= 40 and (parse_date(block.text) is not None or bool(_DATE_LIKE.match(block.text)))


def parse(text: str, *, source: str = "", skip_invalid: bool = False) -> ParsedSource:
    """Parse a listing; every malformed item is reported with its line, all at once."""
    blocks = _blocks(text)
    dates = [i for i, block in enumerate(blocks) if _is_date_block(block)]
    result = ParsedSource()
    problems: list[SourceProblem] = []
    if not dates:
        raise SourceError(SourceProblem(source, blocks[0].line if blocks else 0, 0,
                                        "no story found; expected a title line, then a date line such as '11 March 2021', then a summary"))
    # Paragraphs before the first title, or numbered paragraphs with no date after them, are items gone wrong.
    title_of = {d: d - 1 for d in dates}
    claimed = {i for d in dates for i in (d - 1, d)}
    for position, d in enumerate(dates, start=1):
        title_index = title_of[d]
        date_block = blocks[d]
        end = dates[position] - 1 if position < len(dates) else len(blocks)
        summary_blocks = blocks[d + 1:end]
        item_line = blocks[title_index].line if title_index >= 0 else date_block.line
        if title_index < 0 or title_index in {x for x in dates}:
            problems.append(SourceProblem(source, date_block.line, position, "expected a title line before the date line"))
            continue
        title = _NUMBER.sub("", blocks[title_index].text, count=1).strip()
        orphan = [b for b in summary_blocks if _NUMBER.match(b.text) and b.line]
        for b in orphan:
            problems.append(SourceProblem(source, b.line, position + 1, f"item {_NUMBER.match(b.text)[1]} has no date line; expected a line such as '11 March 2021' after its title"))
        claimed.update(range(d + 1, end))
        date = parse_date(date_block.text)
        if date is None:
            problems.append(SourceProblem(source, date_block.line, position, f"could not read the date {date_block.text!r}; expected e.g. '11 March 2021' or '2021-03-11'"))
            continue
        summary = " ".join(b.text for b in summary_blocks if not _NUMBER.match(b.text))
        if not title:
            problems.append(SourceProblem(source, item_line, position, "the title is empty"))
            continue
        if not summary:
            problems.append(SourceProblem(source, date_block.line, position, "expected a summary paragraph after the date line"))
            continue
        result.stories.append(StoryRecord(title=title, summary=summary, date=date, date_text=date_block.text,
                                          source=source, item=position, line=item_line))
    lead = [b for i, b in enumerate(blocks) if i < (dates[0] - 1) and i not in claimed]
    for b in lead:
        problems.append(SourceProblem(source, b.line, 0, "text before the first story; expected a title line followed by a date line"))
    if problems and not skip_invalid:
        raise SourceError(sorted(problems, key=lambda p: p.line))
    result.problems.extend(problems)
    return result
