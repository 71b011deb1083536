"""How the episode spells a name: a vote among the spellings that are the same name.

Speech recognition misspells names now and then ("Anthropik", "Grock") and capitalizes at
random ("The Taste Lop Thing"). A title should use the spelling the episode uses most often,
and the spelling of the publisher's own text (description, link titles) when that names the
same thing: people typed those.

Two spellings are taken for the same name when their letters (lower case, without
apostrophes, hyphens and spaces) are equal; or, when both start with the same letter, when they
sound alike ("k"/"ck"/"c", "ph"/"f", doubled letters; four letters or more) or one edit (a
letter changed, added or dropped; five letters or more) separates them.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

_POSSESSIVE = re.compile(r"['’]s$")
_SOUNDS = ((re.compile(r"ck|k|q"), "c"), (re.compile(r"ph"), "f"), (re.compile(r"(.)\1"), r"\1"))
#: How many votes one spelling in the publisher's text is worth.
PUBLISHER_WEIGHT = 5


@functools.lru_cache(maxsize=1 << 16)  # pure, and called for every word several times
def fold(word: str) -> str:
    """Letters only, lower case: the key under which spellings of a word are compared.

    >>> fold("Node.js"), fold("X-AI"), fold("Meta's")
    ('nodejs', 'xai', 'meta')
    """
    return re.sub(r"[^a-z0-9]", "", _POSSESSIVE.sub("", word).lower())


@functools.lru_cache(maxsize=1 << 16)
def _bare(word: str) -> str:
    """The word without a possessive ending."""
    return _POSSESSIVE.sub("", word)


@functools.lru_cache(maxsize=1 << 16)
def sound(word: str) -> str:
    """A rough sound-alike key: "ck", "k" and "q" as "c", "ph" as "f", doubled letters once.

    >>> sound("anthropik") == sound("anthropic"), sound("grock") == sound("groc")
    (True, True)
    """
    folded = fold(word)
    for pattern, replacement in _SOUNDS:
        folded = pattern.sub(replacement, folded)
    return folded


def one_edit(a: str, b: str) -> bool:
    """Whether one letter changed, added or dropped turns ``a`` into ``b``.

    >>> one_edit("parsel", "parcel"), one_edit("stamina", "stamina"), one_edit("node", "deno")
    (True, False, False)
    """
    if a == b:
        return False
    if len(a) == len(b):
        i = 0
        while a[i] == b[i]:  # a != b: there is a first difference
            i += 1
        return a[i + 1 :] == b[i + 1 :]
    if abs(len(a) - len(b)) > 1:
        return False
    short, long = (a, b) if len(a) < len(b) else (b, a)
    # if dropping any letter works, dropping the first that differs does
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return long[i + 1 :] == short[i:]


@functools.lru_cache(maxsize=1 << 16)
def _keys(word: str) -> tuple[str, str, str]:
    """A word without its possessive ending, folded, and its sound-alike key."""
    bare = _bare(word)
    return bare, fold(bare), sound(bare)


def one_edit_names(folded: str, by_shape: dict[tuple[str, int], list[str]]) -> list[str]:
    """The spellings in ``by_shape`` (folded spellings under their first letter and length)
    one edit from ``folded`` (:func:`one_edit`) with its first letter: the only ones one edit
    can make the same name (:func:`_same_name`). All of five letters or more, ``folded`` too.

    >>> shapes = {}
    >>> for w in ("parcel", "parsel", "parcels", "arcel", "pixel"):
    ...     shapes.setdefault((w[0], len(w)), []).append(w)
    >>> one_edit_names("parcel", shapes)
    ['parsel', 'parcels']
    """
    first, size = folded[0], len(folded)
    # Both have five letters or more and the edit is after the first: before it both start
    # alike, after it both end alike; so an edit after the third letter leaves the first
    # three, one before it the last two (a cheap test that rules out most spellings).
    head, tail = folded[:3], folded[-2:]
    return [
        other
        for n in (size - 1, size, size + 1)
        for other in by_shape.get((first, n), ())
        if (other.startswith(head) or other.endswith(tail)) and one_edit(other, folded)
    ]


def _same_name(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or a[0] != b[0]:
        return False
    return sound(a) == sound(b) or (min(len(a), len(b)) >= 5 and one_edit(a, b))


@dataclass(slots=True)
class Spellings:
    """Every spelling of every word the episode (and the publisher's text) uses, counted."""

    #: The votes of each spelling (without its possessive ending) under its folded form.
    _by_fold: dict[str, dict[str, int]] = field(default_factory=dict)
    _by_sound: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: Folded spellings of five letters or more under their first letter and length: where
    #: :func:`one_edit_names` looks (a shorter one is the same name only when it sounds alike).
    _by_shape: dict[tuple[str, int], list[str]] = field(default_factory=lambda: defaultdict(list))
    #: The votes of the spellings of each folded spelling that are not in lower case ("Grok",
    #: "AI", "2026"), and of all its spellings; the folded spellings that have such votes, of
    #: five letters or more, by shape. Enough to tell most ordinary words without counting the
    #: votes of every spelling of their name (:meth:`_ordinary`).
    _capital: Counter[str] = field(default_factory=Counter)
    _total: Counter[str] = field(default_factory=Counter)
    _capital_shape: dict[tuple[str, int], list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )
    _cache: dict[str, str] = field(default_factory=dict)
    _variants: dict[str, Counter[str]] = field(default_factory=dict)
    _first: dict[str, int] = field(default_factory=dict)

    def add(self, words: Iterable[str], weight: int = 1) -> None:
        """Count ``words``, each ``weight`` votes. (Counts are added with ``dict.get`` into plain
        dicts, not a Counter's ``+=``, which calls ``__missing__`` for every new key: the same
        counts.)"""
        self._cache.clear()
        self._variants.clear()
        by_fold, first, capital, total = self._by_fold, self._first, self._capital, self._total
        by_sound, by_shape, capital_shape = self._by_sound, self._by_shape, self._capital_shape
        # each distinct word once, with its count; a Counter keeps first-seen order
        for word, n in Counter(words).items():
            word, folded, sounds = _keys(word)
            if not folded:
                continue
            votes = weight * n
            first.setdefault(word, len(first))
            spellings = by_fold.get(folded)
            if spellings is None:
                by_fold[folded] = {word: votes}
                by_sound[sounds].add(folded)
                if len(folded) >= 5:
                    by_shape[folded[0], len(folded)].append(folded)
            else:
                spellings[word] = spellings.get(word, 0) + votes
            total[folded] = total.get(folded, 0) + votes
            if not word.islower():
                if folded not in capital and len(folded) >= 5:
                    capital_shape[folded[0], len(folded)].append(folded)
                capital[folded] = capital.get(folded, 0) + votes

    def variants(self, word: str) -> Counter[str]:
        """The spellings of ``word``'s name and their votes (``word`` itself included)."""
        folded = fold(word)
        found = self._variants.get(folded)
        if found is None:
            found = self._variants[folded] = self._variants_of(folded)
        return Counter(found)

    def _variants_of(self, folded: str) -> Counter[str]:
        keys = {folded}
        keys.update(self._by_sound.get(sound(folded), ()))
        if len(folded) >= 5:
            keys.update(one_edit_names(folded, self._by_shape))
        total: Counter[str] = Counter()
        for k in keys:
            if k in self._by_fold and _same_name(k, folded):
                total.update(self._by_fold[k])
        return total

    def _ordinary(self, word: str) -> bool:
        """Whether the vote of :meth:`best` surely finds ``word`` mostly in lower case: the
        votes not in lower case of every spelling that may be the same name (a sound-alike or
        one edit away), at most half the votes of ``word``'s own spellings. False when unsure.
        """
        folded = fold(word)
        own = self._total.get(folded, 0)
        if not own:
            return False  # a word the episode does not say: the vote decides
        capital = self._capital
        near = set(self._by_sound.get(sound(folded), ()))
        near.add(folded)
        if len(folded) >= 5:
            near.update(one_edit_names(folded, self._capital_shape))
        return 2 * sum(capital[k] for k in near if k in capital) <= own

    def is_name(self, word: str) -> bool:
        """Whether the episode mostly writes ``word`` with a capital (or as an acronym)."""
        return not self.best(word).islower()

    def best(self, word: str) -> str:
        """The spelling with the most votes among the spellings of the same name (the one said
        first among equals); a word the episode mostly writes in lower case is lower case.

        >>> s = Spellings()
        >>> s.add("Anthropic Anthropic Anthropik anthropic grok data data".split())
        >>> s.add(["Grok"], weight=PUBLISHER_WEIGHT)
        >>> s.best("Anthropik"), s.best("grok"), s.best("Data")
        ('Anthropic', 'Grok', 'data')
        >>> s.add("GPT-5.5 GPT-5.5 ANTHROPIC".split())
        >>> s.best("GPT-5.5"), s.best("ANTHROPIC")
        ('GPT-5.5', 'Anthropic')
        """
        if word not in self._cache:
            self._cache[word] = self._best(word)
        return self._cache[word]

    def _best(self, word: str) -> str:
        suffix = _POSSESSIVE.search(word)
        stem = _POSSESSIVE.sub("", word)
        if not stem[1:].isupper() and self._ordinary(stem):
            return word.lower()  # what the vote below says, found without it
        votes = self.variants(stem)
        if not votes:
            return word
        capital = sum(n for w, n in votes.items() if not w.islower())
        if capital * 2 <= sum(votes.values()) and not stem[1:].isupper():
            return word.lower()  # an ordinary word, capitalized at random by the recognizer
        ranked = sorted(
            votes.items(),
            key=lambda item: (-item[1], item[0].islower(), self._first.get(item[0], 0)),
        )
        choice = next((w for w, _ in ranked if not w.islower()), ranked[0][0])
        if choice.isupper() and sum(c.isalpha() for c in choice) > 5:
            choice = choice.capitalize()  # shouting, not an acronym ("GPT-5.5" is one)
        return choice + (suffix.group(0) if suffix else "")
