"""Knowledge files scored on each batch as the extractor met it: `python -m bench.as_met FILE.ttl ...`.

Leave-one-batch-out cannot judge a word list written after reading the batches, and rules read off the open batches
have not carried to unseen ones (tests/data/NONILO.md, extract24). For a list written *without* reading them (general
knowledge), the fairest open-batch test is the extractor each batch met when it was added, before any rule read it:
the parent of the commit that first added its gold (in tests/data/ or, for a batch committed sealed,
tests/data/sealed/). Each such state is checked out with `git archive` into a scratch folder, and the batch (the working tree's gold and stories) is scored there by `python -m graph.evaluate`, without and
with the given ontology files copied into the state's `ontology/`. Printed: each batch's F1 per kind both ways, and
each kind's mean change over the batches (and over `--from K` on). The gains are on batches the files' author could
have seen; the sealed batches are the real test.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from graph.evaluate import TYPES

from bench.train_themes import ROOT

Scores = dict[str, float]  # kind -> F1, as graph.evaluate's table prints it


@dataclass(frozen=True)
class Batch:
    """A non-ILO batch and the commit whose code it met when it was added."""

    number: int
    state: str


def batches(root: Path = ROOT) -> list[Batch]:
    """Every tests/data/noniloK-gold.json with the parent of the commit that first added it."""
    found = []
    for gold in (root / "tests" / "data").glob("nonilo*-gold.json"):
        number = gold.name.removeprefix("nonilo").removesuffix("-gold.json")
        if not number.isdigit():
            continue
        # a batch committed sealed first (tests/data/sealed/) met the code of that commit's parent, not the opening's
        added = subprocess.run(["git", "-C", str(root), "log", "--diff-filter=A", "--format=%h", "--",
                                f"tests/data/{gold.name}", f"tests/data/sealed/{gold.name}"],
                               check=True, capture_output=True, text=True).stdout.split()
        if added:
            parent = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", added[-1] + "^"], check=True,
                                    capture_output=True, text=True).stdout.strip()
            found.append(Batch(int(number), parent))
    return sorted(found, key=lambda b: b.number)


def parse_table(report: str) -> Scores:
    """The F1 column of graph.evaluate's table ("campaigns  0.966  1.000  0.982  26  29")."""
    scores = {}
    for line in report.splitlines():
        parts = line.split()
        if len(parts) == 6 and parts[0] in TYPES:
            scores[parts[0]] = float(parts[3])
    return scores


def score(checkout: Path, number: int) -> Scores:
    data = ROOT / "tests" / "data"
    out = subprocess.run([sys.executable, "-m", "graph.evaluate", str(data / f"nonilo{number}-gold.json"),
                          str(data / f"nonilo{number}-stories.txt")], cwd=checkout, check=True, capture_output=True,
                         text=True)
    return parse_table(out.stdout)


def measure(files: list[Path], only: set[int] | None = None) -> list[tuple[Batch, Scores, Scores]]:
    """Each batch's scores on the state it met, without and with `files`."""
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        checkouts: dict[str, Path] = {}
        for batch in batches():
            if only and batch.number not in only:
                continue
            if batch.state not in checkouts:
                checkouts[batch.state] = where = Path(scratch) / batch.state
                where.mkdir()
                archive = subprocess.run(["git", "-C", str(ROOT), "archive", batch.state], check=True,
                                         capture_output=True)
                subprocess.run(["tar", "-x", "-C", str(where)], input=archive.stdout, check=True)
            where = checkouts[batch.state]
            without = score(where, batch.number)
            copies = [where / "ontology" / f.name for f in files]
            for source, copy in zip(files, copies):
                shutil.copy(source, copy)
            try:
                rows.append((batch, without, score(where, batch.number)))
            finally:
                for copy in copies:
                    copy.unlink()
    return rows


def report(rows: list[tuple[Batch, Scores, Scores]], start: int = 1) -> list[str]:
    """One line a batch (F1 without -> with, per kind) and each kind's mean change, up and down."""
    lines = [f"batch {b.number:>2} at {b.state}: " + "  ".join(
        f"{k} {w[k]:.3f}>{a[k]:.3f}" if abs(a[k] - w[k]) > 1e-9 else f"{k} {w[k]:.3f}" for k in TYPES)
        for b, w, a in rows]
    for first in sorted({1, start}):
        chosen = [(w, a) for b, w, a in rows if b.number >= first]
        for kind in TYPES:
            deltas = [a[kind] - w[kind] for w, a in chosen]
            lines.append(f"batches {first}-: {kind:<14} mean {sum(deltas) / max(len(deltas), 1):+.4f} "
                         f"({sum(d > 1e-9 for d in deltas)} up, {sum(d < -1e-9 for d in deltas)} down)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+", type=Path, help="ontology files to add (gazetteer*.ttl, names*.ttl, ...)")
    parser.add_argument("--from", dest="start", type=int, default=1, help="also give the means from this batch on")
    parser.add_argument("--batch", type=int, action="append", help="only this batch (repeatable)")
    args = parser.parse_args()
    for line in report(measure([f.resolve() for f in args.files], set(args.batch or ())), args.start):
        print(line)


if __name__ == "__main__":
    main()
