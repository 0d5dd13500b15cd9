"""Bodies whose full name holds another's: the UN's prefix before a body named by its head noun ("UN Department of
Economic and Social Affairs", "UN Youth Office"), and a known name run on by a body's head noun ("African Development
Bank Group", "UN Human Rights Council")."""
from __future__ import annotations

from dataclasses import replace
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import is_capitalized
from graph.extract.spans import CAMPAIGN, GAZETTEER, ORGANIZATION, PATTERN

if TYPE_CHECKING:
    from graph.extract.doc import Doc

# The prefix other publishers write before the name of a UN body or organ as part of that name ("UN Network on
# Migration", "UN Human Rights Council"); a story names the UN itself elsewhere when it means it.
_PREFIX: Final = "UN"
CUES: Final[tuple[str, ...]] = ("un ",)
# Head nouns that name a body of their own after a known name: "… Bank Group", "… Human Rights Council"
# the bodies "UN" may stand before as part of their name: one read by its head noun, or a known one ("UN Committee on
# Economic, Social and Cultural Rights")
_JOINED: Final = frozenset(("head", "entry"))
_BODY_HEADS: Final = frozenset("group council office commission committee secretariat board bureau tribunal".split())
# "its Jobs for Youth in Africa Strategy": a known programme run on by the head of a document or of money that serves
# it names another thing (its strategy, its plan, its fund), by the whole run; not a programme's own head, which
# often only repeats what it is ("the Better Work Programme")
_PROGRAMME_HEADS: Final = frozenset("strategy plan fund facility framework roadmap".split())
# "A 24-Hour Economy Authority is to coordinate the programme": a known programme run on by the head of a body that
# runs it names that body
_RUNNING_BODIES: Final = frozenset("authority agency secretariat council commission board office unit".split())
# "the ECOWAS Commission", "the ASEAN Secretariat", "AU Commission chairperson ...": a known body's acronym run on by
# the head of its executive arm names that arm (batches 5, 14, 32, 35, 42 miss one: every such run of 1-45 not followed
# by "of", "on" or "for" is a body in the gold); not the other heads ("EU Council", "IMO Council" name the body itself)
_ARM_HEADS: Final = frozenset(("commission", "secretariat"))


def prefixed_bodies(doc: Doc) -> None:
    """Pass "prefixed-bodies": "UN" right before an organization read by its head noun ("UN" + "Department of
    Economic and Social Affairs") is one organization, "UN Department of Economic and Social Affairs"; the UN is not
    named there. Before a known body, the known body, written with the prefix ("UN Committee on Economic, Social and
    Cultural Rights")."""
    organization = ORGANIZATION
    joins = []
    for span in doc.accepted:
        if span.kind is not organization or span.source not in _JOINED or span.start < 3:
            continue
        text = doc.texts[span.field]
        if text[span.start - 3:span.start] != _PREFIX + " " or (span.start > 3 and text[span.start - 4].isalnum()):
            continue
        umbrella = doc.claims.at(span.field, span.start - 3, span.start - 1)
        if umbrella is None or umbrella.kind is not organization or umbrella.start != span.start - 3:
            continue
        joins.append((umbrella, span))
    for umbrella, span in joins:
        if span.source == "entry":
            # a known body keeps its name and key: "UN" is part of how this story writes it
            doc.join(umbrella, span, replace(span, start=umbrella.start, source="prefixed"))
            continue
        doc.join(umbrella, span, replace(span, start=umbrella.start, name=f"{_PREFIX} {span.name}", source="prefixed",
                                         priority=PATTERN))


def known_and_head(doc: Doc) -> None:
    """Pass "headed-known-names": a known name of two words or more run on by a body's head noun that ends the run
    ("African Development Bank" + "Group", "UN Human Rights" + "Council") is another body, named by the whole run; a
    known programme run on by a strategy's, a plan's or a fund's head ("Jobs for Youth in Africa" + "Strategy") is
    another programme."""
    organization, campaign = ORGANIZATION, CAMPAIGN
    swap = {}
    texts = doc.texts
    for span in doc.accepted:
        if span.priority != GAZETTEER or span.kind is not organization and span.kind is not campaign:
            continue
        text = texts[span.field]
        # (the cheapest tests first: most known names are not followed by a capitalized word)
        if text[span.end:span.end + 1] != " " or not text[span.end + 1:span.end + 2].isupper():
            continue
        # (a one-word name runs on only when it is an acronym, into the head of its executive arm)
        acronym = " " not in text[span.start:span.end]
        if acronym and sum(1 for c in text[span.start:span.end] if c.isupper()) < 2:
            continue
        at = span.end + 1
        stop = at
        while stop < len(text) and (text[stop].isalpha()):
            stop += 1
        word = text[at:stop]
        lowered = word.lower()
        if not word or not is_capitalized(word) or (lowered not in _ARM_HEADS if acronym else lowered not in (
                _BODY_HEADS if span.kind is organization else _PROGRAMME_HEADS) and not (
                span.kind is campaign and lowered in _RUNNING_BODIES)):
            continue
        # the head ends the run: no capitalized word, "of" or "for" goes on from it (but a title may: "AU Commission
        # Chairperson Jane Doe")
        rest = text[stop:stop + 5]
        if rest[:1] not in ("", " ", ",", ".", ";", ":", ")") or rest.startswith((" of ", " for ", " on ")) \
                or doc.claims.covered(span.field, at, stop):
            continue
        if rest[:1] == " " and rest[1:2].isupper():
            after = stop + 1
            while after < len(text) and text[after].isalpha():
                after += 1
            if text[stop + 1:after].lower() not in doc.resources.cues.titles:
                continue
        whole = text[span.start:stop]
        kind = organization if lowered in _RUNNING_BODIES else span.kind
        swap[id(span)] = replace(span, kind=kind, end=stop, name=whole, key=None, themes=(), priority=PATTERN,
                                 source="known-head", confidence=0.8)
    doc.reread(swap)
