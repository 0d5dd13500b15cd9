"""Extraction + resolution speed on seed-like stories, one core: `python -m bench.extract_speed [N]`."""
from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

from graph.extract import Extractor
from graph.resolve import Resolver
from graph.sources import parse


def main(count: int = 20000) -> None:
    seed = parse(Path(__file__).resolve().parents[1] / "seeds" / "ilo-news-2021.txt").stories
    # distinct titles so nothing is cached by story; the text stays seed-like
    stories = [dataclasses.replace(seed[i % len(seed)], title=f"{seed[i % len(seed)].title} {i}") for i in range(count)]
    started = time.perf_counter()
    extractor, resolver = Extractor(), Resolver("http://localhost:8000/")
    setup = time.perf_counter() - started
    started = time.perf_counter()
    mentions = 0
    for i, story in enumerate(stories):
        found = extractor.extract(story)
        mentions += len(found)
        resolver.resolve(story, f"http://localhost:8000/story/{i}", found)
    elapsed = time.perf_counter() - started
    print(f"setup {setup:.2f}s; {count} stories, {mentions} mentions in {elapsed:.2f}s: "
          f"{count / elapsed:,.0f} stories/s extract+resolve on one core")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
