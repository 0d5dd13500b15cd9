"""The kinds of entities a story names as evidence of its themes, nested over time: `python -m bench.themes_kinds`.

Round themes55's measurement. The theme model (bench.train_themes' regression) learns from the stems of a story's
title and summary; here it also learns from the kinds of the entities the rule passes found in it (what the pass has
when `learned-themes` runs): a union, an employers' body, a court or judge, a public body, a company, an international
body, a legislature, a campaign, a minister, a union leader (`entity_features`, each a feature "@kind" once a story,
beside the stems), or the themes the rule passes found ("@rule:theme", `--modes rules`: a second look that uses the
first pass's themes), or both; `kinds-add` uses the kinds model only to rank the addition (the keep decision, the
veto and the added theme's evidence read the shipped model's weights, on which the keep decision was trained). Each
held-out open batch k is scored as bench.themes_nested scores it (the pass as shipped, its keep decision, theme F1)
by a model trained on the ILO sets and the open batches before k, with and without the
extra features; the report is the gain a batch, batches up / down, and the ILO sets seen and held out (`--ilo`).
Measurement only: nothing in graph/ or ontology/ reads these features (tests/data/NONILO.md, round themes55: every form
loses over 26-43).
"""
from __future__ import annotations

import argparse
import hashlib
import re
import statistics
from collections.abc import Iterable, Sequence
from pathlib import Path

from graph.extract.learned import _SPACE, ThemeModel
from graph.records import EntityKind, Field

from bench.themes_nested import ILO, VARIANTS, cached_fit, fit_rows, newest_before, run_jobs, summary, training_sets
from bench.train_themes import BATCHES, L2, examples

CACHE = Path("/tmp/storygraph-themes-kinds")

_UNION = re.compile(r"\b(unions?|trade union|federation of .*workers|workers'? (federation|congress|confederation)|"
                    r"congress of trade|confederation of .*(labou?r|workers)|syndicat|sindicato|gewerkschaft)\b", re.I)
_EMPLOYER = re.compile(r"\b(employers?'?|chambers? of (commerce|industry)|business (council|federation|association)|"
                       r"confederation of .*(industry|business)|industries|manufacturers'? association)\b", re.I)
_COURT = re.compile(r"\b(court|tribunal|judiciary)\b", re.I)
_PUBLIC = re.compile(r"\b(ministry|ministries|department|government|authority|agency|commission|inspectorate|"
                     r"council|parliament|senate|assembly|congress)\b", re.I)
_INTERNATIONAL = re.compile(r"\b(united nations|international labou?r|world bank|world health|imf|ilo|unicef|unhcr|"
                            r"iom|oecd|european union|european commission|african union|asean|who)\b", re.I)
_COMPANY = re.compile(r"\b(ltd|inc|plc|corp|corporation|company|group|holdings|gmbh|s\.a\.|llc)\b\.?", re.I)
_MINISTER = re.compile(r"\b(minister|secretary of state|cabinet secretary)\b", re.I)
_JUDGE = re.compile(r"\b(judge|justice)\b", re.I)
_UNION_LEADER = re.compile(r"\b(general secretary|secretary[- ]general|union|shop steward|convenor)\b", re.I)
_LEADER = re.compile(r"\b(president|chair(man|woman|person)?|chief executive|ceo|director|mayor|governor)\b", re.I)


def entity_features(found: Iterable[object]) -> set[str]:
    """The kinds of entities among a story's spans (the rule passes' accepted and found spans), one feature each."""
    out: set[str] = set()
    for s in found:
        kind, name, source, role = s.kind, s.name, s.source, s.role or ""  # type: ignore[attr-defined]
        if kind is EntityKind.ORGANIZATION:
            out.add("@org")
            if source in ("known-union", "union") or _UNION.search(name):
                out.add("@union")
            if _EMPLOYER.search(name):
                out.add("@employers")
            if _COURT.search(name):
                out.add("@court")
            if source == "legislature":
                out.add("@legislature")
            elif _PUBLIC.search(name) or source == "country-body":
                out.add("@public-body")
            if _INTERNATIONAL.search(name):
                out.add("@international")
            if source in ("known-company", "company") or _COMPANY.search(name):
                out.add("@company")
        elif kind is EntityKind.CAMPAIGN:
            out.add("@campaign")
        elif kind is EntityKind.PERSON:
            out.add("@person")
            if _MINISTER.search(role):
                out.add("@minister")
            elif _JUDGE.search(role):
                out.add("@court")
            elif _UNION_LEADER.search(role):
                out.add("@union-leader")
            elif _LEADER.search(role):
                out.add("@leader")
    return out


def rule_features(found: Iterable[object]) -> set[str]:
    """The themes the rule passes found in a story, one feature each ("@rule:<theme id>")."""
    return {f"@rule:{s.key}" for s in found if s.kind is EntityKind.THEME and s.key}  # type: ignore[attr-defined]


class KindModel(ThemeModel):
    """A ThemeModel whose story features are the stems and the story's extra features (`EXTRA`, keyed by the folded
    title and summary), those with a weight."""

    @classmethod
    def of_rows(cls, lines: Iterable[str]) -> KindModel:
        base = ThemeModel.from_rows(lines)
        return cls(base.themes, base.biases, base.rows, base.forms, base.position, base.columns, base.dense_row,
                   base.dense)

    def features(self, title: str, summary: str) -> set[str]:
        found = {w for w in map(self.forms.get, f"{title} {summary}".encode().translate(_SPACE).split()) if w is not None}
        return found | (EXTRA.get((title, summary), set()) & self.rows.keys())

    @classmethod
    def addition_only(cls, base_rows: Iterable[str], kind_rows: Iterable[str]) -> KindModel:
        """The shipped model's weights for everything but the addition (the keep decision, the veto and the added
        theme's evidence read `columns`), the kinds model's for the addition's ranking (`scores` reads `dense`)."""
        base, kinds = ThemeModel.from_rows(base_rows), ThemeModel.from_rows(kind_rows)
        if base.themes != kinds.themes:
            raise ValueError("the two models' themes differ")
        return cls(base.themes, base.biases, {**base.rows, **kinds.rows}, {**base.forms, **kinds.forms},
                   base.position, base.columns, kinds.dense_row, kinds.dense)

    def scores(self, feats: set[str] | list[str]) -> list[float]:
        return ThemeModel.scores(self, [f for f in feats if f in self.dense_row])


EXTRA: dict[tuple[str, str], set[str]] = {}  # (folded title, folded summary) -> the story's extra features
MODES = ("kinds", "rules", "kinds+rules", "kinds-add")  # kinds-add: the kinds model only in the addition


def extra_of(name: str, mode: str) -> list[set[str]]:
    """Each story's extra features in a set (in examples(name)'s order), and recorded in EXTRA for scoring."""
    from bench.themes_lobo import docs

    out = []
    for doc, _ in docs(name):
        spans = [*doc.accepted, *doc.found]
        feats = (entity_features(spans) if "kinds" in mode else set()) | \
                (rule_features(spans) if "rules" in mode else set())
        EXTRA[doc.folded.get(Field.TITLE, ""), doc.folded.get(Field.SUMMARY, "")] = feats
        out.append(feats)
    return out


def fit_kind_rows(mode: str, names: Sequence[str], l2: float = L2) -> list[str]:
    """The model's TSV rows trained on these sets with the stems and the extra features of `mode` (cached)."""
    from bench.themes_nested import _digest

    key = hashlib.sha1(repr((mode, l2, Path(__file__).read_bytes())).encode()).hexdigest()[:8]
    path = CACHE / f"{mode}-{key}-{_digest(names)}.tsv"

    def build() -> tuple[list[tuple[set[str], set[str]]], None]:
        data: list[tuple[set[str], set[str]]] = []
        for n in names:
            data.extend((stems | extra, gold) for (stems, gold), extra in zip(examples(n), extra_of(n, mode), strict=True))
        return data, None

    return cached_fit(path, build, l2)


def _fitted(mode: str) -> str:
    """The fit a mode scores with (kinds-add reads the kinds fit)."""
    return "kinds" if mode == "kinds-add" else mode


def _model(mode: str, names: Sequence[str], base_rows: list[str]) -> KindModel:
    rows_of = fit_kind_rows(_fitted(mode), names)
    return KindModel.addition_only(base_rows, rows_of) if mode == "kinds-add" else KindModel.of_rows(rows_of)


def _job(job: tuple[str, tuple[str, ...]]) -> None:
    fit_kind_rows(_fitted(job[0]), job[1])


def main(argv: list[str] | None = None) -> None:
    from bench.themes_nested import score

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held", nargs="+", type=int, default=[k for k in BATCHES if k >= 26])
    parser.add_argument("--modes", nargs="+", default=["kinds"], choices=MODES)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--ilo", action="store_true", help="also the ILO sets seen and held out")
    args = parser.parse_args(argv)
    held = [k for k in args.held if k in BATCHES]
    shipped = VARIANTS["shipped"]
    every = sorted({n for k in held for n in training_sets(shipped, newest_before(k, 1))} | {f"nonilo{k}" for k in held}
                   | set(ILO))
    for mode in args.modes:
        for n in every:
            extra_of(n, mode)  # the rule passes once, before the fits fork
    jobs = [(m, tuple(training_sets(shipped, newest_before(k, 1)))) for m in args.modes for k in held]
    if args.ilo:
        jobs += [(m, tuple(training_sets(shipped, BATCHES[-1], without))) for m in args.modes for without in (None, *ILO)]
    run_jobs(_job, jobs, args.jobs)
    base = {k: score(f"nonilo{k}", ThemeModel.from_rows(fit_rows(shipped, newest_before(k, 1)))) for k in held}
    print("theme F1 of each held-out batch (gap 1: trained on the ILO sets and every open batch before it)")
    print(f"{'':<12}" + " ".join(f"{k:>6}" for k in held) + "   mean")
    print(f"{'shipped':<12}" + " ".join(f"{base[k][2]:.4f}" for k in held)
          + f"   {statistics.fmean(base[k][2] for k in held):.4f}")
    for mode in args.modes:
        for n in every:
            extra_of(n, mode)
        f1s = {k: score(f"nonilo{k}", _model(mode, training_sets(shipped, newest_before(k, 1)),
                                             fit_rows(shipped, newest_before(k, 1))))
               for k in held}
        print(f"{mode:<12}" + " ".join(f"{f1s[k][2]:.4f}" for k in held)
              + f"   {statistics.fmean(f1s[k][2] for k in held):.4f}")
        gains = [f1s[k][2] - base[k][2] for k in held]
        print(f"  gain: {summary(gains)}; " + " ".join(f"{x:+.4f}" for x in gains))
        if args.ilo:
            cells = []
            for n in ILO:
                seen_b = score(n, ThemeModel.from_rows(fit_rows(shipped, BATCHES[-1])))[2]
                out_b = score(n, ThemeModel.from_rows(fit_rows(shipped, BATCHES[-1], n)))[2]
                seen_m = score(n, _model(mode, training_sets(shipped, BATCHES[-1]), fit_rows(shipped, BATCHES[-1])))[2]
                out_m = score(n, _model(mode, training_sets(shipped, BATCHES[-1], n),
                                        fit_rows(shipped, BATCHES[-1], n)))[2]
                cells.append(f"{n} seen {seen_b:.4f}->{seen_m:.4f}, held out {out_b:.4f}->{out_m:.4f}")
            print("  ILO: " + "; ".join(cells))


if __name__ == "__main__":
    main()
