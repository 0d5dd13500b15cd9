"""Leave-one-batch-out check of the learned theme evidence: `python -m bench.themes_lobo [--batches 1 2 ...]`.

For each non-ILO batch k: train the model (bench.train_themes) on the other batches and the ILO sets, run the rule
passes on batch k, then the pass `learned-themes` with that fold's model, for every setting of the grid; print theme
P / R / F1 on batch k before and after. The setting applied to batch k is the one with the best mean gain on the other
held-out batches (each scored by its own fold's model, which never saw it), among the settings that lower none of
their theme precisions by more than 0.01, so batch k's score does not choose it. With `--ilo-guard` the choice is
instead among the settings that lower no ILO set's theme F1 or precision against the setting before round extract21,
each ILO set scored both held out (a model trained without it) and seen (the model trained on every set, as the tests
score it), and that lower the theme precision of no more of the other batches than they raise; `--grid fine` tries the
addition's bound in steps of 0.05 with the veto at its shipped setting.
"""
from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence

from graph.extract import PASSES, Doc, Extractor
from graph.extract.learned import ADD_AT, HAVE_BELOW, ThemeModel, learned_themes
from graph.records import EntityKind

from bench.train_themes import BATCHES, FEATURES, L2, PRUNE, fit, gold_stories

ILO = ("seed", "extra", "heldout2", "heldout3")
# (add_at, have_below, (veto_at, veto_among)): the addition's grid, with the veto off and at its shipped setting (the veto's
# own grid is bench.themes_variants'; see tests/data/NONILO.md, extract13)
GRID = tuple(itertools.product((0.4, 0.5, 0.6, 0.7), (2, 3, 9), ((0.0, 3), (0.08, 3))))

FINE_GRID = tuple(itertools.product((0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7), (2, 3, 9), ((0.08, 3),)))
PREVIOUS = (0.6, 2, (0.08, 3))  # the pass's ADD_AT, HAVE_BELOW, (VETO_AT, VETO_AMONG) before round extract21
EPSILON = 1e-9
PRECISION_COST = 0.01  # the most theme precision a setting may cost any batch it is chosen on
Scored = list[tuple[Doc, set[str]]]  # (the story's Doc after the rule passes, gold themes)


def model_of(names: Sequence[str], l2: float = L2, prune: float = PRUNE) -> ThemeModel:
    """The model bench.train_themes would write for these sets, read back as the pass reads it."""
    if FEATURES.variant:  # a feature variant bench.themes_lemmas measures
        from bench.lemma_features import LemmaModel

        return LemmaModel.from_lines(fit(names, l2=l2, prune=prune), FEATURES.table)
    return ThemeModel.from_rows(fit(names, l2=l2, prune=prune))


_DOCS: dict[str, Scored] = {}


def docs(name: str) -> Scored:
    """The set's stories after the rule passes (everything before learned-themes), with their gold themes."""
    if name not in _DOCS:
        rules = Extractor(passes=tuple(p for p in PASSES if p.name != "learned-themes"))
        _DOCS[name] = [(rules.run(story), themes) for story, themes in gold_stories(name)]
    return _DOCS[name]


def counts(name: str, model: ThemeModel | None, add_at: float = 0.5, have_below: int = 2,
           veto: tuple[float, int] = (0.0, 3)) -> tuple[int, int, int]:
    """(right, found, gold) theme counts on a set, with the model's pass (or without it when model is None)."""
    right = found = gold_n = 0
    theme = EntityKind.THEME
    for doc, gold in docs(name):
        before = list(doc.found)
        if model is not None:
            learned_themes(doc, model, add_at, have_below, *veto)
        keys = {s.key for s in doc.found if s.kind is theme}
        doc.found[:] = before
        right, found, gold_n = right + len(keys & gold), found + len(keys), gold_n + len(gold)
    return right, found, gold_n


def _ilo_safe(grid: Sequence[tuple], every: Sequence[str], l2: float, prune: float) -> set[tuple]:
    """The settings under which no ILO set's theme F1 or precision falls below the shipped setting's, each ILO set
    scored by a model trained without it (held out) and by the model trained on every set (seen)."""
    seen = model_of(every, l2, prune)
    models = [seen, *(model_of([n for n in every if n != name], l2, prune) for name in ILO)]
    checks = [(name, seen) for name in ILO] + [(name, m) for name, m in zip(ILO, models[1:])]
    base = [f1(counts(name, m, *PREVIOUS)) for name, m in checks]
    return {s for s in grid if all(
        (now := f1(counts(name, m, *s)))[0] >= was[0] - 1e-9 and now[2] >= was[2] - 1e-9
        for (name, m), was in zip(checks, base))}


def f1(c: tuple[int, int, int]) -> tuple[float, float, float]:
    right, found, gold = c
    p, r = (right / found if found else 1.0), (right / gold if gold else 1.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _prf(scores: tuple[float, float, float]) -> str:
    return " / ".join(f"{x:.3f}" for x in scores)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", nargs="+", type=int, default=BATCHES, help="non-ILO batches to use")
    parser.add_argument("--fixed", nargs=4, type=float, metavar=("ADD_AT", "HAVE_BELOW", "VETO_AT", "VETO_AMONG"),
                        help="score one setting on every held-out batch instead of choosing it per fold")
    parser.add_argument("--grid", choices=["coarse", "fine"], default="coarse", help="the settings tried")
    parser.add_argument("--ilo-guard", action="store_true",
                        help="choose among settings that lower no ILO set (held out and seen) instead of the precision rule")
    parser.add_argument("--l2", type=float, default=L2, help="L2 penalty of the fold models (default %(default)s)")
    parser.add_argument("--prune", type=float, default=PRUNE, help="weights dropped under this (default %(default)s)")
    args = parser.parse_args(argv)
    batches = [f"nonilo{k}" for k in args.batches]
    grid = [(args.fixed[0], int(args.fixed[1]), (args.fixed[2], int(args.fixed[3])))] if args.fixed \
        else list(FINE_GRID if args.grid == "fine" else GRID)
    allowed = set(grid)
    if args.ilo_guard:
        grid = list(dict.fromkeys([*grid, PREVIOUS]))
        allowed = _ilo_safe(grid, [*ILO, *batches], args.l2, args.prune)
        print(f"settings that lower no ILO set: {len(allowed)} of {len(grid)}")
    before = {b: f1(counts(b, None)) for b in batches}
    after: dict[str, dict[tuple, tuple[float, float, float]]] = {}
    for held in batches:  # each batch scored by the model of its fold, for every setting
        model = model_of([*ILO, *(b for b in batches if b != held)], args.l2, args.prune)
        after[held] = {s: f1(counts(held, model, *s)) for s in grid}
    gains = []
    print(f"{'held out':<10}{'setting':>18}{'before P/R/F1':>24}{'after P/R/F1':>24}")
    for held in batches:
        others = [b for b in batches if b != held]
        # settings that cost no other batch more than PRECISION_COST of theme precision, best mean F1 gain first
        if args.ilo_guard:  # no ILO set down, and theme precision down on no more batches than up
            fair = [s for s in grid if s in allowed and PREVIOUS in after[held] and
                    sum(after[b][s][0] < after[b][PREVIOUS][0] - EPSILON for b in others)
                    <= sum(after[b][s][0] > after[b][PREVIOUS][0] + EPSILON for b in others)]
        else:
            fair = [s for s in grid if all(after[b][s][0] >= before[b][0] - PRECISION_COST for b in others)]
        setting = max(fair, key=lambda s: sum(after[b][s][2] - before[b][2] for b in others), default=None)
        scored = after[held][setting] if setting is not None else before[held]
        gains.append(scored[2] - before[held][2])
        print(f"{held:<10}{setting!s:>18}{_prf(before[held]):>24}{_prf(scored):>24}", flush=True)
    print(f"mean held-out theme F1 gain {sum(gains) / len(gains):+.3f}")
    print("each setting on every held-out batch (mean gain; gains by batch):")
    shipped = [s for s in grid if s[:2] == (ADD_AT, HAVE_BELOW) or s == PREVIOUS]  # the shipped addition, with the veto and without
    for s in [*sorted(grid, key=lambda s: -sum(after[b][s][2] - before[b][2] for b in batches))[:6], *shipped]:
        by = [after[b][s][2] - before[b][2] for b in batches]
        print(f"  {s}: {sum(by) / len(by):+.4f}; " + " ".join(f"{g:+.3f}" for g in by))


if __name__ == "__main__":
    main()
