"""Candidate passes measured by `python -m bench.passes_lobo NAME` and not shipped (kept here so the figures reproduce).

Each entry is (the pass, the shipped pass it runs after). A candidate that is kept moves into graph/extract/ and
graph.extract.pipeline.PASSES and leaves this list; tests/data/NONILO.md reports each one's held-out delta.
"""
from __future__ import annotations

from graph.extract import actions
from graph.extract.doc import Doc
from graph.extract.pipeline import Pass
from graph.extract.spans import GUESS, PATTERN, Span
from graph.records import EntityKind

MOST_THEMES = 4  # the annotation rules give a story 1-4 themes


def at_most_four_themes(doc: Doc) -> None:
    """Candidate "at-most-four-themes": a story keeps its four themes with the most evidence (mentions; the earliest
    first when tied), as the annotation rules give a story one to four."""
    theme = EntityKind.THEME
    evidence: dict[str, list[int]] = {}
    for order, span in enumerate(doc.found):
        if span.kind is theme and span.key is not None:
            evidence.setdefault(span.key, []).append(order)
    if len(evidence) <= MOST_THEMES:
        return
    kept = set(sorted(evidence, key=lambda k: (-len(evidence[k]), evidence[k][0]))[:MOST_THEMES])
    doc.found[:] = [s for s in doc.found if s.kind is not theme or s.key in kept]


def quoted_actions(doc: Doc) -> None:
    """Candidate "quoted-actions": the quoted forms of the shipped pass "action-names" alone (measure it with
    `--without action-names`)."""
    for field, text in doc.texts.items():
        for start, end in actions.quoted_names(text):
            doc.candidates.append(Span(EntityKind.CAMPAIGN, field, start, end, PATTERN, "rule", 0.7, text[start:end],
                                       source="slogan"))


def lower_actions(doc: Doc) -> None:
    """Candidate "lower-actions": the lower-case-noun form of the shipped pass "action-names" alone (measure it with
    `--without action-names`)."""
    before = len(doc.candidates)
    actions.action_names(doc)
    doc.candidates[before:] = [s for s in doc.candidates[before:] if s.priority == GUESS]


CANDIDATES: dict[str, tuple[Pass, str]] = {
    "at-most-four-themes": (Pass("at-most-four-themes", at_most_four_themes), "learned-themes"),
    "quoted-actions": (Pass("quoted-actions", quoted_actions), "programme-forms"),
    "lower-actions": (Pass("lower-actions", lower_actions), "programme-forms"),
}
