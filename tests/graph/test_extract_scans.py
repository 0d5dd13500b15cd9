"""Extraction's fast text scans find exactly what the plain forms they replaced find (regexes, str.translate, calls)."""
from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from graph.extract import Extractor, campaigns, chunks, folding, places
from graph.extract.chunks import has_head
from graph.extract.forms import name_forms
from graph.extract.people import _word_before
from graph.records import StoryRecord

# Letters, capitals with accents, digits, the punctuation and spaces names are cut at, characters that fold.
_ALPHABET = st.sampled_from(list("aZ eÉ-'’`.,:;)(1\t\u00a0\u2003İßøŁ_") + ["de", "al-", "U.S.", "Ryder"])
_TEXT = st.lists(_ALPHABET, max_size=40).map("".join)


def _translated(text: str) -> str:
    """fold() as it was written first: the whole text through str.translate."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(folding._fold_char(c) for c in text)
    return lowered if lowered.isascii() else lowered.translate(folding._TABLE)


@given(st.text(alphabet=st.characters(max_codepoint=0x2200), max_size=30))
def test_fold_maps_every_character_as_the_translation_table_does(text: str) -> None:
    assert folding.fold(text) == _translated(text)


_WORD_BEFORE = re.compile(r"([A-Za-z-]+)\s+$")


@given(_TEXT, st.integers(min_value=0, max_value=200))
def test_the_word_before_a_name_is_the_one_the_regex_finds_in_the_last_30_characters(text: str, at: int) -> None:
    start = min(at, len(text))
    match = _WORD_BEFORE.search(text, max(0, start - 30), start)
    assert _word_before(text, start) == (match.group(1) if match else None)


@settings(max_examples=300)
@given(_TEXT, st.lists(st.sampled_from(["a", "ab", "de", "al", "e-", "ryder", "u.s."]), min_size=1, max_size=4,
                       unique=True), st.booleans())
def test_whole_words_finds_what_the_boundary_regex_finds(text: str, forms: list[str], hyphen_ends: bool) -> None:
    folded = folding.fold(text)
    after = r"(?![\w-])" if hyphen_ends else r"(?!\w)"
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + ")" + after)
    assert folding.whole_words(folded, forms, hyphen_ends) == [m.span() for m in pattern.finditer(folded)]


# The capitalized-run pattern as it was before its first word was written as one character class (and before its
# possessive repeats, the lookahead before the connectors, and the ASCII pattern).
_FIRST = (rf"(?:[A-Z]\.(?:\s?[A-Z]\.)*(?=[\s,:;)]|$)|[{chunks.UPPER}][\w'’]*(?:-[\w'’]+)*"
          rf"|\d+(?:\.\d+)?(?=\s[{chunks.UPPER}]))")
_CAP = (rf"(?:[A-Z]\.(?:\s?[A-Z]\.)*(?=[\s,:;)]|$)|(?:{chunks._ARTICLE})?[{chunks.UPPER}][\w'’]*(?:-[\w'’]+)*"
        rf"|\d+(?:\.\d+)?(?=\s[{chunks.UPPER}]))")
_CHUNK = re.compile(rf"{_FIRST}(?:(?:\s+(?:{chunks._CONNECT}))*\s+{_CAP})*")
_RUN_WORDS = ["The", "ILO", "U.S.", "of", "and", "the", "de", "al-Assad", "2021", "3.5", "Łódź", "van", "works", " ", "  ",
              ", ", ". ", "-", "'s", "A.", "Day", "el", "al", "&", "y", "della", "und", "Über", "\u0663\u0664", "\u00b2", "x_y",
              "\x1c", "\u00a0", "’s", "ﬁ", "Ǆ", "de-", "ul-Haq", "el-Sheikh", "Sharm"]


@given(st.lists(st.sampled_from(_RUN_WORDS), max_size=16).map("".join))
@example("in Sharm el-Sheikh and al-Assad")
def test_capitalized_runs_are_those_the_plain_pattern_finds(text: str) -> None:
    assert [m.span() for m in chunks.CHUNK.finditer(text)] == [m.span() for m in _CHUNK.finditer(text)]


@given(st.lists(st.sampled_from([w for w in _RUN_WORDS if w.isascii()]), max_size=16).map("".join))
@example("in Sharm el-Sheikh and al-Assad")
def test_in_an_ascii_text_the_ascii_pattern_finds_the_same_runs(text: str) -> None:
    assert [m.span() for m in chunks._ASCII_CHUNK.finditer(text)] == [m.span() for m in _CHUNK.finditer(text)]


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=40))
def test_in_any_ascii_text_the_ascii_pattern_finds_the_same_runs(text: str) -> None:
    assert [m.span() for m in chunks._ASCII_CHUNK.finditer(text)] == [m.span() for m in chunks.CHUNK.finditer(text)]


@given(st.lists(st.sampled_from(_RUN_WORDS), max_size=16).map("".join))
@example("St. Louis U. S. Steel")
@example("Bosnia\u2003and\x1cHerzegovina")
def test_a_runs_words_are_the_tokens_the_token_regex_finds(text: str) -> None:
    expected = [(t.start(), t.end(), t.group()) for t in chunks._TOKEN.finditer(text)]
    assert chunks._words(text) == expected
    assert chunks._words(text.replace(".", "")) == [(t.start(), t.end(), t.group())
                                                    for t in chunks._TOKEN.finditer(text.replace(".", ""))]


@given(st.text(alphabet=st.characters(max_codepoint=0x3100, blacklist_characters="."), max_size=40))
def test_in_any_text_without_a_full_stop_the_words_are_the_token_regexs_matches(text: str) -> None:
    assert chunks._words(text) == [(t.start(), t.end(), t.group()) for t in chunks._TOKEN.finditer(text)]


_EXTRACTOR = Extractor()
_FORM_WORDS = st.sampled_from(["The", "SCORE", "Better", "Work", "Sekong", "Ministry", "of", "Labour", "Day", "Province",
                               "programme", "province", "project", "district", "camp", "grant", "region", "cash",
                               "transfers", "movement", "in", "and", "the", "Amazon's", "Life", "Beyond", "(", ")", " ",
                               "  ", "\t", ", ", ". ", "\u00a0"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_FORM_WORDS, max_size=14).map("".join))
@example("Workers joined the Better Life (Beyond Work) movement in Sekong  province.")
def test_name_forms_proposes_all_the_finders_find_in_runs_without_a_head_noun(text: str) -> None:
    # name-forms calls the campaign and place finders on such a run only where its next characters allow a
    # lower-case head or a gloss: wherever they would find something, it called them
    doc = _EXTRACTOR.run(StoryRecord("A story", text, None), until="name-forms")
    name_forms(doc)
    for chunk in doc.chunks:
        if not has_head(chunk, doc.resources.heads):
            text_of = doc.texts[chunk.field]
            for span in campaigns.find_campaigns(chunk, text_of, False) + places.find_places(chunk, text_of, False):
                assert span in doc.candidates, (text, span)
