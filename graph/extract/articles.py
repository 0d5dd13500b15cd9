"""A capitalized "The" inside a sentence is the name's own: "ruled in The Atlanta Opera, Inc.", "founded The Elders"."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from graph.extract.spans import ORGANIZATION

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.spans import Span


def articled_organizations(doc: Doc) -> None:
    """Pass "articled-organizations": an accepted organization right after "The" that does not open a sentence (a small
    word, a comma or a semicolon before it) is named with it: "a study carried out with The Manufacturing Institute",
    "the union representing The Sash Window Workshop's staff". A known name keeps its name; the mention takes the
    article ("The New York Times" is the New York Times)."""
    swap: dict[int, Span] = {}
    organization = ORGANIZATION
    for field, text in doc.texts.items():
        if " The " not in text:
            continue  # (one substring test a field first: most texts have no "The" after a space)
        for span in doc.claims.in_field(field):
            if span.kind is organization and span.start >= 6 and text.startswith(" The ", span.start - 5):
                _articled(doc, text, span, swap)
    doc.reread(swap)


def _articled(doc: Doc, text: str, span: Span, swap: dict[int, Span]) -> None:
    """Into `swap`, the organization with the "The" before it, unless that "The" opens a sentence."""
    before = text[span.start - 6]
    if not (before.islower() or before in ",;"):
        return  # "... in Geneva. The International ...": a sentence's first word
    start = span.start - 4
    if doc.claims.covered(span.field, start, span.start):
        return
    name = span.name if span.key is not None else "The " + span.name
    swap[id(span)] = replace(span, start=start, name=name)
