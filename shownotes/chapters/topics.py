"""Topic shifts from lexical cohesion: a TextTiling-like segmenter in pure Python.

At every segment start the words of the ``window`` seconds before are compared with the words
of the ``window`` seconds after (cosine of tf-idf weighted content-word counts). Where the talk
moves to a new topic the two sides share few words and the curve dips; the depth of a dip (how
far it falls below the highest point on either side) says how sharp the shift is.

The curve is computed in one pass with two sliding windows whose dot product and norms are
updated word by word, so a three-hour transcript costs a few hundred thousand additions.
"""

from __future__ import annotations

import math
import sys
from bisect import bisect_left, bisect_right
from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import add, gt, le, mul, sub
from statistics import pstdev

from shownotes.models import Segment

#: Length of the blocks that define document frequency for the idf weights (seconds).
IDF_BLOCK_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Cohesion:
    """Cohesion across every segment start: ``values[i]`` compares before/after segment i."""

    times: tuple[float, ...]
    values: tuple[float, ...]
    window: float

    def depth(self, index: int) -> float:
        """How far the curve at ``index`` lies below the highest points within a window each side.

        >>> c = Cohesion((0, 10, 20, 30, 40), (0.5, 0.4, 0.1, 0.3, 0.6), 20)
        >>> round(c.depth(2), 2)
        0.9
        """
        lo = bisect_left(self.times, self.times[index] - self.window)
        hi = bisect_right(self.times, self.times[index] + self.window)
        left = max(self.values[lo : index + 1])
        right = max(self.values[index:hi])
        return left + right - 2 * self.values[index]

    def depths(self) -> list[float]:
        """:meth:`depth` at every index, the same floats, bit for bit.

        Where the times are in order, the highest points of the windows are found in one
        pass with two queues of candidates (the running maximum of a window whose ends only
        move on), not by reading every window again: a few steps an index, not two windows'
        worth. A maximum is the same float however it is found, unless a NaN or a -0.0 is
        among the values (``max`` then keeps the first it meets); those, and times out of
        order, take the plain way.

        >>> c = Cohesion((0, 10, 20, 30, 40), (0.5, 0.4, 0.1, 0.3, 0.6), 20)
        >>> c.depths() == [c.depth(i) for i in range(5)], round(c.depths()[2], 2)
        (True, 0.9)
        """
        times, values, window = self.times, self.values, self.window
        if _plain_maxima(times, values, window):
            return [self.depth(i) for i in range(len(values))]
        los = list(map(bisect_left, repeat(times), map(sub, times, repeat(window))))
        his = list(map(bisect_right, repeat(times), map(add, times, repeat(window))))
        lefts = _running_maxima(values, los, list(range(1, len(values) + 1)))
        rights = _running_maxima(values, range(len(values)), his)
        return [left + right - 2 * v for left, right, v in zip(lefts, rights, values, strict=True)]


def _plain_maxima(times: Sequence[float], values: Sequence[float], window: float) -> bool:
    """Whether :meth:`Cohesion.depths` must read every window: times out of order (or
    NaN), a window below 0, or a value whose maximum depends on where ``max`` meets it."""
    return (
        len(values) < 2
        or not window >= 0
        or not all(map(le, times, times[1:]))
        or any(map(math.isnan, values))
        or any(math.copysign(1.0, v) < 0 for v in values if v == 0)
    )


def _running_maxima(
    values: Sequence[float], starts: Sequence[int], stops: Sequence[int]
) -> list[float]:
    """``max(values[a:b])`` for each ``a, b`` of ``starts, stops`` (both never going down,
    every window holding at least one value), with a queue of the indices that may still be
    a window's highest: each index joins it and leaves it once."""
    queue: deque[int] = deque()
    found = []
    joined = 0
    for a, b in zip(starts, stops, strict=True):
        while joined < b:
            value = values[joined]
            while queue and values[queue[-1]] <= value:
                queue.pop()
            queue.append(joined)
            joined += 1
        while queue[0] < a:
            queue.popleft()
        found.append(values[queue[0]])
    return found


def population_stdev(values: Sequence[float]) -> float:
    """``statistics.pstdev(values)``, the same float, in a few passes of builtins.

    ``pstdev`` is the correctly rounded square root of the exact population variance, which
    it works out in fractions, value by value. Finite floats times one power of two are
    integers (a float is a 53-bit integer times a power of two, and the smallest nonzero
    magnitude has the lowest power that matters), so the same exact variance comes from
    integer sums of those integers and their squares; the square root is rounded as
    ``statistics`` rounds it. Anything else (ints, infinities, NaN) goes to ``pstdev``.

    >>> population_stdev([1.5, 2.5, 2.5, 2.75, 3.25, 4.75])
    0.986893273527251
    """
    n = len(values)
    if n < 1 or set(map(type, values)) != {float}:
        return pstdev(values)
    smallest = min(filter(None, map(abs, values)), default=1.0)
    scale = max(0, sys.float_info.mant_dig - math.frexp(smallest)[1])
    try:
        whole = list(map(int, map(math.ldexp, values, repeat(scale))))
    except (OverflowError, ValueError):  # (an infinity or a NaN; or too wide a range)
        return pstdev(values)
    total = sum(whole)
    # the variance is (n * sum of squares - total ** 2) / (n * n * 4 ** scale)
    numerator = n * sum(map(mul, whole, whole)) - total * total
    denominator = (n * n) << (2 * scale)
    common = math.gcd(numerator, denominator)
    return _float_sqrt_of_fraction(numerator // common, denominator // common)


#: Bits of the integer square root that :func:`_float_sqrt_of_fraction` rounds from.
_SQRT_BITS = 2 * sys.float_info.mant_dig + 3


def _float_sqrt_of_fraction(n: int, m: int) -> float:
    """The square root of ``n / m`` (in lowest terms) as a float, correctly rounded: the
    rounding ``statistics`` does for ``pstdev`` (a rounding to odd, then to the float)."""
    q = (n.bit_length() - m.bit_length() - _SQRT_BITS) // 2
    if q >= 0:
        root = _isqrt_of_fraction_to_odd(n, m << 2 * q) << q
        return root / 1
    return _isqrt_of_fraction_to_odd(n << -2 * q, m) / (1 << -q)


def _isqrt_of_fraction_to_odd(n: int, m: int) -> int:
    """The square root of ``n / m`` as an integer, rounded to odd."""
    a = math.isqrt(n // m)
    return a | (a * a * m != n)


def idf_weights(bags: Sequence[Counter[str]], times: Sequence[float]) -> dict[str, float]:
    """Squared idf of every word, documents being blocks of :data:`IDF_BLOCK_SECONDS`."""
    blocks: dict[int, set[str]] = {}
    for words, start in zip(bags, times, strict=True):
        blocks.setdefault(int(start // IDF_BLOCK_SECONDS), set()).update(words)
    total = max(1, len(blocks))
    frequency: Counter[str] = Counter()
    for words in blocks.values():
        frequency.update(words)
    # one logarithm per distinct frequency (a few dozen), not per word (thousands)
    idf = {n: math.log((1 + total) / (0.5 + n)) ** 2 for n in set(frequency.values())}
    return {w: idf[n] for w, n in frequency.items()}


def cohesion_curve(
    segments: Sequence[Segment], bags: Sequence[Counter[str]], window: float
) -> Cohesion:
    """Cosine similarity of the ``window`` seconds before and after each segment start."""
    return cohesion_curves(segments, bags, (window,))[0]


def cohesion_curves(
    segments: Sequence[Segment],
    bags: Sequence[Counter[str]],
    windows: Sequence[float],
    weights: dict[str, float] | None = None,
) -> tuple[Cohesion, ...]:
    """:func:`cohesion_curve` for each of ``windows``, the idf weights (:func:`idf_weights`,
    unless given) worked out once."""
    times = [s.start for s in segments]
    weights = idf_weights(bags, times) if weights is None else weights
    # words as numbers, counts in lists where every word starts at 0
    number = {word: k for k, word in enumerate(weights)}
    weighed = [
        [(number[word], n, weights[word], weights[word] * n) for word, n in words.items()]
        for words in bags
    ]
    zeros = [0] * len(number)
    return tuple(_curve(times, weighed, window, zeros) for window in windows)


_Weighed = list[tuple[int, int, float, float]]


def _move(
    target: list[int],
    other: list[int],
    words: _Weighed,
    sign: int,
    dot: float,
    norm: float,
) -> tuple[float, float]:
    """Add (``sign`` 1) or take away (-1) ``words`` (word number, count ``n``, weight ``w``,
    and ``w * n``) in ``target``: the new dot product with ``other`` and the new weighted norm
    of ``target``. Both windows count every word (0 if unsaid).

    The same sums, bit for bit, as ``dot += sign * w * n * other[word]`` and
    ``norm += w * ((c + sign * n) ** 2 - c * c)`` word by word: a sign flip is exact, so
    ``sign * w * n`` is ``w * n`` or its negation, and a word ``other`` lacks adds a zero,
    which leaves ``dot`` as it is (never -0.0: sums round to nearest, so it starts at and
    stays at +0.0 when zero).
    """
    if sign > 0:
        for word, n, w, wn in words:
            c = target[word]
            p = other[word]
            if p:
                dot += wn * p
            new = c + n
            norm += w * (new * new - c * c)
            target[word] = new
    else:
        for word, n, w, wn in words:
            c = target[word]
            p = other[word]
            if p:
                dot -= wn * p
            new = c - n
            norm += w * (new * new - c * c)
            target[word] = new
    return dot, norm


def _curve(
    times: Sequence[float], weighed: Sequence[_Weighed], window: float, zeros: list[int]
) -> Cohesion:
    """The curve of one window: two sliding windows whose dot product and norms are updated
    word by word (a segment without content words changes nothing and is passed over)."""
    before = zeros.copy()
    after = zeros.copy()
    dot = before_norm = after_norm = 0.0
    values: list[float] = []
    lo = hi = 0
    size = len(times)
    for i, t in enumerate(times):
        if i > 0 and (words := weighed[i - 1]):
            dot, after_norm = _move(after, before, words, -1, dot, after_norm)
            dot, before_norm = _move(before, after, words, +1, dot, before_norm)
        if hi < i:
            hi = i
        while hi < size and times[hi] < t + window:
            if words := weighed[hi]:
                dot, after_norm = _move(after, before, words, +1, dot, after_norm)
            hi += 1
        while lo < i and times[lo] < t - window:
            if words := weighed[lo]:
                dot, before_norm = _move(before, after, words, -1, dot, before_norm)
            lo += 1
        # (max(norm, 0.0) of each, without the calls)
        norm = math.sqrt(
            (0.0 if before_norm < 0.0 else before_norm) * (0.0 if after_norm < 0.0 else after_norm)
        )
        values.append(dot / norm if norm > 1e-12 else 0.0)
    return Cohesion(tuple(times), tuple(values), window)


def novelty_curve(
    times: Sequence[float],
    bags: Sequence[Counter[str]],
    ahead: float,
    back: float,
    weights: dict[str, float] | None = None,
) -> list[float]:
    """At every segment start: the share of the words of the next ``ahead`` seconds (idf
    weighted) that nobody said in the ``back`` seconds before. A new subject brings words of
    its own; a digression comes back to words just used.

    >>> bags = [Counter(w.split()) for w in ("port crane", "port crane", "apple cider")]
    >>> [round(v, 2) for v in novelty_curve([0, 10, 20], bags, ahead=10, back=20)]
    [1.0, 0.0, 1.0]
    """
    squared = idf_weights(bags, times) if weights is None else weights  # (:func:`idf_weights`)
    said: dict[str, list[float]] = {}
    for t, words in zip(times, bags, strict=True):
        for word in words:
            said.setdefault(word, []).append(t)
    # the window's words are summed in the order they first entered it (a Counter's order),
    # which is the order of first use: only those with a count above 0, sorted by it, are
    # visited, not every word said so far (the sums are the same, bit for bit). A word is
    # the number of its first use, so that order is the numbers' and counts are in lists.
    number = {word: k for k, word in enumerate(said)}
    idf = [math.sqrt(squared[word]) for word in said]
    heard = list(said.values())
    numbered = [[(number[word], n) for word, n in words.items()] for words in bags]
    window = [0] * len(said)
    weight = [0.0] * len(said)  # idf[k] * window[k], kept with the count
    inside: set[int] = set()

    def move(words: list[tuple[int, int]], sign: int) -> None:
        for k, n in words:
            count = window[k] = window[k] + sign * n
            weight[k] = idf[k] * count
            if count > 0:
                inside.add(k)
            else:
                inside.discard(k)

    # when each word was last said before ``t`` (None: never; the last of ``said[word]``
    # before ``t``, by bisection, in the plain version), kept as ``t`` moves on: the segments
    # before ``passed`` in time order start before it. In the rare step back in time (split
    # pieces of one stamp) those passed again are taken back and their words bisected; a word
    # whose own times go back somewhere is bisected at every step, as the plain version does.
    order = sorted(range(len(times)), key=times.__getitem__)
    passing = [times[s] for s in order]
    tangled: set[int] = set()  # (none where the segments are in time order)
    if any(map(gt, times, times[1:])):
        tangled = {k for k, spoken in enumerate(heard) if any(map(gt, spoken, spoken[1:]))}
    if any(x != x for x in times):  # (NaN: no order to keep; bisection, as ever)
        tangled = set(range(len(heard)))
    last: list[float | None] = [None] * len(said)
    values = []
    hi = passed = 0
    for i, t in enumerate(times):
        if i > 0:
            move(numbered[i - 1], -1)
        if hi < i:
            hi = i
        while hi < len(times) and times[hi] < t + ahead:
            move(numbered[hi], +1)
            hi += 1
        while passed < len(times) and passing[passed] < t:
            when = passing[passed]
            for k, _ in numbered[order[passed]]:
                last[k] = when
            passed += 1
        while passed > 0 and passing[passed - 1] >= t:
            passed -= 1
            for k, _ in numbered[order[passed]]:
                j = bisect_left(heard[k], t)
                last[k] = heard[k][j - 1] if j else None
        if tangled:
            for k in tangled.intersection(inside):
                j = bisect_left(heard[k], t)
                last[k] = heard[k][j - 1] if j else None
        cut = t - back
        total = new = 0.0
        for k in sorted(inside):
            total += weight[k]
            before = last[k]
            if before is None or before < cut:
                new += weight[k]
        values.append(new / total if total > 0 else 0.0)
    return values
