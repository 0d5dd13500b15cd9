"""Two unknown words in capitals side by side: one organization's name ("Members of UNITE HERE"), not two acronyms."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.extract.chunks import is_all_caps
from graph.extract.spans import GUESS, Span
from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_PAIR = re.compile(r"\b[A-Z]{2,} [A-Z]{2,}\b")


def capitals_pairs(doc: Doc) -> None:
    """Pass "capitals-pairs": two unclaimed words in capitals side by side, alone in a run that is not all capitals
    ("Members of UNITE HERE walked out"), are one organization's name; the "acronyms" pass would make two."""
    fields = {field for field, text in doc.texts.items() if _PAIR.search(text)}
    if not fields:
        return
    found = []
    non_entities, claims, taught = doc.resources.non_entities, doc.claims, doc.taught
    for chunk in doc.chunks:
        if chunk.field not in fields:
            continue
        tokens = chunk.tokens
        caps = [is_all_caps(t.bare) and t.bare.isalpha() and len(t.bare) > 1 for t in tokens]
        if sum(caps) < 2 or all(caps):
            continue  # "JONA OAK": a name in capitals
        text = doc.texts[chunk.field]
        for k in range(len(tokens) - 1):
            if not (caps[k] and caps[k + 1]) or k > 0 and caps[k - 1] or k + 2 < len(tokens) and caps[k + 2]:
                continue
            first, second = tokens[k], tokens[k + 1]
            if {first.bare, second.bare} & (taught.keys() | non_entities):
                continue
            start, end = first.start, second.start + len(second.bare)
            if claims.covered(chunk.field, start, first.start + len(first.bare)) or claims.covered(chunk.field, second.start, end):
                continue
            span = Span(EntityKind.ORGANIZATION, chunk.field, start, end, GUESS, "rule", 0.5, text[start:end], source="acronym")
            claims.add(span)
            found.append(span)
    doc.accept(found)
