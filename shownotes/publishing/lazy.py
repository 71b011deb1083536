"""A sequence whose items are built from what it keeps only when they are read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")


class BuiltOnRead(Sequence[T], Generic[T]):
    """Keeps items as given (some cheap stand-ins) and gives each as :meth:`_built` makes it.

    Equal to a tuple or list of the built items, and to another such sequence.

    >>> class Squares(BuiltOnRead[int]):
    ...     def _built(self, item: Any) -> int:
    ...         return item * item
    >>> s = Squares([1, 2, 3])
    >>> len(s), s[1], s[1:], list(s), s == (1, 4, 9)
    (3, 4, (4, 9), [1, 4, 9], True)
    """

    __slots__ = ("_kept",)

    def __init__(self, items: Iterable[Any] = ()) -> None:
        self._kept = tuple(items)

    def _built(self, item: Any) -> T:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self._kept)

    @overload
    def __getitem__(self, at: int) -> T: ...

    @overload
    def __getitem__(self, at: slice) -> tuple[T, ...]: ...

    def __getitem__(self, at: int | slice) -> T | tuple[T, ...]:
        if isinstance(at, slice):
            return tuple(self._built(item) for item in self._kept[at])
        return self._built(self._kept[at])

    def __iter__(self) -> Iterator[T]:
        return (self._built(item) for item in self._kept)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, BuiltOnRead | tuple | list):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self._kept)!r})"
