"""Fit the decoder's model on episodes whose chapters a publisher made.

:func:`training_example` turns one episode into feature rows (one per candidate segment) and
labels (a true chapter starts within the scoring tolerance); :func:`fit_model` fits the
candidate weights by logistic regression and the chapter-length prior from the true chapter
lengths. ``shownotes eval`` uses both for its leave-one-show-out check; the packaged
:data:`~shownotes.chapters.decoder.MODEL` is the fit on the whole development corpus.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from statistics import fmean, median

from shownotes.chapters.decoder import FEATURES, FIXED, MODEL, REFERENCE_SECONDS, Model, fit
from shownotes.chapters.detector import Context, candidates, fitting_cues, prepared_cues
from shownotes.chapters.shape import INTRO_FLOOR_SECONDS
from shownotes.models import Detection, Transcript

#: A candidate within this many seconds of a true start is a positive example (the scoring
#: tolerance: any of them would be matched).
LABEL_SECONDS = 15.0
#: Ridge penalty of the logistic regression (on every weight but the bias).
RIDGE = 1.0


@dataclass(frozen=True, slots=True)
class Example:
    """One episode as training data."""

    show: str
    rows: tuple[tuple[float, ...], ...]
    labels: tuple[bool, ...]
    #: Lengths of the true chapters (seconds), and where the episode ends.
    lengths: tuple[float, ...]
    end: float


def training_example(
    show: str,
    transcript: Transcript,
    truth: Sequence[float],
    end: float,
    settings: Detection | None = None,
) -> Example:
    """Feature rows and labels of every candidate of one episode."""
    ctx = Context.build(transcript, settings or Detection(), end)
    cues = fitting_cues(prepared_cues(ctx), ctx)
    found = candidates(ctx, cues)
    starts = sorted(t for t in truth if t > 0)
    labels = tuple(any(abs(c.time - t) <= LABEL_SECONDS for t in starts) for c in found)
    bounds = [0.0, *starts, max(end, starts[-1] + 1 if starts else end)]
    lengths = tuple(b - a for a, b in itertools.pairwise(bounds) if b > a)
    return Example(show, tuple(c.row for c in found), labels, lengths, end)


def fit_model(examples: Sequence[Example], base: Model = MODEL) -> Model:
    """Candidate weights by logistic regression (but :data:`FIXED`); the length prior from the
    true lengths (:func:`fit_lengths`); ``offset`` and ``announced`` from ``base``."""
    rows = [r for e in examples for r in e.rows]
    labels = [y for e in examples for y in e.labels]
    weights = fit(rows, labels, ridge=RIDGE)
    for name, value in FIXED.items():
        weights[FEATURES.index(name)] = value
    length, sigma, exponent = fit_lengths(examples)
    intro, intro_sigma = fit_intro(examples)
    return replace(
        base,
        weights=tuple(weights),
        length=length,
        sigma=sigma,
        exponent=exponent,
        intro=intro,
        intro_sigma=intro_sigma,
    )


def median_spread(values: Sequence[float]) -> tuple[float, float]:
    """The median of ``values`` and their root-mean-square distance from it: the centre and
    spread of a log-normal prior, fitted on logarithms.

    >>> median_spread([1.0, 2.0, 6.0])
    (2.0, 2.3804761428476167)
    """
    centre = median(values)
    return centre, math.sqrt(sum((x - centre) ** 2 for x in values) / len(values))


def fit_intro(examples: Sequence[Example]) -> tuple[float, float]:
    """The intro prior: the median length of the opening chapter (a start in the first
    :data:`~shownotes.chapters.shape.INTRO_FLOOR_SECONDS` is the episode's start, not an
    intro) and the spread of its ln around that.

    >>> fit_intro([Example("a", (), (), (30.0, 500.0), 900.0),
    ...            Example("b", (), (), (1.0, 120.0, 500.0), 900.0)])
    (60.0, 0.69)
    """
    firsts = [next((x for x in e.lengths if x >= INTRO_FLOOR_SECONDS), None) for e in examples]
    logs = sorted(math.log(x) for x in firsts if x is not None)
    if not logs:
        return 0.0, 1.0
    centre, spread = median_spread(logs)
    return round(math.exp(centre), 1), round(max(spread, 0.1), 2)


def fit_lengths(examples: Sequence[Example]) -> tuple[float, float, float]:
    """The length prior: how ln(chapter length) grows with ln(episode length) (least squares,
    kept between 0 and 1), the typical length of a :data:`REFERENCE_SECONDS` episode (the
    median after that growth) and the spread around it.

    >>> fit_lengths([Example("a", (), (), (100.0, 100.0), 900.0),
    ...              Example("b", (), (), (200.0, 200.0), 3600.0)])
    (200.0, 0.0, 0.5)
    """
    pairs = [
        (math.log(e.end / REFERENCE_SECONDS), math.log(length))
        for e in examples
        for length in e.lengths
        if length > 0 and e.end > 0
    ]
    xs, ys = [x for x, _ in pairs], [y for _, y in pairs]
    mx, my = fmean(xs), fmean(ys)
    spread_x = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in pairs) / spread_x if spread_x > 0 else 0.0
    exponent = min(1.0, max(0.0, slope))
    residuals = [y - exponent * x for x, y in pairs]
    centre, sigma = median_spread(residuals)
    return round(math.exp(centre), 6), round(sigma, 6), round(exponent, 6)
