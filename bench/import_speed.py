"""Measure end-to-end import speed (stories/s) for a fresh import and an unchanged re-import.

    python -m bench.import_speed                      # 20,000 stories, the project's extractor
    python -m bench.import_speed --stories 100000
    python -m bench.import_speed --extractor stand-in # known names found by one regex, ~8 mentions a story
"""
from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from bench import generate
from graph.extract import Extractor
from graph.pipeline import Importer, SourceInput
from graph.records import EntityKind, Field, Mention, StoryRecord
from graph.store.oxigraph import OxigraphStore

BASE = "http://127.0.0.1:8000/"
_KINDS = ((generate.ORGS, EntityKind.ORGANIZATION), (generate.PLACES, EntityKind.PLACE),
          (generate.CAMPAIGNS, EntityKind.CAMPAIGN), (generate.THEMES, EntityKind.THEME))


class StandInExtractor:
    """Finds the generator's own names, so the store sees a realistic number of mentions a story
    when the project's extractor is not ready; its speed says nothing about the real extractor's."""

    def __init__(self) -> None:
        names = {n: k for names, k in _KINDS for n in names}
        people = rf"(?:{'|'.join(map(re.escape, generate.FIRST))}) (?:{'|'.join(map(re.escape, generate.LAST))})"
        alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
        self.kinds = names
        self.pattern = re.compile(rf"(?P<person>{people})|(?P<known>{alternatives})")

    def extract(self, story: StoryRecord) -> list[Mention]:
        found = []
        for field, text in ((Field.TITLE, story.title), (Field.SUMMARY, story.summary)):
            for m in self.pattern.finditer(text):
                kind = EntityKind.PERSON if m.lastgroup == "person" else self.kinds[m[0]]
                key = re.sub(r"\W+", "-", m[0].lower()) if kind is EntityKind.THEME else None
                found.append(Mention(kind, m[0], field, m.start(), m.end(), "stand-in", 0.9, m[0], key))
        return found


def _import(db: Path, data: bytes, extractor: object) -> tuple[float, object, int]:
    store = OxigraphStore(db)
    try:
        began = time.perf_counter()
        summary = Importer(store, BASE, extractor).run([SourceInput("corpus.jsonl", data)])  # type: ignore[arg-type]
        return time.perf_counter() - began, summary, store.quad_count()
    finally:
        store.close()


def main() -> None:
    """Print fresh and re-import figures, ready for the README."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--format", choices=sorted(generate.WRITERS), default="jsonl")
    parser.add_argument("--extractor", choices=("project", "stand-in"), default="project")
    args = parser.parse_args()
    data = generate.corpus(args.stories, args.format).encode()
    extractor = Extractor() if args.extractor == "project" else StandInExtractor()
    with tempfile.TemporaryDirectory(prefix="storygraph-bench-") as tmp:
        db = Path(tmp) / "db"
        fresh, summary, quads = _import(db, data, extractor)
        assert summary.added == args.stories, summary  # type: ignore[attr-defined]
        again, summary2, quads2 = _import(db, data, extractor)
        assert summary2.unchanged == args.stories and quads2 == quads, summary2  # type: ignore[attr-defined]
    n = args.stories
    print(f"python -m bench.import_speed --stories {n} --format {args.format} --extractor {args.extractor}")
    print("| import | stories | seconds | stories/s | quads | quads/story |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| fresh | {n:,} | {fresh:.1f} | {n / fresh:,.0f} | {quads:,} | {quads / n:.0f} |")
    print(f"| re-import, unchanged | {n:,} | {again:.1f} | {n / again:,.0f} | {quads2:,} | — |")


if __name__ == "__main__":
    main()
