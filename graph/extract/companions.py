"""Organizations listed beside a known one: "Keidanren and Rengo agree ...", "aggregators such as Ola, Uber and
Swiggy", "Members including John Lewis Partnership, Aviva and NatWest"."""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import STOPWORDS, Chunk, Token, is_all_caps, is_capitalized
from graph.extract.spans import DEFINITION, GUESS, ORGANIZATION, PERSON, Span
from graph.records import Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# what joins the names of one list: a comma, "and", ", and" (after a name's own full stop: "Tiffany & Co., Cartier")
_LIST_GLUE: Final = re.compile(r"\.?(?:,\s*(?:and\s+)?|\s+and\s+)$")


def listed_companions(doc: Doc) -> None:
    """Pass "listed-companions": in a list of names (joined by commas and "and") where one name is a known
    organization and no name is a person's or a place's, the names no pass has read are organizations too ("Keidanren
    and Rengo", "Tiffany & Co., Cartier, Pandora and Signet"): a list holds names of one kind. A name of one to three
    capitalized words, not all of them words that name something else. A listed name the people finder guessed by its
    shape alone ("Sibanye-Stillwater and Impala Platinum") is an organization too when every other name is read."""
    organization = ORGANIZATION
    suffixes = doc.resources.company_suffixes
    texts = doc.texts
    anchored: dict[Field, list[Span]] = {}  # field -> its anchors
    for s in doc.accepted:
        # (only a known name with a list's joiner beside it can be listed: most are not, and then no run is read)
        if s.kind is organization:
            text = texts[s.field]
            if (text.startswith((",", ".,", " and "), s.end) or text.endswith((", ", " and "), 0, s.start)) \
                    and (s.priority >= DEFINITION or _anchor(s, suffixes)):
                anchored.setdefault(s.field, []).append(s)
    if not anchored:
        return  # most stories list no known organization
    vocabulary = doc.resources.vocabulary
    for field, anchors in anchored.items():
        text = texts[field]
        chunks = doc.chunks_in(field)
        starts = [c.start for c in chunks]
        here = [s for s in doc.accepted if s.field is field]
        claimed = {s.start for s in here if s.source != "shape" or s.kind is not PERSON}
        read: set[int] = set()
        for anchor in anchors:
            i = bisect_right(starts, anchor.start) - 1
            if i < 0 or chunks[i].end < anchor.end:
                continue
            first = last = i  # the list the anchor's run is in: runs joined by commas and "and" either side
            while first > 0 and _LIST_GLUE.match(text, chunks[first - 1].end, chunks[first].start):
                first -= 1
            while last + 1 < len(chunks) and _LIST_GLUE.match(text, chunks[last].end, chunks[last + 1].start):
                last += 1
            if first in read:
                continue
            read.add(first)
            group = chunks[first:last + 1]
            # (a list whose every name a pass has read starts no name of its own: most lists)
            if (len(group) > 1 or any(t.lower == "and" for t in group[0].tokens)) and any(
                    t.start not in claimed and t.lower != "and" and (k == 0 or c.tokens[k - 1].lower == "and")
                    for c in group for k, t in enumerate(c.tokens)):
                _read_group(doc, field, text, group, here, vocabulary, suffixes)


def _anchor(span: Span, suffixes: frozenset[str]) -> bool:
    """Whether an organization's reading is sure enough to say what its list holds: a known name, a defined one, or a
    company by its suffix ("Tiffany & Co.")."""
    return span.priority >= DEFINITION or span.name.rsplit(" ", 1)[-1].rstrip(".").lower() in suffixes and len(
        span.name.split()) > 1


def _read_group(doc: Doc, field: Field, text: str, group: list[Chunk], accepted: list[Span],
                vocabulary: frozenset[str], suffixes: frozenset[str]) -> None:
    parts: list[list[Token]] = []
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
    guessed: list[Span] = []  # people read by their shape alone, the whole of a part: the list says what they are
    for part in parts:
        start, end = part[0].start, part[-1].start + len(part[-1].bare)
        inside = [s for s in accepted if s.field is field and s.start < end and start < s.end]
        if not inside:
            unread.append((part, start, end))
            continue
        if len(inside) == 1 and inside[0].kind is PERSON and inside[0].source == "shape" \
                and inside[0].start == start and inside[0].end == end:
            guessed.append(inside[0])
            continue
        if any(s.kind is not ORGANIZATION for s in inside):
            return  # a person or a place among them: a list of mixed kinds says nothing
        # (a known name, or a company by its suffix: "Tiffany & Co.")
        if any(s.start == start and s.end in (end, end + 1) and _anchor(s, suffixes) for s in inside):
            has_known = True
    if not has_known or guessed and unread:
        return  # (a guessed person beside a name no pass read: "Krost Shelving and Racking" may be one name)
    if guessed:
        # "Sibanye-Stillwater and Impala Platinum": a name guessed a person's by its shape, listed among
        # organizations, is one too, and so are its repeats ("Platinum")
        doc.people_as_organizations({s.name for s in guessed}, "listed")
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
        span = Span(ORGANIZATION, field, start, end, GUESS, "rule", 0.5, text[start:end], source="listed")
        doc.claims.add(span)
        found.append(span)
    doc.accept(found)
