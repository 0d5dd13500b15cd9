"""Theme precision on text the theme rules were not written from: `python -m bench.themes_keep [--pass-grid] [--keep]`.

Batches 30 on were opened after the theme rules were last written from batches' errors (commit 7a88056), so on them
the rule themes are as a fresh user sees them (30-33 in round extract46, 30-35 in round extract48, 30-37 since round
themes50: `--fresh`; round themes50's sg:otherSense phrases, read off 30-37's false themes, change a few of their
stories' rule themes: tests/data/NONILO.md). Every measurement on a batch
uses a theme model trained without it (every other annotated set: bench.themes_lobo.model_of), and every choice made
for batch k is made on the other fresh batches (leave one batch out within them; `--pool` trains and chooses on other
batches instead, e.g. round extract46's 30-33), among the choices that lower no ILO set's theme F1 held out (a model
trained without that set) or seen (the model trained on every set) against the pass as shipped (`--guard before`: the
pass before round extract46, that round's guard).

`--pass-grid`: the learned-themes pass's settings (ADD_AT, HAVE_BELOW, VETO_AT/AMONG, ASIDE_AT/AMONG) re-chosen.
`--keep --settings shipped` chooses the bar alone, the pass's settings held as shipped; `--concepts L2` gives each
concept a term of its own in the regression (measured in round themes50, not shipped).
`--keep`: a logistic regression over each rule theme's evidence (graph.extract.learned.KEEP_FEATURES, one weight a
feature shared by every theme), trained on the rule themes of the other batches of the pool (gold yes / no; their
log-odds from each batch's own fold model); the bar t and the pass's settings chosen on those batches' out-of-fold
probabilities (nested: each inner batch scored by a regression trained without it). `--write` writes the regression
trained on the whole pool, at the bar and settings chosen on it, to bench/theme-keep-candidate.tsv (`--out`; the pass
reads ontology/theme-keep.tsv, a copy of it; `--final` skips the nested estimate). `--candidate`: that decision at the
settings chosen with it against the pass before round extract46 (seen by it on the pool); `--shipped`: the pass as
shipped against the same.
"""
from __future__ import annotations

import argparse
import dataclasses
import itertools
import functools
import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from graph.extract.learned import (ADD_AT, ASIDE_AMONG, ASIDE_AT, CONCEPT, HAVE_BELOW, KEEP_FEATURES, KEEP_FILE,
                                   VETO_AMONG, VETO_AT, KeepModel, ThemeModel, keep_features, learned_themes)
from graph.records import EntityKind, Field

from bench.themes_lobo import ILO, docs, f1
from bench.train_themes import BATCHES, SETS

ROOT = Path(__file__).resolve().parents[1]
# the first batch opened after the theme rules last changed: it and every open batch after it are fresh text for them
FIRST_FRESH = 30
# the batches measured (each left out in turn) and the batches a decision is trained on (`--fresh`, `--pool`): every
# open batch from FIRST_FRESH on (30-37 since round themes50; 30-35 in round extract48, 30-33 in round extract46)
FRESH: list[str] = [f"nonilo{k}" for k in BATCHES if k >= FIRST_FRESH]
POOL: list[str] = list(FRESH)
FITTED = tuple(f"nonilo{k}" for k in BATCHES if k < FIRST_FRESH)  # the batches the theme rules were written from
CACHE = Path("/tmp/storygraph-themes-keep")  # the fold models, by the data they were trained on (`_data_key`)
CANDIDATE = ROOT / "bench" / "theme-keep-candidate.tsv"  # shipped as ontology/theme-keep.tsv (round extract46)
CHOSEN: Setting = (0.45, 4, 0.08, 3, 0.0, 3)  # the pass's settings chosen with it (the aside off since round extract48)
Setting = tuple[float, int, float, int, float, int]  # add_at, have_below, veto_at, veto_among, aside_at, aside_among
# the pass's settings before round extract46, without the keep decision: what every gain here is measured against
SHIPPED: Setting = (0.5, 3, 0.08, 3, 0.15, 3)
NOW: Setting = (ADD_AT, HAVE_BELOW, VETO_AT, VETO_AMONG, ASIDE_AT, ASIDE_AMONG)  # the pass's settings as shipped
EPSILON = 1e-9
L2 = 1.0  # the regression's penalty (the bias is not penalized)
USED: set[str] = set(KEEP_FEATURES)  # the features the regression may weigh (the others get weight 0)
# each concept's own term (`--concepts`, round themes50): one more column a concept, 1 for its themes, under its own
# penalty (CONCEPT_L2[0]; 0: no concept terms)
CONCEPT_L2 = [0.0]

_MODELS: dict[str, ThemeModel] = {}


@functools.cache
def _data_key() -> str:
    """A digest of the annotated sets (gold and stories) and the training settings: a cached model is reused only
    while they are unchanged."""
    from bench.train_themes import L2 as THEME_L2
    from bench.train_themes import MIN_COUNT, PRUNE, STEPS

    digest = hashlib.sha1(repr((sorted(SETS), THEME_L2, MIN_COUNT, PRUNE, STEPS)).encode())
    for name in sorted(SETS):
        for path in SETS[name]:
            digest.update((ROOT / path).read_bytes())
    return digest.hexdigest()[:12]


def model(without: str | None) -> ThemeModel:
    """The theme model trained on every annotated set but `without` (None: on every set, as shipped)."""
    key = without or "seen"
    if key not in _MODELS:
        path = CACHE / f"{key}-{_data_key()}.tsv"
        if not path.is_file():
            from bench.train_themes import fit

            CACHE.mkdir(exist_ok=True)
            path.write_text("\n".join(fit([n for n in SETS if n != without])) + "\n", encoding="utf-8")
        _MODELS[key] = ThemeModel.from_rows(path.read_text(encoding="utf-8").splitlines())
    return _MODELS[key]


def rows(name: str, m: ThemeModel) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """The rule themes of a set's stories as (features, gold yes / no, theme ids), their log-odds from the model `m`."""
    xs, ys, ids = [], [], []
    theme = EntityKind.THEME
    for doc, gold in docs(name):
        spans: dict = {}
        for s in doc.found:
            if s.kind is theme and s.key is not None:
                spans.setdefault(s.key, []).append(s)
        if not spans:
            continue
        feats = m.features(doc.folded.get(Field.TITLE, ""), doc.folded.get(Field.SUMMARY, ""))
        for t, values in keep_features(doc, m, feats, spans).items():
            xs.append(values)
            ys.append(1.0 if t in gold else 0.0)
            ids.append(t)
    x = np.array(xs, dtype=float)
    x[:, [i for i, f in enumerate(KEEP_FEATURES) if f not in USED]] = 0.0
    return x, np.array(ys, dtype=float), ids


def fit_keep(x: np.ndarray, y: np.ndarray, l2: float = L2,
             penalties: np.ndarray | None = None) -> tuple[float, np.ndarray]:
    """Logistic regression by Newton's method: (bias, weights); `penalties` (each column's own L2) overrides `l2`."""
    a = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(a.shape[1])
    penalty = np.full(a.shape[1], l2)
    if penalties is not None:
        penalty[1:] = penalties
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(a @ w)))
        grad = a.T @ (p - y) + penalty * w
        hess = (a * (p * (1 - p))[:, None]).T @ a + np.diag(penalty) + 1e-9 * np.eye(a.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def keep_of(names: Sequence[str], at: float, l2: float = L2) -> KeepModel:
    """The regression trained on these sets' rule themes (each set's log-odds from its own fold model), bar `at`;
    with a term a concept when CONCEPT_L2 is set (a concept no training theme has gets none)."""
    parts = [rows(n, model(n)) for n in names]
    x, y = np.vstack([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
    if not CONCEPT_L2[0]:
        bias, weights = fit_keep(x, y, l2)
        return KeepModel(bias, tuple(float(w) for w in weights), at)
    ids = [t for p in parts for t in p[2]]
    concepts = sorted(set(ids))
    column = {t: i for i, t in enumerate(concepts)}
    onehot = np.zeros((len(ids), len(concepts)))
    onehot[np.arange(len(ids)), [column[t] for t in ids]] = 1.0
    penalties = np.concatenate([np.full(x.shape[1], l2), np.full(len(concepts), CONCEPT_L2[0])])
    bias, weights = fit_keep(np.hstack([x, onehot]), y, l2, penalties)
    n = x.shape[1]
    return KeepModel(bias, tuple(float(w) for w in weights[:n]), at,
                     tuple((t, round(float(w), 4)) for t, w in zip(concepts, weights[n:])))


def counts(name: str, m: ThemeModel, s: Setting, keep: KeepModel | None) -> tuple[int, int, int]:
    """(right, found, gold) themes on a set after the pass with model `m`, settings `s` and the keep decision."""
    right = found = gold_n = 0
    theme = EntityKind.THEME
    for doc, gold in docs(name):
        before = list(doc.found)
        learned_themes(doc, m, *s, keep=keep if keep is not None else False)
        keys = {x.key for x in doc.found if x.kind is theme}
        doc.found[:] = before
        right, found, gold_n = right + len(keys & gold), found + len(keys), gold_n + len(gold)
    return right, found, gold_n


@functools.cache
def held(name: str, s: Setting, keep: KeepModel | None = None) -> tuple[float, float, float]:
    """A set's theme P / R / F1 scored by the model trained without it."""
    return f1(counts(name, model(name), s, keep))


@functools.cache
def seen(name: str, s: Setting, keep: KeepModel | None = None) -> tuple[float, float, float]:
    return f1(counts(name, model(None), s, keep))


def ilo_safe(s: Setting, keep: KeepModel | None, base: dict[tuple[str, str], float]) -> bool:
    """Whether no ILO set's theme F1, held out or seen, falls under the guard's (`ilo_base`)."""
    return all(held(n, s, keep)[2] >= base[n, "held"] - EPSILON and seen(n, s, keep)[2] >= base[n, "seen"] - EPSILON
               for n in ILO)


def ilo_base(guard: str = "shipped") -> dict[tuple[str, str], float]:
    """Each ILO set's theme F1, held out and seen, under the pass the guard holds a choice to: "shipped", the pass as
    shipped (NOW and ontology/theme-keep.tsv; since round extract48), or "before", the pass before round extract46
    (SHIPPED, no keep decision: round extract46's guard, which the pass as shipped itself no longer passes once the
    fold models learn from batches 34 and 35)."""
    from graph.extract.learned import shipped_keep

    s, keep = (NOW, shipped_keep()) if guard == "shipped" else (SHIPPED, None)
    return {**{(n, "held"): held(n, s, keep)[2] for n in ILO}, **{(n, "seen"): seen(n, s, keep)[2] for n in ILO}}


def pass_grid() -> list[Setting]:
    out = []
    for add_at, have_below, (veto_at, veto_among), (aside_at, aside_among) in itertools.product(
            (0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.9999), (2, 3, 4),
            ((0.0, 3), (0.05, 3), (0.08, 3), (0.12, 3), (0.2, 3), (0.08, 2), (0.12, 2), (0.08, 4), (0.2, 4)),
            ((0.0, 3), (0.1, 3), (0.15, 3), (0.25, 3), (0.15, 2), (0.25, 2), (0.15, 4))):
        out.append((add_at, have_below, veto_at, veto_among, aside_at, aside_among))
    return out


def _span(names: Sequence[str]) -> str:
    """Batches by number: "30-35", or "30-33, 35" when one is missing."""
    ks = sorted(int(n.removeprefix("nonilo")) for n in names)
    runs: list[list[int]] = []
    for k in ks:
        if runs and k == runs[-1][-1] + 1:
            runs[-1].append(k)
        else:
            runs.append([k])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def _prf(x: tuple[float, float, float]) -> str:
    return " / ".join(f"{v:.3f}" for v in x)


def report(choice: Mapping[str, tuple[Setting, KeepModel | None]], label: str) -> None:
    """Per fresh batch before -> after (its choice), the mean gain, the ILO sets at the choices."""
    from graph.extract.learned import shipped_keep

    gains, over = [], []
    for b in FRESH:
        s, keep = choice[b]
        was, now, shipped = held(b, SHIPPED), held(b, s, keep), held(b, NOW, shipped_keep())
        gains.append(now[2] - was[2])
        over.append(now[2] - shipped[2])
        at = f" t={keep.at}" if keep else ""
        print(f"  {b:<9} {s}{at}: {_prf(was)} -> {_prf(now)} ({now[2] - was[2]:+.4f}; the pass as shipped "
              f"{shipped[2]:.3f}, {now[2] - shipped[2]:+.4f})")
    print(f"  {label}: mean held-out gain on {_span(FRESH)} {sum(gains) / len(gains):+.4f} ({sum(g > EPSILON for g in gains)} up,"
          f" {sum(g < -EPSILON for g in gains)} down); over the pass as shipped {sum(over) / len(over):+.4f} "
          f"({sum(g > EPSILON for g in over)} up, {sum(g < -EPSILON for g in over)} down)", flush=True)


def fitted_cost(s: Setting, keep: KeepModel | None) -> None:
    """Batches 1-29 (the rules were fitted to them), each scored by its own fold model: mean F1 before -> after."""
    was = [held(b, SHIPPED) for b in FITTED]
    now = [held(b, s, keep) for b in FITTED]
    mean = lambda xs, i: sum(x[i] for x in xs) / len(xs)  # noqa: E731
    print(f"  batches 1-29 held out: P/R/F1 {mean(was, 0):.4f} / {mean(was, 1):.4f} / {mean(was, 2):.4f} -> "
          f"{mean(now, 0):.4f} / {mean(now, 1):.4f} / {mean(now, 2):.4f} ({mean(now, 2) - mean(was, 2):+.4f}; "
          f"{sum(n[2] > w[2] + EPSILON for n, w in zip(now, was))} up, {sum(n[2] < w[2] - EPSILON for n, w in zip(now, was))} down)")
    for n in ILO:
        print(f"  {n}: held {held(n, SHIPPED)[2]:.3f} -> {held(n, s, keep)[2]:.3f}, seen {seen(n, SHIPPED)[2]:.3f} -> "
              f"{seen(n, s, keep)[2]:.3f}")


def choose_pass(guard: str) -> None:
    grid = pass_grid()
    base = ilo_base(guard)
    safe = [s for s in grid if ilo_safe(s, None, base)]
    print(f"pass settings that lower no ILO set: {len(safe)} of {len(grid)}", flush=True)
    score = {(b, s): held(b, s)[2] for b in {*FRESH, *POOL} for s in safe}
    before = {b: held(b, SHIPPED)[2] for b in {*FRESH, *POOL}}
    choice = {}
    for b in FRESH:
        others = [o for o in POOL if o != b]
        best = max(safe, key=lambda s: (sum(score[o, s] - before[o] for o in others), s == SHIPPED))
        choice[b] = (best, None)
    report(choice, "pass settings")
    overall = max(safe, key=lambda s: (sum(score[o, s] - before[o] for o in POOL), s == SHIPPED))
    print(f"  best on all of {_span(POOL)}: {overall} "
          f"({sum(score[o, overall] - before[o] for o in POOL) / len(POOL):+.4f})")
    for s in sorted(safe, key=lambda s: -sum(score[o, s] - before[o] for o in POOL))[:8]:
        print(f"    {s}: " + " ".join(f"{score[o, s] - before[o]:+.3f}" for o in POOL))
    fitted_cost(overall, None)


BARS = (0.001, 0.05, 0.1, 0.125, 0.15, 0.175, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45)


def keep_grid() -> list[Setting]:
    """The pass's settings tried with the keep decision: shipped, and its asides / veto off, addition bounds."""
    out = []
    for add_at, have_below, (veto_at, veto_among), (aside_at, aside_among) in itertools.product(
            (0.4, 0.45, 0.5, 0.55, 0.6), (2, 3, 4), ((0.0, 3), (0.08, 3)), ((0.0, 3), (0.15, 3))):
        out.append((add_at, have_below, veto_at, veto_among, aside_at, aside_among))
    return out


def choose_keep(names: Sequence[str], grid: Sequence[Setting], base: dict,
                l2: float) -> tuple[Setting, KeepModel | None]:
    """The (settings, bar) with the best mean gain on `names`, each scored by a regression trained without it, among
    those under which the regression trained on all of `names` lowers no ILO set; with that regression."""
    inner = {n: keep_of([o for o in names if o != n], 0.5, l2) for n in names}
    before = {n: held(n, SHIPPED)[2] for n in names}
    full = keep_of(names, 0.5, l2)
    best: tuple[float, Setting, float] | None = None
    for s in grid:
        for at in BARS:
            gain = sum(held(n, s, dataclasses.replace(inner[n], at=at))[2] - before[n] for n in names)
            if best is not None and gain <= best[0] + EPSILON:
                continue
            if ilo_safe(s, dataclasses.replace(full, at=at), base):
                best = (gain, s, at)
    if best is None:  # no bar and settings keep every ILO set: no decision, the pass before round extract46
        print(f"    (on {_span(names)} no bar and settings lower no ILO set: the pass before round extract46)", flush=True)
        return SHIPPED, None
    _, s, at = best
    return s, dataclasses.replace(full, at=at)


def shipped_now() -> None:
    """The shipped pass (NOW, the shipped keep decision) against the pass before, every batch by its own fold model
    (the keep decision was trained on all of 30-33, so their figures here are seen for it: `--keep` gives the honest
    ones; batches 1-29 and the ILO sets are unseen by it)."""
    from graph.extract.learned import shipped_keep

    keep = shipped_keep()
    print(f"shipped: {NOW}, keep decision {'at ' + str(keep.at) if keep else 'absent'}")
    report({b: (NOW, keep) for b in FRESH}, "as shipped")
    fitted_cost(NOW, keep)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pass-grid", action="store_true", help="re-choose the pass's settings on the fresh batches")
    parser.add_argument("--keep", action="store_true", help="the keep decision, leave one batch out within the pool")
    parser.add_argument("--fresh", nargs="+", type=int, metavar="K", default=[int(n[6:]) for n in FRESH],
                        help="the batches measured, each left out in turn (default every open batch from "
                             f"{FIRST_FRESH} on: %(default)s)")
    parser.add_argument("--pool", nargs="+", type=int, metavar="K",
                        help="the batches a decision is trained and chosen on, less the one measured (default --fresh; "
                             "--pool 30 31 32 33 is round extract46's)")
    parser.add_argument("--guard", choices=("shipped", "before"), default="shipped",
                        help="the pass no ILO set may fall under: as shipped, or before round extract46 (default "
                             "%(default)s)")
    parser.add_argument("--settings", choices=("grid", "shipped"), default="grid",
                        help="with --keep: the pass's settings tried with the decision, the grid (default) or only the "
                             "settings as shipped (the bar alone chosen: a sixtieth of the time)")
    parser.add_argument("--l2", type=float, default=L2, help="the regression's penalty (default %(default)s)")
    parser.add_argument("--shipped", action="store_true",
                        help="score the pass as shipped (its settings and ontology/theme-keep.tsv) against the pass before")
    parser.add_argument("--features", nargs="+", choices=KEEP_FEATURES, default=list(KEEP_FEATURES),
                        help="the features the regression may weigh (the others get weight 0; default all)")
    parser.add_argument("--concepts", type=float, default=0.0, metavar="L2",
                        help="give each concept a term of its own in the regression, under this penalty (default off; "
                             "round themes50: 3)")
    parser.add_argument("--write", action="store_true", help="write the decision to --out (with --keep)")
    parser.add_argument("--final", action="store_true",
                        help="with --keep: only the decision trained and chosen on the whole pool (what --write writes), "
                             "not the nested held-out estimate (a seventh of the time)")
    parser.add_argument("--out", type=Path, default=CANDIDATE,
                        help=f"where --write writes (default %(default)s; the pass reads ontology/{KEEP_FILE})")
    parser.add_argument("--candidate", action="store_true",
                        help="score the candidate decision (--out) at the settings chosen with it against the pass before")
    args = parser.parse_args(argv)
    FRESH[:] = [f"nonilo{k}" for k in args.fresh]
    POOL[:] = [f"nonilo{k}" for k in (args.pool or args.fresh)]
    if unknown := [n for n in {*FRESH, *POOL} if n not in SETS]:
        parser.error(f"no open batch {', '.join(sorted(unknown))} (tests/data/<name>-gold.json)")
    if args.shipped:
        shipped_now()
        return
    if args.candidate:
        keep = KeepModel.read(args.out)
        assert keep is not None, f"no decision in {args.out}"
        print(f"candidate: {CHOSEN}, keep decision at {keep.at} (seen by it on the batches it was trained on)")
        report({b: (CHOSEN, keep) for b in FRESH}, "candidate")
        fitted_cost(CHOSEN, keep)
        return
    USED.clear()
    USED.update(args.features)
    CONCEPT_L2[0] = args.concepts
    print("shipped pass, each batch by its own fold model:")
    for b in FRESH:
        print(f"  {b}: {_prf(held(b, SHIPPED))}")
    if args.pass_grid:
        choose_pass(args.guard)
    if args.keep:
        base = ilo_base(args.guard)
        grid = keep_grid() if args.settings == "grid" else [NOW]
        if not args.final:
            choice = {b: choose_keep([o for o in POOL if o != b], grid, base, args.l2) for b in FRESH}
            report(choice, "keep decision")
        s, keep = choose_keep(POOL, grid, base, args.l2)
        if keep is None:
            return
        print(f"  chosen on all of {_span(POOL)}: {s}, t={keep.at}, bias {keep.bias:+.3f}, " +
              ", ".join(f"{f} {w:+.3f}" for f, w in zip(KEEP_FEATURES, keep.weights)))
        if keep.concepts:
            print("  concepts: " + ", ".join(f"{t} {w:+.3f}" for t, w in sorted(keep.concepts, key=lambda c: c[1])))
        fitted_cost(s, keep)
        if args.write:
            lines = ["# The keep decision over a story's rule themes (graph/extract/learned.py, pass learned-themes):",
                     "# a logistic regression over graph.extract.learned.KEEP_FEATURES, one weight a feature shared by",
                     "# every theme; a rule theme is kept when its probability is `at` or more (the story's likeliest",
                     f"# always). Trained on batches {_span(POOL)}'s rule themes (their log-odds from fold models trained",
                     f"# without each) by: python -m bench.themes_keep --keep --write --l2 {args.l2} --pool "
                     f"{' '.join(n[6:] for n in POOL)} --features "
                     f"{' '.join(f for f in KEEP_FEATURES if f in USED)}"
                     + (f" --concepts {args.concepts}" if args.concepts else "")
                     + (f" --settings {args.settings}" if args.settings != "grid" else ""),
                     "# (features left out weigh 0; concept:<id> is a concept's own term, added to the bias for its",
                     "# themes; the pass's settings chosen with it, ADD_AT HAVE_BELOW VETO_AT",
                     f"# VETO_AMONG ASIDE_AT ASIDE_AMONG in graph/extract/learned.py: {s})",
                     f"bias\t{keep.bias:.4f}", f"at\t{keep.at}",
                     *(f"{f}\t{w:.4f}" for f, w in zip(KEEP_FEATURES, keep.weights)),
                     *(f"{CONCEPT}{t}\t{w:.4f}" for t, w in keep.concepts)]
            args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

