"""Every tie of a version once, keyed by its two ends: which of a few entities are tied, without reading their rows.

A neighbourhood of 50 hubs would otherwise walk their rows (~80,000 tie entries at 100k stories) to
find the ~1,200 ties among them; with every tie as a sorted key (`source * entities + target`,
source < target) the ~1,225 pairs of 50 members are looked up at once, in time proportional to the
members squared. Each key carries the tie's weight and its target's position in the source's row
(heaviest first, then newest shared story, then id: `ties.TieCache`'s order), so the ties found come
out in the order a walk of the rows gives.

Derived once per version in a background thread (~0.25 s at 100k stories, ~16 bytes a tie): until it
is there, a neighbourhood walks the rows as before, so neither a new process nor the first query
after an import waits for it; a version too big to derive (MAX_COMENTIONS) keeps walking them. Only a
serving view starts the derivation (`ready`); a neighbourhood only reads what is there (`derived`).
"""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from graph.network.shape import NetworkArrays

log = logging.getLogger("storygraph.network")

KEY = "tie_pairs"
# Looked up only when the members' pairs are this many times fewer than their rows' entries: a search
# probes ~17 keys where a walk reads an entry in a few passes.
PAIRS_RATIO = 4
# A version whose stories hold more entity pairs than this (co-mentions: 1.9M at 100k generated stories) is not
# derived, and its neighbourhoods walk the rows: deriving takes ~30 bytes a co-mention for a moment, in every
# serving process at once, and keeps up to 16 a tie.
MAX_COMENTIONS = 8_000_000


@dataclass(frozen=True, slots=True)
class TiePairs:
    """Every tie once (source < target), by key; the last key is a sentinel above every other."""

    n_entities: int
    keys: np.ndarray       # int64, ascending: source * n_entities + target, then the sentinel
    positions: np.ndarray  # int32: the target's position in the source's row
    weights: np.ndarray    # int32: the stories the two share
    degrees: np.ndarray    # int64: each entity's row length (its ties, both directions)
    stride: int            # above every position: a sort key's step per source

    def among(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(sources, targets, weights) of the ties among `ids` (distinct, int64), source < target, in the order
        of a walk of their rows: by the source's place in `ids`, then by the target's position in its row."""
        m = len(ids)
        if m < 2:
            return ids[:0], ids[:0], self.weights[:0]
        by_id = np.argsort(ids)
        ordered = ids.take(by_id)
        first, second = _upper(m)
        sources, targets = ordered.take(first), ordered.take(second)
        wanted = sources * self.n_entities + targets
        at = self.keys.searchsorted(wanted)
        hits = np.flatnonzero(self.keys.take(at) == wanted)
        at = at.take(hits)
        # Keys are distinct; numpy's stable sort (timsort) orders these ~1,200 in less than half its quicksort's time.
        order = np.argsort(by_id.take(first.take(hits)) * self.stride + self.positions.take(at), kind="stable")
        at, hits = at.take(order), hits.take(order)
        return sources.take(hits), targets.take(hits), self.weights.take(at)

    def cheaper(self, ids: np.ndarray) -> bool:
        """Whether looking the pairs of `ids` up costs less than walking their rows."""
        m = len(ids)
        return m * (m - 1) // 2 * PAIRS_RATIO < int(self.degrees.take(ids).sum())


@lru_cache(maxsize=16)  # a neighbourhood cut at its limit has that many members: few sizes recur
def _upper(m: int) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) of every i < j below m, i ascending then j: the pairs of m sorted ids, each pair ascending."""
    first, second = (a.astype(np.intp) for a in np.triu_indices(m, 1))
    first.flags.writeable = second.flags.writeable = False  # shared by every thread's lookups
    return first, second


def tie_pairs(network: NetworkArrays) -> TiePairs:
    """Every tie of the version from its stories' entities: each story's pairs, counted and ranked in numpy.

    Made with ~30 bytes a co-mention at most in hand (1.9M co-mentions at 100k stories: ~55 MB for a moment):
    each array is dropped, or overwritten, as soon as it has been used.
    """
    n = len(network.entity_iris)
    ptr, adj = network.story_ptr, network.story_adj
    sizes = np.diff(ptr)
    n_stories = len(sizes)
    # Each link pairs with the links after it in its story (a story's entities ascend: first < second).
    after = np.repeat(ptr[1:], sizes) - np.arange(len(adj)) - 1
    total = int(after.sum())
    link = np.repeat(np.arange(len(adj), dtype=np.int32), after)
    partner = np.arange(1, total + 1, dtype=np.int64)
    partner -= np.repeat(np.cumsum(after) - after, after)
    partner += link
    codes = adj.take(link).astype(np.int64)
    codes *= n
    codes += adj.take(partner)
    del partner
    story = np.repeat(np.arange(n_stories, dtype=np.int32), sizes).take(link)
    del link
    keys, weights, newest = _counted(codes, story, n_stories, n)
    del codes, story
    sources, targets = keys // n, keys % n
    # Both directions, ranked within each row as `TieCache` orders it: heaviest, newest, id.
    rows, others = np.concatenate([sources, targets]), np.concatenate([targets, sources])
    both_weights, both_newest = np.concatenate([weights, weights]), np.concatenate([newest, newest])
    order = np.lexsort((others, both_newest, -both_weights, rows))
    degrees = np.bincount(rows, minlength=n).astype(np.int64)
    row_start = np.cumsum(degrees) - degrees
    rank = np.empty(len(rows), dtype=np.int64)
    rank[order] = np.arange(len(rows)) - row_start.take(rows.take(order))
    sentinel = np.array([np.iinfo(np.int64).max])
    return TiePairs(n, np.concatenate([keys, sentinel]), rank[:len(keys)].astype(np.int32),
                    weights.astype(np.int32), degrees, int(degrees.max(initial=0)) + 1)


def _counted(codes: np.ndarray, story: np.ndarray, n_stories: int,
             n_entities: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(each distinct code ascending, how often it occurs, its smallest story) of codes and their stories;
    `codes` is overwritten."""
    if _packs(n_entities, n_stories):
        # One sort of (code, story) as one integer, in place: numpy sorts plain int64 several times faster than
        # the stable argsort np.unique needs for first occurrences.
        codes *= max(n_stories, 1)
        codes += story
        codes.sort()
        keys = codes // max(n_stories, 1)
        begins = np.empty(len(keys), dtype=bool)  # where each code's run begins
        begins[:1] = True
        np.not_equal(keys[1:], keys[:-1], out=begins[1:])
        starts = np.flatnonzero(begins)
        return keys.take(starts), np.diff(starts, append=len(keys)), codes.take(starts) % max(n_stories, 1)
    # Stories run newest first, so a code's first occurrence (a stable sort) is its newest shared story.
    keys, first, weights = np.unique(codes, return_index=True, return_counts=True)
    return keys, weights, story.take(first)


def _packs(n_entities: int, n_stories: int) -> bool:
    """Whether every (tie code, story) fits in one int64."""
    return n_entities * n_entities * max(n_stories, 1) < np.iinfo(np.int64).max


def derived(network: NetworkArrays) -> TiePairs | None:
    """The version's TiePairs if they have been derived, else None; never starts deriving them.

    A neighbourhood reads them through this: only a serving view (`NetworkView(derives=True)`) starts their
    derivation, as it takes a version. Started by the first neighbourhood instead, the derivation ran beside
    it and the queries after it: the first neighbourhood after a 200-story import into 100k stories took
    63-165 ms instead of 43-51 (`bench.import_speed`, whose view is an import's, not a server's).
    """
    return network.computed(KEY)


def ready(network: NetworkArrays) -> TiePairs | None:
    """The version's TiePairs if derived, else None, and their derivation started in the background."""
    found = network.computed(KEY)
    if found is None:
        network.derived(KEY + ".started", lambda: _start(network))
    return found


def settle(network: NetworkArrays) -> None:
    """Wait for the background derivation of the version's pairs, if one was started (a benchmark measures the
    steady state a server reaches within a second of taking a version)."""
    started = network.computed(KEY + ".started")
    if isinstance(started, threading.Thread):
        started.join()


def _start(network: NetworkArrays) -> threading.Thread:
    thread = threading.Thread(target=_derive, args=(network,), name="storygraph-tie-pairs", daemon=True)
    thread.start()
    return thread


def comentions(network: NetworkArrays) -> int:
    """How many entity pairs the version's stories hold, counted once a story: what deriving its pairs costs."""
    sizes = np.diff(network.story_ptr)
    return int((sizes * (sizes - 1) // 2).sum())


def _derive(network: NetworkArrays) -> None:
    if comentions(network) > MAX_COMENTIONS:
        log.info("version %s: too many co-mentions to derive its tie pairs; neighbourhoods walk the rows",
                 network.version)
        return
    try:
        pairs = tie_pairs(network)  # outside the view's lock: other derived values are not held up
    except Exception:  # neighbourhoods keep walking the rows
        log.exception("deriving the tie pairs of version %s failed", network.version)
        return
    network.derived(KEY, lambda: pairs)
