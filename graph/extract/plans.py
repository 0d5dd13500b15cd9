"""Programmes named before a lower-case "agreement", "policy" or "plan", and slogans of one camel-case word before
"campaign": "the Milk with Dignity agreement", "its Family Bond policy", "Salman's Vision 2030 plan", "the PayUp campaign".

Chosen leave-one-batch-out on the non-ILO batches 1-13 (`python -m bench.passes_lobo`; tests/data/NONILO.md, round
extract12): the gold of batches 11 and 13 names each such programme as a campaign, without the noun, and no name these
forms read is another kind's in any annotated set.
"""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import MONTHS, STOPWORDS, has_head
from graph.extract.spans import CAMPAIGN, PATTERN, Span

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# a year may come between the name and the noun: "Vision 2030 plan"
_LOWER_PLAN: Final = re.compile(r"( (?:19|20)\d\d)? (?:agreement|policy|plan)\b")
# "the PayUp campaign": one word with a capital inside is a slogan's shape
_CAMEL: Final = re.compile(r"[A-Z][a-z]+[A-Z]\w*$")
_CAMEL_HEAD: Final = re.compile(r" (?:campaign|movement|initiative)\b")
# "the Milk with Dignity agreement", "his Migration with Dignity policy": a capitalized word and a joining word before
# the run, after an article or an owner, are part of the name (capitalized runs stop at "with")
_JOINED_BEFORE: Final = re.compile(r"(?:(?<=\bthe )|(?<=['’]s )|(?<=\bits )|(?<=\btheir )|(?<=\bhis )|(?<=\bher ))[A-Z][\w-]* "
                                   r"(?:with|for|of|in|on|against|and) $")
_POSSESSIVES: Final = ("'s", "’s", "s'", "s’")
# "the accord, known as the 26 April agreement", "signed the social agreement of 30 April 2022": an agreement named by
# the day it was signed is named so whole, its noun and a lower-case word before it in (batches 41 and 46 name each so,
# as a campaign or an optional name; no dated agreement in the open sets is another kind's)
_MONTH: Final = "(?:" + "|".join(m.capitalize() for m in MONTHS) + ")"
_DAY: Final = rf"(?:\d{{1,2}} {_MONTH}|{_MONTH} \d{{1,2}})"
_DATED_AGREEMENT: Final = re.compile(rf"\bthe ((?:[a-z]+ )?agreement of {_DAY}(?:,? (?:19|20)\d\d)?|{_DAY} agreement)\b")


# what a story must hold (folded) for the pass to find anything: the pipeline skips it in stories with none
CUES: Final[tuple[str, ...]] = (" plan", " policy", " agreement", " campaign", " movement", " initiative")


def lower_plans(doc: Doc) -> None:
    """Pass "lower-plans": two capitalized words or more (or one before a year, or one joined to the word before it by
    "with", "for", "of" ...) right before a lower-case "agreement", "policy" or "plan" are a programme's name, the noun
    left out ("the Milk with Dignity agreement", "its Family Bond policy", "Salman's Vision 2030 plan"); one camel-case
    word before "campaign", "movement" or "initiative" is a slogan's ("the PayUp campaign"). The name starts after an
    owner's possessive; never a name with an organization's head ("the Labour Party plan"). An agreement named by its
    day is named whole ("the 26 April agreement", "the social agreement of 30 April 2022")."""
    org_heads = doc.resources.organization_heads
    for field, text in doc.texts.items():
        if " agreement" in text:
            doc.candidates.extend(Span(CAMPAIGN, field, m.start(1), m.end(1), PATTERN, "rule", 0.7, m.group(1),
                                       source="lower-head") for m in _DATED_AGREEMENT.finditer(text))
        # (where a name may end, found first: most texts have none of the nouns, and then no chunk is looked at)
        plans = {m.start(): m for m in _LOWER_PLAN.finditer(text)} if (
            " plan" in text or " policy" in text or " agreement" in text) else {}
        camels = {m.start() for m in _CAMEL_HEAD.finditer(text)} if (
            " campaign" in text or " movement" in text or " initiative" in text) else set()
        if not plans and not camels:
            continue
        for chunk in doc.chunks_in(field):
            lower = plans.get(chunk.end)
            if lower is None and chunk.end not in camels:
                continue
            tokens = chunk.tokens
            if tokens[-1].bare != tokens[-1].text:
                continue  # "Macron's plan": whose plan, not its name
            if lower is None:
                if len(tokens) == 1 and _CAMEL.match(tokens[0].text):
                    doc.candidates.append(Span(CAMPAIGN, field, chunk.start, chunk.end, PATTERN, "rule",
                                               0.7, tokens[0].text, source="lower-head"))
                continue
            if has_head(chunk, org_heads):
                continue
            owner = max((k for k, t in enumerate(tokens[:-1]) if t.text.endswith(_POSSESSIVES)), default=None)
            first = 0 if owner is None else owner + 1
            while first < len(tokens) and tokens[first].lower in STOPWORDS:
                first += 1
            if first >= len(tokens):
                continue
            start = tokens[first].start
            joined = _JOINED_BEFORE.search(text, max(0, start - 30), start) if first == 0 else None
            if joined is not None:
                start = joined.start()
            elif len(tokens) - first < 2 and lower.group(1) is None:
                continue  # one word before the noun is as often an owner as a name ("the EU plan")
            end = lower.end(1) if lower.group(1) else tokens[-1].start + len(tokens[-1].bare)
            doc.candidates.append(Span(CAMPAIGN, field, start, end, PATTERN, "rule", 0.7, text[start:end],
                                       trimmable=True, source="lower-head"))
