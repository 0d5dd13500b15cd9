"""Names inside other names: a place that belongs to an organization's name, and the known names a longer one holds."""
from __future__ import annotations

from dataclasses import replace
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import NAMED_THINGS
from graph.extract.spans import CAMPAIGN, DEFINITION, GAZETTEER, ORGANIZATION, PLACE, Span
from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc


def places_inside_names(doc: Doc) -> None:
    """Pass "places-inside-names": an organization or campaign candidate holding a known place or company outranks it.

    "Vietnam General Confederation of Labour", "Ministry of Labour of Jordan", "Better Work Vietnam": the place
    belongs to the name (and is still reported as a place nested in it, by the "nested-names" pass)."""
    candidates, texts = doc.candidates, doc.texts
    places_ = [s for s in candidates if s.kind is PLACE and s.priority == GAZETTEER]
    # "Amazon Labor Union", "Make Amazon Pay", "Teamsters Local 350": a known company or union inside a longer
    # name is part of it, as a place is
    holders = places_ + [s for s in candidates if s.source == "known-company" or s.source == "known-union"]
    # "the No+AFP movement", "the ASEAN Consensus on ...": a slogan or a campaign named by its head holds any known
    # organization inside it (an organization's own pattern name does not: "ILO Project Office" is the ILO's office)
    known: list[Span] | None = None  # built when a campaign first needs it
    campaigns_known = [s for s in candidates if s.kind is CAMPAIGN and s.priority == GAZETTEER]
    # "The Vietnamese Ministry of Labour, Invalids and Social Affairs (MOLISA)": the defined name is the whole
    # one; a pattern reading of its front keeps its own priority and loses to it
    defined = [s for s in candidates if s.priority == DEFINITION and s.source == "definition"]
    result = []
    for span in candidates:
        if span.kind in (ORGANIZATION, CAMPAIGN):
            if span.priority < GAZETTEER:
                if defined and span.priority < DEFINITION and any(d.overlaps(span) and d.end > span.end for d in defined):
                    result.append(span)
                    continue
                # "the Ministry of Labour, Egypt and Jordan": a listed place ends a portfolio, not part of it
                # not when a known campaign is inside ("ILO International Women's Day") or it names an event ("...
                # Leaders Summit")
                pool = holders
                if span.kind is CAMPAIGN and span.source in ("slogan", "head") and not any(
                        c.overlaps(span) for c in campaigns_known) and span.name.rsplit(None, 1)[-1].lower() not in NAMED_THINGS:
                    if known is None:
                        known = holders + [s for s in candidates if s.kind is ORGANIZATION
                                           and s.priority == GAZETTEER and s.source == "entry"]
                    pool = known
                inside = [p for p in pool if p.overlaps(span)] if span.source != "portfolio" else []
                if span.kind is CAMPAIGN and _launched_in_a_city(span, inside, texts[span.field]):
                    continue
                # "Lagos-based CodeBridge Academy", "Ford's Chicago Assembly": there the known name only qualifies
                # (not a hyphen joining two names in a name read by its head: "the Uzbek-German Forum for Human Rights")
                qualifier = any(texts[span.field][p.end:p.end + 1] == "-" and (
                    span.source != "head" or not texts[span.field][p.end + 1:p.end + 2].isupper())
                                or p.source == "known-company"
                                and texts[span.field][p.end:p.end + 1] in ("'", "’") for p in inside)
                # "the TUC campaign": a known name and a lower-case head is that body's campaign, not a name
                owned = span.source == "lower-head" and any(
                    p.start == span.start and texts[span.field][p.end:span.end].strip().islower() for p in inside)
                if inside and not qualifier and not owned and all(span.start <= p.start and p.end <= span.end
                                                    and p.end - p.start < span.end - span.start for p in inside):
                    span = replace(span, priority=GAZETTEER, trimmable=False)
            elif span.kind is CAMPAIGN:
                after = next((p for p in places_ if p.field is span.field and p.source == "country"
                              and p.start == span.end + 1 and texts[span.field][span.end] == " "), None)
                if after is not None:
                    span = replace(span, end=after.end)
        result.append(span)
    doc.candidates = result


def nested_names(doc: Doc) -> None:
    """Pass "nested-names": known countries and regions inside accepted organization/campaign names, known
    organizations inside campaign names, reported too ("Ministry of Labour of Jordan" also says something happened with
    Jordan; "ILO Centenary" that the ILO took part; an organization inside another organization's name is only its
    parent). A known city or province inside one is not: "Suwon District Court", "Zhejiang Huayou Cobalt" and "Geneva
    Call" name a seat, not a place the story is about (place precision up on 11 open batches, down on one: round
    extract37 in tests/data/NONILO.md)."""
    nested: list[Span] = []
    taken = {id(a) for a in doc.accepted}
    for span in doc.candidates:
        if span.priority != GAZETTEER or id(span) in taken:
            continue
        hosts: tuple[EntityKind, ...]
        if span.kind is PLACE:
            if span.source == "entry" and span.country is not None:
                continue  # a city or province inside a name is the body's seat or reach ("Taoyuan Flight Attendants Union")
            hosts = (ORGANIZATION, CAMPAIGN)
        elif span.kind is ORGANIZATION:
            hosts = (CAMPAIGN,)
        else:
            continue
        if any(a.kind in hosts and a.field is span.field and a.start <= span.start and span.end <= a.end
               and a.source != "media" for a in doc.accepted):
            nested.append(replace(span, confidence=0.7))
    # ("Asia Pacific Vaccine Access Facility": the longer known place a shorter one opens, not "Asia" too; a place
    # that ends a longer one is reported, as the annotations list "Caribbean" in "Latin America and the Caribbean")
    if len(nested) > 1:
        nested = [n for n in nested if not any(o is not n and o.kind is n.kind and o.field is n.field
                                               and o.start == n.start and n.end < o.end for o in nested)]
    doc.found.extend(nested)


_BRANCHING: Final = frozenset(("entry", "known-company", "known-union"))


def branches(doc: Doc) -> None:
    """Pass "branches": a known organization followed by a country or region is its branch there, one name
    ("Oxfam India", "Save the Children UK", "Microsoft Japan"), unless a capitalized word runs on after it."""
    texts = doc.texts
    # a known organization with a capitalized word right after it: the only ones that can start a branch's name
    known = [s for s in doc.candidates if s.priority == GAZETTEER and s.kind is ORGANIZATION
             and texts[s.field][s.end:s.end + 2][1:].isupper() and texts[s.field][s.end] == " "
             and s.source in _BRANCHING]
    if not known:
        return
    places_ = {(s.field, s.start): s for s in doc.candidates if s.kind is PLACE and s.priority == GAZETTEER
               and s.source in ("country", "entry")}
    for org in known:
        place = places_.get((org.field, org.end + 1))
        text = texts[org.field]
        if place is None or not _ends_name(text, place.end):
            continue
        doc.candidates.append(Span(ORGANIZATION, org.field, org.start, place.end, GAZETTEER, "rule", 0.8,
                                   text[org.start:place.end], source="branch"))


def _ends_name(text: str, end: int) -> bool:
    rest = text[end:end + 2]
    return not rest or not (rest[0] == " " and rest[1:2].isupper()) and rest[0] not in "-'’"


def _launched_in_a_city(span: Span, inside: list[Span], text: str) -> bool:
    """Whether a campaign's name runs on into "in" and a city: "launched the Guided Trade Initiative in Accra" says
    where it was launched (a programme named for where it runs names a country or region: "... in Africa")."""
    return any(p.end == span.end and p.source == "entry" and p.country is not None
               and text[p.start - 4:p.start] == " in " for p in inside)
