"""Learned theme evidence: per-theme linear word weights (ontology/theme-model.tsv) that propose a theme no label said.

The weights are a one-vs-rest logistic regression over the story's word stems (title and summary, each stem counted
once), trained offline by `python -m bench.train_themes` from the annotated sets; this module only reads them and
scores a story. A story's score for a theme is the theme's bias plus the weights of its stems; the pass drops rule
themes the model doubts and adds at most one theme the rules did not find, when the model finds it likely (see
`learned_themes`).
"""
from __future__ import annotations

import dataclasses
import functools
import math
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TYPE_CHECKING

import numpy as np
from mypy_extensions import mypyc_attr

from graph.compiled import as_call
from graph.extract.folding import fold
from graph.extract.selection import sentence_of
from graph.extract.spans import SUMMARY, Span, THEME, TITLE
from graph.records import Field

if TYPE_CHECKING:
    from graph.extract.doc import Doc

MODEL_FILE: Final = "theme-model.tsv"
# the keep decision's weights, when ontology/ holds them (round extract46: it gains on batches 30-33 held out;
# trained by `python -m bench.themes_keep`, which writes bench/theme-keep-candidate.tsv: tests/data/NONILO.md)
KEEP_FILE: Final = "theme-keep.tsv"
_WORD: Final = re.compile(r"[a-z][a-z0-9]*(?:[-'][a-z0-9]+)*")
# what the words of a folded text are split on: every byte of its UTF-8 but ASCII letters, digits, hyphens and apostrophes
# (bytes.translate then split is over ten times faster than a regular expression or str.translate; the model learns and
# reads the same tokens)
_SPACE: Final = bytes(b if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "-'") else 32 for b in range(256))
# function words carry no subject matter; kept out of the features so the weights stay on content words
STOP: Final = frozenset("""a an the and or but of in on at to for from by with as is are was were be been being has have had
it its this that these those their his her they he she we you i our not no than then there which who whom whose what
when where while will would can could may might shall should do does did also into over under after before about
against between during up down out more most such other new one two three said says say""".split())

# the pass's settings: the model's probability a theme needs to be added and the number of themes a story has left
# under which it may add one (chosen on 21 folds among the settings that lower no ILO set and lower theme precision on
# no more batches than they raise: tests/data/NONILO.md, round extract21; it was (0.6, 2) from round extract8), and
# the veto: the probability under which the least likely rule theme said once is dropped from a story with at least
# VETO_AMONG themes (chosen on fifteen folds: tests/data/NONILO.md, round extract13)
# (round extract46 chose (0.45, 4) together with the keep decision, KEEP_FILE, leaving one of batches 30-33 out; it was
# (0.5, 3) before: tests/data/NONILO.md)
ADD_AT: Final = 0.45
HAVE_BELOW: Final = 4
VETO_AT: Final = 0.08
VETO_AMONG: Final = 3
# the aside: in a story with ASIDE_AMONG themes or more in its title or said twice, every other theme said once after
# the summary's first sentence is dropped when the model gives it under ASIDE_AT (chosen on seventeen folds:
# tests/data/NONILO.md, round extract17; 0.15 until round extract48's keep decision weighed a theme's rank in a long
# summary, chosen with the aside off: the decision drops what the aside did, and more)
ASIDE_AT: Final = 0.0
ASIDE_AMONG: Final = 3


def stem(word: str) -> str:
    """A crude lemma: "workers" -> "worker", "policies" -> "policy", "worker's" -> "worker" (nothing else is cut)."""
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def words(folded: str) -> list[str]:
    """The tokens of a folded text: runs of letters, digits, hyphens and apostrophes."""
    return [w.decode() for w in folded.encode().translate(_SPACE).split()]


def stems(folded: str) -> list[tuple[str, int, int]]:
    """The content-word stems of a folded text with their offsets, in order (for the evidence)."""
    return [(stem(m.group()), m.start(), m.end()) for m in _WORD.finditer(folded) if m.group() not in STOP]


def features(title: str, summary: str) -> set[str]:
    """The features of one story: the distinct stems of the words of its folded title and summary."""
    return {stem(w) for text in (title, summary) for w in words(text) if w not in STOP}


def surfaces(word: str) -> tuple[str, ...]:
    """The word forms `stem` reduces to `word` that the tokenizer can read: "worker" <- worker, workers, worker's..."""
    forms = {word, word + "s", word + "'s", word + "s's"}
    if word.endswith("y"):
        forms |= {word[:-1] + "ies", word[:-1] + "ies's"}
    return tuple(sorted(f for f in forms if stem(f) == word and f not in STOP))


# (compiled by mypyc, graph/compiled.py: bench.lemma_features.LemmaModel subclasses it)
@mypyc_attr(allow_interpreted_subclasses=True)
@dataclass(frozen=True, slots=True)
class ThemeModel:
    """Per-theme biases and weights: `rows[stem]` holds the stem's (theme index, weight) pairs."""

    themes: tuple[str, ...]
    biases: tuple[float, ...]
    rows: dict[str, tuple[tuple[int, float], ...]]
    forms: dict[bytes, str]  # every surface form of a weighted stem, encoded -> the stem (the pass need not stem)
    position: dict[str, int]  # theme id -> its index in `themes`
    columns: tuple[dict[str, float], ...]  # per theme: stem -> weight (one theme's score without the others')
    # the same weights dense, for `scores`: row 0 the biases, row `dense_row[stem]` the stem's weight for every theme
    # (0.0 where `rows` has none)
    dense_row: dict[str, int] = dataclasses.field(compare=False)
    dense: np.ndarray = dataclasses.field(compare=False)

    @classmethod
    def of(cls, themes: tuple[str, ...], biases: tuple[float, ...],
           weights: dict[str, dict[int, float]]) -> ThemeModel:
        """A model from sparse weights: stem -> {theme index: weight}."""
        rows = {w: tuple(sorted(row.items())) for w, row in weights.items()}
        columns: list[dict[str, float]] = [{} for _ in themes]
        for w, row in weights.items():
            for index, weight in row.items():
                columns[index][w] = weight
        dense_row = {w: i for i, w in enumerate(rows, 1)}
        dense = np.zeros((len(rows) + 1, len(themes)))
        dense[0, :] = biases
        for w, pairs in rows.items():
            for index, weight in pairs:
                dense[dense_row[w], index] = weight
        return cls(themes, biases, rows, {form.encode(): w for w in rows for form in surfaces(w)},
                   {t: i for i, t in enumerate(themes)}, tuple(columns), dense_row, dense)

    def features(self, title: str, summary: str) -> set[str]:
        """The weighted stems of a folded title and summary: what `features` gives, less the stems with no weight."""
        found = set(map(self.forms.get, f"{title} {summary}".encode().translate(_SPACE).split()))
        found.discard(None)
        return found  # type: ignore[return-value]  # None, the one non-str, is gone

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # pickled as the call that makes it (graph/compiled.py)
        return as_call(self)

    def evidence_stems(self, folded: str) -> list[tuple[str, int, int]]:
        """The stems of a folded text that can be a theme's evidence, with their offsets, in order (`stems`)."""
        return stems(folded)

    def scores(self, feats: set[str] | list[str]) -> list[float]:
        """The linear score (log-odds) of every theme for a story with these (weighted) features."""
        # Each theme's bias, then its weight of each feature added in the features' order: numpy's reduction down the
        # rows of a 2-D array adds row after row, so every sum is the one a loop `total[theme] += weight` over the
        # sparse rows makes, bit for bit (adding the 0.0 of a stem with no weight for a theme changes no float), in a
        # tenth of its time (some 200 additions a story).
        picked = self.dense.take([0, *map(self.dense_row.__getitem__, feats)], axis=0)
        return np.add.reduce(picked, axis=0).tolist()

    def score(self, feats: set[str], index: int) -> float:
        """The linear score (log-odds) of one theme: its bias and its weights of these features, no other theme's."""
        column = self.columns[index]
        total = self.biases[index]
        for f in feats:
            weight = column.get(f)
            if weight is not None:
                total += weight
        return total

    @classmethod
    def read(cls, path: Path) -> ThemeModel | None:
        """Read the TSV (`#` comments; rows "theme<TAB>stem<TAB>weight", the stem "" being the bias); None if absent."""
        if not path.is_file():
            return None
        return cls.from_rows(path.read_text(encoding="utf-8").splitlines())

    @classmethod
    def from_rows(cls, lines: Iterable[str]) -> ThemeModel:
        """The model of the TSV's lines (as `read` takes them from the file; `#` lines and blank ones skipped)."""
        themes: dict[str, int] = {}
        biases: dict[int, float] = {}
        weights: dict[str, dict[int, float]] = {}
        for line in lines:
            if not line or line.startswith("#"):
                continue
            theme, word, weight = line.split("\t")
            index = themes.setdefault(theme, len(themes))
            if word:
                weights.setdefault(word, {})[index] = float(weight)
            else:
                biases[index] = float(weight)
        return cls.of(tuple(themes), tuple(biases.get(i, 0.0) for i in range(len(themes))), weights)


def probability(score: float) -> float:
    """The model's probability for a score (log-odds)."""
    return 1.0 / (1.0 + math.exp(-score))


def logit(p: float) -> float:
    """The score (log-odds) of a probability: the pass compares scores, not probabilities."""
    return math.log(p / (1.0 - p))


# the keep decision's features of a rule theme (`keep_features`), in the order of its weights in KEEP_FILE
KEEP_FEATURES: Final = ("said", "title", "first", "own", "weak", "topic", "log-odds", "lift", "themes", "rank", "late", "depth",
                        "long-rank", "long-themes")
_RANK: Final = KEEP_FEATURES.index("rank")
_LONG_RANK: Final = KEEP_FEATURES.index("long-rank")
_ODDS: Final = KEEP_FEATURES.index("log-odds")
_THEMES: Final = KEEP_FEATURES.index("themes")
_LONG_THEMES: Final = KEEP_FEATURES.index("long-themes")
# a summary of more words than this is long: the story-level features count only there (round extract48)
LONG_SUMMARY: Final = 70
# the prefix of a concept's own term in KEEP_FILE ("concept:employment<TAB>-0.7")
CONCEPT: Final = "concept:"
# how far a theme's rough score (the features summed in another order) must clear the bar to skip the exact one
_MARGIN: Final = 1e-9


@dataclass(frozen=True, slots=True)
class KeepModel:
    """A logistic regression over a rule theme's evidence (`keep_features`), one weight a feature shared by every
    theme: the pass keeps a rule theme when its probability is `at` or more (trained by `python -m bench.themes_keep`)."""

    bias: float
    weights: tuple[float, ...]
    at: float
    # each concept's own term, added to the bias for its themes (round themes50: how often a concept's labels are
    # said in passing; a concept not listed adds 0)
    concepts: tuple[tuple[str, float], ...] = ()

    def score(self, values: Iterable[float], theme: str | None = None) -> float:
        return self.bias + _offsets(self).get(theme, 0.0) + sum(map(operator.mul, self.weights, values))

    @classmethod
    def from_rows(cls, lines: Iterable[str]) -> KeepModel:
        """The model of the TSV's lines: "bias<TAB>w", "at<TAB>p", "feature<TAB>w" for each of KEEP_FEATURES and
        "concept:<theme id><TAB>w" for each concept with a term of its own."""
        values: dict[str, float] = {}
        concepts: list[tuple[str, float]] = []
        for line in lines:
            if line and not line.startswith("#"):
                name, value = line.split("\t")
                if name.startswith(CONCEPT):
                    concepts.append((name.removeprefix(CONCEPT), float(value)))
                else:
                    values[name] = float(value)
        return cls(values["bias"], tuple(values[f] for f in KEEP_FEATURES), values["at"], tuple(concepts))

    @classmethod
    def read(cls, path: Path) -> KeepModel | None:
        if not path.is_file():
            return None
        return cls.from_rows(path.read_text(encoding="utf-8").splitlines())


def keep_features(doc: Doc, model: ThemeModel, feats: set[str], spans: dict[str, list[Span]],
                  raw: dict[str, float] | None = None, ranked: bool = True) -> dict[str, tuple[float, ...]]:
    """Each rule theme's evidence, as KEEP_FEATURES lists it: how many times it is said beyond once (at most 2), in
    the title, in the summary's first sentence, by the concept's own name, only by weak labels or a union's theme,
    only by topic cues, the word model's log-odds (within ±6), the same less the theme's bias (what the story's words
    add, within ±6), the story's number of rule themes beyond two (at most 3), its rank among them by the model (0 the
    likeliest, at most 3), whether it is said only from the summary's third sentence on, and how deep into the summary
    it is first said (words before it / 50, at most 3; 0 in the title), and the rank and the number of themes again
    in a long summary only (more than LONG_SUMMARY words; 0 in a shorter one). `raw` (when given) receives each
    theme's log-odds unbounded; with `ranked` false the rank is left 0 (a decision that does not weigh it)."""
    weak = doc.resources.weak_theme_forms
    summary = doc.texts.get(SUMMARY, "")
    position, biases, columns = model.position, model.biases, model.columns
    odds: dict[str, float] = {}
    lift: dict[str, float] = {}
    for t in spans:
        index = position.get(t)
        if index is None:
            odds[t] = lift[t] = 0.0
        else:
            bias, column = biases[index], columns[index]
            # the theme's weights of the story's stems (the set's intersection runs in C)
            score = sum(map(column.__getitem__, column.keys() & feats), bias)
            if raw is not None:
                raw[t] = score
            odds[t] = score = max(-6.0, min(6.0, score))
            lift[t] = max(-6.0, min(6.0, score - bias))
    rank_of = {t: rank for rank, t in enumerate(sorted(odds, key=lambda t: -odds[t]))} if ranked else dict.fromkeys(odds, 0)
    n = float(min(len(spans) - 2, 3))
    is_long = summary.count(" ") >= LONG_SUMMARY  # more than LONG_SUMMARY words
    title, folded = TITLE, doc.folded
    out: dict[str, tuple[float, ...]] = {}
    for t, said in spans.items():
        in_title = own = False
        weakly = topical = True
        early = -1  # where the summary first says it
        for s in said:
            if s.field is title:
                in_title = True
            elif early < 0 or s.start < early:
                early = s.start
            if weakly and s.confidence != 0.7 and folded[s.field][s.start:s.end] not in weak:
                weakly = False
            if topical and s.method != "topic":
                topical = False
            if not own and own_name(doc, s):
                own = True
        sentence = sentence_of(summary, early) if early >= 0 else -1
        out[t] = (
            float(min(len(said) - 1, 2)),
            float(in_title),
            float(sentence == 0),
            float(own),
            float(weakly),
            float(topical),
            odds[t],
            lift[t],
            n,
            float(min(rank_of[t], 3)),
            float(not in_title and sentence >= 2),
            0.0 if in_title else min(3.0, summary.count(" ", 0, max(early, 0)) / 50),
            float(min(rank_of[t], 3)) if is_long else 0.0,
            n if is_long else 0.0,
        )
    return out


@functools.lru_cache(maxsize=64)
def _offsets(keep: KeepModel) -> dict[str | None, float]:
    """A decision's concept terms by theme id (read once a decision)."""
    return dict(keep.concepts)


_Plan = tuple[float, float, float, tuple[float, ...], tuple[float, float, float, float]]


@functools.lru_cache(maxsize=8)
def _plan(keep: KeepModel) -> _Plan:
    """What `kept_out` needs of a decision that weighs no story-level feature but in a long summary (long-rank,
    long-themes), computed once a decision: the bar
    (log-odds), the bars a theme's rough score (the features but the own name, the weak label and the sentence) must
    clear to be over or under it whatever those three add, the weights, and the said-again feature's term for 1, 2,
    3... mentions."""
    weights = keep.weights
    said_w, _, first_w, own_w, weak_w, _, _, _, _, _, late_w, _, _, _ = weights
    bar = logit(keep.at)
    # first and late exclude each other
    low = min(0.0, own_w) + min(0.0, weak_w) + min(0.0, first_w, late_w)
    high = max(0.0, own_w) + max(0.0, weak_w) + max(0.0, first_w, late_w)
    return (bar, bar - low + _MARGIN, bar - high - _MARGIN, weights, (0.0, said_w * 0.0, said_w * 1.0, said_w * 2.0))


def kept_out(doc: Doc, model: ThemeModel, feats: set[str], keep: KeepModel, spans: dict[str, list[Span]],
             raw: dict[str, float]) -> set[str]:
    """The rule themes (`spans`: theme -> its mentions) the keep decision drops: those under its bar, the story's
    likeliest by it always kept. `raw` receives the rule themes' log-odds.

    The decision's score of a theme is `keep.score(keep_features(...))`, bit for bit, but computed only as far as
    the bar needs: the features with no weight are not computed, and a theme's own-name test, weak-label test and
    the sentence of its first mention (first, late) are left out when the bounds of their weights already put it on
    one side of the bar; only a story with no theme over the bar (its likeliest kept) is scored in full."""
    weights = keep.weights
    if weights[_ODDS] or weights[_THEMES] or weights[_RANK]:  # a decision weighing the story's other themes
        return _under(keep, keep_features(doc, model, feats, spans, raw, weights[_RANK] != 0), logit(keep.at))
    bar, lo_bar, hi_bar, weights, again = _plan(keep)
    said_w, title_w, first_w, own_w, weak_w, topic_w, _, lift_w, _, _, late_w, depth_w, rank_w, many_w = weights
    summary = doc.texts.get(SUMMARY, "")
    position, biases, columns = model.position, model.biases, model.columns
    title, bias_0 = TITLE, keep.bias
    offsets = _offsets(keep) if keep.concepts else None
    # the story-level terms, in a long summary only: the number of themes (one term for every theme) and each
    # theme's rank by its log-odds among them (from the log-odds of every theme, computed first)
    many = rank_of = None
    if (rank_w or many_w) and summary.count(" ") >= LONG_SUMMARY:
        if many_w:
            many = many_w * float(min(len(spans) - 2, 3))
        if rank_w:
            odds: dict[str, float] = {}
            for t in spans:
                index = position.get(t)
                if index is None:
                    odds[t] = 0.0
                else:
                    column = columns[index]
                    raw[t] = score = sum(map(column.__getitem__, column.keys() & feats), biases[index])
                    odds[t] = score if -6.0 <= score <= 6.0 else 6.0 if score > 6.0 else -6.0
            rank_of = {t: rank_w * float(min(rank, 3)) for rank, t in enumerate(sorted(odds, key=lambda t: -odds[t]))}
    under: set[str] = set()
    over = False  # whether some theme is at the bar or over it (then the likeliest is kept anyway)
    for t, said in spans.items():
        bias_k = bias_0 + offsets.get(t, 0.0) if offsets is not None else bias_0
        index = position.get(t)
        if index is None:
            lift = 0.0
        else:
            bias = biases[index]
            if rank_of is None:
                column = columns[index]
                # the theme's weights of the story's stems (the set's intersection runs in C)
                score = sum(map(column.__getitem__, column.keys() & feats), bias)
                raw[t] = score
            else:
                score = raw[t]
            # the log-odds within ±6, less the bias, within ±6 (as keep_features bounds them)
            lift = (score if -6.0 <= score <= 6.0 else 6.0 if score > 6.0 else -6.0) - bias
            if not -6.0 <= lift <= 6.0:
                lift = 6.0 if lift > 6.0 else -6.0
        if len(said) == 1:
            s = said[0]
            in_title = s.field is title
            early = -1 if in_title else s.start  # where the summary first says it
            topical = s.method == "topic"
            said_term = 0.0
        else:
            in_title = False
            topical = True
            early = -1
            for s in said:
                if s.field is title:
                    in_title = True
                elif early < 0 or s.start < early:
                    early = s.start
                if topical and s.method != "topic":
                    topical = False
            said_term = again[min(len(said), 3)]
        if in_title:
            depth = 0.0
            rough = bias_k + said_term + title_w
        else:
            depth = summary.count(" ", 0, early) / 50 if early > 0 else 0.0
            if depth > 3.0:
                depth = 3.0
            rough = bias_k + said_term
        if topical:
            rough += topic_w
        rough += lift_w * lift + depth_w * depth
        if rank_of is not None:
            rough += rank_of[t]
        if many is not None:
            rough += many
        if rough >= lo_bar:
            over = True
            continue
        if rough < hi_bar:
            under.add(t)
            continue
        weakly = own = False
        weak, folded = doc.resources.weak_theme_forms, doc.folded
        for s in said:
            if s.confidence != 0.7 and folded[s.field][s.start:s.end] not in weak:
                break
        else:
            weakly = True
        for s in said:
            if own_name(doc, s):
                own = True
                break
        sentence = sentence_of(summary, early) if early >= 0 else -1
        # in the order of KEEP_FEATURES, as keep.score sums them (a feature that adds 0.0 changes no float)
        total = said_term
        if in_title:
            total += title_w
        if sentence == 0:
            total += first_w
        if own:
            total += own_w
        if weakly:
            total += weak_w
        if topical:
            total += topic_w
        total += lift_w * lift
        if not in_title and sentence >= 2:
            total += late_w
        total += depth_w * depth
        if rank_of is not None:
            total += rank_of[t]
        if many is not None:
            total += many
        if bias_k + total < bar:
            under.add(t)
        else:
            over = True
    if over or not under:
        return under
    # every theme under the bar: the likeliest is kept, by the full scores
    return _under(keep, keep_features(doc, model, feats, spans, raw, rank_w != 0), bar)


def _under(keep: KeepModel, features: dict[str, tuple[float, ...]], bar: float) -> set[str]:
    """The themes whose decision's score is under the bar, the likeliest kept."""
    scored = {t: keep.score(v, t) for t, v in features.items()}
    best = max(scored, key=scored.__getitem__)
    return {t for t, score in scored.items() if score < bar and t != best}


_LOADED: Final[list[ThemeModel | None]] = []
_KEEP: Final[list[KeepModel | None]] = []


def shipped_model() -> ThemeModel | None:
    """The model shipped in ontology/ (read once): it scores the scheme's themes, so it serves every gazetteer folder."""
    if not _LOADED:
        from ontology import DIRECTORY

        _LOADED.append(ThemeModel.read(Path(DIRECTORY) / MODEL_FILE))
    return _LOADED[0]


def shipped_keep() -> KeepModel | None:
    """The keep decision shipped in ontology/ (read once), None when the file is absent."""
    if not _KEEP:
        from ontology import DIRECTORY

        _KEEP.append(KeepModel.read(Path(DIRECTORY) / KEEP_FILE))
    return _KEEP[0]


@functools.lru_cache(maxsize=1024)
def _own_names(theme_id: str, name: str) -> frozenset[str]:
    """The folded forms of a concept's own name and id ("child labour", "child-labour")."""
    return frozenset((fold(name), fold(theme_id), fold(theme_id.replace("-", " "))))


def _asides(doc: Doc, lone: dict[str | None, Span | None], among: int) -> list[str]:
    """The themes said once after the summary's first sentence, not by their own name, in a story with `among` themes
    or more in its title or said twice (empty when it has fewer)."""
    strong = sum(1 for span in lone.values() if span is None or span.field is TITLE)
    if strong < among:
        return []
    text = doc.texts.get(SUMMARY, "")
    return [span.key for span in lone.values() if span is not None and span.key is not None
            and span.field is SUMMARY and sentence_of(text, span.start) > 0 and not own_name(doc, span)]


def own_name(doc: Doc, span: Span) -> bool:
    """Whether a theme's mention says the concept's own name or id ("construction", "child labour", "covid-19")."""
    concept = doc.resources.knowledge.theme_by_id.get(span.key or "")
    return concept is not None and doc.folded[span.field][span.start:span.end] in _own_names(concept.id, concept.name)


def learned_themes(doc: Doc, model: ThemeModel | None = None, add_at: float = ADD_AT, have_below: int = HAVE_BELOW,
                   veto_at: float = VETO_AT, veto_among: int = VETO_AMONG, aside_at: float = ASIDE_AT,
                   aside_among: int = ASIDE_AMONG, keep: KeepModel | bool = True) -> None:
    """Pass "learned-themes": the model's word weights drop weak rule themes and add one no label or cue decided.

    Runs after the rule passes. First the asides: in a story with `aside_among` themes or more in its title or said
    twice, each other theme said once, after the summary's first sentence and not by its own name, is dropped when its
    probability is under `aside_at` (a word in passing beside what the story is about; off as shipped, ASIDE_AT 0,
    since the keep decision weighs a theme's rank in a long summary). Next the veto: in a story left
    with `veto_among` themes or more, the theme carried by one mention that the model finds least likely is dropped
    when its probability is under `veto_at`, unless that mention is the concept's own name ("construction", "child
    labour"): the scheme's own term is never a word in passing. Then, in a
    story with fewer than `have_below` themes, the model's most likely theme the story lacks is added when its
    probability is at least `add_at`. The added theme's evidence is the story's word with the largest weight for it
    (title first when tied), so the mention points at why."""
    theme = THEME
    said: dict[str, list[Span]] = {}  # theme -> its mentions, in order
    for s in doc.found:
        if s.kind is theme and s.key is not None:
            spans = said.get(s.key)
            if spans is None:
                said[s.key] = [s]
            else:
                spans.append(s)
    decision = shipped_keep() if keep is True else keep or None
    feats: set[str] | None = None
    known: dict[str, float] = {}  # the rule themes' log-odds, once the keep decision computed them
    if decision is not None and len(said) > 1:  # (a story's likeliest rule theme is always kept)
        model = model if model is not None else shipped_model()
        if model is not None:
            feats = model.features(doc.folded.get(TITLE, ""), doc.folded.get(SUMMARY, ""))
            dropped = kept_out(doc, model, feats, decision, said, known)
            if dropped:
                doc.found[:] = [s for s in doc.found if s.kind is not theme or s.key not in dropped]
                for t in dropped:
                    del said[t]
    # theme -> its one mention (None when it has two or more)
    lone: dict[str | None, Span | None] = {t: spans[0] if len(spans) == 1 else None for t, spans in said.items()}
    asides = _asides(doc, lone, aside_among) if aside_at > 0 and len(lone) > aside_among else []
    doubted = [span for span in lone.values() if span is not None and not own_name(doc, span)] \
        if veto_at > 0 and len(lone) >= veto_among else []
    if len(lone) >= have_below and not doubted and not asides:
        return
    model = model if model is not None else shipped_model()
    if model is None:
        return
    title, summary = doc.folded.get(TITLE, ""), doc.folded.get(SUMMARY, "")
    if feats is None:
        feats = model.features(title, summary)
    position = model.position
    def score_of(t: str) -> float:
        return known[t] if t in known else model.score(feats, position[t])

    if asides:
        dropped = {t for t in asides if t in position and score_of(t) < logit(aside_at)}
        if dropped and len(dropped) < len(lone):
            doc.found[:] = [s for s in doc.found if s.kind is not theme or s.key not in dropped]
            for t in dropped:
                del lone[t]
        doubted = [span for span in lone.values() if span is not None and not own_name(doc, span)] \
            if veto_at > 0 and len(lone) >= veto_among else []
    if doubted:
        scored = [(score_of(t), t) for t in (s.key for s in doubted) if t in position]
        if scored:
            score, vetoed = min(scored)
            if score < logit(veto_at):
                doc.found[:] = [s for s in doc.found if s.kind is not theme or s.key != vetoed]
                del lone[vetoed]
    if len(lone) >= have_below:
        return
    scores = model.scores(feats)
    for had in lone:  # the themes the story has are no candidates
        index = position.get(had) if had is not None else None
        if index is not None:
            scores[index] = -math.inf
    best = max(range(len(scores)), key=scores.__getitem__, default=-1)
    if best < 0 or (best_score := scores[best]) < logit(add_at):
        return
    theme_id = model.themes[best]
    concept = doc.resources.knowledge.theme_by_id.get(theme_id)
    if concept is None:  # a scheme without that theme
        return
    evidence: tuple[float, int, Field, int, int] | None = None
    column = model.columns[best]
    for order, (field, text) in enumerate(((TITLE, title), (SUMMARY, summary))):
        for word, start, end in model.evidence_stems(text):
            weight = column.get(word, 0.0)
            if weight > 0 and (evidence is None or (weight, -order) > (evidence[0], -evidence[1])):
                evidence = (weight, order, field, start, end)
    if evidence is None:
        return
    _, _, field, start, end = evidence
    doc.found.append(Span(theme, field, start, end, 0, "learned", round(probability(best_score), 3), concept.name,
                          theme_id))
