"""Two names a form read as one across "and": "KKR and Bain Capital", "Toyota and General Motors" are two."""
from __future__ import annotations

from dataclasses import replace
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import is_all_caps
from graph.extract.spans import CAMPAIGN, GAZETTEER, ORGANIZATION, Span

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_NAMES: Final = (ORGANIZATION, CAMPAIGN)


def joined_names(doc: Doc) -> None:
    """Pass "joined-names": a name read by its form (a head noun, a company suffix, a cue) that runs over "and" from a
    name of its own is two names, and the form names only the second: before "and", a known name ("Toyota and General
    Motors", "South Africa and Project Nurture") or a lone acronym ("KKR and Bain Capital", "LO and Local Government
    Denmark"), which no name of any kind holds before "and" (news writes "the Food and Agriculture Organization", never
    "the FAO and ..." as one name); after "and", a known name whole ("Target and VF Corporation"), and then the form
    names only the first when it is a word or two. When both halves are names of their own, or what is left after "and" is a
    lone word, the form names neither ("Senegal and Nigeria"); nor does it when "and the" joins two names another form
    reads at their own bounds as names of its kind ("the Tarrow Child Benefit and the Quill Carer Benefit").
    Not a known name led by a head and its "of" phrase ("Ministry of Agriculture and Rural Affairs" is one ministry)
    unless what follows "and" is a known name whole ("the Confederation of Danish Industry and Poland's Lewiatan"),
    nor where a known name holds the "and" ("Trinidad and Tobago"), nor a name a lower-case programme noun follows, which
    says the run is one name ("the Nadra and Sahel cash transfers")."""
    # (the substring test first: most candidates hold no "and")
    joined = [c for c in doc.candidates if " and " in c.name and c.priority < GAZETTEER and c.kind in _NAMES
              and c.source != "lower-head"]
    if not joined:
        return  # most stories join no two names
    known = [c for c in doc.candidates if c.priority == GAZETTEER and c.method == "gazetteer"]
    swap: dict[int, Span | None] = {}
    halves: set[tuple] | None = None
    defined: dict[str, str] = {}  # a defined name found to be two -> the second, which its letters name
    for span in joined:
        text = doc.texts[span.field]
        at = text.find(" and ", span.start, span.end)
        if at < 0:
            continue
        after = at + 5
        if text.startswith("the ", after):
            # "replaces the Universal Child Care Benefit and the Canada Child Tax Benefit", "the Confederation of
            # Portuguese Business and the Confederation of Portuguese Farmers (CAP)": two names, each with its
            # article, each read as a name of the kind at its own bounds (batches 34 and 44)
            if halves is None:
                halves = {(c.field, c.start, c.end, c.kind) for c in doc.candidates}
            if (span.field, span.start, at, span.kind) in halves \
                    and (span.field, after + 4, span.end, span.kind) in halves:
                swap[id(span)] = None
                if span.source == "definition":
                    defined[span.name] = text[after + 4:span.end]  # (the letters after it define the second)
                continue
        here = [k for k in known if k.field is span.field and span.start <= k.start and k.end <= span.end]
        if any(k.start < at and k.end > after for k in here):
            continue  # "Trinidad and Tobago": the "and" is a known name's own
        front = text[span.start:at]
        back_known = any(k.start == after and k.end == span.end for k in here)
        # (a known name with an "of" phrase joins a portfolio's second half, "Ministry of Agriculture and Rural
        # Affairs", but not a name known whole: "Confederation of Danish Industry and Poland's Lewiatan")
        front_known = any(k.start == span.start and k.end == at for k in here) and (" of " not in front or back_known)
        front_acronym = " " not in front and is_all_caps(front)
        if front_known or front_acronym:
            back = text[after:span.end]
            # (a lone word left after "and" is no name the form read: "Fight for $15 and Fairness campaign")
            swap[id(span)] = None if back_known or " " not in back else replace(span, start=after, name=back)
        elif back_known and len(front.split()) <= 2 and " and " not in front:
            # (a longer front is a title and a person's name as often: "... General Secretary Valter Sanches and UNI")
            swap[id(span)] = replace(span, end=at, name=front)
    if defined:
        for c in doc.candidates:
            if c.source == "acronym" and c.name in defined:
                swap[id(c)] = replace(c, name=defined[c.name])
        for letters, (kind, name) in list(doc.taught.items()):
            if name in defined:
                doc.taught[letters] = (kind, defined[name])
    if swap:
        doc.candidates = [kept for c in doc.candidates if (kept := swap.get(id(c), c)) is not None]
