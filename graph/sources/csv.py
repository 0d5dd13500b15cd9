"""CSV with a header row: title, date, summary and optionally url, id, categories (';'-separated)."""
from __future__ import annotations

import csv
import io

from graph.records import ParsedSource, SourceProblem, StoryRecord
from graph.sources.items import COLUMNS_HELP, COLUMNS_OPTIONAL, COLUMNS_REQUIRED, finish, story_from_row

KNOWN_COLUMNS = frozenset(COLUMNS_REQUIRED + COLUMNS_OPTIONAL)
DELIMITERS = (",", ";", "\t")


def header_names(line: str, delimiter: str) -> list[str]:
    """The normalised column names of a header line."""
    try:
        cells = next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:
        return []
    return [cell.strip().lstrip("\ufeff").lower() for cell in cells]


def pick_delimiter(header: str) -> str:
    """The delimiter that makes the header name the most known columns (',' when none do)."""
    return max(DELIMITERS, key=lambda d: (len(KNOWN_COLUMNS.intersection(header_names(header, d))), d == ","))


def parse(text: str, *, source: str = "", skip_invalid: bool = False) -> ParsedSource:
    """Parse CSV; a missing column is one error naming the header, bad rows are reported by line."""
    stream = io.StringIO(text, newline="")
    first_line = next((line for line in io.StringIO(text) if line.strip()), "")
    delimiter = pick_delimiter(first_line.strip("\r\n"))
    reader = csv.reader(stream, delimiter=delimiter, strict=False)
    stories: list[StoryRecord] = []
    problems: list[SourceProblem] = []
    header: list[str] | None = None
    header_line = 0
    item = 0
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header, header_line = [c.strip().lstrip("\ufeff").lower() for c in cells], line
                missing = [name for name in COLUMNS_REQUIRED if name not in header]
                if missing:
                    found = ", ".join(repr(c) for c in header)
                    return finish([], [SourceProblem(source, line, 0, f"missing column{'s' if len(missing) > 1 else ''} "
                                                                      f"{', '.join(missing)}; the header has {found}; {COLUMNS_HELP}")],
                                  skip_invalid=False)
                continue
            item += 1
            if len(cells) > len(header):
                problems.append(SourceProblem(source, line, item, f"the row has {len(cells)} fields but the header has "
                                                                  f"{len(header)}; quote fields that contain {delimiter!r}"))
                continue
            row = {name: cells[i] if i < len(cells) else "" for i, name in enumerate(header) if name}
            outcome = story_from_row(row, source=source, item=item, line=line)
            if isinstance(outcome, SourceProblem):
                problems.append(outcome)
            else:
                stories.append(outcome)
    except csv.Error as exc:
        problems.append(SourceProblem(source, start, item + 1, f"unreadable CSV: {exc}; "
                                                              "check quoting (a field longer than the limit usually means an unclosed quote)"))
        return finish(stories, problems, skip_invalid=False)
    if header is None or (not stories and not problems):
        problems.append(SourceProblem(source, header_line, 0, f"no rows after the header; {COLUMNS_HELP}"))
    return finish(stories, problems, skip_invalid=skip_invalid)
