"""Which passes a story can skip: the passes' cues (`Pass.cues`) looked for in the story's one label walk.

A pass that declares cues finds nothing in a story whose folded title and summary hold none of them (its module keeps
the cues beside the tests they stand for), so the pipeline does not call it there; a pass without cues always runs.
The cues are keys of the label automaton too (labels.LabelScanner.with_gate): the walk that finds a field's labels
finds them, so gating costs no walk of its own, and each pass's own substring tests still run where a cue occurs.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import ahocorasick

from graph.extract.folding import fold
from mypy_extensions import mypyc_attr

if TYPE_CHECKING:
    from graph.extract.doc import Doc
    from graph.extract.labels import LabelScanner
    from graph.extract.pipeline import Pass


# (compiled by mypyc, graph/compiled.py: serializable, as the import's worker processes get it pickled)
@mypyc_attr(serializable=True, allow_interpreted_subclasses=True)
class Gate:
    """The passes' cues in one automaton; `needs[i]` is pass i's cue numbers (None: the pass always runs). Given the
    label scanner, `walk` finds a Doc's labels and cues in one walk per field."""

    def __init__(self, passes: Iterable[Pass], labels: LabelScanner | None = None) -> None:
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
        self.labels = labels.with_gate(number) if labels is not None else None

    def present(self, folded: Iterable[str]) -> set[int]:
        """The numbers of the cues that occur in these folded texts."""
        if self.empty:
            return set()
        walk = self.automaton.iter
        return {i for text in folded for _, i in walk(text)}

    def walk(self, doc: Doc) -> set[int]:
        """The numbers of the cues that occur in the Doc's folded texts; with the label scanner, each field's labels
        are found in the same walk and kept in `doc.scanned` for the labels pass."""
        if self.labels is None:
            return self.present(doc.folded.values())
        present: set[int] = set()
        scan = self.labels.scan_gated
        doc.scanned = {field: scan(folded, present) for field, folded in doc.folded.items()}
        return present

    def run(self, docs: list[Doc], runs: tuple[Callable[[Doc], None], ...]) -> None:
        """Each pass's function (`runs`, in the order of the passes the gate was made from) over the Docs, each over
        all of them before the next, a pass with cues only where one of them occurs (`walk`). Here, compiled, and not
        in `Extractor._run_batch`: the interpreter ran this loop some fifty times a story, a call from Python code into
        a compiled pass each time."""
        present = [self.walk(doc) for doc in docs]
        for run, needs in zip(runs, self.needs):
            if needs is None:
                for doc in docs:
                    run(doc)
            else:
                for doc, cues in zip(docs, present):
                    if not needs.isdisjoint(cues):
                        run(doc)
