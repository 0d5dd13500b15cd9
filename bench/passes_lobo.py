"""Leave-one-batch-out check of extraction passes: `python -m bench.passes_lobo PASS [PASS ...] [--batches 1 2 ...]`.

Each PASS is either a pass of the shipped pipeline (graph.extract.PASSES: it is measured by leaving it out) or a
candidate listed in bench/candidates.py (tried, not shipped: it is measured by putting it in). A candidate may be
vocabulary instead: `--labels FILE.ttl` adds that Turtle (more skos:altLabel or sg:topicCue words for the scheme's
concepts, read together with ontology/themes.ttl when named themes-*.ttl) to the ontology of the "with" side only;
bench/candidate-labels/ keeps those measured and not shipped. Every annotated set is
scored with and without the passes (graph.evaluate's rules). Then for each non-ILO batch k, a fold *chooses* the
passes when, on the other batches pooled with the ILO sets, they raise some kind's F1 and lower no kind's F1 and no
kind's precision; batch k's score never enters that choice. Printed: per kind, F1 on each held-out batch without and
with the fold's choice, the mean held-out F1 delta and how many batches improved or worsened; then every set's F1 per
kind without and with (the ILO sets included), for the kinds people, organizations and places that must not move down;
then every set's theme precision / recall / F1 without and with (for a rule on a fold's theme precision), and the
themes' mean F1 delta with the candidate everywhere.
The theme model is the shipped one for both sides (trained on every open batch): theme deltas here are those of the
passes, not of the model (bench.themes_lobo measures the model leave-one-batch-out).
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

from graph.evaluate import TYPES, Score, _find_story, score
from graph.extract import PASSES, Extractor, Pass
from graph.extract.pipeline import inserted
from graph.records import ResolvedStory
from graph.resolve import Resolver
from graph.sources import parse

from bench.candidates import CANDIDATES
from bench.train_themes import BATCHES, ROOT, SETS
from ontology import DIRECTORY

ILO = ("seed", "extra", "heldout2", "heldout3")
LOADED = ("themes*.ttl", "gazetteer*.ttl", "roles*.ttl", "names*.ttl")  # ontology files the extractor reads
Counts = dict[str, Score]  # kind -> counts over a set


def pipelines(names: Sequence[str], base: tuple[Pass, ...] = PASSES) -> tuple[tuple[Pass, ...], tuple[Pass, ...]]:
    """(without, with) the named passes: shipped ones are left out of `without`, candidates put into `with`."""
    shipped = {p.name for p in base}
    unknown = [n for n in names if n not in shipped and n not in CANDIDATES]
    if unknown:
        raise SystemExit(f"no pass or candidate named {', '.join(unknown)}; candidates: {', '.join(CANDIDATES)}; "
                         f"passes: {', '.join(sorted(shipped))}")
    without = tuple(p for p in base if p.name not in names)
    with_ = base
    for name in names:
        if name in CANDIDATES:
            candidate, anchor = CANDIDATES[name]
            with_ = inserted(with_, candidate, after=anchor)
    return without, with_


def with_labels(labels: Sequence[Path], into: Path) -> Path:
    """A copy of the shipped ontology directory in `into` (its files linked, not copied) with the `labels` files
    beside them, so the extractor reads both."""
    for path in Path(DIRECTORY).glob("*"):
        if path.suffix in (".ttl", ".tsv"):
            (into / path.name).symlink_to(path)
    for path in labels:
        # the extractor reads only these names (graph/extract/knowledge.py): any other file would be silently left out
        if not any(fnmatch.fnmatch(path.name, pattern) for pattern in LOADED):
            raise SystemExit(f"{path}: the extractor reads only files named {', '.join(LOADED)}; rename it")
        (into / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    return into


def counts(name: str, passes: tuple[Pass, ...], ontology: Path | None = None) -> Counts:
    """Every kind's counts on one set, extracted by these passes (with that ontology directory) and resolved as
    graph.evaluate does."""
    gold_path, stories_path = SETS[name]
    gold = json.loads((ROOT / gold_path).read_text(encoding="utf-8"))
    stories = parse(ROOT / stories_path).stories
    extractor, resolver = Extractor(ontology, passes=passes), Resolver("urn:storygraph:evaluate:")
    resolved: list[ResolvedStory | None] = []
    for position, item in enumerate(gold):
        story = _find_story(stories, item, position)
        resolved.append(None if story is None else resolver.resolve(
            story, f"urn:storygraph:evaluate:story/{position + 1}", extractor.extract(story)))
    return score(gold, resolved).scores


def pooled(sets: Sequence[Counts], kind: str) -> Score:
    """One kind's counts summed over sets."""
    total = Score()
    for s in sets:
        c = s[kind]
        total.matched_predictions += c.matched_predictions
        total.predictions += c.predictions
        total.matched_gold += c.matched_gold
        total.gold += c.gold
    return total


def chosen(before: Sequence[Counts], after: Sequence[Counts], tolerance: float = 1e-9) -> bool:
    """Whether the passes raise some kind's pooled F1 and lower no kind's F1 or precision on these sets."""
    gain = False
    for kind in TYPES:
        b, a = pooled(before, kind), pooled(after, kind)
        if a.f1 < b.f1 - tolerance or a.precision < b.precision - tolerance:
            return False
        gain = gain or a.f1 > b.f1 + tolerance
    return gain


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("passes", nargs="*", help="shipped passes (left out to compare) or candidates (put in)")
    parser.add_argument("--batches", nargs="+", type=int, default=BATCHES, help="non-ILO batches to use")
    parser.add_argument("--without", nargs="+", default=[], metavar="PASS",
                        help="shipped passes left out of both sides (to measure a candidate that is part of one)")
    parser.add_argument("--labels", nargs="+", type=Path, default=[], metavar="FILE.ttl",
                        help="Turtle added to the ontology on the with side (vocabulary candidates)")
    args = parser.parse_args(argv)
    if not args.passes and not args.labels:
        parser.error("name a pass or candidate, or give --labels")
    without, with_ = pipelines(args.passes, tuple(p for p in PASSES if p.name not in args.without))
    batches = [f"nonilo{k}" for k in args.batches]
    names = [*ILO, *batches]
    with tempfile.TemporaryDirectory() as scratch:
        ontology = with_labels(args.labels, Path(scratch)) if args.labels else None
        before = {n: counts(n, without) for n in names}
        after = {n: counts(n, with_, ontology) for n in names}
    choice = {held: chosen([before[n] for n in names if n != held], [after[n] for n in names if n != held])
              for held in batches}
    print(f"passes {', '.join(args.passes) or 'as shipped'}" + (f", labels {' '.join(map(str, args.labels))}" if args.labels else "")
          + (f" (both sides without {', '.join(args.without)})" if args.without else "")
          + "; chosen by the folds holding out: "
          + (" ".join(b.removeprefix("nonilo") for b in batches if choice[b]) or "none"))
    for kind in TYPES:
        deltas = [((after if choice[b] else before)[b][kind].f1 - before[b][kind].f1) for b in batches]
        up, down = sum(d > 1e-9 for d in deltas), sum(d < -1e-9 for d in deltas)
        print(f"{kind:<14} held-out F1 " + " ".join(
            f"{b.removeprefix('nonilo')}:{before[b][kind].f1:.3f}>{(after if choice[b] else before)[b][kind].f1:.3f}"
            for b in batches) + f"  mean {sum(deltas) / len(deltas):+.4f} ({up} up, {down} down)")
    print("every set, F1 without -> with (people / organizations / places / campaigns / themes):")
    for n in names:
        print(f"  {n:<10}" + "  ".join(f"{before[n][k].f1:.3f}>{after[n][k].f1:.3f}" for k in TYPES))
    print("every set, themes P / R / F1 without -> with (a held-out batch's with side is that of every fold):")
    for n in names:
        b, a = before[n]["themes"], after[n]["themes"]
        print(f"  {n:<10}{b.precision:.4f} / {b.recall:.4f} / {b.f1:.4f} > {a.precision:.4f} / {a.recall:.4f} / {a.f1:.4f}")
    everywhere = [after[b]["themes"].f1 - before[b]["themes"].f1 for b in batches]
    print(f"themes everywhere (no fold's choice): mean F1 {sum(everywhere) / len(everywhere):+.4f} "
          f"({sum(d > 1e-9 for d in everywhere)} up, {sum(d < -1e-9 for d in everywhere)} down)")


if __name__ == "__main__":
    main()
