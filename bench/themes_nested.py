"""Whether newly opened batches help the theme model on unseen text: `python -m bench.themes_nested [--held 34 ... 41]`.

Nested over time, open batches only: each held-out batch k is scored by theme models trained on the ILO sets and the
open batches before it, as the model shipped before k was opened could have been — on 1..k-1 ("gap 1": every batch
before it) and on 1..k-3 ("gap 3": two fewer, the model the lead had before the last two were opened) — under
training variants (`VARIANTS`: the penalty, the stems' least count, story weights favouring recent or non-ILO
batches, the oldest batches or the ILO rows left out). A batch is scored by the pass as shipped (the rule passes, then
`learned-themes` at its shipped settings with `ontology/theme-keep.tsv`), theme P / R / F1 as bench.themes_keep
counts them; only the theme model changes. The report: per variant and gap, each held-out batch's F1; per variant, the
gain of the two newest batches (gap 1 less gap 3), mean, spread and batches up / down; per variant at gap 1, the gain
over the shipped training, mean, spread, batches up / down and the worst batch. `--ilo` adds each variant's ILO sets
seen (the variant trained on every open set), against the shipped training. Fitted models are cached in
/tmp/storygraph-themes-nested by variant, training batches and a digest of the annotated sets.
"""
from __future__ import annotations

import argparse
import hashlib
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from graph.extract.learned import ThemeModel

from bench.train_themes import BATCHES, L2, MIN_COUNT, PRUNE, Example, examples, rows, scheme_themes, train

T = TypeVar("T")

CACHE = Path("/tmp/storygraph-themes-nested")
ILO = ("seed", "extra", "heldout2", "heldout3")


@dataclass(frozen=True)
class Variant:
    """How a theme model is trained: bench.train_themes' settings, which sets it learns from (`keep(name)`), and each
    set's story weight (`weight(name, newest)`, newest = the last open batch it learns from)."""
    name: str
    l2: float = L2
    min_count: int = MIN_COUNT
    prune: float = PRUNE
    keep: Callable[[str], bool] = field(default=lambda name: True, compare=False)
    weight: Callable[[str, int], float] | None = field(default=None, compare=False)


def batch_of(name: str) -> int | None:
    """The batch number of an open non-ILO set ("nonilo12" -> 12), None for an ILO set."""
    return int(name[6:]) if name.startswith("nonilo") else None


def _recent(half: float) -> Callable[[str, int], float]:
    """Weights halving every `half` batches back from the newest batch trained on (the ILO sets weigh 1)."""
    def weight(name: str, newest: int) -> float:
        k = batch_of(name)
        return 1.0 if k is None else 0.5 ** ((newest - k) / half)
    return weight


VARIANTS: dict[str, Variant] = {v.name: v for v in (
    Variant("shipped"),
    Variant("l2-2", l2=2.0),
    Variant("l2-3", l2=3.0),
    Variant("l2-4", l2=4.0),
    Variant("l2-12", l2=12.0),
    Variant("min-count-3", min_count=3),
    Variant("recent-10", weight=_recent(10.0)),  # a batch 10 back weighs half the newest
    Variant("fresh-x2", weight=lambda name, newest: 2.0 if (batch_of(name) or 0) >= 30 else 1.0),
    Variant("ilo-half", weight=lambda name, newest: 0.5 if batch_of(name) is None else 1.0),
    Variant("no-ilo", keep=lambda name: batch_of(name) is not None),
    Variant("from-10", keep=lambda name: (batch_of(name) or 10) >= 10),  # batches 1-9 (the oldest) left out
)}


def training_sets(variant: Variant, newest: int, without: str | None = None) -> list[str]:
    """The sets a model is trained on when `newest` is the last open batch it may learn from (less `without`)."""
    names = [*ILO, *(f"nonilo{k}" for k in BATCHES if k <= newest)]
    return [n for n in names if variant.keep(n) and n != without]


def _digest(names: Sequence[str]) -> str:
    from bench.themes_keep import _data_key

    return hashlib.sha1(repr((list(names), _data_key())).encode()).hexdigest()[:12]


def cached_fit(path: Path, build: Callable[[], tuple[list[Example], list[float] | None]], l2: float = L2,
               min_count: int = MIN_COUNT, prune: float = PRUNE) -> list[str]:
    """The model's TSV rows (bench.train_themes.rows) cached in `path`, or trained on what `build` returns (the
    examples and their weights, or None) and written there: one fit each, shared by the nested scripts."""
    if path.is_file():
        return path.read_text(encoding="utf-8").splitlines()
    data, weights = build()
    themes = scheme_themes()
    vocabulary, b, w = train(data, themes, l2, min_count, weights=weights)
    out = rows(themes, vocabulary, b, w, prune)
    path.parent.mkdir(exist_ok=True)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return out


def fit_rows(variant: Variant, newest: int, without: str | None = None) -> list[str]:
    """The model's TSV rows (bench.train_themes.rows), trained as `variant` on the sets up to batch `newest` (less
    the set `without`)."""
    names = training_sets(variant, newest, without)

    def build() -> tuple[list[Example], list[float] | None]:
        data: list[Example] = []
        weights: list[float] = []
        for n in names:
            part = examples(n)
            data.extend(part)
            weights.extend([variant.weight(n, newest) if variant.weight else 1.0] * len(part))
        return data, weights if variant.weight else None

    path = CACHE / f"{variant.name}-{newest}{'-' + without if without else ''}-{_digest(names)}.tsv"
    return cached_fit(path, build, variant.l2, variant.min_count, variant.prune)


def run_jobs(job: Callable[[T], object], jobs: Sequence[T], processes: int) -> None:
    """Run job over jobs, in a pool of forked processes when processes > 1 (the fits cache their results on disk)."""
    if processes > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(processes) as pool:
            pool.map(job, jobs, chunksize=1)
    else:
        for one in jobs:
            job(one)


def _fit_job(job: tuple[str, int, str | None]) -> None:
    fit_rows(VARIANTS[job[0]], job[1], job[2])


def score(name: str, model: ThemeModel) -> tuple[float, float, float]:
    """A set's theme P / R / F1 under the pass as shipped with this theme model."""
    from graph.extract.learned import shipped_keep

    from bench.themes_keep import NOW, counts
    from bench.themes_lobo import f1

    return f1(counts(name, model, NOW, shipped_keep()))


def newest_before(k: int, gap: int) -> int:
    """The newest open batch a model may learn from when scoring batch k: gap 1, every batch before k; gap 3, two
    fewer open batches (the numbering skips the batches never opened, 24 and 25)."""
    earlier = [b for b in BATCHES if b < k]
    return earlier[-gap] if len(earlier) >= gap else 0


def summary(values: Sequence[float]) -> str:
    """Mean, standard deviation, batches up / down and the lowest, of per-batch gains."""
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    up, down = sum(v > 1e-9 for v in values), sum(v < -1e-9 for v in values)
    return f"{statistics.fmean(values):+.4f} (sd {sd:.4f}; {up} up / {down} down; lowest {min(values):+.4f})"


def print_held_out(title: str, held: Sequence[int], base: dict[int, float], rows: dict[str, list[float]],
                   notes: dict[str, list[str]]) -> None:
    """The nested judges' report: each form's theme F1 on every held-out batch beside the pass as shipped, the gains
    summarised, then what each form chose for each batch."""
    print(title)
    print(f"{'form':<11}" + " ".join(f"{k:>6}" for k in held) + "    mean")
    print(f"{'shipped':<11}" + " ".join(f"{base[k]:.4f}" for k in held) + f"    {statistics.fmean(base.values()):.4f}")
    for form, values in rows.items():
        print(f"{form:<11}" + " ".join(f"{v:.4f}" for v in values) + f"    {statistics.fmean(values):.4f}")
    print("\ngain over the pass as shipped, per held-out batch:")
    for form, values in rows.items():
        gains = [v - base[k] for v, k in zip(values, held)]
        print(f"  {form:<11}{summary(gains)}; " + " ".join(f"{x:+.4f}" for x in gains))
    for form in rows:
        print(f"\n{form}: " + "; ".join(notes[form]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held", nargs="+", type=int, default=BATCHES[-8:],
                        help="open batches scored, each by models trained on the batches before it (default the newest 8)")
    parser.add_argument("--variants", nargs="+", default=list(VARIANTS), choices=list(VARIANTS))
    parser.add_argument("--gaps", nargs="+", type=int, default=[1, 3],
                        help="1: train on every batch before k; 3: two fewer (default 1 3)")
    parser.add_argument("--jobs", type=int, default=1, help="fits run in parallel (processes)")
    parser.add_argument("--ilo", action="store_true",
                        help="also each variant's ILO sets, seen (the variant trained on every open set) and held out "
                             "(trained on every open set but that one)")
    args = parser.parse_args(argv)
    held = [k for k in args.held if k in BATCHES]
    jobs: list[tuple[str, int, str | None]] = sorted(
        {(v, newest_before(k, g), None) for v in args.variants for k in held for g in args.gaps})
    if args.ilo:
        jobs += [(v, BATCHES[-1], without) for v in args.variants for without in (None, *ILO)
                 if (v, BATCHES[-1], without) not in jobs]
    for name in {n for v, newest, without in jobs for n in training_sets(VARIANTS[v], newest, without)}:
        examples(name)  # read once before the fits fork
    run_jobs(_fit_job, jobs, args.jobs)
    f1s: dict[tuple[str, int, int], tuple[float, float, float]] = {}
    for v in args.variants:
        for g in args.gaps:
            for k in held:
                model = ThemeModel.from_rows(fit_rows(VARIANTS[v], newest_before(k, g)))
                f1s[v, g, k] = score(f"nonilo{k}", model)
    print("theme F1 of each held-out batch (P / R / F1 mean at the end), by the model trained on the batches before it")
    print(f"{'variant':<14}{'gap':>4}  " + " ".join(f"{k:>6}" for k in held) + "    mean P / R / F1")
    for v in args.variants:
        for g in args.gaps:
            cells = [f1s[v, g, k] for k in held]
            means = [statistics.fmean(c[i] for c in cells) for i in range(3)]
            print(f"{v:<14}{g:>4}  " + " ".join(f"{c[2]:.4f}" for c in cells)
                  + "    " + " / ".join(f"{m:.4f}" for m in means))
    if len(args.gaps) > 1:
        first, last = min(args.gaps), max(args.gaps)
        print(f"\nwhat the {last - first} newest batches add (gap {first} less gap {last}), per held-out batch:")
        for v in args.variants:
            gains = [f1s[v, first, k][2] - f1s[v, last, k][2] for k in held]
            print(f"  {v:<14}{summary(gains)}; " + " ".join(f"{x:+.4f}" for x in gains))
    if "shipped" in args.variants:
        for g in args.gaps:
            print(f"\neach variant against the shipped training, gap {g}:")
            for v in args.variants:
                if v != "shipped":
                    gains = [f1s[v, g, k][2] - f1s["shipped", g, k][2] for k in held]
                    print(f"  {v:<14}{summary(gains)}; " + " ".join(f"{x:+.4f}" for x in gains))
    if args.ilo:
        print(f"\nILO sets, theme F1 seen / held out (each variant trained on every open set, 1-{BATCHES[-1]}; held out: "
              "less the set scored):")
        for v in args.variants:
            model = ThemeModel.from_rows(fit_rows(VARIANTS[v], BATCHES[-1]))
            ilo_cells: list[str] = []
            for n in ILO:
                if not VARIANTS[v].keep(n):
                    ilo_cells.append(f"{n} {score(n, model)[2]:.4f} / (not trained on)")
                    continue
                out = ThemeModel.from_rows(fit_rows(VARIANTS[v], BATCHES[-1], n))
                ilo_cells.append(f"{n} {score(n, model)[2]:.4f} / {score(n, out)[2]:.4f}")
            print(f"  {v:<14}" + "; ".join(ilo_cells))


if __name__ == "__main__":
    main()
