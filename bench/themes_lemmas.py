"""Theme features and label forms from a lemma table, leave-one-batch-out: `python -m bench.themes_lemmas run|report`.

`run --tag T [--table FILE] [--pairs] [--labels FILE [--single]] [--grid L2,PRUNE ...]` scores, for every (L2, prune)
of the grid, the model whose features are the words' lemmas by FILE (bench.lemma_table's table, e.g.
bench/candidate-lemmas/lemmas.tsv; without --table, the shipped stems), with --pairs also the title's word pairs (see
bench.lemma_features): each non-ILO batch by the model of its fold (trained on the other batches and the ILO sets),
each ILO set held out (a model trained without it) and seen (the model trained on every set), the pass at its shipped
setting. With --labels FILE the theme labels (and weak and noun labels) also match every form the table gives their
last word's lemma ("unionisation" -> "unionised", "unionizing"); with --single, only the one-word labels do. The theme
counts go to /tmp/themes_lemmas/T.json.

`report BASE T [T ...]` compares runs with BASE's first grid point (`run --tag stem`: the model before round
extract35, L2 10): per batch F1, the held-out mean, theme precision up / down, the ILO sets held out and seen; and the
choice per fold: for each batch k, among every grid point of the runs named, the one with the best mean F1 on the other
batches that lowers no ILO set (held out and seen) against BASE and lowers theme precision on no more of the other
batches than it raises, scored on batch k (`--no-ilo-guard`: without the ILO condition). Round extract35 in
tests/data/NONILO.md has the figures and the runs' commands.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from graph.extract.folding import fold
from graph.extract.learned import ADD_AT, HAVE_BELOW, VETO_AMONG, VETO_AT, words

from bench.lemma_features import lemma_key, read_table
from bench.themes_lobo import ILO, counts, f1, model_of
from bench.train_themes import BATCHES, use_features

OUT = Path("/tmp/themes_lemmas")
SETTING = (ADD_AT, HAVE_BELOW, (VETO_AT, VETO_AMONG))
EPSILON = 1e-9
# the asides run at their shipped setting inside learned_themes (off since round extract48: ASIDE_AT 0)


def lemma_forms(table: Mapping[str, str], single: bool = False):
    """label -> the extra forms of its last word's lemma class (the label with each other member in its place)."""
    key = lemma_key(table)
    members: dict[str, set[str]] = {}
    for form, lemma in table.items():
        members.setdefault(lemma, {lemma}).add(form)

    def forms(label: str) -> set[str]:
        folded = fold(label).strip()
        head, _, last = folded.rpartition(" ")
        if not last or words(last) != [last] or single and head:
            return set()
        return {f"{head} {m}" if head else m for m in members.get(key(last), ()) if m != last}
    return forms


def patch_labels(table: Mapping[str, str], single: bool = False) -> None:
    """Make the resources index every label also under its lemma's forms (a form another label has keeps its theme)."""
    import sys

    from graph import compiled
    from graph.extract import themes

    if compiled.in_use():  # compiled callers call the module's functions directly: a replaced one is never seen
        raise SystemExit("bench.themes_lemmas --labels replaces functions of graph.extract.resources, which the "
                         "compiled extractor does not see: run it with STORYGRAPH_PURE=1")

    resources: Any = sys.modules["graph.extract.resources"]  # (the package's name `resources` is the module's function)

    extra = lemma_forms(table, single)

    def theme_table(concepts):
        base = themes.theme_table(concepts)
        more: dict[str, str] = {}
        for concept in concepts:
            for label in concept.labels:
                for form in extra(label):
                    more.setdefault(form, concept.id)
        return {**more, **base}

    def with_extra(function, attribute):
        def wrapped(concepts):
            return function(concepts) | frozenset(f for c in concepts for label in getattr(c, attribute)
                                                  for f in extra(label))
        return wrapped

    resources.theme_table = theme_table
    resources.weak_forms = with_extra(themes.weak_forms, "weak")
    resources.noun_forms = with_extra(themes.noun_forms, "nouns")


def run(args: argparse.Namespace) -> None:
    if args.labels:
        patch_labels(read_table(args.labels), args.single)
    use_features(read_table(args.table) if args.table else None, args.pairs)
    batches = [f"nonilo{k}" for k in BATCHES]
    every = [*ILO, *batches]
    result: dict[str, dict] = {"rules": {b: counts(b, None) for b in every}}
    for point in args.grid:
        l2, prune = map(float, point.split(","))
        out: dict[str, tuple[int, int, int]] = {}
        for held in batches:
            out[held] = counts(held, model_of([n for n in every if n != held], l2, prune), *SETTING)
        seen = model_of(every, l2, prune)
        for name in ILO:
            out[name + ":held"] = counts(name, model_of([n for n in every if n != name], l2, prune), *SETTING)
            out[name + ":seen"] = counts(name, seen, *SETTING)
        result[point] = out
        print(point, "mean F1", sum(f1(out[b])[2] for b in batches) / len(batches), flush=True)
    OUT.mkdir(exist_ok=True)
    (OUT / f"{args.tag}.json").write_text(json.dumps(result), encoding="utf-8")


def report(args: argparse.Namespace) -> None:
    runs = {tag: json.loads((OUT / f"{tag}.json").read_text(encoding="utf-8")) for tag in [args.base, *args.tags]}
    batches = [f"nonilo{k}" for k in BATCHES]
    base_run = runs[args.base]
    base = base_run[next(k for k in base_run if k != "rules")]
    points = {f"{tag}@{p}": res for tag, run_ in runs.items() for p, res in run_.items() if p != "rules"}
    ilo_keys = [f"{n}:{w}" for n in ILO for w in ("held", "seen")]

    def ilo_ok(res) -> bool:
        return all(f1(res[k])[2] >= f1(base[k])[2] - EPSILON and f1(res[k])[0] >= f1(base[k])[0] - EPSILON
                   for k in ilo_keys)

    print(f"{'point':<34}{'mean F1':>9}{'gain':>9}{'F1 up/dn':>10}{'P up/dn':>9}  ILO F1 held / seen (seed extra h2 h3)")
    for name, res in points.items():
        gains = [f1(res[b])[2] - f1(base[b])[2] for b in batches]
        pu = sum(f1(res[b])[0] > f1(base[b])[0] + EPSILON for b in batches)
        pd = sum(f1(res[b])[0] < f1(base[b])[0] - EPSILON for b in batches)
        ilo = " ".join(f"{f1(res[n + ':held'])[2]:.3f}" for n in ILO) + " / " + \
            " ".join(f"{f1(res[n + ':seen'])[2]:.3f}" for n in ILO)
        print(f"{name:<34}{sum(f1(res[b])[2] for b in batches) / len(batches):>9.4f}{sum(gains) / len(gains):>+9.4f}"
              f"{sum(g > EPSILON for g in gains):>5}/{sum(g < -EPSILON for g in gains):<4}{pu:>5}/{pd:<3}  {ilo}"
              f"{'' if ilo_ok(res) else '  (ILO down)'}")
    if args.per_batch:
        for name, res in points.items():
            print(name, " ".join(f"{f1(res[b])[2] - f1(base[b])[2]:+.3f}" for b in batches))
    # the choice per fold among every point, judged on the other batches only
    gains, chosen, rows = [], [], []
    for held in batches:
        others = [b for b in batches if b != held]
        fair = [n for n, res in points.items() if (args.no_ilo_guard or ilo_ok(res)) and
                sum(f1(res[b])[0] < f1(base[b])[0] - EPSILON for b in others)
                <= sum(f1(res[b])[0] > f1(base[b])[0] + EPSILON for b in others)]
        best = max(fair, key=lambda n: sum(f1(points[n][b])[2] for b in others))
        chosen.append(best)
        now, was = f1(points[best][held]), f1(base[held])
        gains.append(now[2] - was[2])
        rows.append((held, best, was, now))
    print("\nchosen per fold (best mean F1 on the other batches, " + ("" if args.no_ilo_guard else "no ILO set down, ")
          + "precision down on no more than up):")
    for held, best, was, now in rows:
        print(f"  {held:<10}{best:<34}{' / '.join(f'{x:.3f}' for x in was)}  ->  {' / '.join(f'{x:.3f}' for x in now)}"
              f"  {now[2] - was[2]:+.3f}")
    up = sum(g > EPSILON for g in gains)
    down = sum(g < -EPSILON for g in gains)
    pu = sum(r[3][0] > r[2][0] + EPSILON for r in rows)
    pd = sum(r[3][0] < r[2][0] - EPSILON for r in rows)
    print(f"held-out mean F1 gain {sum(gains) / len(gains):+.4f} ({up} up, {down} down; precision {pu} up, {pd} down)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run", help="score one feature variant over a grid of (L2, prune)")
    r.add_argument("--tag", required=True)
    r.add_argument("--table", type=Path, help="lemma table for the model's features (default: the stems)")
    r.add_argument("--pairs", action="store_true", help="the title's word pairs as features too")
    r.add_argument("--labels", type=Path, help="lemma table for label matching (default: none)")
    r.add_argument("--single", action="store_true", help="with --labels, one-word labels only")
    r.add_argument("--grid", nargs="+", default=["10,0.1"],
                   help="L2,PRUNE points (default: the model before round extract35, the base of its report)")
    p = sub.add_parser("report", help="compare runs with a base run")
    p.add_argument("base")
    p.add_argument("tags", nargs="*")
    p.add_argument("--per-batch", action="store_true")
    p.add_argument("--no-ilo-guard", action="store_true", help="let the folds choose points that lower an ILO set")
    args = parser.parse_args(argv)
    (run if args.command == "run" else report)(args)


if __name__ == "__main__":
    main()
