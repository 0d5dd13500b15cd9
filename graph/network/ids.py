"""Integer ids instead of IRIs: CSR adjacency, where rows of it sit, kind codes, id lists shown as IRIs."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import overload

import numpy as np

from graph.records import EntityKind

KINDS = tuple(EntityKind)
KIND_CODE = {k: i for i, k in enumerate(KINDS)}


def csr(rows: np.ndarray, cols: np.ndarray, n_rows: int) -> tuple[np.ndarray, np.ndarray]:
    """(pointers, columns) with each row's columns ascending."""
    order = np.lexsort((cols, rows))
    ptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=n_rows), out=ptr[1:])
    return ptr, cols[order].astype(np.int32)


def positions(ptr: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Where the adjacency of `rows` sits in the CSR columns, row after row in the order given."""
    starts, ends = ptr[rows], ptr[rows + 1]
    lengths = ends - starts
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
    return offsets + np.arange(total)


def kind_mask(kinds: Iterable[EntityKind]) -> np.ndarray:
    """A lookup by kind code, True for the wanted kinds."""
    mask = np.zeros(len(KINDS), dtype=bool)
    for k in kinds:
        mask[KIND_CODE[k]] = True
    return mask


class IriList(Sequence[str]):
    """Story IRIs by id, turned into strings only for the slice a page shows."""

    __slots__ = ("_ids", "_iris")

    def __init__(self, ids: np.ndarray, iris: list[str]) -> None:
        self._ids, self._iris = ids, iris

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            iris = self._iris
            return [iris[i] for i in self._ids[index].tolist()]
        return self._iris[int(self._ids[index])]

    def __iter__(self) -> Iterator[str]:
        iris = self._iris
        return (iris[i] for i in self._ids.tolist())
