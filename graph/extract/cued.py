"""Organizations no gazetteer knows and no head noun marks, named by the words around them: "the union Seko",
"the delivery companies Glovo and Deliveroo", "Amazon workers"."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.extract.chunks import STOPWORDS, Token, is_all_caps
from graph.extract.spans import GUESS, Span
from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_BEFORE = re.compile(r"([a-z][a-z-]*)\s+$")
_AFTER = re.compile(r"(?:'s|’s|'|’)?\s+([a-z][a-z-]*)")
_LIST_GLUE = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|&|or)\s+)$")
# Where a sentence starts, any word is capitalized: "Delivery workers ..." names no company.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s+|[\"“‘(]\s*)$")


def _names(tokens: tuple[Token, ...]) -> list[list[Token]]:
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.lower in ("and", "&", "or"):
            parts.append([])
        else:
            parts[-1].append(token)
    return [p for p in parts if p]


def cued_organizations(doc: Doc) -> None:
    """Pass "organization-cues": names right after an organization noun (and the rest of a list it starts), and
    a single unknown word right before a workforce noun, as guessed organization candidates."""
    res = doc.resources
    nouns, workforce, vocabulary, titles = res.organization_nouns, res.workforce_nouns, res.vocabulary, res.cues.titles
    for field, text in doc.texts.items():
        listing_end: int | None = None
        for chunk in doc.chunks_in(field):
            word = _BEFORE.search(text, max(0, chunk.start - 24), chunk.start)
            cued = word is not None and word.group(1) in nouns
            listed = listing_end is not None and _LIST_GLUE.match(text[listing_end:chunk.start])
            listing_end = None
            if cued or listed:
                for part in _names(chunk.tokens):
                    lowered = [t.bare.lower() for t in part]
                    if (len(part) > 4 or lowered[0] in STOPWORDS or all(w in vocabulary for w in lowered)
                            or any(w in titles for w in lowered)):
                        continue
                    start, end = part[0].start, part[-1].start + len(part[-1].bare)
                    doc.candidates.append(Span(EntityKind.ORGANIZATION, field, start, end, GUESS, "rule", 0.6,
                                               text[start:end], source="cue"))
                if listed or word.group(1).endswith("s"):  # "companies X, Y and Z"
                    listing_end = chunk.end
                continue
            after = _AFTER.match(text, chunk.end)
            if after is None or after.group(1) not in workforce:
                continue
            token = chunk.tokens[-1]
            lowered = token.bare.lower()
            if lowered in vocabulary or lowered in STOPWORDS or is_all_caps(token.bare) or lowered in titles:
                continue
            if len(chunk.tokens) == 1 and _SENTENCE_START.search(text, max(0, chunk.start - 4), chunk.start):
                continue
            end = token.start + len(token.bare)
            doc.candidates.append(Span(EntityKind.ORGANIZATION, field, token.start, end, GUESS, "rule", 0.6,
                                       token.bare, source="cue"))
