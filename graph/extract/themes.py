"""Themes: labels of the SKOS scheme found in the text, tolerant of number and UK/US spelling."""
from __future__ import annotations

import re

import ahocorasick

from graph.extract.folding import fold
from graph.extract.knowledge import Theme
from graph.extract.spans import Span
from graph.records import EntityKind, Field

# Spelling pairs writers use interchangeably; each label is indexed under every combination.
_SPELLINGS = (("labour", "labor"), ("our", "or"), ("isation", "ization"), ("ise", "ize"), ("centre", "center"),
              ("programme", "program"), ("ence", "ense"))
_IRREGULAR = {"woman": "women", "man": "men", "child": "children", "person": "people", "crisis": "crises"}
_IRREGULAR.update({v: k for k, v in _IRREGULAR.items()})


def _number_forms(word: str) -> set[str]:
    forms = {word}
    if word in _IRREGULAR:
        forms.add(_IRREGULAR[word])
    elif word.endswith("ies") and len(word) > 4:
        forms.add(word[:-3] + "y")
    elif word.endswith(("ches", "shes", "sses", "xes")):
        forms.add(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        forms.add(word[:-1])
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms.add(word[:-1] + "ies")
    elif word.endswith(("ch", "sh", "ss", "x")):
        forms.add(word + "es")
    elif word[-1:].isalpha() and len(word) > 2:
        forms.add(word + "s")
    return forms


def label_forms(label: str) -> set[str]:
    """Every folded spelling of a label: last word singular/plural, UK/US, hyphen or space."""
    base = fold(label).strip()
    forms = {base}
    for uk, us in _SPELLINGS:
        for form in list(forms):
            forms.add(re.sub(rf"{uk}\b", us, form))
            forms.add(re.sub(rf"{us}\b", uk, form))
    for form in list(forms):
        head, _, last = form.rpartition(" ")
        for variant in _number_forms(last):
            forms.add(f"{head} {variant}" if head else variant)
    for form in list(forms):
        if "-" in form:
            forms.add(form.replace("-", " "))
            forms.add(form.replace("-", ""))
    return {f for f in forms if len(f) >= 2}


class ThemeMatcher:
    """An automaton over the scheme's labels; leftmost-longest, so "gender equality" is not also "equality"."""

    def __init__(self, themes: tuple[Theme, ...]) -> None:
        self.automaton = ahocorasick.Automaton()
        table: dict[str, str] = {}
        for theme in themes:
            for label in theme.labels:
                for form in label_forms(label):
                    table.setdefault(form, theme.id)
        for form, theme_id in table.items():
            self.automaton.add_word(form, (len(form), theme_id))
        self.empty = not table
        if table:
            self.automaton.make_automaton()

    def find(self, folded: str, field: Field) -> list[Span]:
        if self.empty:
            return []
        hits = []
        size = len(folded)
        for last, (length, theme_id) in self.automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if (start > 0 and folded[start - 1].isalnum()) or (end < size and folded[end].isalnum()):
                continue
            hits.append((start, -end, theme_id))
        hits.sort()
        spans, reach = [], -1
        for start, negative_end, theme_id in hits:
            if start < reach:
                continue
            reach = -negative_end
            spans.append(Span(EntityKind.THEME, field, start, reach, 0, "gazetteer", 0.8, "", theme_id))
        return spans
