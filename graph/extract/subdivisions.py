"""Provinces and districts from ISO 3166-2 stay candidates only with a cue: a province name alone is often a common word."""
from __future__ import annotations

from typing import TYPE_CHECKING

from graph.extract.places import has_place_cue
from graph.extract.spans import PLACE

if TYPE_CHECKING:
    from graph.extract.doc import Doc


def keep_cued(doc: Doc) -> None:
    """Pass "cued-subdivisions": drop subdivision candidates with neither "in"/"from" before them, a possessive
    after them, nor their country named."""
    candidates = doc.candidates
    for s in candidates:
        if s.source == "subdivision":
            break
    else:
        return  # (most stories propose none: one loop to see it, not the two below)
    countries = {s.country for s in candidates if s.kind is PLACE and s.source != "subdivision" and s.country}
    doc.candidates = [s for s in candidates if s.source != "subdivision" or s.country in countries
                      or has_place_cue(doc.texts[s.field], s.start) or _possessive(doc.texts[s.field], s.end)]


def _possessive(text: str, end: int) -> bool:
    # "Arizona's teachers", "Punjab's farmers": a name that owns something is that place, not a common word
    return text[end:end + 2] in ("'s", "’s")
