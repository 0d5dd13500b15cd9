"""The theme model's features from a lemma table and the title's word pairs, for measurement only (bench.themes_lemmas).

Round extract35 measured these against the shipped stems (tests/data/NONILO.md) and kept neither, so the extraction pass
(graph/extract/learned.py) does not know them: a model trained on these features is read back here as a `LemmaModel`,
which reads a story's words through the same function the training used.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.extract import learned
from graph.extract.learned import _SPACE, STOP, ThemeModel, stem, surfaces, words


def read_table(path: Path) -> dict[str, str]:
    """bench.lemma_table's table: form -> lemma."""
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#")
    return {form: lemma for form, lemma in rows}


def lemma_key(table: Mapping[str, str]) -> Callable[[str], str]:
    """A word's feature with a lemma table: the table's lemma of the word, of the word without a possessive
    ("migrants'"), or of its stem; else the stem ("unionised" -> "union")."""
    def key(word: str) -> str:
        if word.endswith("'") and len(word) > 1:
            word = word[:-1]
        elif word.endswith("'s") and len(word) > 2:
            word = word[:-2]
        found = table.get(word)
        if found is not None:
            return found
        cut = stem(word)
        return table.get(cut, cut)
    return key


def title_pairs(title: str, key: Callable[[str], str]) -> set[str]:
    """The title's pairs of adjacent content words, as "first second" of their features (a function word breaks)."""
    out, last = set(), None
    for w in words(title):
        if w in STOP:
            last = None
            continue
        k = key(w)
        if last is not None:
            out.add(f"{last} {k}")
        last = k
    return out


def features(title: str, summary: str, key: Callable[[str], str], pairs: bool) -> set[str]:
    """A story's features: the distinct `key`s of its words, and with `pairs` its title's word pairs."""
    found = {key(w) for text in (title, summary) for w in words(text) if w not in STOP}
    return found | title_pairs(title, key) if pairs else found


@dataclass(frozen=True, slots=True)
class LemmaModel(ThemeModel):
    """A ThemeModel whose words read as `key` gives them (every form the table gives a weighted lemma), and which
    weighs the title's word pairs when its rows have any."""

    key: Callable[[str], str] = stem
    pairs: bool = False

    @classmethod
    def from_lines(cls, lines: Iterable[str], table: Mapping[str, str] | None) -> LemmaModel:
        base = ThemeModel.from_rows(lines)
        key = lemma_key(table) if table is not None else stem
        candidates = {form for w in [*base.rows, *(table or ())] for form in surfaces(w)} | set(table or ())
        candidates |= {f"{form}'s" for form in table or ()}
        candidates |= {f"{form}'" for form in candidates}
        forms = {form.encode(): k for form in candidates if form not in STOP and (k := key(form)) in base.rows}
        return cls(base.themes, base.biases, base.rows, forms, base.position, base.columns, base.dense_row, base.dense,
                   key, any(" " in w for w in base.rows))

    def features(self, title: str, summary: str) -> set[str]:
        found = set(map(self.forms.get, f"{title} {summary}".encode().translate(_SPACE).split()))
        found.discard(None)
        if self.pairs:
            found |= title_pairs(title, self.key) & self.rows.keys()
        return found  # type: ignore[return-value]

    def evidence_stems(self, folded: str) -> list[tuple[str, int, int]]:
        """The pass finds an added theme's evidence word through the table too (as the features read it)."""
        return [(self.key(m.group()), m.start(), m.end()) for m in learned._WORD.finditer(folded) if m.group() not in STOP]
