"""How held-out theme F1 grows with training data: `python -m bench.themes_curve [--fractions ...] [--seeds N] [--keep]`.

Leave-one-batch-out as bench.themes_lobo does: for each open non-ILO batch k, the rule passes run on batch k, then the
pass `learned-themes` at its shipped settings with a model trained (bench.train_themes: features, L2, min count,
steps and prune as shipped) on the ILO sets and a random fraction of the stories of the other non-ILO batches (or of
the batches themselves, `--unit batches`), `--seeds` draws a fraction (the whole set once). The report gives, per
fraction, the mean training stories and the mean over the held-out batches of theme P / R / F1 (each batch's own
figures, averaged over the draws), then a least-squares fit of that mean F1 against log(training stories) over the
fractions above 0, its gain a doubling with a bootstrap interval (the held-out batches resampled), and how many more
annotated stories the fit says would lift a batch from a level (the curve's own at every story, and `--unseen`
levels, the sealed batches' scores) to `--target`.

`--keep` measures instead, on the same folds with every other batch trained on, how many themes a story keeps: after
the pass, the themes the fold's model finds least likely are dropped by a per-story cap (the K likeliest kept), by a
margin (a theme more than M log-odds under the story's likeliest), or by a bound (under probability T, the likeliest
always kept), each either for every theme or sparing the themes said twice or by their own name; and the addition's
bound raised (0.6, 0.7, or no addition). The setting applied to batch k is chosen on the other batches as
`bench.themes_lobo --ilo-guard` chooses: among the settings that lower no ILO set's theme F1 or precision against the
shipped pass (each ILO set held out and seen), and lower theme precision on no more of the other batches than they
raise, the best mean F1 gain. tests/data/NONILO.md, round extract42.
"""
from __future__ import annotations

import argparse
import itertools
import math
import multiprocessing
from collections.abc import Sequence

import numpy as np

from bench.themes_lobo import ILO, counts, docs, f1, model_of
from bench.train_themes import BATCHES, FEATURES, L2, MIN_COUNT, PRUNE, Example, examples, rows, scheme_themes, train
from graph.extract.learned import ADD_AT, HAVE_BELOW, VETO_AMONG, VETO_AT, ThemeModel, learned_themes, logit, own_name
from graph.records import EntityKind, Field

NONILO = [f"nonilo{k}" for k in BATCHES]
SHIPPED = (ADD_AT, HAVE_BELOW, (VETO_AT, VETO_AMONG))
FRACTIONS = (0.0, 1 / 16, 1 / 8, 1 / 4, 1 / 2, 3 / 4, 1.0)
EPSILON = 1e-9
Counts = tuple[int, int, int]  # right, found, gold


def model_from(data: Sequence[Example]) -> ThemeModel:
    """The model bench.train_themes would write for these stories, read back as the pass reads it."""
    themes = scheme_themes()
    vocabulary, b, w = train(data, themes, L2, MIN_COUNT)
    return ThemeModel.from_rows(rows(themes, vocabulary, b, w, PRUNE))


def training(others: Sequence[str], fraction: float, rng: np.random.Generator, unit: str) -> list[Example]:
    """The ILO sets' stories and a random fraction of the other batches' (by story or by batch), in the sets' order."""
    data = [e for name in ILO for e in examples(name)]
    if unit == "batches":
        chosen = sorted(rng.choice(len(others), size=round(fraction * len(others)), replace=False)) if fraction < 1 \
            else range(len(others))
        return data + [e for i in chosen for e in examples(others[i])]
    pool = [e for name in others for e in examples(name)]
    picked = sorted(rng.choice(len(pool), size=round(fraction * len(pool)), replace=False)) if fraction < 1 \
        else range(len(pool))
    return data + [pool[i] for i in picked]


def _fold(job: tuple[str, Sequence[float], int, str]) -> dict:
    """One held-out batch: its rule-only counts and, per fraction and draw, (training stories, counts)."""
    held, fractions, seeds, unit = job
    others = [b for b in NONILO if b != held]
    out: dict = {"rules": counts(held, None), "curve": {}}
    for fraction in fractions:
        draws = []
        for seed in range(seeds if 0 < fraction < 1 else 1):
            rng = np.random.default_rng([seed, NONILO.index(held), round(fraction * 1000)])
            data = training(others, fraction, rng, unit)
            draws.append((len(data), counts(held, model_from(data), *SHIPPED)))
        out["curve"][fraction] = draws
    return out


def _warm(names: Sequence[str]) -> None:
    """Read every set's stories and run the rule passes once, before the workers fork (they inherit the caches)."""
    for name in names:
        examples(name)
        docs(name)


def curve(fractions: Sequence[float], seeds: int, unit: str, jobs: int, held_out: Sequence[str] = NONILO) -> dict[str, dict]:
    _warm([*ILO, *NONILO])
    work = [(held, fractions, seeds, unit) for held in held_out]
    if jobs > 1:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_fold, work, chunksize=1)
    else:
        results = [_fold(w) for w in work]
    return dict(zip(held_out, results))


def _fit(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Least squares y = a + b x: (a, b)."""
    b, a = np.polyfit(x, y, 1)
    return float(a), float(b)


def report_curve(results: dict[str, dict], fractions: Sequence[float], target: float, unseen: Sequence[float],
                 boot: int) -> None:
    batches = list(results)
    # per fraction: per batch mean P, R, F1 over the draws; the mean training stories
    table = {}
    for fraction in fractions:
        per = np.array([[np.mean([f1(c)[i] for _, c in results[b]["curve"][fraction]]) for i in range(3)]
                        for b in batches])  # batches x (P, R, F1)
        stories = float(np.mean([n for b in batches for n, _ in results[b]["curve"][fraction]]))
        draws = len(results[batches[0]]["curve"][fraction])
        spread = np.std([np.mean([f1(results[b]["curve"][fraction][d][1])[2] for b in batches]) for d in range(draws)])
        found = np.mean([sum(c[1] for _, c in results[b]["curve"][fraction]) / len(results[b]["curve"][fraction])
                         / len(docs(b)) for b in batches])
        table[fraction] = (stories, per, spread, draws, found)
    rules = np.array([f1(results[b]["rules"]) for b in batches])
    gold_a_story = np.mean([results[b]["rules"][2] / len(docs(b)) for b in batches])
    print(f"held-out batches: {len(batches)}; rules alone (no learned-themes) P / R / F1 "
          f"{rules[:, 0].mean():.4f} / {rules[:, 1].mean():.4f} / {rules[:, 2].mean():.4f}; gold themes a story {gold_a_story:.2f}")
    print(f"{'fraction':>9}{'stories':>9}{'draws':>6}{'P':>8}{'R':>8}{'F1':>8}{'sd(draws)':>10}{'gain':>8}{'themes/story':>13}")
    for fraction, (stories, per, spread, draws, found) in table.items():
        p, r, f = per.mean(axis=0)
        print(f"{fraction:>9.4f}{stories:>9.0f}{draws:>6}{p:>8.4f}{r:>8.4f}{f:>8.4f}{spread:>10.4f}"
              f"{f - rules[:, 2].mean():>+8.4f}{found:>13.2f}")
    used = [fr for fr in fractions if fr > 0]
    if len(used) < 2:
        return
    x = np.log([table[fr][0] for fr in used])
    f1s = np.array([table[fr][1][:, 2] for fr in used])  # fractions x batches
    a, b = _fit(x, f1s.mean(axis=1))
    residual = f1s.mean(axis=1) - (a + b * x)
    print(f"fit F1 = {a:.4f} + {b:.4f} ln(stories) over fractions {', '.join(f'{fr:.3g}' for fr in used)}: "
          f"{b * math.log(2):+.4f} a doubling; residuals " + " ".join(f"{e:+.4f}" for e in residual))
    steps = [(used[i], used[i + 1]) for i in range(len(used) - 1)]
    print("gain a doubling between neighbouring fractions: " + "; ".join(
        f"{lo:.3g}->{hi:.3g} {(f1s[i + 1].mean() - f1s[i].mean()) / math.log2(table[hi][0] / table[lo][0]):+.4f}"
        for i, (lo, hi) in enumerate(steps)))
    rng = np.random.default_rng(0)
    slopes, intercepts = [], []
    for _ in range(boot):  # the held-out batches resampled: how much the fit depends on which batches were annotated
        pick = rng.integers(0, len(batches), len(batches))
        ai, bi = _fit(x, f1s[:, pick].mean(axis=1))
        intercepts.append(ai)
        slopes.append(bi)
    slope_lo, slope_hi = np.percentile(slopes, [2.5, 97.5])
    print(f"bootstrap over held-out batches ({boot}): a doubling {slope_lo * math.log(2):+.4f} .. "
          f"{slope_hi * math.log(2):+.4f} (95 %)")
    full = table[used[-1]][0]
    here = float(a + b * math.log(full))
    for level, label in [(here, "the curve's own level"), *((u, "an unseen level") for u in unseen)]:
        need = (target - level)
        projected = [full * math.exp(need / s) - full if s > 0 else math.inf for s in slopes]
        point = full * math.exp(need / b) - full if b > 0 else math.inf
        if need <= 0:
            print(f"from {level:.3f} ({label}) to {target}: already there")
            continue
        lo, mid, hi = np.percentile(projected, [2.5, 50, 97.5])
        print(f"from {level:.3f} ({label}) to {target}: {point:,.0f} more stories (x{(point + full) / full:.1f}; "
              f"bootstrap 95 %: {lo:,.0f} .. {hi:,.0f}, median {mid:,.0f}; {full:,.0f} now)")


# --- how many themes a story keeps -------------------------------------------------------------------------------

Keep = tuple  # (add_at, rule, value, spare): rule "none", "cap", "margin" or "below"
ADDS = (ADD_AT, 0.6, 0.7, 1.0)  # 1.0: no addition (the pass adds nothing)
RULES = (("none", 0.0), *(("cap", k) for k in (2, 3)), *(("margin", m) for m in (1.0, 2.0, 3.0, 4.0, 5.0)),
         *(("below", t) for t in (0.03, 0.05, 0.1, 0.15, 0.2, 0.3)))
KEEPS: tuple[Keep, ...] = tuple((add, rule, value, spare) for add, (rule, value) in itertools.product(ADDS, RULES)
                                for spare in ((False,) if rule == "none" else (False, True)))
BASE: Keep = (ADD_AT, "none", 0.0, False)


def keep_counts(name: str, model: ThemeModel, setting: Keep) -> Counts:
    """(right, found, gold) theme counts on a set: the shipped pass (its addition's bound `add_at`), then the rule."""
    add_at, rule, value, spare = setting
    right = found = gold_n = 0
    theme = EntityKind.THEME
    for doc, gold in docs(name):
        before = list(doc.found)
        learned_themes(doc, model, min(add_at, 0.99), HAVE_BELOW if add_at < 1 else 0, VETO_AT, VETO_AMONG)
        spans = [s for s in doc.found if s.kind is theme]
        keys = list(dict.fromkeys(s.key for s in spans))
        if rule != "none" and len(keys) > 1:
            feats = model.features(doc.folded.get(Field.TITLE, ""), doc.folded.get(Field.SUMMARY, ""))
            score = {k: model.score(feats, model.position[k]) if k in model.position else math.inf for k in keys}
            spared = {k for k in keys if sum(s.key == k for s in spans) > 1 or any(
                s.key == k and s.method != "learned" and own_name(doc, s) for s in spans)} if spare else set()
            ranked = sorted(keys, key=lambda k: -score[k])
            if rule == "cap":
                kept = set(spared) | set([k for k in ranked if k not in spared][:max(0, int(value) - len(spared))])
            elif rule == "margin":
                kept = {k for k in keys if k in spared or score[k] >= score[ranked[0]] - value}
            else:
                kept = {k for k in keys if k in spared or score[k] >= logit(value)} or {ranked[0]}
            keys = [k for k in keys if k in kept]
        doc.found[:] = before
        right, found, gold_n = right + len(set(keys) & gold), found + len(keys), gold_n + len(gold)
    return right, found, gold_n


def _keep_fold(held: str) -> dict[Keep, Counts]:
    model = model_of([*ILO, *(b for b in NONILO if b != held)])
    return {s: keep_counts(held, model, s) for s in KEEPS}


def _keep_ilo(job: str) -> dict[Keep, Counts]:
    """An ILO set held out (a model without it), or "name*": seen (the model trained on every set)."""
    name = job.rstrip("*")
    model = model_of([*ILO, *NONILO] if job.endswith("*") else [n for n in [*ILO, *NONILO] if n != name])
    return {s: keep_counts(name, model, s) for s in KEEPS}


def keep(jobs: int) -> None:
    _warm([*ILO, *NONILO])
    ilo_tags = [*ILO, *(f"{n}*" for n in ILO)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        held = dict(zip(NONILO, pool.map(_keep_fold, NONILO, chunksize=1)))
        ilo = dict(zip(ilo_tags, pool.map(_keep_ilo, ilo_tags, chunksize=1)))
    allowed = [s for s in KEEPS if all(f1(ilo[t][s])[2] >= f1(ilo[t][BASE])[2] - EPSILON
                                       and f1(ilo[t][s])[0] >= f1(ilo[t][BASE])[0] - EPSILON for t in ilo_tags)]
    print(f"settings: {len(KEEPS)}; lowering no ILO set (held out and seen): {len(allowed)}")

    def gain(s: Keep, names: Sequence[str]) -> float:
        return float(np.mean([f1(held[b][s])[2] - f1(held[b][BASE])[2] for b in names]))

    def line(s: Keep) -> str:
        p, r, f = (np.mean([f1(held[b][s])[i] for b in NONILO]) for i in range(3))
        per = sum(held[b][s][1] for b in NONILO) / sum(len(docs(b)) for b in NONILO)
        by = [f1(held[b][s])[2] - f1(held[b][BASE])[2] for b in NONILO]
        ilo_f = " ".join(f"{f1(ilo[t][s])[2]:.3f}" for t in ilo_tags)
        return (f"{s!s:<34} P/R/F1 {p:.4f} / {r:.4f} / {f:.4f}  gain {gain(s, NONILO):+.4f} "
                f"({sum(g > EPSILON for g in by)} up / {sum(g < -EPSILON for g in by)} down)  themes/story {per:.2f}  "
                f"ILO {ilo_f}{'' if s in allowed else ' (ILO down)'}")

    print("the shipped pass, then each setting at its best on every batch (an upper bound; the choice sees every batch):")
    print("  " + line(BASE))
    for s in sorted(KEEPS, key=lambda s: -gain(s, NONILO))[:12]:
        print("  " + line(s))
    print("each rule's best setting:")
    for rule in dict.fromkeys(r for r, _ in RULES):
        best = max((s for s in KEEPS if s[1] == rule), key=lambda s: gain(s, NONILO))
        print("  " + line(best))
    gains, picks = [], []
    for b in NONILO:
        others = [o for o in NONILO if o != b]
        fair = [s for s in allowed if sum(f1(held[o][s])[0] < f1(held[o][BASE])[0] - EPSILON for o in others)
                <= sum(f1(held[o][s])[0] > f1(held[o][BASE])[0] + EPSILON for o in others)]
        s = max(fair, key=lambda s: gain(s, others), default=BASE)
        picks.append(s)
        gains.append(f1(held[b][s])[2] - f1(held[b][BASE])[2])
        print(f"  {b:<10}{s!s:<34}{f1(held[b][BASE])[2]:.3f} -> {f1(held[b][s])[2]:.3f}")
    print(f"chosen per fold (ILO guard): mean held-out theme F1 gain {np.mean(gains):+.4f} "
          f"({sum(g > EPSILON for g in gains)} up / {sum(g < -EPSILON for g in gains)} down); "
          f"settings chosen: {dict((str(k), picks.count(k)) for k in dict.fromkeys(picks))}")


def oracle() -> None:
    """The pass's ceiling: learned-themes at its shipped settings with a model that knows each story's gold themes
    (log-odds +4 for a gold theme, -4 for any other), however much data trained it."""
    from bench.themes_meaning import VectorModel, key
    from graph.extract.learned import shipped_model

    themes = scheme_themes()
    evidence = shipped_model()
    assert evidence is not None
    logits = {key(doc): np.array([4.0 if t in gold else -4.0 for t in themes]) for name in NONILO for doc, gold in docs(name)}
    model = VectorModel(themes, logits, evidence)
    for label, m in (("rules alone", None), ("a model that knows the gold", model)):
        per = np.array([f1(counts(b, m, *SHIPPED)) for b in NONILO])  # type: ignore[arg-type]
        print(f"{label}: held-out P / R / F1 {per[:, 0].mean():.4f} / {per[:, 1].mean():.4f} / {per[:, 2].mean():.4f}; "
              f"F1 under 0.75 on {sum(per[:, 2] < 0.75)} of {len(per)} batches")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fractions", nargs="+", type=float, default=FRACTIONS,
                        help="fractions of the other batches' stories to train on (0: the ILO sets alone)")
    parser.add_argument("--seeds", type=int, default=4, help="random draws of each fraction under 1")
    parser.add_argument("--unit", choices=["stories", "batches"], default="stories", help="what a fraction draws")
    parser.add_argument("--target", type=float, default=0.75, help="the theme F1 to project to (issue 15's bar)")
    parser.add_argument("--unseen", nargs="*", type=float, default=(0.70, 0.715, 0.73),
                        help="theme F1 levels of unseen batches to project from (the sealed batches' scores)")
    parser.add_argument("--bootstrap", type=int, default=2000, help="bootstrap resamples of the held-out batches")
    parser.add_argument("--held", nargs="+", type=int, default=BATCHES,
                        help="the batches held out in turn (each fold still trains on every other open batch)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (folds in parallel)")
    parser.add_argument("--keep", action="store_true", help="measure how many themes a story keeps instead")
    parser.add_argument("--oracle", action="store_true", help="score the pass with a model that knows the gold instead")
    args = parser.parse_args(argv)
    if FEATURES.variant:
        raise SystemExit("bench.themes_curve measures the shipped features only")
    if args.keep:
        keep(args.jobs)
        return
    if args.oracle:
        oracle()
        return
    fractions = sorted(set(args.fractions))
    held = [f"nonilo{k}" for k in args.held]
    report_curve(curve(fractions, args.seeds, args.unit, args.jobs, held), fractions, args.target, args.unseen, args.bootstrap)


if __name__ == "__main__":
    main()
