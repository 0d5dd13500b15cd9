"""A capitalized "The" inside a sentence is the name's own: "ruled in The Atlanta Opera, Inc.", "founded The Elders"."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.spans import Span


def articled_organizations(doc: Doc) -> None:
    """Pass "articled-organizations": an accepted organization right after "The" that does not open a sentence (a small
    word, a comma or a semicolon before it) is named with it: "a study carried out with The Manufacturing Institute",
    "the union representing The Sash Window Workshop's staff". A known name keeps its name; the mention takes the
    article ("The New York Times" is the New York Times)."""
    swap: dict[int, Span] = {}
    for span in doc.accepted:
        if span.kind is not EntityKind.ORGANIZATION or span.start < 6:
            continue
        text = doc.texts[span.field]
        if text[span.start - 4:span.start] != "The " or text[span.start - 5] != " ":
            continue
        before = text[span.start - 6]
        if not (before.islower() or before in ",;"):
            continue  # "... in Geneva. The International ...": a sentence's first word
        start = span.start - 4
        if doc.claims.covered(span.field, start, span.start):
            continue
        name = span.name if span.key is not None else "The " + span.name
        swap[id(span)] = replace(span, start=start, name=name)
    doc.reread(swap)
