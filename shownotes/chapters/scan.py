"""Find a cue pattern's matches in a long normalized text without trying every position.

``re`` tries a pattern that opens with ``\\b`` or an alternation at every character of the
text: each of the two dozen cue rules then costs a full pass over a transcript. But most
positions cannot start a match: every match of ``\\b(?:story|item) (?P<n>\\d+)`` starts with
"story " or "item ". :func:`literal_starts` reads those opening strings off the parsed
pattern, and :class:`Scanner` only asks the pattern to match where one of them occurs.

The result is exactly ``pattern.finditer(text)``: every position where a match can start is
tried, in order, each with ``pattern.match(text, position)`` (which sees the text before the
position, as a search does), and a match found skips the positions it covers. Patterns
whose openings cannot be read (a class, a repeat, a flag, an empty match) use ``finditer``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import accumulate, compress
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

#: At most this many opening strings per pattern (the set is cut short beyond it).
MAX_STRINGS = 64
#: Opening strings shorter than this find too many places to be worth it.
MIN_LENGTH = 3
#: Opening strings are cut to this many characters (longer ones find the same places).
MAX_LENGTH = 12
#: Texts shorter than this are scanned the plain way.
MIN_TEXT = 2000
#: Deletes the characters of a :class:`~shownotes.chapters.normalize.TextStream`'s text.
_STREAM_CHARACTERS = str.maketrans("", "", "abcdefghijklmnopqrstuvwxyz0123456789 ")

_Openings = set[tuple[str, bool]]


def _openings(items: list) -> _Openings | None:  # type: ignore[type-arg]
    """(string, whole) pairs: every match of ``items`` starts with one of the strings, and is
    exactly that string where ``whole``. None when a construct is not understood."""
    found: _Openings = {("", True)}
    for op, av in items:
        if not any(whole for _, whole in found):
            break
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: restricts where a match is, not what it starts with
        item: _Openings | None
        if op is sre.LITERAL:
            item = {(chr(av), True)}
        elif op is sre.SUBPATTERN:
            _, add_flags, del_flags, inner = av
            item = None if add_flags or del_flags else _openings(inner)
        elif op is sre.BRANCH:
            item = set()
            for alternative in av[1]:
                more = _openings(alternative)
                if more is None:
                    return None
                item |= more
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, high, inner = av
            once = _openings(inner)
            if once is None:
                return None
            if low == 0 and high == 1:
                item = once | {("", True)}
            elif low >= 1:
                item = {(s, False) for s, _ in once}
            else:
                item = {("", False)}
        else:
            item = {("", False)}
        if item is None:
            return None
        joined = {(s + t, w) for s, whole in found if whole for t, w in item}
        joined |= {(s, False) for s, whole in found if not whole}
        if len(joined) > MAX_STRINGS:
            return _fewer(joined, found)
        found = joined
    return found


def _fewer(joined: _Openings, found: _Openings) -> _Openings:
    """At most :data:`MAX_STRINGS` openings for a pattern that has more (``joined``): their
    longest prefixes of one length that are few enough, or those before the last item
    (``found``) where those are longer. Every match still starts with one of them.

    >>> sorted(_fewer({(f"story {n}", True) for n in range(100)}, {("story ", False)}))[:2]
    [('story 0', False), ('story 1', False)]
    """
    before = {(s, False) for s, _ in found}
    for length in range(max(len(s) for s, _ in joined), 0, -1):
        cut = {(s[:length], False) for s, _ in joined}
        if len(cut) <= MAX_STRINGS:
            shortest = min(len(s) for s, _ in cut)
            return cut if shortest >= min(len(s) for s, _ in before) else before
    return before


def _at_word_start(items: list) -> bool:  # type: ignore[type-arg]
    """Whether every match starts at a ``\\b`` (the pattern opens with one on every path)."""
    if not items:
        return False
    op, av = items[0]
    if op is sre.AT:
        return av is sre.AT_BOUNDARY
    if op is sre.SUBPATTERN:
        return not av[1] and not av[2] and _at_word_start(av[3])
    if op is sre.BRANCH:
        return all(_at_word_start(alternative) for alternative in av[1])
    return False


@cache
def literal_starts(pattern: str) -> tuple[tuple[str, ...], bool] | None:
    """The strings every match of ``pattern`` starts with, and whether every match starts at
    a word boundary; None when they cannot be read or are too short.

    >>> literal_starts(r"\\b(?:story|item) (?:number )?(?P<n>\\d+)")
    (('item ', 'story '), True)
    >>> literal_starts(r"\\b(?:hello|hi)? ?welcome") is not None
    True
    >>> literal_starts(r"\\w+ story") is None
    True
    """
    try:
        parsed = sre_parse.parse(pattern, 0)
    except (re.error, RecursionError, ValueError):
        return None
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
        return None
    openings = _openings(list(parsed))
    if not openings:
        return None
    strings = {s[:MAX_LENGTH] for s, _ in openings}
    if min(len(s) for s in strings) < MIN_LENGTH:
        return None
    # a string another one starts finds nothing the shorter one does not
    kept = tuple(sorted(s for s in strings if not any(t != s and s.startswith(t) for t in strings)))
    return kept, _at_word_start(list(parsed))


class Scanner:
    """``finditer`` for many patterns over one long text (see the module docstring).

    In a text of stream form (:func:`_stream_form`) an opening string is looked up by its
    first word in an index of where words start, built in one pass for the first words of
    all ``patterns``; elsewhere, or without ``index`` (for a pattern or two, whose opening
    strings ``str.find`` finds faster than the index is built), with ``str.find``.
    """

    def __init__(
        self, text: str, patterns: Iterable[re.Pattern[str]] = (), *, index: bool = True
    ) -> None:
        self.text = text
        self._found: dict[str, list[int]] = {}
        self._stream = index and len(text) >= MIN_TEXT and _stream_form(text)
        self._words: list[str] = []
        #: ``_letters[i]``: the letters before word i; it starts at ``_letters[i] + i``.
        self._letters: list[int] = []
        self._heads: dict[str, list[int]] = {}
        self._wanted = {h for p in patterns for h in self._heads_of(p)}

    def _starts(self, pattern: re.Pattern[str]) -> tuple[tuple[str, ...], bool] | None:
        if len(self.text) < MIN_TEXT or pattern.flags & (re.IGNORECASE | re.LOCALE):
            return None
        return literal_starts(pattern.pattern)

    def _heads_of(self, pattern: re.Pattern[str]) -> list[str]:
        starts = self._starts(pattern) if self._stream else None
        if starts is None:
            return []
        return [h for s in starts[0] if (h := _head(s, starts[1])) is not None]

    def _where(self, head: str) -> list[int]:
        """Where the word ``head`` starts in the text (stream form only)."""
        if head not in self._heads:
            if not self._words:
                self._words = self.text.split(" ")
                self._letters = list(accumulate(map(len, self._words), initial=0))
            wanted = (self._wanted | {head}) - self._heads.keys()
            for head_ in wanted:
                self._heads[head_] = []
            hits = compress(range(len(self._words)), map(wanted.__contains__, self._words))
            for i in hits:
                self._heads[self._words[i]].append(self._letters[i] + i)
        return self._heads[head]

    def _places(self, strings: tuple[str, ...], at_words: bool) -> list[int]:
        """Every position where one of ``strings`` occurs (see :func:`literal_starts`)."""
        text = self.text
        places: set[int] = set()
        # strings found by the same word (and shift) are tried together at each of its places
        by_head: dict[tuple[str, int], list[str]] = {}
        for s in strings:
            head = _head(s, at_words) if self._stream else None
            if head is not None:
                by_head.setdefault((head, 1 if s[0] == " " else 0), []).append(s)
                continue
            if s not in self._found:
                hits = []
                i = text.find(s)
                while i >= 0:
                    hits.append(i)
                    i = text.find(s, i + 1)
                self._found[s] = hits
            places.update(self._found[s])
        for (head, shift), group in by_head.items():
            options = tuple(group)
            places.update(
                p - shift for p in self._where(head) if text.startswith(options, p - shift)
            )
        return sorted(places)

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """The same matches as ``pattern.finditer(self.text)``."""
        starts = self._starts(pattern)
        if starts is None:
            yield from pattern.finditer(self.text)
            return
        resume = 0
        for place in self._places(*starts):
            if place < resume:
                continue
            match = pattern.match(self.text, place)
            if match is not None:  # never empty: every opening string has a character
                yield match
                resume = match.end()


def _stream_form(text: str) -> bool:
    """Whether ``text`` is words of lower-case letters and digits between single spaces (the
    form of a ``TextStream``'s text): there a word starts at 0 or right after a space.

    >>> _stream_form("story 1 is about x"), _stream_form("story  1"), _stream_form("Story 1")
    (True, False, False)
    """
    return (
        text.isascii()
        and not text.translate(_STREAM_CHARACTERS)
        and "  " not in text
        and not text.startswith(" ")
        and not text.endswith(" ")
    )


def _head(string: str, at_words: bool) -> str | None:
    """The whole word an opening string starts with in a stream-form text, if it tells where
    the string can occur: a string " word ..." occurs one before where that word starts; a
    string "word ..." at a word start, which a match starting at ``\b`` (``at_words``) is.
    None for a string that may end inside its first word."""
    body = string[1:] if string[0] == " " else string
    if " " not in body or not body[0].isascii() or not body[0].isalnum():
        return None
    if string[0] != " " and not at_words:
        return None
    return body.split(" ", 1)[0]
