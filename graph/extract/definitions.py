"""Names a story defines, "Full Name (ACR)": both as candidates, and the acronym taught for the rest of the story."""
from __future__ import annotations

from typing import TYPE_CHECKING

from graph.extract.forms import kind_of
from graph.extract.organizations import definition_spans
from graph.extract.spans import GAZETTEER

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.spans import Span
    from graph.records import EntityKind


def definitions(doc: Doc) -> None:
    """Pass "definitions": the defined name and its acronym as candidates; `doc.taught` learns the acronym.

    An acronym the story defines as another thing than the gazetteer's means what the story says: after "the Canada
    Pension Plan (CPP)", no "CPP" of the story is the gazetteer's party. The gazetteer keeps its reading when the
    defined name is its own ("World Food Programme (WFP)"), whatever kind the name's form suggests."""
    taught = doc.taught
    defined: list[Span] = []
    for field, text in doc.texts.items():
        spans, learned = definition_spans(text, field, doc.chunks_in(field), kind_of)
        doc.candidates.extend(spans)
        defined.extend(span for span in spans if span.source == "definition")
        taught.update(learned)
    if not taught:
        return
    known = {span.key for span in doc.candidates
             if span.priority == GAZETTEER and any(span.overlaps(name) for name in defined)}
    doc.candidates[:] = [span for span in doc.candidates
                         if not _redefined(span, doc.texts[span.field], taught, known)]


def _redefined(span: Span, text: str, taught: dict[str, tuple[EntityKind, str]], known: set[str | None]) -> bool:
    """A gazetteer hit on an acronym this story teaches for another name, of another kind, that is not the hit's."""
    if span.priority != GAZETTEER or span.key in known:
        return False
    meaning = taught.get(text[span.start:span.end])
    return (meaning is not None and meaning[0] is not span.kind
            and meaning[1].casefold() != span.name.casefold())
