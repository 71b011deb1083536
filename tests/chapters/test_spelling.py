"""The one-edit check, against its definition on every short string over two letters."""

from __future__ import annotations

import itertools

from shownotes.chapters.spelling import one_edit


def by_definition(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def test_one_edit_matches_its_definition() -> None:
    words = ["".join(p) for n in range(6) for p in itertools.product("ab", repeat=n)]
    for a, b in itertools.product(words, repeat=2):
        assert one_edit(a, b) == by_definition(a, b), (a, b)
