"""Names a story defines, "Full Name (ACR)": both as candidates, and the acronym taught for the rest of the story."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from graph.extract.forms import kind_of
from graph.extract.organizations import definition_spans
from graph.extract.spans import CAMPAIGN, GAZETTEER

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.spans import Span
    from graph.records import EntityKind, Field


def definitions(doc: Doc) -> None:
    """Pass "definitions": the defined name and its acronym as candidates; `doc.taught` learns the acronym.

    An acronym the story defines as another thing than the gazetteer's means what the story says: after "the Canada
    Pension Plan (CPP)", no "CPP" of the story is the gazetteer's party. The gazetteer keeps its reading when the
    defined name is its own ("World Food Programme (WFP)"), whatever kind the name's form suggests."""
    taught = doc.taught
    defined: list[Span] = []
    known_kinds: dict[tuple[Field, int, int], EntityKind] | None = None
    for field, text in doc.texts.items():
        spans, learned = definition_spans(text, field, doc.chunks_in(field), kind_of)
        if spans:
            if known_kinds is None:
                known_kinds = {(s.field, s.start, s.end): s.kind for s in doc.candidates if s.priority == GAZETTEER}
            _known_kind(spans, learned, known_kinds)
        doc.candidates.extend(spans)
        defined.extend(span for span in spans if span.source == "definition")
        taught.update(learned)
    if not taught:
        return
    known = {span.key for span in doc.candidates
             if span.priority == GAZETTEER and any(span.overlaps(name) for name in defined)}
    doc.candidates[:] = [span for span in doc.candidates
                         if not _redefined(span, doc.texts[span.field], taught, known)]


def _known_kind(spans: list[Span], learned: dict[str, tuple[EntityKind, str]],
                known_kinds: dict[tuple[Field, int, int], EntityKind]) -> None:
    """A defined name the gazetteer knows as a campaign, at exactly its bounds, is one, and so are the letters it
    defines: "the Program Keluarga Harapan (PKH)", "the Ingreso Familiar de Emergencia (IFE), a monthly payment"
    are known programmes, so "PKH" and "IFE" name the programme, not a body the form "Program ..." or "... de ..."
    suggests (batches 39 and 41)."""
    for k, span in enumerate(spans):
        if span.source != "definition":
            continue
        kind = known_kinds.get((span.field, span.start, span.end))
        if kind is not CAMPAIGN or span.kind is CAMPAIGN:
            continue  # (a known body keeps a form's campaign reading: "Samyukt Kisan Morcha (SKM)", batch 4)
        spans[k] = replace(span, kind=kind)
        for j in range(k + 1, len(spans)):
            short = spans[j]
            if short.source == "acronym" and short.name == span.name:
                spans[j] = replace(short, kind=kind)
                acronym = next((a for a, (_, name) in learned.items() if name == span.name), None)
                if acronym is not None:
                    learned[acronym] = (kind, span.name)
                break


def _redefined(span: Span, text: str, taught: dict[str, tuple[EntityKind, str]], known: set[str | None]) -> bool:
    """A gazetteer hit on an acronym this story teaches for another name, of another kind, that is not the hit's."""
    if span.priority != GAZETTEER or span.key in known:
        return False
    meaning = taught.get(text[span.start:span.end])
    return (meaning is not None and meaning[0] is not span.kind
            and meaning[1].casefold() != span.name.casefold())
