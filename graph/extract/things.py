"""Names a story writes after an article somewhere: a thing's or a body's, not a person's ("Lancet Countdown: heat
cost …" over "the annual report of the Lancet Countdown")."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING


if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.spans import Span

# what a person's name is guessed by from the words around one mention only: its shape, a headline's colon, a verb
_GUESSED: Final = frozenset(("shape", "headline", "verb"))
# an article right before the name: "the Fifth Circuit" (not "the late Alan Krueger")
_ARTICLES: Final = ("the ", "The ", "a ", "A ", "an ", "An ")
# ... which ends there: "the Kailash Satyarthi Children's Foundation" names a body after a person
_GOES_ON: Final = re.compile(r"\s+[A-Z]|['’]")


def articled_names(doc: Doc, people: list[Span]) -> bool:
    """A person guessed by the words around one mention (no title, honorific or post-nominal)
    whose name the story also writes, whole, right after "the", "a" or "an" names a thing or a body: none of its
    mentions is a person. `people`: the story's people found by rule; whether any changed."""
    guessed = [s for s in people if s.source in _GUESSED and " " in s.name]
    if not guessed:
        return False  # (most stories: every person is named by a cue, or by one word)
    sure = {s.name for s in people if s.source not in _GUESSED and s.source != "repeat"}
    things = {s.name for s in guessed if s.name not in sure and _articled(doc, s.name)}
    if not things:
        return False
    doc.drop({id(s) for s in people if s.name in things})
    return True


def _articled(doc: Doc, name: str) -> bool:
    """Whether some mention of `name` in the story follows an article."""
    for text in doc.texts.values():
        # (a substring test for each article's last letter and a space first: most names follow none)
        if ("he " + name) not in text and ("a " + name) not in text and ("A " + name) not in text \
                and ("n " + name) not in text:
            continue
        at = text.find(name)
        while at >= 0:
            if _after_article(text, at) and not _GOES_ON.match(text, at + len(name)):
                return True
            at = text.find(name, at + 1)
    return False


def _after_article(text: str, at: int) -> bool:
    """Whether a whole-word article and one space stand right before `at` (string tests: a regex per mention cost more)."""
    for article in _ARTICLES:
        begin = at - len(article)
        if begin >= 0 and text.startswith(article, begin) and (begin == 0 or not text[begin - 1].isalnum()):
            return True
    return False
