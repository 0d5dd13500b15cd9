"""Story counts per day, month or year, for the whole graph or the stories of some entities."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import numpy as np

from graph.network.records import Granularity
from graph.network.shape import NetworkArrays


def timeline(network: NetworkArrays, iris: Iterable[str] | None, granularity: Granularity) -> list[tuple[str, int]]:
    """(period, count) oldest first, for the stories of `iris` (all stories when None); undated stories left out.

    Periods read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. The whole graph's timeline is kept per version.
    """
    if iris is None:
        return network.derived(f"timeline:{granularity.value}", lambda: count_periods(network.days, granularity))
    ids = [network.story_ids(i) for i in iris]
    stories = np.unique(np.concatenate(ids)) if ids else np.zeros(0, np.int32)
    return count_periods(network.days[stories], granularity)


def count_periods(days: np.ndarray, granularity: Granularity) -> list[tuple[str, int]]:
    """(period, count) oldest first for proleptic day ordinals; 0 (undated) is not counted."""
    found, counts = np.unique(days[days > 0], return_counts=True)
    totals: dict[str, int] = {}
    for day, n in zip(found.tolist(), counts.tolist()):
        d = dt.date.fromordinal(day)
        key = (f"{d.year:04d}" if granularity is Granularity.YEAR else
               f"{d.year:04d}-{d.month:02d}" if granularity is Granularity.MONTH else d.isoformat())
        totals[key] = totals.get(key, 0) + n
    return sorted(totals.items())


def story_years(network: NetworkArrays) -> np.ndarray:
    """Story id -> publication year (0 when undated), kept per version."""
    def compute() -> np.ndarray:
        return np.array([dt.date.fromordinal(d).year if d else 0 for d in network.days.tolist()], dtype=np.int32)
    return network.derived("story_years", compute)
