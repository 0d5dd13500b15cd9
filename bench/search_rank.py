"""First-time search prefixes ranked two ways on one index: storygraph's names-first ranking against FTS5's bm25
(what it used before), per distinct match expression of the HTTP bench's "search prefix" bodies, plus a few one-
and two-letter words: the time of each (best of 3, one thread, nothing remembered between them) and how far their
first ten agree.

    python -m bench.search_rank --db /tmp/sg100k/store      # reads the store and the index beside it, writes nothing
"""
from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from bench.http_speed import BASE
from graph.read import GraphReader
from graph.records import EntityKind
from graph.search import CANDIDATES, SearchIndex, default_path, match_expression
from graph.store.oxigraph import OxigraphStore

SHORT = ["a", "e", "i", "z", "de", "a b", "ilo", "decent work", "child lab"]


def _bm25(conn: sqlite3.Connection, expression: str, limit: int = 10) -> list[int]:
    """The rowids bm25 put first (names ten times summaries), as graph/search.py ranked before."""
    ranked = sorted(conn.execute("SELECT bm25(docs, 0, 0, 10.0, 1.0), rowid FROM docs WHERE docs MATCH ? "
                                 "ORDER BY rowid LIMIT ?", (expression, CANDIDATES)).fetchall())
    return [rowid for _, rowid in ranked[:limit]]


def _best(run: Callable[[], object], times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, metavar="DIR", help="an Oxigraph store (read only) with its index beside it")
    args = parser.parse_args()
    store = OxigraphStore(Path(args.db), read_only=True)
    reader = GraphReader(store, BASE)
    names = [row.name for row in reader.entities(reader.entity_page(EntityKind.PERSON, 0, 500)).values()]
    store.close()
    texts = [name[: max(3, len(name) // 2)] for name in names]  # as bench.http_speed's bodies
    expressions = list(dict.fromkeys(e for e in (match_expression(t) for t in [*texts, *SHORT]) if e))
    path = default_path(Path(args.db))
    assert path is not None
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    index = SearchIndex(reader, path)
    index._connection = lambda version=None: conn  # type: ignore[method-assign]  # this index, as it is
    rowid = {iri: r for r, iri in conn.execute("SELECT id, c0 FROM docs_content WHERE id IN (SELECT rowid FROM keys)")}
    ours, theirs, same, entities_same, shared = [], [], 0, 0, 0
    for expression in expressions:
        theirs.append((_best(partial(_bm25, conn, expression)), expression))
        ours.append((_best(partial(index._rank, expression, None, 10, "", None)), expression))
        before = _bm25(conn, expression)
        after = [rowid[h.iri] for h in index._rank(expression, None, 10, "", None)]
        same += before == after
        shared += len(set(before) & set(after))
        entities_same += [r for r in before if r < 1 << 40] == [r for r in after if r < 1 << 40]
    n = len(expressions)
    for label, runs in (("bm25 (before)", theirs), ("names first (now)", ours)):
        worst = max(runs)
        print(f"{label}: median {statistics.median(t for t, _ in runs):.2f} ms, worst {worst[0]:.2f} ms ({worst[1]})")
    print(f"{n} expressions: first ten identical {same}, their entities identical in order {entities_same}, "
          f"hits shared {shared} of {sum(min(10, len(_bm25(conn, e))) for e in expressions)}")
    conn.close()


if __name__ == "__main__":
    main()
