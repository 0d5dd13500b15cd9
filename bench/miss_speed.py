"""Each explorer query's cache miss in-process, one thread: the worker's whole job (parse/validate from the
cache, cost, execute, serialize), p50 over distinct variable values, with no HTTP in the way. The CPU
columns are the thread's own CPU time, which other processes on a shared machine do not inflate; p99 CPU
shows which queries have slow requests of their own (a never-asked search prefix), and the collector
columns how much of a miss goes to Python's cyclic garbage collector (the long-lived heap frozen first, as
a serving process does: server/collector.py) and its longest pause.

    python -m bench.miss_speed --db /tmp/sg20k [--count 300] [--profile OUT.prof]
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import statistics
import time
from pathlib import Path

from bench.http_speed import BASE, QUERIES
from graph.network import pairs
from graph.read import GraphReader
from graph.records import EntityKind
from graph.store.oxigraph import OxigraphStore
from server.graphql_http import JSON, GraphQLApp, _Run
from server.settings import Settings


def _variables(kind: str | None, i: int, orgs: list[str], names: list[str]) -> dict[str, object]:
    if kind is None:
        return {"page": i}
    if kind == "org":
        return {"iri": orgs[i % len(orgs)]}
    if kind == "pair":
        return {"iri": orgs[i % len(orgs)], "to": orgs[(i + 1) % len(orgs)]}
    name = names[i % len(names)]
    return {"q": name[: max(3, len(name) // 2)]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, metavar="DIR", help="an Oxigraph store (read only)")
    parser.add_argument("--count", type=int, default=300, help="distinct misses per query (default 300)")
    parser.add_argument("--profile", metavar="OUT", help="write a cProfile of the timed misses to OUT")
    args = parser.parse_args()
    store = OxigraphStore(Path(args.db), read_only=True)
    reader = GraphReader(store, BASE)
    app = GraphQLApp(reader, Settings(store_url="memory:", base=BASE))
    orgs = reader.entity_page(EntityKind.ORGANIZATION, 0, 500)
    names = [row.name for row in reader.entities(reader.entity_page(EntityKind.PERSON, 0, 500)).values()] or ["ilo"]
    version = reader.cached_version(0)
    profile = cProfile.Profile() if args.profile else None

    def answer(query: str, variables: dict[str, object]) -> bytes:
        context = dict(reader=reader, request=None, network_view=app.network, search_index=app.search,
                       import_token=None, authorization=None, on_import=None, text_limits=app.text_limits,
                       deadline=time.monotonic() + 30, _version=version)
        run = _Run(deadline=time.monotonic() + 30)
        return app._answer_in_worker(run, "POST", JSON, query, variables, None, context).body

    gc.collect()
    gc.freeze()  # what a serving process does once its views are loaded (server/collector.py)
    pauses: list[float] = []
    began = [0.0]

    def collector(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began[0] = time.perf_counter()
        else:
            pauses.append(time.perf_counter() - began[0])
    gc.callbacks.append(collector)
    print("| query | p50 ms | p50 CPU ms | p99 CPU ms | mean ms | collector ms a miss | longest collection ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    queries = [(label, query, kind, False) for label, (query, kind) in QUERIES.items()]
    queries.append(("search prefix, never asked before", *QUERIES["search prefix"], True))
    for label, query, kind, forget in queries:
        for i in range(20):  # warm: views loaded, document parsed and validated
            answer(query, _variables(kind, i, orgs, names))
        pairs.settle(app.network.current(version))  # and what a server derives from them in the background
        times, cpu = [], []
        pauses.clear()
        for i in range(args.count):
            variables = _variables(kind, i + 20, orgs, names)
            if forget:
                app.search._answers.clear()  # ranked from SQLite every time, as a prefix nobody typed yet
            if profile:
                profile.enable()
            started, started_cpu = time.perf_counter(), time.thread_time()
            answer(query, variables)
            times.append(time.perf_counter() - started)
            cpu.append(time.thread_time() - started_cpu)
            if profile:
                profile.disable()
        p99 = sorted(cpu)[min(len(cpu) - 1, int(len(cpu) * 0.99))]
        print(f"| {label} | {statistics.median(times) * 1000:.2f} | {statistics.median(cpu) * 1000:.2f} "
              f"| {p99 * 1000:.2f} | {statistics.fmean(times) * 1000:.2f} | {sum(pauses) * 1000 / len(times):.3f} "
              f"| {max(pauses, default=0) * 1000:.2f} |")
    gc.callbacks.remove(collector)
    if profile:
        profile.dump_stats(args.profile)
    app.close()
    store.close()


if __name__ == "__main__":
    main()
