"""Explorer queries over real HTTP with a real load generator, side by side with what a user would pick instead.

    python -m bench.http_speed --stories 20000 --db /tmp/sg20k            # imports once, reuses the store after
    python -m bench.http_speed --db /tmp/sg100k --stories 100000 --seconds 20 --workers 1 2
    python -m bench.http_speed --db /tmp/sg20k --workers 2 --against /tmp/base --misses-only   # before/after a change
    python -m bench.http_speed --db /tmp/sg20k --workers 2 --against /tmp/base --against-db /tmp/sg20k-base

Starts `storygraph serve` (a separate process, as deployed) on 127.0.0.1 once per `--workers` count (by
default 1 and 2, side by side: each on its own copy of the store, all running at once, measured in
turns) and drives it with Debian's `wrk` at 32 connections: each explorer query once with the response
cache hit (one request body repeated) and once missed (every request carries a distinct unused
variable, so no two share a cache key). In the same
run, interleaved, it measures the ceiling of one Strawberry process (`{ hello }` on uvicorn) and
`oxigraph serve-read-only` over a backup of the same store answering "entity + related" in SPARQL, the
question a user without storygraph would ask it. Every server is stopped by this script. The machine is
shared: read the ratios in the last column, not only the absolute figures. `--against DIR` also serves
another checkout of storygraph (e.g. `git archive <commit> | tar -x -C DIR`) with the same worker counts,
side by side on its own copy of the store, so a change is measured against what it replaced in one run.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

from bench import generate
from bench.summary import record
from graph.pipeline import Importer, SourceInput
from graph.read import GraphReader
from graph.records import EntityKind
from graph.store.oxigraph import OxigraphStore

BASE = "http://127.0.0.1:8000/"
QUERIES = {
    "stories page": ("{ stories(first: 20) { totalCount edges { node { title date people { name } themes { name } } } } }", None),
    "entity + related": ("""query($iri: String!) { entity(iri: $iri) { ... on Entity { name
        ... on Organization { related(first: 10) { edges { weight node { name } } } } } } }""", "org"),
    "neighbourhood": ("""query($iri: String!) { neighbourhood(iri: $iri, depth: 2, limit: 50) {
        nodes { __typename ... on Entity { name } } edges { source target weight } } }""", "org"),
    "expandPreview": ("query($iri: String!) { expandPreview(iri: $iri) { stories neighbours byType { type count } } }", "org"),
    "search prefix": ("query($q: String!) { search(query: $q, first: 10) { score node { __typename } } }", "prefix"),
    "paths": ("query($iri: String!, $to: String!) { paths(from: $iri, to: $to, maxHops: 4) { length } }", "pair"),
}
# What a SPARQL user asks for "entity + related": the entities sharing most stories with one organization.
RELATED_SPARQL = """SELECT ?other (COUNT(DISTINCT ?s) AS ?weight) WHERE {{
  GRAPH ?s {{ ?s <https://schema.org/mentions> <{iri}> , ?other }} FILTER(?other != <{iri}>) }}
GROUP BY ?other ORDER BY DESC(?weight) LIMIT 10"""
HELLO_APP = """
import strawberry, uvicorn
from strawberry.asgi import GraphQL
@strawberry.type
class Query:
    @strawberry.field
    def hello(self) -> str:
        return "world"
uvicorn.run(GraphQL(strawberry.Schema(Query)), host="127.0.0.1", port={port}, log_level="warning")
"""


def _oxigraph() -> str:
    """The oxigraph CLI of this environment (pip install oxigraph), else one on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if found is None:
        sys.exit("the oxigraph CLI is not installed: pip install oxigraph (make dev installs it)")
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _found(pattern: str, out: str) -> tuple[str, ...]:
    """The groups of `pattern` in wrk's report; an error naming it when wrk did not print it."""
    match = re.search(pattern, out)
    if match is None:
        raise RuntimeError(f"wrk's report has no {pattern!r}:\n{out[-2000:]}")
    return match.groups()


@contextlib.contextmanager
def _server(command: list[str], ready_url: str, env: dict[str, str] | None = None,
            cwd: str | None = None) -> Iterator[subprocess.Popen]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env={**os.environ, **(env or {})}, cwd=cwd)
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                stderr = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"{command[0]} exited: {stderr[-2000:]}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(ready_url, timeout=2).status_code < 500:
                    break
            if time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} did not answer {ready_url} within 120 s")
            time.sleep(0.2)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wrk(url: str, bodies: list[str], *, unique: bool, seconds: int, connections: int, scratch: Path,
         content_type: str = "application/json") -> tuple[float, float, float]:
    """(requests/s, p50 ms, p99 ms) of POSTing the bodies round-robin; `unique` appends a distinct nonce variable."""
    script = scratch / "bodies.lua"
    lua_bodies = ",\n".join(json.dumps(b) for b in bodies)
    nonce = ('local body = bodies[i % #bodies + 1]\n'
             '  if unique then body = body:sub(1, -3) .. \',"nonce":\' .. (id * 100000000 + i) .. "}}" end') \
        if unique else "local body = bodies[i % #bodies + 1]"
    script.write_text(f"""
local bodies = {{ {lua_bodies} }}
local unique = {str(unique).lower()}
local i = 0
local counter = 0
-- `id` is a global each thread gets from setup, so two threads never send the same nonce.
setup = function(thread) counter = counter + 1; thread:set("id", counter) end
request = function()
  i = i + 1
  {nonce}
  return wrk.format("POST", nil, {{["Content-Type"] = "{content_type}", ["Accept"] = "application/json"}}, body)
end
""")
    threads = min(connections, os.cpu_count() or 2)
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency",
                          "-s", str(script), url], capture_output=True, text=True, check=True).stdout
    rate = float(_found(r"Requests/sec:\s+([\d.]+)", out)[0])
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{errors.group(1)} error responses from {url}; first body: {bodies[0][:200]}")

    def percentile(p: str) -> float:
        value, unit = _found(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    return rate, percentile("50"), percentile("99")


def _copy_store(path: Path, directory: Path) -> Path:
    """A copy of the (closed) store at `path` under `directory`, with the views kept beside it."""
    directory.mkdir(parents=True)
    copy = directory / path.name
    subprocess.run([_oxigraph(), "backup", "--location", str(path), "--destination", str(copy)], check=True)
    for kept in path.parent.glob(f"{path.name}.*"):
        if kept.is_file():
            shutil.copy2(kept, directory / kept.name)
    return copy


def _warm(url: str, body: str, workers: int) -> None:
    """Send the query on fresh connections until every worker has answered it (its views are loaded); a 503
    with Retry-After (a view or index still being built or loaded at start-up) is waited out, not counted."""
    seen: set[str] = set()
    answered, deadline = 0, time.monotonic() + 600
    while answered < 200 and time.monotonic() < deadline:
        answer = httpx.post(url, content=body, headers={"content-type": "application/json"}, timeout=120)
        if answer.status_code == 503 and "retry-after" in answer.headers:
            time.sleep(float(answer.headers["retry-after"]))
            continue
        answered += 1
        seen.add(answer.headers.get("x-storygraph-worker", ""))
        if len(seen) >= workers:
            return


def _bodies(kind: str | None, query: str, orgs: list[str], names: list[str]) -> list[str]:
    if kind is None:
        return [json.dumps({"query": query, "variables": {"page": 0}})]  # non-empty, so a nonce can join
    if kind == "org":
        return [json.dumps({"query": query, "variables": {"iri": iri}}) for iri in orgs]
    if kind == "pair":
        return [json.dumps({"query": query, "variables": {"iri": a, "to": b}}) for a, b in zip(orgs, orgs[1:] + orgs[:1])]
    return [json.dumps({"query": query, "variables": {"q": name[: max(3, len(name) // 2)]}}) for name in names]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=20_000, help="stories to generate when the store is empty")
    parser.add_argument("--db", metavar="DIR", help="an Oxigraph store to reuse (imported into once when empty)")
    parser.add_argument("--seconds", type=int, default=10, help="seconds per measurement (default 10)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], metavar="N",
                        help="storygraph serve --workers counts to compare side by side (default: 1 2)")
    parser.add_argument("--uvloop-path", metavar="DIR",
                        help="also serve with the most workers and uvicorn's uvloop + httptools, importable from DIR "
                             "(pip install --target DIR uvloop httptools), to see whether they are worth a dependency")
    parser.add_argument("--against", metavar="DIR",
                        help="also serve the checkout of storygraph in DIR (same worker counts), labelled 'before'")
    parser.add_argument("--against-db", metavar="DIR",
                        help="the store the --against checkout serves (default: --db), e.g. the same stories with "
                             "the derived views that checkout built, when their layout differs")
    parser.add_argument("--misses-only", action="store_true", help="measure cache misses only")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    with tempfile.TemporaryDirectory(prefix="storygraph-http-") as tmp:
        scratch = Path(tmp)
        path = Path(args.db) if args.db else scratch / "store"
        store = OxigraphStore(path)
        reader = GraphReader(store, BASE)
        if reader.story_count() == 0:
            started = time.perf_counter()
            Importer(store, BASE).run([SourceInput("bench.jsonl", generate.corpus(args.stories).encode())])
            print(f"imported {reader.story_count():,} stories in {time.perf_counter() - started:.1f} s")
        stories = reader.story_count()
        orgs = reader.entity_page(EntityKind.ORGANIZATION, 0, 500)
        names = [row.name for row in reader.entities(reader.entity_page(EntityKind.PERSON, 0, 500)).values()] or ["ilo"]
        store.close()
        copy = scratch / "oxigraph-copy"
        subprocess.run([_oxigraph(), "backup", "--location", str(path), "--destination", str(copy)], check=True)

        rows: list[tuple[str, str, float, float, float]] = []
        # (label, --workers, extra environment, checkout): one server each, all running at once, measured in turns.
        here = str(Path(__file__).resolve().parent.parent)
        variants: list[tuple[str, int, dict[str, str], str]] = []
        for checkout, prefix in ([(args.against, "before, ")] if args.against else []) + [(here, "")]:
            env = {"PYTHONPATH": str(Path(checkout).resolve())} if checkout != here else {}
            variants += [(f"{prefix}{w} worker{'s' if w > 1 else ''}", w, env, checkout) for w in args.workers]
        if args.uvloop_path:
            fast = max(args.workers)
            variants.append((f"{fast} workers, uvloop+httptools", fast, {"PYTHONPATH": args.uvloop_path}, here))
        measured: dict[tuple[str, str], dict[str, tuple[float, float, float]]] = {}
        with contextlib.ExitStack() as servers:
            urls: dict[str, tuple[str, int]] = {}
            served: set[Path] = set()
            for i, (label, workers, env, checkout) in enumerate(variants):
                # Each server gets its own copy (one process may open a store read-write), views included;
                # the --against checkout one of --against-db when given (its views in its own layout).
                source = Path(args.against_db) if args.against_db and checkout == args.against else path
                location = source if source not in served else _copy_store(source, scratch / f"variant-{i}")
                served.add(source)
                port = _free_port()
                serve = [sys.executable, "-m", "server", "serve", "--db", str(location.resolve()), "--port", str(port),
                         "--workers", str(workers)]
                # Room for every connection in each process: a 503 (load shed) is not a measurement.
                servers.enter_context(_server(serve, f"http://127.0.0.1:{port}/healthz",
                                              {"STORYGRAPH_GRAPHQL_BACKLOG": str(2 * args.connections), **env},
                                              cwd=checkout))
                urls[label] = (f"http://127.0.0.1:{port}/graphql", workers)
            for name, (query, kind) in QUERIES.items():
                bodies = _bodies(kind, query, orgs, names)
                for url, workers in urls.values():
                    _warm(url, bodies[0], workers)
                for cache, unique, sample in (("hit", False, bodies[:1]), ("miss", True, bodies))[args.misses_only:]:
                    for label, (url, _) in urls.items():
                        figures = _wrk(url, sample, unique=unique, seconds=args.seconds,
                                       connections=args.connections, scratch=scratch)
                        measured.setdefault((name, cache), {})[label] = figures
                        rows.append((f"{name} ({label})", cache, *figures))
        hello_port = _free_port()
        with _server([sys.executable, "-c", HELLO_APP.format(port=hello_port)], f"http://127.0.0.1:{hello_port}/"):
            rows.append(("Strawberry { hello } (one process)", "—", *_wrk(
                f"http://127.0.0.1:{hello_port}/", [json.dumps({"query": "{ hello }"})], unique=False,
                seconds=args.seconds, connections=args.connections, scratch=scratch)))
        ox_port = _free_port()
        with _server([_oxigraph(), "serve-read-only", "--location", str(copy), "--bind", f"127.0.0.1:{ox_port}",
                      "--union-default-graph"], f"http://127.0.0.1:{ox_port}/"):
            sparql = [RELATED_SPARQL.format(iri=iri) for iri in orgs]
            rows.append(("oxigraph serve: entity + related in SPARQL", "—", *_wrk(
                f"http://127.0.0.1:{ox_port}/query", sparql, unique=False, seconds=args.seconds,
                connections=args.connections, scratch=scratch, content_type="application/sparql-query")))

    hello = next(r[2] for r in rows if r[0].startswith("Strawberry"))
    most = max(args.workers)  # bench.run's table: this checkout with the most workers
    record(stories=stories, connections=args.connections, workers=most, hello=hello,
           oxigraph=next(r[2] for r in rows if r[0].startswith("oxigraph")),
           **{f"{cache}:{name}:{i}": by_label[label][j] for (name, cache), by_label in measured.items()
              for label in by_label if label == f"{most} worker{'s' if most > 1 else ''}"
              for j, i in enumerate(("req_s", "p50_ms", "p99_ms"))})
    print(f"\n{stories:,} stories, wrk {args.connections} connections, {args.seconds} s each\n")
    print("| query | cache | req/s | p50 ms | p99 ms | × Strawberry { hello } |")
    print("|---|---|---:|---:|---:|---:|")
    for name, cache, rate, p50, p99 in rows:
        print(f"| {name} | {cache} | {rate:,.0f} | {p50:.1f} | {p99:.1f} | {rate / hello:.2f} |")
    if len(variants) > 1:
        labels = [label for label, *_ in variants]
        # Each label against the first, or with --against each of this checkout's against its own "before".
        pairs = [(f"before, {label}", label) for label in labels if f"before, {label}" in labels] \
            or [(labels[0], label) for label in labels[1:]]
        print("\n| query | cache | " + " | ".join(f"req/s, {label}" for label in labels) + " | "
              + " | ".join(f"× {label} vs {base}" for base, label in pairs) + " | "
              + " | ".join(f"p99 ms, {label}" for label in labels) + " |")
        print("|---|---|" + "---:|" * (2 * len(labels) + len(pairs)))
        for (name, cache), by_label in measured.items():
            rates = " | ".join(f"{by_label[label][0]:,.0f}" for label in labels)
            ratios = " | ".join(f"{by_label[label][0] / by_label[base][0]:.2f}" for base, label in pairs)
            p99s = " | ".join(f"{by_label[label][2]:.1f}" for label in labels)
            print(f"| {name} | {cache} | {rates} | {ratios} | {p99s} |")


if __name__ == "__main__":
    main()
