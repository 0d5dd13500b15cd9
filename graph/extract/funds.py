"""Funds and facilities that are programmes, not bodies: "launched the Lives and Livelihoods Fund", "a US$1.5 billion
African Emergency Food Production Facility", "the School Meals Coalition" once launched.

Chosen leave-one-batch-out on the non-ILO batches 1-13 together with the pass "lower-plans" and the theme labels of
the same round (`python -m bench.passes_lobo`; tests/data/NONILO.md, round extract12): the gold of batches 4, 8, 9, 12
and 13 names such a fund or facility as a campaign; every "… Fund" that is a body in the annotated sets (the
International Monetary Fund, a provident fund, a trust fund) is neither launched nor counted in money. A name that ends
"Trust Fund" is a programme with no cue (round extract40: the open batches name three, one a campaign, two optional),
and so is any other "... Fund" with no word of a state's social insurance or a development body in it (round
extract49: the gold of batches 26-35 names every such fund a campaign, four in four batches; batches 11 and 17's older
annotators named two bodies, the Malala Fund and South Africa's Solidarity Fund); and so is a state's or a region's
fund whose purpose follows "for" ("a grant from the Japan Fund for Information and Communication Technology": batch
37's gold; the open batches' other such names are a development body's, "the International Fund for Agricultural
Development", or optional).
"""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import STOPWORDS
from graph.extract.spans import CAMPAIGN, ORGANIZATION, PATTERN, PLACE, Span

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_FUND_HEADS: Final = frozenset(("Fund", "Facility"))
_FUND_ENDS: Final = (" Fund", " Facility")
_COALITION_HEADS: Final = (" Coalition", " Alliance")
_AMOUNT: Final = re.compile(r"(?:[A-Z]{1,3})?[$€£¥]\d")
_MAGNITUDES: Final = frozenset(("million", "billion", "trillion"))
# "a US$9 billion ...", "a 50 billion shilling ...": an amount right before the name says how much it holds
_AMOUNT_BEFORE: Final = re.compile(r"\b(?:an?|the|its|their)\s+(?:[A-Z]{1,3})?[$€£¥]?\d[\d.,]*(?:\s?(?:million|billion|trillion|bn))?"
                                   r"(?:[\s-](?:dollars?|euros?|pounds?|shillings?|rupees?|yen|yuan|rand|naira|pesos?))?\s$")
# "launched the ...", "set up a new ...": what is launched is started, a body is founded
_LAUNCHED_BEFORE: Final = re.compile(r"\b(?:launch(?:ed|es|ing)?|unveil(?:ed|s|ing)?|set up|created?|establish(?:ed|es)?)\s+"
                                     r"(?:the|a|an|its|their)\s+(?:new\s+)?$")
# "the Hustler Fund, a 50 billion shilling government scheme": the apposition says what it is
_PROGRAMME_AFTER: Final = re.compile(r",\s+(?:known as\s+(?:the\s+)?[^,]{3,60},\s+)?(?:a|an)\s+(?:[\w$€£¥.,-]+\s+){0,4}?"
                                     r"(?:scheme|programme|program|instrument|initiative|facility|fund|plan)\b")
# "a COVID-19 Response Facility of up to 10 billion dollars": the amount after it says how much it holds
_AMOUNT_AFTER: Final = re.compile(r" (?:of|worth)(?: up to| about| some| around)? (?:[A-Z]{1,3})?[$€£¥]?\d[\d.,]*\s?"
                                  r"(?:million|billion|trillion|bn)\b")
_OWNED_AFTER: Final = ("'s", "’s")
# "its Youth Entrepreneurship and Innovation Multi-Donor Trust Fund", "the Rana Plaza Donors Trust Fund": money held
# in trust for a purpose, however it is named, is a programme, never a body
_TRUST_FUND: Final = " Trust Fund"
# "the Social Security Fund", "the National Hospital Insurance Fund", "the African Development Fund": a fund of a
# state's social insurance or a development body's is a body; any other fund a name heads is money for a purpose, a
# programme ("the Independent Living Fund", "A Fish Fund will help ...", "the Galápagos Life Fund")
_INSTITUTIONAL: Final = frozenset("social security pension pensions provident insurance development national investment wealth "
                                  "monetary sovereign welfare compensation unemployment health hospital retirement savings aid defense defence "
                                  "international".split())
_NOUN_AFTER: Final = re.compile(r" (?:grants?|loans?|programmes?|programs?|projects?|financing|investments?|package|"
                                r"contributions?|pledges?|window|facility|replenishment)\b")


def _place_first(doc: Doc, span: Span) -> bool:
    """Whether a known place (or its people's word) opens the name: a state's or a region's fund for a purpose is a
    donor's programme ("the Japan Fund for Information and Communication Technology"), where one named by what it
    does ("the Global Fund for ...") may be a foundation."""
    return any(c.kind is PLACE and c.field is span.field and c.start == span.start and c.end < span.end
               for c in doc.candidates)


def _launched(text: str, start: int) -> bool:
    return _LAUNCHED_BEFORE.search(text, max(0, start - 60), start) is not None


def _programme_at(text: str, start: int, end: int) -> bool:
    """Whether the name at [start, end) is launched, counted in money or called a programme."""
    if _PROGRAMME_AFTER.match(text, end) is not None:
        return True
    # "a US$500 million Green Climate Fund grant": the amount (or the launch) is the grant's, and the fund a body
    return _NOUN_AFTER.match(text, end) is None and (
        _launched(text, start) or _AMOUNT_BEFORE.search(text, max(0, start - 60), start) is not None
        or _AMOUNT_AFTER.match(text, end) is not None)


# what a story must hold (folded) for the pass to find anything: the pipeline skips it in stories with none
CUES: Final[tuple[str, ...]] = ("fund", "facility", "coalition", "alliance")


def funded_programmes(doc: Doc) -> None:
    """Pass "funded-programmes": a name headed "Fund" or "Facility" that is launched ("launched the Lives and
    Livelihoods Fund"), has an amount before it ("a US$9 billion Asia Pacific Vaccine Access Facility") or an apposition
    calls a programme ("the Hustler Fund, a 50 billion shilling government scheme") is a programme (a campaign), as is a
    fund named for a purpose with no cue ("A Fish Fund will help ...", "the Japan Fund for ...", not "the Social
    Security Fund"), and so is a coalition or alliance that is launched ("have launched the School Meals Coalition").
    An organization a rule read by that head becomes the campaign, with every other reading of the same name; a known
    name (the gazetteer's) never does."""
    named: set[str] = set()
    for field, text in doc.texts.items():
        # (the substring tests first: most texts hold none of the heads)
        if "Fund" not in text and "Facility" not in text and "Coalition" not in text and "Alliance" not in text:
            continue
        for span in doc.candidates:
            if span.field is not field or span.kind is not ORGANIZATION or span.key is not None:
                continue
            name = span.name
            if ("Fund" in name or "Facility" in name) and any(w in _FUND_HEADS for w in name.split()) \
                    and (name.endswith(_TRUST_FUND) or _programme_at(text, span.start, span.end)
                         or (name.endswith(" Fund") or " Fund for " in name and _place_first(doc, span))
                         and _INSTITUTIONAL.isdisjoint(w.lower() for w in name.split())
                         and _NOUN_AFTER.match(text, span.end) is None) \
                    or name.endswith(_COALITION_HEADS) and _launched(text, span.start):
                named.add(name)
        # a facility is no organization's head, so no finder proposed it: the capitalized run is read here
        for chunk in doc.chunks_in(field):
            if not text.endswith(_FUND_ENDS, 0, chunk.end):
                continue
            tokens = list(chunk.tokens)
            while tokens and (tokens[0].lower in STOPWORDS or tokens[0].lower in _MAGNITUDES or _AMOUNT.match(tokens[0].text)):
                tokens.pop(0)  # "US$9 billion": how much, not the name
            if len(tokens) < 2 or tokens[-1].text not in _FUND_HEADS:
                continue
            start, end = tokens[0].start, tokens[-1].start + len(tokens[-1].text)
            # (a known place inside the name is the name's: "a US$9 billion Asia Pacific Vaccine Access Facility")
            if any(c.field is field and c.start < end and start < c.end
                   and not (c.kind is PLACE and start <= c.start and c.end < end) for c in doc.candidates) \
                    or not _programme_at(text, start, end):
                continue
            doc.candidates.append(Span(CAMPAIGN, field, start, end, PATTERN, "rule", 0.7, text[start:end],
                                       source="fund"))
    if not named:
        return
    for i, span in enumerate(doc.candidates):
        if span.kind is ORGANIZATION and span.key is None and span.name in named:
            end, name = span.end, span.name
            # "the Hustler Fund for Kenya's small traders": what follows "for" is the traders', not the name's
            if doc.texts[span.field][end:end + 2] in _OWNED_AFTER and " for " in name:
                name = name[:name.rindex(" for ")]
                end = span.start + len(name)
            doc.candidates[i] = Span(CAMPAIGN, span.field, span.start, end, span.priority, span.method,
                                     span.confidence, name, trimmable=span.trimmable, source="fund")
