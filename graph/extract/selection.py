"""Theme selection: of the themes whose labels occur in a story, keep those the story is about."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.folding import fold
from graph.extract.spans import THEME, TITLE, SUMMARY

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.spans import Span

# where a sentence ends: a full stop, question or exclamation mark (perhaps closing a quote) before the next one's start
_SENTENCE_END: Final = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")
# a theme said once from the third sentence on is background when this many others are the story's subject
_LATE_SENTENCE: Final = 2
_STRONGER_THEMES: Final = 2
_LIST_GLUE: Final = frozenset({" and ", " or ", ", ", ", and ", " & "})


def sentence_of(text: str, start: int) -> int:
    """Which sentence of `text` (0 for the first) the offset `start` lies in."""
    return len(_SENTENCE_END.findall(text, 0, start))


def select_themes(doc: Doc) -> None:
    """Pass "theme-selection": drop the themes a story mentions only in passing.

    A theme's evidence is where and how often its labels occur. A theme in the title or said twice is what the story
    is about; one said once, by one everyday word ("training", "pandemic", "women"), from the third sentence of the
    summary on, while two or more other themes are in the title or said twice, is background to them ("... it follows
    the pandemic", "... and training for the women who ..."). A label that is the concept's own name or id
    ("digitalization") stays: the scheme's own term for a concept is never a word in passing; so does one listed with
    another theme's label ("towards sustainability and digitalization")."""
    if len(doc.found) <= _STRONGER_THEMES:
        return
    theme, title = THEME, TITLE
    by_theme: dict[str | None, list[Span]] = {}
    for s in doc.found:
        if s.kind is theme:
            by_theme.setdefault(s.key, []).append(s)
    if len(by_theme) <= _STRONGER_THEMES:
        return
    lone = [spans[0] for spans in by_theme.values() if len(spans) == 1 and spans[0].field is not title]
    if not lone or len(by_theme) - len(lone) < _STRONGER_THEMES:
        return
    themes = [s for spans in by_theme.values() for s in spans]
    text = doc.texts[SUMMARY]
    dropped = {s.key for s in lone if _in_passing(doc, s) and not _listed(text, s, themes)}
    if dropped:
        doc.found = [s for s in doc.found if s.kind is not THEME or s.key not in dropped]


def _listed(text: str, span: Span, themes: list[Span]) -> bool:
    """Whether the span is listed with another theme's label ("towards sustainability and digitalization"): a list
    of concepts names what the sentence is about, not a word in passing."""
    for other in themes:
        if other.field is span.field and other.key != span.key:
            between = text[other.end:span.start] if other.end <= span.start else text[span.end:other.start]
            if between in _LIST_GLUE:
                return True
    return False


def _in_passing(doc: Doc, span: Span) -> bool:
    """Whether a theme's only span is one everyday word late in the summary (not the concept's own name or id)."""
    if span.field is not SUMMARY:
        return False
    text = doc.texts[SUMMARY]
    said = text[span.start:span.end]
    if " " in said.strip() or sentence_of(text, span.start) < _LATE_SENTENCE:
        return False
    theme = doc.resources.knowledge.theme_by_id.get(span.key or "")
    own = {fold(span.key or "")} if theme is None else {fold(theme.id), fold(theme.name)}
    return fold(said) not in own
