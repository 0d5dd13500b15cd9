"""A headline's short name for a body its summary names in full: "Inter-American Court" is the "Inter-American Court of
Human Rights", "Dutch Supreme Court" the "Supreme Court of the Netherlands"."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from graph.extract.chunks import LEGISLATURES
from graph.extract.organizations import HEADS
from graph.extract.spans import CAMPAIGN, ORGANIZATION, SUMMARY, Span, TITLE

if TYPE_CHECKING:
    from graph.extract.doc import Doc


def _fuller(core: str, names: dict[str, Span]) -> Span | None:
    """The one summary name `core` is short for: the same words, those words and an "of" phrase after them ("High
    Court" of "High Court of Australia"), or a qualifier before them ("Constitutional Court" of "Federal
    Constitutional Court")."""
    fits = {name: span for name, span in names.items()
            if name == core or name.startswith(core + " of ") or name.endswith(" " + core)}
    return next(iter(fits.values())) if len(fits) == 1 else None


def headline_short_forms(doc: Doc) -> None:
    """Pass "headline-short-forms": an organization the headline names by its form alone (no known name's) is the one
    the summary names in full when, less the words that qualify it in front ("Dutch", "California", "Singapore",
    "Deadlocked US"), the headline's name is that summary name, its front before an "of" phrase, or its end: headlines
    shorten ("Inter-American Court condemns Brazil" for the "Inter-American Court of Human Rights", "Spanish Congress
    rejects ..." for the "Congress of Deputies"). When the summary's name is the headline's less its qualifier ("Swiss
    Federal Supreme Court", then "the Federal Supreme Court"), the headline's is the fuller name, and the summary's
    mentions take it (unless a known name's: "Deadlocked US Supreme Court" is the "US Supreme Court"). The
    shorter part must still hold a head noun and two words, or be a legislature's one ("Parliament"); a headline name
    the summary also uses as it is, or one that fits two summary names, is left as it is."""
    organization = ORGANIZATION
    _prefix_short_forms(doc)
    _campaign_short_forms(doc)
    # (the title's claims, a short list, first: most headlines name no organization by its form alone)
    title = [s for s in doc.claims.in_field(TITLE) if s.kind is organization and s.key is None]
    if not title:
        return
    text = doc.texts[TITLE]
    names = {s.name: s for s in doc.claims.in_field(SUMMARY) if s.kind is organization}
    if not names:
        return
    summary_texts = {doc.texts[SUMMARY][s.start:s.end] for s in names.values()}
    swap: dict[int, Span] = {}
    for span in title:
        written = text[span.start:span.end]
        if written in names or written in summary_texts:
            continue
        words = written.split()
        if not any(w.lower() in HEADS or w.lower() in LEGISLATURES for w in words):
            continue
        for k in range(len(words)):
            core = " ".join(words[k:])
            if len(words) - k < 2 and words[-1].lower() not in LEGISLATURES:
                break
            full = _fuller(core, names)
            if full is None or full.name == span.name:
                continue
            if k > 0 and full.name == core and full.key is None:
                # "Seattle City Council" in the headline, "the City Council" after: the headline's is the fuller name
                for other in doc.accepted:
                    if other.field is SUMMARY and other.kind is organization and other.name == full.name:
                        swap[id(other)] = replace(other, name=span.name)
            else:
                swap[id(span)] = replace(span, name=full.name, key=full.key, source="headline")
            break
    doc.reread(swap)


def _prefix_short_forms(doc: Doc) -> None:
    """A headline's bare acronym that the summary uses only to open one body's name is that body: "UN disability
    committee finds ..." over "The UN Committee on the Rights of Persons with Disabilities", "UN: world population to
    reach ..." over "the UN Department of Economic and Social Affairs" (the umbrella is not what the story names)."""
    organization = ORGANIZATION
    title = [s for s in doc.claims.in_field(TITLE) if s.kind is organization and s.end - s.start <= 5]
    if not title:
        return
    text, summary = doc.texts[TITLE], doc.texts[SUMMARY]
    bodies = [s for s in doc.claims.in_field(SUMMARY) if s.kind is organization]
    swap: dict[int, Span] = {}
    for span in title:
        written = text[span.start:span.end]
        if not written.isupper() or len(written) < 2:
            continue
        opened = {s.name: s for s in bodies if summary[s.start:s.end].startswith(written + " ")}
        alone = any(summary[s.start:s.end] == written for s in bodies)
        if len(opened) == 1 and not alone:
            full = next(iter(opened.values()))
            swap[id(span)] = replace(span, name=full.name, key=full.key, source="headline")
    doc.reread(swap)


def _shortens(short: list[str], full: list[str]) -> bool:
    """Whether the words `short` are those of `full` with some left out, in order, from its first word on or up to its
    last: "24-Hour Economy" of "24-Hour Economy and Accelerated Export Development Programme", "Comprehensive Recovery
    Framework" of "ASEAN Comprehensive Recovery Framework", "Nairobi Declaration on Somali" of "Nairobi Declaration on
    Durable Solutions for Somali Refugees"."""
    if len(short) >= len(full) or short[0] != full[0] and short != full[-len(short):]:
        return False
    rest = iter(full)
    return all(word in rest for word in short)


def _campaign_short_forms(doc: Doc) -> None:
    """A campaign the headline names by two words or more that are the words of one campaign the summary names, some
    left out ("Ghana's 24-Hour Economy programme" over "the 24-Hour Economy and Accelerated Export Development
    Programme", "ASEAN leaders adopt a Comprehensive Recovery Framework" over "the ASEAN Comprehensive Recovery
    Framework"), is that campaign: headlines shorten (batches 28, 34, 35). Not when the summary uses the headline's
    name as it is, nor when it fits two summary names ("SkillsFuture" of "SkillsFuture Credit" and "SkillsFuture
    Level-Up Programme")."""
    campaign = CAMPAIGN
    title = [s for s in doc.claims.in_field(TITLE) if s.kind is campaign]
    if not title:
        return
    names = {s.name: s for s in doc.claims.in_field(SUMMARY) if s.kind is campaign}
    if not names:
        return
    text, summary = doc.texts[TITLE], doc.texts[SUMMARY]
    written_there = {summary[s.start:s.end] for s in names.values()}
    swap: dict[int, Span] = {}
    for span in title:
        written = text[span.start:span.end]
        words = written.split()
        if len(words) < 2 or written in names or written in written_there or span.name in names:
            continue
        fits = [full for name, full in names.items() if _shortens(words, name.split())]
        if len(fits) == 1:
            full = fits[0]
            swap[id(span)] = replace(span, name=full.name, key=full.key, source="headline")
    doc.reread(swap)
