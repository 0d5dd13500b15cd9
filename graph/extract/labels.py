"""One Aho-Corasick pass per field over every known label: gazetteer names and theme labels together."""
from __future__ import annotations


import ahocorasick

from graph.extract.doc import CueHit, Doc, GazetteerHit, Target, ThemeHit, TopicHit



class LabelScanner:
    """An automaton over both tables, so each field's folded text is walked once, not once per table."""

    def __init__(self, gazetteer: dict[str, tuple[Target, ...]], themes: dict[str, str],
                 cues: dict[str, str] | None = None, topics: dict[str, tuple[str, ...]] | None = None) -> None:
        cues, topics = cues or {}, topics or {}
        self.automaton = ahocorasick.Automaton()
        for form in gazetteer.keys() | themes.keys() | cues.keys() | topics.keys():
            self.automaton.add_word(form, (len(form), gazetteer.get(form, ()), themes.get(form), cues.get(form),
                                           topics.get(form)))
        if gazetteer or themes or cues or topics:
            self.automaton.make_automaton()
        self.empty = not (gazetteer or themes or cues or topics)

    def scan(self, folded: str) -> tuple[list[GazetteerHit], list[ThemeHit], list[CueHit], list[TopicHit]]:
        """Every label occurrence on word boundaries, split by table, in the automaton's (end) order."""
        names: list[GazetteerHit] = []
        themes: list[ThemeHit] = []
        cues: list[CueHit] = []
        topics: list[TopicHit] = []
        if self.empty:
            return names, themes, cues, topics
        size = len(folded)
        for last, (length, targets, theme_id, cue, topic) in self.automaton.iter(folded):
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
    """Pass "labels": every gazetteer and theme label, cue word and topic cue in each field, in one automaton walk."""
    scanner = doc.resources.labels
    for field, folded in doc.folded.items():
        doc.name_hits[field], doc.theme_hits[field], doc.cue_hits[field], doc.topic_hits[field] = scanner.scan(folded)
