"""Why each detected chapter is there: what chose it, the line it starts on, a confidence.

Detection (:func:`~shownotes.chapters.detector.detect_explained`) gives every chapter an
:class:`Explanation`: the cue or the turn-taking signals that chose it, the transcript
segment it starts on (index, stamp, a short quote) and a confidence between 0 and 1, the
decoder's calibrated probability that a publisher would start a chapter within 15 s of that
line (see :func:`confidence`).

Explanations live beside the chapters, keyed by start time, never inside
:class:`~shownotes.models.Chapter`: the chapter model is what every output writes (ID3,
chapters JSON, feed items, the publish state), and a reason is for the person reviewing the
chapters, not for listeners. They travel in the sidecar as each chapter's ``automatic:``
block, sealed by a short ``check`` over the chapter and its block: when a person changes
that chapter (start, title, url, image, toc or the block itself), or adds a chapter, the
check no longer matches and the chapter is theirs; its reason no longer applies and
:func:`read_explanations` leaves it out (``--explain`` says "edited by hand"). A chapter
nobody touched keeps its block even in a sidecar that was edited elsewhere.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shownotes.models import Chapter
from shownotes.timecode import format_exact, format_timestamp

#: Below this confidence a detected chapter is listed for review first (``shownotes check``
#: warns, ``--explain`` marks it ``!``): the decoder thinks a publisher would more likely not
#: start a chapter there than start one.
LOW_CONFIDENCE = 0.5
#: Words of the starting line quoted.
QUOTE_WORDS = 12
#: The key of a chapter's explanation in the sidecar.
SIDECAR_KEY = "automatic"

#: How each signal of a candidate reads in a reason (see ``decoder.FEATURES``).
_SIGNAL_WORDS = {
    "ack": "an acknowledgement, then a new turn",
    "question": "a question",
    "handoff": "a hand-off",
    "backchannel": "after a short reply",
    "new_speaker": "the speaker changes",
    "pause": "a pause",
    "next_turn": "a turn-taking line follows",
}


@dataclass(frozen=True, slots=True)
class Explanation:
    """Why a detected chapter starts where it does."""

    #: 0–1: the decoder's probability that a chapter starts within 15 s of this line.
    confidence: float
    #: The cue or the signals that chose it, in words.
    reason: str
    #: Index of the transcript segment the chapter starts on (0-based), its stamp, its opening.
    segment: int
    stamp: float
    quote: str

    @property
    def low(self) -> bool:
        return self.confidence < LOW_CONFIDENCE


def confidence(log_odds: float) -> float:
    """The probability for a candidate's log-odds, rounded to two places.

    >>> confidence(0.0), confidence(8.0), confidence(-2.0)
    (0.5, 1.0, 0.12)
    """
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, log_odds)))), 2)


def reason_of(row: Sequence[float], cue: str | None = None, kind: str = "") -> str:
    """The signals of a feature row in words; a cue first, with what it said.

    >>> reason_of((1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1.4, 0.2))
    'a question; the words change sharply'
    >>> reason_of((1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0.0, 2.5), "story 2", "story")
    'story cue "story 2"; a pause; the subject changes for minutes'
    """
    from shownotes.chapters.decoder import FEATURES  # (here: check reads reasons, never decodes)

    values = dict(zip(FEATURES, row, strict=False))
    on = {name for name, x in values.items() if x}
    parts = []
    if cue is not None:
        weak = "weak " if "weak_cue" in on else ""
        parts.append(f'{weak}{kind + " " if kind else ""}cue "{cue}"')
    parts += [words for name, words in _SIGNAL_WORDS.items() if name in on]
    drop, long_drop = values.get("drop", 0.0), values.get("long_drop", 0.0)
    for limit, words in ((2.0, "very sharply"), (1.0, "sharply"), (0.5, "")):
        if drop >= limit:
            parts.append(f"the words change {words}".strip())
            break
    if long_drop >= 1.0:
        parts.append("the subject changes for minutes")
    if values.get("new_words", 0.0) >= 1.0:
        parts.append("new words come in")
    return "; ".join(parts) or "the chapter-length prior"


def quote_of(text: str, words: int = QUOTE_WORDS) -> str:
    """The opening words of a line.

    >>> quote_of("So story one: the harbor authority expanded the port", 4)
    'So story one: the…'
    """
    split = text.split()
    return " ".join(split[:words]) + ("…" if len(split) > words else "")


# --- the sidecar's automatic blocks ---------------------------------------------------------


def _check(chapter: Mapping[str, Any], block: Mapping[str, Any]) -> str:
    """A short digest of one sidecar entry: the chapter's fields and its explanation."""
    fields = {k: v for k, v in chapter.items() if k != SIDECAR_KEY}
    payload = json.dumps(
        [fields, {k: v for k, v in block.items() if k != "check"}], sort_keys=True, default=str
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


def sidecar_block(entry: Mapping[str, Any], why: Explanation) -> dict[str, Any]:
    """The ``automatic:`` block of a sidecar entry (``entry`` as the sidecar writes it)."""
    block: dict[str, Any] = {
        "confidence": why.confidence,
        "reason": why.reason,
        "segment": why.segment,
        "stamp": format_exact(why.stamp),
        "quote": why.quote,
    }
    block["check"] = _check(entry, block)
    return block


def explanations_from(items: Any) -> dict[float, Explanation]:
    """Explanations of the entries of a sidecar's ``chapters`` list whose check still holds.

    ``start`` is taken as written (HH:MM:SS, MM:SS or seconds); an entry whose block is
    missing, malformed or no longer matches is a person's and is left out.
    """
    from shownotes.timecode import parse_time, parse_timestamp

    found: dict[float, Explanation] = {}
    for item in items if isinstance(items, list) else []:
        block = item.get(SIDECAR_KEY) if isinstance(item, dict) else None
        if not isinstance(block, dict) or block.get("check") != _check(item, block):
            continue
        try:
            start = parse_time(item["start"])
            why = Explanation(
                float(block["confidence"]),
                str(block["reason"]),
                int(block["segment"]),
                parse_timestamp(str(block["stamp"])),
                str(block["quote"]),
            )
        except (KeyError, TypeError, ValueError):
            continue
        found[start] = why
    return found


def read_explanations(path: Path) -> dict[float, Explanation]:
    """The explanations a sidecar still carries (see :func:`explanations_from`)."""
    from shownotes.config import load_yaml

    return explanations_from(load_yaml(path).get("chapters"))


# --- a readable table --------------------------------------------------------------------


def format_explained(chapters: Sequence[Chapter], explanations: Mapping[float, Explanation]) -> str:
    """Start, confidence, title and reason of every chapter; the quoted line below.

    A chapter without an explanation was edited (or added) by a person. A ``!`` marks a
    chapter below :data:`LOW_CONFIDENCE`.
    """
    width = min(44, max((len(c.title) for c in chapters), default=5))
    lines = [f"{'start':<9} {'conf':>5}  {'title':<{width}}  reason"]
    for chapter in chapters:
        why = explanations.get(chapter.start)
        start = format_timestamp(chapter.start)
        title = chapter.title if len(chapter.title) <= width else chapter.title[: width - 1] + "…"
        if why is None:
            lines.append(f"{start:<9} {'-':>5}  {title:<{width}}  edited by hand")
            continue
        mark = "!" if why.low else " "
        lines.append(f"{start:<9} {why.confidence:5.2f}{mark} {title:<{width}}  {why.reason}")
        where = f"in segment {why.segment} (stamped {format_timestamp(why.stamp)})"
        lines.append(f"{'':<17}{where}: “{why.quote}”")
    if any(w.low for w in explanations.values()):
        lines.append(f"! below {LOW_CONFIDENCE:.2f}: review these first")
    return "\n".join(lines)
