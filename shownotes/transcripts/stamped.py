"""Plain text with timestamps, and the "Show notes / Show transcript" page format.

Stamped lines look like any of::

    00:12:09 text                 [00:12:09] text        (12:09) text
    00:12:09: text                12:09 Speaker Name: text
    [00:00:22] Speaker Name: text
    Speaker Name  00:01:02        (alone on its line; the paragraph follows)
    Speaker Name (00:01:02): text

Unstamped lines continue the segment above them; unstamped lines after the last stamp are a
footer ("New comment", "Transcribed by ...") and are dropped when a blank line or the page
format sets them apart.
"""

from __future__ import annotations

import re
from pathlib import Path

from shownotes.errors import TranscriptError
from shownotes.models import Transcript
from shownotes.timecode import TimestampError, seconds_from_parts
from shownotes.transcripts.common import (
    SPEAKER,
    RawSegment,
    assemble,
    split_speaker_prefixes,
)

_TIME = r"(?:(?P<h>\d{1,3}):)?(?P<m>\d{1,3}):(?P<s>\d{2})(?:[.,](?P<f>\d{1,3}))?"
#: The stamp leads: ``[00:12:09] text``, ``(12:09) text``, ``00:12:09: text``, ``00:12:09 - text``.
_LEADING = re.compile(
    rf"^\s*(?P<open>[\[(]?){_TIME}(?P<close>[\])]?)(?:\s*[:|–—-](?=\s|$))?(?:\s+(?P<text>.*))?$"
)
#: The speaker leads: ``Speaker Name  00:01:02`` or ``Speaker Name (00:01:02): text``.
_SPEAKER_FIRST = re.compile(
    rf"^\s*(?P<speaker>{SPEAKER})\s*[:|–—-]?\s+[\[(]?{_TIME}[\])]?:?(?:\s+(?P<text>.*))?$"
)
_SPEAKER_PAREN = re.compile(rf"^\s*(?P<speaker>{SPEAKER})\s*\({_TIME}\):?(?:\s+(?P<text>.*))?$")
#: The line that starts the transcript in the page format.
SEED_MARKER = re.compile(r"^\s*show transcript\s*$", re.I | re.M)
_SEED_NOTES = re.compile(r"^\s*show notes\s*$", re.I)


def _stamp(line: str) -> tuple[re.Match[str], bool] | None:
    """The stamp match on a line and whether its speaker comes first, or None."""
    match = _LEADING.match(line)
    if match and (match["open"] == "" or {"[": "]", "(": ")"}[match["open"]] == match["close"]):
        return match, False
    match = _SPEAKER_PAREN.match(line) or _SPEAKER_FIRST.match(line)
    return (match, True) if match else None


def has_stamps(text: str, minimum: int = 2) -> bool:
    """Whether at least ``minimum`` lines of ``text`` start with (or are) a stamp."""
    found = 0
    for line in text.split("\n", 2000):
        if _stamp(line):
            found += 1
            if found >= minimum:
                return True
    return False


def parse_lines(
    lines: list[str],
    source: Path | str,
    *,
    first_line: int = 1,
    speakers: bool = True,
    keep_footer: bool = True,
) -> list[RawSegment]:
    """Segments from stamped lines; ``lines[0]`` is line ``first_line`` of the file."""
    raw: list[RawSegment] = []
    gap_since_text = False
    pending: list[
        str
    ] = []  # unstamped lines after a blank line, until we know they are not a footer
    for number, line in enumerate(lines, first_line):
        found = _stamp(line)
        if not found:
            if not line.strip():
                gap_since_text = True
            elif raw:
                if gap_since_text or pending:
                    pending.append(line)
                else:
                    raw[-1].text += " " + line.strip()
            continue
        match, speaker_first = found
        try:
            start = seconds_from_parts(*match.group("h", "m", "s", "f"))
        except TimestampError as exc:
            raise TranscriptError(
                f"bad timestamp {match.group('h', 'm', 's')!r}: {exc}",
                "minutes and seconds run from 00 to 59, e.g. 01:01:00 for 61 minutes",
                path=source,
                line=number,
            ) from None
        if raw and pending:
            raw[-1].text += " " + " ".join(p.strip() for p in pending)
        pending.clear()
        gap_since_text = False
        speaker = match["speaker"] if speaker_first else None
        raw.append(RawSegment(start, None, (match["text"] or "").strip(), number, speaker))
    if raw and pending and keep_footer:
        raw[-1].text += " " + " ".join(p.strip() for p in pending)
    # a stamp alone on its line with no paragraph after it is an empty marker: drop it
    raw = [seg for seg in raw if seg.text]
    if speakers:
        split_speaker_prefixes(raw)
    return raw


def parse_stamped(text: str, source: Path | str) -> Transcript:
    """Plain text with timestamps at the start of lines."""
    raw = parse_lines(text.split("\n"), source, keep_footer=False)
    return assemble(raw, source=source, format="text")


def parse_seed(text: str, source: Path | str) -> Transcript:
    """The page format: a title, "Show notes" + description, "Show transcript" + stamped lines."""
    lines = text.split("\n")
    marker = next((i for i, line in enumerate(lines) if SEED_MARKER.match(line)), None)
    if marker is None:
        raise TranscriptError(
            "no 'Show transcript' line",
            "the page format needs it before the stamped lines",
            path=source,
            line=1,
        )
    head = [line.strip() for line in lines[:marker]]
    notes = next((i for i, line in enumerate(head) if _SEED_NOTES.match(line)), None)
    title_lines = head[:notes] if notes is not None else head[:1]
    title = next((line for line in title_lines if line), None)
    description = (
        "\n".join(line for line in head[notes + 1 :] if line) if notes is not None else None
    )
    body = lines[marker + 1 :]
    # trailing unstamped lines on the page ("New comment") are not transcript
    while body and not _stamp(body[-1]):
        body.pop()
    raw = parse_lines(body, source, first_line=marker + 2, speakers=False)
    return assemble(raw, source=source, format="seed", title=title, description=description)
