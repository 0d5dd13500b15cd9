"""Would a learned "where does this name start and end" decision carry? `python -m bench.boundary_model`.

A measurement, not a pass: nothing here is on the extraction path. For every annotated set the shipped extractor runs
as graph.evaluate runs it; each span it accepted as a person, an organization or a campaign is a *unit*. Its
*alternatives* are the same name with other boundaries: extended right or left over one adjacent capitalised word or
the whole capitalised run, or over a connector ("of", "of the", "for", "and", "&", ...) and the capitalised run beyond
it; trimmed of its first or last word, or cut at a connector inside it (the part before, the part after). An
alternative is labelled right when the unit's own form matches none of the story's gold person / organization /
campaign names and aliases and the alternative's does (a unit whose form is a gold place or optional name is not
learned from). Features read the edit and its context: the edit, the words it adds or removes (folded, shape, whether
the extractor's vocabulary, a head noun, a role word, a connector; whether another accepted span claims them and of
which kind), the finder that proposed the name and the kind it gave, title or sentence start, the tokens beyond the new
boundary, whether the new form occurs again in the story and whether the old one occurs only inside it.

A logistic regression (bench.train_themes.train) is fitted leave-one-set-out; a unit takes its likeliest alternative
when that one's probability reaches a cut chosen on the training sets only by an inner cross-validation (`--inner`
groups, each predicted by a model fitted on the rest): the cut that most raises the training sets' mean people +
organization + campaign F1. The held-out set is then resolved again with its units' boundaries changed (a mention an
extended name now covers is dropped) and scored by graph.evaluate's rules.
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from graph.evaluate import Report, _find_story, _gold_forms, score
from graph.extract import Extractor
from graph.extract.folding import fold, fold_key
from graph.extract.spans import DEFINITION, Span
from graph.records import EntityKind, Field, Mention, StoryRecord

from bench.kind_model import ILO, KINDS, SCORED, _tokens, f1_gain, held_out_models, resolve_all
from bench.train_themes import BATCHES, SETS, ROOT, train

CUTS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)  # 1.01: never
CONNECTORS = (("of", "the"), ("for", "the"), ("and", "the"), ("on", "the"), ("of",), ("for",), ("and",), ("&",),
              ("on",), ("de",), ("in",), ("to",))
CONNECTOR_WORDS = frozenset(w for c in CONNECTORS for w in c)
END = frozenset(".!?;:")
RUN = 6  # the most capitalised words an extension takes
Token = tuple[str, int, int]
EXTEND_ONLY = False  # `--extend-only`: offer extensions only, no trims or cuts (two thirds of the alternatives)


def _capitalised(token: str) -> bool:
    return token[:1].isupper() or (token[:1].isdigit() and any(c.isalpha() for c in token))


@dataclass(frozen=True, slots=True)
class Alternative:
    """One other boundary for a unit: its character range, the edit that makes it and what the model reads of it."""

    start: int
    end: int
    edit: str
    features: frozenset[str]
    right: bool  # its form is a gold name of the story and the unit's own form is not


@dataclass(slots=True)
class Unit:
    """One accepted person / organization / campaign span and its alternatives."""

    story: int
    kind: EntityKind
    field: Field
    start: int
    end: int
    priority: int
    text: str
    learnable: bool  # not a gold place or optional name
    alternatives: list[Alternative]


@dataclass(slots=True)
class Data:
    """One set: its gold, stories, each story's mentions as extracted, and its units."""

    gold: list[dict]
    stories: list[StoryRecord | None]
    mentions: list[list[Mention]]
    units: list[Unit]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Word lists the features ask about (read from the extractor's resources; empty where a state lacks one)."""

    vocabulary: frozenset[str]
    heads: frozenset[str]
    roles: frozenset[str]


def lexicon(extractor: Extractor) -> Lexicon:
    r = extractor.resources
    cues = getattr(r, "cues", None)
    return Lexicon(frozenset(r.vocabulary), frozenset(getattr(r, "heads", ())),
                   frozenset(cues.all) if cues is not None else frozenset())


def candidates(tokens: Sequence[Token], first: int, last: int) -> list[tuple[int, int, str, tuple[int, ...]]]:
    """Other token ranges for the span of tokens[first:last]: (new first, new last, edit, the connector tokens used)."""
    n = len(tokens)
    out: list[tuple[int, int, str, tuple[int, ...]]] = []

    def cap(k: int) -> bool:
        return 0 <= k < n and _capitalised(tokens[k][0])

    def folded(k: int) -> str:
        return fold(tokens[k][0])

    k = last
    while k < n and k - last < RUN and cap(k):
        k += 1
    if k > last:
        out.append((first, last + 1, "right1", ()))
        if k > last + 1:
            out.append((first, k, "right-run", ()))
    for conn in CONNECTORS:
        c = last + len(conn)
        if c < n and all(folded(last + i) == w for i, w in enumerate(conn)) and cap(c):
            k = c
            while k < n and k - c < RUN and cap(k):
                k += 1
            out.append((first, k, "right-" + "-".join(conn), tuple(range(last, c))))
            break
    k = first
    while k > 0 and first - k < RUN and cap(k - 1):
        k -= 1
    if k < first:
        out.append((first - 1, last, "left1", ()))
        if k < first - 1:
            out.append((k, last, "left-run", ()))
    for conn in CONNECTORS:
        c = first - len(conn)
        if c > 0 and all(folded(c + i) == w for i, w in enumerate(conn)) and cap(c - 1):
            k = c
            while k > 0 and c - k < RUN and cap(k - 1):
                k -= 1
            out.append((k, last, "left-" + "-".join(conn), tuple(range(c, first))))
            break
    if last - first >= 2:
        drop = first + 1
        while drop < last - 1 and folded(drop) in CONNECTOR_WORDS:
            drop += 1
        out.append((drop, last, "trim-first", ()))
        keep = last - 1
        while keep > first + 1 and folded(keep - 1) in CONNECTOR_WORDS:
            keep -= 1
        out.append((first, keep, "trim-last", ()))
        inner = [k for k in range(first + 1, last - 1) if folded(k) in CONNECTOR_WORDS]
        if inner:
            a = inner[0]
            if a > first:
                out.append((first, a, "cut-before-" + folded(a), ()))
            b = inner[-1] + 1
            if b < last:
                out.append((b, last, "cut-after-" + folded(inner[-1]), ()))
    seen: set[tuple[int, int]] = {(first, last)}
    unique = []
    for a, b, edit, used in out:
        if a < b and (a, b) not in seen:
            seen.add((a, b))
            unique.append((a, b, edit, used))
    return unique


def _word_features(prefix: str, word: str, lex: Lexicon) -> set[str]:
    f = fold(word)
    out = {f"{prefix}={f}"}
    if word.isupper() and len(word) > 1:
        out.add(f"{prefix}:caps")
    if any(c.isdigit() for c in word):
        out.add(f"{prefix}:digits")
    if word[:1].islower():
        out.add(f"{prefix}:lower")
    if f in lex.vocabulary:
        out.add(f"{prefix}:vocab")
    if f in lex.heads:
        out.add(f"{prefix}:head")
    if f in lex.roles:
        out.add(f"{prefix}:role")
    if f in CONNECTOR_WORDS:
        out.add(f"{prefix}:connector")
    return out


def alternative_features(text: str, tokens: Sequence[Token], span: Span, first: int, last: int, a: int, b: int,
                         edit: str, conn: tuple[int, ...], claimed: dict[int, str], lex: Lexicon,
                         story_text: str) -> set[str]:
    """What the model reads of changing the span tokens[first:last] to tokens[a:b]."""
    kind = KINDS.get(span.kind, span.kind.value)
    family = edit.split("-")[0].rstrip("1")
    source = span.source or span.method
    out = {f"edit={edit}", f"family={family}", f"edit-kind={family}/{kind}", f"edit-src={family}/{source}",
           f"kind={kind}", f"src={source}", f"prio={span.priority}", f"len={min(last - first, 5)}",
           f"new-len={min(b - a, 6)}"}
    changed = [k for k in range(min(a, first), max(b, last)) if not (first <= k < last and a <= k < b)]
    adding = a < first or b > last
    prefix = "add" if adding else "cut"
    for k in changed:
        out |= _word_features(prefix, tokens[k][0], lex)
        if tokens[k][0].endswith(("'s", "’s", "'", "’")):
            out.add(f"{prefix}:possessive")  # an owner's possessive: "the union's", "Kenya's"
        if k in claimed:
            out.add(f"{prefix}:claimed={claimed[k]}")
            out.add(f"{prefix}:claimed={claimed[k]}/{kind}")
    if not any(k in claimed for k in changed):
        out.add(f"{prefix}:unclaimed")
    edge = changed[0] if changed and (a < first or (not adding and a > first)) else changed[-1] if changed else a
    out |= {f"edge-{f}" for f in _word_features("w", tokens[edge][0], lex) if not f.startswith("w=")}
    for k in conn:
        out.add(f"conn={fold(tokens[k][0])}")
    if span.field is Field.TITLE:
        out.add("in-title")
    start_of = a
    while start_of > 0 and tokens[start_of - 1][0] not in END:
        start_of -= 1
    if start_of == a:
        out.add("new-sentence-start")
    s = first
    while s > 0 and tokens[s - 1][0] not in END:
        s -= 1
    if s == first:
        out.add("old-sentence-start")
    if a > 0:
        out.add(f"new-l1={fold(tokens[a - 1][0])}")
        if _capitalised(tokens[a - 1][0]):
            out.add("new-l1:cap")  # the new name would start inside a capitalised run
    else:
        out.add("new-l1=^")
    if b < len(tokens):
        out.add(f"new-r1={fold(tokens[b][0])}")
        if _capitalised(tokens[b][0]):
            out.add("new-r1:cap")  # the new name would end inside a capitalised run
    else:
        out.add("new-r1=$")
    if span.key:
        out.add("keyed")
    new = text[tokens[a][1]:tokens[b - 1][2]]
    old = text[tokens[first][1]:tokens[last - 1][2]]
    new_count, old_count = story_text.count(new), story_text.count(old)
    if new_count > 1:
        out.add("new-again")
    if adding and old_count == new_count:
        out.add("old-only-inside-new")  # every time the story says the name, it says the longer one
    if not adding and old_count < new_count:
        out.add("new-also-alone")  # the shorter form stands alone elsewhere in the story
    return out


def read(name: str, extractor: Extractor) -> Data:
    """Run the shipped extractor over one set and gather its units and their labelled alternatives."""
    from graph.sources import parse

    gold_path, stories_path = SETS[name]
    gold = json.loads((ROOT / gold_path).read_text(encoding="utf-8"))
    parsed = parse(ROOT / stories_path).stories
    lex = lexicon(extractor)
    stories: list[StoryRecord | None] = []
    mentions: list[list[Mention]] = []
    accepted: list[list[Span]] = []
    for position, item in enumerate(gold):
        story = _find_story(parsed, item, position)
        stories.append(story)
        mentions.append(extractor.extract(story) if story else [])
        accepted.append(list(extractor.run(story).accepted) if story else [])
    data = Data(gold, stories, mentions, [])
    resolved = resolve_all(data.stories, mentions)
    for position, (item, story, done, spans) in enumerate(zip(gold, stories, resolved, accepted)):
        if story is None or done is None:
            continue
        names: set[str] = set()
        for t in SCORED:
            for g in item.get(t, ()):
                names |= _gold_forms(g)
        neutral = {fold_key(o) for o in item.get("optional", ())}
        for g in item.get("places", ()):
            neutral |= _gold_forms(g)
        forms_at: dict[tuple[Field, int, int], set[str]] = {}
        for link in done.links:
            m, e = link.mention, link.entity
            forms_at[(m.field, m.start, m.end)] = {fold_key(n) for n in (e.name, *e.aliases, m.text, m.name) if n}
        texts = {Field.TITLE: story.title, Field.SUMMARY: story.summary}
        story_text = story.title + "\n" + story.summary
        tokens = {f: _tokens(t) for f, t in texts.items()}
        claimed: dict[Field, dict[int, str]] = {f: {} for f in texts}
        for s in spans:
            for k, (_, ts, te) in enumerate(tokens[s.field]):
                if ts >= s.start and te <= s.end:
                    claimed[s.field][k] = s.kind.value
        for s in spans:
            if s.kind not in KINDS:
                continue
            toks = tokens[s.field]
            inside = [k for k, (_, ts, te) in enumerate(toks) if ts >= s.start and te <= s.end]
            if not inside:
                continue
            first, last = inside[0], inside[-1] + 1
            forms = forms_at.get((s.field, s.start, s.end), {fold_key(texts[s.field][s.start:s.end])})
            right_now = bool(forms & names)
            learnable = right_now or not forms & neutral
            own = {k for k in inside}
            others = {k: v for k, v in claimed[s.field].items() if k not in own}
            alternatives = []
            for a, b, edit, conn in candidates(toks, first, last):
                if EXTEND_ONLY and not edit.startswith(("right", "left")):
                    continue
                feats = alternative_features(texts[s.field], toks, s, first, last, a, b, edit, conn, others, lex,
                                             story_text)
                start, end = toks[a][1], toks[b - 1][2]
                form = fold_key(texts[s.field][start:end])
                alternatives.append(Alternative(start, end, edit, frozenset(feats),
                                                not right_now and form in names))
            data.units.append(Unit(position, s.kind, s.field, s.start, s.end, s.priority,
                                   texts[s.field][s.start:s.end], learnable, alternatives))
    return data


Weights = tuple[dict[str, int], np.ndarray, np.ndarray]


L2 = 10.0  # `--l2`


def fit(sets: Iterable[Data]) -> Weights:
    examples = [(set(alt.features), {"right"} if alt.right else set())
                for d in sets for u in d.units if u.learnable for alt in u.alternatives]
    vocabulary, b, w = train(examples, ("right",), l2=L2)
    return {f: i for i, f in enumerate(vocabulary)}, b, w


def probability(model: Weights, alt: Alternative) -> float:
    index, b, w = model
    z = float(b[0] + sum(w[index[f], 0] for f in alt.features if f in index))
    return 1.0 / (1.0 + np.exp(-z))


Change = tuple[int, int]  # a unit's position in its set, the alternative it takes

_PROBS: dict[tuple[int, int], list[list[float]]] = {}
_KEEP: list[object] = []


def _probs(model: Weights, data: Data) -> list[list[float]]:
    key = (id(model), id(data))
    if key not in _PROBS:
        _KEEP.extend((model, data))
        _PROBS[key] = [[probability(model, alt) for alt in u.alternatives] for u in data.units]
    return _PROBS[key]


Cuts = float | dict[EntityKind, float]  # one cut, or (`--per-kind`) one per kind of name


def decide(model: Weights, data: Data, cut: Cuts, eligible: str) -> tuple[Change, ...]:
    """Each unit's likeliest alternative where it reaches the cut (its kind's) and the unit's finder is eligible."""
    out = []
    for i, (unit, ps) in enumerate(zip(data.units, _probs(model, data))):
        if not ps or (eligible == "weak" and unit.priority >= DEFINITION):
            continue
        j = int(np.argmax(ps))
        if ps[j] >= (cut.get(unit.kind, 1.01) if isinstance(cut, dict) else cut):
            out.append((i, j))
    return tuple(out)


def oracle(data: Data, eligible: str) -> tuple[Change, ...]:
    """Every eligible unit with a right alternative takes it: what a perfect decision over these alternatives gains."""
    out = []
    for i, unit in enumerate(data.units):
        if eligible == "weak" and unit.priority >= DEFINITION:
            continue
        j = next((j for j, alt in enumerate(unit.alternatives) if alt.right), None)
        if j is not None:
            out.append((i, j))
    return tuple(out)


_SCORES: dict[tuple[int, tuple[Change, ...]], Report] = {}


def scored(data: Data, changes: tuple[Change, ...]) -> Report:
    """graph.evaluate's report of the set with the changed boundaries (cached per set and change list)."""
    key = (id(data), changes)
    if key in _SCORES:
        return _SCORES[key]
    _KEEP.append(data)
    moved: dict[tuple[int, Field, int, int], tuple[int, int]] = {}
    for i, j in changes:
        unit, alt = data.units[i], data.units[i].alternatives[j]
        moved[(unit.story, unit.field, unit.start, unit.end)] = (alt.start, alt.end)
    mentions = []
    for position, (story, ms) in enumerate(zip(data.stories, data.mentions)):
        here = {(f, s, e): v for (p, f, s, e), v in moved.items() if p == position}
        if not here or story is None:
            mentions.append(ms)
            continue
        texts = {Field.TITLE: story.title, Field.SUMMARY: story.summary}
        covered = [(f, a, b, s, e) for (f, s, e), (a, b) in here.items()]
        out = []
        for m in ms:
            target = here.get((m.field, m.start, m.end)) if m.kind in KINDS else None
            if target is not None:
                a, b = target
                new = texts[m.field][a:b]
                out.append(replace(m, text=new, name=new, start=a, end=b, key=None))
            elif any(m.field is f and m.start < b and a < m.end and not (m.start >= s and m.end <= e)
                     for f, a, b, s, e in covered) and m.kind in (*KINDS, EntityKind.PLACE):
                continue  # an extended name swallows the mention it now covers
            else:
                out.append(m)
        mentions.append(out)
    report = score(data.gold, resolve_all(data.stories, mentions))
    _SCORES[key] = report
    return report


def gain(data: Data, changes: tuple[Change, ...]) -> float:
    return f1_gain(scored(data, ()), scored(data, changes))


def choose_cut(names: Sequence[str], sets: dict[str, Data], groups: int, eligible: str, per_kind: bool) -> Cuts:
    """The cut that most raises the mean F1 of `names`, each predicted by a model fitted without its group; with
    `per_kind`, one cut per kind of name, each the one that most raises the F1s with only that kind's names changed."""
    models = held_out_models(names, sets, groups, fit)

    def mean_gain(cut: Cuts) -> float:
        return float(np.mean([gain(sets[n], decide(models[n], sets[n], cut, eligible)) for n in names]))

    # ties go to the higher (more cautious) cut
    if per_kind:
        return {kind: max(CUTS, key=lambda c: (round(mean_gain({kind: c}), 9), c)) for kind in KINDS}
    return max(CUTS, key=lambda c: (round(mean_gain(c), 9), c))


def _alternative_text(data: Data, unit: Unit, alt: Alternative) -> str:
    story = data.stories[unit.story]
    assert story is not None
    return (story.title if unit.field is Field.TITLE else story.summary)[alt.start:alt.end]


def _shown(data: Data, i: int, j: int) -> str:
    unit, alt = data.units[i], data.units[i].alternatives[j]
    return f"{unit.text} -> {_alternative_text(data, unit, alt)}{'+' if alt.right else '-'}"


def main(argv: list[str] | None = None) -> None:
    global L2, EXTEND_ONLY
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inner", type=int, default=3, help="groups of the inner cross-validation choosing the cut")
    parser.add_argument("--eligible", choices=("weak", "all"), default="all",
                        help="which finders' names may change: every one, or weak ones (below a definition)")
    parser.add_argument("--per-kind", action="store_true",
                        help="one cut per kind of name (person, organization, campaign), each chosen on its own")
    parser.add_argument("--extend-only", action="store_true",
                        help="offer only extensions (no trimmed or cut names): cheaper, and where most right ones are")
    parser.add_argument("--exclude", nargs="+", default=(), metavar="NAME",
                        help="names never changed held out (to see how much of a gain one name makes)")
    parser.add_argument("--cut", type=float, help="a fixed cut instead of the inner cross-validation's")
    parser.add_argument("--oracle", action="store_true",
                        help="what a perfect decision would gain: every unit with a right alternative takes it")
    parser.add_argument("--l2", type=float, default=L2, help="the model's L2 penalty (default %(default)s)")
    parser.add_argument("--top", type=int, default=30, help="heaviest weights to print each way")
    args = parser.parse_args(argv)
    L2, EXTEND_ONLY = args.l2, args.extend_only
    extractor = Extractor()
    names = list(SETS)
    sets = {n: read(n, extractor) for n in names}
    units = [u for d in sets.values() for u in d.units]
    alts = [a for u in units for a in u.alternatives]
    with_right = [u for u in units if any(a.right for a in u.alternatives)]
    edits: dict[str, list[int]] = {}
    for a in alts:
        edits.setdefault(a.edit.split("-")[0], [0, 0])[a.right] += 1
    print(f"units {len(units)}, alternatives {len(alts)}, units with a right alternative {len(with_right)}; by edit "
          "(wrong/right): " + ", ".join(f"{e} {c[0]}/{c[1]}" for e, c in sorted(edits.items())))
    deltas: dict[str, dict[str, tuple[float, float]]] = {}
    pooled: list[tuple[float, bool, str, str]] = []  # held out: best p, right?, unit text, alternative text
    for name in names:
        train_names = [n for n in names if n != name]
        data = sets[name]
        cut = (args.cut if args.cut is not None else 1.01 if args.oracle
               else choose_cut(train_names, sets, args.inner, args.eligible, args.per_kind))
        model = fit(sets[n] for n in train_names)
        changes = oracle(data, args.eligible) if args.oracle else decide(model, data, cut, args.eligible)
        changes = tuple((i, j) for i, j in changes if data.units[i].text not in args.exclude)
        for unit, ps in zip(data.units, _probs(model, data)):
            if ps:
                j = int(np.argmax(ps))
                alt = unit.alternatives[j]
                pooled.append((ps[j], alt.right, unit.text, _alternative_text(data, unit, alt)))
        before, after = scored(data, ()), scored(data, changes)
        deltas[name] = {t: (after.scores[t].f1 - before.scores[t].f1,
                            after.scores[t].precision - before.scores[t].precision) for t in SCORED}

        shown_cut = ("/".join(f"{c:.2f}" for c in cut.values()) if isinstance(cut, dict) else f"{cut:.2f}")
        print(f"{name:<10} cut {shown_cut} changes {len(changes):>3} (right {sum(data.units[i].alternatives[j].right for i, j in changes)})  "
              + "  ".join(f"{t[:4]} {before.scores[t].f1:.3f}->{after.scores[t].f1:.3f}" for t in SCORED) + "  "
              + "; ".join(_shown(data, i, j) for i, j in changes[:6]), flush=True)
    batches = [f"nonilo{k}" for k in BATCHES]
    for t in SCORED:
        f1 = [deltas[n][t][0] for n in batches]
        pr = [deltas[n][t][1] for n in batches]
        print(f"{t}: mean held-out F1 delta {np.mean(f1):+.4f} (up {sum(d > 1e-9 for d in f1)}, down "
              f"{sum(d < -1e-9 for d in f1)}); precision {np.mean(pr):+.4f} (down on {sum(d < -1e-9 for d in pr)})")
    print("ILO sets: " + "; ".join(f"{n} " + " ".join(f"{t[:4]} {deltas[n][t][0]:+.3f}" for t in SCORED) for n in ILO))
    print("held-out units, pooled, by the probability of their likeliest alternative: right / wrong")
    for c in CUTS[:-1]:
        over = [r for p, r, _, _ in pooled if p >= c]
        print(f"  {c:.2f}: {sum(over)} / {len(over) - sum(over)}")
    top = sorted(pooled, key=lambda x: -x[0])[:30]
    print("likeliest held-out alternatives: " + "; ".join(f"{u} -> {a} {p:.2f}{'+' if r else '-'}" for p, r, u, a in top))
    index, b, w = fit(sets.values())
    vocabulary = sorted(index, key=index.__getitem__)
    order = np.argsort(-w[:, 0])
    print(f"model (bias {b[0]:+.2f}), heaviest for: " + ", ".join(f"{vocabulary[i]} {w[i, 0]:+.2f}" for i in order[:args.top]))
    print("heaviest against: " + ", ".join(f"{vocabulary[i]} {w[i, 0]:+.2f}" for i in order[::-1][:args.top]))


if __name__ == "__main__":
    main()
