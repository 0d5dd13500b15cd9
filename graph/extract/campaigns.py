"""Campaigns, programmes and observances named by their form: "... Initiative", "World Day of ..."."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.extract.chunks import Chunk, GENERIC, STOPWORDS, headed_spans, is_all_caps
from graph.extract.spans import PATTERN, Span
from graph.records import EntityKind, Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc

HEADS = frozenset("""
initiative initiatives campaign programme program project partnership day week year decade month challenge pact scheme
accelerator
""".split())
PREFIX_HEADS = frozenset("initiative campaign programme program project partnership day week year decade month pact".split())
# Observances need a marker, or "Last Year" and "Every Day" would be campaigns.
_CALENDAR = frozenset("day week year decade month".split())
_MARKERS = frozenset("international world global national universal un european african asian arab".split())
_YEAR_AFTER = re.compile(r"\s+((?:19|20)\d\d)\b")
_LOWER_HEAD = re.compile(r"\s+(programme|program|project|initiative|campaign|partnership)\b")
_HASHTAG = re.compile(r"(?<![\w#])#[A-Za-z][\w]{2,}(?:\s+(?:campaign|challenge|initiative|movement|pledge|day)\b)?")


def find_hashtags(text: str, field: Field) -> list[Span]:
    """"#EndChildLabour2025": in this news a hashtag is a campaign's name."""
    return [Span(EntityKind.CAMPAIGN, field, m.start(), m.end(), PATTERN, "rule", 0.75, m.group(), source="hashtag")
            for m in _HASHTAG.finditer(text)] if "#" in text else []


def hashtags(doc: Doc) -> None:
    """Pass "hashtags": every hashtag is a campaign candidate."""
    for field, text in doc.texts.items():
        doc.candidates.extend(find_hashtags(text, field))


def _is_observance_ok(words: list[str]) -> bool:
    lowered = [w.lower() for w in words]
    if not any(w in _CALENDAR for w in lowered):
        return True
    content = [w for w in lowered if w not in _CALENDAR and w not in STOPWORDS and w not in GENERIC]
    return any(w in _MARKERS for w in lowered) or len(content) >= 2


def find_campaigns(chunk: Chunk, text: str, headed: bool = True) -> list[Span]:
    """Name-shaped campaign spans of one chunk, with a trailing year kept ("... Child Labour 2021")."""
    spans = []
    tokens = chunk.tokens
    for i, j in (headed_spans(chunk, HEADS, PREFIX_HEADS, cross=True) if headed else ()):
        words = [t.bare for t in tokens[i:j + 1]]
        if not _is_observance_ok(words):
            continue
        start, end = tokens[i].start, tokens[j].start + len(tokens[j].bare)
        name = text[start:end]
        if tokens[j].bare == tokens[j].text:
            year = _YEAR_AFTER.match(text, end)
            if year:
                end = year.end()
        spans.append(Span(EntityKind.CAMPAIGN, chunk.field, start, end, PATTERN, "rule", 0.8, name,
                          trimmable=True, source="head"))
    lower = _LOWER_HEAD.match(text, chunk.end)
    if lower:
        # "the SCORE programme", "the Better Work project": a proper name with a lower-case head noun
        first = next((k for k, t in enumerate(tokens) if t.lower not in STOPWORDS), None)
        if first is not None:
            content = [t for t in tokens[first:] if t.lower not in GENERIC]
            if content and (len(tokens) - first >= 2 or is_all_caps(tokens[first].text)):
                start = tokens[first].start
                spans.append(Span(EntityKind.CAMPAIGN, chunk.field, start, lower.end(), PATTERN, "rule", 0.7,
                                  text[start:lower.end()], trimmable=True, source="lower-head"))
    return spans
