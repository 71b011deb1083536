"""What captions show that nobody said: sound tags and music notes.

YouTube and Whisper captions mark sounds in the text: ``[music]``, ``[laughter]``,
``[clears throat]``, ``[ __ ]`` (a bleeped word), ``(applause)``, ``♪``. In 104 held-out
episodes of 14 shows they are 1,500 tags, and none marks a chapter start more often than any
other line does. Detection reads speech: left in, they were words of the topic and titles
("Clears throat", "Music").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from shownotes.models import Segment

#: A bracketed tag (square brackets hold no speech in captions), a parenthesized sound, or
#: music notes.
_TAG = re.compile(
    r"\[[^\[\]]{1,40}\]"
    r"|\((?:laugh|laughs|laughing|laughter|applause|music|sigh|sighs|cough|coughs|crosstalk"
    r"|inaudible|silence)\b[^()]{0,30}\)"
    r"|♪+"
)


def spoken(text: str) -> str:
    """``text`` without its sound tags, its spaces closed up where one was.

    >>> spoken("[laughter] Yes. So [clears throat] pricing ♪")
    'Yes. So pricing'
    >>> spoken("Revenue (in dollars) grew")
    'Revenue (in dollars) grew'
    """
    if "[" not in text and "(" not in text and "♪" not in text:
        return text
    cleaned = _TAG.sub(" ", text)
    return " ".join(cleaned.split()) if cleaned != text else text


def without_sound_tags(segments: Sequence[Segment]) -> tuple[Segment, ...]:
    """The segments with their text :func:`spoken` (a segment that was only a tag keeps its
    time with no words)."""
    return tuple(
        seg if (text := spoken(seg.text)) == seg.text else replace(seg, text=text)
        for seg in segments
    )
