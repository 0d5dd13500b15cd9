"""Length-preserving text folding, so matches found in folded text keep the original's offsets."""
from __future__ import annotations

import re
import unicodedata

# Typographic variants that writers use interchangeably; each maps to one character so offsets hold.
_PUNCTUATION = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2011": "-", "\u00a0": " "}


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


_TABLE = {code: _fold_char(chr(code)) for code in range(0x80, 0x2100) if _fold_char(chr(code)) != chr(code)}
_TABLE.update({ord(k): v for k, v in _PUNCTUATION.items()})


def fold(text: str) -> str:
    """Lower case, accents stripped and typographic quotes/hyphens normalised; same length as `text`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters (e.g. 'İ') lower to two; fold those one by one
        lowered = "".join(_fold_char(c) for c in text)
    return lowered if lowered.isascii() else lowered.translate(_TABLE)


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold_key(text: str) -> str:
    """An identity key: folded, every run of other characters one space (the gold scoring rule)."""
    return _NON_ALNUM.sub(" ", fold(text)).strip()
