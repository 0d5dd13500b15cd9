"""Python's cyclic garbage collector in serving processes: the network view out of its full collections.

A reader holds the network view of 100,000 stories (its rows, indexes and caches), and every full
collection walked all of it: 47–65 ms with the interpreter stopped, about once every 700 neighbourhood
misses, so every request in flight waited for it (a p99 of hundreds of milliseconds under wrk's 32
connections). `gc.freeze()` moves what is alive into a generation the collector never walks; a full
collection then takes well under a millisecond. Frozen objects are still freed by reference counting
when the view is replaced; only cycles among them wait for the next `settle()`, which unfreezes,
collects and freezes again once per new graph version (at most one replaced view is ever frozen).

`tune_collector()` is called by the serving processes (`storygraph serve`, each reader worker) and
turns `settle()` on; everywhere else (tests, commands) `settle()` does nothing.
"""
from __future__ import annotations

import gc
import threading

# A young collection every this many allocations net of frees (Python's default: 700). A cache miss
# allocates a few thousand short-lived containers, nearly all freed by reference counting; a higher
# threshold runs the young collection a few times less often for the same work.
YOUNG_THRESHOLD = 10_000

_enabled = False
_lock = threading.Lock()


def tune_collector() -> None:
    """Make young collections rarer and let `settle()` freeze the long-lived heap (serving processes only)."""
    global _enabled
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
    _enabled = True


def settle() -> bool:
    """Once new long-lived data (a view) is loaded: collect what the last version left, then freeze the rest.

    One full collection (tens of milliseconds at 100k stories), so call it once per graph version;
    False (and nothing done) outside a serving process.
    """
    if not _enabled:
        return False
    with _lock:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
    return True
