"""Which passes a story can skip: one automaton walk per story over the passes' cues (`Pass.cues`).

A pass that declares cues finds nothing in a story whose folded title and summary hold none of them (its module keeps
the cues beside the tests they stand for), so the pipeline does not call it there; a pass without cues always runs.
One walk for every cue costs less than each pass's own substring tests, which still run where a cue occurs.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import ahocorasick

from graph.extract.folding import fold

if TYPE_CHECKING:
    from graph.extract.pipeline import Pass


class Gate:
    """The passes' cues in one automaton; `needs[i]` is pass i's cue numbers (None: the pass always runs)."""

    def __init__(self, passes: Iterable[Pass]) -> None:
        passes = tuple(passes)
        # (folded as the texts are: a cue written "Fund" or "pensión" is looked for as "fund", "pension")
        cues = sorted({fold(cue) for p in passes for cue in p.cues})
        number = {cue: i for i, cue in enumerate(cues)}
        self.needs: tuple[frozenset[int] | None, ...] = tuple(
            frozenset(number[fold(cue)] for cue in p.cues) if p.cues else None for p in passes)
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for cue, i in number.items():
            self.automaton.add_word(cue, i)
        if cues:
            self.automaton.make_automaton()
        self.empty = not cues

    def present(self, folded: Iterable[str]) -> set[int]:
        """The numbers of the cues that occur in these folded texts."""
        if self.empty:
            return set()
        walk = self.automaton.iter
        return {i for text in folded for _, i in walk(text)}
