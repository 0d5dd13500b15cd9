"""Scores extraction + resolution against gold annotations: per-type precision, recall and F1."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from graph.extract import Extractor
from graph.extract.folding import fold_key
from graph.records import EntityKind, ResolvedStory, StoryRecord
from graph.resolve import Resolver

TYPES = {"people": EntityKind.PERSON, "organizations": EntityKind.ORGANIZATION, "places": EntityKind.PLACE,
         "campaigns": EntityKind.CAMPAIGN, "themes": EntityKind.THEME}


@dataclass(slots=True)
class Score:
    """Counts for one entity type over all stories (micro-averaged)."""

    matched_predictions: int = 0
    predictions: int = 0
    matched_gold: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.matched_predictions / self.predictions if self.predictions else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Error:
    """One false positive or false negative, for reading what went wrong."""

    story: int
    type: str
    kind: str  # "missed" or "extra"
    name: str


@dataclass(slots=True)
class Report:
    """Scores per type plus every error, printable as a table."""

    scores: dict[str, Score] = field(default_factory=dict)
    errors: list[Error] = field(default_factory=list)
    stories: int = 0

    def format(self, errors: bool = False) -> str:
        lines = [f"{'type':<14}{'precision':>10}{'recall':>9}{'F1':>7}{'gold':>7}{'found':>7}"]
        for name, s in self.scores.items():
            lines.append(f"{name:<14}{s.precision:>10.3f}{s.recall:>9.3f}{s.f1:>7.3f}{s.gold:>7}{s.predictions:>7}")
        lines.append(f"{self.stories} stories")
        if errors:
            lines += [f"  story {e.story}: {e.kind} {e.type[:-1] if e.type != 'people' else 'person'} {e.name!r}"
                      for e in self.errors]
        return "\n".join(lines)


def _gold_forms(item) -> set[str]:
    if isinstance(item, str):
        return {fold_key(item)}
    return {fold_key(n) for n in (item["name"], *item.get("aliases", ()))}


def _predicted(resolved: ResolvedStory, kind: EntityKind) -> dict[str, set[str]]:
    """Each linked entity of the kind with every name it goes by in this story."""
    entities: dict[str, set[str]] = {}
    for link in resolved.links:
        if link.entity.kind is not kind:
            continue
        if kind is EntityKind.THEME:
            entities.setdefault(link.entity.iri, {fold_key(link.entity.iri.rstrip("/").rsplit("/", 1)[-1])})
            continue
        forms = entities.setdefault(link.entity.iri, set())
        forms.update(fold_key(n) for n in (link.entity.name, *link.entity.aliases, link.mention.text, link.mention.name) if n)
    return entities


def _find_story(stories: list[StoryRecord], gold: dict, position: int) -> StoryRecord | None:
    title = fold_key(gold.get("title", ""))
    number = gold.get("n", position + 1)
    if 0 < number <= len(stories) and (not title or fold_key(stories[number - 1].title) == title):
        return stories[number - 1]
    return next((s for s in stories if fold_key(s.title) == title), None)


def score(gold: list[dict], resolved: list[ResolvedStory | None]) -> Report:
    """Compare resolved stories with gold items (same order) by the gold rules (see tests/seed-gold.json)."""
    report = Report({name: Score() for name in TYPES}, [], len(gold))
    for item, story in zip(gold, resolved):
        number = item.get("n", 0)
        optional = {fold_key(o) for o in item.get("optional", ())}
        for name, kind in TYPES.items():
            s = report.scores[name]
            gold_items = [_gold_forms(g) for g in item.get(name, ())]
            predicted = _predicted(story, kind) if story else {}
            s.gold += len(gold_items)
            for forms, g in zip(gold_items, item.get(name, ())):
                if any(forms & p for p in predicted.values()):
                    s.matched_gold += 1
                else:
                    report.errors.append(Error(number, name, "missed", g if isinstance(g, str) else g["name"]))
            for iri, forms in predicted.items():
                if any(forms & g for g in gold_items):
                    s.predictions += 1
                    s.matched_predictions += 1
                elif not forms & optional:
                    s.predictions += 1
                    links = story.links if story is not None else ()
                    label = next((link.entity.name for link in links if link.entity.iri == iri), iri)
                    report.errors.append(Error(number, name, "extra", label))
    return report


def evaluate(gold_path: Path | str, source_path: Path | str, ontology_dir: Path | None = None) -> Report:
    """Import `source_path` (any supported format), extract and resolve it, and score it against the gold."""
    from graph.sources import parse

    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    stories = parse(Path(source_path)).stories
    extractor = Extractor(ontology_dir)
    resolver = Resolver("urn:storygraph:evaluate:", ontology_dir)
    resolved: list[ResolvedStory | None] = []
    for position, item in enumerate(gold):
        story = _find_story(stories, item, position)
        if story is None:
            resolved.append(None)
            continue
        resolved.append(resolver.resolve(story, f"urn:storygraph:evaluate:story/{position + 1}", extractor.extract(story)))
    return score(gold, resolved)


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 3:
        sys.exit("usage: python -m graph.evaluate GOLD.json STORIES_FILE")
    print(evaluate(sys.argv[1], sys.argv[2]).format(errors=True))
