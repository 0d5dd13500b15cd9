"""Organizations named as where people work or as what a finding is drawn from: "workers at Quillbury Foods",
"employees of Tarrow Mobis", "according to Quillstat's survey"."""
from __future__ import annotations

import re
from typing import Final, TYPE_CHECKING

from graph.extract.chunks import STOPWORDS, is_all_caps, is_capitalized
from graph.extract.spans import GUESS, ORGANIZATION, Span

if TYPE_CHECKING:
    from graph.extract.doc import Doc

_WORKFORCE: Final = ("workers", "employees", "staff", "members", "nurses", "drivers", "riders", "couriers", "miners", "teachers",
                     "engineers", "pilots", "machinists", "employee", "worker")
# "nurses at ...", "employees of ...", "members at ...": a workforce works at its employer (members "of" a union, a
# church or a caste are not its staff: only employees and staff are "of" their employer); "according to Quillstat's
# 2023 report", "according to an Afrobarometer survey": what a finding is drawn from (not "according to the World ...
# Outlook report", a report's own name). Group 1 is the article after "according to", group 2 that phrase.
_CUE: Final = re.compile(r"\b(?:(?:" + "|".join(_WORKFORCE) + r")\s+at\s+(?:the\s+)?|(?:employees|employee|staff)\s+of\s+"
                         r"(?:the\s+)?|(according to\s+(?:(a|an)\s+)?))(?=[A-Z])")
_FINDING: Final = re.compile(r" (?:survey|report|study|poll|analysis|index)\b")
# "workers at the Oakville plant", "at Felixstowe, Britain's biggest port": a place of work, not the employer
_PLACE_OF_WORK: Final = re.compile(r"(?: (?:plants?|factory|factories|sites?|ports?|mines?|warehouses?|stores?|depots?|"
                                   r"terminals?|facility|facilities|offices?|campus|headquarters|branch|branches)\b"
                                   r"|, [A-Z][\w-]*['’]s )")

# what a story must hold (folded) for the pass to find anything: the pipeline skips it in stories with none
CUES: Final[tuple[str, ...]] = (*(f"{w} at " for w in _WORKFORCE), "employees of ", "employee of ", "staff of ", "according to ")


def workplaces(doc: Doc) -> None:
    """Pass "workplaces": a capitalized name right after a workforce and "at" ("workers at Quillbury Foods"; "of"
    after employees or staff: "employees of Tarrow Mobis"), or after "according to" and before an owner's possessive
    or a finding's noun after "a"/"an" ("according to an Afrobarometer survey"), is a guessed organization: any other
    reading of it (a known place, a person with a cue, a known name) wins arbitration. Never a word that names
    something else alone, nor an acronym (the pass "acronyms" reads those), nor a place of work ("the Oakville
    plant")."""
    vocabulary = doc.resources.vocabulary
    for field, text in doc.texts.items():
        cued = {m.end(): m for m in _CUE.finditer(text)}
        if not cued:
            continue
        for chunk in doc.chunks_in(field):
            match = cued.get(chunk.start)
            if match is None:
                continue
            attributed = match if match.group(1) is not None else None
            tokens = chunk.tokens
            if attributed is not None:
                owner = tokens[-1].text.endswith(("'s", "’s"))
                if not (owner and attributed.group(2) is None or attributed.group(2) and _FINDING.match(text, chunk.end)):
                    continue
                if not _named(list(tokens), vocabulary):
                    continue
                start, end = tokens[0].start, tokens[-1].start + len(tokens[-1].bare)
                doc.candidates.append(Span(ORGANIZATION, field, start, end, GUESS, "rule", 0.55,
                                           text[start:end], source="cue"))
                continue
            if _PLACE_OF_WORK.match(text, chunk.end):
                continue
            # "employees of Quillbury Life Insurance and Tarrow Mobis": each name of a list
            parts: list[list] = [[]]
            for token in tokens:
                if token.lower == "and":
                    parts.append([])
                else:
                    parts[-1].append(token)
            for part in parts:
                if _named(part, vocabulary):
                    start, end = part[0].start, part[-1].start + len(part[-1].bare)
                    doc.candidates.append(Span(ORGANIZATION, field, start, end, GUESS, "rule", 0.55,
                                               text[start:end], source="cue"))


def _named(tokens: list, vocabulary: frozenset[str]) -> bool:
    """Whether capitalized words may be an unknown organization's name: one to four, not a stopword first, not all
    words that name something else, not a lone acronym."""
    if not 1 <= len(tokens) <= 4 or tokens[0].lower in STOPWORDS:
        return False
    words = [t.bare for t in tokens]
    if any(not is_capitalized(w) and w != "&" for w in words):
        return False
    if len(words) == 1 and is_all_caps(words[0]):
        return False
    return not all(w.lower() in vocabulary for w in words)
