"""What is said in an episode, in time: segments of speech and the transcript.

Times are float seconds from the start of the audio. (Kept apart from the show, the
detection settings and :class:`~shownotes.models.chapter.Chapter`, so that each command
builds only the dataclasses it uses.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Segment:
    """One timed stretch of speech: a caption cue, a stamped line, a Whisper segment."""

    start: float
    end: float
    text: str
    speaker: str | None = None
    #: Line of the source file the segment starts on (1-based), for messages; None for JSON.
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Transcript:
    """The segments of one episode in time order, plus what the file said about itself."""

    segments: tuple[Segment, ...]
    title: str | None = None
    description: str | None = None
    language: str | None = None
    #: Name of the reader that produced it: ``seed``, ``srt``, ``vtt``, ``podcast-json``, ...
    format: str = ""
    source: Path | None = None

    @property
    def duration(self) -> float:
        """End of the last segment (0 for an empty transcript)."""
        return self.segments[-1].end if self.segments else 0.0

    @property
    def speakers(self) -> tuple[str, ...]:
        """Speaker names in order of first appearance."""
        return tuple(dict.fromkeys(s.speaker for s in self.segments if s.speaker))
