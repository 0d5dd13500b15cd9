"""Names a story defines, "Full Name (ACR)": both as candidates, and the acronym taught for the rest of the story."""
from __future__ import annotations

from typing import TYPE_CHECKING

from graph.extract.forms import kind_of
from graph.extract.organizations import definition_spans

if TYPE_CHECKING:
    from graph.extract.doc import Doc


def definitions(doc: Doc) -> None:
    """Pass "definitions": the defined name and its acronym as candidates; `doc.taught` learns the acronym."""
    for field, text in doc.texts.items():
        spans, learned = definition_spans(text, field, doc.chunks_in(field), kind_of)
        doc.candidates.extend(spans)
        doc.taught.update(learned)
