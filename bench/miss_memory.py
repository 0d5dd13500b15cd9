"""Whether a server's memory stays bounded under distinct cache misses: its RSS after 1k and after 10k.

    python -m bench.miss_memory --db DIR                 # a store imported by bench.http_speed or the CLI
    python -m bench.miss_memory --db DIR --fill 70000 --cache-bytes 1048576   # fill every cache first (bench.run)

Every request is a different query text (a nonce in the operation name's place), so each one misses
the response cache and every cache keyed by query text; wrk sends them (8 connections) to a real
`storygraph serve --workers 1`, and the server's resident set size is read from /proc after the first
tenth of `--misses` and after all of them.

Those caches are bounded in bytes, so RSS rises while they fill and then holds: with this query's
135-character texts the texts checked against the limits and the validation results (8 MiB each,
counted by text length) hold about 60,000 texts, the parsed documents (32 MiB by estimate) about
1,500, and the response cache (64 MiB by default) about 100,000 of these answers (~650 bytes), so
`bench.run` gives it 1 MiB (`--cache-bytes`, STORYGRAPH_GRAPHQL_CACHE_BYTES) and `--fill 70000`:
N distinct misses before the first reading, so the two readings compare a server whose caches are
full, the bound and not the filling.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.http_speed import _free_port, _server
from bench.summary import record
from graph.read import GraphReader
from graph.records import EntityKind
from graph.store.oxigraph import OxigraphStore

BASE = "http://127.0.0.1:8000/"
QUERY = "query Q{n}($iri: String!) {{ entity(iri: $iri) {{ ... on Organization {{ name related(first: 10) {{ edges {{ weight node {{ name }} }} }} }} }} }}"
CONNECTIONS = 8


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc")


def _misses(url: str, orgs: list[str], first: int, count: int, scratch: Path) -> None:
    """Send `count` distinct queries, numbered from `first`, with wrk; an error unless every one was a 200 miss."""
    prefix, middle, suffix = re.split("@@N@@|@@IRI@@", json.dumps(
        {"query": QUERY.format(n="@@N@@"), "variables": {"iri": "@@IRI@@"}}))
    script = scratch / "misses.lua"
    script.write_text(f"""
local orgs = {{ {", ".join(json.dumps(o) for o in orgs)} }}
local sent, answered, bad = {first}, 0, 0
request = function()
  sent = sent + 1
  return wrk.format("POST", nil, {{["Content-Type"] = "application/json"}},
    {json.dumps(prefix)} .. sent .. {json.dumps(middle)} .. orgs[sent % #orgs + 1] .. {json.dumps(suffix)})
end
response = function(status, headers, body)
  answered = answered + 1
  if status ~= 200 or headers["X-Cache"] == "hit" or headers["x-cache"] == "hit" then bad = bad + 1 end
  if answered >= {count} then
    io.write("answered " .. answered .. " bad " .. bad .. "\\n")
    io.flush()
    wrk.thread:stop()
  end
end
""")
    # One wrk thread, so the count is this script's. wrk runs for its whole -d (a guard here) even once its
    # thread stopped, so it is interrupted (its report on SIGINT) as soon as the script says it is done.
    wrk = subprocess.Popen(["wrk", "-t", "1", "-c", str(CONNECTIONS), "-d", "1800s", "-s", str(script), url],
                           stdout=subprocess.PIPE, text=True)
    assert wrk.stdout is not None
    out = ""
    for line in wrk.stdout:
        out += line
        if line.startswith("answered "):
            wrk.send_signal(signal.SIGINT)
            break
    out += wrk.communicate()[0]
    found = re.search(r"answered (\d+) bad (\d+)", out)
    if found is None or int(found[1]) < count:
        raise RuntimeError(f"wrk stopped before {count} answers:\n{out[-2000:]}")
    if int(found[2]):
        raise RuntimeError(f"{found[2]} of {found[1]} answers were not 200 misses")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, metavar="DIR")
    parser.add_argument("--misses", type=int, default=10_000)
    parser.add_argument("--fill", type=int, default=0, help="distinct misses before the first reading (default 0)")
    parser.add_argument("--cache-bytes", type=int, help="the server's response cache size in bytes")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    if args.cache_bytes:
        os.environ["STORYGRAPH_GRAPHQL_CACHE_BYTES"] = str(args.cache_bytes)
    store = OxigraphStore(Path(args.db), read_only=True)
    orgs = GraphReader(store, BASE).entity_page(EntityKind.ORGANIZATION, 0, 200)
    store.close()
    if not orgs:
        sys.exit(f"no organizations in {args.db}: import stories first")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/graphql"
    figures: list[tuple[int, float]] = []
    # One process (--workers 1): the bound under test is one process's caches.
    with _server([sys.executable, "-m", "server", "serve", "--db", args.db, "--port", str(port), "--workers", "1"],
                 f"http://127.0.0.1:{port}/healthz") as process, tempfile.TemporaryDirectory() as tmp:
        sent = done = 0
        for count in (args.fill, args.misses // 10, args.misses - args.misses // 10):
            if count:
                _misses(url, orgs, sent, count, Path(tmp))
                sent += count + 10 * CONNECTIONS  # past any request still in flight when wrk stopped
                done += count
            figures.append((done, _rss_mib(process.pid)))
    print(f"python -m bench.miss_memory --db DIR --misses {args.misses} --fill {args.fill}"
          + (f" --cache-bytes {args.cache_bytes}" if args.cache_bytes else ""))
    print("| distinct misses | after the fill | server RSS MiB |\n|---:|---:|---:|")
    for count, rss in figures:
        print(f"| {count:,} | {max(count - args.fill, 0):,} | {rss:.1f} |")
    record(fill=args.fill, first_misses=args.misses // 10, last_misses=args.misses, fill_rss_mib=figures[0][1],
           first_rss_mib=figures[1][1], last_rss_mib=figures[2][1],
           how=f" after {args.fill:,} to fill the caches" if args.fill else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
