"""Measure end-to-end import speed (stories/s) for a fresh import and an unchanged re-import.

    python -m bench.import_speed                      # 20,000 stories, the project's extractor
    python -m bench.import_speed --stories 100000
    python -m bench.import_speed --extractor stand-in # known names found by one regex, ~8 mentions a story

After the fresh and unchanged imports, 200 more stories are imported the way the API does (with the
views a server answers from), and the first neighbourhood query, search and centrality after it are
timed, beside what rebuilding the network view from the store (what the first query paid before
imports kept views in step) takes in the same run.
"""
from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from bench import generate
from graph.extract import Extractor
from graph.network import NetworkView, build_network
from graph.pipeline import Importer, ImportSummary, SourceInput
from graph.read import GraphReader
from graph.search import SearchIndex
from graph.records import EntityKind, Field, Mention, MentionExtractor, StoryRecord
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


def _import(db: Path, data: bytes, extractor: MentionExtractor) -> tuple[float, ImportSummary, int]:
    store = OxigraphStore(db)
    try:
        began = time.perf_counter()
        summary = Importer(store, BASE, extractor).run([SourceInput("corpus.jsonl", data)])
        return time.perf_counter() - began, summary, store.quad_count()
    finally:
        store.close()


def _after_import(db: Path, data: bytes, extractor: MentionExtractor) -> dict[str, float]:
    """Seconds: a small import with a server's views, the first queries after it, and a full view rebuild."""
    store = OxigraphStore(db)
    try:
        reader = GraphReader(store, BASE)
        network, search = NetworkView(reader), SearchIndex(reader)
        network.current()
        search.search("labour")
        t: dict[str, float] = {}
        began = time.perf_counter()
        summary = Importer(store, BASE, extractor, network=network, search=search).run(
            [SourceInput("more.jsonl", data)])
        t["import"] = time.perf_counter() - began
        t["views"] = summary.views_seconds
        t["stories"] = summary.added + summary.updated
        version = reader.version()
        began = time.perf_counter()
        view = network.current(version)
        hub = max(view.entity_iris[:2000], key=view.story_count)
        view.neighbourhood([hub], 2, None, 50, 200)
        t["neighbourhood"] = time.perf_counter() - began
        began = time.perf_counter()
        search.search("decent work", limit=20, version=version)
        t["search"] = time.perf_counter() - began
        began = time.perf_counter()
        fresh = NetworkView(reader)  # a new process: the view and its PageRank come from the kept file
        fresh.current(version).pagerank()
        t["new_process"] = time.perf_counter() - began
        t["builds"] = network.builds + search.builds + fresh.builds
        began = time.perf_counter()
        build_network(reader, version).pagerank()
        t["rebuild"] = time.perf_counter() - began
        return t
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
        assert summary.added == args.stories, summary
        again, summary2, quads2 = _import(db, data, extractor)
        assert summary2.unchanged == args.stories and quads2 == quads, summary2
        after = _after_import(db, generate.corpus(200, args.format, seed=11).encode(), extractor)
    n = args.stories
    print(f"python -m bench.import_speed --stories {n} --format {args.format} --extractor {args.extractor}")
    print("| import | stories | seconds | stories/s | quads | quads/story |")
    print("|---|---:|---:|---:|---:|---:|")
    print(f"| fresh | {n:,} | {fresh:.1f} | {n / fresh:,.0f} | {quads:,} | {quads / n:.0f} |")
    print(f"| re-import, unchanged | {n:,} | {again:.1f} | {n / again:,.0f} | {quads2:,} | — |")
    print(f"\nfresh import: of {fresh:.1f} s, {summary.views_seconds:.1f} s bringing the network view and search "
          f"index to the new version")
    print(f"\n| after an import of {after['stories']:.0f} stories into {n:,} | seconds |\n|---|---:|")
    print(f"| the import (with a server's views) | {after['import']:.2f} |")
    print(f"| of it, views brought to the new version | {after['views']:.2f} |")
    print(f"| first neighbourhood (depth 2, 50) after it | {after['neighbourhood']:.3f} |")
    print(f"| first search after it | {after['search']:.3f} |")
    print(f"| a new process's view + PageRank (loaded) | {after['new_process']:.2f} |")
    print(f"| full rebuilds of a view or index | {after['builds']:.0f} |")
    print(f"| a full view rebuild + PageRank instead (the old first query) | {after['rebuild']:.2f} |")


if __name__ == "__main__":
    main()
