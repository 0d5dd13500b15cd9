"""Side by side: import, replica views and export on the embedded store, `oxigraph serve` and Virtuoso.

    python -m bench.remote_import --stories 5000 \\
        --oxigraph http://127.0.0.1:7878/query \\
        --virtuoso 'http://127.0.0.1:8890/sparql?update=http://127.0.0.1:8890/sparql-auth&store=http://127.0.0.1:8890/sparql-graph-crud-auth'

Each engine must be running and empty of storygraph data (start `oxigraph serve --location DIR
--union-default-graph`, and Virtuoso with a writer account as in the README; the writer's
credentials come from STORYGRAPH_SPARQL_USER / STORYGRAPH_SPARQL_PASSWORD). Leave an engine out
to skip it. The embedded store is a fresh on-disk Oxigraph in a temporary directory.

Per engine it measures: a fresh import (stories/s), building a replica's derived views from the
store (the network view and the search index: what a new GraphQL replica reads before its first
explorer or search answer) with the rows it read, and an N-Quads export (quads/s).
"""
from __future__ import annotations

import argparse
import io
import tempfile
import time
from dataclasses import dataclass

from bench import generate
from graph import export
from graph.network import build_network
from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.search import SearchIndex
from graph.store import RemoteOptions, Store, open_store
from server.settings import Settings

BASE = "http://127.0.0.1:8000/"


@dataclass
class Figures:
    engine: str
    stories: int
    import_s: float
    quads: int
    views_s: float
    rows_read: int
    export_s: float


def measure(name: str, store: Store, corpus: bytes, stories: int) -> Figures:
    started = time.perf_counter()
    Importer(store, BASE).run([SourceInput("corpus.jsonl", corpus)])
    import_s = time.perf_counter() - started
    quads = store.quad_count()

    reader = GraphReader(store, BASE)
    started = time.perf_counter()
    version = reader.version()
    network = build_network(reader, version)
    index = SearchIndex(reader)
    index.search("labour")
    views_s = time.perf_counter() - started
    rows_read = 2 * (stories + len(network.entities)) + int(network.story_adj.size)  # stories, entities twice; links once
    index.close()

    started = time.perf_counter()
    export.write_export(store, "nq", io.BytesIO())
    export_s = time.perf_counter() - started
    return Figures(name, stories, import_s, quads, views_s, rows_read, export_s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=5_000)
    parser.add_argument("--oxigraph", metavar="QUERY_URL", help="a running `oxigraph serve` (its /query URL)")
    parser.add_argument("--virtuoso", metavar="LOCATION", help="a running Virtuoso: the sparql: store location")
    args = parser.parse_args()
    corpus = generate.corpus(args.stories).encode()
    options: RemoteOptions = Settings.from_env().remote_options()
    results = []
    with tempfile.TemporaryDirectory(prefix="storygraph-bench-") as scratch:
        engines: list[tuple[str, str]] = [("embedded (on disk)", f"oxigraph:{scratch}/db")]
        if args.oxigraph:
            engines.append(("oxigraph serve", f"sparql:{args.oxigraph}"))
        if args.virtuoso:
            engines.append(("Virtuoso 7.2", f"sparql:{args.virtuoso}"))
        for name, url in engines:
            store = open_store(url, options)
            try:
                results.append(measure(name, store, corpus, args.stories))
            finally:
                store.close()
            print(f"{name}: done", flush=True)
    embedded = results[0]
    print("\n| store | stories | import s | stories/s | vs embedded | quads | replica views s | rows read | nq export quads/s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for f in results:
        rate = f.stories / f.import_s
        print(f"| {f.engine} | {f.stories:,} | {f.import_s:.1f} | {rate:,.0f} | {rate / (embedded.stories / embedded.import_s):.2f} "
              f"| {f.quads:,} | {f.views_s:.1f} | {f.rows_read:,} | {f.quads / f.export_s:,.0f} |")


if __name__ == "__main__":
    main()
