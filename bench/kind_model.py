"""Would a learned person / organization / campaign decision over the extractor's own names carry? `python -m bench.kind_model`.

A measurement, not a pass: nothing here is on the extraction path. For every annotated set the shipped extractor runs
as graph.evaluate runs it; each name it accepted as a person, an organization or a campaign (a *unit*: one story's
accepted spans of one kind and one name) is labelled with the gold kind its resolved entity matches in that story
(its own kind first; another kind's when only that one matches; "none" when it matches nothing; left out when the gold
lists it as optional). Features are read from the name and its context only: its folded words, first and last word,
shape (length, capitals, digits, hyphens, a lower-case inner word, vocabulary words), the finder that proposed it
(span source and priority) and the kind it gave, the 1-2 tokens before and after, lower-case words near it, title or
summary, sentence start, how often the story names it.

A one-vs-rest logistic regression (bench.train_themes.train) over the four labels is fitted leave-one-set-out: for each
held-out set, on all the other sets. A unit is relabelled (or dropped, for "none") when its finder is a weak one
(priority below a taught definition's: shapes, cues, guesses; `--eligible all` lets every finder be overridden) and
the model's normalised probability of another label reaches a cut. The two cuts (relabel, drop) are chosen on the
training sets only, by an inner cross-validation (`--inner` groups of them, each predicted by a model fitted on the
rest): the pair that most raises the training sets' mean people + organization + campaign F1. The held-out set is then
resolved again with its units changed and scored by graph.evaluate's rules. Printed: per set and kind F1 before/after,
the mean held-out delta per kind over the non-ILO batches, up/down counts, precision means, the ILO sets.
"""
from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

import numpy as np

from graph.evaluate import Report, _find_story, _gold_forms, score
from graph.extract import Extractor
from graph.extract.folding import fold, fold_key
from graph.extract.spans import DEFINITION, Span
from graph.records import EntityKind, Field, Mention, ResolvedStory, StoryRecord
from graph.resolve import Resolver

from bench.train_themes import BATCHES, ROOT, SETS, train

ILO = ("seed", "extra", "heldout2", "heldout3")
KINDS = {EntityKind.PERSON: "person", EntityKind.ORGANIZATION: "organization", EntityKind.CAMPAIGN: "campaign"}
LABELS = ("person", "organization", "campaign", "none")
GOLD = {"people": "person", "organizations": "organization", "campaigns": "campaign", "places": "place"}
SCORED = ("people", "organizations", "campaigns")
M = TypeVar("M")  # a fitted model of either measurement (this one's, bench.boundary_model's)
CUTS = (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01)  # 1.01: never
TOKEN = re.compile(r"\w+(?:[-'’.&/]\w+)*|[^\w\s]")
STOP = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "at", "by", "as", "is", "are", "was", "were", "be",
        "it", "its", "with", "from", "has", "have", "had", "that", "this", "which", "who", "will", "or", "but", "not"}


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def span_features(text: str, tokens: list[tuple[str, int, int]], span: Span, vocabulary: frozenset[str]) -> set[str]:
    """What the model reads of one accepted span in its field's text."""
    words = [t for t, s, e in tokens if s >= span.start and e <= span.end] or [text[span.start:span.end]]
    folded = [fold(w) for w in words]
    out = {f"w={w}" for w in folded}
    out |= {f"first={folded[0]}", f"last={folded[-1]}", f"suf={folded[-1][-3:]}", f"len={min(len(words), 5)}",
            f"src={span.source or span.method}", f"prio={span.priority}",
            f"rule={KINDS.get(span.kind, span.kind.value)}",
            f"rule-src={KINDS.get(span.kind, span.kind.value)}/{span.source or span.method}"}
    if span.key:
        out.add("keyed")
    if span.role:
        out.add("role")
    if len(words) == 1:
        out.add("one-word")
    if any(any(c.isdigit() for c in w) for w in words):
        out.add("digits")
    if any(w.isupper() and len(w) > 1 for w in words):
        out.add("caps-word")
    if all(w.isupper() for w in words if w[:1].isalpha()):
        out.add("all-caps")
    if any(w.islower() for w in words):
        out.add("inner-lower")
    if any("-" in w for w in words):
        out.add("hyphen")
    known = sum(1 for w in folded if w in vocabulary)
    out.add("vocab=" + ("all" if known == len(folded) else "some" if known else "none"))
    if span.field is Field.TITLE:
        out.add("in-title")
    first = next((k for k, (_, s, _e) in enumerate(tokens) if s >= span.start), len(tokens))
    last = next((k for k in range(len(tokens) - 1, -1, -1) if tokens[k][2] <= span.end), first - 1) + 1
    a = first
    while a > 0 and tokens[a - 1][0] not in ".!?;:":
        a -= 1
    if a == first:
        out.add("sentence-start")
    for d in (1, 2):
        if first - d >= 0:
            out.add(f"l{d}={fold(tokens[first - d][0])}")
        if last + d - 1 < len(tokens):
            out.add(f"r{d}={fold(tokens[last + d - 1][0])}")
    for k in range(max(0, first - 5), min(len(tokens), last + 5)):
        if first <= k < last:
            continue
        word = tokens[k][0]
        if word.islower() and word.isalpha() and word not in STOP and len(word) > 2:
            out.add(f"near={fold(word)}")
    return out


@dataclass(slots=True)
class Unit:
    """One story's accepted spans of one kind and one name: what the decision relabels or drops as a whole."""

    story: int
    kind: EntityKind
    spans: list[tuple[Field, int, int]]
    priority: int  # the best of its spans'
    text: str
    features: frozenset[str]
    label: str | None  # a LABELS value; None: optional in the gold


@dataclass(slots=True)
class Data:
    """One set: its gold, stories, each story's mentions as extracted, and its units."""

    gold: list[dict]
    stories: list[StoryRecord | None]
    mentions: list[list[Mention]]
    units: list[Unit]


def resolve_all(stories: Sequence[StoryRecord | None], mentions: Sequence[list[Mention]]) -> list[ResolvedStory | None]:
    """A set's stories resolved in order by one resolver, as graph.evaluate resolves them."""
    resolver = Resolver("urn:storygraph:evaluate:")
    return [resolver.resolve(story, f"urn:storygraph:evaluate:story/{position + 1}", ms) if story else None
            for position, (story, ms) in enumerate(zip(stories, mentions))]


def _label(forms: set[str], kind: EntityKind, item: dict) -> str | None:
    golds = {GOLD[t]: set().union(*(_gold_forms(g) for g in item.get(t, ()))) for t in GOLD}
    own = KINDS[kind]
    if forms & golds[own]:
        return own
    other = next((k for k in ("person", "organization", "campaign") if forms & golds[k]), None)
    if other:
        return other
    if forms & golds["place"] or forms & {fold_key(o) for o in item.get("optional", ())}:
        return None  # a place, or optional: neither right nor wrong as any of the three
    return "none"


def read(name: str, extractor: Extractor) -> Data:
    """Run the shipped extractor over one set and gather its labelled units."""
    from graph.sources import parse

    gold_path, stories_path = SETS[name]
    gold = json.loads((ROOT / gold_path).read_text(encoding="utf-8"))
    parsed = parse(ROOT / stories_path).stories
    vocabulary = extractor.resources.vocabulary
    stories: list[StoryRecord | None] = []
    mentions: list[list[Mention]] = []
    accepted: list[list[Span]] = []
    for position, item in enumerate(gold):
        story = _find_story(parsed, item, position)
        stories.append(story)
        if story is None:
            mentions.append([])
            accepted.append([])
            continue
        # (extract and run apart: the harness runs under older checkouts too, whose Extractor has both)
        mentions.append(extractor.extract(story))
        accepted.append([s for s in extractor.run(story).accepted if s.kind in KINDS])
    data = Data(gold, stories, mentions, [])
    resolved = resolve_all(data.stories, mentions)
    for position, (item, story, done, spans) in enumerate(zip(gold, stories, resolved, accepted)):
        if story is None or done is None:
            continue
        forms_at: dict[tuple[Field, int, int], set[str]] = {}
        for link in done.links:
            m, e = link.mention, link.entity
            forms_at[(m.field, m.start, m.end)] = {fold_key(n) for n in (e.name, *e.aliases, m.text, m.name) if n}
        texts = {Field.TITLE: story.title, Field.SUMMARY: story.summary}
        tokens = {f: _tokens(t) for f, t in texts.items()}
        groups: dict[tuple[EntityKind, str], list[Span]] = {}
        for s in spans:
            groups.setdefault((s.kind, fold_key(s.name or texts[s.field][s.start:s.end])), []).append(s)
        for (kind, _), members in groups.items():
            feats: set[str] = set()
            forms: set[str] = set()
            for s in members:
                feats |= span_features(texts[s.field], tokens[s.field], s, vocabulary)
                forms |= forms_at.get((s.field, s.start, s.end), set())
            feats.add(f"count={min(len(members), 3)}")
            first = members[0]
            data.units.append(Unit(position, kind, [(s.field, s.start, s.end) for s in members],
                                   max(s.priority for s in members), texts[first.field][first.start:first.end],
                                   frozenset(feats), _label(forms, kind, item)))
    return data


Weights = tuple[dict[str, int], np.ndarray, np.ndarray]
Model = dict[str, Weights]  # "all", or (`--per-kind`) one per kind the finders gave


RULE_FEATURES = ("rule=", "rule-src=", "src=", "prio=", "keyed", "role")
BLIND = False  # `--blind`: the model reads the name and its context only, not what the finders said of it
PER_KIND = False  # `--per-kind`: one model per kind the finders gave (every feature read against that kind)


def _seen(features: Iterable[str]) -> set[str]:
    return {f for f in features if not f.startswith(RULE_FEATURES)} if BLIND else set(features)


def fit(sets: Iterable[Data]) -> Model:
    units = [u for d in sets for u in d.units if u.label is not None]
    model: Model = {}
    for group in (KINDS.values() if PER_KIND else ("all",)):
        examples = [(_seen(u.features), {u.label or ""}) for u in units if group in ("all", KINDS[u.kind])]
        vocabulary, b, w = train(examples, LABELS)
        model[group] = {f: i for i, f in enumerate(vocabulary)}, b, w
    return model


def probabilities(model: Model, unit: Unit) -> np.ndarray:
    index, b, w = model["all"] if "all" in model else model[KINDS[unit.kind]]
    rows = [index[f] for f in _seen(unit.features) if f in index]
    p = 1.0 / (1.0 + np.exp(-(b + w[rows].sum(axis=0))))
    return p / p.sum()


Change = tuple[int, str]  # a unit's position in its set, and the label it is given


def decide(model: Model, data: Data, relabel: float, drop: float, eligible: str) -> tuple[Change, ...]:
    """The units the decision changes: (index, new label) where the finder is weak enough and the model sure enough."""
    out = []
    for i, p in enumerate(_probs(model, data)):
        unit = data.units[i]
        if eligible == "weak" and unit.priority >= DEFINITION:
            continue
        best = int(np.argmax(p))
        label = LABELS[best]
        if label == KINDS[unit.kind]:
            continue
        if p[best] >= (drop if label == "none" else relabel):
            out.append((i, label))
    return tuple(out)


def oracle(data: Data, eligible: str) -> tuple[Change, ...]:
    """Every eligible unit whose gold label is not its kind, given that label: what a perfect decision would do."""
    return tuple((i, u.label) for i, u in enumerate(data.units)
                 if u.label is not None and u.label != KINDS[u.kind] and (eligible == "all" or u.priority < DEFINITION))


_PROBS: dict[tuple[int, int], np.ndarray] = {}


def _probs(model: Model, data: Data) -> np.ndarray:
    key = (id(model), id(data))
    if key not in _PROBS:
        _KEEP.extend((model, data))  # their ids stay their own while the cache holds them
        _PROBS[key] = (np.array([probabilities(model, u) for u in data.units]) if data.units
                       else np.zeros((0, len(LABELS))))
    return _PROBS[key]


_SCORES: dict[tuple[int, tuple[Change, ...]], Report] = {}
_KEEP: list[object] = []


def scored(data: Data, changes: tuple[Change, ...]) -> Report:
    """graph.evaluate's report of the set with the changes made (cached per set and change list)."""
    key = (id(data), changes)
    if key in _SCORES:
        return _SCORES[key]
    _KEEP.append(data)
    new: dict[tuple[int, Field, int, int], str] = {}
    for i, label in changes:
        unit = data.units[i]
        for field, start, end in unit.spans:
            new[(unit.story, field, start, end)] = label
    kinds = {v: k for k, v in KINDS.items()}
    mentions = []
    for position, ms in enumerate(data.mentions):
        out = []
        for m in ms:
            given = new.get((position, m.field, m.start, m.end))
            if given is None:
                out.append(m)
            elif given != "none":
                out.append(replace(m, kind=kinds[given], role=None, affiliation=None))
        mentions.append(out)
    report = score(data.gold, resolve_all(data.stories, mentions))
    _SCORES[key] = report
    return report


def f1_gain(before: Report, after: Report) -> float:
    """The summed F1 change of the scored kinds from one report to another."""
    return sum(after.scores[t].f1 - before.scores[t].f1 for t in SCORED)


def gain(data: Data, changes: tuple[Change, ...]) -> float:
    return f1_gain(scored(data, ()), scored(data, changes))


def held_out_models(names: Sequence[str], sets: dict, groups: int, fit: Callable[[Iterable], M]) -> dict[str, M]:
    """Each set's model, fitted on the sets outside its group (`groups` interleaved groups of `names`)."""
    models: dict[str, M] = {}
    for g in range(groups):
        held = names[g::groups]
        model = fit(sets[n] for n in names if n not in held)
        models.update({n: model for n in held})
    return models


def choose_cuts(names: Sequence[str], sets: dict[str, Data], groups: int, eligible: str) -> tuple[float, float]:
    """The (relabel, drop) cuts that most raise the mean F1 of `names`, each predicted by a model fitted without its group."""
    models = held_out_models(names, sets, groups, fit)

    def mean_gain(cuts: tuple[float, float]) -> float:
        return float(np.mean([gain(sets[n], decide(models[n], sets[n], *cuts, eligible)) for n in names]))

    # ties go to the higher (more cautious) cuts
    return max(((r, d) for r in CUTS for d in CUTS), key=lambda c: (round(mean_gain(c), 9), c))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inner", type=int, default=3, help="groups of the inner cross-validation choosing the cuts")
    parser.add_argument("--eligible", choices=("weak", "all"), default="weak",
                        help="which finders' names may be changed: weak ones (below a definition) or all")
    parser.add_argument("--cuts", type=float, nargs=2, metavar=("RELABEL", "DROP"),
                        help="fixed cuts instead of the inner cross-validation's")
    parser.add_argument("--top", type=int, default=20, help="heaviest weights to print each way per label")
    parser.add_argument("--oracle", action="store_true",
                        help="what a perfect decision would gain: every eligible name given its gold label (an upper bound)")
    parser.add_argument("--per-kind", action="store_true", help="one model per kind the finders gave")
    parser.add_argument("--blind", action="store_true",
                        help="the model does not read the finder, its priority or the kind it gave (an independent opinion)")
    args = parser.parse_args(argv)
    global BLIND, PER_KIND
    BLIND, PER_KIND = args.blind, args.per_kind
    extractor = Extractor()
    names = list(SETS)
    sets = {n: read(n, extractor) for n in names}
    units = [u for d in sets.values() for u in d.units if u.label is not None]
    confusion: dict[tuple[str, str], int] = {}
    for u in units:
        key = (KINDS[u.kind], u.label or "")
        confusion[key] = confusion.get(key, 0) + 1
    print(f"labelled units: {len(units)} in {len(names)} sets; (rule kind, gold label): "
          + ", ".join(f"{k}->{v} {c}" for (k, v), c in sorted(confusion.items())))
    deltas: dict[str, dict[str, tuple[float, float]]] = {}
    # held out: the model's probability of its likeliest other label, rule kind, that label, gold, name, p(gold)
    pooled: list[tuple[float, str, str, str, str, float]] = []
    for name in names:
        train_names = [n for n in names if n != name]
        cuts = (tuple(args.cuts) if args.cuts else (1.01, 1.01) if args.oracle
                else choose_cuts(train_names, sets, args.inner, args.eligible))
        model = fit(sets[n] for n in train_names)
        changes = decide(model, sets[name], cuts[0], cuts[1], args.eligible)
        if args.oracle:
            changes = oracle(sets[name], args.eligible)
        for unit, p in zip(sets[name].units, _probs(model, sets[name])):
            if unit.label is not None and (args.eligible == "all" or unit.priority < DEFINITION):
                other = max((j for j in range(len(LABELS)) if LABELS[j] != KINDS[unit.kind]), key=lambda j: p[j])
                pooled.append((float(p[other]), KINDS[unit.kind], LABELS[other], unit.label, unit.text,
                               float(p[LABELS.index(unit.label)])))
        before, after = scored(sets[name], ()), scored(sets[name], changes)
        deltas[name] = {t: (after.scores[t].f1 - before.scores[t].f1,
                            after.scores[t].precision - before.scores[t].precision) for t in SCORED}
        wrong_here = [(u, p) for u, p in zip(sets[name].units, _probs(model, sets[name]))
                      if u.label is not None and u.label != KINDS[u.kind]
                      and (args.eligible == "all" or u.priority < DEFINITION)]
        print(f"{name:<10} cuts {cuts[0]:.2f}/{cuts[1]:.2f} changes {len(changes):>3}  wrong kinds "
              f"{len(wrong_here):>2} (gold label over 0.5: {sum(p[LABELS.index(u.label)] >= 0.5 for u, p in wrong_here)})  "
              + "  ".join(f"{t[:4]} {before.scores[t].f1:.3f}->{after.scores[t].f1:.3f}" for t in SCORED) + "  "
              + "; ".join(f"{sets[name].units[i].text} {KINDS[sets[name].units[i].kind][:3]}->{lab[:3]}"
                          f"{'' if sets[name].units[i].label is None else '+' if sets[name].units[i].label == lab else '-'}"
                          for i, lab in changes[:8]))
    batches = [f"nonilo{k}" for k in BATCHES]
    for t in SCORED:
        f1 = [deltas[n][t][0] for n in batches]
        pr = [deltas[n][t][1] for n in batches]
        print(f"{t}: mean held-out F1 delta {np.mean(f1):+.4f} (up {sum(d > 1e-9 for d in f1)}, down "
              f"{sum(d < -1e-9 for d in f1)}); precision {np.mean(pr):+.4f} (down on {sum(d < -1e-9 for d in pr)})")
    print("ILO sets: " + "; ".join(f"{n} " + " ".join(f"{t[:4]} {deltas[n][t][0]:+.3f}" for t in SCORED) for n in ILO))
    print("held-out eligible units, pooled: at a cut on the model's likeliest other label, right / wrong (the rule's "
          "kind was right) / neither")
    for cut in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        over = [(k, o, g) for p, k, o, g, _, _ in pooled if p >= cut]
        print(f"  {cut:.1f}: {sum(o == g for k, o, g in over)} / {sum(k == g for k, o, g in over)} / "
              f"{sum(o != g and k != g for k, o, g in over)}   by change: "
              + ", ".join(f"{k[:3]}->{o[:3]} {sum(1 for kk, oo, g in over if (kk, oo) == (k, o) and oo == g)}/"
                          f"{sum(1 for kk, oo, g in over if (kk, oo) == (k, o))}"
                          for k, o in sorted({(k, o) for k, o, _ in over})))
    wrong = sorted((x for x in pooled if x[1] != x[3]), key=lambda x: -x[5])
    print(f"the rules' {len(wrong)} wrong kinds among eligible held-out units, by the model's probability of the gold one "
          "(top 30): " + "; ".join(f"{t} {k[:3]}->{g[:3]} {pg:.2f}{'' if o == g else ' (model: ' + o[:3] + ')'}"
                                   for _, k, o, g, t, pg in wrong[:30]))
    print("of them, gold campaigns the rules called something else: " + "; ".join(
        f"{t} {k[:3]} {pg:.2f}" for _, k, o, g, t, pg in wrong if g == "campaign"))
    for group, (index, b, w) in fit(sets.values()).items():
        vocabulary = sorted(index, key=index.__getitem__)
        for j, label in enumerate(LABELS):
            order = np.argsort(-w[:, j])
            print(f"model {group}, {label} (bias {b[j]:+.2f}): "
                  + ", ".join(f"{vocabulary[i]} {w[i, j]:+.2f}" for i in order[:args.top]))


if __name__ == "__main__":
    main()
