"""The front of a name a rule found, put back: digits glued to it ("8M Commission"), an unknown possessive in it."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from graph.extract.spans import PATTERN
from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_DIGIT_CAPITAL = re.compile(r"\d[A-Z]")
_GLUED_DIGITS = re.compile(r"\d+$")
# "set up the Time's Up ...": a capitalized word's possessive after a lower-case word or a comma (not a sentence's first)
_OWNER = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]+)['’]s $")


def digit_fronts(doc: Doc) -> None:
    """Pass "digit-fronts": a name a rule found that starts inside a word, after its digits ("the 8M Commission" read
    as "M Commission"), starts at the word: the digits belong to the name."""
    fields = {field for field, text in doc.texts.items() if _DIGIT_CAPITAL.search(text)}
    if not fields:
        return
    for i, span in enumerate(doc.candidates):
        if span.field not in fields or span.priority != PATTERN or span.kind is EntityKind.PLACE or span.start == 0:
            continue
        text = doc.texts[span.field]
        if not text[span.start - 1].isdigit():
            continue
        digits = _GLUED_DIGITS.search(text, max(0, span.start - 6), span.start)
        if digits is None or digits.start() > 0 and text[digits.start() - 1].isalnum():
            continue
        doc.candidates[i] = replace(span, start=digits.start(), name=text[digits.start():span.end])


def possessive_fronts(doc: Doc) -> None:
    """Pass "possessive-fronts": a name a rule found right after a capitalized possessive that no finder knows, in
    mid-sentence ("set up the Time's Up Legal Defense Fund"), holds the possessive; a known owner ("Argentina's",
    "Oxfam's") stays apart."""
    fields = {field for field, text in doc.texts.items() if "'s " in text or "’s " in text}
    if not fields:
        return
    for i, span in enumerate(doc.candidates):
        if span.field not in fields or span.priority != PATTERN or span.kind is EntityKind.PLACE or span.start < 4:
            continue
        text = doc.texts[span.field]
        if text[span.start - 3:span.start] not in ("'s ", "’s "):
            continue
        owner = _OWNER.search(text, max(0, span.start - 30), span.start)
        if owner is None or any(s.field is span.field and s.start < owner.end(1) and owner.start(1) < s.end
                                for s in doc.candidates):
            continue
        doc.candidates[i] = replace(span, start=owner.start(1), name=text[owner.start(1):span.end])
