"""Python's cyclic garbage collector in serving processes: the network view out of its full collections.

A reader holds the network view of 100,000 stories (its rows, indexes and caches), and every full
collection walked all of it: 47–65 ms with the interpreter stopped, about once every 700 neighbourhood
misses in one process, and every request in flight waited for it. `gc.freeze()` moves what is alive into a generation the collector never walks; a full
collection then takes well under a millisecond. Frozen objects are still freed by reference counting
when the view is replaced; only cycles among them wait for the next `settle()`, which unfreezes,
collects and freezes again once per new graph version (at most one replaced view is ever frozen).

`tune_collector()` is called by the serving processes (`storygraph serve`, each reader worker) and
turns `settle()` on; everywhere else (tests, commands) `settle()` does nothing.
"""
from __future__ import annotations

import gc
import threading

# The young generation's threshold is left at Python's default: at 10,000 instead of 700 a
# neighbourhood miss spent as long in young collections in all (each collection walks what is left of
# its requests' cycles: ~75 objects a request, asyncio's tasks and futures), in pauses of up to 6 ms.
_enabled = False
_lock = threading.Lock()


def tune_collector() -> None:
    """Let `settle()` freeze the long-lived heap (serving processes only)."""
    global _enabled
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
