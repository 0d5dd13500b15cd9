"""What the command line shows people: the import progress bar and the summary table."""
from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from graph.pipeline import ImportSummary
from graph.read import GraphReader


@contextmanager
def import_progress(quiet: bool = False) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar with stories/s on a terminal; nothing when quiet or not a TTY."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    started = time.perf_counter()
    with Progress(TextColumn("importing"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]} stories/s"), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("import", total=None, rate="-")

        def update(done: int, total: int) -> None:
            rate = done / max(time.perf_counter() - started, 1e-6)
            bar.update(task, completed=done, total=total, rate=f"{rate:,.0f}")
        yield update


def print_import_summary(summary: ImportSummary, reader: GraphReader, out: TextIO) -> None:
    """The summary table: stories by outcome, entities by type, merge candidates, skipped items, totals."""
    console = Console(file=out, soft_wrap=True)
    table = Table(title=f"import finished in {summary.seconds:.2f} s", show_header=True)
    table.add_column("stories")
    table.add_column("count", justify="right")
    for label, value in (("added", summary.added), ("updated", summary.updated), ("unchanged", summary.unchanged),
                         ("removed", summary.removed), ("duplicates dropped", summary.duplicates),
                         ("invalid, skipped", len(summary.problems))):
        table.add_row(label, str(value))
    console.print(table)
    counts = reader.entity_counts()
    entities = ", ".join(f"{kind.value} {n} (+{summary.new_entities.get(kind.value, 0)})" for kind, n in counts.items())
    console.print(f"entities: {entities}")
    console.print(f"merge candidates: {summary.merge_candidates}")
    for problem in summary.problems:
        console.print(f"skipped: {problem}", markup=False)
    for note in summary.notes:
        console.print(f"note: {note}", markup=False)
    # Counted here, for the command line only: counting an on-disk store's quads reads all of them.
    console.print(f"{reader.story_count()} stories, {reader.store.quad_count()} triples in the store", markup=False)
