"""Sentences of long segments as segments of their own, timed by where they fall in the text.

Caption paragraphs and Whisper chunks stamp every 10–25 s, so a host's "okay, so let's talk
about pricing" in the middle of one is invisible to turn-taking signals (they look at a
segment's opening) and a chapter that starts there is placed at the paragraph's stamp, up
to 25 s early. Speech runs at a steady rate, so a sentence that starts a third of the way
into a paragraph's text starts about a third of the way into its time.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import replace

from shownotes.models import Segment

#: Segments at least this long (seconds) are split at their sentences.
SPLIT_SECONDS = 8.0
#: A sentence ends at ".", "?" or "!" (then a space).
_SENTENCE_END = re.compile(r"(?<=[.?!])[\"')\]’”]*\s+(?=\S)")


def split_sentences(segments: Sequence[Segment]) -> tuple[tuple[Segment, ...], tuple[int, ...]]:
    """The segments with every long one split at its sentences, and for each piece the index
    of the segment it came from.

    >>> pieces, origin = split_sentences([Segment(0.0, 20.0, "Yes. Okay, so pricing is next.")])
    >>> [(p.start, p.text) for p in pieces], origin
    ([(0.0, 'Yes.'), (3.33, 'Okay, so pricing is next.')], (0, 0))
    """
    pieces: list[Segment] = []
    origin: list[int] = []
    for i, seg in enumerate(segments):
        length = seg.end - seg.start
        text = seg.text
        cuts = [m.end() for m in _SENTENCE_END.finditer(text)] if length >= SPLIT_SECONDS else []
        if not cuts:
            pieces.append(seg)
            origin.append(i)
            continue
        bounds = [0, *cuts, len(text)]
        size = len(text)
        for a, b in itertools.pairwise(bounds):
            part = text[a:b].strip()
            if not part:
                continue
            start = round(seg.start + length * a / size, 2)
            stop = round(seg.start + length * b / size, 2)
            pieces.append(replace(seg, start=start, end=stop, text=part))
            origin.append(i)
    return tuple(pieces), tuple(origin)
