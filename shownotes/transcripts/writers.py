"""Write a Transcript back out: stamped text, Podcasting 2.0 JSON, SRT and WebVTT."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from shownotes.models import Segment, Transcript
from shownotes.timecode import format_timestamp, json_seconds


def _labelled(segment: Segment) -> str:
    return f"{segment.speaker}: {segment.text}" if segment.speaker else segment.text


def to_text(transcript: Transcript) -> str:
    """One ``HH:MM:SS [Speaker: ]text`` line per segment (read back by the text reader)."""
    return "".join(
        f"{format_timestamp(s.start)} {_lead(_labelled(s))}\n" for s in transcript.segments
    )


def _lead(text: str) -> str:
    """Text that starts like a stamp separator (``- x``, ``:``) gets one written before it,
    so the reader takes the separator and keeps the text."""
    return f"- {text}" if text[:1] in ":|–—-" else text


def to_json(transcript: Transcript) -> str:
    """A Podcasting 2.0 JSON transcript (``version`` 1.0.0, ``segments``)."""
    segments = []
    for s in transcript.segments:
        item: dict[str, object] = {}
        if s.speaker:
            item["speaker"] = s.speaker
        item.update(startTime=json_seconds(s.start), endTime=json_seconds(s.end), body=s.text)
        segments.append(item)
    return (
        json.dumps({"version": "1.0.0", "segments": segments}, ensure_ascii=False, indent=2) + "\n"
    )


_SRT_SPECIAL = re.compile(r"-->|<(?=[^>]*>)|&(?=#?\w+;)|\{(?=\\)")
_SRT_ESCAPES = {"-->": "--&gt;", "<": "&lt;", "&": "&amp;", "{": "&#123;"}


def _srt_text(text: str) -> str:
    """Text an SRT reader gives back as it is: only what would read as a timing arrow, a tag,
    an entity or a positioning code is written as an entity (readers decode entities)."""
    return _SRT_SPECIAL.sub(lambda m: _SRT_ESCAPES[m[0]], text)


def to_srt(transcript: Transcript) -> str:
    """SubRip captions, ``Name:`` before the text where a segment has a speaker."""
    blocks = []
    for i, s in enumerate(transcript.segments, 1):
        start = format_timestamp(s.start, millis=True, sep=",")
        end = format_timestamp(s.end, millis=True, sep=",")
        blocks.append(f"{i}\n{start} --> {end}\n{_srt_text(_labelled(s))}\n")
    return "\n".join(blocks)


def _vtt_escape(text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("{\\", "&#123;\\")  # not an SRT-style positioning code


def to_vtt(transcript: Transcript) -> str:
    """WebVTT captions with ``<v Speaker>`` voice spans."""
    out = ["WEBVTT\n"]
    for s in transcript.segments:
        start, end = format_timestamp(s.start, millis=True), format_timestamp(s.end, millis=True)
        voice = f"<v {_vtt_escape(s.speaker)}>" if s.speaker else ""
        out.append(f"\n{start} --> {end}\n{voice}{_vtt_escape(s.text)}\n")
    return "".join(out)


WRITERS: dict[str, Callable[[Transcript], str]] = {
    "text": to_text,
    "json": to_json,
    "srt": to_srt,
    "vtt": to_vtt,
}
