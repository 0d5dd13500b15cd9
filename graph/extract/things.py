"""Names a story writes after an article somewhere: a thing's or a body's, not a person's ("Lancet Countdown: heat
cost …" over "the annual report of the Lancet Countdown")."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# what a person's name is guessed by from the words around one mention only: its shape, a headline's colon, a verb
_GUESSED = frozenset(("shape", "headline", "verb"))
# an article right before the name: "the Fifth Circuit" (not "the late Alan Krueger")
_ARTICLED = re.compile(r"(?:^|\W)(?:[Tt]he|an?|An?)\s+$")
# ... which ends there: "the Kailash Satyarthi Children's Foundation" names a body after a person
_GOES_ON = re.compile(r"\s+[A-Z]|['’]")


def articled_names(doc: Doc) -> None:
    """Pass "articled-names": a person guessed by the words around one mention (no title, honorific or post-nominal)
    whose name the story also writes, whole, right after "the", "a" or "an" names a thing or a body: none of its
    mentions is a person."""
    person = EntityKind.PERSON
    people = [s for s in doc.accepted if s.kind is person and s.method == "rule"]
    if not people:
        return
    guessed = {s.name for s in people if s.source in _GUESSED} - {s.name for s in people if s.source not in _GUESSED
                                                                  and s.source != "repeat"}
    things = {name for name in guessed if " " in name and _articled(doc, name)}
    if things:
        doc.drop({id(s) for s in people if s.name in things})


def _articled(doc: Doc, name: str) -> bool:
    """Whether some mention of `name` in the story follows an article."""
    for text in doc.texts.values():
        at = text.find(name)
        while at >= 0:
            if _ARTICLED.search(text, max(0, at - 20), at) and not _GOES_ON.match(text, at + len(name)):
                return True
            at = text.find(name, at + 1)
    return False
