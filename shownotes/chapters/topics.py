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
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import fmean, pstdev

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

    def is_minimum(self, index: int, radius: float) -> bool:
        """Whether no point within ``radius`` seconds has a lower value."""
        lo = bisect_left(self.times, self.times[index] - radius)
        hi = bisect_right(self.times, self.times[index] + radius)
        return self.values[index] <= min(self.values[lo:hi])

    def low_quantile(self, fraction: float) -> float:
        """The value below which ``fraction`` of the curve lies."""
        ordered = sorted(self.values)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def idf_weights(bags: Sequence[Counter[str]], times: Sequence[float]) -> dict[str, float]:
    """Squared idf of every word, documents being blocks of :data:`IDF_BLOCK_SECONDS`."""
    blocks: dict[int, set[str]] = {}
    for words, start in zip(bags, times, strict=True):
        blocks.setdefault(int(start // IDF_BLOCK_SECONDS), set()).update(words)
    total = max(1, len(blocks))
    frequency: Counter[str] = Counter()
    for words in blocks.values():
        frequency.update(words)
    return {w: math.log((1 + total) / (0.5 + n)) ** 2 for w, n in frequency.items()}


class _Window:
    """A bag of words with weighted norm, and the dot product with a partner window."""

    __slots__ = ("counts", "norm")

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.norm = 0.0


def cohesion_curve(
    segments: Sequence[Segment], bags: Sequence[Counter[str]], window: float
) -> Cohesion:
    """Cosine similarity of the ``window`` seconds before and after each segment start."""
    times = [s.start for s in segments]
    weights = idf_weights(bags, times)
    before, after = _Window(), _Window()
    dot = 0.0

    def add(target: _Window, other: _Window, words: Counter[str], sign: int) -> None:
        nonlocal dot
        for word, n in words.items():
            w = weights[word]
            c = target.counts[word]
            dot += sign * w * n * other.counts[word]
            target.norm += w * ((c + sign * n) ** 2 - c * c)
            target.counts[word] = c + sign * n

    values: list[float] = []
    lo = hi = 0
    for i, t in enumerate(times):
        if i > 0:
            add(after, before, bags[i - 1], -1)
            add(before, after, bags[i - 1], +1)
        hi = max(hi, i)
        while hi < len(times) and times[hi] < t + window:
            add(after, before, bags[hi], +1)
            hi += 1
        while lo < i and times[lo] < t - window:
            add(before, after, bags[lo], -1)
            lo += 1
        norm = math.sqrt(max(before.norm, 0.0) * max(after.norm, 0.0))
        values.append(dot / norm if norm > 1e-12 else 0.0)
    return Cohesion(tuple(times), tuple(values), window)


def topic_boundaries(
    cohesion: Cohesion,
    start: float,
    end: float,
    *,
    min_spacing: float,
    strictness: float = 0.5,
) -> list[int]:
    """Segment indices where the topic shifts between ``start`` and ``end`` (exclusive).

    Candidates are local minima of the curve; those whose depth clears
    ``mean + strictness * stdev`` of all candidate depths are taken deepest first, at least
    ``min_spacing`` seconds from each other and from ``start`` and ``end``.
    """
    times = cohesion.times
    lo = bisect_right(times, start + min_spacing)
    hi = bisect_left(times, end - min_spacing)
    radius = min_spacing / 2
    candidates = [
        (cohesion.depth(i), i)
        for i in range(lo, hi)
        if (i == 0 or times[i] > times[i - 1]) and cohesion.is_minimum(i, radius)
    ]
    if not candidates:
        return []
    depths = [d for d, _ in candidates]
    cutoff = fmean(depths) + strictness * pstdev(depths)
    chosen: list[int] = []
    for depth, i in sorted(candidates, reverse=True):
        if depth < cutoff:
            break
        if all(abs(times[i] - times[j]) >= min_spacing for j in chosen):
            chosen.append(i)
    return sorted(chosen)


def novelty_curve(
    times: Sequence[float], bags: Sequence[Counter[str]], ahead: float, back: float
) -> list[float]:
    """At every segment start: the share of the words of the next ``ahead`` seconds (idf
    weighted) that nobody said in the ``back`` seconds before. A new subject brings words of
    its own; a digression comes back to words just used.

    >>> bags = [Counter(w.split()) for w in ("port crane", "port crane", "apple cider")]
    >>> [round(v, 2) for v in novelty_curve([0, 10, 20], bags, ahead=10, back=20)]
    [1.0, 0.0, 1.0]
    """
    weights = {w: math.sqrt(x) for w, x in idf_weights(bags, times).items()}
    said: dict[str, list[float]] = {}
    for t, words in zip(times, bags, strict=True):
        for word in words:
            said.setdefault(word, []).append(t)
    values = []
    window: Counter[str] = Counter()
    hi = 0
    for i, t in enumerate(times):
        if i > 0:
            window.subtract(bags[i - 1])
        hi = max(hi, i)
        while hi < len(times) and times[hi] < t + ahead:
            window.update(bags[hi])
            hi += 1
        total = new = 0.0
        for word, count in window.items():
            if count <= 0:
                continue
            weight = weights[word] * count
            total += weight
            heard = said[word]
            k = bisect_left(heard, t)
            if k == 0 or heard[k - 1] < t - back:
                new += weight
        values.append(new / total if total > 0 else 0.0)
    return values
