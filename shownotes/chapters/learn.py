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
from statistics import median

from shownotes.chapters.decoder import FEATURES, FIXED, MODEL, Model, fit
from shownotes.chapters.detector import Context, candidates, fitting_cues, prepared_cues
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
    #: Lengths of the true chapters (seconds).
    lengths: tuple[float, ...]


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
    return Example(show, tuple(c.row for c in found), labels, lengths)


def fit_model(examples: Sequence[Example], base: Model = MODEL) -> Model:
    """Candidate weights by logistic regression (but :data:`FIXED`); the length prior from the
    true lengths; ``offset`` and ``announced`` from ``base``."""
    rows = [r for e in examples for r in e.rows]
    labels = [y for e in examples for y in e.labels]
    weights = fit(rows, labels, ridge=RIDGE)
    for name, value in FIXED.items():
        weights[FEATURES.index(name)] = value
    logs = [math.log(length) for e in examples for length in e.lengths if length > 0]
    centre = median(logs)
    sigma = math.sqrt(sum((x - centre) ** 2 for x in logs) / len(logs))
    return replace(base, weights=tuple(weights), length=math.exp(centre), sigma=sigma)
