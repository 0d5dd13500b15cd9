"""Soak: many connections against a real `storygraph serve` for minutes, mixing reads, imports and exports.

    python -m bench.soak                                   # 20,000 stories, 32 connections, 10 minutes
    python -m bench.soak --stories 5000 --minutes 3        # a quicker run

Generates and imports a corpus into a scratch store (or uses --db), starts the server as its own
process with an import token, then runs `--connections` clients until the time is up. Each client
loops over a weighted mix: GraphQL pages and searches, SPARQL selects, hostile SPARQL (must be
refused with a 4xx), /healthz, exports read to the end or abandoned after 1 MB, and small imports
through the importDocument mutation. The resident memory of every server process (writer, readers, SPARQL workers) is
sampled every 10 s. It prints every outcome counted, the RSS series and a verdict: 0 errors and RSS
in the last third within 10% of the first third (after the first minute). A 503 with Retry-After
(every SPARQL slot or GraphQL worker taken) is counted apart as shed load, not as an error.
`--only` runs part of the mix, to find which part grows memory. Not part of `make test`.
"""
from __future__ import annotations

import argparse
import collections
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from bench import generate

TOKEN = "soak-token"
STORIES_PAGE = "query($n: Int!) { stories(first: $n) { totalCount edges { node { title date } } } }"
SEARCH = 'query($q: String!) { search(query: $q) { node { ... on Story { title } } } }'
# No ORDER BY: sorting every headline costs ~0.7 s a query at 5,000 stories on a busy 2-core machine.
SPARQL = ("SELECT ?s ?t WHERE { ?s a <https://schema.org/NewsArticle> ; <https://schema.org/headline> ?t } "
          "OFFSET %d LIMIT 20")
HOSTILE = ["ASK { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
           "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
           "ASK { FILTER(" + "+".join(["1"] * 10_000) + ") }", "DROP ALL"]
WORDS = ("labour", "child", "Geneva", "ILO", "workers", "employment", "social", "garment", "youth", "rights")


def _rss_of(pid: int) -> int:
    """Resident MB of one process (0 once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS"))) // 1024


def _role(pid: int) -> str:
    """What a process of the server is, from its command line: reader, sparql (a SPARQL worker) or other."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "other"
    return "reader" if b"server.reader" in argv else "sparql" if b"server.sparql_worker" in argv else "other"


def _rss_by_process(pid: int) -> dict[str, int]:
    """Resident MB of the server (the writer with `serve --workers N`) and of each of its descendants, by role.

    Keys: "writer", "reader <pid>" for each reader worker, "sparql" for the SPARQL worker processes of
    every server process together (they are restarted, so they are summed rather than followed).
    """
    sizes = {"writer": _rss_of(pid), "sparql": 0}
    pending = _children(pid)
    while pending:
        child = pending.pop()
        role = _role(child)
        if role == "reader":
            sizes[f"reader {child}"] = _rss_of(child)
        else:
            sizes["sparql"] += _rss_of(child)
        pending += _children(child)
    return sizes


def _children(pid: int) -> list[int]:
    """Child processes of `pid`, whichever of its threads started them (/proc lists them per thread)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client(threading.Thread):
    """One connection's loop of mixed requests; counts outcomes by (action, verdict)."""

    MIX = (("graphql", 30), ("search", 10), ("sparql", 20), ("hostile", 8), ("healthz", 12), ("export-abort", 8),
           ("export-full", 2), ("import-doc", 10))

    def __init__(self, url: str, deadline: float, counts: collections.Counter, errors: list[str], seed: int,
                 only: set[str] | None = None) -> None:
        super().__init__(daemon=True)
        self.mix = [(a, w) for a, w in self.MIX if not only or a in only]
        self.url, self.deadline, self.counts, self.errors = url, deadline, counts, errors
        self.rng = random.Random(seed)
        self.seed = seed
        self.imported = 0

    def run(self) -> None:
        actions, weights = zip(*self.mix)
        with httpx.Client(base_url=self.url, timeout=120) as client:
            while time.monotonic() < self.deadline:
                action = self.rng.choices(actions, weights)[0]
                try:
                    verdict = getattr(self, action.replace("-", "_"))(client)
                except Exception as exc:  # a dropped connection or a timeout is an error of the soak
                    verdict = f"error: {type(exc).__name__}: {exc}"
                self.counts[(action, "ok" if verdict == "ok" else verdict.split(":")[0])] += 1
                if verdict.startswith("error"):
                    self.errors.append(f"{action}: {verdict}")

    @staticmethod
    def _check(response: httpx.Response, *ok: int) -> str:
        if response.status_code in ok:
            return "ok"
        if response.status_code == 503 and "retry-after" in response.headers:
            return "shed: 503 busy"  # load shedding with Retry-After is the answer a full server should give
        return f"error: {response.status_code} {response.text[:120]}"

    def _graphql(self, response: httpx.Response) -> str:
        verdict = self._check(response, 200)
        return verdict if verdict != "ok" or "errors" not in response.text else f"error: {response.text[:160]}"

    def graphql(self, client: httpx.Client) -> str:
        response = client.post("/graphql", json={"query": STORIES_PAGE, "variables": {"n": self.rng.randint(1, 50)}})
        return self._graphql(response)

    def search(self, client: httpx.Client) -> str:
        words = " ".join(self.rng.sample(WORDS, self.rng.randint(1, 3)))
        response = client.post("/graphql", json={"query": SEARCH, "variables": {"q": words}})
        return self._graphql(response)

    def sparql(self, client: httpx.Client) -> str:
        return self._check(client.post("/sparql", data={"query": SPARQL % self.rng.randint(0, 5000)}), 200)

    def hostile(self, client: httpx.Client) -> str:
        return self._check(client.post("/sparql", data={"query": self.rng.choice(HOSTILE)}), 400, 403)

    def healthz(self, client: httpx.Client) -> str:
        return self._check(client.get("/healthz"), 200)

    def export_abort(self, client: httpx.Client) -> str:
        with client.stream("GET", "/export", params={"format": self.rng.choice(("nq", "ttl", "jsonld"))}) as response:
            read = 0
            for chunk in response.iter_bytes():
                read += len(chunk)
                if read > 1 << 20:
                    break
            return self._check(response, 200)

    def export_full(self, client: httpx.Client) -> str:
        with client.stream("GET", "/export", params={"format": "nq"}) as response:
            lines = sum(chunk.count(b"\n") for chunk in response.iter_bytes())
            verdict = self._check(response, 200)
            return "error: empty export" if verdict == "ok" and lines == 0 else verdict

    def import_doc(self, client: httpx.Client) -> str:
        self.imported += 1
        content = generate.corpus(self.rng.randint(1, 3), "listing", seed=self.seed * 100_000 + self.imported)
        response = client.post("/graphql", headers={"Authorization": f"Bearer {TOKEN}"}, json={
            "query": "mutation($c: String!, $n: String) { importDocument(content: $c, name: $n) { added updated unchanged } }",
            "variables": {"c": content, "n": f"soak-{self.seed}-{self.imported}.txt"}})
        return self._graphql(response)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--db", help="use this store instead of generating one (it is written to by the imports)")
    parser.add_argument("--only", help="comma-separated actions of the mix to run (to find what grows memory): "
                                       + ", ".join(a for a, _ in Client.MIX))
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory(prefix="storygraph-soak-")
    db = Path(args.db) if args.db else Path(scratch.name) / "db"
    if not args.db:
        corpus = Path(scratch.name) / "corpus.jsonl"
        corpus.write_text(generate.corpus(args.stories, "jsonl"), encoding="utf-8")
        started = time.monotonic()
        subprocess.run([sys.executable, "-m", "server", "import", "-q", "--yes", "--db", str(db), str(corpus)],
                       check=True, stdout=subprocess.DEVNULL)
        print(f"imported {args.stories} stories in {time.monotonic() - started:.0f} s", flush=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "server", "serve", "--db", str(db), "--port", str(port)],
                              env={**os.environ, "STORYGRAPH_IMPORT_TOKEN": TOKEN})
    try:
        for _ in range(300):
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        counts: collections.Counter = collections.Counter()
        errors: list[str] = []
        deadline = time.monotonic() + args.minutes * 60
        only = set(args.only.split(",")) if args.only else None
        clients = [Client(url, deadline, counts, errors, seed, only) for seed in range(1, args.connections + 1)]
        for client in clients:
            client.start()
        samples: list[tuple[float, int]] = []
        per_process: list[tuple[float, dict[str, int]]] = []
        began = time.monotonic()
        while any(c.is_alive() for c in clients):
            sizes = _rss_by_process(server.pid)
            per_process.append((time.monotonic() - began, sizes))
            samples.append((per_process[-1][0], sum(sizes.values())))
            print(f"{samples[-1][0]:6.0f} s  RSS {samples[-1][1]:5d} MB ("
                  + ", ".join(f"{role} {mb}" for role, mb in sizes.items()) + f")  requests {sum(counts.values())}",
                  flush=True)
            next_sample = time.monotonic() + 10
            for client in clients:
                client.join(timeout=max(0.0, next_sample - time.monotonic()))
        samples.append((time.monotonic() - began, sum(_rss_by_process(server.pid).values())))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print("\noutcomes:")
    for (action, verdict), n in sorted(counts.items()):
        print(f"  {action:13s} {verdict:24s} {n}")
    settled = [rss for t, rss in samples if t >= 60] or [rss for _, rss in samples]
    third = max(1, len(settled) // 3)
    first, last = sum(settled[:third]) / third, sum(settled[-third:]) / third
    flat = last <= first * 1.10
    error_count = sum(n for (_, verdict), n in counts.items() if verdict.startswith("error"))
    print("\nRSS by process after the first minute (MB: first third -> last third, max):")
    for role in sorted({role for _, sizes in per_process for role in sizes}):
        series = [sizes.get(role, 0) for t, sizes in per_process if t >= 60] or [0]
        part = max(1, len(series) // 3)
        print(f"  {role:14s} {sum(series[:part]) / part:6.0f} -> {sum(series[-part:]) / part:6.0f}, max {max(series)}")
    print(f"\nRSS after the first minute: first third {first:.0f} MB, last third {last:.0f} MB "
          f"({'flat' if flat else 'GROWING'}); max {max(r for _, r in samples)} MB")
    print(f"{sum(counts.values())} requests, {error_count} errors")
    kinds = collections.Counter(re.sub(r"request id [0-9a-f]+", "request id …", line)[:160] for line in errors)
    for line, n in kinds.most_common(20):
        print(f"  {n:5d}  {line}")
    return 0 if error_count == 0 and flat else 1


if __name__ == "__main__":
    sys.exit(main())
