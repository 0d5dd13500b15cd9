"""One Aho-Corasick pass per field over every known label: gazetteer names and theme labels together."""
from __future__ import annotations

from typing import TYPE_CHECKING

import ahocorasick

from graph.extract.gazetteer import Target

if TYPE_CHECKING:
    from graph.extract.doc import Doc

GazetteerHit = tuple[int, int, tuple[Target, ...]]  # start, end, the readings of the label
ThemeHit = tuple[int, int, str]  # start, end, theme id


class LabelScanner:
    """An automaton over both tables, so each field's folded text is walked once, not once per table."""

    def __init__(self, gazetteer: dict[str, tuple[Target, ...]], themes: dict[str, str]) -> None:
        self.automaton = ahocorasick.Automaton()
        for form in gazetteer.keys() | themes.keys():
            self.automaton.add_word(form, (len(form), gazetteer.get(form, ()), themes.get(form)))
        if gazetteer or themes:
            self.automaton.make_automaton()
        self.empty = not (gazetteer or themes)

    def scan(self, folded: str) -> tuple[list[GazetteerHit], list[ThemeHit]]:
        """Every label occurrence on word boundaries, split by table, in the automaton's (end) order."""
        names: list[GazetteerHit] = []
        themes: list[ThemeHit] = []
        if self.empty:
            return names, themes
        size = len(folded)
        for last, (length, targets, theme_id) in self.automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if (start > 0 and folded[start - 1].isalnum()) or (end < size and folded[end].isalnum()):
                continue
            if targets:
                names.append((start, end, targets))
            if theme_id is not None:
                themes.append((start, end, theme_id))
        return names, themes


def scan_labels(doc: Doc) -> None:
    """Pass "labels": every gazetteer and theme label in each field, found in one automaton walk."""
    scanner = doc.resources.labels
    for field, folded in doc.folded.items():
        doc.name_hits[field], doc.theme_hits[field] = scanner.scan(folded)
