"""Capital-letter words no gazetteer knows ("UNRWA", "DoorDash"): in this news, nearly always organizations."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

import pycountry

from graph.extract import memo
from graph.extract.chunks import is_all_caps, is_camel
from graph.extract.memo import keep
from graph.extract.spans import CAMPAIGN, GUESS, ORGANIZATION, PLACE, Span
from graph.records import EntityKind

if TYPE_CHECKING:
    from graph.extract.doc import Chunk, Doc

_ROMAN: Final = re.compile(r"^[IVXLC]+$")
_WORDS: Final = re.compile(r"[\s/-]+")
_DIGITS: Final = re.compile(r"\d{3}")  # "RM136": an amount, not a name
_MORE_DIGITS: Final = re.compile(r"[.,]\d")
# "GBP 32 million", "EUR 733 million", "US$14,500": an ISO 4217 code before an amount, or a prefix of "$", is money
_CURRENCIES: Final = frozenset(c.alpha_3 for c in pycountry.currencies)
_AMOUNT: Final = re.compile(r"\s?\d")
# "the PRO Act", "the PUMP for Nursing Mothers Act", "the ABC test": letters that name a law or a test
_DOCUMENT_AFTER: Final = re.compile(r"(?: (?:for|of|[A-Z][\w'’-]*)){0,4}? (?:Act|Acts|Bill|Law|Directive|Regulation|Regulations|"
                                    r"Ordinance|Decree|Code|test)\b")


_SHAPES: Final[dict[tuple[str, ...], tuple[tuple[int, ...], tuple[int, ...]]]] = {}


def _shapes(chunk: Chunk) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where a run's words in capitals and its brand-shaped words are, remembered per run (names recur)."""
    shapes = _SHAPES.get(chunk.words)
    if shapes is None:
        bares = [t.bare for t in chunk.tokens]
        shapes = (tuple(k for k, w in enumerate(bares) if is_all_caps(w)),
                  tuple(k for k, w in enumerate(bares) if is_camel(w)))
        keep(_SHAPES, chunk.words, shapes, memo.RUNS)
    return shapes


def unknown_acronyms(doc: Doc) -> None:
    """Pass "acronyms": unclaimed all-capital words become organizations (or what the story taught them to be), and so
    do unclaimed words with a brand's capital inside ("from LinkedIn"); two unknown ones side by side are one ("UNITE HERE")."""
    found: list[Span] = []
    non_entities, claims, taught = doc.resources.non_entities, doc.claims, doc.taught
    post_nominals = doc.resources.post_nominals  # "Jane Doe, MP,": not an organization
    vocabulary = doc.resources.vocabulary
    initials: dict[str, tuple[EntityKind, str]] | None = None  # (read only when a run holds unknown capitals)
    for chunk in doc.chunks:
        shapes = _SHAPES.get(chunk.words)  # (the memo read here: a call per run cost more than the hits it serves)
        caps_at, camel_at = shapes if shapes is not None else _shapes(chunk)
        if not caps_at and not camel_at:
            continue
        caps = [chunk.tokens[k] for k in caps_at]
        if len(caps_at) > 1 and len(caps_at) < len(chunk.tokens):
            _capitals_pairs(doc, chunk, caps_at, found)
        for token in caps + [chunk.tokens[k] for k in camel_at]:
            word = token.bare
            if len(caps) > 1 and len(chunk.tokens) == len(caps):
                continue  # "JONA OAK": a name in capitals, not two acronyms
            if (word in non_entities or word in post_nominals or _ROMAN.match(word) or "." in word
                    or len(word) > 8 and token in caps and ("-" not in word or max(map(len, word.split("-"))) > 8)  # "SAG-AFTRA"
                    or _DIGITS.search(word) or not word.replace("-", "").replace("&", "").isalnum()):
                continue
            end = token.start + len(word)
            text = doc.texts[chunk.field]
            if (text[end:end + 1] == "$" or text.startswith(" dollar", end) or word in _CURRENCIES and _AMOUNT.match(text, end)
                    or word[-1].isdigit() and _MORE_DIGITS.match(text, end)):  # "RM1,500": an amount's first digit
                continue
            if token in caps and _DOCUMENT_AFTER.match(text, end):
                continue  # a law or a test named by its letters, no organization
            if claims.covered(chunk.field, token.start, end):
                continue
            kind, name = taught.get(word, (ORGANIZATION, word))
            if word not in taught and token in caps and len(word) >= 3:
                if initials is None:
                    initials = _initials(doc)
                kind, name = initials.get(word, (kind, name))
            at = chunk.tokens.index(token)
            if word not in taught and at + 1 < len(chunk.tokens) and token in caps:
                # "IG Metall", "UNI Europa": an acronym and an unknown word are one organization's name
                following = chunk.tokens[at + 1]
                if (following.text[:1].isupper() and not is_all_caps(following.bare) and following.bare == following.text
                        and following.lower not in vocabulary and not claims.covered(chunk.field, following.start, following.end)
                        and (at + 2 == len(chunk.tokens) or chunk.tokens[at + 2].lower in ("and", "&", "of"))):
                    end = following.end
                    name = text[token.start:end]
            span = Span(kind, chunk.field, token.start, end, GUESS, "rule", 0.5, name, source="acronym")
            claims.add(span)
            found.append(span)
    doc.accept(found)


def _initials(doc: Doc) -> dict[str, tuple[EntityKind, str]]:
    """The letters each organization or campaign the story names may be written with where no bracket taught them:
    the initials of its capitalized words ("NRC" for the "Norwegian Refugee Council", "IYAFA" for the "International
    Year of Artisanal Fisheries and Aquaculture 2022"), or those less one or two words a place's name leads with
    ("CTU" for the "New Zealand Council of Trade Unions"); three letters or more, the first reading of a set of
    letters kept."""
    letters: dict[str, tuple[EntityKind, str]] = {}
    places = [s for s in doc.candidates if s.kind is PLACE]
    for span in doc.accepted:
        if span.kind is not ORGANIZATION and span.kind is not CAMPAIGN:
            continue
        words = [w for w in _WORDS.split(span.name) if w[:1].isupper()]
        if len(words) < 3:
            continue
        firsts = "".join(w[0] for w in words)
        letters.setdefault(firsts, (span.kind, span.name))
        # (the place's name it opens with, a place the story's own finders read there)
        for drop in (1, 2):
            lead = " ".join(words[:drop])
            if len(words) - drop >= 3 and span.name.startswith(lead + " ") and any(
                    p.field is span.field and p.start == span.start and p.end - p.start == len(lead) for p in places):
                letters.setdefault(firsts[drop:], (span.kind, span.name))
    return letters


def _capitals_pairs(doc: Doc, chunk: Chunk, caps_at: tuple[int, ...], found: list[Span]) -> None:
    """Two unclaimed words in capitals side by side, alone in a run that is not all capitals ("Members of UNITE HERE
    walked out"), are one organization's name, not two acronyms."""
    claims, taught, non_entities = doc.claims, doc.taught, doc.resources.non_entities
    at = set(caps_at)
    for k in caps_at:
        if k + 1 not in at or k - 1 in at or k + 2 in at:
            continue
        first, second = chunk.tokens[k], chunk.tokens[k + 1]
        if not (first.bare.isalpha() and second.bare.isalpha()) or {first.bare, second.bare} & (taught.keys() | non_entities):
            continue
        start, end = first.start, second.start + len(second.bare)
        if claims.covered(chunk.field, start, first.start + len(first.bare)) or claims.covered(chunk.field, second.start, end):
            continue
        text = doc.texts[chunk.field]
        span = Span(ORGANIZATION, chunk.field, start, end, GUESS, "rule", 0.5, text[start:end], source="acronym")
        claims.add(span)
        found.append(span)
