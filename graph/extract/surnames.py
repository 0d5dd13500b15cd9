"""People whose name is half a known name: "Premier Doug Ford" is a person, not "Doug" beside Ford; "Prime Minister
Luís Montenegro" is not "Luís" beside the country; "Wellington Dias, Minister of ..." not the city beside "Dias"."""
from __future__ import annotations

from dataclasses import replace
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import PARTICLES, STOPWORDS
from graph.extract.spans import ORGANIZATION, PATTERN, PERSON, PLACE

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.spans import Span

# a person read by these cues is meant for sure; the name that follows them is theirs
_SURE: Final = frozenset(("honorific", "role"))
# ... and by these, as sure when the known word that follows is a place's or a company's that ends the run: "chief
# executive Drew [Houston] said", "businessman Anand [Mahindra]", "the actor and writer Yumi [Ishikawa]"
_CUED: Final = _SURE | frozenset(("occupation", "apposition", "verb", "post-nominal"))
# a known city opening a sentence before a one-word name a title or a verb follows is the name's first half
# ("[Wellington] Dias, Minister of ...") - never a country or a demonym ("Kenyan Ruto said"); so is one after a title or
# a word in small letters that is no stopword ("union president [Milan] Štěch said", "gold medallist [Sofia] Bekatorou
# said", "Secretary [Rosario] Robles Berlanga said": batches 39, 48 and 50 read the city and the surname apart; not
# "in Sofia", "of Milan", "Maria do [Rosário] Palma")
_BEFORE: Final = frozenset(("role", "apposition", "verb"))
_SENTENCE_END: Final = (". ", "! ", "? ", ": ")


def company_surnames(doc: Doc, people: list[Span]) -> bool:
    """A one-word name a title or honorific introduces, run on by a known company's
    one-word name ("Premier Doug" + "Ford"), is one person, "Doug Ford"; the story's other mentions of that word are
    the person's surname ("as Ford promises to repeal …"). So is a one-word name any cue introduces that a known
    place's or company's one word ends the run of ("Prime Minister Luís" + "Montenegro", "chief executive Drew" +
    "Houston"), or that a known city opening the sentence starts ("Wellington" + "Dias, Minister of ..."); those
    words' other mentions stay what they are. `people`: the story's people found by rule; whether any changed."""
    person, organization = PERSON, ORGANIZATION
    surnames: dict[str, str] = {}  # the company's word -> the person's name
    changed = False
    titles = doc.resources.cues.titles
    for span in people:
        if span.source not in _CUED:
            continue
        text = doc.texts[span.field]
        if " " not in span.name and text[span.end:span.end + 1] == " " and text[span.end + 1:span.end + 2].isupper():
            other = doc.claims.at(span.field, span.end + 1, span.end + 2)
            if other is not None and other.start == span.end + 1 and _one_word(other, text):
                word = text[other.start:other.end]
                if span.source in _SURE and other.kind is organization and other.source == "known-company":
                    doc.join(span, other, replace(span, end=other.end, name=f"{span.name} {word}"))
                    surnames[word] = f"{span.name} {word}"
                    continue
                if not _run_goes_on(text, other.end):
                    doc.join(span, other, replace(span, end=other.end, name=f"{span.name} {word}"))
                    changed = True
                    continue
        if span.source in _BEFORE and span.start >= 2 and text[span.start - 1] == " ":
            other = doc.claims.at(span.field, span.start - 2, span.start - 1)
            if (other is not None and other.end == span.start - 1 and other.kind is PLACE
                    and other.source == "entry" and _one_word(other, text)
                    and (other.start == 0 or text[other.start - 2:other.start] in _SENTENCE_END
                         or _cue_before(text, other.start, titles))):
                word = text[other.start:other.end]
                doc.join(span, other, replace(span, start=other.start, name=f"{word} {span.name}"))
                changed = True
    if not surnames:
        return changed
    doc.reread({id(s): replace(s, kind=person, name=surnames[doc.texts[s.field][s.start:s.end]], key=None,
                                   themes=(), priority=PATTERN, confidence=0.8, source="repeat")
                for s in doc.accepted if s.kind is organization and s.source == "known-company"
                and doc.texts[s.field][s.start:s.end] in surnames})
    return True


def _cue_before(text: str, start: int, titles: frozenset[str]) -> bool:
    """Whether the word before a known city at `start` is a title or a word in small letters that is no stopword
    ("president", "medallist", "Secretary"; not "in", "of", "the", nor a name's particle: "Maria do Rosário ...")."""
    if start < 2 or text[start - 1] != " ":
        return False
    begin = text.rfind(" ", 0, start - 1) + 1
    word = text[begin:start - 1]
    lower = word.lower()
    return word.isalpha() and (lower in titles or word.islower() and lower not in STOPWORDS and lower not in PARTICLES)


def _one_word(span: Span, text: str) -> bool:
    """Whether `span` is a known place's or organization's name of one word written as a name is ("Houston", "Ford";
    not "BJP", not "Rolls-Royce")."""
    word = text[span.start:span.end]
    return (span.kind in (PLACE, ORGANIZATION) and span.method != "rule" and " " not in word
            and word[:1].isupper() and word[1:].isalpha() and word[1:].islower() and len(word) > 2)


def _run_goes_on(text: str, end: int) -> bool:
    """Whether a capitalized word, a hyphen or a possessive follows `end` ("Houston Chronicle", "Montenegro's")."""
    after = text[end:end + 2]
    return after[:1] in ("'", "’", "-") or after[:1] == " " and after[1:2].isupper()
