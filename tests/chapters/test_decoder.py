"""The decoder's pruned search chooses exactly what the plain quadratic search chooses."""

from __future__ import annotations

import math

from hypothesis import example, given, settings
from hypothesis import strategies as st

from shownotes.chapters.decoder import Model, decode


def reference_decode(
    times: list[float],
    scores: list[float],
    end: float,
    model: Model,
    *,
    min_seconds: float,
    first_min_seconds: float,
) -> list[int]:
    """Every earlier start tried for every candidate, first best kept: the definition."""
    inv = 1.0 / (2 * model.sigma * model.sigma)

    def cost(length: float) -> float:
        d = math.log(max(length, 1.0)) - math.log(model.length)
        return d * d * inv

    def first_cost(length: float) -> float:
        if not model.intro:
            return cost(length)
        d = math.log(max(length, 1.0)) - math.log(model.intro)
        return d * d / (2 * model.intro_sigma**2)

    best, back = [0.0] * len(times), [-1] * len(times)
    for j, t in enumerate(times):
        top = -first_cost(t) if t >= first_min_seconds else -math.inf
        arg = -1
        for i in range(j):
            if times[i] <= t - min_seconds and best[i] - cost(t - times[i]) > top:
                top, arg = best[i] - cost(t - times[i]), i
        best[j], back[j] = top + (scores[j] + model.offset), arg  # (summed as decode sums)
    total, last = -first_cost(end), -1
    for j, t in enumerate(times):
        if end - t >= min_seconds and best[j] - cost(end - t) > total:
            total, last = best[j] - cost(end - t), j
    chosen = []
    while last >= 0:
        chosen.append(last)
        last = back[last]
    return chosen[::-1]


@settings(max_examples=300, deadline=None)
# two paths of exactly equal worth, whose sums round differently unless the reference adds
# a candidate's score and the offset in the order decode does
@example(
    gaps=[136, 238, 14, 238],
    score_values=[0.0] + [-3.0] * 59,
    length=183.0,
    sigma=0.3,
    offset=1.0,
    min_seconds=1.0,
    tail=0,
    intro=0.0,
)
@given(
    # whole seconds and a few score values, so that ties between paths are common
    gaps=st.lists(st.integers(1, 400), min_size=0, max_size=60),
    score_values=st.lists(st.sampled_from([-3.0, -1.0, 0.0, 0.5, 2.0, 8.0]), min_size=60),
    length=st.sampled_from([30.0, 100.0, 183.0]),
    # an infinite spread makes the length prior flat: every path of equal evidence ties
    sigma=st.sampled_from([0.3, 0.92, 2.0, math.inf]),
    offset=st.sampled_from([0.0, 1.0]),
    min_seconds=st.sampled_from([1.0, 10.0, 30.0]),
    tail=st.integers(0, 500),
    intro=st.sampled_from([0.0, 45.0]),
)
def test_pruned_decoder_matches_the_full_search(
    gaps: list[int],
    score_values: list[float],
    length: float,
    sigma: float,
    offset: float,
    min_seconds: float,
    tail: int,
    intro: float,
) -> None:
    times = [float(sum(gaps[: k + 1])) for k in range(len(gaps))]
    scores = score_values[: len(times)]
    end = (times[-1] if times else 0.0) + tail
    model = Model(weights=(), length=length, sigma=sigma, offset=offset, intro=intro)
    chosen = decode(times, scores, end, model, min_seconds=min_seconds, first_min_seconds=8.0)
    assert chosen == reference_decode(
        times, scores, end, model, min_seconds=min_seconds, first_min_seconds=8.0
    )


def test_the_intro_prior_expects_a_short_opening_chapter() -> None:
    # a weak candidate 45 s in and a strong one at 400 s, in a 20-minute episode
    times, scores = [45.0, 400.0], [-1.0, 3.0]
    plain = Model(weights=(), length=300.0, sigma=0.9, offset=1.0)
    kw = {"min_seconds": 30.0, "first_min_seconds": 8.0}
    assert decode(times, scores, 1200.0, plain, **kw) == [1]
    with_intro = Model(weights=(), length=300.0, sigma=0.9, offset=1.0, intro=50.0, intro_sigma=0.9)
    assert decode(times, scores, 1200.0, with_intro, **kw) == [0, 1]
