"""Employers said where a person's name would stand: a name guessed a person's by its shape alone that follows "run by",
"delivered for" or "a miner at" is the business that runs, pays or employs ("delivered for Hungry Panda")."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.spans import Span

# what a person's name is guessed by from the words around one mention only: its shape, a verb after it ("X said"), an
# apposition after it that may belong to the next name
_GUESSED: Final = frozenset(("shape", "verb", "apposition"))
# what is run or operated by a body, and the work one does for, or at, an employer ("a site run by British Car Auctions",
# "couriers who delivered for Hungry Panda", "a former gold miner at AngloGold Ashanti", "he worked for Duoduo Maicai")
_EMPLOYER_BEFORE: Final = re.compile(
    r"\b(?:(?:run|operated)\s+by|(?:worked|works|working|delivered|delivers|delivering|rode|rides|riding|drove|drives|"
    r"driving)\s+for|(?:miner|driver|rider|courier|nurse|teacher|engineer|pilot|technician|cleaner|labourer|laborer|"
    r"seafarer|employee|worker|workers|employees|miners|drivers|riders|couriers|nurses)\s+at)\s+(?:the\s+)?$")


def employer_people(doc: Doc, people: list[Span]) -> bool:
    """A person guessed by the words around one mention (its shape, a verb, an apposition; no title, honorific or
    post-nominal), one of whose mentions follows one of those cues, is an organization, and so are the name's other mentions: people are not what a
    site is run by, nor what couriers deliver for (one person working for another is named with a cue: "worked for
    Senator Jane Doe"). `people`: the story's people found by rule; whether any changed."""
    guessed = [s for s in people if s.source in _GUESSED and " " in s.name]
    if not guessed:
        return False
    sure = {s.name for s in people if s.source not in _GUESSED and s.source != "repeat"}
    employers = {s.name for s in guessed if s.name not in sure and cued(doc.texts[s.field], s.start)}
    if not employers:
        return False
    doc.people_as_organizations(employers, "employer")
    return True


def cued(text: str, start: int) -> bool:
    """Whether an employer's cue ends right before `start` (the string tests first: most names follow none)."""
    before = text[max(0, start - 40):start]
    return (" by " in before or " for " in before or " at " in before) and _EMPLOYER_BEFORE.search(before) is not None
