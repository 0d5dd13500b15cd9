"""Collective actions and pledges named without a campaign head: "a 'No contract, no coffee' pledge", "the Four Fights
dispute", "the slogan 'Unpaid work won't fly'".

Chosen leave-one-batch-out on the non-ILO batches 1-10 (`python -m bench.passes_lobo action-names`; tests/data/NONILO.md,
round extract9): the gold of batches 6, 8 and 10 names each such action as a campaign, and no name these forms read is
another kind's in any annotated set.
"""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.spans import CAMPAIGN, GUESS, PATTERN, Span

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# "a 'No contract, no coffee' pledge", "an open-ended 'Red Cup Rebellion' strike": a quoted name right before a noun of
# a campaign or a collective action is its name (an apostrophe between letters goes on: "'Unpaid work won't fly'")
_QUOTED_BEFORE: Final = re.compile(r"(?<!\w)['‘\"“]([A-Z0-9](?:[^'‘’\"“”]|(?<=\w)['’](?=\w)){2,60})['’\"”] "
                                   r"(?:strike|pledge|campaign|movement|protests?|walkout|boycott|march|initiative|petition)\b")
# "the federation's campaign 'Não vou pagar o pato'", "the popular initiative 'Against mass immigration'": a quoted
# name right after a campaign's noun (or a naming verb after it) is its name; the quote must open on a capital or a
# figure and close before anything but a letter, so speech quoted after the noun ("the campaign 'will go on'") is not one
_NAMING_NOUN: Final = r"(?:campaign|initiative|petition)(?:,| called| named| dubbed| entitled)? "
_QUOTED_AFTER: Final = re.compile(r"\b" + _NAMING_NOUN
                                  + r"['‘\"“]([A-Z0-9](?:[^'‘’\"“”.?!;]|(?<=\w)['’](?=\w)){2,60})['’\"”](?![\w'’])")
# "fought under the slogan 'Unpaid work won't fly'": a single-quoted slogan holding an apostrophe between letters
# (slogans.quoted_slogans reads those without one)
_SLOGAN_APOSTROPHE: Final = re.compile(r"\b(?:slogan|motto|banner|tagline)\s+['‘]([A-Z0-9](?:[^'‘’\"“”]|(?<=\w)['’](?=\w)){2,89})"
                                       r"['’](?!\w)")
# (what both need, tested first: most texts have neither a closing quote before such a noun nor a slogan's cue)
_QUOTE_THEN_NOUN: Final = re.compile(r"['’\"”] (?:strike|pledge|campaign|movement|protest|walkout|boycott|march|initiative|petition)")
# (what the quote after a noun needs: the noun, a space and an opening quote)
_NOUN_THEN_QUOTE: Final = re.compile(_NAMING_NOUN + r"['‘\"“]")
# "the Blue Transformation roadmap", "the union's Four Fights dispute", "Morocco's GenZ 212 protests": a proper name of
# two words or more (a figure counts) right before a lower-case noun of a plan or a collective action is its name
_LOWER_ACTION: Final = re.compile(r"( \d+)? (?:roadmap|dispute|protests)\b")


def quoted_names(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every quoted name before an action's noun, and of every slogan with an inner apostrophe."""
    quoted = ("' " in text or "’ " in text or '" ' in text or "” " in text) and _QUOTE_THEN_NOUN.search(text) is not None
    slogan = "slogan" in text or "motto" in text or "banner" in text or "tagline" in text
    after = ("campaign" in text or "initiative" in text or "petition" in text) and _NOUN_THEN_QUOTE.search(text) is not None
    if not quoted and not slogan and not after:  # (most texts: no list or regex built)
        return []
    patterns = ((_QUOTED_BEFORE,) if quoted else ()) + ((_SLOGAN_APOSTROPHE,) if slogan else ()) + (
        (_QUOTED_AFTER,) if after else ())
    return [(m.start(1), m.end(1)) for pattern in patterns for m in pattern.finditer(text)]


# what a story must hold (folded) for the pass to find anything (an action's noun after a quote, a slogan's cue, a
# lower-case noun after a name): the pipeline skips it in stories with none
CUES: Final[tuple[str, ...]] = (" strike", " pledge", " campaign", " movement", " protest", " walkout", " boycott", " march", "slogan", "motto",
        "banner", "tagline", " dispute", " roadmap", " initiative", " petition")


def action_names(doc: Doc) -> None:
    """Pass "action-names": campaign candidates for collective actions named by a quote or before a lower-case noun.

    A quoted name before "strike", "pledge", "campaign", "movement", "protest(s)", "walkout", "boycott" or "march", and
    a single-quoted slogan holding an apostrophe ("under the slogan 'Unpaid work won't fly'"), are patterns. A run of
    two capitalized words or more before a lower-case "roadmap", "dispute" or "protests" is a guess, so any other
    reading of the words wins ("the Tesla dispute" stays the company's); an owner's possessive before it is not part
    of the name."""
    campaign = CAMPAIGN
    for field, text in doc.texts.items():
        for start, end in quoted_names(text):
            doc.candidates.append(Span(campaign, field, start, end, PATTERN, "rule", 0.7, text[start:end],
                                       source="slogan"))
        if not (" dispute" in text or " protests" in text or " roadmap" in text):  # (`in` chains: the cheapest test)
            continue
        for chunk in doc.chunks_in(field):
            action = _LOWER_ACTION.match(text, chunk.end)
            if action is None:
                continue
            owner = max((k for k, t in enumerate(chunk.tokens) if t.bare != t.text), default=-1)
            tokens = chunk.tokens[owner + 1:]
            figure = action.group(1)  # "the GenZ 212 protests": a figure ends the name
            if len(tokens) + (figure is not None) < 2:
                continue
            start, end = tokens[0].start, action.end(1) if figure else tokens[-1].end
            doc.candidates.append(Span(campaign, field, start, end, GUESS, "rule", 0.6, text[start:end],
                                       source="action"))
