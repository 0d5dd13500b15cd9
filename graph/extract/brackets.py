"""A short form in brackets after a name ("Pradhan Mantri Kisan Samman Nidhi (PM-KISAN)"), taught for the story."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.spans import ORGANIZATION, CAMPAIGN

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_BRACKETED: Final = re.compile(r" \(([A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*[A-Z0-9])\)")


# what a story must hold (folded) for the pass to find anything: the pipeline skips it in stories with none
CUES: Final[tuple[str, ...]] = (" (",)


def bracketed_short_forms(doc: Doc) -> None:
    """Pass "bracketed-short-forms": a word in capitals in brackets right after an accepted organization or campaign
    is its short form, taught for the story (the "short-forms" pass then reads it there and later), even when its
    letters are not the name's initials, which the "definitions" pass needs."""
    for field, text in doc.texts.items():
        if " (" not in text:
            continue  # (most texts have no bracket: nothing else is looked at)
        for bracket in _BRACKETED.finditer(text):
            acronym = bracket.group(1)
            if sum(c.isupper() for c in acronym) < 2 or acronym in doc.taught or doc.claims.covered(field, *bracket.span(1)):
                continue
            at = bracket.start()
            named = next((s for s in doc.accepted if s.end == at and s.field is field
                          and (s.kind is ORGANIZATION or s.kind is CAMPAIGN)), None)
            if named is not None:
                doc.taught[acronym] = (named.kind, named.name)
