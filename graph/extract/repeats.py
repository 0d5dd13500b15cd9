"""Shorter forms a story uses after an organization's or campaign's full name: a taught acronym, the name without its head noun."""
from __future__ import annotations

from dataclasses import replace
from typing import Final, TYPE_CHECKING

from graph.extract import campaigns, memo, organizations
from graph.extract.chunks import is_all_caps
from graph.extract.folding import fold, whole_words
from graph.extract.forms import kind_of
from graph.extract.memo import keep
from graph.extract.spans import CAMPAIGN, ORGANIZATION, PATTERN, Span
from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_NAME_HEADS: Final = campaigns.HEADS | organizations.HEADS


def _letters_with_noun(doc: Doc) -> None:
    """"Nigeria's NG-CARES programme" in the headline after "the ... Economic Stimulus (NG-CARES) programme": letters
    the story reads elsewhere as a programme's, with a lower-case programme noun after them, are that programme named
    by its letters (the noun says what it is), not another one."""
    campaign = CAMPAIGN
    with_noun = [s for s in doc.accepted if s.kind is campaign and s.source == "lower-head" and " " in s.name]
    if not with_noun:
        return
    named = {doc.texts[s.field][s.start:s.end]: s.name for s in doc.accepted
             if s.kind is campaign and s.source != "lower-head" and s.end - s.start < len(s.name)}
    if doc.taught:
        programmes = {s.name for s in doc.accepted if s.kind is campaign}
        named.update((letters, name) for letters, (_kind, name) in doc.taught.items() if name in programmes)
    swap = {}
    for span in with_noun:
        # (an owner's possessive before the letters says whose: "Nigeria's NG-CARES programme")
        words = span.name.split(" ")
        letters, noun = words[-2], words[-1]
        name = named.get(letters)
        if name is None or not noun.islower() or not is_all_caps(letters) or len(words) > 2 and not (
                len(words) == 3 and words[0].endswith(("'s", "’s"))):
            continue
        start = span.end - len(noun) - 1 - len(letters)
        if doc.texts[span.field][start:start + len(letters)] == letters:
            swap[id(span)] = replace(span, start=start, end=start + len(letters), name=name)
    doc.reread(swap)


_SHORT_FORMS: Final[dict[tuple[str, EntityKind, bool, frozenset[str]], tuple[str, ...]]] = {}


def _short_forms_of(name: str, kind: EntityKind, cued: bool, suffixes: frozenset[str]) -> tuple[str, ...]:
    """The folded short forms a later mention may use for an organization's or campaign's name, remembered per name
    (known names recur story after story): the name less its head noun ("Music Against Child Labour" of "... Initiative")
    when the head gives the name its kind, or less a company's suffix ("Nestlé" of "Nestlé S.A."); and, for a name a
    cue found, the name itself ("Amazon said" after "Amazon workers")."""
    key = (name, kind, cued, suffixes)
    known = _SHORT_FORMS.get(key)
    if known is None:
        words = name.split()
        forms = []
        if len(words) >= 3 and words[-1].lower() in _NAME_HEADS and kind_of(name) is kind \
                or len(words) >= 2 and words[-1].lower() in suffixes:
            forms.append(fold(" ".join(words[:-1])))
        if cued:
            forms.append(fold(name))
        known = keep(_SHORT_FORMS, key, tuple(forms), memo.WORDS)
    return known


def short_forms(doc: Doc) -> None:
    """Pass "short-forms": capitalized, unclaimed repeats of the short forms are accepted as the full name."""
    _letters_with_noun(doc)
    forms: dict[str, Span] = {}
    suffixes = doc.resources.company_suffixes
    for span in doc.accepted:
        if span.kind not in (ORGANIZATION, CAMPAIGN) or span.source == "acronym":
            continue
        for form in _short_forms_of(span.name, span.kind, span.source == "cue", suffixes):
            forms.setdefault(form, span)
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
                    if source.kind is not ORGANIZATION or not all(
                            s.kind is ORGANIZATION and start <= s.start and s.end <= end
                            and s.end - s.start < end - start and s.source.startswith("known") for s in inside):
                        continue
                    doc.drop({id(s) for s in inside})
                span = replace(source, field=field, start=start, end=end, priority=PATTERN,
                               confidence=min(source.confidence, 0.85), source="repeat", trimmable=False)
                doc.claims.add(span)
                found.append(span)
    doc.accept(found)
