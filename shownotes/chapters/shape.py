"""Chapter boundaries and the shape rules they obey: minimum length, maximum count, numbering."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace

#: How strongly each source of a boundary says "a chapter starts here"; merging short chapters
#: and capping the count drop the weaker boundary first.
STRENGTH = {
    "start": 100,
    "numbered": 8,
    "wrapup": 7,
    "quick": 6,
    "segment": 6,
    "story": 5,
    "outro": 4,
    "intro": 4,
    "gap": 3,
    "weak": 2,
    "turn": 1,
}
#: An opening shorter than this is merged even though intros are exempt from the minimum.
INTRO_FLOOR_SECONDS = 8.0


@dataclass(frozen=True, slots=True)
class Boundary:
    """Where a chapter starts, what kind of chapter it is and how its title is made."""

    segment: int
    time: float
    kind: str
    #: The title template: ``{n}`` the story number, ``{topic}`` the chapter's topic.
    label: str = "{topic}"
    number: int | None = None
    #: Which signal made it: a key of :data:`STRENGTH`.
    source: str = "story"

    @property
    def strength(self) -> int:
        return STRENGTH.get(self.source, 1)


def _lengths(bounds: Sequence[Boundary], end: float) -> list[float]:
    times = [b.time for b in bounds] + [end]
    return [times[i + 1] - times[i] for i in range(len(bounds))]


def merge_short(bounds: list[Boundary], end: float, min_seconds: float) -> list[Boundary]:
    """Merge chapters shorter than ``min_seconds`` into a neighbour, shortest first.

    Of the two boundaries around a short chapter the weaker goes. The opening intro is exempt
    unless it is shorter than :data:`INTRO_FLOOR_SECONDS`.

    >>> bs = [Boundary(0, 0, "intro", source="start"), Boundary(1, 20, "story", source="story"),
    ...       Boundary(2, 30, "story", source="weak"), Boundary(3, 90, "story", source="gap")]
    >>> [b.time for b in merge_short(bs, 200, 30)]
    [0, 20, 90]
    """
    bounds = list(bounds)
    while len(bounds) > 1:
        lengths = _lengths(bounds, end)
        short = [
            (length, i)
            for i, length in enumerate(lengths)
            if length < min_seconds
            and not (i == 0 and bounds[0].kind == "intro" and length >= INTRO_FLOOR_SECONDS)
        ]
        if not short:
            break
        _, i = min(short)
        if i == 0 and bounds[0].kind == "intro":
            bounds[1] = replace(bounds[1], segment=bounds[0].segment, time=bounds[0].time)
            del bounds[0]
        elif i == 0:
            del bounds[1]
        elif i == len(bounds) - 1 or bounds[i].strength < bounds[i + 1].strength:
            del bounds[i]
        else:
            del bounds[i + 1]
    return bounds


def limit_count(bounds: list[Boundary], end: float, max_chapters: int) -> list[Boundary]:
    """Drop the weakest boundaries (the shortest chapter first among equals) until few enough."""
    bounds = list(bounds)
    while len(bounds) > max(1, max_chapters):
        lengths = _lengths(bounds, end)
        _, _, i = min(
            (bounds[i].strength, lengths[i - 1] + lengths[i], i) for i in range(1, len(bounds))
        )
        del bounds[i]
    return bounds


def number_stories(bounds: list[Boundary]) -> list[Boundary]:
    """Give unnumbered stories between numbered ones the numbers the gap implies.

    Between "Story 1" and "Story 3" one unnumbered story is "Story 2"; a run that does not fit
    the gap exactly is left alone.

    >>> bs = [Boundary(0, 0, "story", "Story {n}", 1), Boundary(1, 9, "story"),
    ...       Boundary(2, 20, "story", "Story {n}", 3)]
    >>> [(b.number, b.label) for b in number_stories(bs)]
    [(1, 'Story {n}'), (2, 'Story {n}'), (3, 'Story {n}')]
    """
    bounds = list(bounds)
    numbered = [i for i, b in enumerate(bounds) if b.kind == "story" and b.number is not None]
    for a, b in itertools.pairwise(numbered):
        first, last = bounds[a].number or 0, bounds[b].number or 0
        between = list(range(a + 1, b))
        if (
            between
            and all(bounds[i].kind == "story" for i in between)
            and last - first - 1 == len(between)
        ):
            for offset, i in enumerate(between, start=1):
                bounds[i] = replace(bounds[i], number=first + offset, label=bounds[a].label)
    return bounds
