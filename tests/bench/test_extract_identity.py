"""bench.extract_identity --digest: one SHA-1 per run of stories from one source, and the whole dump's."""
from __future__ import annotations

import datetime as dt
import hashlib

from bench import extract_identity
from graph.records import StoryRecord


def _story(title: str, summary: str) -> StoryRecord:
    return StoryRecord(title=title, summary=summary, date=dt.date(2021, 3, 8))


STORIES = [
    ("a.txt", _story("ILO and UNICEF launch a campaign", "Guy Ryder said child labour must end.")),
    ("a.txt", _story("Workers strike in Dhaka", "The union Seko called the strike.")),
    ("b.txt", _story("World Bank report on jobs", "Janine Abdullahi of the World Bank spoke in Geneva.")),
    ("a.txt", _story("ILO and UNICEF launch a campaign", "Guy Ryder said child labour must end.")),
]


def test_each_run_of_one_source_gets_the_digest_of_its_own_lines_and_the_last_line_is_the_whole_dump() -> None:
    dump = list(extract_identity.lines(STORIES))
    found = [line.split("\t") for line in extract_identity.digests(STORIES)]

    assert [(name, int(count)) for name, count, _ in found] == [("a.txt", 2), ("b.txt", 1), ("a.txt", 1), ("all", 4)]
    whole = hashlib.sha1("".join(line + "\n" for line in dump).encode()).hexdigest()
    assert found[-1][2] == whole
    starts = [i for i, line in enumerate(dump) if line.startswith("## ")]
    first_run = dump[:starts[2]]  # the first two stories, both from a.txt
    assert found[0][2] == hashlib.sha1("".join(line + "\n" for line in first_run).encode()).hexdigest()


def test_a_change_in_one_story_changes_its_source_and_the_whole_digest_only() -> None:
    before = [line.split("\t") for line in extract_identity.digests(STORIES)]
    changed = [*STORIES[:2], ("b.txt", _story("World Bank report on jobs", "Kofi Lefèvre of the World Bank spoke.")),
               STORIES[3]]
    after = [line.split("\t") for line in extract_identity.digests(changed)]

    assert [row[2] == other[2] for row, other in zip(before, after)] == [True, False, True, False]
