"""A list given as columns reads as the list of its objects, and makes them only when read one by one."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from schema.rows import Rows


@dataclass
class Pair:
    source: str
    weight: int


def test_rows_read_as_the_objects_in_order() -> None:
    rows = Rows(Pair, source=("a", "b", "c"), weight=[3, 2, 1])
    assert len(rows) == 3 and list(rows) == [Pair("a", 3), Pair("b", 2), Pair("c", 1)]
    assert rows[1] == Pair("b", 2) and rows[-1] == Pair("c", 1) and rows[:2] == [Pair("a", 3), Pair("b", 2)]
    assert rows + [Pair("d", 0)] == [Pair("a", 3), Pair("b", 2), Pair("c", 1), Pair("d", 0)]


def test_columns_are_read_without_making_objects() -> None:
    made: list[str] = []

    @dataclass
    class Counted:
        source: str

        def __post_init__(self) -> None:
            made.append(self.source)

    rows = Rows(Counted, source=["a", "b"])
    assert rows.column("source") == ["a", "b"] and rows.column("weight") is None
    assert rows.one(1).source == "b" and made == ["b"]  # one object, made alone
    first = rows[0]
    assert made == ["b", "a", "b"] and rows[0] is first and rows.one(0) is first  # all of them once, then kept


def test_columns_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="different lengths"):
        Rows(Pair, source=["a"], weight=[1, 2])
    assert list(Rows(Pair)) == [] and len(Rows(Pair, source=[], weight=[])) == 0
