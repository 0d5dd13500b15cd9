"""Leave-one-batch-out of a theme vocabulary whose words are pruned inside each fold: `python -m bench.vocabulary_lobo
FILE.ttl`.

`bench.passes_lobo --labels FILE.ttl` measures a vocabulary as written. A vocabulary written from reference sources and
then pruned by its open errors (drop each word whose added themes are wrong on more open stories than right) is a
procedure, and the honest figure for it prunes inside each fold: for each non-ILO batch k, the words' right and wrong
additions are counted on every other set only (a story counts for each word of the vocabulary in it whose theme the
vocabulary added; optional themes are neither), the words with more wrong than right are dropped, and the rest is
judged as `bench.passes_lobo` judges a candidate (the fold chooses it when, on the other batches pooled with the ILO
sets, it raises some kind's F1 and lowers no kind's F1 or precision) and scored on batch k. Printed: the words dropped
with every set seen (the list to ship, with their counts), each held-out batch's theme P / R / F1 without and with,
every kind's mean held-out F1 delta, and every set's theme P / R / F1 with the list pruned on every set.
"""
from __future__ import annotations

import argparse
import json
import re
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from graph.evaluate import TYPES, Score, _find_story, fold_key, score
from graph.extract import PASSES, Extractor
from graph.extract.folding import fold
from graph.extract.themes import label_forms
from graph.records import EntityKind, ResolvedStory
from graph.resolve import Resolver
from graph.sources import parse

from bench.passes_lobo import ILO, Counts, chosen, with_labels
from bench.train_themes import BATCHES, ROOT, SETS

THEME_IRI = "https://w3id.org/storygraph/theme/"


@dataclass(frozen=True)
class Story:
    """What pruning needs of one annotated story: its folded text, gold and optional themes, and the themes found."""
    text: str
    gold: frozenset[str]
    optional: frozenset[str]
    found: frozenset[str]


def extract(name: str, ontology: Path | None) -> tuple[Counts, list[Story]]:
    """Every kind's counts on one set (as bench.passes_lobo.counts) and its stories' themes."""
    gold_path, stories_path = SETS[name]
    gold = json.loads((ROOT / gold_path).read_text(encoding="utf-8"))
    stories = parse(ROOT / stories_path).stories
    extractor, resolver = Extractor(ontology, passes=PASSES), Resolver("urn:storygraph:evaluate:")
    resolved: list[ResolvedStory | None] = []
    rows = []
    for position, item in enumerate(gold):
        story = _find_story(stories, item, position)
        result = None if story is None else resolver.resolve(
            story, f"urn:storygraph:evaluate:story/{position + 1}", extractor.extract(story))
        resolved.append(result)
        found = frozenset(fold_key(link.entity.iri.rstrip("/").rsplit("/", 1)[-1]) for link in
                          (result.links if result else ()) if link.entity.kind is EntityKind.THEME)
        text = fold(f"{story.title}\n{story.summary or ''}") if story else ""
        rows.append(Story(text, frozenset(fold_key(t) for t in item.get("themes", ())),
                          frozenset(fold_key(o) for o in item.get("optional", ())), found))
    return score(gold, resolved).scores, rows


def vocabulary(path: Path) -> list[pyoxigraph.Quad]:
    """The file's statements (each word is one: concept, property, literal)."""
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    return list(store.quads_for_pattern(None, None, None, None))


def verdicts(quads: Sequence[pyoxigraph.Quad], before: list[Story], after: list[Story]) -> dict[str, Counter[str]]:
    """Per word, on one set: how many of the themes the vocabulary added to a story with the word in it are right or
    wrong."""
    words = {_word(q): fold_key(_concept(q).removeprefix(THEME_IRI)) for q in quads}
    patterns = {w: re.compile("|".join(rf"(?<![a-z0-9]){re.escape(f)}(?![a-z0-9])" for f in sorted(label_forms(w))))
                for w in words}
    tally: dict[str, Counter[str]] = {}
    for b, a in zip(before, after):
        for theme in a.found - b.found - a.optional:
            for word, concept in words.items():
                if concept == theme and patterns[word].search(a.text):
                    tally.setdefault(word, Counter())["right" if theme in a.gold else "wrong"] += 1
    return tally


def dropped(tallies: Sequence[dict[str, Counter[str]]]) -> tuple[frozenset[str], dict[str, Counter[str]]]:
    """The words whose additions are wrong more often than right over these sets, and every word's counts."""
    total: dict[str, Counter[str]] = {}
    for tally in tallies:
        for word, counts in tally.items():
            total.setdefault(word, Counter()).update(counts)
    return frozenset(w for w, c in total.items() if c["wrong"] > c["right"]), total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path, help="Turtle of theme words (skos:altLabel, sg:weakLabel, sg:topicCue)")
    parser.add_argument("--batches", nargs="+", type=int, default=BATCHES, help="non-ILO batches to use")
    args = parser.parse_args(argv)
    batches = [f"nonilo{k}" for k in args.batches]
    names = [*ILO, *batches]
    quads = vocabulary(args.labels)
    cache: dict[frozenset[str], dict[str, tuple[Counts, list[Story]]]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        def scored(drop: frozenset[str]) -> dict[str, tuple[Counts, list[Story]]]:
            """Every set extracted with the vocabulary less the dropped words (once per distinct drop)."""
            if drop not in cache:
                folder = Path(scratch) / f"v{len(cache)}"
                (folder / "labels").mkdir(parents=True)
                kept = pyoxigraph.Store()
                for q in quads:
                    if _word(q) not in drop:
                        kept.add(q)
                path = folder / "labels" / args.labels.name
                path.write_bytes(kept.dump(format=pyoxigraph.RdfFormat.TURTLE, from_graph=pyoxigraph.DefaultGraph()))
                (folder / "ontology").mkdir()
                ontology = with_labels([path], folder / "ontology")
                cache[drop] = {n: extract(n, ontology) for n in names}
            return cache[drop]

        before = {n: extract(n, None) for n in names}
        written = scored(frozenset())
        tallies = {n: verdicts(quads, before[n][1], written[n][1]) for n in names}
        everywhere, total = dropped(list(tallies.values()))
        print(f"{len(everywhere)} of {len(quads)} words dropped with every set seen (right / wrong additions):")
        for word in sorted(everywhere, key=lambda w: (-total[w]["wrong"], w)):
            print(f"  {word!r}: {total[word]['right']} / {total[word]['wrong']}")
        folds = {}
        for held in batches:
            drop, _ = dropped([tallies[n] for n in names if n != held])
            after = scored(drop)
            folds[held] = (chosen([before[n][0] for n in names if n != held], [after[n][0] for n in names if n != held]),
                           after[held][0])
        print("chosen by the folds holding out: " + (" ".join(b.removeprefix("nonilo") for b in batches if folds[b][0])
                                                     or "none"))
        for kind in TYPES:
            deltas = [(folds[b][1] if folds[b][0] else before[b][0])[kind].f1 - before[b][0][kind].f1 for b in batches]
            print(f"{kind:<14} held-out mean {sum(deltas) / len(deltas):+.4f} "
                  f"({sum(d > 1e-9 for d in deltas)} up, {sum(d < -1e-9 for d in deltas)} down)")
        print("themes P / R / F1 held out (pruned without the batch) and on every set (pruned with every set seen):")
        final = scored(everywhere)
        for n in names:
            out = folds[n][1]["themes"] if n in folds and folds[n][0] else None
            print(f"  {n:<10}{_prf(before[n][0]['themes'])}"
                  + (f"  held out {_prf(out)}" if out else "") + f"  every set {_prf(final[n][0]['themes'])}")


def _word(quad: pyoxigraph.Quad) -> str:
    assert isinstance(quad.object, pyoxigraph.Literal), quad
    return quad.object.value


def _concept(quad: pyoxigraph.Quad) -> str:
    assert isinstance(quad.subject, pyoxigraph.NamedNode), quad
    return quad.subject.value


def _prf(s: Score) -> str:
    return f"{s.precision:.3f}/{s.recall:.3f}/{s.f1:.3f}"


if __name__ == "__main__":
    main()
