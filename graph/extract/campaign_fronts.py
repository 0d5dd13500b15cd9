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
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import MONTHS, STOPWORDS, WEEKDAYS
from graph.extract.spans import CAMPAIGN, GAZETTEER

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.spans import Span
    from graph.records import Field

# a capitalized word after an article or an owner's possessive is no sentence's first word
_FRONT_BEFORE: Final = re.compile(r"(?:\b(?:the|a|an|its|their|his|her)|['’]s) ([A-Z][a-z]+) $")
_FORMS: Final = ("head", "lower-head")
# "launched Skills and Jobs – Investing for Youth, a programme ...", "the #PayYourWorkers - Respect Labour Rights
# campaign": a spaced dash between two campaign readings joins the two parts of one name (batches 1 and 22)
_DASHES: Final = (" – ", " - ", " — ")
_CALENDAR: Final = frozenset("day week year decade month".split())
_WHEN: Final = frozenset(w.lower() for w in MONTHS + WEEKDAYS)


def campaign_fronts(doc: Doc) -> None:
    """Pass "campaign-fronts": a campaign candidate found by its head or a lower-case head takes in a capitalized
    function word right before it when an article or a possessive comes before that word ("a Just Transition Work
    Programme", "the union's More Than Thanks campaign")."""
    candidates = doc.candidates
    known, headed = [], {}
    headed_from: dict[tuple[Field, int], Span] = {}
    for i, span in enumerate(candidates):
        if span.kind is not CAMPAIGN:
            continue
        if span.priority == GAZETTEER:
            known.append(span)
            continue
        if span.source == "head":
            headed[span.field, span.end] = span
            headed_from.setdefault((span.field, span.start), span)
        if span.source not in _FORMS or span.start < 4:
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
    if known and headed:
        _known_with_front(doc, known, headed)
        _known_and_more(doc, known, headed_from)


def _known_with_front(doc: Doc, known: list[Span], headed: dict[tuple[Field, int], Span]) -> None:
    """A known campaign a head-named one of the same run ends with, capitalized words before it, is part of that
    longer name: "the All-Poland Women's Strike" names more than the known "Women's Strike", as "the Freedonia Climate
    Strike" names more than "Climate Strike"; the known reading of the part is dropped (not when the words before are a
    place alone, "the Polish Women's Strike", or an owner's possessive, which say where or whose)."""
    campaign = CAMPAIGN
    gone = set()
    for span in known:
        longer = headed.get((span.field, span.end))
        if longer is None or longer.start >= span.start:
            continue
        text = doc.texts[span.field]
        front = text[longer.start:span.start]
        if not front.endswith(" ") or "'" in front or "’" in front or span.name.rsplit(None, 1)[-1].lower() in _CALENDAR \
                or any(w[:1].islower() or w.lower() in STOPWORDS or w.lower() in _WHEN or w.isupper() for w in front.split()):
            continue  # (nor before an observance, whose known name is whole: "July World Youth Skills Day")
        if any(s.kind is not campaign and s.field == span.field and s.start < span.start and longer.start < s.end
               for s in doc.candidates):
            continue  # (a place or a body in front says where or whose: "the Polish ...", "the Acme Foundation ...")
        gone.add(id(span))
    if gone:
        doc.candidates[:] = [s for s in doc.candidates if id(s) not in gone]


# "the 24-Hour Economy and Accelerated Export Development Programme": a known programme joined by "and" to capitalized
# words that end in a programme's head names one programme, the longer (batch 35)
_AND_MORE: Final = re.compile(r" and [A-Z]")


def _known_and_more(doc: Doc, known: list[Span], headed_from: dict[tuple[Field, int], Span]) -> None:
    """A known campaign a head-named one of the same run starts with and goes on from over "and" and capitalized words
    is part of that longer name: the known reading of the part is dropped (not when a place or a body stands in what
    follows: "the Youth Guarantee and the ILO Programme" are two)."""
    gone = set()
    for span in known:
        longer = headed_from.get((span.field, span.start))
        if longer is None or longer.end <= span.end:
            continue
        text = doc.texts[span.field]
        if _AND_MORE.match(text, span.end) is None or any(
                w[:1].islower() and w not in STOPWORDS for w in text[span.end + 5:longer.end].split()):
            continue
        if any(s.kind is not CAMPAIGN and s.field == span.field and span.end < s.end and s.start < longer.end
               for s in doc.candidates):
            continue
        gone.add(id(span))
    if gone:
        doc.candidates[:] = [s for s in doc.candidates if id(s) not in gone]


def _dash_joined(doc: Doc) -> None:
    """Two campaign candidates a spaced dash stands between are read as one more candidate, the whole name."""
    campaigns = [s for s in doc.candidates if s.kind is CAMPAIGN]
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
