"""Public programmes named with no campaign head: benefits by a payment's noun, what is new, what a programme replaces."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.campaigns import DOCUMENT_TAIL
from graph.extract.chunks import NAMED_THINGS, STOPWORDS, has_head, headed_spans
from graph.extract.spans import CAMPAIGN, GUESS, PATTERN, Span

if TYPE_CHECKING:
    from graph.extract.doc import Chunk, Doc

# "Universal Credit", "Scottish Child Payment", "Universal Guaranteed Pension", "Presidential Employment Stimulus":
# a name of two words or more ending in the noun of a public payment is a benefit, which the annotation rules call a
# programme (each noun is a benefit's head in the gold of a non-ILO batch, and no other name in any batch ends in one;
# chosen leave-one-batch-out: tests/data/NONILO.md, round extract7)
BENEFIT_HEADS: Final = frozenset("payment credit pension allowance stimulus".split())
# "the cash transfer programme that replaces Auxílio Brasil", "a welfare programme that replaces the Samurdhi scheme":
# what a programme replaces or succeeds is a programme too
_NO_PREFIX_HEADS: Final[frozenset[str]] = frozenset()
# "includes a new COVID-19 Pandemic Response Option that ...", "A new Employment for Skill Development system will ...":
# what is new and named by capitalized words is a programme (a guess: a known name or a head noun's reading wins)
_NEW: Final = ("a new ", "A new ", "the new ", "The new ")
_SUCCESSOR: Final = re.compile(r"\b(?:replaces|replaced|replacing|replace|succeeds|succeeded|supersedes)\s+(?:the\s+)?$")


# what a story must hold (folded) for the pass to find anything: a payment's noun, "new " or a successor's verb; the
# pipeline skips it in stories with none
CUES: Final[tuple[str, ...]] = (*sorted(BENEFIT_HEADS), "new ", "replac", "succeed", "supersed")


def programme_forms(doc: Doc) -> None:
    """Pass "programme-forms": campaign candidates for public programmes and benefits named without a campaign head.

    A name ending in a payment's noun ("Universal Credit", "Scottish Child Payment") is a pattern. Two forms are
    guesses, so any other reading of the name wins: what is new and named by capitalized words with no head noun or
    document word ("includes a new COVID-19 Pandemic Response Option"), and a name right after "replaces" or
    "succeeds" in a sentence where a campaign candidate comes before it ("Aswesuma, a welfare programme that replaces
    the Samurdhi scheme")."""
    campaign = CAMPAIGN
    for field, text in doc.texts.items():
        added: list[Span] = []
        # (most texts have neither cue: then only the benefits' one set test per run is left)
        new = "new " in text
        successor = "replac" in text or "succeed" in text or "supersed" in text
        for chunk in doc.chunks_in(field):
            tokens = chunk.tokens
            if has_head(chunk, BENEFIT_HEADS):
                # "the Quillbury Family Payment and the Tarrow Carer Allowance": two benefits; "Jo Quill's Pension":
                # no name (a possessive ends a name, and a head noun alone names nothing)
                for i, j in headed_spans(chunk, BENEFIT_HEADS, _NO_PREFIX_HEADS):
                    if j > i and tokens[j].bare == tokens[j].text:
                        start, end = tokens[i].start, tokens[j].end
                        if text[end + 1:end + 2].islower() and DOCUMENT_TAIL.match(text, end) is not None:
                            continue  # "the Budgetary Relief Allowance of Workers Act": a law's name, no benefit
                        added.append(_candidate(chunk, start, end, PATTERN, text[start:end], "benefit-head"))
                continue
            if not (new or successor) or tokens[-1].bare != tokens[-1].text:
                continue  # (a possessive's owner, "Bolsa Família's reach", is a name another run reads)
            if new and len(tokens) >= 2 and tokens[0].lower not in STOPWORDS and _new_name(doc, chunk, text) and not (
                    text[chunk.end + 1:chunk.end + 2].islower() and DOCUMENT_TAIL.match(text, chunk.end) is not None):
                # ("the new Biological Hazards in the Working Environment Convention": a convention's name, no programme)
                added.append(_candidate(chunk, chunk.start, chunk.end, GUESS, text[chunk.start:chunk.end], "new"))
                continue
            if not successor or not _SUCCESSOR.search(text, max(0, chunk.start - 20), chunk.start):
                continue
            first = next((k for k, t in enumerate(tokens) if t.lower not in STOPWORDS), None)
            sentence = text.rfind(". ", 0, chunk.start) + 1
            if first is not None and any(c.kind is campaign and c.field is field and sentence <= c.start < chunk.start
                                         for c in (*doc.candidates, *added)):
                start, end = tokens[first].start, tokens[-1].end
                added.append(_candidate(chunk, start, end, GUESS, text[start:end], "successor"))
        doc.candidates.extend(added)


def _new_name(doc: Doc, chunk: Chunk, text: str) -> bool:
    """Whether the run is named as new ("a new ...") with no head noun, document word or other reading in it."""
    return text[max(0, chunk.start - 4):chunk.start] == "new " and text[max(0, chunk.start - 8):chunk.start].endswith(
        _NEW) and not has_head(chunk, doc.resources.heads) and not has_head(chunk, NAMED_THINGS) and not any(
        c.field is chunk.field and c.start < chunk.end and chunk.start < c.end for c in doc.candidates)


def _candidate(chunk: Chunk, start: int, end: int, priority: int, name: str, source: str) -> Span:
    return Span(CAMPAIGN, chunk.field, start, end, priority, "rule", 0.7 if priority == PATTERN else 0.5,
                name, source=source)
