"""Signals besides cue phrases: pauses and the sponsors' names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from shownotes.chapters.scan import Scanner
from shownotes.chapters.words import STOPWORDS
from shownotes.models import Segment

#: Speaking rate assumed when a segment's end is not known (words per second).
DEFAULT_WORDS_PER_SECOND = 2.5
_SPONSOR_NAME = re.compile(
    r"\b(?:brought to you by|sponsored by|thanks? to|thank you to) (?P<name>[a-z0-9]+)"
    r"(?: (?P<second>[a-z0-9]+))?"
)
_SPONSOR_TAIL = re.compile(r"\bfor sponsoring\b")


def speech_rate(segments: Sequence[Segment], counts: Sequence[int] | None = None) -> float:
    """Words per second over segments whose length looks like speech (not silence);
    ``counts``, if given, are the segments' numbers of words.

    >>> speech_rate([Segment(0, 2, "one two three four five")])
    2.5
    """
    counts = [len(seg.text.split()) for seg in segments] if counts is None else counts
    words = seconds = 0.0
    for seg, n in zip(segments, counts, strict=True):
        length = seg.end - seg.start
        if n and 0 < length <= 4 * n / DEFAULT_WORDS_PER_SECOND:
            words += n
            seconds += length
    return words / seconds if seconds and words > 50 else DEFAULT_WORDS_PER_SECOND


def find_gaps(segments: Sequence[Segment], gap_seconds: float) -> list[int]:
    """Indices of segments that start after more than ``gap_seconds`` without speech.

    A segment's speech is taken to last as long as its words need at a slow speaking rate, so
    a long stamped turn is not a pause but two words followed by 20 silent seconds are.

    >>> segs = [Segment(0, 3, "a b c d e"), Segment(3, 25, "progress is"), Segment(25, 30, "x")]
    >>> find_gaps(segs, 8.0)
    [2]
    """
    counts = [len(seg.text.split()) for seg in segments]  # (counted once for both)
    slow = 0.6 * speech_rate(segments, counts)
    found = []
    for i in range(1, len(segments)):
        prev = segments[i - 1]
        spoken = min(prev.end - prev.start, counts[i - 1] / slow)
        if segments[i].start - (prev.start + max(spoken, 0.0)) > gap_seconds:
            found.append(i)
    return found


def sponsor_names(text: str) -> frozenset[str]:
    """Names of the episode's sponsors, from "brought to you by X" and "thanks to X for
    sponsoring", in the episode's normalized text (``TextStream.text``).

    >>> from shownotes.chapters.normalize import normalize
    >>> sponsor_names(normalize("This episode is brought to you by Acme. Check them out"))
    frozenset({'acme'})
    """
    names: set[str] = set()
    for match in Scanner(text, index=False).finditer(_SPONSOR_NAME):  # (_SPONSOR_NAME.finditer)
        tail = text[match.end() : match.end() + 40]
        direct = match.group(0).startswith(("brought", "sponsored"))
        if not direct and not _SPONSOR_TAIL.match(tail.lstrip()):
            continue
        name = match["name"]
        if name not in STOPWORDS and not name.isdigit() and len(name) > 2:
            names.add(name)
    return frozenset(names)
