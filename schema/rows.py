"""A list of objects of one type given as columns of their fields, made into objects only when read one by one.

A neighbourhood's 200 edges were 200 strawberry objects made only to have three attributes read back from each
(a twelfth of a miss). A `Rows` holds the columns instead: the direct pass (schema/direct.py) completes a plain
selection of it column by column without making any object, and anything else that reads it (graphql-core's
own execution, a field with a resolver, an error) iterates it and gets the objects, made once, in order.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class Rows(Sequence[T], Generic[T]):
    """`cls(**{name: column[i] for each column})` for each i, as a read-only sequence."""

    __slots__ = ("cls", "columns", "_length", "_objects")

    def __init__(self, cls: type[T], **columns: Sequence[Any]) -> None:
        lengths = {len(column) for column in columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of different lengths: {sorted(lengths)}")
        self.cls = cls
        self.columns = {name: column if type(column) is list else list(column) for name, column in columns.items()}
        self._length = lengths.pop() if lengths else 0
        self._objects: list[T] | None = None

    def column(self, name: str) -> list[Any] | None:
        """Every object's `name` in order (the list itself: not to be changed), or None when it is not a column."""
        return self.columns.get(name)

    def one(self, index: int) -> T:
        """The object at `index`, made on its own (the others are not made)."""
        if self._objects is not None:
            return self._objects[index]
        return self.cls(**{name: column[index] for name, column in self.columns.items()})

    def objects(self) -> list[T]:
        """The objects, made on first use."""
        if self._objects is None:
            names = list(self.columns)
            cls = self.cls
            self._objects = [cls(**dict(zip(names, values))) for values in zip(*self.columns.values())] \
                if names else []
        return self._objects

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        return self.objects()[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self.objects())

    def __add__(self, other: Sequence[T]) -> list[T]:
        return [*self.objects(), *other]

    def __repr__(self) -> str:
        return f"Rows({self.cls.__name__}, {self._length} rows)"
