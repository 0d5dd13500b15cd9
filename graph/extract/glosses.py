"""Bodies glossed in their own language: a name in brackets right after an organization's is that organization's
("the Confederation of Swedish Enterprise (Svenskt Näringsliv)"), never a person the people finder guessed."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from graph.extract.spans import PERSON, ORGANIZATION

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.spans import Span


def glossed_bodies(doc: Doc, people: list[Span]) -> bool:
    """A person guessed by the name's shape alone, written in brackets right after an
    organization's name ("the Labour Party (Partai Buruh)", "Spain's Supreme Court (Tribunal Supremo)"), is that
    organization named in another language, and so are the name's other mentions ("Rede Penssan survey: …").
    `people`: the story's people found by rule; whether any changed."""
    person, organization = PERSON, ORGANIZATION
    glossed: dict[str, Span] = {}
    for span in people:
        if span.source != "shape":
            continue
        text = doc.texts[span.field]
        if text[span.start - 2:span.start] != " (" or text[span.end:span.end + 1] != ")":
            continue
        body = doc.claims.at(span.field, span.start - 3, span.start - 2)
        if body is not None and body.kind is organization and body.end == span.start - 2:
            glossed[span.name] = body
    if not glossed:
        return False
    doc.reread({id(s): replace(s, kind=organization, name=glossed[s.name].name, key=glossed[s.name].key,
                               role=None, affiliation=None, confidence=0.5, source="gloss")
                for s in doc.accepted if s.kind is person and s.name in glossed})
    return True
