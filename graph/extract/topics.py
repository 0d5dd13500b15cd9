"""Topic evidence: a theme the story is about by its subject matter, when several of the theme's topic cues meet."""
from __future__ import annotations

from typing import TYPE_CHECKING

from graph.extract.spans import Span
from graph.extract.themes import label_forms
from graph.records import EntityKind, Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.knowledge import Theme

# a distinct cue weighs 2 in the title (what the story is about), 1 in the summary only; a theme needs this much
# evidence: one cue in the title and another anywhere, or three distinct cues in the summary
_TITLE_WEIGHT, _ENOUGH = 2, 3
# topic evidence is weaker than a label: it adds one theme, and only to a story its labels gave fewer themes than this
_FULL = 3


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
    is no evidence; distinct cues that meet are: each weighs 2 in the title and 1 in the summary, and a theme needs 3.
    Words inside a person's or organization's name are not evidence. Weaker than a label, the evidence adds at most one theme
    (the one with most, then the earliest), and only to a story whose labels found fewer than three themes."""
    hits = doc.topic_hits
    if not any(hits.values()):
        return
    theme = EntityKind.THEME
    have = {s.key for s in doc.found if s.kind is theme}
    if len(have) >= _FULL:
        return
    names: dict[Field, list[tuple[int, int]]] = {}
    for s in doc.accepted:
        if s.kind is EntityKind.PERSON or s.kind is EntityKind.ORGANIZATION:
            names.setdefault(s.field, []).append((s.start, s.end))
    weights: dict[str, dict[str, int]] = {}  # theme -> folded cue -> its weight
    first: dict[str, tuple[int, Field, int, int]] = {}  # theme -> where its evidence is first said
    for order, field in enumerate((Field.TITLE, Field.SUMMARY)):
        folded, spans = doc.folded.get(field, ""), names.get(field, ())
        weight = _TITLE_WEIGHT if field is Field.TITLE else 1
        labels = [(start, end, (theme_id,)) for start, end, theme_id in doc.theme_hits.get(field, ())]
        for start, end, theme_ids in hits.get(field, []) + labels:
            if any(a <= start and end <= b for a, b in spans):
                continue
            cue = folded[start:end]
            for theme_id in theme_ids:
                if theme_id in have:
                    continue
                cues = weights.setdefault(theme_id, {})
                cues[cue] = max(cues.get(cue, 0), weight)
                first.setdefault(theme_id, (order * 1_000_000 + start, field, start, end))
    best = max(weights, key=lambda t: (sum(weights[t].values()), -first[t][0]), default=None)
    if best is None or sum(weights[best].values()) < _ENOUGH:
        return
    _, field, start, end = first[best]
    concept = doc.resources.knowledge.theme_by_id.get(best)
    doc.found.append(Span(theme, field, start, end, 0, "topic", 0.6, concept.name if concept else best, best))
