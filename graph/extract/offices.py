"""Offices taken: a title that says someone is elected or appointed to an office is about the theme of that act."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.folding import fold
from graph.extract.knowledge import Theme
from graph.extract.spans import Span, THEME, TITLE
from mypy_extensions import mypyc_attr

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_WORDS: Final = re.compile(r"[\w'’.-]+")
_REACH: Final = 6  # words after the verb that may name the office: "elects Emanuele Orsini as president"


# (compiled by mypyc, graph/compiled.py: serializable, as the import's worker processes get it pickled)
@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)
class OfficeVerbs:
    """The scheme's sg:officeVerb words ("elects", "appointed"), each with its theme, as one pattern."""

    def __init__(self, verbs: dict[str, str]) -> None:
        self.verbs = verbs
        self.pattern = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True)) + r")\b")
        # the verbs' shared stems ("elect", "appoint", "name", "takes over"): most titles hold none of them (looked for
        # as substrings, a few times cheaper than one regex of the alternatives)
        self.stems = tuple(sorted({v[:5] for v in verbs})) if verbs else None

    def find(self, title: str, folded: str, titles: frozenset[str]) -> tuple[int, int, str] | None:
        """The first verb of `title` (`folded`: the same in small letters, same offsets) with an office (a word of
        `titles`) among the words after it: start, end, theme."""
        if self.stems is None or not any(stem in folded for stem in self.stems):
            return None
        for match in self.pattern.finditer(folded):
            after = _WORDS.findall(title, match.end())[:_REACH]
            if any(_office(word.lower().strip(".'’"), titles) for word in after):
                return match.start(), match.end(), self.verbs[match.group()]
        return None


def _office(word: str, titles: frozenset[str]) -> bool:
    return word in titles or "-" in word and all(part in titles for part in word.split("-"))


def office_verbs(themes: tuple[Theme, ...]) -> OfficeVerbs:
    """The sg:officeVerb words of the scheme's concepts (folded) -> the concept's id."""
    return OfficeVerbs({fold(verb): theme.id for theme in themes for verb in theme.office_verbs})


def offices_taken(doc: Doc) -> None:
    """Pass "offices-taken": "Rengo elects Tomoko Yoshino as its first woman president", "CBI appoints Jane Doe
    director-general": a verb of sg:officeVerb before an office (a title of ontology/roles.ttl) in the story's title
    gives the verb's theme. The office must come after the verb: "Secretary-General appoints panel" names who acts."""
    verbs = doc.resources.office_verbs
    found = verbs.find(doc.texts[TITLE], doc.folded[TITLE], doc.resources.cues.titles)
    if found is None:
        return
    start, end, theme_id = found
    if any(s.kind is THEME and s.key == theme_id for s in doc.found):
        return
    theme = doc.resources.knowledge.theme_by_id.get(theme_id)
    doc.found.append(Span(THEME, TITLE, start, end, 0, "rule", 0.8, theme.name if theme else theme_id,
                          theme_id))
