"""Nearest-neighbour label transfer as theme evidence: `python -m bench.themes_neighbours [--held 26 ... 47]`.

The word model weighs each stem for each theme on its own; a story's nearest annotated stories (tf-idf cosine over
the same stems, graph.extract.learned.features) carry the themes their readers gave a story *like this one*, the
stems together. Here each story's K nearest training stories vote for their gold themes, weighted by similarity
(`Neighbours`), and the vote replaces or joins the word model's probability where the pass adds a theme and, in one
form, where it drops a rule theme said once. Measured nested over time as bench.themes_nested judges: each held-out
batch k is scored by the pass as shipped with the theme model trained on the ILO sets and the open batches before it
(gap 1), the neighbours drawn from the same sets, and every setting a form takes is chosen on the batches before k
(from `--first` on), each scored the same way, so no batch's gold reaches its own setting. Forms (`--forms`):

- `model`, `model+drop`: the controls, no vote: the model's addition bar (and a drop bar) re-chosen the same way;
- `knn`: the addition ranks by the neighbours' vote alone (K and the bar chosen; the pass as shipped among the
  choices);
- `blend`: by (1 - a) * the model's probability + a * the vote (a, K and the bar chosen);
- `blend+drop`: the blend, and a rule theme said once, not by its own name and not the story's likeliest, dropped
  when its blended probability is under a bar (chosen too);
- `blend+floors`: the blend, the added theme also needing the model's probability and the vote at floors (chosen).

`--guard` chooses only among the settings that lower no ILO set's theme F1, seen or held out (`ilo_safe`; the ILO
sets are the original publisher's, where the pass is at 0.89-1.0); `--ilo` prints them under the setting each form
chooses on every scored batch; `--max-share` leaves the commonest stems out of the index.
`Neighbours.vote_one` is the vote as a pass would make it, one story at a time from its folded text (what the
round's cost figure measured).

A story's state before the addition (its themes after the rule passes, the keep decision and the veto) is the pass's
own, replayed as bench.themes_decide replays it (the blend with a = 0 at the shipped bar is the pass as shipped,
checked per batch). The addition still needs a stem the word model weighs positively for the theme (its evidence
span). Fitted models are bench.themes_nested's (cached in /tmp/storygraph-themes-nested).
"""
from __future__ import annotations

import argparse
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from graph.extract.learned import ADD_AT, HAVE_BELOW, ThemeModel, features
from graph.extract.spans import SUMMARY, TITLE

from bench.themes_decide import Story, f1 as shipped_f1, stories as replay
from bench.themes_nested import print_held_out, ILO, VARIANTS, fit_rows, newest_before, run_jobs, summary, training_sets
from bench.train_themes import BATCHES, MIN_COUNT, Example, examples

KS = (5, 10, 20, 40)  # neighbours that vote
SHARES = (0.0, 0.25, 0.5, 0.75, 1.0)  # the vote's share in the blend (0: the model alone, 1: the vote alone)
BARS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)  # the addition's bar on the (blended) probability
DROPS = (0.0, 0.05, 0.1, 0.15, 0.2)  # the drop's bar (0: never)


@dataclass
class Neighbours:
    """Training stories as unit-length tf-idf vectors over their stems (each stem once, as the word model reads
    them; stems in fewer than `min_count` stories left out), and their gold themes as a 0/1 matrix."""
    index: dict[str, int]
    idf: np.ndarray
    matrix: sparse.csr_matrix  # stories x stems
    labels: np.ndarray  # stories x themes

    @classmethod
    def build(cls, data: Sequence[Example], themes: Sequence[str], min_count: int = MIN_COUNT,
              max_share: float = 1.0) -> Neighbours:
        """The index of these stories; a stem in more than `max_share` of them is left out too (the commonest stems
        weigh least in a cosine and cost most to look up)."""
        counts: dict[str, int] = {}
        for feats, _ in data:
            for f in feats:
                counts[f] = counts.get(f, 0) + 1
        most = max_share * len(data)
        index = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if min_count <= c <= most))}
        idf = np.zeros(len(index))
        for f, i in index.items():
            idf[i] = math.log(len(data) / counts[f])
        column = {t: j for j, t in enumerate(themes)}
        labels = np.zeros((len(data), len(themes)))
        for row, (_, gold) in enumerate(data):
            for t in gold:
                if t in column:
                    labels[row, column[t]] = 1.0
        return cls(index, idf, cls._vectors(index, idf, [feats for feats, _ in data]), labels)

    @staticmethod
    def _vectors(index: dict[str, int], idf: np.ndarray, stories: Sequence[set[str]]) -> sparse.csr_matrix:
        rows, cols = [], []
        for row, feats in enumerate(stories):
            for f in feats:
                i = index.get(f)
                if i is not None:
                    rows.append(row)
                    cols.append(i)
        values = idf[cols] if cols else np.zeros(0)
        m = sparse.csr_matrix((values, (rows, cols)), shape=(len(stories), len(index)))
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ m)

    def votes(self, stories: Sequence[set[str]], ks: Sequence[int]) -> list[dict[int, np.ndarray]]:
        """Per story and K: each theme's share of the similarity of the story's K nearest training stories (the
        cosine-weighted mean of their gold themes; 0 everywhere for a story that shares no stem)."""
        sims = (self._vectors(self.index, self.idf, stories) @ self.matrix.T).toarray()
        out: list[dict[int, np.ndarray]] = []
        for row in sims:
            order = np.argsort(-row, kind="stable")
            by_k: dict[int, np.ndarray] = {}
            for k in ks:
                top = order[:k]
                weight = row[top]
                total = weight.sum()
                by_k[k] = (weight @ self.labels[top]) / total if total > 0 else np.zeros(self.labels.shape[1])
            out.append(by_k)
        return out


    def postings(self) -> tuple[dict[bytes, int], np.ndarray, np.ndarray, np.ndarray]:
        """What a pass would load to vote one story at a time (`vote_one`): every surface form of an indexed stem
        (encoded) -> its column, and the stems' postings (the matrix transposed: start offsets, stories, weights)."""
        from graph.extract.learned import surfaces

        columns = self.matrix.T.tocsr()
        forms = {form.encode(): i for w, i in self.index.items() for form in surfaces(w)}
        return forms, columns.indptr, columns.indices, columns.data

    def vote_one(self, loaded: tuple[dict[bytes, int], np.ndarray, np.ndarray, np.ndarray], title: str, summary: str,
                 k: int) -> np.ndarray:
        """One story's vote (as `votes` gives it) from its folded title and summary, the way a pass would compute it:
        the words mapped to stem columns as ThemeModel.features maps them, the cosines summed over the stems'
        postings, the K largest picked (ties broken differently from `votes`' stable sort)."""
        from graph.extract.learned import _SPACE

        forms, indptr, indices, data = loaded
        found = set(map(forms.get, f"{title} {summary}".encode().translate(_SPACE).split()))
        found.discard(None)
        if not found:
            return np.zeros(self.labels.shape[1])
        cols = np.fromiter(found, dtype=np.int64, count=len(found))
        query = self.idf[cols]
        query /= np.sqrt(query @ query)
        starts = indptr[cols]
        lengths = indptr[cols + 1] - starts
        # the postings' positions, every stem's range laid end to end, in a fixed number of numpy calls
        ends = np.cumsum(lengths)
        positions = np.arange(ends[-1]) + np.repeat(starts - (ends - lengths), lengths)
        sims = np.bincount(indices[positions], weights=data[positions] * np.repeat(query, lengths),
                           minlength=self.labels.shape[0])
        top = np.argpartition(-sims, k)[:k] if k < len(sims) else np.arange(len(sims))
        weight = sims[top]
        total = weight.sum()
        return (weight @ self.labels[top]) / total if total > 0 else np.zeros(self.labels.shape[1])


@dataclass
class Voted:
    """A replayed story (bench.themes_decide.Story) with its neighbours' vote per K (theme -> share)."""
    story: Story
    votes: dict[int, dict[str, float]]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x > -700 else 0.0


@dataclass(frozen=True)
class Setting:
    """K neighbours, the vote's share in the blend, the addition's bar on the blend, the drop's bar (0: none), and
    what the added theme needs besides: the model's own probability (`floor`) and the neighbours' vote (`agree`)."""
    k: int = KS[0]
    share: float = 0.0
    bar: float = ADD_AT
    drop: float = 0.0
    floor: float = 0.0
    agree: float = 0.0


SHIPPED = Setting()
FORMS = ("model", "model+drop", "knn", "blend", "blend+drop", "blend+floors")
FLOORS = (0.0, 0.1, 0.2, 0.3)  # the model's probability an added theme needs
AGREES = (0.0, 0.2, 0.4, 0.6)  # the neighbours' vote an added theme needs


def _before_bar(voted: Voted, s: Setting, have_below: int = HAVE_BELOW) -> tuple[set[str], str | None, float]:
    """The story's themes after the drop, and the addition's candidate with its (blended) probability (None when the
    story has enough themes or no candidate has evidence): what `decide` compares with the bar."""
    story, vote = voted.story, voted.votes[s.k]

    def p(t: str) -> float:
        model = _sigmoid(story.scores[t]) if t in story.scores else 0.0
        return (1 - s.share) * model + s.share * vote.get(t, 0.0) if s.share else model

    themes = set(story.base)
    if s.drop > 0 and len(themes) > 1:
        likeliest = max(themes, key=lambda t: story.scores.get(t, -math.inf))
        for t in sorted(story.lone):
            if t != likeliest and t in story.scores and p(t) < s.drop and len(themes) > 1:
                themes.discard(t)
    if len(themes) >= have_below:
        return themes, None, -math.inf
    best, value = None, -math.inf
    for t in story.scores:  # the order the pass's max over the model's themes takes
        if t not in themes and (v := p(t)) > value:
            best, value = t, v
    return (themes, best, value) if best is not None and best in story.evidence else (themes, None, -math.inf)


def _passes(voted: Voted, s: Setting, best: str | None, value: float) -> bool:
    """Whether the addition's candidate is added: its blend at the bar, the model's probability and the vote at
    their floors."""
    return best is not None and value >= s.bar and (
        s.floor <= 0 or _sigmoid(voted.story.scores[best]) >= s.floor) and (
        s.agree <= 0 or voted.votes[s.k].get(best, 0.0) >= s.agree)


def decide(voted: Voted, s: Setting) -> set[str]:
    """The story's themes with the blended probability in the addition (and the drop, when s.drop > 0)."""
    themes, best, value = _before_bar(voted, s)
    return themes | {best} if best is not None and _passes(voted, s, best, value) else themes


_OUTCOMES: dict[tuple[int, int, float, float], list[tuple[int, int, int, str | None, float]]] = {}


def f1(batch: Sequence[Voted], s: Setting) -> float:
    """A batch's theme F1 (micro, as bench.themes_keep counts it) under a setting (the states before the bar are
    computed once per batch, K, share and drop)."""
    key = (id(batch), s.k, s.share, s.drop)
    if key not in _OUTCOMES:
        out = []
        for v in batch:
            themes, best, value = _before_bar(v, Setting(s.k, s.share, 0.0, s.drop))
            out.append((len(themes & v.story.gold), len(themes), len(v.story.gold),
                        best, value if best is not None else -math.inf))
        _OUTCOMES[key] = out
    right = found = gold = 0
    for (r, f, g, best, value), v in zip(_OUTCOMES[key], batch):
        if best is not None and _passes(v, s, best, value):
            r, f = r + (best in v.story.gold), f + 1
        right, found, gold = right + r, found + f, gold + g
    precision, recall = right / found if found else 0.0, right / gold if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def grid(form: str) -> list[Setting]:
    """The settings a form chooses among (the pass as shipped first, which wins ties)."""
    if form.startswith("model"):  # the controls: the model alone, its bar (and a drop bar) re-chosen
        drops = DROPS if form == "model+drop" else (0.0,)
        return [SHIPPED, *(Setting(KS[0], 0.0, bar, drop) for bar, drop in itertools.product(BARS, drops))]
    if form == "knn":
        return [SHIPPED, *(Setting(k, 1.0, bar) for k, bar in itertools.product(KS, BARS))]
    if form == "blend+floors":
        return [SHIPPED, *(Setting(k, share, bar, 0.0, floor, agree) for k, share, bar, floor, agree
                           in itertools.product(KS, SHARES[1:], BARS, FLOORS, AGREES))]
    drops = DROPS if form == "blend+drop" else (0.0,)
    return [SHIPPED, *(Setting(k, share, bar, drop) for k, share, bar, drop in itertools.product(KS, SHARES[1:], BARS, drops))]


def voted(name: str, model: ThemeModel, neighbours: Neighbours) -> list[Voted]:
    """A set's stories replayed before the addition, each with its neighbours' votes."""
    from bench.themes_lobo import docs

    batch = replay(name, model)
    feats = [features(doc.folded.get(TITLE, ""), doc.folded.get(SUMMARY, "")) for doc, _ in docs(name)]
    by_story = neighbours.votes(feats, KS)
    return [Voted(story, {k: dict(zip(model.themes, shares[k].tolist())) for k in KS})
            for story, shares in zip(batch, by_story)]


MAX_SHARE = [1.0]  # the index's stems in at most this share of its stories (--max-share)


def neighbours_for(newest: int, themes: Sequence[str], without: str | None = None) -> Neighbours:
    """The neighbours drawn from the sets a model trained up to batch `newest` (less the set `without`) learns from."""
    data = [e for n in training_sets(VARIANTS["shipped"], newest, without) for e in examples(n)]
    return Neighbours.build(data, themes, max_share=MAX_SHARE[0])


def _fit_job(job: tuple[int, str | None]) -> None:
    fit_rows(VARIANTS["shipped"], *job)


def ilo_sets() -> dict[tuple[str, bool], list[Voted]]:
    """Each ILO set replayed seen (False: the model and the neighbours from every set, the story among its own
    neighbours) and held out (True: from every set but that one)."""
    out = {}
    for name in ILO:
        for held in (False, True):
            without = name if held else None
            model = ThemeModel.from_rows(fit_rows(VARIANTS["shipped"], BATCHES[-1], without))
            out[name, held] = voted(name, model, neighbours_for(BATCHES[-1], model.themes, without))
    return out


def ilo_safe(sets: dict[tuple[str, bool], list[Voted]], settings: Sequence[Setting]) -> list[Setting]:
    """The settings that lower no ILO set's theme F1, seen or held out."""
    return [s for s in settings if all(f1(b, s) >= f1(b, SHIPPED) - 1e-9 for b in sets.values())]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held", nargs="+", type=int, default=[k for k in BATCHES if k >= 26])
    parser.add_argument("--first", type=int, default=14, help="the oldest batch a setting is chosen on (default 14)")
    parser.add_argument("--forms", nargs="+", default=list(FORMS), choices=list(FORMS))
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--ilo", action="store_true",
                        help="also the ILO sets under each form's setting chosen on every scored batch")
    parser.add_argument("--max-share", type=float, default=1.0,
                        help="leave out of the index the stems in more than this share of its stories (default 1: none)")
    parser.add_argument("--guard", action="store_true",
                        help="choose only among the settings that lower no ILO set, seen or held out")
    args = parser.parse_args(argv)
    held = [k for k in args.held if k in BATCHES]
    scored = [k for k in BATCHES if args.first <= k <= max(held)]
    newest = sorted({newest_before(k, 1) for k in scored})
    MAX_SHARE[0] = args.max_share
    for n in {n for k in newest for n in training_sets(VARIANTS["shipped"], k)}:
        examples(n)
    with_ilo = args.ilo or args.guard
    run_jobs(_fit_job, [(k, None) for k in newest] + ([(BATCHES[-1], n) for n in (None, *ILO)] if with_ilo else []),
             args.jobs)
    sets = ilo_sets() if with_ilo else {}
    from bench.themes_nested import score

    batches: dict[int, list[Voted]] = {}
    for k in scored:
        model = ThemeModel.from_rows(fit_rows(VARIANTS["shipped"], newest_before(k, 1)))
        batches[k] = voted(f"nonilo{k}", model, neighbours_for(newest_before(k, 1), model.themes))
        if k in held:
            shipped = score(f"nonilo{k}", model)[2]
            again = f1(batches[k], SHIPPED)
            assert abs(shipped - again) < 1e-9 and abs(shipped_f1([v.story for v in batches[k]], {}, {}) - again) < 1e-9, \
                (k, shipped, again)
    base = {k: f1(batches[k], SHIPPED) for k in held}
    rows: dict[str, list[float]] = {}
    notes: dict[str, list[str]] = {}
    for form in args.forms:
        rows[form], notes[form] = [], []
        settings = ilo_safe(sets, grid(form)) if args.guard else grid(form)
        for k in held:
            pool = [batches[j] for j in scored if j < k]
            best = max(settings, key=lambda s: (sum(f1(b, s) for b in pool), s == SHIPPED))
            rows[form].append(f1(batches[k], best))
            notes[form].append(f"{k}: K {best.k} a {best.share:g} bar {best.bar:g} drop {best.drop:g} "
                               f"floor {best.floor:g} agree {best.agree:g}")
    print_held_out("theme F1 of each held-out batch (the model and the neighbours from the batches before it; "
                   f"settings chosen on batches {args.first}..k-1"
                   f"{', among those that lower no ILO set' if args.guard else ''})", held, base, rows, notes)
    # what no nested choice could know: each form's best single setting over the held-out batches themselves
    for form in args.forms:
        fixed = max(grid(form), key=lambda s: sum(f1(batches[k], s) - base[k] for k in held))
        gains = [f1(batches[k], fixed) - base[k] for k in held]
        print(f"\n{form}, the best fixed setting in hindsight (not a held-out figure): {fixed}: {summary(gains)}")
    if args.ilo:
        every = [batches[j] for j in scored]
        for form in args.forms:
            settings = ilo_safe(sets, grid(form)) if args.guard else grid(form)
            chosen = max(settings, key=lambda s: (sum(f1(b, s) for b in every), s == SHIPPED))
            print(f"\nILO sets, theme F1 seen / held out, shipped -> {form} as chosen on batches {scored[0]}-{scored[-1]} "
                  f"({chosen}):")
            print("  " + "; ".join(f"{n} {f1(sets[n, False], SHIPPED):.4f} -> {f1(sets[n, False], chosen):.4f} / "
                                   f"{f1(sets[n, True], SHIPPED):.4f} -> {f1(sets[n, True], chosen):.4f}" for n in ILO))


if __name__ == "__main__":
    main()
