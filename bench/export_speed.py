"""Export speed: N-Triples (and the other formats) from an on-disk or in-memory store, by method.

    .venv/bin/python -m bench.export_speed --stories 100000 [--memory] [--formats nt,nq,ttl]

Builds a synthetic store shaped like an import (one graph per story, ~30 quads each, a shared
entities graph) in a temporary directory, then times each export path into /dev/null.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time

from typing import cast

import pyoxigraph as ox

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
    """A sink that counts bytes."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass


def _time(label: str, quads: int, run) -> None:
    sink = _Null()
    started = time.perf_counter()
    run(sink)
    seconds = time.perf_counter() - started
    print(f"{label:<42} {seconds:7.2f} s  {quads / seconds / 1e6:6.2f} M quads/s  {sink.size / seconds / 1e6:7.1f} MB/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=100_000)
    parser.add_argument("--memory", action="store_true", help="in-memory store instead of RocksDB on disk")
    parser.add_argument("--formats", default="nt,nq,ttl,trig,jsonld,xml")
    parser.add_argument("--methods", action="store_true", help="also time the alternative N-Triples paths")
    args = parser.parse_args()
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
