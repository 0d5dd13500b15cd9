"""People whose surname is a known company's name: "Premier Doug Ford" is a person, not "Doug" beside Ford."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from graph.extract.spans import PATTERN
from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.spans import Span

# a person read by these cues is meant for sure; the name that follows them is theirs
_SURE = frozenset(("honorific", "role"))


def company_surnames(doc: Doc, people: list[Span]) -> bool:
    """A one-word name a title or honorific introduces, run on by a known company's
    one-word name ("Premier Doug" + "Ford"), is one person, "Doug Ford"; the story's other mentions of that word are
    the person's surname ("as Ford promises to repeal …"). `people`: the story's people found by rule; whether any
    changed."""
    person, organization = EntityKind.PERSON, EntityKind.ORGANIZATION
    surnames: dict[str, str] = {}  # the company's word -> the person's name
    for span in people:
        if span.source not in _SURE or " " in span.name:
            continue
        text = doc.texts[span.field]
        if text[span.end:span.end + 1] != " " or not text[span.end + 1:span.end + 2].isupper():
            continue
        company = doc.claims.at(span.field, span.end + 1, span.end + 2)
        if company is None or company.kind is not organization or company.start != span.end + 1 \
                or company.source != "known-company":
            continue
        word = text[company.start:company.end]
        if " " in word or not word[1:].islower():
            continue
        doc.join(span, company, replace(span, end=company.end, name=f"{span.name} {word}"))
        surnames[word] = f"{span.name} {word}"
    if not surnames:
        return False
    doc.reread({id(s): replace(s, kind=person, name=surnames[doc.texts[s.field][s.start:s.end]], key=None,
                                   themes=(), priority=PATTERN, confidence=0.8, source="repeat")
                for s in doc.accepted if s.kind is organization and s.source == "known-company"
                and doc.texts[s.field][s.start:s.end] in surnames})
    return True
