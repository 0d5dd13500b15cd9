"""Fewer glibc malloc arenas in the serving process, so memory freed by one thread is reused by the next.

glibc gives threads that allocate at once arenas of their own, up to eight per core. The server's
GraphQL, import and export threads each grow one and rarely give it back. In the soak
(`python -m bench.soak`: 32 connections, 20k stories, imports and exports mixed in) the server grew
about 2 MB/s with the default arenas and about 1 MB/s with two. Two is what `MALLOC_ARENA_MAX=2`
sets; an explicit MALLOC_ARENA_MAX in the environment is left alone.
"""
from __future__ import annotations

import ctypes
import os
import sys

_M_ARENA_MAX = -8  # from glibc's malloc.h
ARENAS = 2


def cap_arenas() -> bool:
    """Cap glibc's arenas at ARENAS for threads started from now on; False where that does not apply."""
    if "MALLOC_ARENA_MAX" in os.environ or not sys.platform.startswith("linux"):
        return False
    try:
        return bool(ctypes.CDLL("libc.so.6").mallopt(_M_ARENA_MAX, ARENAS))
    except (OSError, AttributeError):  # not glibc (musl, …)
        return False
