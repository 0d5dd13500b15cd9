"""Which of a story's plausible themes to keep, judged leave-one-batch-out: `python -m bench.themes_rank [--additions]`.

Rows: for each non-ILO batch k, the word model (bench.train_themes, pruned as shipped, read back as the pass reads it)
trained on the other batches and the ILO sets gives every theme's probability for batch k's stories, beside the themes
the rule passes found there and their evidence (mentions, a mention in the title, in the summary's first sentence,
only weak labels, only topic cues). Each ILO set has two kinds of rows: scored by a model trained without it
(`ilo:NAME`, held out) and by the model trained on every set (`NAME`, seen, as the tests score it). The rows are cached
in the temporary folder under a digest of what they come from (the extractor's code, the ontology, the annotated sets
and these harnesses), so a change to any of them builds them again; `--rebuild` redoes them anyway. Everything is compared with the pass as it was before round extract21 (asides
0.15, veto 0.08 among 3, addition (0.6, 2)); every choice is made on the other batches and the ILO sets, never on
batch k, and only among settings that lower no ILO set's theme F1 (with `--guard seen`, held-out and seen rows).

- default: a ranker (a second, L2 logistic model) over each story's candidates — its rule themes and the word model's
  `--top` likeliest other themes at `--floor` or more — from the word model's log-odds and lead, the candidate's rank,
  its rule evidence, the story's number of rule themes and (`--opts co`) how often the candidate goes with the story's
  other rule themes in the training gold; a story keeps the candidates over a cut chosen per fold (at least its best).
  `--opts addonly` lets the ranker only add to what the pass keeps; `lonely` lets it drop only rule themes said once
  after the first sentence; `--ilo-train` trains it on the held-out ILO rows too; `--guard none` shows it unguarded.
- `--additions`: the pass's asides and veto, then an addition with a bar per number of themes left (a grid), chosen
  per fold.
- `--baseline --add A H`: the pass with the addition (A, H) against (0.6, 2), per set.
"""
from __future__ import annotations

import argparse
import hashlib
import math
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bench.themes_lobo import ILO, docs, model_of
from bench.themes_variants import BATCHES, asides, own_named, report, rule_themes
from bench.train_themes import ROOT
from graph.extract.doc import Doc
from graph.extract.learned import ADD_AT, HAVE_BELOW, probability
from graph.extract.selection import sentence_of
from graph.records import EntityKind, Field

# what the rows are built from: a change to any of these files makes them stale
_SOURCES = (("graph", "**/*.py"), ("ontology", "*"), ("tests/data", "*"), ("tests", "seed-gold.json"), ("seeds", "*"),
            ("bench", "themes_*.py"), ("bench", "train_themes.py"))
Evidence = tuple[int, bool, bool, bool, bool]  # mentions, in the title, in the first sentence, weak only, topic only
# one story: rule themes -> mentions, theme -> probability, gold, own-named themes, asides, rule themes -> evidence
Story = tuple[dict[str, int], dict[str, float], set[str], set[str], set[str], dict[str, Evidence]]
Counts = tuple[int, int, int]
BEFORE = (0.6, 2)  # the addition before round extract21
CUTS = tuple(round(0.20 + 0.025 * i, 3) for i in range(25))
OPTIONS = ("co", "addonly", "lonely")


def evidence(doc: Doc) -> dict[str, Evidence]:
    """Each rule theme's evidence in the story."""
    out: dict[str, list] = {}
    text = doc.texts.get(Field.SUMMARY, "")
    for s in doc.found:
        if s.kind is not EntityKind.THEME or s.key is None:
            continue
        e = out.setdefault(s.key, [0, False, False, True, True])
        e[0] += 1
        e[1] |= s.field is Field.TITLE
        e[2] |= s.field is Field.SUMMARY and sentence_of(text, s.start) == 0
        e[3] &= s.confidence <= 0.7
        e[4] &= s.method == "topic"
    return {t: (v[0], v[1], v[2], v[3], v[4]) for t, v in out.items()}


def build() -> dict[str, list[Story]]:
    """Every set's rows (see the module's docstring)."""
    def scored(model, name: str) -> list[Story]:
        out: list[Story] = []
        for d, g in docs(name):
            scores = model.scores(model.features(d.folded.get(Field.TITLE, ""), d.folded.get(Field.SUMMARY, "")))
            out.append((rule_themes(d), dict(zip(model.themes, map(probability, scores))), g, own_named(d), asides(d),
                        evidence(d)))
        return out

    every = [*ILO, *BATCHES]
    rows = {b: scored(model_of([n for n in every if n != b]), b) for b in BATCHES}
    rows.update({f"ilo:{i}": scored(model_of([n for n in every if n != i]), i) for i in ILO})
    seen = model_of(every)
    rows.update({i: scored(seen, i) for i in ILO})
    return rows


def cache_file() -> Path:
    """Where the rows of the present code, ontology and annotated sets are cached (named by their digest)."""
    digest = hashlib.sha1()
    for folder, pattern in _SOURCES:
        for path in sorted((ROOT / folder).glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return Path(tempfile.gettempdir()) / f"storygraph-theme-rank-rows-{digest.hexdigest()[:16]}.pkl"


def rows_cached(rebuild: bool) -> dict[str, list[Story]]:
    """Every set's rows, from the cache when it holds those of the present sources (`cache_file`)."""
    cache = cache_file()
    if cache.is_file() and not rebuild:
        return pickle.loads(cache.read_bytes())
    rows = build()
    cache.write_bytes(pickle.dumps(rows))
    return rows


def passed(story: Story, bars: Sequence[float] = (), fill: bool = False) -> set[str]:
    """The themes the pass leaves: the asides (0.15), the veto (0.08 among 3), then additions: a story left with k
    themes gains the model's likeliest lacking theme when its probability is at least bars[k] (none past len(bars));
    with `fill`, again until no bar is met."""
    rules, probs, _, own, aside, _ = story
    themes = set(rules)
    dropped = {t for t in aside if probs.get(t, 1.0) < 0.15}
    if dropped and len(dropped) < len(themes):
        themes -= dropped
    if len(themes) >= 3:
        doubted = [(probs.get(t, 1.0), t) for t in themes if rules[t] == 1 and t not in own]
        if doubted and min(doubted)[0] < 0.08:
            themes.discard(min(doubted)[1])
    while len(themes) < len(bars):
        best = max(((q, t) for t, q in probs.items() if t not in themes), default=None)
        if best is None or best[0] < bars[len(themes)]:
            break
        themes.add(best[1])
        if not fill:
            break
    return themes


def addition(add_at: float, have_below: int) -> tuple[float, ...]:
    return (add_at,) * have_below


def score(stories: Sequence[Story], chosen: Sequence[set[str]]) -> Counts:
    right = sum(len(c & s[2]) for s, c in zip(stories, chosen))
    return right, sum(map(len, chosen)), sum(len(s[2]) for s in stories)


def prf(c: Counts) -> tuple[float, float, float]:
    p, r = (c[0] / c[1] if c[1] else 1.0), c[0] / c[2]
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _text(c: Counts) -> str:
    return "/".join(f"{v:.3f}" for v in prf(c))


# ---- the ranker ------------------------------------------------------------------------------------------------

Cooccurrence = tuple[dict[tuple[str, str], float], dict[str, float]]


def cooccurrence(stories: Sequence[Story]) -> Cooccurrence:
    """P(t | s) over the training gold (smoothed towards P(t)), and P(t)."""
    pair: dict[tuple[str, str], int] = {}
    one: dict[str, int] = {}
    for s in stories:
        for a in s[2]:
            one[a] = one.get(a, 0) + 1
            for b in s[2]:
                if a != b:
                    pair[(a, b)] = pair.get((a, b), 0) + 1
    prior = {t: (c + 1) / (len(stories) + 2) for t, c in one.items()}
    return {(a, b): (c + prior[b] * 5) / (one[a] + 5) for (a, b), c in pair.items()}, prior


def candidates(story: Story, top: int, floor: float) -> list[str]:
    rules, probs = story[0], story[1]
    return [*rules, *sorted((t for t in probs if t not in rules and probs[t] >= floor), key=lambda t: -probs[t])[:top]]


def features(story: Story, cands: list[str], co: Cooccurrence, options: set[str]) -> np.ndarray:
    """One row per candidate (see the module's docstring)."""
    rules, probs, _, own, aside, ev = story
    z = {t: math.log(max(probs.get(t, 1e-6), 1e-6) / max(1 - probs.get(t, 1e-6), 1e-6)) for t in cands}
    order = sorted(cands, key=lambda t: -z[t])
    top, n = z[order[0]], len(rules)
    out = []
    for t in cands:
        e = ev.get(t)
        rule = float(e is not None)
        f = [1.0, z[t], z[t] - top, float(order[0] == t), float(order.index(t)), rule,
             float(bool(e and e[0] == 1)), float(bool(e and e[0] >= 2)), float(bool(e and e[1])), float(bool(e and e[2])),
             float(bool(e and not e[1] and not e[2])), float(t in own), float(bool(e and e[3])), float(bool(e and e[4])),
             float(t in aside), float(n <= 1), float(n == 2), float(n == 3), float(n >= 4)]
        f += [x * rule for x in f[1:5]]  # the model's say, apart for rule and model-only candidates
        if "co" in options:
            pairs, prior = co
            lift = [math.log(pairs.get((s, t), prior.get(t, 1e-3) * 0.5) / prior.get(t, 1e-3)) for s in rules if s != t]
            f += [max(lift, default=0.0), sum(lift) / len(lift) if lift else 0.0]
        out.append(f)
    return np.array(out)


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """L2 logistic regression by Newton's method."""
    w = np.zeros(x.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-(x @ w)))
        hessian = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, x.T @ (p - y) + l2 * w)
    return w


class Ranker:
    """One fold's ranker: trained on some sets' rows, it orders each story's candidates and keeps those over a cut."""

    def __init__(self, stories: Sequence[Story], options: set[str], top: int, floor: float, l2: float) -> None:
        self.options, self.top, self.floor = options, top, floor
        self.co = cooccurrence(stories)
        xs, ys = [], []
        for s in stories:
            cands = candidates(s, top, floor)
            if not cands:
                continue
            xs.append(features(s, cands, self.co, options))
            ys += [float(t in s[2]) for t in cands]
        self.w = fit(np.vstack(xs), np.array(ys), l2)

    def ranked(self, story: Story) -> list[tuple[float, str]]:
        cands = candidates(story, self.top, self.floor)
        if not cands:
            return []
        q = 1 / (1 + np.exp(-(features(story, cands, self.co, self.options) @ self.w)))
        return sorted(zip(q.tolist(), cands), reverse=True)

    def kept(self, story: Story, ranked: list[tuple[float, str]], cut: float) -> set[str]:
        picked = {t for i, (q, t) in enumerate(ranked) if q >= cut or i == 0}
        ev = story[5]
        if "addonly" in self.options:
            picked = passed(story, addition(*BEFORE)) | {t for t in picked if t not in ev}
        if "lonely" in self.options:  # only a rule theme said once after the first sentence may go
            picked |= {t for t, e in ev.items() if e[0] >= 2 or e[1] or e[2]}
        return picked


def run_ranker(rows: dict[str, list[Story]], options: set[str], top: int, floor: float, l2: float, ilo_train: bool,
               guard: str) -> None:
    before = {n: score(rows[n], [passed(s, addition(*BEFORE)) for s in rows[n]]) for n in rows}
    held_ilo = [f"ilo:{i}" for i in ILO]
    guarded = {"none": [], "heldout": held_ilo, "seen": [*held_ilo, *ILO]}[guard]
    gains = []
    for held in BATCHES:
        others = [b for b in BATCHES if b != held]
        ranker = Ranker([s for n in [*others, *(held_ilo if ilo_train else [])] for s in rows[n]], options, top, floor, l2)
        ranks = {n: [ranker.ranked(s) for s in rows[n]] for n in [*others, *held_ilo, *ILO, held]}

        def at(name: str, cut: float, ranker: Ranker = ranker, ranks: dict = ranks) -> Counts:
            return score(rows[name], [ranker.kept(s, r, cut) for s, r in zip(rows[name], ranks[name])])

        best: tuple[float, float] | None = None
        for cut in CUTS:
            if any(prf(at(i, cut))[2] < prf(before[i])[2] - 1e-9 for i in guarded):
                continue
            right, found, gold = (sum(c) for c in zip(*(at(n, cut) for n in [*others, *held_ilo])))
            pooled = (right, found, gold)
            if best is None or prf(pooled)[2] > best[0]:
                best = (prf(pooled)[2], cut)
        if best is None:
            gains.append(0.0)
            print(f"  {held}: no cut keeps the ILO sets")
            continue
        got = at(held, best[1])
        gains.append(prf(got)[2] - prf(before[held])[2])
        ilo = " ".join(f"{prf(at(i, best[1]))[2]:.3f}" for i in [*held_ilo, *ILO])
        print(f"  {held}: cut {best[1]} before {_text(before[held])} ranked {_text(got)}; ILO held out, seen {ilo}",
              flush=True)
    report(f"ranker {sorted(options)} top {top} floor {floor} L2 {l2} ILO rows {ilo_train} guard {guard}, "
           "against the pass before extract21", gains)


def run_additions(rows: dict[str, list[Story]]) -> None:
    levels = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 1.01)  # 1.01: no addition at that count
    grid: list[tuple[tuple[float, ...], bool]] = [((a0, a1, a2), fill) for a0 in levels for a1 in levels for a2 in levels for fill in (False, True)]
    grid += [((a0, a1, a2, a3), False) for a0 in (0.45, 0.5) for a1 in (0.45, 0.5) for a2 in (0.45, 0.5)
             for a3 in (0.5, 0.6, 0.7)]
    ilo = [*ILO, *(f"ilo:{i}" for i in ILO)]
    before = {n: score(rows[n], [passed(s, addition(*BEFORE)) for s in rows[n]]) for n in rows}
    res = {g: {n: score(rows[n], [passed(s, *g) for s in rows[n]]) for n in rows} for g in grid}
    safe = [g for g in grid if all(prf(res[g][i])[0] >= prf(before[i])[0] - 1e-9
                                  and prf(res[g][i])[2] >= prf(before[i])[2] - 1e-9 for i in ilo)]
    print(f"{len(safe)} of {len(grid)} settings lower no ILO set's theme precision or F1")

    def gain(g: tuple, names: Sequence[str]) -> float:
        return sum(prf(res[g][b])[2] - prf(before[b])[2] for b in names)

    gains = []
    for held in BATCHES:
        g = max(safe, key=lambda g: gain(g, [b for b in BATCHES if b != held]))
        gains.append(gain(g, [held]))
        print(f"  {held}: {g}")
    report("bars by theme count, chosen per fold, against the pass before extract21", gains)
    for g in sorted(safe, key=lambda g: -gain(g, BATCHES))[:5]:
        report(f"  fixed {g}", [gain(g, [b]) for b in BATCHES])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rebuild", action="store_true", help="recompute the cached rows")
    parser.add_argument("--additions", action="store_true", help="an addition bar per theme count, chosen per fold")
    parser.add_argument("--baseline", action="store_true", help="the addition --add against (0.6, 2) on every set")
    parser.add_argument("--add", nargs=2, type=float, default=(ADD_AT, HAVE_BELOW), metavar=("ADD_AT", "HAVE_BELOW"))
    parser.add_argument("--opts", nargs="*", default=[], choices=OPTIONS, help="ranker options")
    parser.add_argument("--top", type=int, default=2, help="model-only candidates a story")
    parser.add_argument("--floor", type=float, default=0.2, help="the least probability of a model-only candidate")
    parser.add_argument("--l2", type=float, default=1.0, help="the ranker's L2 penalty")
    parser.add_argument("--ilo-train", action="store_true", help="train the ranker on the held-out ILO rows too")
    parser.add_argument("--guard", choices=["heldout", "seen", "none"], default="heldout")
    args = parser.parse_args(argv)
    rows = rows_cached(args.rebuild)
    if args.additions:
        run_additions(rows)
    elif args.baseline:
        bars = addition(args.add[0], int(args.add[1]))
        for n in [*BATCHES, *ILO, *(f"ilo:{i}" for i in ILO)]:
            a = score(rows[n], [passed(s, addition(*BEFORE)) for s in rows[n]])
            b = score(rows[n], [passed(s, bars) for s in rows[n]])
            print(f"{n:<14} {BEFORE} {_text(a)}  {tuple(args.add)} {_text(b)}  {prf(b)[2] - prf(a)[2]:+.3f}")
    else:
        run_ranker(rows, set(args.opts), args.top, args.floor, args.l2, args.ilo_train, args.guard)


if __name__ == "__main__":
    main()
