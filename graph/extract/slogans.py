"""Campaigns named by a slogan: hashtags, quoted themes, and slogans with a figure or an exclamation mark before
"campaign" ("#PayUpFIFA", 'the theme "Stand With Cleaners"', "the Fight for $15 movement")."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.spans import CAMPAIGN, PATTERN, Span
from graph.records import Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# "the Fight for $15 movement", "the 100 Million for 100 Million campaign": a slogan with a figure in it
# ("UNiTE by 2030 to End ..."; a capitalized head is part of the name: "the 4 Day Week Campaign")
_FIGURE_SLOGAN: Final = re.compile(r"\b(?:the|a|its|their|[\w-]+['’]s)\s+((?:[A-Z$€£¥\d][\w$€£¥+.,'’-]*\s+)(?:(?:for|to|of|the|and|in|on|against|by|"
                                   r"[A-Z$€£¥\d][\w$€£¥+.,'’-]*)\s+)*?)"
                                   r"([Cc]ampaign|[Mm]ovement)\b")
_FIGURE: Final = re.compile(r"[\d+]")

# 'under the theme "Stand With Cleaners"', 'the slogan "Fair Pay Now"': a quoted slogan after one of these is a campaign,
# set off by a comma too ("Their slogan, '9 anos, 4 meses e 2 dias', has become ...")
_QUOTE_CUES: Final = ("theme", "slogan", "motto", "banner", "tagline")
_CHANTED: Final = ("slogan", "motto")
_QUOTED: Final = re.compile(r"\b(?:theme|slogan|motto|banner|tagline),?\s+[\"“]([^\"”]{3,90})[\"”]")
# (or in single quotes: "under the theme 'Cooperatives Build a Better World'"; an apostrophe inside ends no slogan
# that goes on in letters)
_SINGLE_QUOTED: Final = re.compile(r"\b(?:theme|slogan|motto|banner|tagline),?\s+['‘]([A-Z0-9][^'‘’\"“”]{2,89})['’](?!\w)")

_HASHTAG: Final = re.compile(r"(?<![\w#])#[A-Za-z][\w]{2,}(?:\s+(?:campaign|challenge|initiative|movement|pledge|day)\b)?")


# "its Turn Around, H&M! campaign", "whose Raise the Bar, Hershey! campaign": a slogan ending in an exclamation mark,
# commas and lower-case words in it, named whole from its owner's word (the last before it) to the campaign noun
_EXCLAIMED_END: Final = re.compile(r"!\s+(?:campaign|movement|initiative|petition)\b")
_SLOGAN_OWNER: Final = re.compile(r"\b(?:its|their|whose|his|her|our)\s+(?=[A-Z])")
_SLOGAN_ARTICLE: Final = re.compile(r"\b(?:the|a|an)\s+(?=[A-Z])")


def exclaimed_slogans(text: str, field: Field) -> list[Span]:
    """"its Turn Around, H&M! campaign": a slogan with an exclamation mark before a campaign noun is a campaign."""
    spans = []
    for match in _EXCLAIMED_END.finditer(text) if "! " in text else ():
        end = match.start() + 1
        window = max(0, end - 60)
        for lead in (_SLOGAN_OWNER, _SLOGAN_ARTICLE):
            starts = [m.end() for m in lead.finditer(text, window, end)]
            if starts:
                start = starts[-1]
                if not any(c in text[start:end] for c in ".?;:()\"“”"):
                    spans.append(Span(CAMPAIGN, field, start, end, PATTERN, "rule", 0.75, text[start:end],
                                      source="slogan"))
                break
    return spans


def find_hashtags(text: str, field: Field) -> list[Span]:
    """"#EndChildLabour2025": in this news a hashtag is a campaign's name."""
    # the name is the hashtag itself; "#PayUpFIFA campaign" is its mention
    return [Span(CAMPAIGN, field, m.start(), m.end(), PATTERN, "rule", 0.75, m.group().split()[0],
                 source="hashtag") for m in _HASHTAG.finditer(text)] if "#" in text else []


# what a story must hold (folded) for "hashtags" to find anything (a hashtag, a slogan's noun or a quoted slogan's
# cue): the pipeline skips it in stories with none
HASHTAG_CUES: Final[tuple[str, ...]] = ("#", " campaign", " movement", *_QUOTE_CUES)


def hashtags(doc: Doc) -> None:
    """Pass "hashtags": every hashtag, every slogan with a figure before "campaign", every quoted slogan after
    "theme" or "slogan" and every slogan exclaimed before "campaign" is a campaign candidate."""
    for field, text in doc.texts.items():
        doc.candidates.extend(find_hashtags(text, field))
        doc.candidates.extend(figure_slogans(text, field))
        doc.candidates.extend(quoted_slogans(text, field))
        doc.candidates.extend(exclaimed_slogans(text, field))


def figure_slogans(text: str, field: Field) -> list[Span]:
    """"the Fight for $15 movement", "the No+Cuts movement": slogans with a figure or a plus, which capitalized
    runs cannot hold, before "campaign" or "movement"; the name must have a capitalized word and end on one."""
    spans: list[Span] = []
    for noun in (" campaign", " movement", " Campaign", " Movement"):
        at = text.find(noun)
        while at != -1:
            # the regex only on the few words before the noun, and only when they hold a figure or a plus
            window = max(0, at - 80)
            # ("Campaigners": the noun must end there, which the search cut at its end cannot see)
            if _FIGURE.search(text, window, at) and not text[at + len(noun):at + len(noun) + 1].isalnum():
                match = _FIGURE_SLOGAN.search(text, window, at + len(noun))
                if match is not None and match.end() == at + len(noun):
                    span = _slogan(match, field)
                    if span is not None:
                        spans.append(span)
            at = text.find(noun, at + 1)
    return spans


def _slogan(match: re.Match[str], field: Field) -> Span | None:
    name = match.group(1).rstrip()
    words = name.split()
    if any(w.endswith(".") and w[:-1].isdigit() for w in words):
        return None  # "passed in 2017. Campaigners ...": a sentence ends inside, so no one slogan
    if not any(c.isdigit() or c == "+" for c in name) or not any(w[:1].isupper() for w in words) or not (
            words[-1][:1].isupper() or words[-1][:1] in "$€£¥0123456789"):
        return None
    start = match.start(1)
    if match.group(2)[0].isupper():
        name = f"{name} {match.group(2)}"
    return Span(CAMPAIGN, field, start, start + len(name), PATTERN, "rule", 0.7, name, source="slogan")


def quoted_slogans(text: str, field: Field) -> list[Span]:
    """'under the theme "Stand With Cleaners"': a quoted slogan after theme/slogan/motto is a campaign; of a
    two-part theme ("Women at Work: Fair Shares by 2030") the part after the colon is the slogan."""
    if "“" not in text and '"' not in text and "'" not in text and "‘" not in text \
            or not any(cue in text for cue in _QUOTE_CUES):
        return []
    spans = []
    # (single quotes also quote speech: there only a title-cased name is a slogan, "'Cooperatives Build a Better World'")
    # (after "slogan" or "motto" the quote is the words chanted, whatever their case: "Their slogan, '9 anos, 4 meses e
    # 2 dias', has become ...")
    singles = [m for m in _SINGLE_QUOTED.finditer(text) if "'" in text or "‘" in text
               if text.startswith(_CHANTED, m.start()) or all(not w[:1].islower() for w in m.group(1).split() if len(w) > 3)]
    for match in (*_QUOTED.finditer(text), *singles):
        start, end = match.start(1), match.end(1)
        colon = text.rfind(": ", start, end)
        if colon != -1:
            start = colon + 2
        if text[start:start + 1].isupper() or text[start:start + 1].isdigit():
            spans.append(Span(CAMPAIGN, field, start, end, PATTERN, "rule", 0.7, text[start:end],
                              source="slogan"))
    return spans
