"""The writer's time for small API imports into a large store: the kept resolver and warm-started PageRank
against a resolver seeded from every entity and PageRank from scratch, interleaved in one run.

    python -m bench.writer_import                          # 20,000 stories, 6 imports of 200 in each mode
    python -m bench.writer_import --db COPY_OF_A_STORE --imports 10 --added 50

Each import goes through `Importer` with a server's views and is followed by the writer's snapshot
publish (graph/store/snapshots.py), as `serve --workers N` does after an API import. "before" drops the
kept resolver and the PageRank warm start before its import, which is what every import did before.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench import generate
from graph.extract import Extractor
from graph.network import NetworkView, centrality
from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.resolver_cache import kept_for
from graph.search import SearchIndex
from graph.store.oxigraph import OxigraphStore
from graph.store.snapshots import Publisher

BASE = "http://127.0.0.1:8000/"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--db", help="use this store (it is written to) instead of importing --stories into a new one")
    parser.add_argument("--imports", type=int, default=6, help="imports in each mode")
    parser.add_argument("--added", type=int, default=200, help="stories per import")
    args = parser.parse_args()
    scratch = tempfile.TemporaryDirectory(prefix="storygraph-bench-")
    db = Path(args.db) if args.db else Path(scratch.name) / "db"
    extractor = Extractor()
    if not args.db:
        began = time.perf_counter()
        store = OxigraphStore(db)
        Importer(store, BASE, extractor).run([SourceInput("corpus.jsonl", generate.corpus(args.stories).encode())])
        store.close()
        print(f"imported {args.stories:,} stories in {time.perf_counter() - began:.0f} s", flush=True)
    store = OxigraphStore(db)
    reader = GraphReader(store, BASE)
    network, search = NetworkView(reader), SearchIndex(reader)
    network.current().pagerank()
    search.search("labour")
    publisher = Publisher(store, reader.version)
    def prepare(version: str) -> None:  # what the server's writer does before each snapshot
        network.current(version)
        search.prepare(version)
    publisher.prepare = prepare
    publisher.views = network.snapshot_files
    publisher.start(sweep_every=3600)
    rows: dict[str, list[dict[str, float]]] = {"before": [], "after": []}
    # A first import seeds the kept resolver (what the first import after a start pays in either mode).
    Importer(store, BASE, extractor, network=network, search=search).run(
        [SourceInput("warm-up.jsonl", generate.corpus(args.added, seed=1000).encode())])
    for i in range(args.imports * 2):
        mode = "after" if i % 2 else "before"
        data = generate.corpus(args.added, seed=2000 + i).encode()
        if mode == "before":
            kept_for(store).drop()
        importer = Importer(store, BASE, extractor, network=network, search=search)
        seeded = kept_for(store).seeded
        if mode == "before":  # no warm start: the view update finds no PageRank to start the next one from
            network.current()._derived.pop("pagerank_arrays", None)
        began = time.perf_counter()
        summary = importer.run([SourceInput(f"api-{i}.jsonl", data)])
        imported = time.perf_counter() - began
        iterations = centrality.steps_taken(network.current())
        assert iterations is not None, "the import computed no PageRank for its version"
        began = time.perf_counter()
        publisher.publish_changes()
        published = time.perf_counter() - began
        assert summary.added == args.added, summary
        rows[mode].append({"import": imported, "views": summary.views_seconds, "publish": published,
                           "seeded": kept_for(store).seeded - seeded, "iterations": iterations,
                           "added": summary.added})
    publisher.stop()
    store.close()
    print(f"python -m bench.writer_import --stories {args.stories} --imports {args.imports} --added {args.added}")
    print("| per import (median) | before: fresh resolver, PageRank from scratch | after: kept resolver, warm start |")
    print("|---|---:|---:|")
    for key, label in (("import", "the import (s)"), ("views", "of it, views to the new version (s)"),
                       ("iterations", "PageRank power iterations"), ("publish", "snapshot publish after it (s)"),
                       ("seeded", "resolver seeded from every entity")):
        b, a = (statistics.median(r[key] for r in rows[m]) for m in ("before", "after"))
        print(f"| {label} | {b:.3f} | {a:.3f} |" if key not in ("iterations", "seeded") else f"| {label} | {b:.0f} | {a:.0f} |")
    b, a = (statistics.median(r["import"] + r["publish"] for r in rows[m]) for m in ("before", "after"))
    print(f"| **writer's time: import + publish** | **{b:.3f}** | **{a:.3f}** |")
    scratch.cleanup()


if __name__ == "__main__":
    main()
