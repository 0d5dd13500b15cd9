"""Serving processes keep their long-lived heap (the views) out of the cyclic collector's full collections."""
from __future__ import annotations

import subprocess
import sys

# Run in a child process: freezing the heap and the thresholds are process-wide.
PROGRAM = """
import gc
from server.collector import settle, tune_collector
class Cycle:
    def __init__(self): self.me = self
view = [Cycle() for _ in range(1000)]   # long-lived, as a loaded view is
garbage = [Cycle() for _ in range(500)]  # what the last version left behind
before = settle()
del garbage
tune_collector()
frozen = settle() and gc.get_freeze_count()
collected = gc.collect()
print(before, frozen >= 1000, collected)
"""


def test_only_a_serving_process_freezes_its_heap_and_cycles_left_before_are_still_collected() -> None:
    out = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=True).stdout.split()
    # Not tuned: nothing frozen. Tuned: the live heap frozen (a full collection no longer walks it), and
    # the cycles dropped before `settle` were collected by it, not frozen.
    assert out == ["False", "True", "0"]


def test_a_new_version_unfreezes_so_a_replaced_view_can_be_collected() -> None:
    program = """
import gc
from server.collector import settle, tune_collector
class Cycle:
    def __init__(self): self.me = self
tune_collector()
old_view = [Cycle() for _ in range(1000)]
settle()
with_old = gc.get_freeze_count()
del old_view  # replaced by the next version's view: its cycles are frozen, not yet collected
settle()
print(with_old - gc.get_freeze_count() >= 1000)
"""
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "True"
