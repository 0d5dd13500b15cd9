"""Whether a server's memory stays bounded under distinct cache misses: its RSS after 1k and after 10k.

    python -m bench.miss_memory --db DIR            # a store imported by bench.http_speed or the CLI
    python -m bench.miss_memory --db DIR --misses 10000

Every request is a different query text (a nonce in the operation name's place), so each one misses
the response cache and the parse/validation caches; the server's resident set size is read from
/proc after the first tenth of the requests and after all of them. Bounded caches show two equal figures
once they are full: `--cache-bytes` sets the response cache's size (STORYGRAPH_GRAPHQL_CACHE_BYTES, 64 MiB
by default, which 10k small answers do not fill).
"""
from __future__ import annotations

import argparse
import concurrent.futures
import os
import sys
from pathlib import Path

import httpx

from bench.http_speed import _free_port, _server
from graph.read import GraphReader
from graph.records import EntityKind
from graph.store.oxigraph import OxigraphStore

BASE = "http://127.0.0.1:8000/"
QUERY = "query Q{n}($iri: String!) {{ entity(iri: $iri) {{ ... on Organization {{ name related(first: 10) {{ edges {{ weight node {{ name }} }} }} }} }} }}"


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, metavar="DIR")
    parser.add_argument("--misses", type=int, default=10_000)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--cache-bytes", type=int, help="the server's response cache size in bytes")
    args = parser.parse_args()
    if args.cache_bytes:
        os.environ["STORYGRAPH_GRAPHQL_CACHE_BYTES"] = str(args.cache_bytes)
    store = OxigraphStore(Path(args.db), read_only=True)
    orgs = GraphReader(store, BASE).entity_page(EntityKind.ORGANIZATION, 0, 200)
    store.close()
    if not orgs:
        sys.exit(f"no organizations in {args.db}: import stories first")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/graphql"
    # One process (--workers 1): the bound under test is one process's caches.
    with _server([sys.executable, "-m", "server", "serve", "--db", args.db, "--port", str(port), "--workers", "1"],
                 f"http://127.0.0.1:{port}/healthz") as process, httpx.Client(timeout=60) as client:
        def ask(n: int) -> None:
            body = {"query": QUERY.format(n=n), "variables": {"iri": orgs[n % len(orgs)]}}
            answer = client.post(url, json=body)
            assert answer.status_code == 200 and answer.headers.get("x-cache") != "hit", answer.text[:300]

        figures = []
        with concurrent.futures.ThreadPoolExecutor(args.threads) as pool:
            for start, end in ((0, args.misses // 10), (args.misses // 10, args.misses)):
                list(pool.map(ask, range(start, end)))
                figures.append((end, _rss_mib(process.pid)))
    print(f"python -m bench.miss_memory --db DIR --misses {args.misses}"
          + (f" --cache-bytes {args.cache_bytes}" if args.cache_bytes else ""))
    print("| distinct misses | server RSS MiB |\n|---:|---:|")
    for count, rss in figures:
        print(f"| {count:,} | {rss:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
