"""Bare regions: "Henan province", "Mangystau region" name the places Henan and Mangystau; the noun only says so."""
from __future__ import annotations

from dataclasses import replace
from typing import Final, TYPE_CHECKING

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# the lower-case nouns after a place's name that the annotated sets leave out of it (batches 2, 5, 6 and 10; the ILO
# sets name "Tigray" for "Tigray region"); a "district" or "county" too (every one of 27, 36, 38, 39 twice and 43 in
# the gold is the bare name: "Karimnagar district" is Karimnagar, "Turkana county" Turkana); a "village" or "camp"
# stays part of a name ("Kakuma refugee camp")
_REGION_NOUNS: Final = (" province", " region", " district", " county")


# what a story must hold (folded) for the pass to find anything: the pipeline skips it in stories with none
CUES: Final[tuple[str, ...]] = _REGION_NOUNS


def bare_regions(doc: Doc) -> None:
    """Pass "bare-regions": a place found by its lower-case "province", "region", "district" or "county" after it ("in
    Henan province", "Kazakhstan's Mangystau region", "the Karimnagar district") is named without the noun, so it is
    the same place as "Henan" said alone, and without a place that owns it ("of Pakistan's Punjab province": Punjab);
    the noun stays the reason it was read as a place."""
    for text in doc.texts.values():
        if any(noun in text for noun in _REGION_NOUNS):
            break
    else:
        return  # (the substring tests are all most stories need)
    candidates = doc.candidates
    for n, span in enumerate(candidates):
        if span.source != "lower-head":
            continue
        text = doc.texts[span.field]
        noun = next((w for w in _REGION_NOUNS if text.endswith(w, span.start, span.end)), None)
        if noun is not None:
            end = span.end - len(noun)
            # "of Pakistan's Punjab province", "in Riyadh's Manfouha district": the owner is a place of its own
            owner = max(text.rfind("'s ", span.start, end), text.rfind("’s ", span.start, end))
            start = span.start if owner < 0 else owner + 3
            candidates[n] = replace(span, start=start, end=end, name=text[start:end])
