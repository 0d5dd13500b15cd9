"""Candidate passes measured by `python -m bench.passes_lobo NAME` and not shipped (kept here so the figures reproduce).

Each entry is (the pass, the shipped pass it runs after). A candidate that is kept moves into graph/extract/ and
graph.extract.pipeline.PASSES and leaves this list; tests/data/NONILO.md reports each one's held-out delta.
"""
from __future__ import annotations

import re

from graph.extract import actions, launched
from graph.extract.chunks import has_head
from graph.extract.doc import Doc
from graph.extract.pipeline import Pass
from graph.extract.selection import _SENTENCE_END
from graph.extract.spans import GUESS, PATTERN, Span
from graph.records import EntityKind, Field

MOST_THEMES = 4  # the annotation rules give a story 1-4 themes


def at_most_four_themes(doc: Doc) -> None:
    """Candidate "at-most-four-themes": a story keeps its four themes with the most evidence (mentions; the earliest
    first when tied), as the annotation rules give a story one to four."""
    theme = EntityKind.THEME
    evidence: dict[str, list[int]] = {}
    for order, span in enumerate(doc.found):
        if span.kind is theme and span.key is not None:
            evidence.setdefault(span.key, []).append(order)
    if len(evidence) <= MOST_THEMES:
        return
    kept = set(sorted(evidence, key=lambda k: (-len(evidence[k]), evidence[k][0]))[:MOST_THEMES])
    doc.found[:] = [s for s in doc.found if s.kind is not theme or s.key in kept]


def quoted_actions(doc: Doc) -> None:
    """Candidate "quoted-actions": the quoted forms of the shipped pass "action-names" alone (measure it with
    `--without action-names`)."""
    for field, text in doc.texts.items():
        for start, end in actions.quoted_names(text):
            doc.candidates.append(Span(EntityKind.CAMPAIGN, field, start, end, PATTERN, "rule", 0.7, text[start:end],
                                       source="slogan"))


def lower_actions(doc: Doc) -> None:
    """Candidate "lower-actions": the lower-case-noun form of the shipped pass "action-names" alone (measure it with
    `--without action-names`)."""
    before = len(doc.candidates)
    actions.action_names(doc)
    doc.candidates[before:] = [s for s in doc.candidates[before:] if s.priority == GUESS]


def offices_in_lead(doc: Doc) -> None:
    """Candidate "offices-in-lead": the pass "offices-taken" read in the summary's first sentence too ("Qu Dongyu ...
    was elected Director-General of the FAO"), where a story that is not titled by the act says it first; an
    office verb used as an adjective ("an elected workers' representative") names no act."""
    verbs, theme_id = doc.resources.office_verbs, None
    if any(s.kind is EntityKind.THEME and s.key == "leadership" for s in doc.found):
        return
    text = doc.texts[Field.SUMMARY]
    end = _SENTENCE_END.search(text)
    lead = text[:end.start() + 1] if end else text
    found = verbs.find(lead, doc.folded[Field.SUMMARY][:len(lead)], doc.resources.cues.titles)
    if found is None:
        return
    start, stop, theme_id = found
    if text[max(0, start - 3):start] in ("an ", "a ") or text[max(0, start - 4):start] == "the ":
        return
    if any(s.kind is EntityKind.THEME and s.key == theme_id for s in doc.found):
        return
    theme = doc.resources.knowledge.theme_by_id.get(theme_id)
    doc.found.append(Span(EntityKind.THEME, Field.SUMMARY, start, stop, 0, "rule", 0.7,
                          theme.name if theme else theme_id, theme_id))


def launched_over_places(doc: Doc) -> None:
    """Candidate "launched-over-places": the pass "launched" for a name holding a place inside it ("launched Young
    Africa Works, a strategy ..."): the place candidate no longer keeps the name from being read."""
    places = [c for c in doc.candidates if c.kind is EntityKind.PLACE]
    others = [c for c in doc.candidates if c.kind is not EntityKind.PLACE]
    kept = doc.candidates
    doc.candidates = others
    before = len(doc.candidates)
    launched.launched_names(doc)
    new = doc.candidates[before:]
    doc.candidates = kept
    seen = {(c.field, c.start, c.end) for c in kept if c.kind is EntityKind.CAMPAIGN}
    for span in new:
        inside = [p for p in places if p.field is span.field and span.start < p.end and p.start < span.end]
        if inside and all(span.start < p.start or p.end < span.end for p in inside) and (span.field, span.start, span.end) not in seen:
            kept.append(span)


# "the Hartz IV unemployment benefit system", "the Asignación Universal por Hijo child allowance": a name after "the"
# before a lower-case benefit's noun (at most two lower-case words between) is the benefit's
_LOWER_BENEFIT = re.compile(r"\s+(?:[a-z-]+\s+){0,2}?(?:allowance|benefit|cash transfers?|subsidy|pension)s?\b")


def lower_benefits(doc: Doc) -> None:
    """Candidate "lower-benefits": a capitalized name after "the" and before a lower-case benefit noun, perhaps after
    one or two lower-case words ("the Hartz IV unemployment benefit system"), is a programme (a campaign)."""
    org_heads = doc.resources.organization_heads
    for field, text in doc.texts.items():
        for chunk in doc.chunks_in(field):
            if text[max(0, chunk.start - 4):chunk.start] not in ("the ", "The ") or has_head(chunk, org_heads):
                continue
            if _LOWER_BENEFIT.match(text, chunk.end) is None:
                continue
            tokens = list(chunk.tokens)
            if tokens[-1].bare != tokens[-1].text:
                continue
            doc.candidates.append(Span(EntityKind.CAMPAIGN, field, chunk.start, chunk.end, PATTERN, "rule", 0.6,
                                       text[chunk.start:chunk.end], source="benefit-noun"))




_SCHEME_APPOSITION = re.compile(r",\s+(?:known as\s+(?:the\s+)?[^,]{3,60},\s+)?(?:a|an)\s+(?:[\w$€£¥.,-]+\s+){0,4}?"
                                r"(?:scheme|programme|program|instrument)\b")


def scheme_funds(doc: Doc) -> None:
    """Candidate "scheme-funds": a name a rule read as an organization by its head ("... Fund", "... Facility") that an
    apposition calls a scheme, a programme or an instrument ("the Hustler Fund, a 50 billion shilling government
    scheme") is a campaign (the annotation rules' programmes); "SURE, a temporary instrument" likewise."""
    for field, text in doc.texts.items():
        first = _SCHEME_APPOSITION.search(text)
        if first is None:
            continue
        ends = {first.start(), *(m.start() for m in _SCHEME_APPOSITION.finditer(text, first.end()))}
        for i, span in enumerate(doc.candidates):
            if span.field is field and span.end in ends and span.kind is EntityKind.ORGANIZATION and span.priority <= PATTERN:
                doc.candidates[i] = Span(EntityKind.CAMPAIGN, field, span.start, span.end, span.priority, "rule", 0.7,
                                         span.name, source="cue")
        for chunk in doc.chunks_in(field):
            if chunk.end in ends and not any(s.field is field and s.start <= chunk.start and s.end >= chunk.end
                                             for s in doc.candidates):
                start, end = chunk.start, chunk.end
                doc.candidates.append(Span(EntityKind.CAMPAIGN, field, start, end, PATTERN, "rule", 0.7, text[start:end],
                                           source="cue"))


CANDIDATES: dict[str, tuple[Pass, str]] = {
    "at-most-four-themes": (Pass("at-most-four-themes", at_most_four_themes), "learned-themes"),
    "quoted-actions": (Pass("quoted-actions", quoted_actions), "programme-forms"),
    "lower-actions": (Pass("lower-actions", lower_actions), "programme-forms"),
    "offices-in-lead": (Pass("offices-in-lead", offices_in_lead), "offices-taken"),
    "launched-over-places": (Pass("launched-over-places", launched_over_places), "launched"),
    "lower-benefits": (Pass("lower-benefits", lower_benefits), "programme-forms"),
    "scheme-funds": (Pass("scheme-funds", scheme_funds), "kind-appositions"),
}
