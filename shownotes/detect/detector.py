"""Chapter detection: cues, pauses and topic shifts → boundaries → shaped, titled chapters.

The steps, each in its own module:

1. :mod:`~shownotes.detect.rules` finds cue phrases ("so story one", "over to you") in the
   normalized text of the whole transcript.
2. :mod:`~shownotes.detect.signals` finds pauses, the sponsors' names and the topics the
   description names; :mod:`~shownotes.detect.topics` computes lexical cohesion.
3. This module turns them into boundaries: strong cues start chapters; weak cues only with
   support; ad reads stay inside the chapter before them; the opening before the first cue is
   the intro; stretches without cues are split where the topic shifts.
4. :mod:`~shownotes.detect.shape` merges short chapters and caps their number;
   :mod:`~shownotes.detect.titles` titles them.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace

from shownotes.detect.align import publisher_topics
from shownotes.detect.normalize import TextStream
from shownotes.detect.rules import Cue, find_cues, load_rules
from shownotes.detect.shape import Boundary, limit_count, merge_short, number_stories
from shownotes.detect.signals import (
    DescriptionTopic,
    confirms,
    description_topics,
    find_gaps,
    sponsor_names,
)
from shownotes.detect.titles import make_titles
from shownotes.detect.topics import Cohesion, cohesion_curve, topic_boundaries
from shownotes.detect.words import bag
from shownotes.models import Chapter, Detection, Episode, Segment, Transcript

#: Cues this close to the previous boundary belong to it (the more specific one titles it).
CLUSTER_SECONDS = 15.0
#: A weak cue this close to the previous boundary never starts a chapter.
WEAK_MIN_SECONDS = 60.0
#: A cue followed this soon by a sponsor's name opens an ad read.
SPONSOR_NAME_SECONDS = 20.0
#: The first cue within this long after an ad read starts the next chapter even if weak.
AFTER_SPONSOR_SECONDS = 300.0
#: Window of the cohesion curve that supports weak cues, and how low it must dip (quantile).
CUE_WINDOW_SECONDS = 60.0
CUE_COHESION_QUANTILE = 0.3
#: Window of the cohesion curve for the topic segmenter.
TOPIC_WINDOW_SECONDS = 90.0
#: Description topics: talk before/after a point that must (not) be about the topic.
DESCRIPTION_BEFORE_SECONDS = 120.0
DESCRIPTION_AFTER_SECONDS = 60.0
#: Topic segmenter: least distance between topic boundaries, how deep a dip must be (in
#: standard deviations above the mean depth), how far a boundary may move to a hand-off.
TOPIC_SPACING_SECONDS = 60.0
TOPIC_STRICTNESS = 0.5
SNAP_SECONDS = 20.0
#: In an episode with cues, only chapters this long (and this many times the median) are
#: split by topic.
LONG_CHAPTER_SECONDS = 300.0
LONG_CHAPTER_FACTOR = 2.0
#: Fewer boundaries from cues than this per hour: the episode is a conversation, segmented by
#: topic throughout (an episode with cues only has its overlong chapters split).
CUES_PER_HOUR = 6.0
#: Intro cues count in the opening, outro cues in the closing: this share of the episode,
#: but at least the given number of seconds.
EDGE_FRACTION = 0.15
EDGE_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class Context:
    """What every step looks at: the segments, their words and the cohesion curves."""

    segments: tuple[Segment, ...]
    end: float
    times: tuple[float, ...]
    bags: tuple[Counter[str], ...]
    cue_cohesion: Cohesion
    topic_cohesion: Cohesion
    gaps: tuple[int, ...]
    topics: tuple[DescriptionTopic, ...]
    settings: Detection

    @classmethod
    def build(cls, transcript: Transcript, settings: Detection, end: float) -> Context:
        segments = transcript.segments
        bags = tuple(bag(s.text) for s in segments)
        return cls(
            segments=segments,
            end=end,
            times=tuple(s.start for s in segments),
            bags=bags,
            cue_cohesion=cohesion_curve(segments, bags, CUE_WINDOW_SECONDS),
            topic_cohesion=cohesion_curve(segments, bags, TOPIC_WINDOW_SECONDS),
            gaps=tuple(find_gaps(segments, settings.gap_seconds)),
            topics=description_topics(transcript.description),
            settings=settings,
        )

    def words_between(self, start: float, end: float) -> Counter[str]:
        """Content words of the segments starting in [start, end)."""
        total: Counter[str] = Counter()
        for i in range(bisect_left(self.times, start), bisect_left(self.times, end)):
            total.update(self.bags[i])
        return total

    def in_opening(self, time: float) -> bool:
        return time <= max(EDGE_SECONDS, EDGE_FRACTION * self.end)

    def in_closing(self, time: float) -> bool:
        return time >= self.end - max(EDGE_SECONDS, EDGE_FRACTION * self.end)


def _mark_sponsor_reads(cues: list[Cue], ctx: Context, stream: TextStream) -> list[Cue]:
    """Cues that lead straight into a sponsor's name open an ad read: make them sponsor cues."""
    names = sponsor_names(stream.text)
    if not names:
        return cues
    marked = []
    for cue in cues:
        if cue.kind in ("story", "quick") and cue.number is None:
            hi = bisect_right(ctx.times, cue.time + SPONSOR_NAME_SECONDS)
            stop = stream.offsets[hi] if hi < len(stream.offsets) else len(stream.text)
            window = stream.text[cue.offset : max(stop, cue.offset + 80)]
            if any(name in window.split() for name in names):
                cue = replace(cue, rule=replace(cue.rule, kind="sponsor", label="Sponsor"))
        marked.append(cue)
    return marked


def _weak_supported(
    cue: Cue, ctx: Context, last: Boundary, last_sponsor: float, used_topics: set[DescriptionTopic]
) -> bool:
    """Whether another signal backs a weak cue: an ad read just ended, a pause, a described
    topic begins (each topic backs one cue), or the words change."""
    if cue.time - last.time < WEAK_MIN_SECONDS:
        return False
    if last.time <= last_sponsor and cue.time - last_sponsor <= AFTER_SPONSOR_SECONDS:
        return True
    if any(abs(ctx.times[g] - cue.time) <= CLUSTER_SECONDS for g in ctx.gaps):
        return True
    before = ctx.words_between(cue.time - DESCRIPTION_BEFORE_SECONDS, cue.time)
    after = ctx.words_between(cue.time, cue.time + DESCRIPTION_AFTER_SECONDS)
    for topic in ctx.topics:
        if topic not in used_topics and confirms(topic, before, after):
            used_topics.add(topic)
            return True
    curve = ctx.cue_cohesion
    lo = bisect_left(curve.times, cue.time - CLUSTER_SECONDS)
    hi = bisect_right(curve.times, cue.time + CLUSTER_SECONDS)
    dip = min(curve.values[lo:hi], default=1.0)
    return dip <= min(curve.low_quantile(CUE_COHESION_QUANTILE), 0.5 * curve.low_quantile(0.5))


def _source(cue: Cue) -> str:
    if cue.weak:
        return "weak"
    if cue.kind == "story" and cue.number is not None:
        return "numbered"
    return cue.kind


def cue_boundaries(cues: list[Cue], ctx: Context) -> list[Boundary]:
    """Boundaries from cues, in time order, starting with the intro at 0."""
    bounds = [Boundary(0, 0.0, "intro", ctx.settings.intro_title, source="start")]
    last_sponsor = float("-inf")
    used_topics: set[DescriptionTopic] = set()
    for cue in cues:
        last = bounds[-1]
        if cue.kind == "intro":
            if ctx.in_opening(cue.time):
                bounds = [b for b in bounds if b.time > cue.time or b.source == "start"]
            continue
        if cue.kind == "sponsor":
            if last.source in ("story", "weak") and cue.time - last.time < CLUSTER_SECONDS:
                bounds.pop()
            last_sponsor = cue.time
            continue
        source = _source(cue)
        closing = last.kind in ("wrapup", "outro")
        if cue.kind == "outro" and (closing or not ctx.in_closing(cue.time)):
            continue
        if closing and source not in ("numbered", "wrapup", "outro"):
            continue
        if cue.weak and not _weak_supported(cue, ctx, last, last_sponsor, used_topics):
            continue
        if last.source == "start" and cue.time < CLUSTER_SECONDS and source != "numbered":
            continue  # the opening previews the episode ("two stories and a quick one")
        new = Boundary(cue.segment, cue.time, cue.kind, cue.rule.label, cue.number, source)
        if last.source != "start" and cue.time - last.time < CLUSTER_SECONDS:
            if new.strength > last.strength:
                bounds[-1] = replace(new, segment=last.segment, time=last.time)
            continue
        bounds.append(new)
    return bounds


def _chapter_ranges(bounds: list[Boundary], end: float) -> list[tuple[float, float]]:
    times = [b.time for b in bounds] + [end]
    return list(itertools.pairwise(times))


def add_gaps(bounds: list[Boundary], ctx: Context) -> list[Boundary]:
    """A pause starts a chapter where no boundary is near and no closing part runs."""
    result = list(bounds)
    for g in ctx.gaps:
        time = ctx.times[g]
        owner = max((b for b in result if b.time <= time), key=lambda b: b.time)
        near = any(abs(b.time - time) < CLUSTER_SECONDS for b in result)
        if near or owner.kind in ("wrapup", "outro"):
            continue
        result.append(Boundary(g, time, "story", "{topic}", None, "gap"))
    return sorted(result, key=lambda b: b.time)


def _handoff_score(i: int, ctx: Context, cue_segments: frozenset[int]) -> int:
    """How much segment ``i`` looks like the start of a hand-off: a cue, a question, a new
    speaker."""
    segment = ctx.segments[i]
    score = 3 if i in cue_segments else 0
    if "?" in segment.text:
        score += 2
    if i > 0 and segment.speaker and segment.speaker != ctx.segments[i - 1].speaker:
        score += 1
    return score


def snap_to_handoff(index: int, ctx: Context, cue_segments: frozenset[int]) -> int:
    """The segment near ``index`` (within :data:`SNAP_SECONDS`) that best looks like a hand-off;
    nearer wins among equals."""
    time = ctx.times[index]
    lo = bisect_left(ctx.times, time - SNAP_SECONDS)
    hi = bisect_right(ctx.times, time + SNAP_SECONDS)
    return max(
        range(lo, hi),
        key=lambda i: (_handoff_score(i, ctx, cue_segments), -abs(ctx.times[i] - time)),
    )


def add_topic_shifts(
    bounds: list[Boundary], ctx: Context, cue_segments: frozenset[int]
) -> list[Boundary]:
    """Split stretches without cues where the words change (the whole of a conversation)."""
    cued = sum(1 for b in bounds if b.source not in ("start", "gap", "weak"))
    ranges = _chapter_ranges(bounds, ctx.end)
    longest_plain = 0.0
    if cued >= CUES_PER_HOUR * ctx.end / 3600:
        lengths = sorted(end - start for start, end in ranges)
        longest_plain = max(LONG_CHAPTER_SECONDS, LONG_CHAPTER_FACTOR * lengths[len(lengths) // 2])
    spacing = max(ctx.settings.min_chapter_seconds, TOPIC_SPACING_SECONDS)
    result = list(bounds)
    for (start, end), owner in zip(ranges, bounds, strict=True):
        if owner.kind in ("wrapup", "outro") or end - start < longest_plain:
            continue
        for i in topic_boundaries(
            ctx.topic_cohesion, start, end, min_spacing=spacing, strictness=TOPIC_STRICTNESS
        ):
            j = snap_to_handoff(i, ctx, cue_segments)
            if all(abs(b.time - ctx.times[j]) >= spacing / 2 for b in result):
                result.append(Boundary(j, ctx.times[j], "story", "{topic}", None, "topic"))
    return sorted(result, key=lambda b: b.time)


def _episode_end(transcript: Transcript, duration: float | None) -> float:
    if duration is not None:
        return float(duration)
    return max((s.end for s in transcript.segments), default=0.0)


def _titled(
    bounds: list[Boundary],
    ctx: Context,
    end: float,
    transcript: Transcript,
    episode: Episode | None,
) -> tuple[Chapter, ...]:
    starts = [b.segment for b in bounds] + [len(ctx.segments)]
    texts = [[s.text for s in ctx.segments[a:b]] for a, b in itertools.pairwise(starts)]
    labels = [(b.label, b.kind, b.number) for b in bounds]
    fixed = {0: ctx.settings.intro_title} if bounds[0].kind == "intro" else {}
    description = "\n".join(
        dict.fromkeys(d for d in (transcript.description, episode and episode.description) if d)
    )
    links = [(link.title, link.url) for link in episode.links] if episode else []
    titles = make_titles(
        texts,
        labels,
        publisher=publisher_topics(description, links),
        fixed=fixed,
        max_length=ctx.settings.title_max_length,
    )
    ranges = _chapter_ranges(bounds, end)
    return tuple(
        Chapter(start=start, end=stop, title=title)
        for (start, stop), title in zip(ranges, titles, strict=True)
    )


def detect_chapters(
    transcript: Transcript,
    settings: Detection | None = None,
    *,
    duration: float | None = None,
    episode: Episode | None = None,
) -> tuple[Chapter, ...]:
    """The chapters of an episode: first at 0, in order, each ending where the next starts.

    The last chapter ends at ``duration`` when given, else at the transcript's end (and never
    before it starts). ``episode``'s description and links help title the chapters. Pure:
    reads nothing but the packaged default rules.
    """
    settings = settings or Detection()
    end = _episode_end(transcript, duration)
    if duration is not None:
        transcript = replace(
            transcript, segments=tuple(s for s in transcript.segments if s.start < end)
        )
    if not transcript.segments:
        return (Chapter(0.0, max(end, 1.0), settings.intro_title or "Intro"),)
    ctx = Context.build(transcript, settings, end)
    stream = TextStream.build(ctx.segments)
    cues = _mark_sponsor_reads(find_cues(ctx.segments, load_rules(settings), stream), ctx, stream)
    bounds = cue_boundaries(cues, ctx)
    bounds = add_gaps(bounds, ctx)
    bounds = add_topic_shifts(bounds, ctx, frozenset(c.segment for c in cues))
    bounds = merge_short(bounds, end, settings.min_chapter_seconds)
    bounds = limit_count(bounds, end, settings.max_chapters)
    bounds = number_stories(bounds)
    if end <= bounds[-1].time:
        end = bounds[-1].time + 1.0
    return _titled(bounds, ctx, end, transcript, episode)
