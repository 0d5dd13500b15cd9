"""Role tails: "of President Muhammadu Buhari's government" after a programme's name says whose it is, not what."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Final, TYPE_CHECKING

from graph.extract.spans import CAMPAIGN, GAZETTEER, ORGANIZATION

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# " of " then capitalized words (a role, then a name): the tail a name-form's forward run took in
_OF_WORDS: Final = re.compile(r" of ((?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]*)+)$")
_OWNED: Final = (ORGANIZATION, CAMPAIGN)


def role_tails(doc: Doc) -> None:
    """Pass "role-tails": an organization's or campaign's name a rule found that runs on over "of" into a role and
    a person's name ("the National Social Investment Programme of President Muhammadu Buhari's government", "the
    Ministry of Labour of Prime Minister Jane Doe") is cut before "of": the role and the name are a person, who owns
    the programme or heads the body, and the people pass, which runs later, finds them. "Office of the President"
    and "Ministry of Labour" keep their "of": no role is followed there by a name."""
    texts = doc.texts
    if all(" of " not in t for t in texts.values()):
        return  # (no "of", no tail)
    titles, vocabulary = doc.resources.cues.titles, doc.resources.vocabulary
    for n, span in enumerate(doc.candidates):
        if span.kind not in _OWNED or span.priority >= GAZETTEER or span.key is not None:
            continue
        text = texts[span.field]
        tail = _OF_WORDS.search(text, span.start, span.end)
        if tail is None:
            continue
        words = [w.lower() for w in tail.group(1).split()]
        # a role (title words: "President", "Prime Minister"), then a name: words that name nothing else
        k = 0
        while k < len(words) and words[k] in titles:
            k += 1
        if k == 0 or k == len(words) or any(w in vocabulary or w in titles for w in words[k:]):
            continue
        end = tail.start()
        doc.candidates[n] = replace(span, end=end, name=text[span.start:end])
