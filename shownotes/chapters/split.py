"""Sentences of long segments as segments of their own, timed by where they fall in the text.

Caption paragraphs and Whisper chunks stamp every 10–25 s, so a host's "okay, so let's talk
about pricing" in the middle of one is invisible to turn-taking signals (they look at a
segment's opening) and a chapter that starts there is placed at the paragraph's stamp, up
to 25 s early. Speech runs at a steady rate, so a sentence that starts a third of the way
into a paragraph's text starts about a third of the way into its time.

Unpunctuated ASR (and a long run-on sentence) has no sentence ends: a stretch of
:data:`RUN_ON_SECONDS` or more without one is split where a turn opens instead, at a word that
starts an acknowledgement, a hand-off or a question (:func:`~shownotes.chapters.turns.turn_of`
on the words from there: "okay so the other thing", "what do you think about").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from shownotes.chapters.turns import turn_of
from shownotes.models import Segment

#: Segments at least this long (seconds) are split at their sentences.
SPLIT_SECONDS = 8.0
#: A sentence ends at ".", "?" or "!" (then a space): a match ends where the next sentence
#: starts. (It opens on the mark itself, not on a look back at it, so ``re`` skips the
#: places without one; the ends are those of ``(?<=[.?!])[\"')\]’”]*\s+(?=\S)``.)
_SENTENCE_END = re.compile(r"[.?!][\"')\]’”]*\s+(?=\S)")
#: A segment this long (seconds) without a sentence end is split where turns open.
RUN_ON_SECONDS = 12.0
#: Words that can open a turn; a split there needs the turn signals to agree.
_OPENER = re.compile(
    r"\b(?:okay|ok|all right|alright|so|now|next|lets|let's|great|awesome|cool|thanks|thank|"
    r"anyway|speaking|moving|what|how|why|well)\b",
    re.IGNORECASE,
)
#: At least this many words between two splits at turn openings.
MIN_RUN_WORDS = 4


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
        if not cuts and length >= RUN_ON_SECONDS:
            cuts = turn_openings(text)
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
            # (replace(seg, start=start, end=stop, text=part), without its generic machinery)
            pieces.append(Segment(start, stop, part, seg.speaker, seg.line))
            origin.append(i)
    return tuple(pieces), tuple(origin)


def turn_openings(text: str) -> list[int]:
    """Offsets in ``text`` (not 0) where a turn opens: an acknowledgement, a hand-off or a
    question starts there, at least :data:`MIN_RUN_WORDS` words after the last one.

    >>> text = "and that is the harbor story okay so what do you make of the orchard"
    >>> [text[i:i + 7] for i in turn_openings(text)]
    ['okay so']
    """
    cuts: list[int] = []
    last = 0
    for m in _OPENER.finditer(text):
        at = m.start()
        if at == 0 or len(text[last:at].split(None, MIN_RUN_WORDS)) < MIN_RUN_WORDS:
            continue
        turn = turn_of(text[at:], None, None)
        if turn.ack or turn.handoff or turn.question:
            cuts.append(at)
            last = at
    return cuts
