"""Shorter forms a story uses after an organization's or campaign's full name: a taught acronym, the name without its head noun."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from graph.extract import campaigns, organizations
from graph.extract.folding import fold, whole_words
from graph.extract.forms import kind_of
from graph.extract.spans import PATTERN, Span
from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_NAME_HEADS = campaigns.HEADS | organizations.HEADS


def short_forms(doc: Doc) -> None:
    """Pass "short-forms": capitalized, unclaimed repeats of the short forms are accepted as the full name."""
    forms: dict[str, Span] = {}
    suffixes = doc.resources.company_suffixes
    for span in doc.accepted:
        if span.kind not in (EntityKind.ORGANIZATION, EntityKind.CAMPAIGN) or span.source == "acronym":
            continue
        words = span.name.split()
        if len(words) >= 3 and words[-1].lower() in _NAME_HEADS and kind_of(span.name) is span.kind:
            forms.setdefault(fold(" ".join(words[:-1])), span)
        elif len(words) >= 2 and words[-1].lower() in suffixes:
            forms.setdefault(fold(" ".join(words[:-1])), span)  # "Nestlé" after "Nestlé S.A."
        if span.source == "cue":
            forms.setdefault(fold(span.name), span)  # "Amazon said" after "Amazon workers"
    for acronym, (_kind, name) in doc.taught.items():
        source = next((s for s in doc.accepted if s.name == name), None)
        if source is not None:
            forms.setdefault(fold(acronym), replace(source, source="acronym"))
    found = []
    for form, source in forms.items():
        for field, text in doc.texts.items():
            folded = doc.folded[field]
            if form not in folded:
                continue
            for start, end in whole_words(folded, [form], hyphen_ends=False):
                if not text[start].isupper():
                    continue
                if doc.claims.covered(field, start, end):
                    # "Hyundai Motor union stages ..." after "Hyundai Motor Company": the story's own name outranks a
                    # known organization's shorter one inside it
                    inside = [s for s in doc.claims.in_field(field) if s.start < end and start < s.end]
                    if source.kind is not EntityKind.ORGANIZATION or not all(
                            s.kind is EntityKind.ORGANIZATION and start <= s.start and s.end <= end
                            and s.end - s.start < end - start and s.source.startswith("known") for s in inside):
                        continue
                    doc.drop({id(s) for s in inside})
                span = replace(source, field=field, start=start, end=end, priority=PATTERN,
                               confidence=min(source.confidence, 0.85), source="repeat", trimmable=False)
                doc.claims.add(span)
                found.append(span)
    doc.accept(found)
