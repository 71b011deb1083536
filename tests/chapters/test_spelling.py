"""The one-edit check against its definition; the spelling vote's index against a full scan."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from shownotes.chapters.spelling import (
    _POSSESSIVE,
    Spellings,
    _same_name,
    fold,
    one_edit,
    one_edit_names,
)


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


def test_one_edit_names_are_the_one_edit_spellings_of_their_shape() -> None:
    """The start-or-end test before :func:`one_edit` rules out no spelling one edit away."""
    words = ["".join(p) for n in range(5, 8) for p in itertools.product("abc", repeat=n)]
    shapes: dict[tuple[str, int], list[str]] = {}
    for word in words:
        shapes.setdefault((word[0], len(word)), []).append(word)
    for word in words[::3]:
        near = [w for n in (-1, 0, 1) for w in shapes.get((word[0], len(word) + n), ())]
        assert one_edit_names(word, shapes) == [w for w in near if one_edit(w, word)], word


# --- the spelling vote's neighbour index -------------------------------------------------------

_LETTERS = st.sampled_from([*"abckqpfhs", "ph", "ck", "A", "K", "'s", "-"])
_WORDS = st.lists(_LETTERS, min_size=1, max_size=8).map("".join)


@st.composite
def _near_names(draw: st.DrawFn) -> list[str]:
    """A word of five letters or more, spellings of it one edit away (a letter changed, added
    or dropped after the first), some capitalized: names that only the one-edit rule joins."""
    base = draw(st.text(alphabet="abdeglmnortu", min_size=5, max_size=7))
    others = []
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(1, len(base) - 1))
        letter = draw(st.sampled_from("xyzv"))
        edit = draw(st.sampled_from(["change", "add", "drop"]))
        other = {
            "change": base[:at] + letter + base[at + 1 :],
            "add": base[:at] + letter + base[at:],
            "drop": base[:at] + base[at + 1 :],
        }[edit]
        others.append(other.capitalize() if draw(st.booleans()) else other)
    return [base, *others * draw(st.integers(1, 3))]


def _by_definition(spellings: Spellings, word: str) -> Counter[str]:
    """The votes of every spelling of ``word``'s name, by scanning every folded spelling."""
    folded = fold(word)
    total: Counter[str] = Counter()
    for key, votes in spellings._by_fold.items():
        if _same_name(key, folded):
            total.update(votes)
    return total


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.lists(_WORDS, max_size=30), _near_names()), min_size=1, max_size=4),
    st.lists(_WORDS),
)
def test_variants_match_a_scan_of_every_spelling(adds: list[list[str]], asked: list[str]) -> None:
    spellings = Spellings()
    for i, words in enumerate(adds):
        spellings.add(words, weight=1 + i % 2)
        for word in [*asked, *words]:
            assert spellings.variants(word) == _by_definition(spellings, word), word


def _best_by_the_vote(spellings: Spellings, word: str) -> str:
    """:meth:`Spellings.best` as first written: every word's votes counted, none skipped."""
    suffix = _POSSESSIVE.search(word)
    stem = _POSSESSIVE.sub("", word)
    votes = _by_definition(spellings, stem)
    if not votes:
        return word
    capital = sum(n for w, n in votes.items() if not w.islower())
    if capital * 2 <= sum(votes.values()) and not stem[1:].isupper():
        return word.lower()
    ranked = sorted(
        votes.items(),
        key=lambda item: (-item[1], item[0].islower(), spellings._first.get(item[0], 0)),
    )
    choice = next((w for w, _ in ranked if not w.islower()), ranked[0][0])
    if choice.isupper() and sum(c.isalpha() for c in choice) > 5:
        choice = choice.capitalize()
    return choice + (suffix.group(0) if suffix else "")


_CASED = st.sampled_from([*"abckqpfhs", "ph", "ck", "A", "K", "S", "'s", "-", "1", "É", "ß"])
_CASED_WORDS = st.lists(_CASED, min_size=1, max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.one_of(st.lists(_CASED_WORDS, max_size=30), _near_names()), min_size=1, max_size=3),
    st.lists(_CASED_WORDS),
)
def test_best_skipping_words_without_a_capital_matches_the_vote(
    adds: list[list[str]], asked: list[str]
) -> None:
    spellings = Spellings()
    for i, words in enumerate(adds):
        spellings.add(words, weight=1 + 4 * (i % 2))
        for word in [*asked, *words]:
            assert spellings.best(word) == _best_by_the_vote(spellings, word), word
            assert spellings.is_name(word) == (not _best_by_the_vote(spellings, word).islower())
