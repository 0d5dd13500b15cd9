"""Length-preserving text folding, so matches found in folded text keep the original's offsets."""
from __future__ import annotations

from typing import Final

import re
import unicodedata

# Typographic variants that writers use interchangeably; each maps to one character so offsets hold.
_PUNCTUATION: Final = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2011": "-", "\u00a0": " "}


def _fold_char(char: str) -> str:
    if char in _PUNCTUATION:
        return _PUNCTUATION[char]
    lower = char.lower()
    if len(lower) != 1:
        lower = unicodedata.normalize("NFKD", char)[0].lower()
        if len(lower) != 1:
            return char
    base = unicodedata.normalize("NFKD", lower)[0]
    return base if base.isascii() and base.isalpha() else lower


_TABLE: Final = {code: _fold_char(chr(code)) for code in range(0x80, 0x2100) if _fold_char(chr(code)) != chr(code)}
_TABLE.update({ord(k): v for k, v in _PUNCTUATION.items()})
# The characters the table maps, found by one regex scan: str.translate looks every character up in the table,
# which costs more than the whole scan when, as in most text, a few characters of hundreds need folding.
_FOLDED: Final = {chr(code): value for code, value in _TABLE.items()}
_TO_FOLD: Final = re.compile("[" + "".join(re.escape(c) for c in sorted(_FOLDED)) + "]")


def _folded_char(match: re.Match[str]) -> str:
    return _FOLDED[match.group()]


def fold(text: str) -> str:
    """Lower case, accents stripped and typographic quotes/hyphens normalised; same length as `text`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters (e.g. 'İ') lower to two; fold those one by one
        lowered = "".join(_fold_char(c) for c in text)
    return lowered if lowered.isascii() else _TO_FOLD.sub(_folded_char, lowered)


_NON_ALNUM: Final = re.compile(r"[^a-z0-9]+")


def fold_key(text: str) -> str:
    """An identity key: folded, every run of other characters one space (the gold scoring rule)."""
    return _NON_ALNUM.sub(" ", fold(text)).strip()


def whole_words(folded: str, forms: list[str], hyphen_ends: bool = True) -> list[tuple[int, int]]:
    """Where `forms` (tried in order at each position) stand as whole words in `folded`, left to right and not
    overlapping, as the regex (?<![\\w-])(form|...)(?![\\w-]) finds them (with `hyphen_ends` false, a hyphen may
    follow); plain substring search, since the forms change story by story and compiling a regex for each
    story costs more than the whole search."""
    found: dict[int, tuple[int, int]] = {}  # start -> (rank of the first form that fits there, end)
    # (what may not touch a form: a regex's \w, which is alphanumerics and "_", and a hyphen; tested inline, as
    # most occurrences of a short form are inside longer words)
    after_ends = "_-" if hyphen_ends else "_"
    size_all = len(folded)
    find = folded.find
    for rank, form in enumerate(forms):
        size = len(form)
        at = find(form)
        while at >= 0:
            end = at + size
            if at == 0 or not ((c := folded[at - 1]).isalnum() or c in "_-"):
                if end == size_all or not ((c := folded[end]).isalnum() or c in after_ends):
                    if at not in found:
                        found[at] = (rank, end)
            at = find(form, at + 1)
    spans, reach = [], 0
    for start in sorted(found):
        if start >= reach:
            reach = found[start][1]
            spans.append((start, reach))
    return spans
