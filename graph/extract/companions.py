"""Organizations listed beside a known one: "Keidanren and Rengo agree ...", "aggregators such as Ola, Uber and
Swiggy", "Members including John Lewis Partnership, Aviva and NatWest"."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.extract.chunks import STOPWORDS, Chunk, is_all_caps, is_capitalized
from graph.extract.spans import DEFINITION, GUESS, Span
from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# what joins the names of one list: a comma, "and", ", and" (after a name's own full stop: "Tiffany & Co., Cartier")
_LIST_GLUE = re.compile(r"^\.?(?:,\s*(?:and\s+)?|\s+and\s+)$")


def listed_companions(doc: Doc) -> None:
    """Pass "listed-companions": in a list of names (joined by commas and "and") where one name is a known
    organization and no name is a person's or a place's, the names no pass has read are organizations too ("Keidanren
    and Rengo", "Tiffany & Co., Cartier, Pandora and Signet"): a list holds names of one kind. A name of one to three
    capitalized words, not all of them words that name something else."""
    organization = EntityKind.ORGANIZATION
    suffixes = doc.resources.company_suffixes
    known = [s for s in doc.accepted if s.kind is organization and _anchor(s, suffixes)]
    if not known:
        return  # most stories list no known organization
    vocabulary = doc.resources.vocabulary
    accepted = doc.accepted
    for field, text in doc.texts.items():
        if not any(s.field is field for s in known):
            continue
        chunks = doc.chunks_in(field)
        group: list[Chunk] = []
        for chunk in [*chunks, None]:
            if chunk is not None and group and _LIST_GLUE.match(text[group[-1].end:chunk.start]):
                group.append(chunk)
                continue
            if len(group) > 1 or group and any(t.lower == "and" for t in group[0].tokens):
                _read_group(doc, field, text, group, accepted, vocabulary, suffixes)
            group = [chunk] if chunk is not None else []


def _anchor(span: Span, suffixes: frozenset[str]) -> bool:
    """Whether an organization's reading is sure enough to say what its list holds: a known name, a defined one, or a
    company by its suffix ("Tiffany & Co.")."""
    return span.priority >= DEFINITION or span.name.rsplit(" ", 1)[-1].rstrip(".").lower() in suffixes and len(
        span.name.split()) > 1


def _read_group(doc: Doc, field, text: str, group: list[Chunk], accepted: list[Span],
                vocabulary: frozenset[str], suffixes: frozenset[str]) -> None:
    parts: list[list] = []
    for chunk in group:
        parts.append([])
        for token in chunk.tokens:
            if token.lower == "and":
                parts.append([])
            else:
                parts[-1].append(token)
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return
    has_known, unread = False, []
    for part in parts:
        start, end = part[0].start, part[-1].start + len(part[-1].bare)
        inside = [s for s in accepted if s.field is field and s.start < end and start < s.end]
        if not inside:
            unread.append((part, start, end))
            continue
        if any(s.kind is not EntityKind.ORGANIZATION for s in inside):
            return  # a person or a place among them: a list of mixed kinds says nothing
        # (a known name, or a company by its suffix: "Tiffany & Co.")
        if any(s.start == start and s.end in (end, end + 1) and _anchor(s, suffixes) for s in inside):
            has_known = True
    if not has_known:
        return
    found = []
    for part, start, end in unread:
        words = [t.bare for t in part]
        if len(words) > 3 or words[0].lower() in STOPWORDS or not all(is_capitalized(w) or w == "&" for w in words):
            continue
        if any(c.isdigit() for w in words for c in w) or len(words) == 1 and is_all_caps(words[0]):
            continue  # "COVID-19", an acronym: the pass "acronyms" reads those
        if text[end:end + 2] == " (":
            continue  # "Confederation of Industry, Trade and Handicrafts (UTICA)": a defined name's own words
        if all(w.lower() in vocabulary for w in words):
            continue
        span = Span(EntityKind.ORGANIZATION, field, start, end, GUESS, "rule", 0.5, text[start:end], source="listed")
        doc.claims.add(span)
        found.append(span)
    doc.accept(found)
