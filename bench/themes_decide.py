"""How many themes a story gets, decided per theme: `python -m bench.themes_decide [--held 26 ... 45]`.

The pass's decisions over the model's scores are global: one bar for the addition (ADD_AT, the likeliest theme the
story lacks, in a story of fewer than HAVE_BELOW themes), one for the veto. A theme model's log-odds are not equally
calibrated across themes (a theme the open batches' readers give often sits higher), so a bar per theme could add
where the model is sure and hold back where it is not. Measured nested over time, as bench.themes_nested judges: each
held-out batch k is scored by the theme model trained on the ILO sets and the open batches before it (gap 1), and
every per-theme setting is chosen on the batches before k, each scored the same way (by the model trained before it),
so no batch's gold reaches its own decision. Forms (`--forms`):

- `global`: (ADD_AT, HAVE_BELOW) re-chosen over a grid on the batches before k (the control: the decision's one
  global bar, re-chosen the same way);
- `add`: a per-theme offset on the addition's log-odds (the addition picks the likeliest of score - offset and adds
  it when that is at least logit(ADD_AT)), chosen by coordinate ascent over a grid of offsets;
- `drop`: a per-theme bar under which a rule theme said once, not by its own name, is dropped from a story of two
  themes or more (never the story's likeliest), chosen the same way;
- `add+drop`: both, the drops chosen first;
- `count`: after the pass as shipped, the likeliest themes the story lacks are added while it has fewer than the
  number the model expects (the sum of its probabilities) plus a slack, each at least a floor (slack and floor chosen
  on the batches before k, the pass as shipped among the choices); `count-drop`: while it has more, its least likely
  rule themes said once are dropped under the floor.

A story's state before the addition (its themes after the rule passes, the keep decision and the veto) is the pass's
own (`learned_themes` with the addition off); the addition and the drops are then replayed from the model's scores,
which reproduces the pass as shipped exactly when every offset is 0 (checked per batch). Fitted models are
bench.themes_nested's (cached in /tmp/storygraph-themes-nested).
"""
from __future__ import annotations

import argparse
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from graph.extract.learned import ADD_AT, HAVE_BELOW, ThemeModel, learned_themes, logit, own_name
from graph.extract.spans import SUMMARY, TITLE
from graph.records import EntityKind

from bench.themes_nested import print_held_out, VARIANTS, fit_rows, newest_before, run_jobs, training_sets
from bench.train_themes import BATCHES, examples

OFF = 1.0 - 1e-12  # an addition bar nothing reaches: the pass with the addition off
ADD_OFFSETS = (-1.0, -0.5, 0.0, 0.5, 1.0, 2.0, math.inf)  # log-odds added to a theme's addition bar
DROP_BARS = (0.0, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3)  # probability under which a theme said once is dropped (0: never)
# (slack, floor): the first, an empty move (floor 1: nothing passes), is the pass as shipped
COUNT_ADD = ((0.0, 1.0), *itertools.product((-0.5, -0.25, 0.0, 0.25, 0.5, 1.0), (0.15, 0.2, 0.25, 0.3, 0.35, 0.45)))
COUNT_DROP = ((0.0, 0.0), *itertools.product((0.0, 0.5, 1.0, 1.5, 2.0), (0.05, 0.1, 0.15, 0.2, 0.3)))
GLOBAL = tuple(itertools.product((0.35, 0.4, 0.45, 0.5, 0.55, 0.6), (2, 3, 4, 9)))


@dataclass
class Story:
    """A story's state before the addition and the model's log-odds for every theme."""
    base: set[str]  # its themes after the rule passes, the keep decision and the veto
    lone: set[str]  # of those, the rule themes said once and not by their own name
    scores: dict[str, float]  # theme -> log-odds
    evidence: set[str]  # the themes with a positively weighted stem in the story (the addition needs one)
    gold: set[str]


def stories(name: str, model: ThemeModel) -> list[Story]:
    from bench.themes_keep import NOW
    from bench.themes_lobo import docs
    from graph.extract.learned import shipped_keep

    theme = EntityKind.THEME
    out = []
    for doc, gold in docs(name):
        before = list(doc.found)
        learned_themes(doc, model, OFF, *NOW[1:], keep=shipped_keep() or False)
        spans: dict[str, list] = {}
        for s in doc.found:
            if s.kind is theme and s.key is not None:
                spans.setdefault(s.key, []).append(s)
        doc.found[:] = before
        title, text = doc.folded.get(TITLE, ""), doc.folded.get(SUMMARY, "")
        feats = model.features(title, text)
        values = model.scores(feats)
        stems = {w for t in (title, text) for w, _, _ in model.evidence_stems(t)}
        evidence = {t for i, t in enumerate(model.themes) if any(model.columns[i].get(w, 0.0) > 0 for w in stems)}
        lone = {t for t, ss in spans.items() if len(ss) == 1 and not own_name(doc, ss[0])}
        out.append(Story(set(spans), lone, dict(zip(model.themes, values)), evidence, gold))
    return out


def decide(story: Story, add: dict[str, float], drop: dict[str, float], add_at: float = ADD_AT,
           have_below: int = HAVE_BELOW) -> set[str]:
    """The story's themes under per-theme addition offsets and drop bars (empty dicts: the pass as shipped)."""
    themes = set(story.base)
    if drop and len(themes) > 1:
        likeliest = max(themes, key=lambda t: story.scores.get(t, -math.inf))
        for t in sorted(story.lone):
            bar = drop.get(t, 0.0)
            if bar > 0 and t != likeliest and t in story.scores and story.scores[t] < logit(bar) and len(themes) > 1:
                themes.discard(t)
    if len(themes) >= have_below:
        return themes
    best, value = None, -math.inf
    for t, s in story.scores.items():
        if t not in themes and s - add.get(t, 0.0) > value:
            best, value = t, s - add.get(t, 0.0)
    if best is not None and value >= logit(add_at) and best in story.evidence:
        themes.add(best)
    return themes


def by_count(story: Story, slack: float, floor: float, drop: bool = False) -> set[str]:
    """The story's themes after the pass as shipped, then brought toward the number of themes the model expects (the
    sum of its probabilities, plus `slack`): while it has fewer, the likeliest theme it lacks is added when its
    probability is at least `floor`; with `drop`, while it has more, its least likely rule theme said once (not by its
    own name, not the likeliest) is dropped when its probability is under `floor`."""
    themes = decide(story, {}, {})
    if not 0.0 < floor < 1.0:  # the pass as shipped
        return themes
    bar = logit(floor)
    expected = sum(1.0 / (1.0 + math.exp(-v)) for v in story.scores.values()) + slack
    if drop:
        likeliest = max(themes, key=lambda t: story.scores.get(t, -math.inf), default=None)
        doubted = sorted((story.scores[t], t) for t in themes & story.lone if t != likeliest and t in story.scores)
        for value, t in doubted:
            if len(themes) <= expected or value >= bar:
                break
            themes.discard(t)
        return themes
    left = sorted(((v, t) for t, v in story.scores.items() if t not in themes and t in story.evidence), reverse=True)
    for value, t in left:
        if len(themes) + 1 > expected or value < bar:
            break
        themes.add(t)
    return themes


def f1(batch: Sequence[Story], add: dict[str, float], drop: dict[str, float], add_at: float = ADD_AT,
       have_below: int = HAVE_BELOW, count: tuple[float, float, bool] | None = None) -> float:
    """A batch's theme F1 (micro, as bench.themes_keep counts it) under per-theme offsets and bars, or by count."""
    right = found = gold = 0
    for s in batch:
        got = by_count(s, *count) if count is not None else decide(s, add, drop, add_at, have_below)
        right, found, gold = right + len(got & s.gold), found + len(got), gold + len(s.gold)
    p, r = right / found if found else 0.0, right / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def total(pool: Sequence[Sequence[Story]], add: dict[str, float], drop: dict[str, float], add_at: float = ADD_AT,
          have_below: int = HAVE_BELOW) -> float:
    """The pool's summed F1 (each batch's own) under these offsets, bars and setting."""
    return sum(f1(b, add, drop, add_at, have_below) for b in pool)


def ascend(pool: Sequence[Sequence[Story]], themes: Sequence[str], grid: Sequence[float], which: str,
           fixed: dict[str, float], rounds: int = 2, least: float = 1e-4) -> dict[str, float]:
    """Per-theme values by coordinate ascent on the summed F1 of the pool's batches (a move must gain `least`)."""
    chosen: dict[str, float] = {}
    default = 0.0
    for _ in range(rounds):
        moved = False
        for t in themes:
            def value(v: float, t: str = t) -> float:
                trial = {**chosen, t: v}
                return total(pool, trial, fixed) if which == "add" else total(pool, fixed, trial)
            now = value(chosen.get(t, default))
            best_v, best = chosen.get(t, default), now
            for v in grid:
                got = value(v)
                if got > best + least:
                    best_v, best = v, got
            if best_v != chosen.get(t, default):
                chosen[t], moved = best_v, True
        if not moved:
            break
    return {t: v for t, v in chosen.items() if v != default}


def _fit_job(newest: int) -> None:
    fit_rows(VARIANTS["shipped"], newest)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held", nargs="+", type=int, default=[k for k in BATCHES if k >= 26])
    parser.add_argument("--first", type=int, default=14, help="the oldest batch a decision is chosen on (default 14)")
    parser.add_argument("--forms", nargs="+", default=["global", "add", "drop", "add+drop", "count", "count-drop"],
                        choices=["global", "add", "drop", "add+drop", "count", "count-drop"])
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--least", type=float, default=1e-4,
                        help="the summed F1 over the pool a per-theme move must gain (default 1e-4)")
    args = parser.parse_args(argv)
    held = [k for k in args.held if k in BATCHES]
    scored = [k for k in BATCHES if args.first <= k <= max(held)]
    newest = sorted({newest_before(k, 1) for k in scored})
    for n in {n for k in newest for n in training_sets(VARIANTS["shipped"], k)}:
        examples(n)
    run_jobs(_fit_job, newest, args.jobs)
    from bench.themes_nested import score

    batches: dict[int, list[Story]] = {}
    for k in scored:
        model = ThemeModel.from_rows(fit_rows(VARIANTS["shipped"], newest_before(k, 1)))
        batches[k] = stories(f"nonilo{k}", model)
        if k in held:
            shipped = score(f"nonilo{k}", model)[2]
            replay = f1(batches[k], {}, {})
            assert abs(shipped - replay) < 1e-9, (k, shipped, replay)
    themes = sorted({t for b in batches.values() for s in b for t in s.scores})
    base = {k: f1(batches[k], {}, {}) for k in held}
    rows: dict[str, list[float]] = {}
    notes: dict[str, list[str]] = {}
    for form in args.forms:
        rows[form], notes[form] = [], []
        for k in held:
            pool = [batches[j] for j in scored if j < k]
            if form in ("count", "count-drop"):
                grid = COUNT_ADD if form == "count" else COUNT_DROP
                best = max(grid, key=lambda c: (sum(f1(b, {}, {}, count=(*c, form == "count-drop")) for b in pool),
                                                c == grid[0]))
                rows[form].append(f1(batches[k], {}, {}, count=(*best, form == "count-drop")))
                notes[form].append(f"{k}:{best[0]}/{best[1]}")
                continue
            if form == "global":
                setting = max(GLOBAL, key=lambda s: (total(pool, {}, {}, *s), s == (ADD_AT, HAVE_BELOW)))
                rows[form].append(f1(batches[k], {}, {}, *setting))
                notes[form].append(f"{k}:{setting[0]}/{setting[1]}")
                continue
            drop = ascend(pool, themes, DROP_BARS, "drop", {}, least=args.least) if "drop" in form else {}
            add = ascend(pool, themes, ADD_OFFSETS, "add", drop, least=args.least) if "add" in form else {}
            rows[form].append(f1(batches[k], add, drop))
            notes[form].append(f"{k}: add {len(add)} drop {len(drop)}")
            if k == held[-1]:  # what the newest pool chose
                notes[form].append("offsets " + ", ".join(f"{t} {v:+g}" for t, v in sorted(add.items()))
                                   + "; bars " + ", ".join(f"{t} {v:g}" for t, v in sorted(drop.items())))
    print_held_out("theme F1 of each held-out batch (the model trained on the batches before it; decisions chosen "
                   f"on batches {args.first}..k-1)", held, base, rows, notes)


if __name__ == "__main__":
    main()
