"""What every transcript reader shares: the raw segment, clean-up, validation and end times."""

from __future__ import annotations

import re
import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from shownotes.errors import InputError, TranscriptError, TranscriptOrderWarning
from shownotes.models import Segment, Transcript
from shownotes.timecode import format_exact
from shownotes.validate import MAX_SECONDS, seconds, xml_text

#: A stamp may go back this many seconds (an edit point, a caption overlap): it is clamped to
#: the stamp before it with a :class:`~shownotes.errors.TranscriptOrderWarning`. Further back
#: is disorder we cannot repair safely, and an error.
BACKSTEP_SECONDS = 5.0
#: Speaking rate used to give the last segment an end when the file gives none.
WORDS_PER_SECOND = 2.5

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"\s+")

#: A speaker label: up to four capitalized words (or a number, "Speaker 2"), then a colon.
SPEAKER = r"[A-Z][\w.'’-]*(?:[ \t](?:[A-Z][\w.'’-]*|\d+)){0,3}"
_SPEAKER_PREFIX = re.compile(rf"^(?P<speaker>{SPEAKER}):\s+(?P<text>.*)$", re.S)


@dataclass(slots=True)
class RawSegment:
    """A segment as a reader found it: the end may be missing, the speaker unconfirmed."""

    start: float
    end: float | None
    text: str
    line: int | None
    speaker: str | None = None


def clean_text(text: str) -> str:
    """One line of text: control characters (and anything else XML cannot carry) dropped,
    runs of white space made one space."""
    return _SPACES.sub(" ", xml_text(_CONTROL.sub(" ", text))).strip()


def split_speaker_prefixes(raw: list[RawSegment]) -> None:
    """Move ``Name: text`` prefixes into ``speaker`` when they look like real speaker labels.

    A label counts when it recurs: one that appears on a single segment while others recur,
    or a file where no label appears twice, is ordinary text ("Note: ...") and stays put.
    """
    found = [(seg, _SPEAKER_PREFIX.match(seg.text)) for seg in raw if seg.speaker is None]
    counts = Counter(m["speaker"] for _, m in found if m)
    if not counts or counts.most_common(1)[0][1] < 2:
        return
    for seg, match in found:
        if match and counts[match["speaker"]] >= 2:
            seg.speaker, seg.text = match["speaker"], match["text"]


def _clamp_backstep(seg: RawSegment, previous: RawSegment, source: Path | str) -> None:
    """Move a stamp that goes back a little up to the one before it (with a warning); one that
    goes back further is an error."""
    back = f"timestamp {format_exact(seg.start)} goes back before {format_exact(previous.start)}"
    if previous.line:
        back += f" on line {previous.line}"
    if previous.start - seg.start > BACKSTEP_SECONDS:
        raise TranscriptError(
            back,
            "stamps must not decrease; fix or remove the out-of-order line",
            path=source,
            line=seg.line,
        )
    where = f"{source}:{seg.line}" if seg.line else str(source)
    warnings.warn(
        f"{where}: {back}; read as {format_exact(previous.start)}",
        TranscriptOrderWarning,
        stacklevel=4,
    )
    seg.start = previous.start
    if seg.end is not None and seg.end < seg.start:
        seg.end = seg.start


def _in_range(seg: RawSegment, source: Path | str) -> None:
    """Both times of ``seg`` are finite seconds an episode can have (see validate.seconds)."""
    for what, value in (("start", seg.start), ("end", seg.end)):
        if value is None:
            continue
        try:
            seconds(value, f"{what} time", path=source, line=seg.line)
        except InputError as error:
            raise TranscriptError.from_problems(list(error.problems)) from None


def assemble(
    raw: list[RawSegment],
    *,
    source: Path | str,
    format: str,
    title: str | None = None,
    description: str | None = None,
    language: str | None = None,
) -> Transcript:
    """Validate order and times, fill in missing ends, and build the Transcript.

    A stamp up to :data:`BACKSTEP_SECONDS` before the one above it is clamped with a warning.

    Segments with no text left after clean-up (an empty cue, a bare stamp) are dropped.
    """
    raw = [seg for seg in raw if clean_text(seg.text)]
    if not raw:
        raise TranscriptError(
            "no timestamped lines found",
            "expected lines like '00:01:02 text' or '[12:09] text', SRT, WebVTT or JSON",
            path=source,
            line=1,
        )
    previous: RawSegment | None = None
    for seg in raw:
        _in_range(seg, source)
        if seg.start < 0:
            raise TranscriptError(
                f"negative time {seg.start}",
                "times count from 0",
                path=source,
                line=seg.line,
            )
        if seg.end is not None and seg.end < seg.start:
            raise TranscriptError(
                f"ends at {format_exact(seg.end)}, before it starts at {format_exact(seg.start)}",
                "swap or fix the two times",
                path=source,
                line=seg.line,
            )
        if previous is not None and seg.start < previous.start:
            _clamp_backstep(seg, previous, source)
        previous = seg
    segments = []
    for i, seg in enumerate(raw):
        end = seg.end
        if end is None:
            if i + 1 < len(raw):
                end = raw[i + 1].start
            else:
                end = seg.start + round(len(seg.text.split()) / WORDS_PER_SECOND, 3)
                end = min(end, max(seg.start, MAX_SECONDS))
        segments.append(
            Segment(
                start=seg.start,
                end=end,
                text=clean_text(seg.text),
                speaker=(clean_text(seg.speaker) or None) if seg.speaker else None,
                line=seg.line,
            )
        )
    return Transcript(
        segments=tuple(segments),
        title=title or None,
        description=description or None,
        language=language or None,
        format=format,
        source=Path(source) if source is not None else None,
    )
