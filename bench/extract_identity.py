"""A canonical dump of what extraction and resolution make of fixed stories, to diff before and after a change.

    python -m bench.extract_identity > /tmp/after.txt        # then diff it with a dump made before the change
    python -m bench.extract_identity --synthetic 5000 --out /tmp/before.txt
    python -m bench.extract_identity --synthetic 20000 --digest  # one SHA-1 per corpus, to compare at a glance
    python -m bench.extract_identity --digest --batch 32       # the same, extracted by Extractor.extract_many

Stories: every tests/data/*-stories.txt, the seeds, and `--synthetic` stories of bench/generate.py, then the
annotated ones again (the memos warm, so a remembered decision must equal a computed one). Each mention is one
line (kind, field, offsets, text, method, confidence, name, key, role, affiliation), then the entities its story
resolves to (IRI, name, aliases, sameAs), the relations and the merge candidates (sorted); one resolver runs through the
whole sequence, so cross-story identity is in the dump too. An optimisation that changes nothing changes no byte.
`--digest` prints, instead of the dump, the SHA-1 of each corpus's part of it (each tests/data set, each seed, the
synthetic stories, the annotated sets again) and of the whole: run it in two checkouts and compare the lines.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Iterator
from pathlib import Path

from graph.extract import Extractor
from graph.records import ResolvedStory, StoryRecord
from graph.resolve import Resolver
from graph.sources import parse

ROOT = Path(__file__).resolve().parents[1]


def annotated() -> list[tuple[str, StoryRecord]]:
    """The annotated sets of tests/data and the seeds, each story named by its file."""
    paths = sorted((ROOT / "tests" / "data").glob("*-stories.txt")) + sorted((ROOT / "seeds").glob("*"))
    return [(path.name, story) for path in paths for story in parse(path).stories]


def synthetic(count: int) -> list[tuple[str, StoryRecord]]:
    from bench.extract_speed import synthetic_stories

    return [("synthetic", story) for story in synthetic_stories(count)] if count else []


def lines(stories: list[tuple[str, StoryRecord]], batch: int = 0) -> Iterator[str]:
    """The dump, one line per finding, in the order the stories come; extracted story by story, or with `batch`,
    by `Extractor.extract_many` that many at a time (the dump must not change)."""
    extractor, resolver = Extractor(), Resolver("http://localhost:8000/")
    records = [story for _, story in stories]
    extracted = extractor.extract_many(records, batch) if batch else map(extractor.extract, records)
    for n, ((source, story), mentions) in enumerate(zip(stories, extracted)):
        yield f"## {n} {source} {story.title!r}"
        for m in mentions:
            yield (f"M {m.kind.value} {m.field.value} {m.start}-{m.end} {m.text!r} {m.method} {m.confidence!r} "
                   f"name={m.name!r} key={m.key!r} role={m.role!r} affiliation={m.affiliation!r}")
        resolved: ResolvedStory = resolver.resolve(story, f"http://localhost:8000/story/{n}", mentions)
        for link in resolved.links:
            e = link.entity
            yield f"E {e.iri} {e.kind.value} {e.name!r} aliases={list(e.aliases)!r} same_as={list(e.same_as)!r}"
        for r in resolved.relations:
            yield f"R {r.subject} {r.predicate} {r.object} {r.label!r}"
        # (in the order of set iteration, which the hash seed changes: sorted, so two runs compare)
        for c in sorted(resolved.merge_candidates, key=lambda c: (c.a, c.b, c.score, c.evidence)):
            yield f"C {c.a} {c.b} {c.score!r} {c.evidence!r}"


def digests(stories: list[tuple[str, StoryRecord]], batch: int = 0) -> Iterator[str]:
    """One line per run of stories from one source (its name, how many stories, the SHA-1 of their dump lines), then
    the whole dump's."""
    whole, part = hashlib.sha1(), hashlib.sha1()
    source: str | None = None
    count = 0
    names = iter([name for name, _ in stories])
    for line in lines(stories, batch):
        if line.startswith("## "):  # a story's first line: which source it came from is in `stories`
            name = next(names)
            if name != source and source is not None:
                yield f"{source}\t{count}\t{part.hexdigest()}"
                part, count = hashlib.sha1(), 0
            source, count = name, count + 1
        data = (line + "\n").encode()
        whole.update(data)
        part.update(data)
    if source is not None:
        yield f"{source}\t{count}\t{part.hexdigest()}"
    yield f"all\t{len(stories)}\t{whole.hexdigest()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--synthetic", type=int, default=5000, metavar="N",
                        help="how many bench/generate.py stories to add (default 5000)")
    parser.add_argument("--out", type=Path, help="write the dump here (default: standard output)")
    parser.add_argument("--digest", action="store_true", help="print each corpus's SHA-1 instead of the dump")
    parser.add_argument("--batch", type=int, default=0, metavar="N",
                        help="extract with Extractor.extract_many, N stories at a time (default: story by story)")
    args = parser.parse_args()
    real = annotated()
    stories = real + synthetic(args.synthetic) + real
    out = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
    try:
        for line in digests(stories, args.batch) if args.digest else lines(stories, args.batch):
            out.write(line + "\n")
    finally:
        if args.out:
            out.close()


if __name__ == "__main__":
    main()
