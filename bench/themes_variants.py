"""Theme-model variants judged leave-one-batch-out: `python -m bench.themes_variants [--features words kinds rules pairs]`.

For each non-ILO batch k a model is trained on the other batches and the ILO sets (bench.train_themes' regression),
and its probabilities for batch k's stories are kept with the themes the rule passes found there; the ILO sets are
scored by a model trained on every set. From those, three variants of the pass `learned-themes` are scored on each
batch held out, each choice made on the other batches only (every one scored by its own fold's model):
- add: the shipped addition, its (ADD_AT, HAVE_BELOW) chosen per fold as bench.themes_lobo chooses it;
- drop-lone: first drop a rule theme carried by one mention whose probability is under a threshold (never a story's
  last theme), then add as shipped (ADD_AT, HAVE_BELOW);
- per-theme: a threshold of its own per theme for the addition, by coordinate ascent on the fold's training batches;
- veto: the shipped pass's veto (graph/extract/learned.py) before the addition: in a story of three themes or more, the
  least likely theme said once, not by its own name, dropped under a bound chosen per fold from VETO_GRID;
- aside: the shipped pass's asides (before the veto): in a story with three themes or more in its title or said twice,
  each other theme said once after the summary's first sentence dropped under a bound chosen per fold from ASIDE_GRID.
Every variant but the aside's own runs after the shipped asides (ASIDE_AT), as the pass does.
`--features` adds to the word stems the story's entity kinds and their sources (`kinds`), the themes the rules found
(`rules`) or pairs of adjacent stems (`pairs`); the default, `words` alone, is the shipped model's features, here
unpruned, and `--shipped` scores the shipped model's way (pruned, read back from its rows) instead.
"""
from __future__ import annotations

import argparse
from collections.abc import Sequence

import numpy as np

from bench.themes_lobo import ILO, docs, model_of
from bench.train_themes import BATCHES as OPEN_BATCHES
from bench.train_themes import L2, MIN_COUNT, scheme_themes, train
from graph.extract.doc import Doc
from graph.extract.spans import Span
from graph.extract.learned import ADD_AT, ASIDE_AMONG, ASIDE_AT, HAVE_BELOW, STOP, _asides, features, own_name, probability, stem, words
from graph.records import EntityKind, Field

# rule themes -> mentions, probabilities, gold themes (and, fourth, the themes said once by their own name: the veto
# spares them; a row without it spares none; fifth, the themes that are asides if the model doubts them)
Row = tuple  # (dict[str, int], dict[str, float], set[str]) or (..., set[str])
BATCHES = [f"nonilo{k}" for k in OPEN_BATCHES]
ADD_GRID = [(a, h) for a in (0.4, 0.5, 0.6, 0.7) for h in (2, 3, 9)]
DROP_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)
PER_THEME = (0.4, 0.5, 0.6, 0.7, 0.8, 1.01)  # 1.01: never added
VETO_GRID = (0.03, 0.05, 0.08, 0.1, 0.12, 0.15, 0.2)  # the veto's bound (shipped 0.08 in a story of 3 themes or more)
ASIDE_GRID = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3)  # the asides' bound (shipped 0.15; 0: none)


def story_features(doc: Doc, kinds: set[str]) -> set[str]:
    """The stems of the story's words, plus the extra kinds of feature asked for."""
    title, summary = doc.folded.get(Field.TITLE, ""), doc.folded.get(Field.SUMMARY, "")
    found = features(title, summary)
    if "pairs" in kinds:
        for text in (title, summary):
            stems = [stem(w) for w in words(text) if w not in STOP]
            found |= {f"{a}_{b}" for a, b in zip(stems, stems[1:])}
    if "kinds" in kinds:
        found |= {f"@{s.kind.value}" for s in doc.accepted}
        found |= {f"@{s.kind.value}:{s.source}" for s in doc.accepted if s.source}
    if "rules" in kinds:
        found |= {f"@theme:{s.key}" for s in doc.found if s.kind is EntityKind.THEME}
    return found


def rule_themes(doc: Doc) -> dict[str, int]:
    """The themes the rule passes found, each with its number of mentions."""
    found: dict[str, int] = {}
    for s in doc.found:
        if s.kind is EntityKind.THEME and s.key is not None:
            found[s.key] = found.get(s.key, 0) + 1
    return found


def own_named(doc: Doc) -> set[str]:
    """The themes whose one mention says the concept's own name ("construction"): the veto spares them."""
    return {s.key for s in doc.found if s.kind is EntityKind.THEME and s.key is not None and own_name(doc, s)}


def asides(doc: Doc) -> set[str]:
    """The themes the pass would drop as asides if the model doubts them (graph.extract.learned's test)."""
    lone: dict[str | None, Span | None] = {}
    for s in doc.found:
        if s.kind is EntityKind.THEME:
            lone[s.key] = None if s.key in lone else s
    return set(_asides(doc, lone, ASIDE_AMONG)) if len(lone) > ASIDE_AMONG else set()


def fold_rows(kinds: set[str], shipped: bool) -> dict[str, list[Row]]:
    """Every set's rows, each batch scored by the model of the fold that holds it out."""
    themes = scheme_themes()
    data = {n: [(story_features(d, kinds), g) for d, g in docs(n)] for n in [*BATCHES, *ILO]}

    def scored(train_on: Sequence[str], names: Sequence[str]) -> list[list[Row]]:
        """Each named set's rows, scored by one model trained on `train_on`."""
        if shipped:
            model = model_of(train_on)
            return [[(rule_themes(d), dict(zip(model.themes, map(probability, model.scores(model.features(
                d.folded.get(Field.TITLE, ""), d.folded.get(Field.SUMMARY, "")))))), g, own_named(d), asides(d))
                for d, g in docs(name)] for name in names]
        vocabulary, b, w = train([e for n in train_on for e in data[n]], themes, L2, MIN_COUNT)
        index = {f: i for i, f in enumerate(vocabulary)}
        out = []
        for name in names:
            rows = []
            for (feats, gold), (doc, _) in zip(data[name], docs(name)):
                score = b + sum((w[index[f]] for f in feats if f in index), np.zeros(len(themes)))
                rows.append((rule_themes(doc), {t: float(1 / (1 + np.exp(-s))) for t, s in zip(themes, score)}, gold,
                             own_named(doc), asides(doc)))
            out.append(rows)
        return out

    rows = {held: scored([*ILO, *(b for b in BATCHES if b != held)], [held])[0] for held in BATCHES}
    rows.update(zip(ILO, scored([*ILO, *BATCHES], list(ILO))))
    return rows


def counts(rows: list[Row], add_at: float = ADD_AT, have_below: int = HAVE_BELOW, drop_below: float = 0.0,
           per_theme: dict[str, float] | None = None, veto_at: float = 0.0, veto_among: int = 3,
           aside_at: float = ASIDE_AT) -> tuple[int, int, int]:
    """(right, found, gold) themes with the variant applied to each story (`aside_at`, `veto_at`: the shipped asides
    and veto, as graph.extract.learned.learned_themes applies them)."""
    right = found = gold_n = 0
    for evidence, probs, gold, *extra in rows:
        themes = set(evidence)
        aside = {t for t in (extra[1] if len(extra) > 1 else ()) if probs.get(t, 1.0) < aside_at}
        if aside and len(aside) < len(themes):
            themes -= aside
        if veto_at > 0 and len(themes) >= veto_among:
            spared = extra[0] if extra else set()
            doubted = [(probs.get(t, 1.0), t) for t in themes if evidence[t] == 1 and t not in spared]
            if doubted and min(doubted)[0] < veto_at:
                themes.discard(min(doubted)[1])
        if drop_below > 0 and len(themes) > 1:
            lone = sorted((probs.get(t, 1.0), t) for t in themes if evidence[t] == 1)
            drop = [t for p, t in lone if p < drop_below][:len(themes) - 1]
            themes -= set(drop)
        if len(themes) < have_below:
            bar = per_theme or {}
            best = max(((p, t) for t, p in probs.items() if t not in themes and p >= bar.get(t, add_at)), default=None)
            if best is not None:
                themes.add(best[1])
        right, found, gold_n = right + len(themes & gold), found + len(themes), gold_n + len(gold)
    return right, found, gold_n


def f1(c: tuple[int, int, int]) -> tuple[float, float]:
    """(precision, F1) of counts."""
    p, r = (c[0] / c[1] if c[1] else 1.0), c[0] / c[2]
    return p, (2 * p * r / (p + r) if p + r else 0.0)


def pooled(rows: dict[str, list[Row]], names: Sequence[str], **variant) -> float:
    """The F1 of these sets' themes counted together."""
    total = [sum(x) for x in zip(*(counts(rows[n], **variant) for n in names))]
    return f1((total[0], total[1], total[2]))[1]


def report(label: str, gains: list[float]) -> None:
    print(f"{label}: held-out theme F1 gain " + " ".join(f"{g:+.3f}" for g in gains)
          + f"; mean {sum(gains) / len(gains):+.4f} ({sum(g > 1e-9 for g in gains)} up, {sum(g < -1e-9 for g in gains)} down)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", nargs="+", default=["words"], choices=["words", "kinds", "rules", "pairs"])
    parser.add_argument("--shipped", action="store_true", help="the shipped model's way: pruned weights, words only")
    args = parser.parse_args(argv)
    rows = fold_rows(set(args.features), args.shipped)
    none = {b: f1(counts(rows[b], have_below=0))[1] for b in BATCHES}  # the rule passes alone
    shipped = {b: f1(counts(rows[b]))[1] for b in BATCHES}
    report(f"add ({ADD_AT}, {HAVE_BELOW}), the shipped setting", [shipped[b] - none[b] for b in BATCHES])
    add, drop, per, veto, aside = [], [], [], [], []
    for held in BATCHES:
        others = [b for b in BATCHES if b != held]
        base_p = {b: f1(counts(rows[b], have_below=0))[0] for b in others}
        fair = [s for s in ADD_GRID if all(f1(counts(rows[b], *s))[0] >= base_p[b] - 0.01 for b in others)]
        setting = max(fair, key=lambda s: sum(f1(counts(rows[b], *s))[1] for b in others))
        add.append(f1(counts(rows[held], *setting))[1] - none[held])
        shipped_p = {b: f1(counts(rows[b]))[0] for b in others}
        fair_drop = [d for d in DROP_GRID if all(f1(counts(rows[b], drop_below=d))[0] >= shipped_p[b] - 0.01 for b in others)]
        below = max(fair_drop, key=lambda d: sum(f1(counts(rows[b], drop_below=d))[1] for b in others))
        drop.append(f1(counts(rows[held], drop_below=below))[1] - shipped[held])
        bound = max(VETO_GRID, key=lambda v: sum(f1(counts(rows[b], veto_at=v))[1] for b in others))
        veto.append(f1(counts(rows[held], veto_at=bound))[1] - shipped[held])
        shipped_veto = {b: counts(rows[b], veto_at=0.08) for b in [*others, *ILO]}
        fair_aside = [a for a in ASIDE_GRID if all(f1(counts(rows[i], veto_at=0.08, aside_at=a))[1]
                                                   >= f1(shipped_veto[i])[1] for i in ILO)]
        at = max(fair_aside, key=lambda a: pooled(rows, [*others, *ILO], veto_at=0.08, aside_at=a))
        aside.append(f1(counts(rows[held], veto_at=0.08, aside_at=at))[1]
                     - f1(counts(rows[held], veto_at=0.08, aside_at=0.0))[1])
        train_on = [*others, *ILO]
        bars = {t: 0.6 for t in scheme_themes()}
        best = pooled(rows, train_on, per_theme=bars)
        for _ in range(2):
            for theme in list(bars):
                for bar in PER_THEME:
                    trial = {**bars, theme: bar}
                    value = pooled(rows, train_on, per_theme=trial)
                    if value > best + 1e-9:
                        best, bars = value, trial
        per.append(f1(counts(rows[held], per_theme=bars))[1] - shipped[held])
    report("add, setting chosen per fold (against the rules alone)", add)
    report("drop-lone, threshold chosen per fold (against the shipped addition)", drop)
    report("per-theme thresholds chosen per fold (against the shipped addition)", per)
    report("veto of the least likely theme said once, in a story of three or more, its bound chosen per fold "
           "(against the addition alone)", veto)
    report("asides beside three leading themes, their bound chosen per fold among those that lower no ILO set "
           "(against the veto and addition alone)", aside)


if __name__ == "__main__":
    main()
