"""The one-edit check against its definition; the spelling vote's index against a full scan."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from shownotes.chapters.spelling import Spellings, _same_name, fold, one_edit


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


# --- the spelling vote's neighbour index -------------------------------------------------------

_LETTERS = st.sampled_from([*"abckqpfhs", "ph", "ck", "A", "K", "'s", "-"])
_WORDS = st.lists(_LETTERS, min_size=1, max_size=8).map("".join)


def _by_definition(spellings: Spellings, word: str) -> Counter[str]:
    """The votes of every spelling of ``word``'s name, by scanning every folded spelling."""
    folded = fold(word)
    total: Counter[str] = Counter()
    for key, votes in spellings._by_fold.items():
        if _same_name(key, folded):
            total.update(votes)
    return total


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=30), min_size=1, max_size=4), st.lists(_WORDS))
def test_variants_match_a_scan_of_every_spelling(adds: list[list[str]], asked: list[str]) -> None:
    spellings = Spellings()
    for i, words in enumerate(adds):
        spellings.add(words, weight=1 + i % 2)
        for word in [*asked, *words]:
            assert spellings.variants(word) == _by_definition(spellings, word), word
