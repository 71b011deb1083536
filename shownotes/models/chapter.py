"""A chapter of an episode: what ``shownotes tag`` reads and writes, and detection finds.

Times are float seconds from the start of the audio. (A module of its own so that reading
and writing chapters builds this one dataclass and no other: about a millisecond each.)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Chapter:
    """A chapter: where it starts and ends, what it is called, optional link and art."""

    start: float
    end: float
    title: str
    url: str | None = None
    image: str | None = None
    #: False for a silent marker (shown in no table of contents; carries art or a link only).
    toc: bool = True
