"""Place owners: "Argentina's" before a name says whose the organization or programme is, and is not part of it."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Final, TYPE_CHECKING

from graph.extract.spans import CAMPAIGN, GAZETTEER, ORGANIZATION, PLACE
from graph.records import Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# a capitalized owner of one to three words and its possessive at a name's front: "Argentina's ", "South Africa's ",
# and a plural's bare apostrophe: "the Philippines' ", "the United Arab Emirates' " (batches 36 and 44)
_OWNER: Final = re.compile(r"[A-Z][\w-]*(?: [A-Z][\w-]*){0,2}(?:['’]s|(?<=s)['’]) ")
_OWNED: Final = (ORGANIZATION, CAMPAIGN)
# a country's court named only by its rank: "India's Supreme Court" is the Supreme Court of India
_BARE_COURT: Final = re.compile(r"(?:Supreme|High|Constitutional|Federal|Superior) Court")
_OWNER_BEFORE: Final = re.compile(r"(?<![\w-])[A-Z][\w-]*(?: [A-Z][\w-]*)?['’]s $")


def _is_place(doc: Doc, field: Field, start: int, end: int) -> bool:
    """Whether a known place was read at exactly [start, end)."""
    return any(c.kind is PLACE and c.priority == GAZETTEER and c.field is field and c.start == start
               and c.end == end for c in doc.candidates)


# what a story must hold (folded: "’s" is "'s") for the pass to find anything: the pipeline skips it in the others
CUES: Final[tuple[str, ...]] = ("'s ", "s' ")


def place_owners(doc: Doc) -> None:
    """Pass "place-owners": a known place's possessive at the front of an organization's or campaign's name that a
    rule found ("Argentina's General Confederation of Labour (CGT)", "Nigeria's Special Agro-Industrial Processing
    Zones programme") is cut from the name: no annotated set names a body or a programme with its country's
    possessive (the plural possessives of "People's Party", "Women's Union" are no place). The place is still
    reported, by "nested-names", which runs before; the possessive's stretch stays claimed."""
    texts = doc.texts
    for text in texts.values():
        if "'s " in text or "’s " in text or "s' " in text or "s’ " in text:
            break
    else:
        return  # (no possessive, no owner: most stories)
    accepted = doc.accepted
    places: set[tuple] | None = None
    cut: dict[str, str] = {}  # the names cut -> what is left of them
    for n, span in enumerate(accepted):
        if span.key is not None or span.kind not in _OWNED:
            continue  # (a known name is the gazetteer's, never a possessive's)
        text = texts[span.field]
        owner = _OWNER.match(text, span.start, span.end)
        if owner is None and _BARE_COURT.fullmatch(span.name):
            before = _OWNER_BEFORE.search(text, max(0, span.start - 30), span.start)
            if before is not None and _is_place(doc, span.field, before.start(), before.end() - 3):
                # "India's Supreme Court" read as "Supreme Court": named as such courts are, "Supreme Court of India"
                accepted[n] = replace(span, name=f"{span.name} of {text[before.start():before.end() - 3]}")
            continue
        if owner is None or owner.end() >= span.end:
            continue
        if places is None:
            places = {(c.field, c.start, c.end) for c in doc.candidates
                      if c.kind is PLACE and c.priority == GAZETTEER}
        # (the place ends before "'s ", or before the plural's bare "' ")
        if (span.field, span.start, owner.end() - (2 if text[owner.end() - 2] in "'’" else 3)) not in places:
            continue
        name = text[owner.end():span.end]
        cut[span.name] = name
        accepted[n] = replace(span, start=owner.end(), name=name)
    if cut:
        # the name's acronym, taught with the full name ("... Labour (CGT)"), names the cut name too
        for n, span in enumerate(accepted):
            if span.name in cut and span.kind in _OWNED:
                accepted[n] = replace(span, name=cut[span.name])
