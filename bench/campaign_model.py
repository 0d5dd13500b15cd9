"""Would a learned campaign-candidate classifier carry? `python -m bench.campaign_model [--inner 3] [--top 25]`.

A measurement, not a pass: nothing here is on the extraction path. For every annotated set the shipped extractor and
resolver run as graph.evaluate runs them. The candidates of a story are the capitalised runs of its title and summary
(connected over a few lower-case function words: "Fight for $15", "Year of Skills"), quoted names and hashtags, left
after every span the extractor claimed (a person, place, organization or campaign mention) is taken out. Each is
labelled from the gold: positive when it is one of the story's campaign names or aliases, negative otherwise; one the
gold lists as optional is in neither. Features: its folded words and last word, its shape (length, digits, lower-case
inner words, all capitals, quoted, hashtag, inner punctuation), the 1-3 words before and after, the lower-case words of
its sentence near it, and whether it is in the title.

A logistic regression (bench.train_themes.train, the repository's sparse trainer) is fitted leave-one-set-out: for each
held-out set (every non-ILO batch and every ILO set), on all the other sets. Its probability cut is chosen on the
training sets only, by an inner cross-validation (`--inner` groups of them, each predicted by a model fitted on the
rest): the cut that most raises the training sets' mean campaign F1. The held-out set's candidates over the cut join the
extractor's campaigns and the set is scored by graph.evaluate's rules. Printed: campaign P/R/F1 per set before and
after, the mean held-out F1 delta over the batches, batches up/down, precision up/down, the ILO sets; and the heaviest
weights of the model fitted on every set.
"""
from __future__ import annotations

import argparse
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from graph.evaluate import Score, _find_story, _gold_forms, _predicted
from graph.extract import Extractor
from graph.extract.folding import fold, fold_key
from graph.records import EntityKind, Field, ResolvedStory
from graph.resolve import Resolver

from bench.train_themes import BATCHES, ROOT, SETS, train

ILO = ("seed", "extra", "heldout2", "heldout3")
CUTS = (0.05, 0.1, 0.15, 0.2, 0.25) + tuple(round(0.30 + 0.05 * i, 2) for i in range(14))  # 0.05 .. 0.95
CLAIMED = (EntityKind.PERSON, EntityKind.PLACE, EntityKind.ORGANIZATION)
JOINERS = {"of", "for", "the", "and", "on", "to", "in", "against", "a", "de", "la", "with", "&"}
LEADING = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our"}
STOP = JOINERS | LEADING | {"is", "are", "was", "were", "be", "by", "at", "as", "it", "from", "has", "have", "had",
                            "will", "said", "says", "or", "but", "not", "which", "who", "than", "more", "also"}
TOKEN = re.compile(r"[#$]?\w+(?:[-'’.&/]\w+)*|[^\w\s]")
QUOTED = re.compile(r"[\"“”‘']([^\"“”‘’']{3,80})[\"“”’']")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One unclaimed name-like span of a story, with what the classifier reads of it."""

    story: int  # position in the set's gold
    text: str
    features: frozenset[str]
    label: bool | None  # None: optional in the gold (neither)
    found: bool = False  # the extractor already named it (or a campaign overlapping it): learned from, never added


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


def _capital(word: str) -> bool:
    word = word.lstrip("#$")
    return bool(word) and (word[0].isupper() or (word[0].isdigit() and len(word) > 1))


def _runs(tokens: list[tuple[str, int, int]], free: list[bool]) -> Iterable[tuple[int, int]]:
    """Token ranges [i, j) of capitalised runs over unclaimed tokens, joined over at most two function words."""
    i, n = 0, len(tokens)
    while i < n:
        word = tokens[i][0]
        if not (free[i] and (_capital(word) or word.startswith("#"))):
            i += 1
            continue
        j = i + 1
        while j < n and free[j]:
            if _capital(tokens[j][0]) or tokens[j][0] == "$" or tokens[j][0].startswith("$"):
                j += 1
                continue
            k = j
            while k < n and k - j < 2 and free[k] and tokens[k][0].lower() in JOINERS:
                k += 1
            if k > j and k < n and free[k] and _capital(tokens[k][0]):
                j = k
                continue
            break
        while i < j and tokens[i][0].lower() in LEADING:
            i += 1
        if i < j:
            yield i, j
        i = max(j, i + 1)


def _sentence_bounds(tokens: list[tuple[str, int, int]], i: int, j: int) -> tuple[int, int]:
    a = i
    while a > 0 and tokens[a - 1][0] not in ".!?;":
        a -= 1
    b = j
    while b < len(tokens) and tokens[b][0] not in ".!?;":
        b += 1
    return a, b


def features(tokens: list[tuple[str, int, int]], i: int, j: int, in_title: bool, quoted: bool = False) -> frozenset[str]:
    """What the classifier reads of tokens[i:j] in its field."""
    words = [t[0] for t in tokens[i:j]]
    folded = [fold(w) for w in words]
    out = {f"w={w}" for w in folded} | {f"head={folded[-1]}", f"first={folded[0]}", f"len={min(len(words), 6)}"}
    if any(any(c.isdigit() for c in w) for w in words):
        out.add("digits")
    if any(w.islower() for w in words):
        out.add("inner-lower")
    if all(w.isupper() and len(w) > 1 for w in words if w[0].isalpha()):
        out.add("all-caps")
    if len(words) == 1:
        out.add("one-word")
    if quoted:
        out.add("quoted")
    if any(w.startswith("#") for w in words):
        out.add("hashtag")
    if any(not c.isalnum() and c not in " '" for w in words for c in w.lstrip("#$")):
        out.add("punct")
    if in_title:
        out.add("in-title")
    a, b = _sentence_bounds(tokens, i, j)
    if i == a:
        out.add("sentence-start")
    for d in (1, 2, 3):
        if i - d >= 0:
            out.add(f"l{d}={fold(tokens[i - d][0])}")
        if j + d - 1 < len(tokens):
            out.add(f"r{d}={fold(tokens[j + d - 1][0])}")
    for k in range(max(a, i - 6), min(b, j + 6)):
        if i <= k < j:
            continue
        word = tokens[k][0]
        if word.islower() and word.isalpha() and word not in STOP and len(word) > 2:
            out.add(f"near={fold(word)}")
    return frozenset(out)


def _claimed(mentions: Iterable, field: Field, kinds: Sequence[EntityKind] = CLAIMED) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in mentions if m.field is field and m.kind in kinds]


def candidates_of(text: str, claimed: list[tuple[int, int]], in_title: bool
                  ) -> list[tuple[str, frozenset[str], tuple[int, int]]]:
    """(name, features, span) of every unclaimed run, quoted name and hashtag of one field."""
    tokens = _tokens(text)
    free = [not any(s < e2 and s2 < e for s2, e2 in claimed) for _, s, e in tokens]
    out: dict[str, tuple[str, frozenset[str], tuple[int, int]]] = {}
    for i, j in _runs(tokens, free):
        name = text[tokens[i][1]:tokens[j - 1][2]]
        name = re.sub(r"['’]s$", "", name)
        out.setdefault(fold_key(name), (name, features(tokens, i, j, in_title), (tokens[i][1], tokens[j - 1][2])))
    for m in QUOTED.finditer(text):
        covered = [k for k, (_, s, e) in enumerate(tokens) if s >= m.start(1) and e <= m.end(1)]
        if covered and all(free[k] for k in covered) and len(covered) <= 8:
            name = m.group(1).strip()
            # a quoted name wins over the same run read without its quotes
            out[fold_key(name)] = (name, features(tokens, covered[0], covered[-1] + 1, in_title, True),
                                   (m.start(1), m.end(1)))
    return list(out.values())


@dataclass(slots=True)
class Scored:
    """One set: the gold, what the extractor resolved, and the unclaimed candidates."""

    gold: list[dict]
    resolved: list[ResolvedStory | None]
    candidates: list[Candidate]
    claimed: dict[int, dict[str, str]]  # story -> folded name -> the kind the extractor claimed it as


def misses(data: Scored, model: Model) -> list[str]:
    """Each gold campaign the extractor missed, with what became of it here: a candidate (and its probability), a
    name the extractor claimed as another kind, or no candidate at all (a span no run, quote or hashtag gives)."""
    out = []
    for position, (item, story) in enumerate(zip(data.gold, data.resolved)):
        predicted = list(_predicted(story, EntityKind.CAMPAIGN).values()) if story else []
        for g in item.get("campaigns", ()):
            forms = _gold_forms(g)
            if any(forms & p for p in predicted):
                continue
            name = g if isinstance(g, str) else g["name"]
            candidate = next((c for c in data.candidates if c.story == position and fold_key(c.text) in forms), None)
            kind = next((k for f, k in data.claimed.get(position, {}).items() if f in forms), None)
            what = (f"p={probability(model, candidate):.2f}" if candidate else f"claimed as {kind}" if kind
                    else "no candidate")
            out.append(f"{name} ({what})")
    return out


def read(name: str) -> Scored:
    """Run the shipped extractor on one set and gather its labelled candidates."""
    from graph.sources import parse

    gold_path, stories_path = SETS[name]
    gold = json.loads((ROOT / gold_path).read_text(encoding="utf-8"))
    stories = parse(ROOT / stories_path).stories
    extractor, resolver = Extractor(), Resolver("urn:storygraph:evaluate:")
    resolved: list[ResolvedStory | None] = []
    found: list[Candidate] = []
    claimed: dict[int, dict[str, str]] = {}
    for position, item in enumerate(gold):
        story = _find_story(stories, item, position)
        if story is None:
            resolved.append(None)
            continue
        mentions = extractor.extract(story)
        done = resolver.resolve(story, f"urn:storygraph:evaluate:story/{position + 1}", mentions)
        resolved.append(done)
        claimed[position] = {fold_key(m.text): m.kind.value for m in mentions if m.kind in CLAIMED}
        have = set().union(*_predicted(done, EntityKind.CAMPAIGN).values())
        positives = set().union(*(_gold_forms(g) for g in item.get("campaigns", ())))
        optional = {fold_key(o) for o in item.get("optional", ())}
        seen: set[str] = set()
        for field, text in ((Field.TITLE, story.title), (Field.SUMMARY, story.summary)):
            campaigns = _claimed(mentions, field, (EntityKind.CAMPAIGN,))
            for cname, feats, (start, end) in candidates_of(text, _claimed(mentions, field), field is Field.TITLE):
                key = fold_key(cname)
                if key in seen or not key:
                    continue
                seen.add(key)
                label = None if key in optional and key not in positives else key in positives
                known = key in have or any(start < e and s < end for s, e in campaigns)
                found.append(Candidate(position, cname, feats, label, known))
    return Scored(gold, resolved, found, claimed)


def campaign_score(data: Scored, added: Iterable[Candidate] = (), rules: bool = True) -> Score:
    """Campaign counts by graph.evaluate's rules, each added candidate one more predicted campaign of its story
    (`rules` False: the added candidates alone, without the extractor's campaigns)."""
    extra: dict[int, list[str]] = {}
    for c in added:
        extra.setdefault(c.story, []).append(fold_key(c.text))
    s = Score()
    for position, (item, story) in enumerate(zip(data.gold, data.resolved)):
        optional = {fold_key(o) for o in item.get("optional", ())}
        gold_items = [_gold_forms(g) for g in item.get("campaigns", ())]
        predicted = list(_predicted(story, EntityKind.CAMPAIGN).values()) if story and rules else []
        predicted += [{key} for key in extra.get(position, ())]
        s.gold += len(gold_items)
        s.matched_gold += sum(1 for forms in gold_items if any(forms & p for p in predicted))
        for forms in predicted:
            if any(forms & g for g in gold_items):
                s.predictions += 1
                s.matched_predictions += 1
            elif not forms & optional:
                s.predictions += 1
    return s


Model = tuple[dict[str, int], float, np.ndarray]


def print_weights(model: Model, top: int) -> None:
    """The bias and the `top` features weighing most toward and against a campaign, of a model fitted on every set."""
    index, bias, w = model
    vocabulary = sorted(index, key=lambda f: w[index[f]])
    print(f"model on every set: bias {bias:+.2f}")
    print("toward a campaign: " + ", ".join(f"{f} {w[index[f]]:+.2f}" for f in reversed(vocabulary[-top:])))
    print("against: " + ", ".join(f"{f} {w[index[f]]:+.2f}" for f in vocabulary[:top]))


def fit(sets: Sequence[Scored], with_found: bool = False) -> Model:
    """A logistic regression over the labelled candidates of these sets (`with_found`: the names the extractor found
    too, else only those it left)."""
    data = [(set(c.features), {"campaign"} if c.label else set()) for d in sets for c in d.candidates
            if c.label is not None and (with_found or not c.found)]
    vocabulary, b, w = train(data, ["campaign"])
    return {f: i for i, f in enumerate(vocabulary)}, float(b[0]), w[:, 0]


def probability(model: Model, candidate: Candidate) -> float:
    index, b, w = model
    z = b + sum(w[index[f]] for f in candidate.features if f in index)
    return float(1.0 / (1.0 + np.exp(-z)))


def added(model: Model, data: Scored, cut: float) -> list[Candidate]:
    return [c for c in data.candidates if not c.found and probability(model, c) >= cut]


def choose_cut(names: Sequence[str], sets: dict[str, Scored], groups: int, with_found: bool = False) -> float:
    """The cut that most raises the mean campaign F1 of `names`, each predicted by a model fitted without its group."""
    probs: dict[str, list[tuple[Candidate, float]]] = {}
    for g in range(groups):
        held = names[g::groups]
        model = fit([sets[n] for n in names if n not in held], with_found)
        for n in held:
            probs[n] = [(c, probability(model, c)) for c in sets[n].candidates if not c.found]
    before = {n: campaign_score(sets[n]).f1 for n in names}

    def gain(cut: float) -> float:
        return float(np.mean([campaign_score(sets[n], [c for c, p in probs[n] if p >= cut]).f1 - before[n]
                              for n in names]))

    return max(CUTS, key=lambda cut: (gain(cut), cut))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inner", type=int, default=3, help="groups of the inner cross-validation choosing the cut")
    parser.add_argument("--with-found", action="store_true",
                        help="learn from the names the extractor found as well (only those it left are ever added)")
    parser.add_argument("--cut", type=float, help="a fixed probability cut instead of the inner cross-validation's")
    parser.add_argument("--misses", action="store_true", help="print what became of each gold campaign missed")
    parser.add_argument("--top", type=int, default=25, help="heaviest weights to print each way")
    args = parser.parse_args(argv)
    names = list(SETS)
    sets = {n: read(n) for n in names}
    for label, found in (("left by the extractor", False), ("found by it", True)):
        total = sum(1 for d in sets.values() for c in d.candidates if c.label is not None and c.found is found)
        positive = sum(1 for d in sets.values() for c in d.candidates if c.label and c.found is found)
        print(f"candidates {label}: {total} labelled, {positive} of them gold campaigns ({len(names)} sets)")
    missed = sum(campaign_score(d).gold - campaign_score(d).matched_gold for d in sets.values())
    print(f"gold campaigns the extractor misses: {missed}")
    print(f"{'held out':<10}{'cut':>6}{'added':>7}  {'P / R / F1 before':<22}{'P / R / F1 after':<22}{'dF1':>7}")
    deltas: dict[str, tuple[float, float]] = {}
    alones: dict[str, Score] = {}
    pooled: list[tuple[float, bool]] = []  # every held-out candidate the extractor left: probability, gold campaign
    for name in names:
        train_names = [n for n in names if n != name]
        cut = args.cut if args.cut is not None else choose_cut(train_names, sets, args.inner, args.with_found)
        model = fit([sets[n] for n in train_names], args.with_found)
        plus = added(model, sets[name], cut)
        pooled += [(probability(model, c), bool(c.label)) for c in sets[name].candidates
                   if not c.found and c.label is not None]
        b, a = campaign_score(sets[name]), campaign_score(sets[name], plus)
        deltas[name] = (a.f1 - b.f1, a.precision - b.precision)
        if args.with_found:
            alone = campaign_score(sets[name], [c for c in sets[name].candidates if probability(model, c) >= 0.5], False)
            alones[name] = alone
        print(f"{name:<10}{cut:>6.2f}{len(plus):>7}  {b.precision:.3f} / {b.recall:.3f} / {b.f1:.3f}   "
              f"{a.precision:.3f} / {a.recall:.3f} / {a.f1:.3f}   {a.f1 - b.f1:+.3f}  "
              + ", ".join(f"{c.text}{'+' if c.label else ('' if c.label is None else '-')}" for c in plus[:6]))
        if args.misses:
            print("    missed: " + "; ".join(misses(sets[name], model)))
    batches = [f"nonilo{k}" for k in BATCHES]
    f1 = [deltas[n][0] for n in batches]
    pr = [deltas[n][1] for n in batches]
    print(f"batches: mean campaign F1 delta {np.mean(f1):+.4f}; F1 up {sum(d > 1e-9 for d in f1)}, down "
          f"{sum(d < -1e-9 for d in f1)}; precision up {sum(d > 1e-9 for d in pr)}, down {sum(d < -1e-9 for d in pr)}")
    print("ILO sets: " + ", ".join(f"{n} {deltas[n][0]:+.3f}" for n in ILO))
    print("held-out candidates the extractor left, pooled over every set: at a cut, gold campaigns / others over it: "
          + ", ".join(f"{cut:.2f} {sum(y for p, y in pooled if p >= cut)}/{sum(not y for p, y in pooled if p >= cut)}"
                      for cut in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)))
    if alones:
        print("the model alone (every candidate over 0.5, no rule's campaign), held out, campaign P / R / F1: "
              + ", ".join(f"{n} {s.precision:.2f}/{s.recall:.2f}/{s.f1:.2f}" for n, s in alones.items()))
        print(f"  mean F1 over the batches {np.mean([alones[n].f1 for n in batches]):.3f} (the rules: "
              f"{np.mean([campaign_score(sets[n]).f1 for n in batches]):.3f})")
    print_weights(fit([sets[n] for n in names], args.with_found), args.top)


if __name__ == "__main__":
    main()
