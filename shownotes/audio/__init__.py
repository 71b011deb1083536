"""Stage 5, audio: chapters in, an MP3 whose ID3 tag carries them out (a leaf: no other stage).

Enters: an MP3 file and chapters. Leaves: the same file with one CHAP frame per chapter and a
top-level ordered CTOC (:mod:`.frames` builds the frames, :mod:`.tagfile` rewrites the file
safely, in place or by copy and rename; :mod:`.tagread` reads them back, without the writer);
the audio's duration (:mod:`.duration`); silent MP3 for examples and tests (:mod:`.silence`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shownotes._lazy import lazy_exports

__all__ = ["audio_duration", "read_chapters", "write_chapters"]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "audio_duration": "shownotes.audio.duration",
        "read_chapters": "shownotes.audio.tagread",
        "write_chapters": "shownotes.audio.tagfile",
    },
)

if TYPE_CHECKING:
    from shownotes.audio.duration import audio_duration as audio_duration
    from shownotes.audio.tagfile import write_chapters as write_chapters
    from shownotes.audio.tagread import read_chapters as read_chapters
