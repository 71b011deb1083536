"""Stage 1, transcripts: a transcript file in, a :class:`~shownotes.models.Transcript` out.

Enters: a file (or text) in one of six formats, recognized from its content: the page format,
plain stamped text, SRT, WebVTT, Podcasting 2.0 JSON, Whisper JSON.
Leaves: a ``Transcript`` (timed segments, speakers when the file has them, the description of
a page-format file); and back out again as WebVTT, SRT or JSON (:mod:`.writers`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shownotes._lazy import lazy_exports

__all__ = ["READERS", "WRITERS", "parse_transcript", "read_transcript"]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "READERS": "shownotes.transcripts.readers",
        "parse_transcript": "shownotes.transcripts.readers",
        "read_transcript": "shownotes.transcripts.readers",
        "WRITERS": "shownotes.transcripts.writers",
    },
)

if TYPE_CHECKING:
    from shownotes.transcripts.readers import READERS as READERS
    from shownotes.transcripts.readers import parse_transcript as parse_transcript
    from shownotes.transcripts.readers import read_transcript as read_transcript
    from shownotes.transcripts.writers import WRITERS as WRITERS
