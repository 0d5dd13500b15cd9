"""Extraction + resolution speed on one core: `python -m bench.extract_speed [N] [--corpus seed|synthetic] [--batch B]
[--collector worker|default]`.

`seed` repeats the seed's twenty stories (distinct titles); `synthetic` is bench/generate.py's varied stories,
so names, sentences and their combinations change from story to story as in a real feed.

Stories are extracted as an import extracts them, by `Extractor.extract_many` (the passes run pass by pass over
`graph.extract.BATCH` stories at a time, or `--batch B`), and resolved one by one in order; `--batch 0` times
`Extractor.extract` called story by story. The cyclic garbage collector is set as in the import's worker processes
(`graph.workers.WORKER_COLLECTOR`), or left at Python's default with `--collector default`.
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import tempfile
import time
from pathlib import Path

from bench.summary import record
from graph.extract import BATCH, Extractor
from graph.records import StoryRecord
from graph.resolve import Resolver
from graph.sources import parse
from graph.workers import collect_as_worker


def seed_stories(count: int) -> list[StoryRecord]:
    seed = parse(Path(__file__).resolve().parents[1] / "seeds" / "ilo-news-2021.txt").stories
    # distinct titles so nothing is cached by story; the text stays seed-like
    return [dataclasses.replace(seed[i % len(seed)], title=f"{seed[i % len(seed)].title} {i}") for i in range(count)]


def synthetic_stories(count: int) -> list[StoryRecord]:
    from bench import generate

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.jsonl"
        path.write_text(generate.corpus(count, "jsonl"), encoding="utf-8")
        return list(parse(path).stories)


CORPORA = {"seed": seed_stories, "synthetic": synthetic_stories}


COLLECTORS = ("worker", "default")


def main(count: int = 20000, corpus: str = "seed", batch: int = BATCH, collector: str = "worker") -> None:
    stories = CORPORA[corpus](count)
    default = gc.get_threshold()
    if collector == "worker":
        collect_as_worker()
    started = time.perf_counter()
    extractor, resolver = Extractor(), Resolver("http://localhost:8000/")
    setup = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    mentions = 0
    extracted = extractor.extract_many(stories, batch) if batch else map(extractor.extract, stories)
    for i, (story, found) in enumerate(zip(stories, extracted)):
        mentions += len(found)
        resolver.resolve(story, f"http://localhost:8000/story/{i}", found)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    gc.set_threshold(*default)
    print(f"setup {setup:.2f}s; {len(stories)} {corpus} stories, {mentions} mentions in {elapsed:.2f}s "
          f"({cpu:.2f}s CPU): {len(stories) / elapsed:,.0f} stories/s extract+resolve on one core "
          f"({len(stories) / cpu:,.0f}/s by CPU time), {f'{batch} stories a batch' if batch else 'story by story'}, "
          f"{collector} collector")
    record(corpus=corpus, stories=len(stories), mentions=mentions, seconds=elapsed, cpu_seconds=cpu, collector=collector)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", nargs="?", type=int, default=20000, help="how many stories (default 20000)")
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="seed")
    parser.add_argument("--batch", type=int, default=BATCH, metavar="B",
                        help=f"stories Extractor.extract_many takes at a time (default {BATCH}; 0: Extractor.extract "
                             "story by story)")
    parser.add_argument("--collector", choices=COLLECTORS, default="worker",
                        help="the garbage collector's thresholds: the import's worker processes' (default) or Python's")
    args = parser.parse_args()
    main(args.count, args.corpus, args.batch, args.collector)
