"""Chapter detection: cues and turn-taking → scored candidates → one decoder → titled chapters.

The steps, each in its own module:

1. :mod:`~shownotes.chapters.rules` finds cue phrases ("so story one", "over to you") in the
   normalized text of the whole transcript; :func:`fitting_cues` keeps those that fit the
   episode's structure (numbers continue the items so far, closing parts come late).
2. :mod:`~shownotes.chapters.turns` finds turn-taking points (acknowledgement then a new
   subject, questions, hand-off verbs, short replies, speaker changes);
   :mod:`~shownotes.chapters.signals` finds pauses and the sponsors' names;
   :mod:`~shownotes.chapters.topics` computes lexical cohesion.
3. :mod:`~shownotes.chapters.decoder` scores every candidate with all of those signals and
   chooses the set of boundaries with one dynamic program and a chapter-length prior.
4. :mod:`~shownotes.chapters.shape` applies the shape settings (minimum length, maximum count,
   story numbers); :mod:`~shownotes.chapters.titles` titles the chapters.
"""

from __future__ import annotations

import itertools
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import repeat
from operator import sub, truediv
from statistics import fmean

from shownotes.chapters.align import publisher_topics
from shownotes.chapters.captions import spoken_segments
from shownotes.chapters.decoder import FEATURES, MODEL, Model, decode, score
from shownotes.chapters.explain import Explanation, confidence, quote_of, reason_of
from shownotes.chapters.learned import styled_model
from shownotes.chapters.normalize import TextStream
from shownotes.chapters.rules import Cue, find_cues, load_rules
from shownotes.chapters.shape import (
    INTRO_FLOOR_SECONDS,
    STRENGTH,
    Boundary,
    limit_count,
    merge_short,
    number_stories,
)
from shownotes.chapters.signals import (
    find_gaps,
    sponsor_names,
)
from shownotes.chapters.spelling import one_edit, sound
from shownotes.chapters.split import split_sentences
from shownotes.chapters.titles import make_titles
from shownotes.chapters.topics import (
    Cohesion,
    cohesion_curves,
    idf_weights,
    novelty_curve,
    population_stdev,
)
from shownotes.chapters.turns import turn_signals
from shownotes.chapters.words import bag
from shownotes.models import Chapter, Detection, Episode, Segment, Transcript

#: Cues this close together announce one chapter ("let's do the news. So story one"): it
#: starts at the first, the stronger one titles it.
CUE_RUN_SECONDS = 10.0
#: Added to the score of a weak cue between numbered items whose numbers skip one.
MISSING_ITEM_BONUS = 2.0
#: A cue followed this soon by a sponsor's name opens an ad read.
SPONSOR_NAME_SECONDS = 20.0
#: An ad read is taken to last this long after its opening cue: no chapter starts inside it.
AD_READ_SECONDS = 60.0
#: Windows of the two cohesion curves whose drops are signals (seconds each side): a change
#: of words over a minute or two, and one that lasts about a chapter.
TOPIC_WINDOW_SECONDS = 90.0
LONG_WINDOW_SECONDS = 180.0
#: A cohesion drop is measured in standard deviations above the episode's mean depth, capped.
DROP_CAP = 3.0
#: New words: the share of the next minute's words not heard in the three minutes before.
NEW_WORDS_AHEAD = 60.0
NEW_WORDS_BEFORE = 180.0
#: A weak cue needs a cohesion drop of at least this (standard deviations above the mean).
SUPPORT_DROP = 0.5
#: A turn-taking signal in the segment after a candidate counts if it starts this soon.
NEXT_TURN_SECONDS = 6.0
#: Closing parts (extras, jokes, wrap-up) start in the second half of an episode.
CLOSING_FROM = 0.5
#: Sign-offs count in the closing stretch: this share of the episode, but at least the given
#: number of seconds.
EDGE_FRACTION = 0.15
EDGE_SECONDS = 120.0


@dataclass(frozen=True, slots=True)
class Context:
    """What every step looks at: the segments, their words and the cohesion curves.

    The segments are the transcript's with long ones split at their sentences
    (:func:`~shownotes.chapters.split.split_sentences`); ``origin[i]`` is the index of the
    transcript segment that ``segments[i]`` comes from.
    """

    segments: tuple[Segment, ...]
    origin: tuple[int, ...]
    end: float
    times: tuple[float, ...]
    bags: tuple[Counter[str], ...]
    topic_cohesion: Cohesion
    long_cohesion: Cohesion
    novelty: tuple[float, ...]
    gaps: tuple[int, ...]
    settings: Detection

    @classmethod
    def build(cls, transcript: Transcript, settings: Detection, end: float) -> Context:
        segments, origin = split_sentences(spoken_segments(transcript.segments))
        bags = tuple(bag(s.text) for s in segments)
        times = tuple(s.start for s in segments)
        windows = (TOPIC_WINDOW_SECONDS, LONG_WINDOW_SECONDS)
        weights = idf_weights(bags, times)  # (one idf table for all three curves)
        topic_cohesion, long_cohesion = cohesion_curves(segments, bags, windows, weights)
        return cls(
            segments=segments,
            origin=origin,
            end=end,
            times=times,
            bags=bags,
            topic_cohesion=topic_cohesion,
            long_cohesion=long_cohesion,
            novelty=tuple(novelty_curve(times, bags, NEW_WORDS_AHEAD, NEW_WORDS_BEFORE, weights)),
            gaps=tuple(find_gaps(segments, settings.gap_seconds)),
            settings=settings,
        )

    def words_between(self, start: float, end: float) -> Counter[str]:
        """Content words of the segments starting in [start, end)."""
        total: Counter[str] = Counter()
        for i in range(bisect_left(self.times, start), bisect_left(self.times, end)):
            total.update(self.bags[i])
        return total

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
            if any(_same_sponsor(word, names) for word in window.split()):
                cue = replace(cue, rule=replace(cue.rule, kind="sponsor", label="Sponsor"))
        marked.append(cue)
    return marked


def _same_sponsor(word: str, names: frozenset[str]) -> bool:
    """``word`` is one of ``names`` as ASR spells it elsewhere in the episode: the same word,
    a sound-alike ("flyio", "fly io"), or one letter off for names of five letters or more."""
    if word in names:
        return True
    return len(word) >= 4 and any(
        sound(word) == sound(name) or (min(len(word), len(name)) >= 5 and one_edit(word, name))
        for name in names
        if len(name) >= 4 and word[:1] == name[:1]
    )


def _chapter_ranges(bounds: list[Boundary], end: float) -> list[tuple[float, float]]:
    times = [b.time for b in bounds] + [end]
    return list(itertools.pairwise(times))


def prepared_cues(ctx: Context) -> list[Cue]:
    """Every cue of the episode's rules, ad-read openings marked as sponsor cues."""
    stream = TextStream.build(ctx.segments)
    cues = find_cues(ctx.segments, load_rules(ctx.settings), stream)
    return _mark_sponsor_reads(cues, ctx, stream)


def _source(cue: Cue) -> str:
    if cue.weak:
        return "weak"
    if cue.kind == "story" and cue.number is not None:
        return "numbered"
    return cue.kind


def fitting_cues(cues: list[Cue], ctx: Context) -> list[Cue]:
    """The cues that fit the episode's structure.

    - a number must continue the items so far: above the last number, at most one item
      skipped ("story one" after three items is a back-reference, not a new item);
    - closing parts (extras, jokes, the wrap-up) come after the main part: a wrap-up cue
      counts only in the second half, a sign-off only in the closing stretch;
    - the show's own opening ("welcome to") is the intro, not a chapter start;
    - cues within :data:`CUE_RUN_SECONDS` of each other are one chapter start.
    """
    kept = []
    last_number = 0
    items = 0
    closed = False
    for cue in cues:
        if cue.kind == "intro":
            continue
        if cue.kind == "wrapup" and cue.time < CLOSING_FROM * ctx.end:
            continue
        if cue.kind == "outro" and (not ctx.in_closing(cue.time) or closed):
            continue
        closed = closed or cue.kind in ("wrapup", "outro")
        if cue.number is not None and cue.kind == "story":
            if not last_number < cue.number <= max(last_number, items) + 2:
                continue
            last_number = cue.number
        if cue.kind in ("story", "quick") and not cue.weak:
            items += 1
        previous = kept[-1] if kept else None
        if (
            previous is not None
            and previous.kind != "sponsor"
            and cue.kind != "sponsor"
            and cue.time - previous.time <= CUE_RUN_SECONDS
        ):
            if STRENGTH[_source(cue)] > STRENGTH[_source(previous)]:
                kept[-1] = replace(
                    cue, segment=previous.segment, time=previous.time, offset=previous.offset
                )
            continue
        kept.append(cue)
    return kept


def _in_ad_read(time: float, sponsors: list[float]) -> bool:
    i = bisect_right(sponsors, time)
    return i > 0 and time - sponsors[i - 1] < AD_READ_SECONDS


def _supported(i: int, drops: list[float], long_drops: list[float], gaps: set[int]) -> bool:
    """A weak cue ("speaking of") counts only where something else says the talk moves on:
    the words change (either cohesion drop at least :data:`SUPPORT_DROP`) or a pause."""
    return drops[i] >= SUPPORT_DROP or long_drops[i] >= SUPPORT_DROP or i in gaps


def _drops(cohesion: Cohesion) -> list[float]:
    """How deep the cohesion curve dips at each segment (see :func:`_standardized`)."""
    return _standardized(cohesion.depths())


def _standardized(values: Sequence[float]) -> list[float]:
    """``values`` in standard deviations above the episode's mean, from 0 to
    :data:`DROP_CAP`, to one decimal (the decoder's features; rounding keeps the fit's table
    of distinct rows small)."""
    mean = fmean(values) if values else 0.0
    spread = (population_stdev(values) if len(values) > 1 else 0.0) or 1.0
    top = round(DROP_CAP, 1)
    # round(min(DROP_CAP, max(0.0, x)), 1), rounding only what is not at either end
    return [
        round(x, 1) if 0.0 < x < DROP_CAP else (top if x >= DROP_CAP else 0.0)
        for x in map(truediv, map(sub, values, repeat(mean)), repeat(spread))
    ]


def feature_rows(ctx: Context, cues: dict[int, Cue]) -> list[tuple[float, ...]]:
    """The decoder's feature row (:data:`~shownotes.chapters.decoder.FEATURES`) of every
    segment."""
    turns = turn_signals(ctx.segments)
    drops = _drops(ctx.topic_cohesion)
    long_drops = _drops(ctx.long_cohesion)
    new_words = _standardized(ctx.novelty)
    gaps = set(ctx.gaps)
    sponsors = sorted(c.time for c in cues.values() if c.kind == "sponsor")
    rows = []
    n = len(ctx.segments)
    for i, turn in enumerate(turns):
        cue = cues.get(i)
        nxt = turns[i + 1] if i + 1 < n else None
        soon = nxt is not None and ctx.times[i + 1] - ctx.times[i] <= NEXT_TURN_SECONDS
        in_ad = cue is None and _in_ad_read(ctx.times[i], sponsors)
        rows.append(
            (
                1,
                int(cue is not None and not cue.weak and cue.kind != "sponsor"),
                int(cue is not None and cue.weak and _supported(i, drops, long_drops, gaps)),
                int((cue is not None and cue.kind == "sponsor") or in_ad),
                int(turn.ack),
                int(turn.question),
                int(turn.handoff),
                int(turn.backchannel),
                int(turn.new_speaker),
                int(i in gaps),
                int(soon and nxt is not None and (nxt.ack or nxt.handoff or nxt.question)),
                drops[i],
                long_drops[i],
                new_words[i],
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class Candidate:
    """A segment where a chapter may start, with its signals and score."""

    segment: int
    time: float
    row: tuple[float, ...]
    score: float
    cue: Cue | None


def candidates(ctx: Context, cues: list[Cue], model: Model = MODEL) -> list[Candidate]:
    """Every segment start after 0 with at least one signal (the first segment of a stamp),
    but those inside an ad read (no chapter starts there; its opening may)."""
    by_segment = {c.segment: c for c in cues}
    rows = feature_rows(ctx, by_segment)
    sponsors = sorted(c.time for c in cues if c.kind == "sponsor")
    found = []
    previous = 0.0
    for i, row in enumerate(rows):
        time = ctx.times[i]
        inside_ad = i not in by_segment and _in_ad_read(time, sponsors)
        if time <= previous or not any(row[1:]) or inside_ad:
            previous = max(previous, time)
            continue
        previous = time
        found.append(Candidate(i, time, row, score(row, model), by_segment.get(i)))
    return found


def _boundary(c: Candidate) -> Boundary:
    if c.cue is not None and c.cue.kind != "sponsor":
        cue = c.cue
        return Boundary(c.segment, c.time, cue.kind, cue.rule.label, cue.number, _source(cue))
    return Boundary(c.segment, c.time, "story", "{topic}", None, "turn")


def _missing_items(cues: list[Cue]) -> list[tuple[float, float]]:
    """Stretches between numbered items whose numbers skip ("story 1" … "story 3")."""
    numbered = [c for c in cues if c.kind == "story" and c.number is not None]
    return [
        (a.time, b.time)
        for a, b in itertools.pairwise(numbered)
        if (b.number or 0) - (a.number or 0) > 1
    ]


def announced_scores(
    found: list[Candidate], cues: list[Cue], end: float, model: Model = MODEL
) -> list[float]:
    """Candidate scores, less :attr:`Model.announced` times the share of the expected chapters
    the host's cues already announce, for a candidate that is only a turn-taking point.

    Not for cues or pauses (an edit, not a turn); a weak cue where the numbering says an
    item is missing ("story 1" … "story 3") gains :data:`MISSING_ITEM_BONUS` instead.
    """
    cued = sum(1 for c in found if c.row[1])
    share = min(1.0, cued * model.typical(end) / max(end, 1.0))
    gaps = _missing_items(cues)
    pause = FEATURES.index("pause")
    scores = []
    for c in found:
        if c.row[2] and any(a < c.time < b for a, b in gaps):
            scores.append(c.score + MISSING_ITEM_BONUS)
        elif c.row[1] or c.row[pause]:
            scores.append(c.score)
        else:
            scores.append(c.score - model.announced * share)
    return scores


def decoded_boundaries(
    ctx: Context, cues: list[Cue], model: Model = MODEL
) -> tuple[list[Boundary], dict[float, Candidate]]:
    """Boundaries the decoder chooses, starting with the intro at 0, and their candidates."""
    found = candidates(ctx, cues, model)
    adjusted = announced_scores(found, cues, ctx.end, model)
    chosen = _chosen(found, adjusted, ctx, model)
    bounds = [Boundary(0, 0.0, "intro", ctx.settings.intro_title, source="start")]
    opening = next((c for c in cues if c.time <= 0.0), None)
    if opening is not None and _source(opening) == "numbered":
        # an episode that opens on its first item has no intro
        bounds = [replace(_boundary(Candidate(0, 0.0, (), 0.0, opening)), source="start")]
    bounds += [_boundary(found[j]) for j in chosen]
    # the candidates keep the score the decoder weighed (after the announced-items term)
    return bounds, {found[j].time: replace(found[j], score=adjusted[j]) for j in chosen}


#: How far a wanted chapter count may move every candidate's log-odds, either way, and how
#: many halvings of that range the search takes (60 / 2**20: far finer than any score step).
COUNT_REACH = 30.0
COUNT_STEPS = 20


def _chosen(found: list[Candidate], adjusted: list[float], ctx: Context, model: Model) -> list[int]:
    """The decoder's choice of candidates; with ``settings.chapter_count``, the choice whose
    number of chapters comes closest to it.

    Adding the same amount to every candidate's log-odds makes the decoder start more chapters
    (never fewer) as the amount grows, so the amount is found by halving a range. Where the
    count is met already, nothing moves: the chapters are the ones detection gives anyway.
    Where it cannot be met (too many for ``min_chapter_seconds``), the nearest count wins.
    """
    times = [c.time for c in found]

    def run(extra: float) -> list[int]:
        return decode(
            times,
            [s + extra for s in adjusted] if extra else adjusted,
            ctx.end,
            model,
            min_seconds=max(ctx.settings.min_chapter_seconds, 1.0),
            first_min_seconds=INTRO_FLOOR_SECONDS,
        )

    chosen = run(0.0)
    if ctx.settings.chapter_count is None:
        return chosen
    want = ctx.settings.chapter_count - 1  # (the opening chapter needs no boundary)
    if len(chosen) == want:
        return chosen
    lo, hi = (-COUNT_REACH, 0.0) if len(chosen) > want else (0.0, COUNT_REACH)
    fewer = run(lo) if lo else chosen  # fewer[i] <= want <= more[i], when it can be met
    more = run(hi) if hi else chosen
    for _ in range(COUNT_STEPS):
        if want in (len(fewer), len(more)):
            break
        mid = (lo + hi) / 2
        middle = run(mid)
        if len(middle) < want:
            lo, fewer = mid, middle
        else:
            hi, more = mid, middle
    return min((more, fewer), key=lambda c: abs(len(c) - want))


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
        rules=load_rules(ctx.settings),
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
    model: Model = MODEL,
    episode: Episode | None = None,
) -> tuple[Chapter, ...]:
    """The chapters of an episode: first at 0, in order, each ending where the next starts.

    The last chapter ends at ``duration`` when given, else at the transcript's end (and never
    before it starts). Pure: reads nothing but the packaged default rules. ``model`` replaces
    the decoder's packaged weights (the leave-one-show-out check of ``shownotes eval``).
    """
    chapters, _ = detect_explained(
        transcript, settings, duration=duration, model=model, episode=episode
    )
    return chapters


def _explanations(
    bounds: list[Boundary], chosen: dict[float, Candidate], ctx: Context, transcript: Transcript
) -> dict[float, Explanation]:
    """Why each boundary is there, keyed by its time (see :mod:`.explain`): the transcript
    segment it starts in and that segment's stamp, and the sentence it starts with."""
    found = {}
    for b in bounds:
        piece = ctx.segments[b.segment] if ctx.segments else None
        source = ctx.origin[b.segment] if piece else 0
        # (a line that was only a sound tag has no words for detection: quote it as written)
        quote = quote_of(piece.text or transcript.segments[source].text) if piece else ""
        stamp = transcript.segments[source].start if piece else 0.0
        c = chosen.get(b.time)
        if c is None:  # the opening (or an intro merged into the first chapter)
            reason = f"opens on {b.kind} cue" if b.source == "start" and b.kind != "intro" else ""
            why = Explanation(1.0, reason or "the start of the episode", source, stamp, quote)
        else:
            cue = c.cue.text.strip() if c.cue is not None and c.cue.kind != "sponsor" else None
            reason = reason_of(c.row, cue, c.cue.kind if cue else "")
            why = Explanation(confidence(c.score), reason, source, stamp, quote)
        found[b.time] = why
    return found


def detect_explained(
    transcript: Transcript,
    settings: Detection | None = None,
    *,
    duration: float | None = None,
    model: Model = MODEL,
    episode: Episode | None = None,
) -> tuple[tuple[Chapter, ...], dict[float, Explanation]]:
    """:func:`detect_chapters`, and why each chapter is there, keyed by its start."""
    settings = settings or Detection()
    if episode is not None and episode.chapter_count is not None:
        # the episode's own wish, within the show's ceiling
        wanted = min(episode.chapter_count, settings.max_chapters)
        settings = replace(settings, chapter_count=wanted)
    if model is MODEL and settings.style is not None:
        model = styled_model(model, settings.style)  # the show's learned length prior
    end = _episode_end(transcript, duration)
    if duration is not None:
        transcript = replace(
            transcript, segments=tuple(s for s in transcript.segments if s.start < end)
        )
    if not transcript.segments:
        empty = Explanation(1.0, "the start of the episode", 0, 0.0, "")
        return (Chapter(0.0, max(end, 1.0), settings.intro_title or "Intro"),), {0.0: empty}
    ctx = Context.build(transcript, settings, end)
    bounds, chosen = decoded_boundaries(ctx, fitting_cues(prepared_cues(ctx), ctx), model)
    bounds = merge_short(bounds, end, settings.min_chapter_seconds)
    bounds = limit_count(bounds, end, settings.max_chapters)
    bounds = number_stories(bounds)
    if end <= bounds[-1].time:
        end = bounds[-1].time + 1.0
    chapters = _titled(bounds, ctx, end, transcript, episode)
    return chapters, _explanations(bounds, chosen, ctx, transcript)
