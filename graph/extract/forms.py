"""Names known by their form: runs of capitalized words ending in or led by a head noun of some kind."""
from __future__ import annotations

from typing import TYPE_CHECKING

from graph.extract import campaigns, organizations, places
from graph.extract.chunks import LEGISLATURES, has_head
from graph.extract.spans import PATTERN, Span
from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc

HEADS = organizations.HEADS | campaigns.HEADS | places.HEADS


def kind_of(name: str) -> EntityKind:
    """The kind a name's last word gives it: "... Day" a campaign, "... Province" a place, else an organization;
    a coalition for a cause ("Global Alliance for Clean Air") is a campaign."""
    last = name.split()[-1].lower()
    if last in campaigns.HEADS or campaigns.purpose_coalition(name):
        return EntityKind.CAMPAIGN
    if last in places.HEADS:
        return EntityKind.PLACE
    return EntityKind.ORGANIZATION


def name_forms(doc: Doc) -> None:
    """Pass "name-forms": "... Federation", "Ministry of ...", "World ... Day", "... Province", "... S.A.", a bare "Parliament"
    as candidates."""
    res = doc.resources
    heads, org_heads, not_before_of, titles = res.heads, res.organization_heads, res.not_before_of, res.cues.titles
    suffixes = res.company_suffixes
    for chunk in doc.chunks:
        text = doc.texts[chunk.field]
        headed = has_head(chunk, heads)  # most runs are names of people or places: no head noun
        if headed:
            doc.candidates.extend(organizations.find_organizations(chunk, text, not_before_of, org_heads, titles))
        doc.candidates.extend(campaigns.find_campaigns(chunk, text, headed))
        doc.candidates.extend(places.find_places(chunk, text, headed))
        last = chunk.tokens[-1]
        if last.lower == "united" or last.bare.lower().endswith("workers"):
            union = organizations.union_form(chunk, text)
            if union is not None:
                # "Members of Bakery Workers United": the form outranks a head-noun reading that stops at "Workers"
                doc.candidates = [c for c in doc.candidates if not (c.source == "head" and c.overlaps(union)
                                                                   and c.end < union.end)]
                doc.candidates.append(union)
        if last.lower in LEGISLATURES and last.text == last.bare and (
                len(chunk.tokens) == 1 or chunk.tokens[-2].bare != chunk.tokens[-2].text
                or chunk.tokens[-2].lower in ("and", "&")):
            # "Parliament", "Chile's Congress": the legislature, named by the bare word
            doc.candidates.append(Span(EntityKind.ORGANIZATION, chunk.field, last.start, last.end, PATTERN, "rule", 0.7,
                                       last.text, source="legislature"))
        if len(chunk.tokens) >= 2 and last.text[:1].isupper() and last.lower in suffixes:
            company = organizations.company(chunk, text)
            if company is not None:
                doc.candidates.append(company)
