"""Campaigns from the words around a name, judged leave-one-batch-out: `python -m bench.campaign_context [--anatomy]`.

A measurement, not a pass: nothing here is on the extraction path. For every annotated set the shipped extractor and
resolver run as graph.evaluate runs them (their mentions kept, so a changed set is resolved again and scored by
graph.evaluate's rules for every kind).

`--anatomy` sorts each gold campaign the extractor misses (graph.evaluate's matching: name and aliases, folded) by what
became of it, per batch: *absent* (no extracted span of any kind overlaps where the story writes it), *other kind*
(a span of exactly that form was extracted as an organization, person, place, ...), *campaign lost* (a campaign span
of that form was extracted but resolved to a name the gold does not list), *boundary* (extracted spans overlap it
but none has its bounds; split by the kinds of the overlapping spans; a theme or date span is not a name and is not
counted), *not written* (no name or alias occurs in the
story's text as written: a paraphrase, a translation, a form only the annotator gives).

The learned step (the default) proposes campaigns from candidate spans the extractor gave no campaign: the capitalised
runs, quoted names and hashtags of bench.campaign_model over the tokens no person, place or campaign covers (so an
organization's tokens are candidates too: a name the extractor called an organization may be re-kinded), read mostly
through their *context*: the words before and after (positioned), the lower-case words of the sentence near it, the
verbs and nouns that introduce a programme ("launched", "under", "scheme", "beneficiaries", "enrolled", "joined", ...
learned, not listed), the kind the extractor gave its tokens and whether that organization has an organization head
word. A logistic regression (bench.train_themes.train) is fitted for each held-out set on every other set; its cut is
chosen on the training sets only (inner cross-validation: the cut that most raises their mean campaign F1, each
predicted by a model fitted without its group). A candidate over the cut becomes a campaign mention (an organization
mention of exactly its span is re-kinded, one it overlaps otherwise is left), the set is resolved again and scored.

The state a batch met when it was opened (before any rule was read off its errors) is the honest one for campaigns:
`--dump FILE --only nonilo38 nonilo39` run under a `git archive` of the opening commit (`PYTHONPATH=.`, this file and
bench/campaign_model.py copied in) writes that state's candidates and scores; `--states FILE ...` then judges the
learned step leave-one-batch-out over those batches (counted without resolving again: quick_gain), `--train-also`
adding this checkout's sets to the training. Results: tests/data/NONILO.md, round campaigns52.
"""
from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from bench.campaign_model import CUTS, QUOTED, _runs, _tokens, features, print_weights
from bench.train_themes import ROOT, SETS, train
from graph.evaluate import Report, Score, _find_story, _gold_forms, _predicted, score
from graph.extract import Extractor
from graph.extract.folding import fold, fold_key
from graph.records import EntityKind, Field, Mention, StoryRecord
from graph.resolve import Resolver

ILO = ("seed", "extra", "heldout2", "heldout3")
KINDS = ("people", "organizations", "places", "campaigns")
# the kinds whose tokens are never a candidate (an organization's are: re-kinding it is the point)
BLOCKING = (EntityKind.PERSON, EntityKind.PLACE, EntityKind.CAMPAIGN)
# the head words of names that are bodies, not programmes (a name ending in one stays an organization)
ORG_HEADS = {"union", "unions", "council", "ministry", "department", "agency", "organisation", "organization",
             "association", "federation", "confederation", "commission", "committee", "authority", "bank", "board",
             "institute", "office", "group", "party", "company", "corporation", "inc", "ltd", "court", "foundation",
             "network", "alliance", "society", "centre", "center", "university", "trust", "congress", "parliament",
             "assembly", "secretariat", "bureau", "service", "services", "fund", "chamber", "league", "coalition"}


@dataclass(frozen=True, slots=True)
class Candidate:
    """One span a learned step could make a campaign, with what it reads of it and its gold label."""

    story: int
    field: Field
    start: int
    end: int
    text: str
    features: frozenset[str]
    label: bool | None  # None: optional in the gold, or a place (neither)
    rekind: bool  # an organization mention of exactly this span exists (it would become the campaign)


@dataclass(slots=True)
class Data:
    """One set: gold, stories, mentions as extracted, the report as shipped, and the candidates."""

    name: str
    gold: list[dict]
    stories: list[StoryRecord | None]
    mentions: list[list[Mention]]
    before: Report
    candidates: list[Candidate]
    anatomy: list[tuple[str, str, str]]  # (class, detail, gold name) per missed gold campaign
    predicted: list[dict[str, list[set[str]]]]  # per story: "campaigns" / "organizations" -> each entity's forms


def resolve_all(stories: Sequence[StoryRecord | None], mentions: Sequence[list[Mention]]) -> list:
    resolver = Resolver("urn:storygraph:evaluate:")
    return [resolver.resolve(story, f"urn:storygraph:evaluate:story/{position + 1}", ms) if story else None
            for position, (story, ms) in enumerate(zip(stories, mentions))]


def _occurrences(text: str, form: str) -> list[tuple[int, int]]:
    if not form.strip():
        return []
    pattern = r"(?<!\w)" + re.escape(form) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]


def anatomy_of(story: StoryRecord, mentions: list[Mention], campaign: dict | str) -> tuple[str, str]:
    """(class, detail) of one missed gold campaign in its story (see the module's docstring)."""
    names = [campaign] if isinstance(campaign, str) else [campaign["name"], *campaign.get("aliases", ())]
    texts = {Field.TITLE: story.title, Field.SUMMARY: story.summary}
    found: list[tuple[str, str]] = []
    for form in names:
        for field, text in texts.items():
            for s, e in _occurrences(text, form):
                over = [m for m in mentions if m.field is field and m.start < e and s < m.end
                        and m.kind not in (EntityKind.THEME, EntityKind.DATE)]
                exact = [m for m in over if (m.start, m.end) == (s, e) or fold_key(m.text) == fold_key(form)]
                if any(m.kind is EntityKind.CAMPAIGN for m in exact):
                    found.append(("campaign lost", ""))
                elif exact:
                    found.append(("other kind", exact[0].kind.value))
                elif over:
                    kinds = sorted({m.kind.value for m in over})
                    found.append(("boundary", "+".join(kinds)))
                else:
                    found.append(("absent", ""))
    if not found:
        return "not written", ""
    order = ("campaign lost", "other kind", "boundary", "absent")
    return min(found, key=lambda f: order.index(f[0]))


def _org_head(text: str) -> bool:
    words = fold(text).split()
    return bool(words) and words[-1].strip(".,") in ORG_HEADS


def candidates_of(position: int, story: StoryRecord, mentions: list[Mention], item: dict) -> list[Candidate]:
    positives = set().union(*(_gold_forms(g) for g in item.get("campaigns", ()))) if item.get("campaigns") else set()
    neither = {fold_key(o) for o in item.get("optional", ())}
    neither |= set().union(*(_gold_forms(g) for g in item.get("places", ()))) if item.get("places") else set()
    out: dict[str, Candidate] = {}
    for field, text in ((Field.TITLE, story.title), (Field.SUMMARY, story.summary)):
        ms = [m for m in mentions if m.field is field]
        blocked = [(m.start, m.end) for m in ms if m.kind in BLOCKING]
        orgs = {(m.start, m.end): m for m in ms if m.kind is EntityKind.ORGANIZATION}
        tokens = _tokens(text)
        free = [not any(s < e2 and s2 < e for s2, e2 in blocked) for _, s, e in tokens]
        spans: list[tuple[int, int, bool]] = [(i, j, False) for i, j in _runs(tokens, free)]
        for m in QUOTED.finditer(text):
            covered = [k for k, (_, s, e) in enumerate(tokens) if s >= m.start(1) and e <= m.end(1)]
            if covered and all(free[k] for k in covered) and len(covered) <= 8:
                spans.append((covered[0], covered[-1] + 1, True))
        # an organization mention is a candidate of its own bounds (a run may be longer than it)
        for s, e in orgs:
            covered = [k for k, (_, ts, te) in enumerate(tokens) if ts >= s and te <= e]
            if covered and all(free[k] for k in covered):
                spans.append((covered[0], covered[-1] + 1, False))
        for i, j, quoted in spans:
            start, end = tokens[i][1], tokens[j - 1][2]
            name = re.sub(r"['’]s$", "", text[start:end])
            end = start + len(name)
            key = fold_key(name)
            if not key or key in out:
                continue
            feats = set(features(tokens, i, j, field is Field.TITLE, quoted))
            inside = [m for m in ms if m.kind is EntityKind.ORGANIZATION and m.start < end and start < m.end]
            exact = orgs.get((start, end))
            if exact is not None:
                feats.add("org-exact")
                feats.add(f"org-method={exact.method}")
                if exact.key:
                    feats.add("org-keyed")
            elif inside:
                feats.add("org-overlap")
            else:
                feats.add("unclaimed")
            if _org_head(name):
                feats.add("org-head")
            # context only, without the name's own words: what carries to names no training set has
            label = None if key in neither and key not in positives else key in positives
            out[key] = Candidate(position, field, start, end, name, frozenset(feats), label, exact is not None)
    return list(out.values())


def read(name: str, extractor: Extractor) -> Data:
    from graph.sources import parse

    gold_path, stories_path = SETS[name]
    gold = json.loads((ROOT / gold_path).read_text(encoding="utf-8"))
    parsed = parse(ROOT / stories_path).stories
    stories = [_find_story(parsed, item, position) for position, item in enumerate(gold)]
    mentions = [extractor.extract(s) if s else [] for s in stories]
    resolved = resolve_all(stories, mentions)
    before = score(gold, resolved)
    cands: list[Candidate] = []
    anatomy: list[tuple[str, str, str]] = []
    for position, (item, story, done) in enumerate(zip(gold, stories, resolved)):
        if story is None or done is None:
            continue
        have = set().union(*_predicted(done, EntityKind.CAMPAIGN).values()) if done.links else set()
        for g in item.get("campaigns", ()):
            if not _gold_forms(g) & have:
                cls, detail = anatomy_of(story, mentions[position], g)
                anatomy.append((cls, detail, g if isinstance(g, str) else g["name"]))
        cands += [c for c in candidates_of(position, story, mentions[position], item)
                  if fold_key(c.text) not in have]
    predicted = [{k: list(_predicted(done, kind).values()) if done else []
                  for k, kind in (("campaigns", EntityKind.CAMPAIGN), ("organizations", EntityKind.ORGANIZATION))}
                 for done in resolved]
    return Data(name, gold, stories, mentions, before, cands, anatomy, predicted)


def quick_gain(data: Data, added: Sequence[Candidate]) -> float:
    """Campaign + organization F1 change with these candidates made campaigns, without resolving again (an added
    name is one more campaign of its story; a re-kinded organization's entity leaves the organizations): for
    choosing a cut, where resolving every training set at every cut would take hours."""
    if not added:
        return 0.0
    return sum(Score(*_quick(data, added, kind)).f1 - data.before.scores[kind].f1
               for kind in ("campaigns", "organizations"))


def _quick(data: Data, added: Sequence[Candidate], kind: str) -> tuple[int, int, int, int]:
    """quick_gain's counts of one kind (matched predictions, predictions, matched gold, gold)."""
    by_story: dict[int, list[Candidate]] = {}
    for c in added:
        by_story.setdefault(c.story, []).append(c)
    before = data.before.scores[kind]
    s = Score(before.matched_predictions, before.predictions, before.matched_gold, before.gold)
    for position, cs in by_story.items():
        item = data.gold[position]
        optional = {fold_key(o) for o in item.get("optional", ())}
        gold_items = [_gold_forms(g) for g in item.get(kind, ())]
        old = data.predicted[position][kind]
        keys = {fold_key(c.text) for c in cs}
        if kind == "campaigns":
            new = old + [{k} for k in keys]
        else:
            gone = {fold_key(c.text) for c in cs if c.rekind}
            new = [f for f in old if not f & gone]
        for forms_list, sign in ((old, -1), (new, 1)):
            s.matched_gold += sign * sum(1 for g in gold_items if any(g & p for p in forms_list))
            for forms in forms_list:
                if any(forms & g for g in gold_items):
                    s.predictions += sign
                    s.matched_predictions += sign
                elif not forms & optional:
                    s.predictions += sign
    return s.matched_predictions, s.predictions, s.matched_gold, s.gold


Model = tuple[dict[str, int], float, np.ndarray]
CONTEXT_ONLY = False  # `--context-only`: leave out the name's own words (w=, head=, first=)


def _feats(c: Candidate) -> set[str]:
    if CONTEXT_ONLY:
        return {f for f in c.features if not f.startswith(("w=", "head=", "first="))}
    return set(c.features)


POSITIVE_WEIGHT = 1  # `--positive-weight`: each gold campaign counted this many times (the classes are ~1:100)


def fit(sets: Iterable[Data], l2: float = 10.0) -> Model:
    data = [(_feats(c), {"campaign"} if c.label else set()) for d in sets for c in d.candidates
            for _ in range(POSITIVE_WEIGHT if c.label else 1) if c.label is not None]
    vocabulary, b, w = train(data, ["campaign"], l2=l2)
    return {f: i for i, f in enumerate(vocabulary)}, float(b[0]), w[:, 0]


def probability(model: Model, c: Candidate) -> float:
    index, b, w = model
    z = b + sum(w[index[f]] for f in _feats(c) if f in index)
    return float(1.0 / (1.0 + np.exp(-z)))


_CACHE: dict[tuple[str, frozenset], Report] = {}


def scored(data: Data, added: Sequence[Candidate]) -> Report:
    """graph.evaluate's report of the set with these candidates made campaign mentions."""
    key = (data.name, frozenset((c.story, c.field, c.start) for c in added))
    if key in _CACHE:
        return _CACHE[key]
    if not added:
        return data.before
    by_story: dict[int, list[Candidate]] = {}
    for c in added:
        by_story.setdefault(c.story, []).append(c)
    mentions = []
    for position, ms in enumerate(data.mentions):
        new = by_story.get(position)
        if not new:
            mentions.append(ms)
            continue
        out = list(ms)
        for c in new:
            exact = [m for m in out if m.field is c.field and (m.start, m.end) == (c.start, c.end)
                     and m.kind is EntityKind.ORGANIZATION]
            out = [m for m in out if m not in exact]
            out.append(Mention(EntityKind.CAMPAIGN, c.text, c.field, c.start, c.end, "learned-context", 0.5, c.text))
        out.sort(key=lambda m: (m.field.value, m.start))
        mentions.append(out)
    report = score(data.gold, resolve_all(data.stories, mentions))
    _CACHE[key] = report
    return report


def added(model: Model, data: Data, cut: float | None) -> list[Candidate]:
    return [] if cut is None else [c for c in data.candidates if probability(model, c) >= cut]


def choose_cut(names: Sequence[str], sets: dict[str, Data], groups: int, l2: float,
               also: dict[str, Data] | None = None, outer: str = "") -> float | None:
    """The cut that most raises the mean campaign + organization F1 of `names`, each predicted by a model fitted
    without its group (and with the `also` sets, less those of the group and of the outer held-out set)."""
    probs: dict[str, list[tuple[Candidate, float]]] = {}
    also = also or {}
    for g in range(groups):
        held = names[g::groups]
        extra = [d for n, d in also.items() if n[5:] not in held and n[5:] != outer]
        model = fit([*(sets[n] for n in names if n not in held), *extra], l2)
        for n in held:
            probs[n] = [(c, probability(model, c)) for c in sets[n].candidates]

    def gain(cut: float) -> float:
        return sum(quick_gain(sets[n], [c for c, p in probs[n] if p >= cut]) for n in names) / len(names)

    best = max(CUTS, key=lambda cut: (round(gain(cut), 9), cut))
    return best if gain(best) > 1e-9 else None


def dump(sets: Iterable[Data], path: str) -> None:
    """Write what quick_gain and the model need of these sets (JSON), for reading under another checkout's state."""
    out = []
    for d in sets:
        out.append({"name": d.name, "gold": d.gold, "predicted": [{k: [sorted(f) for f in v] for k, v in p.items()}
                                                                  for p in d.predicted],
                    "before": {k: [d.before.scores[k].matched_predictions, d.before.scores[k].predictions,
                                   d.before.scores[k].matched_gold, d.before.scores[k].gold] for k in KINDS},
                    "anatomy": d.anatomy,
                    "candidates": [[c.story, c.field.value, c.start, c.end, c.text, sorted(c.features), c.label,
                                    c.rekind] for c in d.candidates]})
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f)


def load(path: str) -> list[Data]:
    """Sets written by dump (no stories or mentions: scored by quick_gain only)."""
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    out = []
    for r in raw:
        report = Report({k: Score(*r["before"][k]) for k in KINDS}, [], len(r["gold"]))
        cands = [Candidate(c[0], Field(c[1]), c[2], c[3], c[4], frozenset(c[5]), c[6], c[7]) for c in r["candidates"]]
        predicted = [{k: [set(f) for f in v] for k, v in p.items()} for p in r["predicted"]]
        out.append(Data(r["name"], r["gold"], [], [], report, cands, [tuple(a) for a in r["anatomy"]], predicted))
    return out


def print_anatomy(sets: dict[str, Data], batches: Sequence[str]) -> None:
    classes = ("absent", "other kind", "boundary", "campaign lost", "not written")
    print(f"{'batch':<10}{'missed':>7}" + "".join(f"{c:>15}" for c in classes))
    totals: Counter = Counter()
    details: dict[str, Counter] = {c: Counter() for c in classes}
    examples: dict[str, list[str]] = {c: [] for c in classes}
    batches_with: Counter = Counter()
    for n in batches:
        counts = Counter(cls for cls, _, _ in sets[n].anatomy)
        totals.update(counts)
        batches_with.update(set(counts))
        for cls, detail, name in sets[n].anatomy:
            details[cls][detail] += 1
            examples[cls].append(f"{name} [{n[6:]}{' ' + detail if detail else ''}]")
        print(f"{n:<10}{len(sets[n].anatomy):>7}" + "".join(f"{counts[c]:>15}" for c in classes))
    print(f"{'total':<10}{sum(totals.values()):>7}" + "".join(f"{totals[c]:>15}" for c in classes))
    print(f"{'batches':<10}{len(batches):>7}" + "".join(f"{batches_with[c]:>15}" for c in classes))
    for c in classes:
        print(f"{c}: " + ", ".join(f"{d or '-'} {k}" for d, k in details[c].most_common()))
        print("    " + "; ".join(examples[c]))


def main(argv: list[str] | None = None) -> None:
    global CONTEXT_ONLY, POSITIVE_WEIGHT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--anatomy", action="store_true", help="sort the missed gold campaigns of batches 4-39 and stop")
    parser.add_argument("--inner", type=int, default=3, help="groups of the inner cross-validation choosing the cut")
    parser.add_argument("--cut", type=float, help="a fixed cut instead of the inner cross-validation's (not honest)")
    parser.add_argument("--l2", type=float, default=10.0, help="L2 penalty (default %(default)s)")
    parser.add_argument("--positive-weight", type=int, default=1, help="count each gold campaign this many times")
    parser.add_argument("--context-only", action="store_true", help="leave out the name's own words")
    parser.add_argument("--dump", help="write the sets' candidates and scores to this JSON file and stop")
    parser.add_argument("--only", nargs="+", help="with --dump: only these sets")
    parser.add_argument("--states", nargs="+", help="read the sets from these dumps (each batch from the extractor "
                        "state it met when opened) instead of running the extractor; scored by quick_gain")
    parser.add_argument("--train-also", help="with --states: a dump of every set at another state (this checkout's), "
                        "learned from too, less the held-out batch's own stories")
    parser.add_argument("--top", type=int, default=25, help="heaviest weights to print each way")
    args = parser.parse_args(argv)
    CONTEXT_ONLY, POSITIVE_WEIGHT = args.context_only, args.positive_weight
    if args.states:
        sets = {d.name: d for path in args.states for d in load(path)}
    else:
        extractor = Extractor()
        sets = {n: read(n, extractor) for n in (args.only or SETS)}
    if args.dump:
        dump(sets.values(), args.dump)
        return
    also = {f"also:{d.name}": d for d in load(args.train_also)} if args.train_also else {}
    names = list(sets)
    batches = [n for n in names if n.startswith("nonilo") and int(n[6:]) >= 4]
    if args.anatomy:
        print_anatomy(sets, batches)
        return
    labelled = [c for d in sets.values() for c in d.candidates if c.label is not None]
    print(f"candidates: {len(labelled)} labelled, {sum(bool(c.label) for c in labelled)} gold campaigns, "
          f"{sum(c.rekind for c in labelled)} organizations of exactly their span "
          f"({sum(bool(c.label) and c.rekind for c in labelled)} of them gold campaigns)")
    print(f"{'held out':<10}{'cut':>6}{'added':>6}  campaigns P/R/F1 before -> after   dF1 camp   dF1 org  dF1 ppl")
    deltas: dict[str, tuple[float, float, float]] = {}
    pooled: list[tuple[float, bool | None, str]] = []
    for name in [n for n in names if n in ILO or n in batches]:
        train_names = [n for n in names if n != name]
        cut = args.cut if args.cut is not None else choose_cut(train_names, sets, args.inner, args.l2, also, name)
        model = fit([*(sets[n] for n in train_names), *(d for n, d in also.items() if n != f"also:{name}")], args.l2)
        plus = added(model, sets[name], cut)
        pooled += [(probability(model, c), c.label, f"{c.text} [{name[6:] or name}]") for c in sets[name].candidates]
        b = sets[name].before
        if args.states:  # no mentions to resolve again: the quick count, people unchanged
            a = Report({k: Score(*_quick(sets[name], plus, k)) if k in ("campaigns", "organizations") else b.scores[k]
                        for k in KINDS}, [], 0)
        else:
            a = scored(sets[name], plus)
        bc, ac = b.scores["campaigns"], a.scores["campaigns"]
        d = tuple(a.scores[k].f1 - b.scores[k].f1 for k in ("campaigns", "organizations", "people"))
        deltas[name] = d  # type: ignore[assignment]
        print(f"{name:<10}{cut if cut is not None else float('nan'):>6.2f}{len(plus):>6}  "
              f"{bc.precision:.3f}/{bc.recall:.3f}/{bc.f1:.3f} -> {ac.precision:.3f}/{ac.recall:.3f}/{ac.f1:.3f}"
              f"  {d[0]:+.3f}  {d[1]:+.3f}  {d[2]:+.3f}  "
              + ", ".join(f"{c.text}{'+' if c.label else ('' if c.label is None else '-')}{'*' if c.rekind else ''}"
                          for c in plus[:6]), flush=True)
    for label, group in (("batches 4-39", batches), ("batches 30-39", [n for n in batches if int(n[6:]) >= 30])):
        camp = [deltas[n][0] for n in group]
        org = [deltas[n][1] for n in group]
        print(f"{label}: mean campaign F1 delta {np.mean(camp):+.4f} (up {sum(x > 1e-9 for x in camp)}, down "
              f"{sum(x < -1e-9 for x in camp)}); organizations {np.mean(org):+.4f} (up {sum(x > 1e-9 for x in org)}, "
              f"down {sum(x < -1e-9 for x in org)}); people {np.mean([deltas[n][2] for n in group]):+.4f}")
    print("ILO sets (campaign / organization F1): "
          + ", ".join(f"{n} {deltas[n][0]:+.3f}/{deltas[n][1]:+.3f}" for n in ILO if n in deltas))
    print("held-out candidates pooled: at a cut, gold campaigns / others over it: "
          + ", ".join(f"{cut:.2f} {sum(y is True for p, y, _ in pooled if p >= cut)}/"
                      f"{sum(y is False for p, y, _ in pooled if p >= cut)}"
                      for cut in (0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)))
    pooled.sort(key=lambda t: -t[0])
    print("the 30 likeliest held-out candidates: " + "; ".join(
        f"{t} {p:.2f}{'+' if y else ('' if y is None else '-')}" for p, y, t in pooled[:30]))
    positives = sorted(p for p, y, _ in pooled if y)
    print(f"held-out gold campaigns' probabilities: median {np.median(positives):.3f}, ranks among {len(pooled)}: "
          + " ".join(str(sum(q > p for q, _, _ in pooled) + 1) for p in reversed(positives[-20:])))
    print_weights(fit(sets.values(), args.l2), args.top)


if __name__ == "__main__":
    main()
