"""A campaign name's capitalized first word put back: "a Just Transition Work Programme", "the union's More Than
Thanks campaign"; and two campaign readings a dash joins made one ("Skills and Jobs – Investing for Youth").

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
# "launched Skills and Jobs – Investing for Youth, a programme ...", "the #PayYourWorkers - Respect Labour Rights
# campaign": a spaced dash between two campaign readings joins the two parts of one name (batches 1 and 22)
_DASHES = (" – ", " - ", " — ")


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
    if any(d in text for text in doc.texts.values() for d in _DASHES):
        _dash_joined(doc)


def _dash_joined(doc: Doc) -> None:
    """Two campaign candidates a spaced dash stands between are read as one more candidate, the whole name."""
    campaigns = [s for s in doc.candidates if s.kind is EntityKind.CAMPAIGN]
    ends = {(s.field, s.end): s for s in campaigns}
    for right in campaigns:
        text = doc.texts[right.field]
        if text[right.start - 3:right.start] not in _DASHES:
            continue
        left = ends.get((right.field, right.start - 3))
        if left is not None:
            doc.candidates.append(replace(right, start=left.start, priority=max(left.priority, right.priority),
                                          confidence=max(left.confidence, right.confidence),
                                          name=text[left.start:right.end]))
