"""The chapter block of an episode's description, and notes that keep it within a byte budget.

Apple, Spotify and YouTube read chapters from timestamp lines in the description, each with
its own rules (first at 0:00, at least three, a shortest chapter, a longest title). The
block is made from the real chapters so that it qualifies on every app the show enables:
chapters shorter than the strictest minimum are merged *in the block only*, titles longer
than the strictest limit are shortened there; the chapters themselves (ID3, JSON, psc) stay
as they are. :func:`read_block` reads such a block back, for the check that every chapter
source agrees.
"""

from __future__ import annotations

import html
import itertools
import math
import re
import warnings
from collections.abc import Sequence
from typing import NamedTuple

from shownotes.models import Chapter
from shownotes.outputs.fit import APPLE_DESCRIPTION_BYTES, DescriptionCutWarning, fit_bytes


class BlockRules(NamedTuple):
    """What the description's chapter block must meet: the strictest rules of the show's apps.

    (A record as a NamedTuple: Python builds one in a fifth of a frozen dataclass's
    time, which ``check`` pays at every start.)"""

    #: Merge block lines shorter than this (seconds); 0 keeps every chapter.
    min_chapter_seconds: float = 0.0
    #: Shorten block titles longer than this (characters); None keeps them whole.
    max_title_length: int | None = None
    #: The apps asking for ``min_chapter_seconds`` and ``max_title_length`` (for notes).
    length_from: str = ""
    title_from: str = ""
    #: Byte budget of the rendered notes (Apple's 4,000), None for no limit.
    max_bytes: int | None = APPLE_DESCRIPTION_BYTES


class Block(NamedTuple):
    """The block's lines as chapters (start, end, title), and what was changed to make them."""

    chapters: tuple[Chapter, ...]
    notes: tuple[str, ...] = ()


def _whole(seconds: float) -> str:
    return f"{seconds:.0f} s" if seconds >= 1 else f"{seconds:.1f} s"


_WEAK_ENDS = {
    "a",
    "an",
    "and",
    "&",
    "at",
    "by",
    "for",
    "from",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
}


def shorten(title: str, limit: int) -> str:
    """``title`` cut to ``limit`` characters at a word break, with an ellipsis; a dangling
    little word ("the", "of", "&") goes too.

    >>> shorten("Story 3: Anthropic, the NSA & the moratorium", 40)
    'Story 3: Anthropic, the NSA…'
    """
    if len(title) <= limit:
        return title
    words = title[: limit - 1].split(" ")
    if len(words) > 1 and not title[limit - 1 :].startswith(" "):
        words.pop()  # a word cut in the middle
    while len(words) > 1 and words[-1].lower().strip(",;:") in _WEAK_ENDS:
        words.pop()
    return " ".join(words).rstrip(" ,;:-") + "…"


def description_block(chapters: Sequence[Chapter], end: float, rules: BlockRules) -> Block:
    """The lines of the description's chapter block: the listed (``toc``) chapters, with
    short ones merged and long titles shortened as ``rules`` ask.

    A chapter shorter than ``rules.min_chapter_seconds`` joins the one before it (the first
    joins the one after, so the block still starts at 0:00); the shortest goes first. A
    joined line starts where its first chapter starts and takes the title of its longest one.
    """
    listed = [c for c in chapters if c.toc]
    groups: list[list[Chapter]] = [[c] for c in listed]

    def span(index: int) -> float:
        later = groups[index + 1][0].start if index + 1 < len(groups) else end
        return later - groups[index][0].start

    notes: list[str] = []
    minimum = rules.min_chapter_seconds
    while minimum > 0 and len(groups) > 1:
        short = [i for i in range(len(groups)) if span(i) < minimum]
        if not short:
            break
        i = min(short, key=span)
        j = i + 1 if i == 0 else i - 1
        low, high = min(i, j), max(i, j)
        groups[low : high + 1] = [groups[low] + groups[high]]
    lines = []
    for index, group in enumerate(groups):
        stop = groups[index + 1][0].start if index + 1 < len(groups) else end
        bounds = [*(c.start for c in group), stop]
        lengths = [b - a for a, b in itertools.pairwise(bounds)]
        main = group[lengths.index(max(lengths))]
        if len(group) > 1:
            others = [
                f"{c.title!r} ({_whole(n)})"
                for c, n in zip(group, lengths, strict=True)
                if c != main
            ]
            notes.append(
                f"description: {', '.join(others)} merged into {main.title!r} for "
                f"{rules.length_from} (chapters of {_whole(minimum)} or more); "
                "the chapters themselves are unchanged"
            )
        title = main.title
        limit = rules.max_title_length
        if limit is not None and len(" ".join(title.split())) > limit:
            title = shorten(" ".join(title.split()), limit)
            notes.append(
                f"description: {main.title!r} shortened to {title!r} for {rules.title_from} "
                f"(titles of {limit} characters or fewer); the chapters themselves are unchanged"
            )
        lines.append(Chapter(group[0].start, stop, title, url=main.url, image=main.image))
    return Block(tuple(lines), tuple(notes))


# --- reading a block back ---------------------------------------------------------------

_LINE = re.compile(
    r"^\s*[(\[]?(?P<stamp>(?:\d{1,2}:)?\d{1,2}:\d{2})[)\]]?(?:\s*[-–—:|.]\s*|\s+)(?P<title>\S.*)$"
)


class StampLine(NamedTuple):
    """One timestamp line of a description: start (whole seconds), title, line number."""

    start: float
    title: str
    line: int


def read_block(text: str) -> list[StampLine]:
    """Every ``[(]MM:SS[)] Title`` / ``H:MM:SS Title`` line in plain ``text``, in order.

    >>> [(s.start, s.title) for s in read_block("About\\n\\n00:00 Intro\\n(1:02:03) - End")]
    [(0.0, 'Intro'), (3723.0, 'End')]
    """
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _LINE.match(line)
        if match:
            parts = [int(p) for p in match["stamp"].split(":")]
            seconds = sum(p * 60**i for i, p in enumerate(reversed(parts)))
            found.append(StampLine(float(seconds), match["title"].strip(), number))
    return found


_BREAKS = re.compile(r"<\s*(br|/li|/p|/ol|/ul|li|p)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]*>")


def html_text(markup: str) -> str:
    """The text of HTML notes, one line per paragraph, list item or ``<br>``."""
    return html.unescape(_TAGS.sub("", _BREAKS.sub("\n", markup)))


def block_start(seconds: float) -> float:
    """The start a description line can state: whole seconds, rounded down (as written)."""
    return float(math.floor(seconds))


# --- notes within a byte budget -----------------------------------------------------------

_ROOM_FOR_A_CUT = 24  # fewer bytes than this left for the description: drop it


def fit_notes(head: str, block: str, tail: str, limit: int | None, *, html: bool = False) -> str:
    """``head + block + tail`` within ``limit`` UTF-8 bytes, cutting the description
    (``head``) first, then what follows the chapter list (``tail``); the chapter ``block``
    is cut only when it alone is over the limit. Cuts are clean (:func:`fit_bytes`): never
    inside a character, tag or entity, HTML elements closed; each one warns."""
    whole = head + block + tail
    if limit is None or _size(whole) <= limit:
        return whole
    room = limit - _size(block) - _size(tail)
    if head and room >= _ROOM_FOR_A_CUT:
        return _cut_part(head, room, html, "the description (cut first)") + block + tail
    if head:
        _dropped("the description", _size(whole), limit)
    room = limit - _size(block)
    if room >= _size(tail):
        return block + tail
    if room >= _ROOM_FOR_A_CUT:
        return block + _cut_part(tail, room, html, "what follows the chapter list")
    if tail:
        _dropped("what follows the chapter list", _size(whole), limit)
    if room >= 0:
        return block
    return fit_bytes(block, limit, html=html, what="the chapter list alone")


def _dropped(what: str, size: int, limit: int) -> None:
    warnings.warn(
        f"the notes are {size} bytes, over the {limit}-byte limit; {what} was left out so "
        "the chapter list stays whole",
        DescriptionCutWarning,
        stacklevel=3,
    )


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _cut_part(text: str, room: int, html: bool, what: str) -> str:
    """``text`` cut to ``room`` bytes; plain text keeps the blank line that ends it."""
    if html:
        return fit_bytes(text, room, html=True, what=what)
    body = text.rstrip("\n")
    ending = text[len(body) :]
    return fit_bytes(body, room - _size(ending), what=what) + ending
