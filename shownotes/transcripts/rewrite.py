"""Write a transcript back in the format it was read from, times exact to the millisecond.

For when shownotes changes a transcript's times (``shownotes retime``) and the result should
stay the kind of file the podcaster had: SRT stays SRT, WebVTT stays WebVTT, JSON becomes
Podcasting 2.0 JSON, the page format keeps its title, "Show notes" description and "Show
transcript" heading, and plain stamped text stays stamped text. Stamps carry ``.mmm`` only
when a time has a fraction of a second; every reader accepts that.
"""

from __future__ import annotations

from shownotes.models import Segment, Transcript
from shownotes.timecode import format_exact
from shownotes.transcripts.writers import to_json, to_srt, to_vtt


def _line(segment: Segment, *, speakers: bool) -> str:
    if speakers and segment.speaker:  # ``Name (00:01:02): text`` names the speaker outright
        return f"{segment.speaker} ({format_exact(segment.start)}): {segment.text}\n"
    return f"{format_exact(segment.start)}: {segment.text}\n"


def to_page(transcript: Transcript) -> str:
    """The page format: title, ``Show notes`` + description, ``Show transcript``, stamps."""
    head = [transcript.title or "Transcript", "Show notes"]
    head += (transcript.description or "").splitlines()
    head.append("Show transcript")
    body = "".join(_line(s, speakers=False) for s in transcript.segments)
    return "\n".join(head) + "\n" + body


def to_stamped(transcript: Transcript) -> str:
    """``HH:MM:SS[.mmm]: text`` or ``Speaker (HH:MM:SS[.mmm]): text`` lines."""
    return "".join(_line(s, speakers=True) for s in transcript.segments)


_BY_FORMAT = {"seed": to_page, "text": to_stamped, "srt": to_srt, "vtt": to_vtt, "json": to_json}


def rewrite(transcript: Transcript) -> str:
    """``transcript`` as text in the format it was read from (``transcript.format``)."""
    return _BY_FORMAT.get(transcript.format, to_json)(transcript)
