"""A thread-safe least-recently-used mapping bounded by the bytes it holds, for every GraphQL cache."""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

# What the mapping itself holds per entry besides the caller's size: the ordered dict's node, the
# (value, size) tuple, the key's object header. tracemalloc: ~170 bytes for a string key and a small value.
ENTRY_BYTES = 200


class ByteLRU:
    """Keeps values while their total size stays under `max_bytes`, forgetting the least recently used first.

    Sizes are given by the caller (the length of a response body, an estimate for a parsed
    document), and each entry adds `entry_bytes` of bookkeeping, so many small entries stay within
    the budget too; a value larger than the whole budget is not kept at all.
    """

    def __init__(self, max_bytes: int, entry_bytes: int = ENTRY_BYTES) -> None:
        self.max_bytes = max_bytes
        self.entry_bytes = entry_bytes
        self._items: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: Any, default: Any = None) -> Any:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return default
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: Any, value: Any, size: int) -> bool:
        """Keep `value` under `key`; False (and nothing kept) when it alone exceeds the budget."""
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            size += self.entry_bytes
            if size > self.max_bytes:
                return False
            self._items[key] = (value, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, (_, dropped) = self._items.popitem(last=False)
                self._bytes -= dropped
            return True

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    @property
    def bytes(self) -> int:
        """The total size of what is kept."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: Any) -> bool:
        with self._lock:
            return key in self._items
