"""Follow the audio when it is edited: map times of the old timeline onto the new one.

An edit list says how the audio changed, in times of the *old* audio: ``Cut``s (a stretch
removed) and ``Insert``s (an ad slot or a new segment of some length placed at a point).
:class:`Timeline` turns it into a piecewise-linear map; :func:`retime` moves chapters with it
and :func:`retime_transcript` moves a transcript's segments. Everything here is pure: no
files, no clock.

How a time moves:

- before every edit it stays put; after a cut it moves back by the cut's length, after an
  insert forward by the insert's length;
- a time inside a cut snaps to the cut's end (which, in the new audio, is where the cut
  started): content that starts in a removed stretch starts where the audio resumes;
- a *start* exactly at an insert point moves past the insert (the old content plays after the
  ad), an *end* exactly there stays before it (the content before the ad ends where it did);
- nothing goes below 0 or past the new audio's end, when that is known.

>>> timeline = Timeline(Edits(cuts=(Cut(60, 90),), inserts=(Insert(300, 30, "Ad"),)))
>>> timeline.start(30), timeline.start(75), timeline.start(120), timeline.start(300)
(30.0, 60.0, 90.0, 300.0)
>>> timeline.end(300)
270.0
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from shownotes.models import Chapter, Segment, Transcript

#: Two times closer than this (seconds) are the same time; a millisecond, like ID3 CHAP frames.
EPSILON = 0.0005


@dataclass(frozen=True, slots=True)
class Cut:
    """The stretch ``[start, end)`` of the old audio was removed."""

    start: float
    end: float
    #: Line of the edit file it came from, for messages.
    line: int | None = field(default=None, compare=False)

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Insert:
    """``seconds`` of new audio (an ad slot, a re-recorded bit) were placed at ``at``."""

    at: float
    seconds: float
    label: str = ""
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Edits:
    """How the audio changed: cuts and inserts in old-timeline seconds, each sorted.

    Build it with :func:`make_edits` (or :func:`shownotes.chapters.edits.read_edits`), which
    checks that cuts do not overlap and that no insert falls inside a cut.
    """

    cuts: tuple[Cut, ...] = ()
    inserts: tuple[Insert, ...] = ()
    #: Where the edits came from (a file name), for messages.
    source: str = ""

    @property
    def change(self) -> float:
        """How much longer (positive) or shorter the new audio is, in seconds."""
        cut = sum(c.seconds for c in self.cuts if math.isfinite(c.end))
        return sum(i.seconds for i in self.inserts) - cut


class EditsError(ValueError):
    """An edit list that contradicts itself; ``line`` is the edit file's line when known."""

    def __init__(self, what: str, line: int | None = None) -> None:
        super().__init__(what)
        self.what, self.line = what, line


def make_edits(cuts: Iterable[Cut] = (), inserts: Iterable[Insert] = (), source: str = "") -> Edits:
    """Sorted, checked :class:`Edits`; touching cuts are merged into one.

    >>> make_edits([Cut(10, 20), Cut(20, 25)]).cuts
    (Cut(start=10.0, end=25.0, line=None),)
    """
    merged: list[Cut] = []
    for cut in sorted(cuts, key=lambda c: (c.start, c.end)):
        start, end = float(cut.start), float(cut.end)
        if not (start >= 0 and end > start) or math.isnan(end):
            raise EditsError(f"cut {_span(start, end)} is empty or negative", cut.line)
        if merged and start < merged[-1].end - EPSILON:
            raise EditsError(
                f"cut {_span(start, end)} overlaps cut {_span(merged[-1].start, merged[-1].end)}",
                cut.line,
            )
        if merged and start <= merged[-1].end + EPSILON:
            merged[-1] = Cut(merged[-1].start, end, merged[-1].line)
        else:
            merged.append(Cut(start, end, cut.line))
    checked = []
    for insert in sorted(inserts, key=lambda i: i.at):
        at, seconds = float(insert.at), float(insert.seconds)
        if not (at >= 0 and math.isfinite(at)) or not (seconds > 0 and math.isfinite(seconds)):
            raise EditsError(
                f"insert at {at:g} of {seconds:g} s: the time must be 0 or more and the "
                "length more than 0",
                insert.line,
            )
        inside = next((c for c in merged if c.start + EPSILON < at < c.end - EPSILON), None)
        if inside is not None:
            raise EditsError(
                f"insert at {at:g} falls inside cut {_span(inside.start, inside.end)}",
                insert.line,
            )
        checked.append(Insert(at, seconds, insert.label, insert.line))
    return Edits(tuple(merged), tuple(checked), source)


def _span(start: float, end: float) -> str:
    return f"{start:g}-{end:g}"


class Timeline:
    """The piecewise-linear map from old-timeline seconds to new-timeline seconds."""

    def __init__(self, edits: Edits, duration: float | None = None) -> None:
        self.edits = edits
        #: The new audio's length, when known: no time maps past it.
        self.duration = duration
        self._cut_starts = [c.start for c in edits.cuts]
        self._cut_ends = [c.end for c in edits.cuts]
        # cut length before each cut (prefix sums), for O(log n) lookups
        self._cut_before = [0.0]
        for cut in edits.cuts:
            self._cut_before.append(self._cut_before[-1] + cut.seconds)
        self._insert_ats = [i.at for i in edits.inserts]
        self._insert_before = [0.0]
        for insert in edits.inserts:
            self._insert_before.append(self._insert_before[-1] + insert.seconds)

    def cut_at(self, t: float) -> Cut | None:
        """The cut whose ``[start, end)`` holds ``t``, if any."""
        i = bisect.bisect_right(self._cut_starts, t + EPSILON) - 1
        if i >= 0 and t < self.edits.cuts[i].end - EPSILON:
            return self.edits.cuts[i]
        return None

    def _map(self, t: float, *, start: bool) -> float:
        cut = self.cut_at(t)
        if cut is not None:
            # inside a cut: a start snaps to the cut's end, an end to the cut's start
            t = cut.end if start else cut.start
            if math.isinf(t):  # cut to the end of the old audio
                t = cut.start
                start = False
        # cuts wholly before t (a cut ending exactly at t counts)
        cuts = bisect.bisect_right(self._cut_ends, t + EPSILON)
        if start:
            inserts = bisect.bisect_right(self._insert_ats, t + EPSILON)
        else:
            inserts = bisect.bisect_left(self._insert_ats, t - EPSILON)
        new = t - self._cut_before[cuts] + self._insert_before[inserts]
        return self._clamp(new)

    def _clamp(self, t: float) -> float:
        t = max(0.0, t)
        if self.duration is not None:
            t = min(t, self.duration)
        return round(t, 6)

    def start(self, t: float) -> float:
        """Where something that *starts* at old time ``t`` starts in the new audio."""
        return self._map(t, start=True)

    def end(self, t: float) -> float:
        """Where something that *ends* at old time ``t`` ends in the new audio."""
        return self._map(t, start=False)

    def insert_span(self, index: int) -> tuple[float, float]:
        """Where the ``index``-th insert sits in the new audio: ``(start, end)``; inserts at
        the same point follow each other in the order listed."""
        insert = self.edits.inserts[index]
        begin = self.end(insert.at)
        earlier = self.edits.inserts[:index]
        offset = sum(i.seconds for i in earlier if abs(i.at - insert.at) <= EPSILON)
        return self._clamp(begin + offset), self._clamp(begin + offset + insert.seconds)


def invert(edits: Edits) -> Edits:
    """The edits that take the new audio back to the old one (in new-timeline seconds).

    A cut becomes an insert of its length where it was; an insert becomes a cut of its span.
    Retiming with ``edits`` then with ``invert(edits)`` gives back every time that was not
    inside a cut.
    """
    timeline = Timeline(edits)
    if any(math.isinf(c.end) for c in edits.cuts):
        raise EditsError("a cut to the end of the audio cannot be undone: its length is unknown")
    inserts = [Insert(timeline.end(c.start), c.seconds, "restored", c.line) for c in edits.cuts]
    cuts = [Cut(*timeline.insert_span(n), i.line) for n, i in enumerate(edits.inserts)]
    return make_edits(cuts, inserts, f"inverse of {edits.source}" if edits.source else "")


Fate = Literal["kept", "moved", "snapped", "dropped", "inserted"]


@dataclass(frozen=True, slots=True)
class Moved:
    """One row of the before/after table: a chapter of the old timeline and where it went."""

    before: Chapter | None
    after: Chapter | None
    #: ``kept`` (same time), ``moved``, ``snapped`` (started inside a cut), ``dropped`` (its
    #: whole span was cut, or it starts past the new audio's end) or ``inserted`` (a marker
    #: for an inserted stretch, see ``mark_inserts``).
    fate: Fate
    why: str = ""


@dataclass(frozen=True, slots=True)
class Retimed:
    """What :func:`retime` returns: the new chapters and how each old one moved."""

    chapters: tuple[Chapter, ...]
    rows: tuple[Moved, ...]

    @property
    def dropped(self) -> tuple[Chapter, ...]:
        return tuple(r.before for r in self.rows if r.fate == "dropped" and r.before)


def _with_ends(chapters: list[Chapter], last_end: float) -> tuple[Chapter, ...]:
    """Ends as the sidecar gives them: a listed chapter runs on under silent markers to the
    next listed one; a marker ends where the next chapter starts."""
    out = []
    for i, chapter in enumerate(chapters):
        later = [c for c in chapters[i + 1 :] if c.toc or not chapter.toc]
        end = later[0].start if later else max(last_end, chapter.start)
        out.append(replace(chapter, end=end))
    return tuple(out)


def as_edits(edits: Edits | Iterable[Cut | Insert]) -> Edits:
    """``edits`` as checked :class:`Edits` (a list of cuts and inserts is sorted and checked).

    >>> as_edits([Insert(5, 2), Cut(1, 2)]).change
    1.0
    """
    if isinstance(edits, Edits):
        return edits
    items = list(edits)
    return make_edits(
        [e for e in items if isinstance(e, Cut)], [e for e in items if isinstance(e, Insert)]
    )


def retime(
    chapters: Sequence[Chapter],
    edits: Edits | Iterable[Cut | Insert],
    *,
    duration: float | None = None,
    mark_inserts: bool = False,
) -> Retimed:
    """Chapters of the old audio moved onto the new one (pure; nothing is read or written).

    A chapter whose whole span was cut is dropped and reported; one that starts inside a cut
    starts where the audio resumes; one that starts at an insert point starts after the
    insert. The opening chapter keeps starting at 0 (over a pre-roll insert, unless it is
    marked). With ``mark_inserts`` every insert gets a silent marker chapter (``toc: false``,
    titled with the insert's label) spanning it. ``duration`` is the new audio's length: no
    time goes past it, and the last chapter ends there. ``edits`` may be a plain list of
    :class:`Cut` and :class:`Insert` (times in the old audio).

    >>> moved = retime([Chapter(0, 100, "Intro"), Chapter(100, 200, "News")], [Cut(50, 70)])
    >>> [(c.start, c.end, c.title) for c in moved.chapters]
    [(0.0, 80.0, 'Intro'), (80.0, 180.0, 'News')]
    """
    edits = as_edits(edits)
    timeline = Timeline(edits, duration)
    ordered = sorted(chapters, key=lambda c: c.start)
    rows: list[Moved] = []
    kept: list[Chapter] = []
    preroll = any(i.at <= EPSILON for i in edits.inserts)
    for index, chapter in enumerate(ordered):
        start, end = timeline.start(chapter.start), timeline.end(max(chapter.end, chapter.start))
        cut = timeline.cut_at(chapter.start)
        if index == 0 and chapter.start <= EPSILON and not (mark_inserts and preroll):
            start = 0.0
        if end - start <= EPSILON and chapter.end - chapter.start > EPSILON:
            rows.append(Moved(chapter, None, "dropped", "its whole span was cut"))
            continue
        if duration is not None and start >= duration - EPSILON and index > 0:
            rows.append(Moved(chapter, None, "dropped", "it starts past the end of the audio"))
            continue
        new = replace(chapter, start=start)
        kept.append(new)
        if cut is not None:
            rows.append(Moved(chapter, new, "snapped", f"it started inside cut {_cut_text(cut)}"))
        else:
            fate: Fate = "kept" if abs(start - chapter.start) <= EPSILON else "moved"
            rows.append(Moved(chapter, new, fate))
    markers: list[Moved] = []
    if mark_inserts:
        for index, insert in enumerate(edits.inserts):
            begin, finish = timeline.insert_span(index)
            if finish - begin > EPSILON:
                marker = Chapter(begin, finish, insert.label or "Inserted", toc=False)
                kept.append(marker)
                markers.append(Moved(None, marker, "inserted"))
    kept.sort(key=lambda c: (c.start, c.toc))  # a marker before a chapter at the same time
    last_end = timeline.end(max(ordered[-1].end, ordered[-1].start)) if ordered else 0.0
    if duration is not None:
        last_end = duration
    return Retimed(_with_ends(kept, last_end), _merge_rows(rows, markers))


def _merge_rows(rows: list[Moved], markers: list[Moved]) -> tuple[Moved, ...]:
    """The old chapters' rows in their order (the map never reorders), each insert marker
    slotted in before the first chapter that starts at or after it."""
    merged: list[Moved] = []
    waiting = sorted(markers, key=lambda r: r.after.start if r.after else 0.0)
    for row in rows:
        while row.after is not None and waiting and waiting[0].after.start <= row.after.start:  # type: ignore[union-attr]
            merged.append(waiting.pop(0))
        merged.append(row)
    return (*merged, *waiting)


def _cut_text(cut: Cut) -> str:
    end = "the end" if math.isinf(cut.end) else f"{cut.end:g}"
    return f"{cut.start:g}-{end} s"


def retime_transcript(
    transcript: Transcript,
    edits: Edits | Iterable[Cut | Insert],
    *,
    duration: float | None = None,
) -> tuple[Transcript, int]:
    """The transcript with every segment moved onto the new timeline, and how many segments
    were dropped because all of their time was cut (or they start past the audio's end)."""
    timeline = Timeline(as_edits(edits), duration)
    segments: list[Segment] = []
    dropped = 0
    for segment in transcript.segments:
        start, end = timeline.start(segment.start), timeline.end(segment.end)
        if segment.end - segment.start > EPSILON and end - start <= EPSILON:
            dropped += 1
            continue
        if duration is not None and start >= duration and segments:
            dropped += 1
            continue
        if segments and start < segments[-1].start:
            start = segments[-1].start
        segments.append(replace(segment, start=start, end=max(start, end)))
    return replace(transcript, segments=tuple(segments)), dropped
