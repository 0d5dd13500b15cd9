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
