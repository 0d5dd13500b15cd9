"""JSON Lines: one story object per line, keyed title, date, summary and optionally url, id, categories."""
from __future__ import annotations

import json

from graph.records import ParsedSource, SourceProblem, StoryRecord
from graph.sources.items import COLUMNS_HELP, MAX_SUMMARY, finish, story_from_row, text_lines

# A line longer than this cannot hold a story within the field caps, even fully \u-escaped.
MAX_LINE = 8 * MAX_SUMMARY


def parse(text: str, *, source: str = "", skip_invalid: bool = False) -> ParsedSource:
    """Parse JSON Lines; every bad line is reported with its number and the JSON error."""
    stories: list[StoryRecord] = []
    problems: list[SourceProblem] = []
    if text.lstrip().startswith("["):
        return finish([], [SourceProblem(source, 1, 0, "this is a JSON array; expected JSON Lines, one object per line "
                                                       "(convert with: jq -c '.[]' file.json)")], skip_invalid=False)
    decoder = json.JSONDecoder()
    item = 0
    for number, line in enumerate(text_lines(text), start=1):
        if not line.strip():
            continue
        item += 1
        if len(line) > MAX_LINE:
            problems.append(SourceProblem(source, number, item, f"the line is {len(line):,} characters long; "
                                                                f"a story line is at most {MAX_LINE:,} (is a line break missing?)"))
            continue
        try:
            row = decoder.decode(line)
        except json.JSONDecodeError as exc:
            problems.append(SourceProblem(source, number, item, f"invalid JSON: {exc.msg} at column {exc.colno}; "
                                                                "expected one JSON object per line"))
            continue
        if not isinstance(row, dict):
            kind = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(type(row), "a number")
            problems.append(SourceProblem(source, number, item, f"found {kind}; expected a JSON object such as "
                                                                '{"title": ..., "date": ..., "summary": ...}'))
            continue
        outcome = story_from_row(row, source=source, item=item, line=number)
        if isinstance(outcome, SourceProblem):
            problems.append(outcome)
        else:
            stories.append(outcome)
    if not stories and not problems:
        problems.append(SourceProblem(source, 0, 0, f"no story found; {COLUMNS_HELP}"))
    return finish(stories, problems, skip_invalid=skip_invalid)
