"""glibc malloc settings for serving processes, so memory that threads free is reused or given back.

Two settings, each left alone when its environment variable is set:

- Arenas: glibc gives threads that allocate at once arenas of their own, up to eight per core, and
  the server's GraphQL, import and export threads each grow one and rarely give it back. In the soak
  (`python -m bench.soak`: 32 connections, 20k stories, imports and exports mixed in) the server grew
  about 2 MB/s with the default arenas and about 1 MB/s with two (`MALLOC_ARENA_MAX=2`).
- The mmap threshold: glibc raises it after each large block is freed, so the 256 KB export chunks end
  up in the heap, which fragments and is not given back. Fixing it at 128 KB
  (`MALLOC_MMAP_THRESHOLD_=131072`) keeps them in mmap: 32 full N-Quads exports of a 20k-story store
  by 8 clients left the server at 99 MB instead of 183 MB.

And one call, `give_back()`, after each new graph version (the writer after an import, a reader after it
switches snapshot): every import or switch builds a new network view and frees the last, and glibc keeps
the freed pages of its arenas. In-process, 150 API imports into a 20k-story store took the writer from
139 to 202 MB; `malloc_trim(0)` after each held it at 125 → 156 MB (what is left is native, outside
Python's allocator: pymalloc's arenas grew 3 MB).
"""
from __future__ import annotations

import ctypes
import os
import sys

# From glibc's malloc.h.
_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8
ARENAS = 2
MMAP_THRESHOLD = 128 * 1024


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


def give_back() -> bool:
    """Return the free pages of every malloc arena to the system (glibc `malloc_trim`); False where there is none.

    Costs a few milliseconds on a serving process; call it after work that freed much (a replaced view).
    """
    libc = _libc()
    trim = getattr(libc, "malloc_trim", None) if libc is not None else None
    if trim is None:
        return False
    trim(0)
    return True


def tune_malloc() -> bool:
    """Apply both settings for what is allocated from now on; False where they do not apply (not glibc)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # not glibc (musl, …)
        return False
    done = False
    if "MALLOC_ARENA_MAX" not in os.environ:
        done = bool(mallopt(_M_ARENA_MAX, ARENAS)) or done
    if "MALLOC_MMAP_THRESHOLD_" not in os.environ:
        done = bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) or done
    return done
