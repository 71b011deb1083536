"""One decoder for every episode: score each candidate boundary, then choose the best set.

Every segment start is a candidate. :func:`score` turns its signals (cue, turn-taking,
pause, cohesion drop; see :data:`FEATURES`) into a log-odds that a chapter starts near it,
with the weights of a logistic model (:data:`WEIGHTS`). :func:`decode` then chooses the set of
boundaries that maximizes

    sum over boundaries (log-odds + offset)  -  sum over chapters (ln(length / L))² / 2σ²

by dynamic programming: a boundary is worth taking when its evidence, plus what it does for
the chapter lengths, beats leaving it out. ``L`` is the typical chapter length, ``σ`` how
much lengths spread (a log-normal length prior). There is no mode switch: a strong cue is
nearly certain because its weight is large, and every other candidate competes.

The weights, the length prior and the offset are fitted (:func:`fit`) on the development
corpus; ``shownotes eval`` reports a leave-one-show-out check of that fit.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from operator import mul

#: The signals of a candidate, in the order of a feature row: 0/1, but the two cohesion drops
#: (0–3, see ``detector._drops``).
FEATURES = (
    "bias",
    "cue",  # a strong cue phrase starts here
    "weak_cue",  # a weak cue phrase ("speaking of") starts here
    "sponsor",  # an ad read starts here (never a chapter start)
    "ack",  # acknowledgement, then the turn goes on ("great, so…")
    "question",  # the turn opens with a question
    "handoff",  # a verb of moving on ("let's talk about", "one more thing")
    "backchannel",  # the segment before is a short reply ("Yes.")
    "new_speaker",  # labelled transcripts: the speaker changed
    "pause",  # silence before it
    "next_turn",  # ack, handoff or question in the next segment (within a few seconds)
    "drop",  # how far the words change here (cohesion depth over ±90 s, in sd above the mean)
    "long_drop",  # ... over ±3 min: the change lasts about a chapter
    "new_words",  # share of the next minute's words not heard in the 3 min before (sd, 0–3)
)


#: The episode length at which :attr:`Model.length` is the typical chapter length.
REFERENCE_SECONDS = 3600.0


@dataclass(frozen=True, slots=True)
class Model:
    """Weights of the candidate score and the chapter-length prior."""

    weights: tuple[float, ...]
    #: Typical chapter length (seconds) of a :data:`REFERENCE_SECONDS` episode, and the
    #: spread of ln(length).
    length: float
    sigma: float
    #: Added to every boundary's log-odds: how eagerly the decoder starts a chapter.
    offset: float = 0.0
    #: Taken off the offset of candidates without a cue, times the share of the episode's
    #: expected chapters that its cues already announce: a host who announces items makes
    #: the decoder trust unannounced turns less.
    announced: float = 0.0
    #: How the typical length grows with the episode: ``length × (end / reference) ** this``
    #: (0: the same for every episode; longer episodes have somewhat longer chapters).
    exponent: float = 0.0
    #: Typical length (seconds) of the opening chapter, the intro, and the spread of its ln:
    #: an intro is short whatever the episode's length (0: the same prior as every chapter).
    intro: float = 0.0
    intro_sigma: float = 1.0

    def typical(self, end: float) -> float:
        """The typical chapter length (seconds) of an episode that ends at ``end``.

        >>> Model(weights=(), length=200.0, sigma=1.0, exponent=0.5).typical(900.0)
        100.0
        """
        return self.length * (max(end, 1.0) / REFERENCE_SECONDS) ** self.exponent


#: Weights that are not fitted: a strong cue is a near-certain chapter start, and so is a
#: pause (an edit in production); both are rare enough in the corpus that a fit would
#: under-weight them for shows that use them.
FIXED = {"cue": 8.0, "pause": 3.5}

#: Fitted on the development corpus (news and conversation shows together) with
#: :func:`shownotes.chapters.learn.fit_model`, then :data:`FIXED`; ``offset`` and ``announced``
#: chosen by hand on the leave-one-show-out figures of ``shownotes eval``. Fitted before long
#: segments were split at their sentences; a refit on the split segments scored 0.01–0.02
#: lower on both corpora, held out and not, so these stay.
MODEL = Model(
    weights=(-2.88, 8.0, 0.97, -0.54, 0.62, 0.12, 0.74, 0.41, -0.24, 3.5, 0.43, 0.32, 0.44, 1.08),
    length=183.0,
    sigma=0.89,
    exponent=0.42,
    offset=1.25,
    announced=3.0,
    intro=52.0,
    intro_sigma=0.9,
)


def score(row: Sequence[float], model: Model = MODEL) -> float:
    """Log-odds that a chapter starts near a candidate with feature ``row``."""
    if len(row) != len(model.weights):
        raise ValueError(f"a row of {len(row)} features for {len(model.weights)} weights")
    return sum(map(mul, model.weights, row))  # (the products in order, as a zip would give)


def decode(
    times: Sequence[float],
    scores: Sequence[float],
    end: float,
    model: Model = MODEL,
    *,
    min_seconds: float,
    first_min_seconds: float,
) -> list[int]:
    """Indices (into ``times``) of the best set of chapter starts after 0.

    ``times`` must be ascending and after 0; a chapter is at least ``min_seconds`` long (the
    first one at least ``first_min_seconds``), and the last one ends at ``end``.

    >>> m = Model(weights=(), length=100.0, sigma=0.5)
    >>> decode([50.0, 100.0, 150.0], [-1.0, 2.0, -1.0], 200.0, m, min_seconds=30,
    ...        first_min_seconds=10)
    [1]
    """
    inv = 1.0 / (2 * model.sigma * model.sigma)
    log_length = math.log(model.typical(end))

    def cost(length: float) -> float:
        d = math.log(max(length, 1.0)) - log_length
        return d * d * inv

    def first_cost(length: float) -> float:
        """The opening chapter's: the intro prior when the model has one."""
        if model.intro <= 0:
            return cost(length)
        d = math.log(max(length, 1.0)) - math.log(model.intro)
        return d * d / (2 * model.intro_sigma * model.intro_sigma)

    n = len(times)
    best = [0.0] * n
    back = [-1] * n
    #: peak[i] = max(best[: i + 1]), a bound on what any start up to i can offer.
    peak = [0.0] * n
    log = math.log
    for j in range(n):
        t = times[j]
        gain = scores[j] + model.offset
        top = -first_cost(t) if t >= first_min_seconds else -math.inf
        arg = -1
        hi = bisect_right(times, t - min_seconds, 0, j)
        # Latest start first, ties going to the earliest start (and to "no start before"),
        # as a forward scan with ">" would choose. Past the typical length the cost only
        # grows as the start moves back, so once peak[i] - cost cannot beat ``top`` (with a
        # margin far above rounding error) no earlier start can: the rest are skipped.
        margin = 1e-9 * (1.0 + abs(top))
        for i in range(hi - 1, -1, -1):
            length = t - times[i]
            d = log(length if length >= 1.0 else 1.0) - log_length  # (max(length, 1.0))
            c = d * d * inv
            value = best[i] - c
            if value > top or (value == top and arg >= 0):
                top, arg = value, i
            elif d > 0.0 and peak[i] - c + margin < top:
                break
        best[j] = top + gain
        back[j] = arg
        peak[j] = best[j] if j == 0 else max(peak[j - 1], best[j])
    total, last = -first_cost(end), -1
    for j in range(n):
        if end - times[j] >= min_seconds:
            value = best[j] - cost(end - times[j])
            if value > total:
                total, last = value, j
    chosen = []
    while last >= 0:
        chosen.append(last)
        last = back[last]
    return chosen[::-1]


def fit(rows: Sequence[Sequence[float]], labels: Sequence[bool], ridge: float = 1.0) -> list[float]:
    """Logistic-regression weights for feature ``rows`` and ``labels``.

    Newton's method on the distinct rows (their counts as weights), with a ridge penalty on
    every weight but the bias.

    >>> w = fit([(1, 1)] * 9 + [(1, 0)] * 90 + [(1, 1)] + [(1, 0)] * 10, [1] * 9 + [0] * 90
    ...         + [0] + [1] * 10, ridge=0.0)
    >>> [round(x, 2) for x in w]
    [-2.2, 4.39]
    """
    table: Counter[tuple[tuple[float, ...], bool]] = Counter(
        (tuple(r), bool(y)) for r, y in zip(rows, labels, strict=True)
    )
    k = len(next(iter(table))[0]) if table else 0
    w = [0.0] * k
    for _ in range(50):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for (row, y), count in table.items():
            z = sum(wi * xi for wi, xi in zip(w, row, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for a in range(k):
                if row[a]:
                    grad[a] += count * (y - p) * row[a]
                    for b in range(k):
                        if row[b]:
                            hess[a][b] += count * p * (1 - p) * row[a] * row[b]
        for a in range(1, k):
            grad[a] -= ridge * w[a]
            hess[a][a] += ridge
        step = _solve(hess, grad)
        w = [wi + si for wi, si in zip(w, step, strict=True)]
        if max((abs(s) for s in step), default=0.0) < 1e-6:
            break
    return w


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve ``matrix @ x = vector`` (symmetric, positive semi-definite) by elimination."""
    n = len(vector)
    a = [[*row, v] for row, v in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        if abs(a[pivot][col]) < 1e-12:
            continue
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col and a[r][col]:
                f = a[r][col] / a[col][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[i][n] / a[i][i] if abs(a[i][i]) > 1e-12 else 0.0 for i in range(n)]
