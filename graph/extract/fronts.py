"""The front of a name a rule found, put back: digits glued to it ("8M Commission"), an unknown possessive in it."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from graph.extract.spans import PATTERN
from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_POSSESSIVE = re.compile(r"['’]s [A-Z]")
_GLUED_DIGITS = re.compile(r"\d+$")
_LOWER_BEFORE = re.compile(r"(?:(?:^|[\s(])[a-z]+|[,;]) $")  # a lower-case word or a comma: mid-sentence


def name_fronts(doc: Doc) -> None:
    """Pass "name-fronts": a name a rule found that starts inside a word, after its digits ("the 8M Commission" read
    as "M Commission"), starts at the word; one right after a capitalized possessive no finder knows, in mid-sentence
    ("set up the Time's Up Legal Defense Fund"), holds the possessive. A known owner ("Argentina's") stays apart."""
    owned = {field: {m.end() - 1 for m in _POSSESSIVE.finditer(text)}
             for field, text in doc.texts.items() if "'s " in text or "’s " in text}
    candidates = doc.candidates
    for i, span in enumerate(candidates):
        if span.priority != PATTERN or span.start < 2 or span.kind is EntityKind.PLACE:
            continue
        text = doc.texts[span.field]
        if text[span.start - 1].isdigit():
            digits = _GLUED_DIGITS.search(text, max(0, span.start - 6), span.start)
            if digits is not None and not (digits.start() > 0 and text[digits.start() - 1].isalnum()):
                candidates[i] = replace(span, start=digits.start(), name=text[digits.start():span.end])
        elif span.field in owned and span.start in owned[span.field]:
            owner = text.rfind(" ", 0, span.start - 1) + 1  # where the owner's word starts
            if (text[owner:owner + 1].isupper() and _LOWER_BEFORE.search(text, max(0, owner - 20), owner)
                    and not any(s.field is span.field and s.start < span.start - 3 and owner < s.end for s in candidates)):
                candidates[i] = replace(span, start=owner, name=text[owner:span.end])
