"""A show's learned chapter style at detection time (``detection.style``, ``shownotes learn``).

The learned cue rules need nothing here: they are ordinary ``detection.rules``. What needs a
step of its own is the chapter-length prior: the decoder's default prior (fitted on many
shows) is blended with the show's own by the amount of evidence, so a style learned from two
episodes moves the prior a little and one learned from forty moves it most of the way. The
intro prior (how long the opening chapter is) moves toward the show's own intro faster: shows
differ most in how long they open, and each keeps to its own.
"""

from __future__ import annotations

import math
from dataclasses import replace

from shownotes.chapters.decoder import Model
from shownotes.models import Style

#: The default length prior counts as this many episodes of evidence against the show's own.
#: Evidence is counted in episodes, not chapters: a show's episodes differ from each other
#: (a long interview, a short news week) more than the chapters of one episode do.
PRIOR_EPISODES = 5.0
#: The default intro prior counts as this many episodes against the show's own intro length.
INTRO_PRIOR_EPISODES = 1.0
#: A learned spread of ln(length) is never taken below this: a handful of equal-length
#: chapters must not make the prior forbid every other length.
MIN_SPREAD = 0.4


def evidence_weight(style: Style) -> float:
    """How much the show's own prior counts (0 to 1) given the episodes it was learned from.

    >>> round(evidence_weight(Style(episodes=5, chapters=40, chapter_seconds=300.0)), 2)
    0.5
    """
    if style.episodes <= 0 or style.chapters <= 0 or style.chapter_seconds <= 0:
        return 0.0
    return style.episodes / (style.episodes + PRIOR_EPISODES)


def styled_model(model: Model, style: Style | None) -> Model:
    """``model`` with its length prior blended with the show's learned one (in log space).

    >>> base = Model(weights=(), length=100.0, sigma=1.0)
    >>> m = styled_model(base, Style(episodes=5, chapters=40, chapter_seconds=400.0, spread=0.5))
    >>> round(m.length), round(m.sigma, 2)
    (200, 0.79)
    >>> styled_model(base, None) is base
    True

    The intro prior moves toward where the show's first chapter usually starts, faster (the
    default counts as one episode: shows differ most in their intros and keep to their own):

    >>> m = styled_model(replace(base, intro=50.0), Style(episodes=5, chapters=40,
    ...                  chapter_seconds=400.0, intro_seconds=200.0))
    >>> round(m.intro)
    159
    """
    if style is None:
        return model
    weight = evidence_weight(style)
    if weight <= 0:
        return model
    centre = (1 - weight) * math.log(model.length) + weight * math.log(style.chapter_seconds)
    spread = max(style.spread, MIN_SPREAD)
    sigma = math.sqrt((1 - weight) * model.sigma**2 + weight * spread**2)
    exponent = (1 - weight) * model.exponent  # the show's own length, whatever the episode's
    intro = model.intro
    if style.intro_seconds and model.intro > 0:
        # where the show's first chapter after the opening usually starts: shows differ
        # most in this and each keeps to its own, so its episodes count for more
        own = style.episodes / (style.episodes + INTRO_PRIOR_EPISODES)
        mixed = (1 - own) * math.log(model.intro) + own * math.log(style.intro_seconds)
        intro = math.exp(mixed)
    return replace(model, length=math.exp(centre), sigma=sigma, exponent=exponent, intro=intro)
