"""One Aho-Corasick pass per field over every known label: gazetteer names and theme labels together."""
from __future__ import annotations

from collections.abc import Iterator, Mapping

import ahocorasick
from mypy_extensions import mypyc_attr

from graph.extract.doc import CueHit, Doc, GazetteerHit, Target, ThemeHit, TopicHit

Scan = tuple[list[GazetteerHit], list[ThemeHit], list[CueHit], list[TopicHit]]
# what one key of the automaton stands for: the label's length, its gazetteer readings, theme, cue class, topic themes,
# and the numbers of the pipeline's cues (graph/extract/gates.py) it is, if any
_Entry = tuple[int, tuple[Target, ...], str | None, str | None, tuple[str, ...] | None, frozenset[int] | None]


# (compiled by mypyc, graph/compiled.py: serializable for the import's worker processes, which get it pickled; open to
# interpreted subclasses, which also makes `Class(...)` from Python run __init__ in mypy 2.4's serializable classes)
@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)
class LabelScanner:
    """An automaton over both tables, so each field's folded text is walked once, not once per table."""

    def __init__(self, gazetteer: dict[str, tuple[Target, ...]], themes: dict[str, str],
                 cues: dict[str, str] | None = None, topics: dict[str, tuple[str, ...]] | None = None) -> None:
        cues, topics = cues or {}, topics or {}
        self.entries: dict[str, _Entry] = {
            form: (len(form), gazetteer.get(form, ()), themes.get(form), cues.get(form), topics.get(form), None)
            for form in gazetteer.keys() | themes.keys() | cues.keys() | topics.keys()}
        self._build()

    def _build(self) -> None:
        self.automaton = ahocorasick.Automaton()
        for form, entry in self.entries.items():
            self.automaton.add_word(form, entry)
        if self.entries:
            self.automaton.make_automaton()
        self.empty = not self.entries

    def with_gate(self, numbers: Mapping[str, int]) -> LabelScanner:
        """This scanner with the pipeline's cues in the same automaton (`numbers`: folded cue -> its number), so
        one walk finds a story's labels and which passes it needs (`scan_gated`)."""
        gated = LabelScanner({}, {})  # (not __new__: a class compiled by mypyc runs __init__ in it)
        gated.entries = dict(self.entries)
        for cue, number in numbers.items():
            length, targets, theme, cue_class, topic, gate = gated.entries.get(cue, (len(cue), (), None, None, None, None))
            gated.entries[cue] = (length, targets, theme, cue_class, topic, (gate or frozenset()) | {number})
        gated._build()
        return gated

    def scan(self, folded: str) -> Scan:
        """Every label occurrence on word boundaries, split by table, in the automaton's (end) order."""
        return self.scan_gated(folded, set())

    def scan_gated(self, folded: str, present: set[int]) -> Scan:
        """`scan`, adding to `present` the numbers of the pipeline's cues that occur (anywhere, not only on word
        boundaries: a cue is a substring)."""
        names: list[GazetteerHit] = []
        themes: list[ThemeHit] = []
        cues: list[CueHit] = []
        topics: list[TopicHit] = []
        if self.empty:
            return names, themes, cues, topics
        size = len(folded)
        # (typed, so compiled code unpacks each hit as a tuple and does its arithmetic on native ints: the automaton's
        # results are otherwise untyped, unpacked element by element through iterators; round speed54)
        hits: Iterator[tuple[int, _Entry]] = self.automaton.iter(folded)
        for last, (length, targets, theme_id, cue, topic, gate) in hits:
            if gate is not None:
                present |= gate
            end = last + 1
            start = end - length
            # (two in five hits are inside a longer word: "un" in "unemployment", "ing" in "training")
            if start and folded[start - 1].isalnum() or end != size and folded[end].isalnum():
                continue
            if targets:
                names.append((start, end, targets))
            if theme_id is not None:
                themes.append((start, end, theme_id))
            if cue is not None:
                cues.append((start, end, cue))
            if topic is not None:
                topics.append((start, end, topic))
        return names, themes, cues, topics


def scan_labels(doc: Doc) -> None:
    """Pass "labels": every gazetteer and theme label, cue word and topic cue in each field, in one automaton walk (made
    already, with the pipeline's gate, where `doc.scanned` holds it)."""
    scanner, scanned = doc.resources.labels, doc.scanned
    for field, folded in doc.folded.items():
        scan = scanned.get(field) if scanned else None
        doc.name_hits[field], doc.theme_hits[field], doc.cue_hits[field], doc.topic_hits[field] = (
            scan if scan is not None else scanner.scan(folded))
