"""Topic evidence: a theme the story is about by its subject matter, when several of the theme's topic cues meet."""
from __future__ import annotations

from typing import Final, TYPE_CHECKING

from graph.extract.spans import ORGANIZATION, PERSON, SUMMARY, Span, THEME, TITLE, inside
from graph.extract.themes import in_other_sense, label_forms
from graph.records import Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.knowledge import Theme

# topic evidence is weaker than a label: a theme needs this many distinct cues, anywhere in the story, when its labels
# gave the story fewer than _FULL themes, and _STRONG when they gave it more (chosen leave-one-batch-out on batches
# 1-6: see tests/data/NONILO.md; weighing a cue in the title double and asking for 3 came second)
_ENOUGH: Final = 2
_FULL: Final = 2
_STRONG: Final = 3


def topic_table(themes: tuple[Theme, ...]) -> dict[str, tuple[str, ...]]:
    """Every folded form of the scheme's topic cues (sg:topicCue) -> the themes it is evidence of."""
    table: dict[str, tuple[str, ...]] = {}
    for theme in themes:
        for cue in theme.topics:
            for form in label_forms(cue):
                if theme.id not in table.get(form, ()):
                    table[form] = (*table.get(form, ()), theme.id)
    return table


def topic_themes(doc: Doc) -> None:
    """Pass "topic-themes": the theme a story's subject matter names, though no label of it is said.

    Each theme of the scheme has topic cues (sg:topicCue): words of its subject matter, too common or too indirect to be
    labels ("brands", "procurement" for supply chains; "welfare", "allowance" for social protection), and the theme's
    own labels said where they did not make the theme by themselves (a weak label said once, a word in passing). One cue
    is no evidence; two distinct cues that meet, in the title or the summary, are (the same cue said again counts
    once, in the singular or the plural). Words inside a person's or organization's name are not evidence. Weaker than a label, the evidence adds at
    most one theme (the one with most cues, then the earliest), and to a story whose labels found two themes or more
    only with three distinct cues: a story they already classify is mostly about those."""
    theme = THEME
    have = {s.key for s in doc.found if s.kind is theme}
    # the hits of themes the story lacks, the title's first (most hits are of themes the labels already gave)
    fresh: list[tuple[int, Field, int, int, tuple[str, ...]]] = []
    senses = doc.resources.other_theme_senses
    for order, field in enumerate((TITLE, SUMMARY)):
        for start, end, theme_ids in doc.topic_hits.get(field, ()):
            if not have.issuperset(theme_ids):
                fresh.append((order, field, start, end, theme_ids))
        for start, end, theme_id in doc.theme_hits.get(field, ()):
            if theme_id not in have:
                if senses:  # a label in another sense is no cue either ("strikes down")
                    folded = doc.folded[field]
                    other = senses.get(folded[start:end])
                    if other is not None and in_other_sense(folded, start, other):
                        continue
                fresh.append((order, field, start, end, (theme_id,)))
    if len(fresh) < min(_ENOUGH, _STRONG):
        return  # (each hit is at most one cue of a theme: too few hits decide nothing, whoever's names they are in)
    names: dict[Field, list[tuple[int, int]]] = {}
    for s in doc.accepted:
        if s.kind is PERSON or s.kind is ORGANIZATION:
            names.setdefault(s.field, []).append((s.start, s.end))
    cues_of: dict[str, set[str]] = {}  # theme -> its distinct folded cues
    first: dict[str, tuple[int, Field, int, int]] = {}  # theme -> where its evidence is first said
    for order, field, start, end, theme_ids in fresh:
        spans = names.get(field)
        if spans and inside(spans, start, end):
            continue
        for theme_id in theme_ids:
            if theme_id not in have:
                cues = cues_of.get(theme_id)
                if cues is None:  # (made on first sight only: most hits are of a theme seen before)
                    cues = cues_of[theme_id] = set()
                    first[theme_id] = (order * 1_000_000 + start, field, start, end)
                cues.add(doc.folded.get(field, "")[start:end].rstrip("s"))  # "brand" = "brands"
    best = max(cues_of, key=lambda t: (len(cues_of[t]), -first[t][0]), default=None)
    if best is None or len(cues_of[best]) < (_ENOUGH if len(have) < _FULL else _STRONG):
        return
    _, field, start, end = first[best]
    concept = doc.resources.knowledge.theme_by_id.get(best)
    doc.found.append(Span(theme, field, start, end, 0, "topic", 0.6, concept.name if concept else best, best))
