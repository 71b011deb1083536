"""Chapter detection settings (``detection:`` in the show config) and a learned style."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal


@dataclass(frozen=True, slots=True)
class CueRule:
    """A transition cue: a regular expression over normalized transcript text.

    ``kind`` says what the chapter it starts is; ``label`` titles it (``{n}`` is the story
    number the pattern captured as ``n``); ``weak`` cues split a chapter only with support
    from another signal.
    """

    pattern: str
    kind: Literal["story", "quick", "segment", "sponsor", "wrapup", "intro", "outro"]
    label: str = ""
    weak: bool = False

    def __post_init__(self) -> None:
        try:
            re.compile(self.pattern)
        except re.error as exc:
            raise ValueError(
                f"pattern {self.pattern!r} is not a valid regular expression: {exc}; "
                "in YAML, single quotes keep backslashes as they are"
            ) from None


@dataclass(frozen=True, slots=True)
class Section:
    """A named part a show has in many episodes ("Extras", "Listener question")."""

    title: str
    #: In how many of the training episodes it appears.
    episodes: int = 0
    #: Where it usually starts, as a share of the episode (0 the start, 1 the end).
    at: float = 0.0


@dataclass(frozen=True, slots=True)
class Style:
    """A show's chapter style, learned by ``shownotes learn`` (``detection.style``).

    The chapter-length prior is blended with the decoder's default one by the evidence: the
    more chapters it was learned from, the more it counts.
    """

    #: How many episodes and chapters it was learned from.
    episodes: int = 0
    chapters: int = 0
    #: Typical chapter length (seconds, the median) and the spread of ln(length).
    chapter_seconds: float = 0.0
    spread: float = 0.0
    #: Typical number of chapters in an episode (the median).
    chapters_per_episode: float = 0.0
    #: Where the first chapter after the opening usually starts (seconds; none: no intro).
    intro_seconds: float | None = None
    #: Where a recurring sponsor slot usually starts (seconds), if the show has one.
    sponsor_seconds: float | None = None
    #: Title of the show's recurring closing section, if it has one.
    closing: str | None = None
    #: Sections that recur in the training episodes, by how often.
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True, slots=True)
class Detection:
    """Settings for chapter detection (``detection:`` in the show config)."""

    #: Extra cue rules, tried before the defaults.
    rules: tuple[CueRule, ...] = ()
    #: Use only ``rules`` and not the default rule set shipped with shownotes.
    replace_default_rules: bool = False
    #: A jump between consecutive stamps longer than this (seconds) suggests an edit or ad cut.
    gap_seconds: float = 8.0
    #: Chapters shorter than this (seconds) are merged into a neighbour.
    min_chapter_seconds: float = 30.0
    #: At most this many chapters.
    max_chapters: int = 30
    #: Aim for this many chapters, the opening one included: how eagerly the decoder starts a
    #: chapter is set per episode to come closest (None: as many as the evidence and the
    #: chapter-length prior give). For a show whose publisher always makes about N.
    chapter_count: int | None = None
    #: Title of the opening chapter before the first cue.
    intro_title: str = "Intro"
    #: Longest chapter title made by detection, in characters (40: what Spotify shows whole).
    title_max_length: int = 40
    #: A rules file (written by ``shownotes learn``, or by hand) with more detection keys: its
    #: rules are tried after these, its other keys apply where the config keeps the default.
    rules_file: Path | None = None
    #: The show's learned chapter style (written by ``shownotes learn``).
    style: Style | None = None

    def __post_init__(self) -> None:
        if self.title_max_length < 12:
            raise ValueError(f"title_max_length must be 12 or more, got {self.title_max_length}")
        if self.chapter_count is not None and not 1 <= self.chapter_count <= self.max_chapters:
            raise ValueError(
                f"chapter_count must be from 1 to max_chapters ({self.max_chapters}), "
                f"got {self.chapter_count}"
            )
