"""Themes by meaning, measured held out: `python -m bench.themes_meaning --vectors FILE.npz [--joint 0.3 ...]`.

A vector per annotated story (`--vectors`: an .npz of one array per set of bench.train_themes.SETS, rows in
gold_stories order, made at dev time by bench.story_vectors: the full sentence model, or a static word table's mean).
Leave-one-batch-out over the open non-ILO batches (batch k scored by models trained on every other set, as
bench.themes_lobo does; each ILO set also held out, and seen by the model trained on every set), theme P / R / F1 of:
- rules+stems: today's extractor, the rule passes then learned-themes with the fold's stems model (shipped settings);
- pass(stems): the same over PASS_GRID (the control: what the pass's settings alone give);
- vectors: a per-theme logistic regression on the story vector alone, the themes of probability >= a bound, at most 4,
  at least 1;
- pass(vectors): learned-themes with that model's log-odds in place of the stems model's (asides, veto, addition);
- pass(mean): ... with the mean of the two models' log-odds;
- pass(stems doubt, mean adds) / (stems doubt, both add): the stems model's asides and veto, the addition by the mean
  log-odds / by the lower of the two;
- pass(joint) (`--joint SCALE ...`): one regression over the stems and the standardized vector (times SCALE) together,
  bench.train_themes' loss, L2 and steps, in learned-themes;
- rules+score: the rule themes kept, dropped and added by one score, bonus * [a rule found it] + the vector model's
  log-odds + w * the stems model's, themes at or over a bound, at most 4, at least 1.
The report lists each variant's best settings (mean held-out F1 over the batches, and every ILO figure), then each
variant's setting chosen per fold on the other batches among the settings that lower no ILO set's theme F1 or precision
by more than `--tolerance` (held out and seen) against rules+stems. tests/data/NONILO.md, round extract38.
"""
from __future__ import annotations

import argparse
import itertools
import pickle
from collections.abc import Sequence

import numpy as np
from scipy.optimize import minimize

from bench.themes_lobo import ILO, docs, f1, model_of
from bench.train_themes import BATCHES, scheme_themes
from graph.extract.learned import ThemeModel
from graph.records import EntityKind, Field

NONILO = [f"nonilo{k}" for k in BATCHES]
L2_GRID = (10.0, 30.0, 100.0, 300.0)


def fit_vectors(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Per-theme logistic regression (mean log-loss + l2/n |W|^2 / 2) by L-BFGS: (weights dims x themes, biases)."""
    n, d = x.shape
    t = y.shape[1]
    b0 = np.log((y.mean(axis=0) + 1e-3) / (1 - y.mean(axis=0) + 1e-3))

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:d * t].reshape(d, t), theta[d * t:]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        value = (np.logaddexp(0, z) - y * z).sum() / n + l2 / (2 * n) * (w * w).sum()
        g = (p - y) / n
        return value, np.concatenate([(x.T @ g + l2 / n * w).ravel(), g.sum(axis=0)])

    theta = np.concatenate([np.zeros(d * t), b0])
    res = minimize(loss, theta, jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return res.x[:d * t].reshape(d, t), res.x[d * t:]


class VectorModel:
    """Stands in for a ThemeModel in learned_themes: its scores are the precomputed log-odds of the story."""

    def __init__(self, themes: Sequence[str], logits: dict[tuple[str, str], np.ndarray], evidence: ThemeModel):
        self.themes = tuple(themes)
        self.position = {t: i for i, t in enumerate(themes)}
        self.logits = logits
        # the evidence: the stems model's column where it has a positive weight, else the story's first content word
        self.columns = tuple(_Always(evidence.columns[evidence.position[t]]) if t in evidence.position
                             else _Always({}) for t in themes)

    def features(self, title: str, summary: str) -> tuple[str, str]:
        return (title, summary)

    def score(self, feats: tuple[str, str], index: int) -> float:
        return float(self.logits[feats][index])

    def scores(self, feats: tuple[str, str]) -> list[float]:
        return [float(v) for v in self.logits[feats]]


class SplitModel(VectorModel):
    """The stems model's log-odds for the asides and the veto (`score`), another for the addition (`scores`)."""

    def __init__(self, themes: Sequence[str], logits: dict[tuple[str, str], np.ndarray],
                 doubts: dict[tuple[str, str], np.ndarray], evidence: ThemeModel):
        super().__init__(themes, logits, evidence)
        self.doubts = doubts

    def score(self, feats: tuple[str, str], index: int) -> float:
        return float(self.doubts[feats][index])


class _Always(dict):
    def __init__(self, column: dict[str, float]):
        super().__init__(column)

    def get(self, key, default=None):
        value = super().get(key)
        return value if value is not None and value > 0 else 1e-6


def key(doc) -> tuple[str, str]:
    return (doc.folded.get(Field.TITLE, ""), doc.folded.get(Field.SUMMARY, ""))


def matrices(name: str, themes: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """(rule themes, gold themes) of a set as 0/1 matrices stories x themes."""
    column = {t: j for j, t in enumerate(themes)}
    scored = docs(name)
    r = np.zeros((len(scored), len(themes)))
    g = np.zeros((len(scored), len(themes)))
    for i, (doc, gold) in enumerate(scored):
        for s in doc.found:
            if s.kind is EntityKind.THEME and s.key in column:
                r[i, column[s.key]] = 1
        for t in gold:
            if t in column:
                g[i, column[t]] = 1
    return r, g


def stems_logits(name: str, model: ThemeModel, themes: Sequence[str]) -> np.ndarray:
    out = np.zeros((len(docs(name)), len(themes)))
    for i, (doc, _) in enumerate(docs(name)):
        scores = model.scores(model.features(*key(doc)))
        for j, t in enumerate(themes):
            out[i, j] = scores[model.position[t]] if t in model.position else -10
    return out


def choose(score: np.ndarray, bound: float, most: int = 4) -> np.ndarray:
    """The themes at or over the bound, at most `most`, at least one (the best) per story."""
    order = np.argsort(-score, axis=1)
    chosen = np.zeros_like(score, dtype=bool)
    rows = np.arange(score.shape[0])
    for rank in range(most):
        col = order[:, rank]
        keep = (score[rows, col] >= bound) | (rank == 0)
        chosen[rows[keep], col[keep]] = True
    return chosen


def counts_of(chosen: np.ndarray, gold: np.ndarray, wrong_gold: Sequence[int]) -> tuple[int, int, int]:
    """(right, found, gold) with the gold themes outside the scheme's columns counted too."""
    right = int((chosen & (gold > 0)).sum())
    return right, int(chosen.sum()), int(gold.sum()) + sum(wrong_gold)


def pass_counts(name: str, model, setting: tuple[float, int, tuple[float, int]]) -> tuple[int, int, int]:
    from bench.themes_lobo import counts

    return counts(name, model, *setting)


def logits(vectors: dict[str, np.ndarray], l2s: Sequence[float]) -> dict[str, dict]:
    """Per tested set (a non-ILO batch or ILO set held out, "name*" for an ILO set seen): the stems model's and the
    vector model's (per L2) log-odds, stories x themes, from the fold that did not see it (or saw everything)."""
    themes = scheme_themes()
    sets = [*ILO, *NONILO]
    folds: dict[str, list[str]] = {n: [m for m in sets if m != n] for n in sets}
    folds["*"] = sets
    out: dict[str, dict] = {}
    for fold, train_on in folds.items():
        tested = [fold] if fold != "*" else list(ILO)
        stems = model_of(train_on)
        x = np.vstack([vectors[n] for n in train_on])
        mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
        y = np.vstack([matrices(n, themes)[1] for n in train_on])
        for name in tested:
            out[name if fold != "*" else f"{name}*"] = {"set": name, "stems": stems_logits(name, stems, themes), "model": stems}
        for l2 in l2s:
            w, b = fit_vectors((x - mean) / std, y, l2)
            for name in tested:
                out[name if fold != "*" else f"{name}*"][l2] = ((vectors[name] - mean) / std) @ w + b
    return out


def joint_logits(vectors: dict[str, np.ndarray], scales: Sequence[float]) -> dict[str, dict]:
    """As `logits`, for one regression over the stems and the story vector together (bench.train_themes' features
    and its L2, the vector's standardized dimensions times `scale` beside them): per tested set, scale -> log-odds."""
    from bench.train_themes import MIN_COUNT, STEPS, examples

    themes = scheme_themes()
    sets = [*ILO, *NONILO]
    folds: dict[str, list[str]] = {n: [m for m in sets if m != n] for n in sets}
    folds["*"] = sets
    out: dict[str, dict] = {}
    for fold, train_on in folds.items():
        tested = [fold] if fold != "*" else list(ILO)
        data = [e for n in train_on for e in examples(n)]
        x = np.vstack([vectors[n] for n in train_on])
        mean, std = x.mean(axis=0), x.std(axis=0) + 1e-6
        for scale in scales:
            dims = [f"@dim{i}" for i in range(x.shape[1])]
            vocabulary, b, w = train_dense(data, themes, (x - mean) / std * scale, dims, MIN_COUNT, STEPS)
            index = {f: i for i, f in enumerate(vocabulary)}
            for name in tested:
                tag = name if fold != "*" else f"{name}*"
                z = ((vectors[name] - mean) / std * scale) @ w[len(vocabulary) - len(dims):] + b
                for i, (feats, _) in enumerate(examples(name)):
                    z[i] += sum((w[index[f]] for f in feats if f in index), np.zeros(len(themes)))
                out.setdefault(tag, {"set": name})[scale] = z
    return out


def train_dense(data, themes, dense: np.ndarray, dims: list[str], min_count: int, steps: int):
    """bench.train_themes.train with dense columns after the stems' (same loss, L2 and steps)."""
    from scipy import sparse

    from bench.train_themes import L2

    counts: dict[str, int] = {}
    for feats, _ in data:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    vocabulary = sorted(f for f, c in counts.items() if c >= min_count)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows_of, columns_of = [], []
    y = np.zeros((len(data), len(themes)))
    column = {t: j for j, t in enumerate(themes)}
    for row, (feats, gold) in enumerate(data):
        for f in feats:
            if f in index:
                rows_of.append(row)
                columns_of.append(index[f])
        for t in gold:
            if t in column:
                y[row, column[t]] = 1.0
    n = len(data)
    words = sparse.csr_matrix((np.ones(len(rows_of)), (rows_of, columns_of)), shape=(n, len(vocabulary)))
    x = sparse.hstack([words, sparse.csr_matrix(dense)]).tocsr()
    xt = x.T.tocsr()
    w = np.zeros((x.shape[1], len(themes)))
    b = np.log((y.mean(axis=0) + 1e-3) / (1 - y.mean(axis=0) + 1e-3))
    mw, vw, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    rate, beta1, beta2 = 0.05, 0.9, 0.999
    for step in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        gw = xt @ (p - y) / n + L2 / n * w
        gb = (p - y).mean(axis=0)
        mw, vw = beta1 * mw + (1 - beta1) * gw, beta2 * vw + (1 - beta2) * gw * gw
        mb, vb = beta1 * mb + (1 - beta1) * gb, beta2 * vb + (1 - beta2) * gb * gb
        correction = np.sqrt(1 - beta2 ** step) / (1 - beta1 ** step)
        w -= rate * correction * mw / (np.sqrt(vw) + 1e-8)
        b -= rate * correction * mb / (np.sqrt(vb) + 1e-8)
    return [*vocabulary, *dims], b, w


def measure_joint(cached: dict[str, dict], scales: Sequence[float], stems_cache: dict[str, dict]) -> dict[tuple, dict[str, tuple[int, int, int]]]:
    """The pass with the joint model's log-odds (asides, veto and addition), over PASS_GRID."""
    themes = scheme_themes()
    results: dict[tuple, dict[str, tuple[int, int, int]]] = {}
    for tag, c in cached.items():
        name = c["set"]
        keys = [key(doc) for doc, _ in docs(name)]
        for add_at, have_below, veto in PASS_GRID:  # the control: the same settings with the stems model alone
            results.setdefault(("pass(stems)", add_at, have_below, veto), {})[tag] = \
                pass_counts(name, stems_cache[tag]["model"], (add_at, have_below, (veto, 3)))
        for scale in scales:
            jm = VectorModel(themes, dict(zip(keys, c[scale])), stems_cache[tag]["model"])
            for add_at, have_below, veto in PASS_GRID:
                results.setdefault(("pass(joint)", scale, add_at, have_below, veto), {})[tag] = \
                    pass_counts(name, jm, (add_at, have_below, (veto, 3)))
    return results


def measure(cached: dict[str, dict], l2s: Sequence[float], passes: bool = True) -> dict[tuple, dict[str, tuple[int, int, int]]]:
    """Every variant's (right, found, gold) theme counts on every tested set."""
    themes = scheme_themes()
    shipped = (0.5, 3, (0.08, 3))
    results: dict[tuple, dict[str, tuple[int, int, int]]] = {}
    for tag, c in cached.items():
        name = c["set"]
        r, g = matrices(name, themes)
        extra = [len(gold - set(themes)) for _, gold in docs(name)]
        s = c["stems"]

        def record(label: tuple, counted: tuple[int, int, int], tag: str = tag) -> None:
            results.setdefault(label, {})[tag] = counted

        record(("rules",), counts_of(r > 0, g, extra))
        record(("rules+stems",), pass_counts(name, c["model"], shipped))
        for l2 in l2s:
            e = c[l2]
            for bound in (0.3, 0.4, 0.5):
                record(("vectors", l2, bound), counts_of(choose(e, np.log(bound / (1 - bound))), g, extra))
            for bonus, stems_weight, bound in itertools.product(BONUS, (0.0, 0.5, 1.0), (-1.0, 0.0, 1.0, 2.0)):
                record(("rules+score", l2, bonus, stems_weight, bound), counts_of(choose(bonus * r + e + stems_weight * s, bound), g, extra))
            if not passes:
                continue
            vm = VectorModel(themes, {key(doc): e[i] for i, (doc, _) in enumerate(docs(name))}, c["model"])
            mixed = VectorModel(themes, {key(doc): (e[i] + s[i]) / 2 for i, (doc, _) in enumerate(docs(name))}, c["model"])
            keys = [key(doc) for doc, _ in docs(name)]
            doubts = dict(zip(keys, s))
            add_mean = SplitModel(themes, dict(zip(keys, (e + s) / 2)), doubts, c["model"])
            add_both = SplitModel(themes, dict(zip(keys, np.minimum(e, s))), doubts, c["model"])
            for add_at, have_below, veto in PASS_GRID:
                setting = (add_at, have_below, (veto, 3))
                record(("pass(vectors)", l2, add_at, have_below, veto), pass_counts(name, vm, setting))
                record(("pass(mean)", l2, add_at, have_below, veto), pass_counts(name, mixed, setting))
                if veto == 0.08:
                    record(("pass(stems doubt, mean adds)", l2, add_at, have_below), pass_counts(name, add_mean, setting))
                    record(("pass(stems doubt, both add)", l2, add_at, have_below), pass_counts(name, add_both, setting))
    return results


BONUS = (2.0, 4.0, 6.0, 8.0, 12.0)
PASS_GRID = tuple(itertools.product((0.3, 0.4, 0.5, 0.6, 0.7), (2, 3, 4), (0.0, 0.08)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vectors", required=True, help="an .npz of story vectors, one array per set")
    parser.add_argument("--l2", nargs="+", type=float, default=list(L2_GRID), help="the vector model's L2 penalties tried")
    parser.add_argument("--tolerance", nargs="+", type=float, default=[0.0],
                        help="how much theme F1 or precision an ILO set may lose (each reported)")
    parser.add_argument("--joint", nargs="*", type=float, default=[],
                        help="also one regression over stems and vector together, the vector scaled by each of these")
    parser.add_argument("--save", help="pickle the counts here")
    parser.add_argument("--no-passes", action="store_true", help="skip the pass variants (the slow part)")
    args = parser.parse_args(argv)
    loaded = np.load(args.vectors)
    vectors = {n: loaded[n].astype(np.float64) for n in [*ILO, *NONILO]}
    cached = logits(vectors, args.l2)
    results = measure(cached, args.l2, not args.no_passes)
    if args.joint:
        results.update(measure_joint(joint_logits(vectors, args.joint), args.joint, cached))
    if args.save:
        with open(args.save, "wb") as out:
            pickle.dump(results, out)
    for tolerance in args.tolerance:
        report(results, tolerance)


def report(results: dict[tuple, dict[str, tuple[int, int, int]]], tolerance: float = 0.0) -> None:
    """The best settings of each variant, and each variant's setting chosen per fold among those that lower no ILO
    set's theme F1 or precision by more than `tolerance` (held out and seen)."""
    base = results[("rules+stems",)]
    ilo_tags = [*ILO, *(f"{n}*" for n in ILO)]

    def ilo_ok(label: tuple) -> bool:
        return all(f1(results[label][t])[2] >= f1(base[t])[2] - tolerance - 1e-9
                   and f1(results[label][t])[0] >= f1(base[t])[0] - tolerance - 1e-9 for t in ilo_tags)

    def mean_f1(label: tuple, names: Sequence[str]) -> float:
        return float(np.mean([f1(results[label][n])[2] for n in names]))

    print(f"{'variant':<44}{'mean F1':>8}{'P':>7}{'R':>7}{'gain':>8}  ILO held out; seen")
    for family in sorted({lab[0] for lab in results}):
        labels = [lab for lab in results if lab[0] == family]
        best = sorted(labels, key=lambda lab: -mean_f1(lab, NONILO))[:3]
        for lab in best:
            p = np.mean([f1(results[lab][n])[0] for n in NONILO])
            r = np.mean([f1(results[lab][n])[1] for n in NONILO])
            ilo = " ".join(f"{f1(results[lab][t])[2]:.3f}" for t in ilo_tags)
            print(f"{lab!s:<44}{mean_f1(lab, NONILO):>8.4f}{p:>7.3f}{r:>7.3f}"
                  f"{mean_f1(lab, NONILO) - mean_f1(('rules+stems',), NONILO):>+8.4f}  {ilo}{'' if ilo_ok(lab) else ' (ILO down)'}")
    # per fold choice: each family's setting chosen on the other batches among the ILO-safe ones
    print(f"chosen per fold (settings that lower no ILO set by more than {tolerance}, best mean F1 on the other batches):")
    for family in sorted({lab[0] for lab in results}):
        labels = [lab for lab in results if lab[0] == family and ilo_ok(lab)]
        if not labels:
            print(f"  {family}: no setting lowers no ILO set")
            continue
        gains, ps = [], []
        for held in NONILO:
            others = [n for n in NONILO if n != held]
            lab = max(labels, key=lambda la: mean_f1(la, others))
            gains.append(f1(results[lab][held])[2] - f1(base[held])[2])
            ps.append(f1(results[lab][held])[0] - f1(base[held])[0])
        up, down = sum(g > 1e-9 for g in gains), sum(g < -1e-9 for g in gains)
        print(f"  {family}: {np.mean(gains):+.4f} F1 a batch ({up} up, {down} down), precision {np.mean(ps):+.4f}")
        print("    " + " ".join(f"{g:+.3f}" for g in gains))


if __name__ == "__main__":
    main()
