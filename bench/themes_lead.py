"""The theme model read from a story's lead only: `python -m bench.themes_lead [--leads 1 2 3] [--held 26 ... 45]`.

A reader gives a story the themes of what it is about, which its title and first sentences say; a word said in
passing late in a long summary ("women" among the beneficiaries, "construction" in a list of sectors) is the largest
class of the pass's wrong themes that no sense rule reaches (rounds themes53, themes55, themes57). The model learns
from every stem of title and summary alike. Here the model's features are the stems of the title and the summary's
first N sentences only (same regression, same settings, fewer words a story), trained and read the same way; the rest
of the pass (rule themes, keep decision, veto, addition) is the pass as shipped, with the lead model's log-odds in
place of the full model's. Measured nested over time as bench.themes_nested judges: each held-out batch k scored with
the model trained on the ILO sets and the open batches before it (gap 1), against the shipped features trained on the
same sets. Fitted models are cached in /tmp/storygraph-themes-lead.
"""
from __future__ import annotations

import argparse
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from graph.extract.folding import fold
from graph.extract.learned import ThemeModel, features

from bench.themes_nested import VARIANTS, _digest, cached_fit, fit_rows, newest_before, run_jobs, score, summary, training_sets
from bench.train_themes import BATCHES, gold_stories

CACHE = Path("/tmp/storygraph-themes-lead")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def lead(summary: str, n: int) -> str:
    """The first n sentences of a (folded) summary (all of it when n is 0)."""
    if n <= 0:
        return summary
    return " ".join(_SENTENCE_END.split(summary, maxsplit=n)[:n])


@dataclass(frozen=True)
class LeadModel(ThemeModel):
    """A ThemeModel that reads the title and the summary's first `sentences` sentences only."""

    sentences: int = 0

    @classmethod
    def from_lead_rows(cls, lines: list[str], sentences: int) -> LeadModel:
        base = ThemeModel.from_rows(lines)
        return cls(base.themes, base.biases, base.rows, base.forms, base.position, base.columns, base.dense_row,
                   base.dense, sentences)

    def features(self, title: str, summary: str) -> set[str]:
        return ThemeModel.features(self, title, lead(summary, self.sentences))


_EXAMPLES: dict[tuple[str, int], list] = {}


def lead_examples(name: str, n: int) -> list:
    if (name, n) not in _EXAMPLES:
        _EXAMPLES[name, n] = [(features(fold(s.title), lead(fold(s.summary), n)), themes)
                              for s, themes in gold_stories(name)]
    return _EXAMPLES[name, n]


def lead_rows(n: int, newest: int) -> list[str]:
    """The model's TSV rows, trained as shipped on the lead-n features of the sets up to batch `newest`."""
    names = training_sets(VARIANTS["shipped"], newest)
    path = CACHE / f"lead{n}-{newest}-{_digest(names)}.tsv"
    return cached_fit(path, lambda: ([e for name in names for e in lead_examples(name, n)], None))


def _job(job: tuple[int, int]) -> None:
    if job[0] == 0:
        fit_rows(VARIANTS["shipped"], job[1])
    else:
        lead_rows(*job)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--held", nargs="+", type=int, default=[k for k in BATCHES if k >= 26])
    parser.add_argument("--leads", nargs="+", type=int, default=[1, 2, 3], help="sentences of the summary read")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    held = [k for k in args.held if k in BATCHES]
    newest = sorted({newest_before(k, 1) for k in held})
    for name in {n for k in newest for n in training_sets(VARIANTS["shipped"], k)}:
        for n in args.leads:
            lead_examples(name, n)
    run_jobs(_job, [(n, k) for n in (0, *args.leads) for k in newest], args.jobs)
    f1s: dict[tuple[int, int], float] = {}
    for k in held:
        f1s[0, k] = score(f"nonilo{k}", ThemeModel.from_rows(fit_rows(VARIANTS["shipped"], newest_before(k, 1))))[2]
        for n in args.leads:
            model = LeadModel.from_lead_rows(lead_rows(n, newest_before(k, 1)), n)
            f1s[n, k] = score(f"nonilo{k}", model)[2]
    print("theme F1 of each held-out batch, the model trained on the batches before it (lead 0: the shipped features)")
    print(f"{'lead':<6}" + " ".join(f"{k:>6}" for k in held) + "    mean")
    for n in (0, *args.leads):
        print(f"{n:<6}" + " ".join(f"{f1s[n, k]:.4f}" for k in held)
              + f"    {statistics.fmean(f1s[n, k] for k in held):.4f}")
    print("\nagainst the shipped features:")
    for n in args.leads:
        gains = [f1s[n, k] - f1s[0, k] for k in held]
        print(f"  lead {n}: {summary(gains)}; " + " ".join(f"{x:+.4f}" for x in gains))


if __name__ == "__main__":
    main()
