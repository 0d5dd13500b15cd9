"""Start-up of `storygraph serve --workers N`: seconds from the command to the first answers.

    python -m bench.startup --db DIR                       # 2 workers, 5 runs, on a copy of DIR each time
    python -m bench.startup --db DIR --workers 1 2 --runs 3

Starts the real server on a copy of the store (its snapshots and kept files stay out of DIR), then polls
from the moment it was started: the first 200 on /healthz, the first 200 on a GraphQL stories query,
and the moment every reader (told apart by X-Storygraph-Worker) has answered that query. Prints each
run and the medians. Not part of `make test`.
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.summary import record

QUERY = {"query": "{ stories(first: 3) { totalCount edges { node { title } } } }"}
WORKER = "x-storygraph-worker"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _copy_store(db: Path, into: Path) -> Path:
    """The store and the files kept beside it (views, segments), copied; what the server will open."""
    target = into / db.name
    shutil.copytree(db, target, ignore=shutil.ignore_patterns(".snapshots"))
    for kept in db.parent.glob(db.name + ".*"):
        (shutil.copytree if kept.is_dir() else shutil.copy2)(kept, into / kept.name)
    return target


def one_run(db: Path, workers: int, timeout: float = 60.0) -> tuple[float, float, float]:
    """(first /healthz 200, first GraphQL 200, every worker's first GraphQL 200), seconds after the start."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    server = subprocess.Popen([sys.executable, "-m", "server", "serve", "--db", str(db), "--port", str(port),
                               "--workers", str(workers)], stdout=subprocess.DEVNULL, env=os.environ.copy())
    healthz = graphql = everyone = None
    seen: set[str] = set()
    try:
        with httpx.Client(base_url=url, timeout=10) as client:
            while everyone is None and time.monotonic() - started < timeout:
                try:
                    if healthz is None:
                        if client.get("/healthz").status_code == 200:
                            healthz = time.monotonic() - started
                        continue
                    # A new connection each time, so the kernel may hand it to any reader.
                    reply = httpx.post(url + "/graphql", json=QUERY, timeout=10)
                    if reply.status_code == 200 and "errors" not in reply.json():
                        graphql = graphql if graphql is not None else time.monotonic() - started
                        seen.add(reply.headers.get(WORKER, "?"))
                        if len(seen) >= workers:
                            everyone = time.monotonic() - started
                except httpx.HTTPError:
                    time.sleep(0.02)  # not listening yet
    finally:
        server.terminate()
        server.wait(timeout=30)
    if healthz is None or graphql is None or everyone is None:
        raise SystemExit(f"the server did not answer within {timeout:g} s")
    return healthz, graphql, everyone


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="an on-disk store (copied for each run)")
    parser.add_argument("--workers", type=int, nargs="+", default=[2])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for workers in args.workers:
        rows = []
        for run in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="storygraph-startup-") as scratch:
                db = _copy_store(Path(args.db), Path(scratch))
                rows.append(one_run(db, workers))
            print(f"--workers {workers} run {run + 1}: /healthz {rows[-1][0]:.2f} s, GraphQL {rows[-1][1]:.2f} s, "
                  f"every worker {rows[-1][2]:.2f} s (load average {os.getloadavg()[0]:.1f})", flush=True)
        medians = [statistics.median(r[i] for r in rows) for i in range(3)]
        print(f"--workers {workers} median of {args.runs}: /healthz {medians[0]:.2f} s, GraphQL {medians[1]:.2f} s, "
              f"every worker {medians[2]:.2f} s")
        record(**{f"workers_{workers}_{name}": value for name, value in zip(("healthz", "graphql", "every"), medians)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
