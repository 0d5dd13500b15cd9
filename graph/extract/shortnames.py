"""Companies said short: a name guessed a person's whose words open a company's name the story gives with its legal
form ("Top Glove says …" beside "Top Glove Corporation Bhd", "Glacier Northwest" beside "Glacier Northwest, Inc.")."""
from __future__ import annotations

from dataclasses import replace
from typing import Final, TYPE_CHECKING

from graph.extract.spans import ORGANIZATION

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.spans import Span

# what a person's name is guessed by from the words around one mention only: its shape, a headline's colon, a verb
_GUESSED: Final = frozenset(("shape", "headline", "verb"))


def company_short_names(doc: Doc, people: list[Span]) -> bool:
    """A person guessed by the words around one mention (no title, honorific or
    post-nominal) whose two words or more open the name of a company the story writes with its legal form or
    company suffix ("Ltd", "Inc.", "Bhd", "Corporation") is that company, and so are the name's other mentions.
    `people`: the story's people found by rule; whether any changed."""
    organization = ORGANIZATION
    guessed = [s for s in people if s.source in _GUESSED and " " in s.name]
    if not guessed:
        return False  # (most stories: every person is named by a cue, or by one word)
    fronts = tuple(s.name for s in guessed)
    # (a test of every name's front at once first: few organizations start with a guessed person's name)
    companies = [s for s in doc.accepted if s.kind is organization and s.name.startswith(fronts) and _legal(doc, s.name)]
    if not companies:
        return False
    sure = {s.name for s in people if s.source not in _GUESSED and s.source != "repeat"}
    short: dict[str, Span] = {}
    for span in guessed:
        if span.name not in sure:
            company = next((c for c in companies if c.name.startswith(span.name)
                            and c.name[len(span.name):len(span.name) + 1] in (" ", ",")), None)
            if company is not None:
                short[span.name] = company
    if not short:
        return False
    doc.reread({id(s): replace(s, kind=organization, name=short[s.name].name, key=short[s.name].key, role=None,
                               affiliation=None, confidence=0.5, source="short-name")
                for s in people if s.name in short})
    return True


def _legal(doc: Doc, name: str) -> bool:
    """Whether a name ends in a legal form or company suffix."""
    last = name.rsplit(None, 1)[-1].rstrip(".")
    return last in doc.resources.legal_forms or last.lower() in doc.resources.company_suffixes
