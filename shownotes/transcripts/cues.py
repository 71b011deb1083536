"""SubRip (SRT) and WebVTT captions: blocks of a timing line ``A --> B`` and text lines.

Both are read by one tolerant block scanner: BOMs, CRLF, ``.`` or ``,`` before the
milliseconds, cue settings or SRT coordinates after the timing, a missing final blank line
and a missing blank line between cues are all accepted; a timing line we cannot read is an
error naming its line, never a silently dropped cue.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from shownotes.errors import TranscriptError
from shownotes.models import Transcript
from shownotes.timecode import TimestampError, parse_timestamp
from shownotes.transcripts.common import RawSegment, assemble, split_speaker_prefixes

_TIMING = re.compile(r"^\s*(?P<start>\S+)\s+-->\s+(?P<end>\S+)(?:\s+(?P<settings>.*))?$")
_VTT_HEADER = re.compile(r"^WEBVTT(?:[ \t].*)?$")
_VOICE = re.compile(r"<v(?:\.[^ \t>]*)?[ \t]+([^>]+)>")
_TAG = re.compile(r"<[^>]*>")
_ASS = re.compile(r"\{\\[^}]*\}")  # {\an8} positioning codes some SRT tools write
_INDEX = re.compile(r"^\s*\d+\s*$")


def _cues(lines: list[str], first: int, source: Path | str) -> Iterator[tuple[int, str, list[str]]]:
    """(line number, timing line, text lines) for each cue, skipping ids and blank lines."""
    i = first
    while i < len(lines):
        line = lines[i]
        if "-->" not in line:
            i += 1
            continue
        number, timing = i + 1, line
        text: list[str] = []
        i += 1
        while i < len(lines) and lines[i].strip():
            # a cue that runs straight into the next one: "2" + timing line, no blank between
            if "-->" in lines[i] or (
                _INDEX.match(lines[i]) and i + 1 < len(lines) and "-->" in lines[i + 1]
            ):
                break
            text.append(lines[i])
            i += 1
        yield number, timing, text


def _times(timing: str, number: int, source: Path | str) -> tuple[float, float, str]:
    match = _TIMING.match(timing)
    try:
        if not match:
            raise TimestampError(f"{timing.strip()!r} is not a timing line")
        return (
            parse_timestamp(match["start"]),
            parse_timestamp(match["end"]),
            match["settings"] or "",
        )
    except TimestampError as exc:
        raise TranscriptError(
            str(exc),
            "write it as 00:01:02,500 --> 00:01:04,000",
            path=source,
            line=number,
        ) from None


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub("", _ASS.sub("", text)))


def parse_srt(text: str, source: Path | str) -> Transcript:
    """SubRip captions: index, ``HH:MM:SS,mmm --> HH:MM:SS,mmm``, text, blank line."""
    lines = text.split("\n")
    raw = []
    for number, timing, body in _cues(lines, 0, source):
        start, end, _ = _times(timing, number, source)
        raw.append(RawSegment(start, end, _plain(" ".join(body)), number))
    split_speaker_prefixes(raw)
    return assemble(raw, source=source, format="srt")


def parse_vtt(text: str, source: Path | str) -> Transcript:
    """WebVTT captions, with ``<v Speaker>`` voice spans as speakers."""
    lines = text.split("\n")
    if not lines or not _VTT_HEADER.match(lines[0].lstrip("\ufeff")):
        raise TranscriptError(
            "a WebVTT file must start with the line WEBVTT",
            "add it as the first line",
            path=source,
            line=1,
        )
    raw = []
    # NOTE, STYLE and REGION blocks cannot contain "-->" (the spec forbids it), so the cue
    # scanner never enters them
    for number, timing, body in _cues(lines, 1, source):
        start, end, _ = _times(timing, number, source)
        payload = " ".join(body)
        voice = _VOICE.search(payload)
        raw.append(
            RawSegment(
                start,
                end,
                _plain(payload),
                number,
                html.unescape(voice[1]) if voice else None,
            )
        )
    split_speaker_prefixes(raw)
    return assemble(raw, source=source, format="vtt")
