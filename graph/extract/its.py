"""Bodies a story calls "its": a name the people finder guessed that does something to "its" own things."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.spans import PERSON

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# what a person's name is read by for sure: a title, an honorific, a post-nominal (the rest are guesses by the words
# around the name: its shape, a verb after it, a headline's colon)
_SURE: Final = frozenset(("honorific", "role", "post-nominal"))
# the name, one or two lower-case words (not a reporting verb: "said its report" speaks of another's), then "its":
# "Bumble closed its offices", "Quillrack will cut its workforce"
_ITS: Final = re.compile(r"\s+(?!(?:said|says|told|added|noted|warned|argued|wrote|as|to|and|or)\b)(?:[a-z]+\s+){1,2}its\b")
CUES: Final[tuple[str, ...]] = ("its ",)


def its_bodies(doc: Doc) -> None:
    """Pass "its-bodies": a person guessed by the words around the name (no title, honorific or post-nominal) who is
    the subject of a verb on "its" things ("Bumble closed its offices") is an organization, and so are the name's
    other mentions."""
    person = PERSON
    people = [s for s in doc.accepted if s.kind is person and s.method == "rule"]
    if not people:
        return
    texts = doc.texts
    sure = {s.name for s in people if s.source in _SURE}
    bodies = {s.name for s in people if s.name not in sure and _ITS.match(texts[s.field], s.end) is not None
              and _opens_sentence(texts[s.field], s.start)}
    if not bodies:
        return
    doc.people_as_organizations(bodies, "its")


def _opens_sentence(text: str, start: int) -> bool:
    """Whether a name opens its field or a sentence: the subject of what follows ("Bumble closed its offices")."""
    return not text[:start].strip() or text[:start].rstrip().endswith((".", "!", "?", ":"))
