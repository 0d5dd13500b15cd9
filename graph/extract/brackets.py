"""A short form in brackets after a name ("Pradhan Mantri Kisan Samman Nidhi (PM-KISAN)"), taught for the story."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_BRACKETED = re.compile(r" \(([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*[A-Z0-9])\)")


def bracketed_short_forms(doc: Doc) -> None:
    """Pass "bracketed-short-forms": a word in capitals in brackets right after an accepted organization or campaign
    is its short form, taught for the story (the "short-forms" pass then reads it there and later), even when its
    letters are not the name's initials, which the "definitions" pass needs."""
    fields = {field for field, text in doc.texts.items() if " (" in text}
    if not fields:
        return
    for span in doc.accepted:
        if span.field not in fields or span.kind is not EntityKind.ORGANIZATION and span.kind is not EntityKind.CAMPAIGN:
            continue
        text = doc.texts[span.field]
        if text[span.end:span.end + 2] != " (":
            continue
        bracket = _BRACKETED.match(text, span.end)
        if bracket is None or sum(c.isupper() for c in bracket.group(1)) < 2 or doc.claims.covered(span.field, *bracket.span(1)):
            continue
        doc.taught.setdefault(bracket.group(1), (span.kind, span.name))
