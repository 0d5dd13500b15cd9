"""One reading per stretch of text: the candidates accepted best first, pattern names trimmed of a known front."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import CONNECTORS, GENERIC, STOPWORDS
from graph.extract.forms import HEADS
from graph.extract.spans import arbitrate

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_TRAILING_YEAR: Final = re.compile(r"\s+(?:19|20)\d\d$")


def trim(text: str, start: int, end: int) -> tuple[int, str] | None:
    """What is left of a pattern span once a known name has taken its front, if it still names something."""
    rest = text[start:end]
    words = rest.split()
    while words and (words[0].lower() in CONNECTORS or words[0].lower() in STOPWORDS or not words[0][:1].isupper()):
        words.pop(0)
    content = [w for w in words if w.lower() not in GENERIC and w[:1].isupper()]
    # "ILO Project Office" less "ILO" is "Project Office": head nouns alone name nothing
    if len(words) < 2 or len(content) < 2 or all(w.lower() in HEADS for w in content):
        return None
    new_start = end - len(rest) + rest.index(words[0])
    return new_start, _TRAILING_YEAR.sub("", text[new_start:end])


def arbitrate_candidates(doc: Doc) -> None:
    """Pass "arbitrate": accept candidates by priority (known name > defined > pattern > guess), then length."""
    doc.accept(arbitrate(doc.candidates, doc.claims, doc.texts, trim))
