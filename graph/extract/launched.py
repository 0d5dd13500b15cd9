"""Programmes named by what is done to them: launched, unveiled, adopted or worked under ("has launched the European
Solidarity Corps", "under the Rana Plaza Arrangement, which ...")."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.campaigns import APPOSITION, BRACKET_THEN, DOCUMENT_TAIL, IN_NAME, LISTED_CAUSE, LOWER_HEAD, YEARS_AFTER
from graph.extract.chunks import NAMED_THINGS, THINGS_AFTER_HEADS, STOPWORDS, Chunk, has_head
from graph.extract.spans import CAMPAIGN, GUESS, PATTERN, PLACE, Span
from graph.records import Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# "Go Public! Fund Education": a slogan name goes on past its exclamation mark while the words stay capitalized
_EXCLAIMED: Final = re.compile(r"! [A-Z][a-z][\w'’-]*(?: [A-Z][a-z][\w'’-]*)*")
# capitalized first and last words, lower-case ones between, no sentence end: "Enough is Enough", "Behind the Barcodes"
_LAUNCHED_SLOGAN: Final = re.compile(r"[A-Z][\w'’-]*(?: [a-z][\w'’-]*| [A-Z][\w'’-]*){0,4} [A-Z][\w'’-]*(?=, )")
# launch verbs ("launched", "unveiled") and adopt verbs ("adopted", "signed", "approved" ...; ontology/names.ttl)
_LAUNCHING: Final = frozenset(("LaunchVerb", "AdoptVerb"))
# the last words of documents and targets the annotations never call programmes (laws, reports and treaties are
# NAMED_THINGS already): "the Platform Work Directive", "the Employment Rights Bill", "the Sustainable Development Goals"
_DOCUMENT_ENDS: Final = frozenset("directive directives bill bills regulation regulations decree ordinance code resolution "
                                  "goals".split())
_REGIMES: Final = frozenset("administration administrations regime presidency dynasty era rule".split())
_UNDER: Final = re.compile(r"\bunder (?:the|its|their|a|an) ")
_UNDER_END: Final = re.compile(r"[,.;:)]|$| (?:which|that|to|and|in|on|for|by|with|from|as|at|since|after|before|until)\b")
_LAUNCH_DETERMINERS: Final = ("the ", "a ", "an ", "its ", "their ", "his ", "her ", "a new ", "the new ")
# "launched 12 by 12, a campaign for ...", "the target, known as 25 by 25": a figure by a figure (a year or a count)
# launched or named is a target's slogan, which no run of capitals holds (after "to" or "over" it is a date: "from 60
# to 62 by 2018", so only after these cues); not a size ("10 by 10 metres")
_FIGURE_BY: Final = re.compile(r"\d{1,3} ?by ?\d{2,4}(?![\w%.,-]\w| (?:per|percent|million|billion|metres|meters|feet|km|cm)\b)")
_NAMING_CUES: Final = frozenset(("called", "named", "dubbed", "known as"))
# the words after which a listed cause goes on past its commas: "Commitment for Growth, Competitiveness and Employment"
_CAUSE_WORDS: Final = frozenset(("for", "on"))
_FIGURE_CUES: Final = frozenset(("LaunchVerb", "AdoptVerb", "CampaignCue"))


def launched_names(doc: Doc) -> None:
    """Pass "launched": what is launched or unveiled, named with no head noun ("has launched the European Solidarity
    Corps", "launched its Jobs for Youth in Africa"), is a programme; so is what is adopted or signed after an article
    ("the EU adopts the European Disability Card") and what something is done under ("under the Rana Plaza
    Arrangement, which ..."); a guess, so any other reading of the name wins, and never a name holding a head noun, a
    document's word or a known name."""
    heads = doc.resources.heads
    for field, text in doc.texts.items():
        starts = set()
        for start, end, cls in doc.cue_hits.get(field, ()):
            if cls in _FIGURE_CUES and text[end + 1:end + 2].isdigit() and (
                    cls in _LAUNCHING or text[start:end] in _NAMING_CUES):
                figures = _FIGURE_BY.match(text, end + 1)
                if figures is not None:
                    doc.candidates.append(Span(CAMPAIGN, field, end + 1, figures.end(), PATTERN, "rule",
                                               0.7, figures.group(), source="launched"))
            if cls in _LAUNCHING and text[end:end + 1] == " ":
                at = end + 1
                determiner = next((d for d in _LAUNCH_DETERMINERS if text.startswith(d, at)), "")
                # ("the ministry announced Maria Lopez as ..."): an adopt verb's object needs its article
                if determiner or cls == "LaunchVerb":
                    starts.add(at + len(determiner))
        # "pledges under the Harkin-Engel Protocol", "payments are made under the Rana Plaza Arrangement, which ...":
        # what something is done under, named whole (a lower-case noun after it is read by the lower-case heads)
        under = {m.end() for m in _UNDER.finditer(text)} if "under " in text else set()
        starts |= under
        if not starts:
            continue
        for at in sorted(starts):
            # "launched Enough is Enough, a campaign against ...": a slogan with lower-case words in it, which no
            # run of capitals holds whole, is named up to an apposition that calls it a campaign
            slogan = _LAUNCHED_SLOGAN.match(text, at)
            if slogan is None:
                continue
            words = slogan.group().split()
            if (any(w[:1].islower() for w in words) or words[0].lower() in STOPWORDS) \
                    and APPOSITION.match(text, slogan.end()):
                doc.candidates.append(Span(CAMPAIGN, field, at, slogan.end(), PATTERN, "rule", 0.7,
                                           text[at:slogan.end()], source="launched"))
        for chunk in doc.chunks_in(field):
            if chunk.start not in starts or has_head(chunk, NAMED_THINGS):
                continue
            tokens = chunk.tokens
            # (a run with a head noun is the head readings' ("name-forms"), unless none of them read it: "signed the
            # Commitment for Growth, ..." holds its head first, where only a few heads name a programme)
            headed = has_head(chunk, heads)
            # (one word is as often a product or a person as a programme; "US$9 billion" is money; but a run a
            # lower-case "campaign" follows is one whatever its words: "launches Even It Up campaign")
            called = LOWER_HEAD.match(text, chunk.end) is not None
            if (len(tokens) < 2 or tokens[0].lower in STOPWORDS) and not called or tokens[-1].bare != tokens[-1].text or any(
                    c.field is field and c.start < chunk.end and chunk.start < c.end
                    and not (called and c.start > chunk.start) and not _place_opening(c, chunk, headed)
                    for c in doc.candidates):
                continue
            if headed and (chunk.start in under or all(t.lower in heads or t.lower in STOPWORDS for t in tokens)):
                # (what is done under a headed name the head readings left is no programme of this pass's, and heads
                # alone name nothing: "signed the Framework Agreement for a ...")
                continue
            end = chunk.end
            if chunk.start in under and (_UNDER_END.match(text, end) is None or tokens[-1].lower in _REGIMES):
                continue  # ("under the Biden Administration": who governed then, not a programme)
            if tokens[-1].text == "No" or tokens[-1].lower in _DOCUMENT_ENDS \
                    or text[end:end + 2] == " (" and _document_after(text, end) \
                    or text[end + 1:end + 2].islower() and DOCUMENT_TAIL.match(text, end) is not None:
                # "signed Executive Order No. 51", "adopted the Platform Work Directive", "under the Health and Safety
                # at Work Act": documents
                continue
            exclaimed = _EXCLAIMED.match(text, end) if text[end:end + 1] == "!" else None
            if exclaimed is not None:
                end = exclaimed.end()  # "launched Go Public! Fund Education": one slogan over its "!"
            # "adopted its Pacific Approach 2021-2025": the years it runs, a range after the name, are in its name
            years = YEARS_AFTER.match(text, end) if text[end + 1:end + 2].isdigit() else None
            if years is not None and years.end() - end > 6:
                end = years.end()
            where = IN_NAME.match(text, end)
            if where is not None and _region_at(doc, field, where.end()):
                end = where.end()  # "Jobs for Youth in Africa": where it runs, a country or region, is in its name
            elif end == chunk.end and text[end:end + 1] == "," and any(t.lower in _CAUSE_WORDS for t in tokens[1:]):
                cause = LISTED_CAUSE.match(text, end)
                if cause is not None:
                    end = cause.end()  # "signed the Commitment for Growth, Competitiveness and Employment": one cause
            # (a slogan over its "!" is one no other reading has: "Fund Education" is no fund)
            doc.candidates.append(Span(CAMPAIGN, field, chunk.start, end, PATTERN if exclaimed else GUESS,
                                       "rule", 0.7 if exclaimed else 0.5, text[chunk.start:end], source="launched"))


def _place_opening(candidate: Span, chunk: Chunk, headed: bool) -> bool:
    """Whether `candidate` is a known place that opens the run and leaves two words or more of it ("adopted the
    Thimphu Statement on Climate Change": where it was adopted names it); not in a run with a head noun, which the
    head readings read with its place ("signed the Tonga Agreement")."""
    return (not headed and candidate.kind is PLACE and candidate.start == chunk.start
            and sum(1 for t in chunk.tokens if t.start >= candidate.end) >= 2)


def _document_after(text: str, end: int) -> bool:
    """Whether the name before `end` goes on past a bracket into a document's ("... (Amendment) Act")."""
    then = BRACKET_THEN.match(text, end)
    return then is not None and then.group(1).lower() in THINGS_AFTER_HEADS


def _region_at(doc: Doc, field: Field, end: int) -> bool:
    """Whether a known country or region (not a city) ends at `end`."""
    return any(c.field is field and c.end == end and c.kind is PLACE and c.priority > PATTERN
               and (c.source == "country" or c.country is None) for c in doc.candidates)
