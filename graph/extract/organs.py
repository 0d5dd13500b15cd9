"""Organs of a larger body named bare: "the General Assembly", "UNESCO's General Conference", "the Politburo"."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.spans import ORGANIZATION, PATTERN, Span

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# "the General Assembly", "its Board of Governors", "UNESCO's General Conference": an article or an owner before it
_OWNED: Final = re.compile(r"(?:\b(?:the|The|its|Its|their)|['’]s?) $")
# "the Secretariat of Labour and Social Welfare": a name that runs on over "of" is a longer name's
_RUNS_ON: Final = re.compile(r" of (?:the )?[A-Z]")

# what a story must hold (folded) for the pass to find anything: the organ names' last words
CUES: Final[tuple[str, ...]] = ("assembly", "conference", "council", "board", "body", "governors", "directors", "secretariat", "committee",
        "politburo", "chamber")


def organs(doc: Doc) -> None:
    """Pass "organs": a standing organ of a larger body (`sg:OrganName` in ontology/names*.ttl, case as written),
    named bare after "the", "its" or an owner's possessive, is an organization ("the General Assembly", "the
    Communist Party's Politburo"); not where a capitalized word leads it ("UN General Assembly", a known or longer
    name) nor where it runs on over "of" into a name ("the Secretariat of Labour ..."), unless "of" is its own
    ("Board of Governors")."""
    for field, text in doc.texts.items():
        for name in doc.resources.organ_names:
            at = text.find(name)
            while at != -1:
                end = at + len(name)
                if (_OWNED.search(text, max(0, at - 6), at) is not None and not text[end:end + 1].isalnum()
                        and (" of " in name or _RUNS_ON.match(text, end) is None)):
                    doc.candidates.append(Span(ORGANIZATION, field, at, end, PATTERN, "rule", 0.7, name,
                                               source="organ"))
                at = text.find(name, end)
