"""Dates named in the text when the day is given: "15-19 February 2021", "March 8, 2021", "2021-03-08"."""
from __future__ import annotations

import datetime as dt
import re
from typing import Final, TYPE_CHECKING

from graph.extract.spans import DATE, Span
from graph.records import Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_MONTH_NAMES: Final = ("january february march april may june july august september october november december").split()
_MONTHS: Final = {name: i for i, name in enumerate(_MONTH_NAMES, 1)} | {name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)}
_MONTH: Final = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_DAY_FIRST: Final = re.compile(rf"\b(\d{{1,2}})(?:\s*[-–]\s*(\d{{1,2}}))?\s+{_MONTH}\s+(\d{{4}})\b")
_MONTH_FIRST: Final = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:\s*[-–]\s*(\d{{1,2}}))?,?\s+(\d{{4}})\b")
_ISO: Final = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
# What each form cannot do without; literal-led, so they scan ten times faster than the forms themselves.
_MONTH_HINT: Final = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_ISO_HINT: Final = re.compile(r"-\d\d-")
_ANY_HINT: Final = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|-\d\d-")  # either: one scan of most texts


def _date(year: str, month: str, day: str | None) -> dt.date | None:
    try:
        number = _MONTHS[month.lower()[:3]] if not month.isdigit() else int(month)
        return dt.date(int(year), number, int(day or ""))
    except (KeyError, ValueError, TypeError):
        return None


def find_dates(text: str, field: Field) -> list[Span]:
    """One span per day named; a range gives its first and last day, both on the range's text."""
    spans: list[Span] = []
    if _ANY_HINT.search(text) is None:
        return spans
    months, iso = _MONTH_HINT.search(text), _ISO_HINT.search(text)
    if not months and not iso:  # most text names no day
        return spans

    def add(match: re.Match, days: list[dt.date | None]) -> None:
        for day in days:
            if day is not None:
                spans.append(Span(DATE, field, match.start(), match.end(), 0, "rule", 0.95,
                                  day.isoformat(), day.isoformat()))

    if months:
        for m in _DAY_FIRST.finditer(text):
            add(m, [_date(m[4], m[3], m[1])] + ([_date(m[4], m[3], m[2])] if m[2] else []))
        for m in _MONTH_FIRST.finditer(text):
            add(m, [_date(m[4], m[1], m[2])] + ([_date(m[4], m[1], m[3])] if m[3] else []))
    if iso:
        for m in _ISO.finditer(text):
            add(m, [_date(m[1], m[2], m[3])])
    return spans


# what a story must hold (folded) for the pass to find anything, the hints' literals: a month's first three letters
# or "-NN-"; the pipeline skips the pass in stories with none
CUES: Final[tuple[str, ...]] = (*(name[:3] for name in _MONTH_NAMES), *(f"-{n:02d}-" for n in range(100)))


def dates(doc: Doc) -> None:
    """Pass "dates": the days named in the title and summary (they claim no text)."""
    for field, text in doc.texts.items():
        doc.found.extend(find_dates(text, field))
