"""A second theme addition after the pass as shipped, measured on fresh text: `python -m bench.themes_second`.

Round themes51 (tests/data/NONILO.md): most misses on the fresh batches (30-39) are stories with no label or cue of
the concept, and the learned-themes pass adds at most one theme (probability 0.45 or more, in a story left with fewer
than four). This script asks whether a second decision, run after the pass as shipped, can add one more theme the story
lacks, from evidence beyond the word model's score alone: the candidate's rank, the story's number of themes, whether
the pass already added one, how often the candidate goes with the story's themes in the annotated sets' gold
(co-occurrence lift, counted without the batch scored), and optionally a term a concept (`--concepts`).

Every batch is scored by the theme model trained without it (bench.themes_keep.model). Nested leave-one-batch-out on
the fresh batches: for batch k the decision is trained on the other fresh batches' candidates, its bar chosen on their
out-of-fold scores (each inner batch by a decision trained without it) among the bars under which no ILO set's theme
F1 falls, held out or seen; batch k is judged last. `--rules` does the same for a plain rule (the likeliest candidate,
or every candidate, over a probability in a story of at most H themes). Nothing here changes the pass; not shipped.
"""
from __future__ import annotations

import argparse
import collections
import math
from collections.abc import Callable, Sequence

import numpy as np

from graph.extract.learned import learned_themes, probability, shipped_keep
from graph.records import EntityKind, Field

from bench.themes_keep import NOW, fit_keep, model
from bench.themes_lobo import ILO, docs
from bench.train_themes import SETS, gold_stories

FRESH = [f"nonilo{k}" for k in range(30, 40)]
FEATURES = ("odds", "top", "margin", "n1", "n2", "n3", "added", "cmax", "cmean", "words")
BARS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.99)
EPSILON = 1e-9
Candidate = tuple[str, dict[str, float], bool]  # theme, its features, whether the gold has it
Story = tuple[tuple[int, int, int], list[Candidate]]  # (right, found, gold) after the pass, the candidates
Decide = Callable[[list[Candidate]], list[Candidate]]

_GOLD: dict[str, list[set[str]]] = {}
_ROWS: dict[tuple[str, str], list[Story]] = {}


def _golds(name: str) -> list[set[str]]:
    if name not in _GOLD:
        _GOLD[name] = [themes for _, themes in gold_stories(name)]
    return _GOLD[name]


def cooccurrence(without: str | None) -> tuple[int, collections.Counter[str], collections.Counter[tuple[str, str]]]:
    """Stories, theme counts and ordered pair counts in the gold of every annotated set but `without`."""
    n = 0
    single: collections.Counter[str] = collections.Counter()
    pair: collections.Counter[tuple[str, str]] = collections.Counter()
    for name in SETS:
        if name == without:
            continue
        for gold in _golds(name):
            n += 1
            single.update(gold)
            pair.update((a, b) for a in gold for b in gold if a != b)
    return n, single, pair


def stories(name: str, scored: str) -> list[Story]:
    """The set's stories after the pass as shipped, each with its candidates (themes it lacks at probability 0.1 or
    more), scored by the model trained without the set ("held") or on every set ("seen")."""
    if (name, scored) in _ROWS:
        return _ROWS[name, scored]
    without = name if scored == "held" else None
    m, keep, theme = model(without), shipped_keep(), EntityKind.THEME
    n, single, pair = cooccurrence(without)
    out: list[Story] = []
    for doc, gold in docs(name):
        before = list(doc.found)
        learned_themes(doc, m, *NOW, keep=keep if keep is not None else False)
        kept = {s.key for s in doc.found if s.kind is theme and s.key is not None}
        added = float(any(s.kind is theme and s.method == "learned" for s in doc.found))
        doc.found[:] = before
        feats = m.features(doc.folded.get(Field.TITLE, ""), doc.folded.get(Field.SUMMARY, ""))
        ranked = sorted(((s, t) for t, s in zip(m.themes, m.scores(feats)) if t not in kept), reverse=True)
        candidates: list[Candidate] = []
        for rank, (score, t) in enumerate(ranked):
            p = probability(score)
            if p < 0.1:
                break
            base = (single[t] + 1) / (n + 2)
            lifts = [math.log((pair[k, t] + 0.5) / (single[k] + 1) / base) for k in kept]
            f = {"odds": max(-6.0, min(6.0, score)), "top": float(rank == 0),
                 "margin": max(-6.0, min(6.0, score - ranked[0][0])), "n1": float(len(kept) <= 1),
                 "n2": float(len(kept) == 2), "n3": float(len(kept) >= 3), "added": added,
                 "cmax": max(lifts, default=0.0), "cmean": sum(lifts) / len(lifts) if lifts else 0.0,
                 "words": min(len(feats), 80) / 40, "p": p, "kept": float(len(kept)), f"concept:{t}": 1.0}
            candidates.append((t, f, t in gold))
        out.append(((len(kept & gold), len(kept), len(gold)), candidates))
    _ROWS[name, scored] = out
    return out


def f1(name: str, scored: str, decide: Decide) -> float:
    right = found = gold = 0
    for (r, f, g), candidates in stories(name, scored):
        adds = decide(candidates)
        right, found, gold = right + r + sum(c[2] for c in adds), found + f + len(adds), gold + g
    precision, recall = right / found if found else 1.0, right / gold if gold else 1.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def nothing(candidates: list[Candidate]) -> list[Candidate]:
    return []


def ilo_safe(decide: Decide) -> bool:
    return all(f1(n, v, decide) >= f1(n, v, nothing) - EPSILON for n in ILO for v in ("held", "seen"))


def rule(at: float, most: int, top: bool) -> Decide:
    """Add the likeliest candidate (every one when `top` is false) at probability `at` or more, in a story of at most
    `most` themes."""
    return lambda cs: [c for c in cs[:1 if top else None] if c[1]["p"] >= at and c[1]["kept"] <= most]


def decision(weights: tuple[float, np.ndarray], names: Sequence[str], at: float) -> Decide:
    """Add the candidate the regression finds likeliest when its probability is `at` or more."""
    bias, w = weights
    bar = math.log(at / (1 - at))

    def decide(cs: list[Candidate]) -> list[Candidate]:
        scored = [(bias + sum(wi * c[1].get(n, 0.0) for wi, n in zip(w, names)), c) for c in cs]
        scored = [x for x in scored if x[0] >= bar]
        return [max(scored, key=lambda x: x[0])[1]] if scored else []
    return decide


def fitted(batches: Sequence[str], names: Sequence[str], l2: float) -> tuple[float, np.ndarray]:
    rows = [(c[1], c[2]) for b in batches for _, cs in stories(b, "held") for c in cs]
    x = np.array([[f.get(n, 0.0) for n in names] for f, _ in rows])
    return fit_keep(x, np.array([float(g) for _, g in rows]), l2)


def choose(batches: Sequence[str], names: Sequence[str], l2s: Sequence[float]) -> Decide:
    """The regression on `batches` at the penalty and bar with the best out-of-fold gain on them (each batch by a
    regression trained without it) that lower no ILO set."""
    best: tuple[float, tuple[float, np.ndarray], float] | None = None
    for l2 in l2s:
        inner = {b: fitted([o for o in batches if o != b], names, l2) for b in batches}
        full = fitted(batches, names, l2)
        for at in BARS:
            gain = sum(f1(b, "held", decision(inner[b], names, at)) - f1(b, "held", nothing) for b in batches)
            if (best is None or gain > best[0] + EPSILON) and ilo_safe(decision(full, names, at)):
                best = (gain, full, at)
    return decision(best[1], names, best[2]) if best is not None else nothing


def report(label: str, gains: list[float]) -> None:
    print(f"{label}: nested mean {sum(gains) / len(gains):+.4f} ({sum(g > EPSILON for g in gains)} up, "
          f"{sum(g < -EPSILON for g in gains)} down): " + " ".join(f"{g:+.4f}" for g in gains), flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", nargs="+", choices=FEATURES, default=list(FEATURES))
    parser.add_argument("--l2", type=float, nargs="+", default=[1.0],
                        help="the regression's penalty, or penalties each fold chooses among (default %(default)s)")
    parser.add_argument("--concepts", action="store_true", help="a term a concept in the regression")
    parser.add_argument("--rules", action="store_true", help="the plain rules instead of the regression")
    parser.add_argument("--fresh", nargs="+", type=int, default=None,
                        help="the fresh batches, each judged nested (default 30-39, round themes51; themes55: 30-43)")
    args = parser.parse_args(argv)
    if args.fresh:
        FRESH[:] = [f"nonilo{k}" for k in args.fresh]
    for b in FRESH:
        print(f"  {b}: the pass as shipped, held out {f1(b, 'held', nothing):.4f}")
    if args.rules:
        grid = [(at, most, top) for at in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45) for most in (1, 2, 3, 4)
                for top in (True, False)]
        safe = [s for s in grid if ilo_safe(rule(*s))]
        gain = {(b, s): f1(b, "held", rule(*s)) - f1(b, "held", nothing) for b in FRESH for s in safe}
        picks = {b: max(safe, key=lambda s: sum(gain[o, s] for o in FRESH if o != b)) for b in FRESH}
        report(f"rules ({len(safe)} of {len(grid)} lower no ILO set)", [gain[b, picks[b]] for b in FRESH])
        return
    names = list(args.features)
    if args.concepts:
        names += sorted({n for b in FRESH for _, cs in stories(b, "held") for c in cs for n in c[1]
                         if n.startswith("concept:")})
    gains = [f1(b, "held", choose([o for o in FRESH if o != b], names, args.l2)) - f1(b, "held", nothing)
             for b in FRESH]
    report(f"decision over {' '.join(args.features)}{' + concepts' if args.concepts else ''}, "
           f"L2 {' / '.join(map(str, args.l2))}", gains)


if __name__ == "__main__":
    main()
