"""A campaign name's capitalized first word put back: "a Just Transition Work Programme", "the union's More Than
Thanks campaign".

The finders of head-named and lower-case-head campaigns drop a name's leading function words, which is right at a
sentence's start ("The Better Work programme") and wrong inside one. Chosen leave-one-batch-out on the non-ILO batches
1-13 by all thirteen folds (`python -m bench.passes_lobo`; tests/data/NONILO.md, round extract12): the gold of batches 4
and 13 names such a campaign with its first word, and no other name in the annotated sets moves.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from graph.extract.chunks import STOPWORDS
from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# a capitalized word after an article or an owner's possessive is no sentence's first word
_FRONT_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her)|['’]s) ([A-Z][a-z]+) $")
_FORMS = ("head", "lower-head")


def campaign_fronts(doc: Doc) -> None:
    """Pass "campaign-fronts": a campaign candidate found by its head or a lower-case head takes in a capitalized
    function word right before it when an article or a possessive comes before that word ("a Just Transition Work
    Programme", "the union's More Than Thanks campaign")."""
    candidates = doc.candidates
    for i, span in enumerate(candidates):
        if span.kind is not EntityKind.CAMPAIGN or span.source not in _FORMS or span.start < 4:
            continue
        text = doc.texts[span.field]
        if text[span.start - 1] != " " or not text[span.start - 2].isalpha():
            continue  # (the one-character tests first: most names follow no word of letters)
        front = _FRONT_BEFORE.search(text, max(0, span.start - 24), span.start)
        if front is None or front.group(1).lower() not in STOPWORDS:
            continue
        start = front.start(1)
        candidates[i] = replace(span, start=start, name=text[start:span.end])
