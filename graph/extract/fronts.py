"""The front of a name a rule found, put back: digits glued to its first word ("8M Commission")."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Final, TYPE_CHECKING

from graph.extract.spans import PATTERN, PLACE

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_GLUED_DIGITS: Final = re.compile(r"\d+$")


def name_fronts(doc: Doc) -> None:
    """Pass "name-fronts": a name a rule found that starts inside a word, after its digits ("the 8M Commission" read
    as "M Commission"), starts at the word.

    An unknown owner's possessive is not taken into the name: "the Time's Up Legal Defense Fund" was one story's form,
    but on the sealed batch 13 the same rule made "NFIB's Small Business Legal Center" of an owner and its body."""
    candidates = doc.candidates
    for i, span in enumerate(candidates):
        if span.priority != PATTERN or span.start < 2 or span.kind is PLACE:
            continue
        text = doc.texts[span.field]
        if text[span.start - 1].isdigit():
            digits = _GLUED_DIGITS.search(text, max(0, span.start - 6), span.start)
            if digits is not None and not (digits.start() > 0 and text[digits.start() - 1].isalnum()):
                candidates[i] = replace(span, start=digits.start(), name=text[digits.start():span.end])
