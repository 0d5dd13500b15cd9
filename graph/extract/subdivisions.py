"""Provinces and districts from ISO 3166-2 stay candidates only with a cue: a province name alone is often a common word."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.places import has_place_cue
from graph.extract.spans import PATTERN, PLACE, Span

if TYPE_CHECKING:
    from graph.extract.doc import Doc


# a place's name with a Romance particle inside it, right after "in", "at" or "near" and ended by punctuation or a
# small word: "in Santo Antônio de Jesus,", "in Mar del Plata.", "in São José dos Campos," (batches 4, 5, 12, 19, 29,
# 36 and 43 miss one each; after "of" such a run is as often a person's name: "of Alfredo Lagos del Campo")
# (the pass's cues: what a story must hold, folded, for the pass to run; the gate's automaton looks for them)
PARTICLES: Final[tuple[str, ...]] = (" de ", " do ", " dos ", " da ", " das ", " del ")
_UPPER: Final = "A-ZÁÉÍÓÚÂÊÔÃÕÇÑ"
_PARTICLE_PLACE: Final = re.compile(
    rf"\b(?:in|at|near) ((?:[{_UPPER}][\w-]*)(?: [{_UPPER}][\w-]*){{0,2}} (?:de|do|dos|da|das|del|de la|de las|de los)"
    rf" [{_UPPER}][\w-]*(?: [{_UPPER}][\w-]*)?)(?=[,.;:)]| [a-z]|$)")


def particle_places(doc: Doc) -> None:
    """Pass "particle-places": a run with a particle inside after a place's preposition ("in Santana do Araguaia,
    which") is a place, when no word of it is an organization's head or a title and no reading of another kind
    overlaps it; a shorter place inside it ("Santo Domingo" in "Santo Domingo de los Tsáchilas") is dropped."""
    stop = doc.resources.not_before_of
    for field, text in doc.texts.items():
        if " d" not in text:
            continue
        for m in _PARTICLE_PLACE.finditer(text):
            start, end = m.span(1)
            if any(w.lower() in stop for w in m.group(1).split()):
                continue  # "in Banco de Chile", "at Presidente de la Nación"
            if any(s.field is field and s.start < end and start < s.end and s.kind is not PLACE for s in doc.candidates):
                continue
            # a shorter place inside the run is its front, not a place of its own: "Santo Domingo" in "Santo Domingo
            # de los Tsáchilas" (the known city would outrank the name by the arbitration's priority)
            doc.candidates = [s for s in doc.candidates if s.field is not field or not start <= s.start < s.end <= end
                              or s.end - s.start == end - start]
            doc.candidates.append(Span(PLACE, field, start, end, PATTERN, "rule", 0.8, m.group(1), source="particle"))


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
