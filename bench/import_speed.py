"""Measure end-to-end import speed (stories/s) for a fresh import and an unchanged re-import.

    python -m bench.import_speed                      # 20,000 stories, the project's extractor
    python -m bench.import_speed --stories 100000
    python -m bench.import_speed --extractor stand-in # known names found by one regex, ~8 mentions a story
    python -m bench.import_speed --stories 100000 --flat 10000  # also a fresh 10k import: is the rate flat?

After the fresh and unchanged imports, 200 more stories are imported the way the API does (with the
views a server answers from), and the first neighbourhood query, search and centrality after it are
timed, beside what rebuilding the network view from the store (what the first query paid before
imports kept views in step) takes in the same run. `--flat N` first imports the corpus's first N
stories into a store of their own, so the rate and the importing thread's CPU per story (the planning:
neither the store's load nor extraction, which run in other threads and processes) can be compared
between N and the full size.
"""
from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from bench import generate
from bench.summary import record
from graph.extract import Extractor
from graph.network import NetworkView, build_network, centrality
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


def _import(db: Path, data: bytes, extractor: MentionExtractor) -> tuple[float, ImportSummary, int, float]:
    """(wall seconds, the import's summary, quads in the store, CPU seconds of the importing thread)."""
    store = OxigraphStore(db)
    try:
        began, cpu = time.perf_counter(), time.thread_time()
        done = Importer(store, BASE, extractor).run([SourceInput("corpus.jsonl", data)])
        return time.perf_counter() - began, done, store.quad_count(), time.thread_time() - cpu
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
        loaded = fresh.current(version)
        loaded.pagerank()
        t["new_process"] = time.perf_counter() - began
        t["new_process_steps"] = centrality.steps_taken(loaded) or 0  # 0: PageRank came with the view
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
    parser.add_argument("--flat", type=int, metavar="N", help="also a fresh import of the first N stories, first")
    args = parser.parse_args()
    data = generate.corpus(args.stories, args.format).encode()
    extractor = Extractor() if args.extractor == "project" else StandInExtractor()
    small = None
    if args.flat:
        with tempfile.TemporaryDirectory(prefix="storygraph-bench-") as tmp:
            small = _import(Path(tmp) / "db", generate.corpus(args.flat, args.format).encode(), extractor)
    with tempfile.TemporaryDirectory(prefix="storygraph-bench-") as tmp:
        db = Path(tmp) / "db"
        fresh, summary, quads, planning = _import(db, data, extractor)
        assert summary.added == args.stories, summary
        again, summary2, quads2, _ = _import(db, data, extractor)
        assert summary2.unchanged == args.stories and quads2 == quads, summary2
        after = _after_import(db, generate.corpus(200, args.format, seed=11).encode(), extractor)
    n = args.stories
    print(f"python -m bench.import_speed --stories {n} --format {args.format} --extractor {args.extractor}"
          + (f" --flat {args.flat}" if args.flat else ""))
    print("| import | stories | seconds | stories/s | quads | quads/story | importing thread CPU-s (ms a story) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    if small is not None and args.flat:
        print(f"| fresh | {args.flat:,} | {small[0]:.1f} | {args.flat / small[0]:,.0f} | {small[2]:,} | "
              f"{small[2] / args.flat:.0f} | {small[3]:.1f} ({small[3] / args.flat * 1000:.2f}) |")
    print(f"| fresh | {n:,} | {fresh:.1f} | {n / fresh:,.0f} | {quads:,} | {quads / n:.0f} | "
          f"{planning:.1f} ({planning / n * 1000:.2f}) |")
    print(f"| re-import, unchanged | {n:,} | {again:.1f} | {n / again:,.0f} | {quads2:,} | — | — |")
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
    record(stories=n, fresh_seconds=fresh, quads=quads, planning_cpu=planning,
                   flat_stories=args.flat if small else None, flat_seconds=small[0] if small else None,
                   flat_planning_cpu=small[3] if small else None, **{f"after_{k}": v for k, v in after.items()})


if __name__ == "__main__":
    main()
