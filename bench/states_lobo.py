"""Leave-one-batch-out check of two code states: `python -m bench.states_lobo BEFORE [AFTER]`.

For a change made inside existing passes (a head word, a guard, a cue), which `bench.passes_lobo` cannot leave out:
BEFORE and AFTER are git revisions (AFTER defaults to the working tree). Each state is checked out with `git archive`
into a scratch folder (the working tree is read where it is) and every annotated set is scored there, by that state's
own `bench.passes_lobo.counts`, in this virtualenv. Then the folds of `bench.passes_lobo` decide as they do for a pass:
for each non-ILO batch k, the AFTER state is chosen when, on the other batches pooled with the ILO sets, it raises some
kind's F1 and lowers no kind's F1 or precision. Printed as `bench.passes_lobo` prints, and every set that moves.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from graph.evaluate import TYPES, Score

from bench.passes_lobo import ILO, Counts, chosen
from bench.train_themes import ROOT

# run inside a checkout: every set's counts per kind, as JSON on stdout
_SCORE = """
import json
from bench.passes_lobo import counts
from bench.train_themes import SETS
from graph.extract import PASSES
print(json.dumps({n: {k: [s.matched_predictions, s.predictions, s.matched_gold, s.gold]
                      for k, s in counts(n, PASSES).items()} for n in SETS}))
"""


def state_counts(revision: str | None) -> dict[str, Counts]:
    """Every set's counts per kind as the code of `revision` (None: the working tree) extracts them."""
    with tempfile.TemporaryDirectory() as scratch:
        where = ROOT
        if revision is not None:
            where = Path(scratch)
            archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True)
            subprocess.run(["tar", "-x", "-C", str(where)], input=archive.stdout, check=True)
        # (the sets of the working tree: a revision scores the same gold and stories)
        for data in ("tests/data", "tests/seed-gold.json", "seeds"):
            target = where / data
            if revision is not None and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.symlink_to(ROOT / data)
        out = subprocess.run([sys.executable, "-c", _SCORE], cwd=where, check=True, capture_output=True, text=True)
    result: dict[str, Counts] = {}
    for name, kinds in json.loads(out.stdout).items():
        result[name] = {}
        for kind, (matched_predictions, predictions, matched_gold, gold) in kinds.items():
            score = Score()
            score.matched_predictions, score.predictions = matched_predictions, predictions
            score.matched_gold, score.gold = matched_gold, gold
            result[name][kind] = score
    return result


def report(before: dict[str, Counts], after: dict[str, Counts]) -> list[str]:
    """The folds' choices, each kind's held-out F1 per batch that moves with its mean, and every set that moves."""
    batches = [n for n in before if n.startswith("nonilo") and n in after]
    names = [*(n for n in ILO if n in before), *batches]
    choice = {held: chosen([before[n] for n in names if n != held], [after[n] for n in names if n != held])
              for held in batches}
    lines = ["chosen by the folds holding out: "
             + (" ".join(b.removeprefix("nonilo") for b in batches if choice[b]) or "none")]
    for kind in TYPES:
        deltas = [((after if choice[b] else before)[b][kind].f1 - before[b][kind].f1) for b in batches]
        up, down = sum(d > 1e-9 for d in deltas), sum(d < -1e-9 for d in deltas)
        moved = " ".join(f"{b.removeprefix('nonilo')}:{before[b][kind].f1:.3f}>{(after if choice[b] else before)[b][kind].f1:.3f}"
                         for b, d in zip(batches, deltas) if abs(d) > 1e-9)
        lines.append(f"{kind:<14} held-out mean {sum(deltas) / max(len(deltas), 1):+.4f} ({up} up, {down} down)  {moved}")
    lines.append("every set that moves, F1 (precision) without -> with:")
    for n in names:
        moved_kinds = [f"{k} {before[n][k].f1:.3f}>{after[n][k].f1:.3f} ({before[n][k].precision:.3f}>{after[n][k].precision:.3f})"
                       for k in TYPES if abs(before[n][k].f1 - after[n][k].f1) > 1e-9
                       or abs(before[n][k].precision - after[n][k].precision) > 1e-9]
        if moved_kinds:
            lines.append(f"  {n:<10} " + "; ".join(moved_kinds))
    return lines


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", help="git revision of the state without the change")
    parser.add_argument("after", nargs="?", help="git revision of the state with it (default: the working tree)")
    args = parser.parse_args(argv)
    print(f"{args.before} -> {args.after or 'working tree'}")
    print("\n".join(report(state_counts(args.before), state_counts(args.after))))


if __name__ == "__main__":
    main()
