"""Bounded memos: the extractor remembers what recurs (a name's layout, its shapes) without growing for ever."""
from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

# Entries each memo may hold. A writer serving for days extracts every import in-process, so a memo that only
# stops growing at its cap stays at that cap: 200,000 layouts of capitalized runs held ~460 MB (2.3 KB each,
# measured on 30,000 synthetic stories). At these sizes the whole set is ~80 MB and the recurring names of a
# 20,000-story corpus still fit.
RUNS = 20_000       # per capitalized run: layouts, shapes (a few KB each)
SPANS = 50_000      # per run and rule set: headed spans (~0.4 KB each)
WORDS = 50_000      # per word: small flags


def keep(memo: dict[K, V], key: K, value: V, cap: int) -> V:
    """Remember `value` under `key`, first emptying `memo` when it holds `cap` entries (what recurs is back in it
    soon after, what does not is gone), and return the value."""
    if len(memo) >= cap:
        memo.clear()
    memo[key] = value
    return value
