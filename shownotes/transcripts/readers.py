"""Transcript readers: pick one by the file's content (and its extension), return a Transcript.

Formats (``--format`` names): ``seed`` (title, "Show notes", "Show transcript", stamped lines),
``text`` (plain text with stamps), ``srt``, ``vtt``, ``json`` (Podcasting 2.0 or Whisper).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from shownotes.errors import TranscriptError
from shownotes.models import Transcript
from shownotes.textfile import decode, read_bytes
from shownotes.transcripts.cues import parse_srt, parse_vtt
from shownotes.transcripts.jsonfile import parse_json
from shownotes.transcripts.stamped import SEED_MARKER, has_stamps, parse_seed, parse_stamped

Parser = Callable[[str, "Path | str"], Transcript]

READERS: dict[str, Parser] = {
    "seed": parse_seed,
    "text": parse_stamped,
    "srt": parse_srt,
    "vtt": parse_vtt,
    "json": parse_json,
}
_BY_SUFFIX = {".srt": "srt", ".vtt": "vtt", ".webvtt": "vtt", ".json": "json"}
_SRT_START = re.compile(r"\A\s*\d+\s*\n[^\n]*-->")
_CUE_TIMING = re.compile(r"^\s*\d[\d:.,]*\s+-->\s+\d", re.MULTILINE)


def sniff(text: str, suffix: str = "") -> str:
    """The reader for ``text``: its content decides, the suffix breaks ties."""
    head = text.lstrip("\ufeff")
    stripped = head.lstrip()
    if head.startswith("WEBVTT"):
        return "vtt"
    if stripped.startswith(("{", "[")) and not has_stamps(stripped[:2000]):
        return "json"
    if _SRT_START.match(head):
        return "srt"
    if SEED_MARKER.search(head):
        return "seed"
    by_suffix = _BY_SUFFIX.get(suffix.lower())
    if _CUE_TIMING.search(head[:5000]):
        return by_suffix if by_suffix in ("srt", "vtt") else "srt"
    if has_stamps(head):
        return "text"
    return by_suffix or "text"


def parse_transcript(
    text: str, source: Path | str = "<string>", format: str | None = None
) -> Transcript:
    """Parse transcript text; ``format`` forces a reader (see :data:`READERS`)."""
    if not text.strip():
        raise TranscriptError(
            "empty file",
            "export the transcript again; it has no text",
            path=source,
            line=1,
        )
    name = format or sniff(text, Path(str(source)).suffix)
    if name not in READERS:
        raise TranscriptError(
            f"unknown transcript format {name!r}",
            f"use one of {', '.join(READERS)}",
            path=source,
        )
    return READERS[name](text.lstrip("\ufeff"), source)


def read_transcript(path: Path | str, format: str | None = None) -> Transcript:
    """Read a transcript file in any supported format and encoding."""
    path = Path(path)
    return parse_transcript(decode(read_bytes(path), path), path, format)
