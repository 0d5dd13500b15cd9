"""Export speed: the first N-Triples and N-Quads export after an import, and the other formats, by method.

    .venv/bin/python -m bench.export_speed --stories 100000              # import, then the first exports
    .venv/bin/python -m bench.export_speed --stories 100000 --synthetic [--memory] [--formats nt,nq,ttl]
    .venv/bin/python -m bench.export_speed --stories 20000 --import-cost 2   # the import with and without them

By default imports `bench.generate`'s stories with the project's extractor into an on-disk store
(timing what writing the export segments adds to the import), then times, in one run: the first
N-Triples and N-Quads export after the import (copied from the segments), the store's own dump (what
the first export was before), and `oxigraph dump`, into /dev/null. `--synthetic` bulk-loads a
synthetic store shaped like an import instead and times each export path.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from typing import cast

import pyoxigraph as ox

from bench.summary import record
from graph.store.oxigraph import OxigraphStore

BASE = "http://127.0.0.1:8000/"


def synthetic_nquads(stories: int) -> bytes:
    """Story graphs with mentions plus an entities graph, as N-Quads."""
    out: list[str] = []
    ent = f"<{BASE}graph/entities>"
    for n in range(stories):
        s = f"{BASE}story/{n:07d}"
        g = f" <{s}> .\n"
        S = f"<{s}> "
        out.append(S + "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/NewsArticle>" + g)
        out.append(S + f'<https://schema.org/headline> "Story number {n} about work"' + g)
        out.append(S + f'<https://schema.org/abstract> "A summary of story {n}, a little longer than its title, as the seeds are."' + g)
        out.append(S + f'<http://purl.org/dc/terms/date> "2021-03-{n % 28 + 1:02d}"^^<http://www.w3.org/2001/XMLSchema#date>' + g)
        for m in range(3):
            e = f"<{BASE}person/p{(n * 3 + m) % (stories // 2 + 1)}>"
            M = f"<{s}#m{m}> "
            out.append(S + f"<https://schema.org/mentions> {e}" + g)
            out.append(S + f"<https://w3id.org/storygraph#hasMention> <{s}#m{m}>" + g)
            out.append(M + "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/storygraph#Mention>" + g)
            out.append(M + f"<https://w3id.org/storygraph#entity> {e}" + g)
            out.append(M + f'<https://w3id.org/storygraph#text> "Person {m}"' + g)
            out.append(M + f'<https://w3id.org/storygraph#start> "{m * 10}"^^<http://www.w3.org/2001/XMLSchema#integer>' + g)
            out.append(M + f'<https://w3id.org/storygraph#end> "{m * 10 + 8}"^^<http://www.w3.org/2001/XMLSchema#integer>' + g)
        if n % 2 == 0:
            e = f"<{BASE}person/p{n // 2}>"
            out.append(e + " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> " + ent + " .\n")
            out.append(e + f' <https://schema.org/name> "Person {n // 2}" ' + ent + " .\n")
    return "".join(out).encode()


class _Null:
    """A sink that counts bytes and lines (an N-Triples or N-Quads export's statements)."""

    def __init__(self) -> None:
        self.size = 0
        self.lines = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        self.lines += data.count(b"\n")
        return len(data)

    def flush(self) -> None:
        pass


def _time(label: str, quads: int, run) -> tuple[float, int]:
    """(seconds, lines written) of one export into a counting sink, printed."""
    sink = _Null()
    started = time.perf_counter()
    run(sink)
    seconds = time.perf_counter() - started
    print(f"{label:<48} {seconds:7.2f} s  {quads / seconds / 1e6:6.2f} M quads/s  {sink.size / seconds / 1e6:7.1f} MB/s")
    return seconds, sink.lines


def _timed(owner: type, name: str, spent: list[float]) -> None:
    """Wrap `owner.name` to add the seconds it takes to `spent`: [wall, CPU of the calling thread]."""
    method = getattr(owner, name)

    def timed(*args, **kwargs):
        began, cpu = time.perf_counter(), time.thread_time()
        try:
            return method(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - began
            spent[1] += time.thread_time() - cpu

    setattr(owner, name, timed)


def after_import(stories: int) -> None:
    """Import generated stories, then time the first nt and nq exports beside the store's dump and `oxigraph dump`."""
    from bench import generate
    from graph import export
    from graph.pipeline import Importer, SourceInput
    from graph.segments import Change, Segments

    spent = [0.0, 0.0]
    for name in ("add", "commit"):
        _timed(Change, name, spent)
    data = generate.corpus(stories).encode()
    with tempfile.TemporaryDirectory(prefix="storygraph-bench-") as tmp:
        db = Path(tmp) / "db"
        store = OxigraphStore(db)
        began = time.perf_counter()
        Importer(store, BASE).run([SourceInput("corpus.jsonl", data)])
        seconds = time.perf_counter() - began
        quads = store.quad_count()
        print(f"{stories} stories, {quads} quads, on disk (RocksDB); import {seconds:.1f} s "
              f"({stories / seconds:,.0f} stories/s), of which making the export segments {spent[0]:.1f} s "
              f"({spent[0] / seconds:.1%}; {spent[1]:.1f} CPU-s, their files written by another thread)")
        first = {name: _time(f"{name}: first export after the import", quads,
                             lambda out, name=name: export.write_export(store, name, out)) for name in ("nt", "nq")}
        dumped = {name: _time(f"{name}: the store's dump (the first export before)", quads,
                              lambda out, name=name: store.dump(out, name)) for name in ("nt", "nq")}
        record(stories=stories, quads=quads, import_seconds=seconds,
               **{f"{how}_{name}_{what}": figure for how, timed in (("first", first), ("dump", dumped))
                  for name, pair in timed.items() for what, figure in zip(("seconds", "lines"), pair)})
        segments = Segments.beside(store)
        size = segments.disk_bytes() if segments else 0
        store_size = sum(p.stat().st_size for p in db.rglob("*") if p.is_file())
        print(f"export segments on disk: {size / 1e6:.0f} MB (the store: {store_size / 1e6:.0f} MB)")
        store.close()
        tool = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
        if Path(tool).exists():
            began = time.perf_counter()  # N-Quads only: it dumps N-Triples one graph at a time
            subprocess.run([tool, "dump", "--location", str(db), "--format", "nq"], check=True, stdout=subprocess.DEVNULL)
            seconds = time.perf_counter() - began
            print(f"{'nq: oxigraph dump (CLI, whole process)':<42} {seconds:7.2f} s  {quads / seconds / 1e6:6.2f} M quads/s")
            record(oxigraph_dump_nq_seconds=seconds)


def import_cost(stories: int, rounds: int) -> None:
    """Fresh imports with and without the export segments, interleaved, so that both see the same machine."""
    from bench import generate
    from graph import pipeline
    from graph.pipeline import Importer, SourceInput
    from graph.segments import Segments

    data = generate.corpus(stories).encode()
    keep = Segments.beside
    seconds: dict[str, list[float]] = {"without": [], "with": []}
    cpu: dict[str, list[float]] = {"without": [], "with": []}
    for _ in range(rounds):
        for label in ("without", "with"):
            pipeline.Segments.beside = keep if label == "with" else (lambda store: None)  # type: ignore[method-assign]  # segments off for the comparison
            with tempfile.TemporaryDirectory(prefix="storygraph-bench-") as tmp:
                store = OxigraphStore(Path(tmp) / "db")
                began, used = time.perf_counter(), _cpu()
                Importer(store, BASE).run([SourceInput("corpus.jsonl", data)])
                seconds[label].append(time.perf_counter() - began)
                cpu[label].append(_cpu() - used)
                store.close()
    pipeline.Segments.beside = keep  # type: ignore[method-assign]  # segments back on
    for label, runs in seconds.items():
        best = min(runs)
        print(f"import of {stories:,} stories {label} the export segments: best of {rounds} {best:.1f} s "
              f"({stories / best:,.0f} stories/s); all: {', '.join(f'{r:.1f}' for r in runs)} s; CPU (with the "
              f"extraction workers): {', '.join(f'{c:.1f}' for c in cpu[label])} s")


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the extraction workers)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--synthetic", action="store_true", help="a bulk-loaded synthetic store instead of an import")
    parser.add_argument("--import-cost", type=int, metavar="ROUNDS",
                        help="instead: time fresh imports with and without the segments, interleaved, ROUNDS each")
    parser.add_argument("--memory", action="store_true", help="in-memory store instead of RocksDB on disk (--synthetic)")
    parser.add_argument("--formats", default="nt,nq,ttl,trig,jsonld,xml", help="formats to time (--synthetic)")
    parser.add_argument("--methods", action="store_true", help="also time the alternative N-Triples paths (--synthetic)")
    args = parser.parse_args()
    if args.import_cost:
        import_cost(args.stories, args.import_cost)
        return
    if not args.synthetic:
        after_import(args.stories)
        return
    from graph import export

    with tempfile.TemporaryDirectory() as tmp:
        store = OxigraphStore(None if args.memory else os.path.join(tmp, "db"))
        data = synthetic_nquads(args.stories)
        store._store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        store._store.flush()
        quads = store.quad_count()
        print(f"{args.stories} stories, {quads} quads, {'memory' if args.memory else 'on disk (RocksDB)'}")
        if args.methods:
            raw = store._store
            construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
            _time("nt: CONSTRUCT union graph", quads, lambda out: cast(ox.QueryTriples, raw.query(construct))
                  .serialize(out, format=ox.RdfFormat.N_TRIPLES))  # a CONSTRUCT answers triples
            _time("nq: store.dump (baseline)", quads, lambda out: raw.dump(out, ox.RdfFormat.N_QUADS))
        for name in args.formats.split(","):
            _time(f"{name}: graph.export.write_export", quads, lambda out, name=name: export.write_export(store, name, out))
        _time("nt: graph.export.iter_export (streamed)", quads,
              lambda out: [out.write(chunk) for chunk in export.iter_export(store, "nt")])
        store.close()


if __name__ == "__main__":
    main()
