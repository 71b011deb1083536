"""Learn a show's chapter style from episodes it already chaptered (``shownotes learn``).

Input: :class:`~shownotes.chapters.sources.KnownEpisode`\\ s (a transcript and the chapters a
person made). Output: a rules file a person can read and edit, the same keys as ``detection:``
in the show config:

- ``rules``: the show's own cue phrases. Word n-grams of the detector's normalized text
  (:mod:`~shownotes.chapters.normalize`) near true chapter starts, generalized where safe
  (numbers become ``(?P<n>\\d+)``, the hosts' names a slot), measured on every training episode
  exactly as the detector would fire them, and kept only when they are precise, find chapter
  starts the built-in rules miss, and do so in at least two episodes; a precise phrase that
  fires in only one episode is dropped and listed as dropped.
- ``style``: the chapter-length and chapter-count prior (blended with the decoder's default by
  the amount of evidence, :mod:`~shownotes.chapters.learned`), the usual opening and closing
  (intro length, a recurring sponsor slot, the closing section) and the recurring sections;
  a rule whose chapters are mostly one recurring section is labelled with its name.
- ``intro_title``, when the show names its opening the same way in most episodes.

Everything is sorted with full tie-breaks and printed with fixed precision: the same episodes
give a byte-identical file.
"""

from __future__ import annotations

import itertools
import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from statistics import median

from shownotes.chapters.detector import detect_chapters
from shownotes.chapters.evaluate import TOLERANCE_SECONDS, MatchCounts, match_boundaries
from shownotes.chapters.learn import median_spread
from shownotes.chapters.normalize import TextStream, normalize
from shownotes.chapters.rules import find_cues, load_rules
from shownotes.chapters.sources import KnownEpisode
from shownotes.chapters.words import STOPWORDS
from shownotes.models import CueRule, Detection, Section, Style

#: Longest phrase (in words) tried as a cue.
MAX_WORDS = 5
#: A rule must find at least this many chapter starts the built-in rules miss ...
MIN_NEW = 2
#: ... in at least this many training episodes (else it is dropped, and listed).
MIN_EPISODES = 2
#: ... and be precise: hits / (hits + misses + 1) at least this (the +1 keeps two lucky hits
#: from counting as certainty).
MIN_PRECISION = 0.7
#: ... and unlikely to be near chapter starts that often by chance: the binomial tail
#: probability, given how much of the text is near a chapter start, at most this divided by
#: the number of phrases tried (Bonferroni: thousands of phrases are tried, some get lucky).
SIGNIFICANCE = 0.05
#: Firings away from a chapter start closer together than this count as one miss (the
#: decoder would not start two chapters there either).
MISS_MERGE_SECONDS = 30.0
#: Why a precise phrase is dropped: the chapter starts it finds that the built-in rules miss
#: are all in one training episode (it would overfit), or, in several, still too few to tell
#: from chance among the thousands of phrases tried.
ONE_EPISODE = "one episode"
CHANCE = "chance"
#: A section recurs when it is in at least this share of the episodes (and in two).
RECUR_SHARE = 0.5
#: A rule is a section's cue when at least this share of its hits open that section.
SECTION_SHARE = 0.6
#: Hosts introduce themselves in the opening this long (seconds).
OPENING_SECONDS = 120.0
#: At most this many recurring sections are listed.
MAX_SECTIONS = 12

_INTRODUCTION = re.compile(r"\b(?:I'm|I’m|I am|my name is|this is|I'm your host,?)\s+([A-Z][a-z]+)")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_SPONSOR_TITLE = re.compile(r"\b(?:sponsors?|sponsored|ads?|advert\w*|brought to you)\b")
_ITEM_WORDS = ("number", "no")


@dataclass(frozen=True, slots=True)
class LearnedRule:
    """A cue rule learned from the training episodes, with how it did on them."""

    rule: CueRule
    #: The phrase it was made from, slots as ``<n>``, ``<nth>``, ``<host>``.
    phrase: str
    #: Chapter starts it fired at (within the scoring tolerance) ...
    hits: int
    #: ... and firings away from any chapter start.
    misses: int
    #: Training episodes it hit in.
    episodes: int
    #: Hits at chapter starts the built-in rules do not find.
    new: int
    #: Names of the episodes of the chapter starts it would add (for the dropped list).
    names: tuple[str, ...] = ()
    #: Why a dropped rule was dropped: :data:`ONE_EPISODE` or :data:`CHANCE` ("" when kept).
    reason: str = ""

    @property
    def precision(self) -> float:
        return self.hits / (self.hits + self.misses) if self.hits + self.misses else 0.0


@dataclass(frozen=True, slots=True)
class Learned:
    """What ``shownotes learn`` learned from a show's episodes."""

    show: str
    episodes: tuple[str, ...]
    rules: tuple[LearnedRule, ...]
    #: Precise phrases that are not used: their new chapter starts are all in one training
    #: episode, or too few to tell from chance (see :attr:`LearnedRule.reason`).
    dropped: tuple[LearnedRule, ...]
    style: Style
    intro_title: str | None
    hosts: tuple[str, ...]
    #: (episode name, where its chapters came from, how many).
    origins: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class _Prepared:
    """One training episode in the form learning needs (made once, reused by every fold)."""

    known: KnownEpisode
    words: tuple[str, ...]
    #: Index of the segment each word is in, and every segment's start.
    segment: tuple[int, ...]
    times: tuple[float, ...]
    #: True chapter starts after 0, and which of them the built-in rules find.
    truth: tuple[float, ...]
    found: frozenset[int]
    #: Names the hosts go by in this episode (speaker labels, self-introductions).
    names: frozenset[str]
    #: For every word, the index of the true start its segment is near, or -1.
    close: tuple[int, ...] = ()


def _names(known: KnownEpisode) -> frozenset[str]:
    names = set()
    for speaker in known.transcript.speakers:
        first = normalize(speaker).split()
        if first and first[0].isalpha() and len(first[0]) > 2:
            names.add(first[0])
    for segment in known.transcript.segments:
        if segment.start > OPENING_SECONDS:
            break
        for match in _INTRODUCTION.finditer(segment.text):
            names.add(match.group(1).lower())
    return frozenset(n for n in names if n not in STOPWORDS)


def _near(times: Sequence[float], time: float) -> int | None:
    """Index of the true start within the tolerance of ``time`` (the nearest), or None."""
    i = bisect_left(times, time)
    best = None
    for j in (i - 1, i):
        if (
            0 <= j < len(times)
            and abs(times[j] - time) <= TOLERANCE_SECONDS
            and (best is None or abs(times[j] - time) < abs(times[best] - time))
        ):
            best = j
    return best


def _found_by_rules(known: KnownEpisode, truth: tuple[float, ...], base: Detection) -> set[int]:
    """Which true starts a strong cue of the show's and the built-in rules already finds.

    Only the stretches around true starts are searched (what a cue there would find is all
    that matters), which keeps learning from a large back catalogue quick."""
    segments = known.transcript.segments
    rules = load_rules(base)
    found = set()
    reach = 2 * TOLERANCE_SECONDS
    i = 0
    while i < len(segments):
        if _near(truth, segments[i].start) is None:
            i += 1
            continue
        j = i
        while j < len(segments) and segments[j].start <= segments[i].start + reach:
            j += 1
            if j < len(segments) and _near(truth, segments[j].start) is not None:
                reach = segments[j].start - segments[i].start + 2 * TOLERANCE_SECONDS
        for cue in find_cues(segments[i:j], rules):
            if not cue.weak and cue.kind not in ("sponsor", "intro"):
                k = _near(truth, cue.time)
                if k is not None:
                    found.add(k)
        i, reach = j, 2 * TOLERANCE_SECONDS
    return found


def prepare(known: KnownEpisode, base: Detection) -> _Prepared:
    """Normalize an episode once: its words, their segments, what the built-in rules find."""
    segments = known.transcript.segments
    stream = TextStream.build(segments)
    words = tuple(stream.text.split()) if stream.text else ()
    positions = []
    offset = 0
    for word in words:
        positions.append(stream.segment_at(offset))
        offset += len(word) + 1
    times = tuple(s.start for s in segments)
    truth = tuple(t for t in known.starts if t > 0)
    near = [_near(truth, t) for t in times]
    close = tuple(-1 if near[seg] is None else near[seg] for seg in positions)
    return _Prepared(
        known,
        words,
        tuple(positions),
        times,
        truth,
        frozenset(_found_by_rules(known, truth, base)),
        _names(known),
        close,
    )


def _hosts(prepared: Sequence[_Prepared]) -> tuple[str, ...]:
    """Names that go by in at least two episodes and half of them: the hosts, not guests."""
    counts = Counter(n for p in prepared for n in p.names)
    need = max(2, math.ceil(RECUR_SHARE * len(prepared)))
    return tuple(sorted(n for n, c in counts.items() if c >= need))


def _general(word: str, hosts: frozenset[str]) -> str:
    if word.isdigit():
        return "<n>"
    if _ORDINAL.fullmatch(word):
        return "<nth>"
    return "<host>" if word in hosts else word


def _pattern(phrase: tuple[str, ...], hosts: Sequence[str]) -> str:
    """The regular expression of a generalized phrase.

    >>> _pattern(("item", "number", "<n>"), ())
    '\\\\bitem number (?P<n>\\\\d+)\\\\b'
    >>> _pattern(("over", "to", "<host>"), ("ann", "bob"))
    '\\\\bover to (?:ann|bob)\\\\b'
    """
    parts = []
    named = False
    for word in phrase:
        if word in ("<n>", "<nth>"):
            part = r"\d+" if named else r"(?P<n>\d+)"
            parts.append(part + ("(?:st|nd|rd|th)" if word == "<nth>" else ""))
            named = True
        elif word == "<host>":
            parts.append("(?:" + "|".join(hosts) + ")")
        else:
            parts.append(re.escape(word))
    return r"\b" + " ".join(parts) + r"\b"


def section_key(title: str) -> str:
    """What makes two chapter titles the same section: their words, without numbers.

    >>> section_key("Extras #2!") == section_key("extras")
    True
    """
    return " ".join(re.findall(r"[^\W\d_]+", title.lower()))


@dataclass(frozen=True, slots=True)
class _Stats:
    phrase: tuple[str, ...]
    hits: frozenset[tuple[int, int]]
    misses: int
    #: Segments it fires in, and how many of those are near a chapter start.
    fires: int = 0
    near: int = 0


def _candidates(prepared: Sequence[_Prepared], words: Sequence[tuple[str, ...]]) -> set:
    """Phrases that come near at least two true chapter starts (the cheap first filter); not
    a word said twice in a row ("where where"): an ASR stutter, no phrase of the show's."""
    support: dict[tuple[str, ...], set[tuple[int, int]]] = {}
    for e, p in enumerate(prepared):
        mine = words[e]
        for k, j in enumerate(p.close):
            if j < 0:
                continue
            for n in range(1, MAX_WORDS + 1):
                if k + n > len(mine):
                    break
                support.setdefault(mine[k : k + n], set()).add((e, j))
    return {
        phrase
        for phrase, hits in support.items()
        if len(hits) >= MIN_NEW
        and not (len(phrase) == 1 and (phrase[0] in STOPWORDS or phrase[0].startswith("<n")))
        and not any(a == b for a, b in itertools.pairwise(phrase))
    }


def _measure(
    prepared: Sequence[_Prepared], words: Sequence[tuple[str, ...]], phrases: set
) -> list[_Stats]:
    """Hits and misses of every candidate phrase on every training episode."""
    firsts: dict[str, list[int]] = {}
    for phrase in sorted(phrases):
        sizes = firsts.setdefault(phrase[0], [])
        if len(phrase) not in sizes:
            sizes.append(len(phrase))
    hits: dict[tuple[str, ...], set[tuple[int, int]]] = {p: set() for p in phrases}
    fired: dict[tuple[str, ...], set[tuple[int, int, bool]]] = {p: set() for p in phrases}
    misses: Counter[tuple[str, ...]] = Counter()
    last_miss: dict[tuple[tuple[str, ...], int], float] = {}
    for e, p in enumerate(prepared):
        mine = words[e]
        for k, word in enumerate(mine):
            sizes = firsts.get(word)
            if sizes is None:
                continue
            time = p.times[p.segment[k]]
            j = p.close[k]
            for n in sizes:
                phrase = mine[k : k + n]
                if len(phrase) < n or phrase not in phrases:
                    continue
                fired[phrase].add((e, p.segment[k], j >= 0))
                if j >= 0:
                    hits[phrase].add((e, j))
                elif time - last_miss.get((phrase, e), -math.inf) > MISS_MERGE_SECONDS:
                    misses[phrase] += 1
                    last_miss[phrase, e] = time
    return [
        _Stats(
            p,
            frozenset(hits[p]),
            misses[p],
            len(fired[p]),
            sum(1 for *_, near in fired[p] if near),
        )
        for p in sorted(phrases)
    ]


def _base_rate(prepared: Sequence[_Prepared]) -> float:
    """Share of all words that are near a chapter start: how often a phrase with no link to
    chapters would be "near" one by chance."""
    near = total = 0
    for p in prepared:
        near += sum(1 for j in p.close if j >= 0)
        total += len(p.close)
    return near / total if total else 0.0


def _tail(successes: int, trials: int, rate: float) -> float:
    """P(X >= successes) for X ~ Binomial(trials, rate).

    >>> round(_tail(2, 2, 0.5), 2)
    0.25
    """
    if successes <= 0:
        return 1.0
    if rate <= 0:
        return 0.0
    return min(
        1.0,
        sum(
            math.comb(trials, k) * rate**k * (1 - rate) ** (trials - k)
            for k in range(successes, trials + 1)
        ),
    )


def _smoothed(stats: _Stats) -> float:
    return len(stats.hits) / (len(stats.hits) + stats.misses + 1)


def _recurring(prepared: Sequence[_Prepared]) -> dict[str, Section]:
    """Sections (by :func:`section_key`) that recur in the episodes."""
    spellings: dict[str, Counter[str]] = {}
    places: dict[str, list[float]] = {}
    episodes: dict[str, set[int]] = {}
    for e, p in enumerate(prepared):
        for start, title in zip(p.known.starts, p.known.titles, strict=True):
            key = section_key(title)
            if not key:
                continue
            spellings.setdefault(key, Counter())[title] += 1
            places.setdefault(key, []).append(start / max(p.known.end, 1.0))
            episodes.setdefault(key, set()).add(e)
    need = max(2, math.ceil(RECUR_SHARE * len(prepared)))
    found = {}
    for key in sorted(episodes):
        if len(episodes[key]) >= need:
            title = min(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]
            found[key] = Section(title, len(episodes[key]), round(median(places[key]), 2))
    return found


def _rule(stats: _Stats, prepared: Sequence[_Prepared], hosts: Sequence[str], sections) -> CueRule:
    """The cue rule of a phrase: a recurring section's cue is labelled with its name."""
    keys = Counter(
        section_key(prepared[e].known.titles[_title_index(prepared[e], j)]) for e, j in stats.hits
    )
    key, count = min(keys.items(), key=lambda kv: (-kv[1], kv[0]))
    pattern = _pattern(stats.phrase, hosts)
    if key in sections and count >= SECTION_SHARE * len(stats.hits):
        return CueRule(pattern=pattern, kind="segment", label=sections[key].title)
    numbered = [i for i, w in enumerate(stats.phrase) if w in ("<n>", "<nth>")]
    if numbered:
        before = [w for w in stats.phrase[: numbered[0]] if w.isalpha() and w not in _ITEM_WORDS]
        noun = before[-1].capitalize() if before else "Story"
        return CueRule(pattern=pattern, kind="story", label=f"{noun} {{n}}")
    return CueRule(pattern=pattern, kind="story", label="{topic}")


def _title_index(p: _Prepared, j: int) -> int:
    """Index into ``known.titles`` of the ``j``-th true start after 0."""
    offset = len(p.known.starts) - len(p.truth)
    return j + offset


def _select(
    stats: list[_Stats], prepared: Sequence[_Prepared]
) -> tuple[list[_Stats], list[tuple[_Stats, str, frozenset[int]]]]:
    """Greedy cover: the phrase that adds the most new chapter starts (in two episodes or more)
    first, the more precise and then the longer (more specific) one on a tie, until none adds
    enough; then the other precise phrases, which are dropped, each with why
    (:data:`ONE_EPISODE` or :data:`CHANCE`) and the episodes of the chapter starts it adds."""
    found = {(e, j) for e, p in enumerate(prepared) for j in p.found}
    rate = _base_rate(prepared)
    alpha = SIGNIFICANCE / max(1, len(stats))
    pool = [
        s for s in stats if _smoothed(s) >= MIN_PRECISION and _tail(s.near, s.fires, rate) <= alpha
    ]
    chosen: list[_Stats] = []
    dropped: list[tuple[_Stats, str, frozenset[int]]] = []
    claimed = set(found)
    for wide in (True, False):
        if not wide:  # listed as dropped: precise, more than a pair of new hits
            pool = [s for s in stats if _smoothed(s) >= MIN_PRECISION and s not in chosen]
        while True:
            best, best_key, where = None, None, frozenset[int]()
            for s in pool:
                new = s.hits - claimed
                spread = frozenset(e for e, _ in new)
                if wide and (len(new) < MIN_NEW or len(spread) < MIN_EPISODES):
                    continue
                if not wide and len(new) <= MIN_NEW:
                    continue
                key = (-len(new), -_smoothed(s), -len(s.phrase), s.phrase)
                if best_key is None or key < best_key:
                    best, best_key, where = s, key, spread
            if best is None:
                break
            pool.remove(best)
            claimed |= best.hits
            if wide:
                chosen.append(best)
            else:  # (in two episodes or more it missed the significance bar of the first pass)
                dropped.append((best, ONE_EPISODE if len(where) == 1 else CHANCE, where))
    return chosen, dropped


def _style(prepared: Sequence[_Prepared], sections: dict[str, Section]) -> tuple[Style, str | None]:
    lengths = []
    counts = []
    firsts = []
    sponsor = []
    closing: Counter[str] = Counter()
    opening: Counter[str] = Counter()
    spellings: dict[str, Counter[str]] = {}
    for p in prepared:
        known = p.known
        bounds = [0.0, *p.truth, max(known.end, p.truth[-1] + 1 if p.truth else known.end)]
        lengths += [b - a for a, b in itertools.pairwise(bounds) if b > a]
        counts.append(len(p.truth) + 1)
        if p.truth:
            firsts.append(p.truth[0])
        sponsor += [
            s
            for s, t in zip(known.starts, known.titles, strict=True)
            if _SPONSOR_TITLE.search(t.lower())
        ][:1]
        for title, tally in ((known.titles[-1], closing), (known.titles[0], opening)):
            key = section_key(title)
            if key:
                tally[key] += 1
                spellings.setdefault(key, Counter())[title] += 1
    need = max(2, math.ceil(RECUR_SHARE * len(prepared)))

    def usual(tally: Counter[str]) -> str | None:
        top = min(tally.items(), key=lambda kv: (-kv[1], kv[0]), default=None)
        if top is None or top[1] < need:
            return None
        return min(spellings[top[0]].items(), key=lambda kv: (-kv[1], kv[0]))[0]

    logs = [math.log(x) for x in lengths]
    centre, spread = median_spread(logs)
    first_opening = prepared and min(p.known.starts[0] for p in prepared) <= 5.0
    style = Style(
        episodes=len(prepared),
        chapters=len(lengths),
        chapter_seconds=round(math.exp(centre), 1),
        spread=round(spread, 2),
        chapters_per_episode=round(float(median(counts)), 1),
        intro_seconds=round(float(median(firsts)), 1) if firsts else None,
        sponsor_seconds=round(float(median(sponsor)), 1) if len(sponsor) >= need else None,
        closing=usual(closing),
        sections=tuple(sorted(sections.values(), key=lambda s: (-s.episodes, s.at, s.title)))[
            :MAX_SECTIONS
        ],
    )
    return style, usual(opening) if first_opening else None


def _learned_rule(
    s: _Stats,
    prepared,
    hosts,
    sections,
    found,
    reason: str = "",
    where: frozenset[int] = frozenset(),
) -> LearnedRule:
    names = tuple(sorted(prepared[e].known.name for e in where))
    return LearnedRule(
        rule=_rule(s, prepared, hosts, sections),
        phrase=" ".join(s.phrase),
        hits=len(s.hits),
        misses=s.misses,
        episodes=len({e for e, _ in s.hits}),
        new=len(s.hits - found),
        names=names,
        reason=reason,
    )


def learn_prepared(prepared: Sequence[_Prepared], show: str = "") -> Learned:
    """Learn from episodes already :func:`prepare`\\ d (the leave-one-out check reuses them)."""
    hosts = _hosts(prepared)
    host_set = frozenset(hosts)
    general: dict[str, str] = {}
    words = [
        tuple(general.get(w) or general.setdefault(w, _general(w, host_set)) for w in p.words)
        for p in prepared
    ]
    stats = _measure(prepared, words, _candidates(prepared, words))
    chosen, dropped = _select(stats, prepared)
    sections = _recurring(prepared)
    style, intro_title = _style(prepared, sections)
    found = frozenset((e, j) for e, p in enumerate(prepared) for j in p.found)
    return Learned(
        show=show,
        episodes=tuple(p.known.name for p in prepared),
        rules=tuple(_learned_rule(s, prepared, hosts, sections, found) for s in chosen),
        dropped=tuple(
            _learned_rule(s, prepared, hosts, sections, found, why, where)
            for s, why, where in dropped
        ),
        style=style,
        intro_title=intro_title,
        hosts=hosts,
        origins=tuple((p.known.name, p.known.origin, len(p.known.starts)) for p in prepared),
    )


def learn_style(episodes: Sequence[KnownEpisode], base: Detection | None = None) -> Learned:
    """Learn a show's cue rules and style from its episodes with known chapters.

    ``base`` is the show's own detection settings: learned rules must find chapter starts
    its rules (and the built-in ones) do not.
    """
    base = base or Detection()
    prepared = [prepare(e, base) for e in episodes]
    shows = Counter(e.show for e in episodes if e.show)
    show = min(shows.items(), key=lambda kv: (-kv[1], kv[0]))[0] if shows else ""
    return learn_prepared(prepared, show)


def apply_learned(base: Detection, learned: Learned) -> Detection:
    """``base`` with what was learned, as ``detection.rules_file`` would add it."""
    default = Detection()
    return replace(
        base,
        rules=(*base.rules, *(r.rule for r in learned.rules)),
        style=base.style if base.style is not None else learned.style,
        intro_title=learned.intro_title
        if learned.intro_title and base.intro_title == default.intro_title
        else base.intro_title,
    )


# -- leave one out ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fold:
    """One episode scored with the defaults and with rules learned from the other episodes."""

    name: str
    default: MatchCounts
    learned: MatchCounts
    rules: int


def leave_one_out(episodes: Sequence[KnownEpisode], base: Detection | None = None) -> list[Fold]:
    """For every episode: boundary counts with ``base`` and with ``base`` plus what the other
    episodes teach."""
    base = base or Detection()
    prepared = [prepare(e, base) for e in episodes]
    folds = []
    for i, known in enumerate(episodes):
        learned = learn_prepared([p for j, p in enumerate(prepared) if j != i])
        settings = apply_learned(base, learned)
        truth = [t for t in known.starts if t > 0]
        mine = detect_chapters(known.transcript, base, duration=known.end)
        theirs = detect_chapters(known.transcript, settings, duration=known.end)
        folds.append(
            Fold(
                known.name,
                match_boundaries([c.start for c in mine], truth),
                match_boundaries([c.start for c in theirs], truth),
                len(learned.rules),
            )
        )
    return folds


def format_folds(folds: Sequence[Fold]) -> str:
    """The leave-one-out table: per episode, then the micro F1 both ways."""
    header = f"{'episode':<40} {'truth':>5} {'F1 default':>10} {'F1 learned':>10} {'rules':>5}"
    lines = [header, "-" * len(header)]
    for f in folds:
        lines.append(
            f"{f.name[:40]:<40} {f.default.truth:>5} {f.default.f1:10.2f} {f.learned.f1:10.2f}"
            f" {f.rules:>5}"
        )
    lines.append("-" * len(header))
    default = sum((f.default for f in folds), MatchCounts(0, 0, 0))
    learned = sum((f.learned for f in folds), MatchCounts(0, 0, 0))
    lines.append(
        f"{f'micro F1 ({len(folds)} episodes)':<40} {default.truth:>5} {default.f1:10.2f}"
        f" {learned.f1:10.2f}"
    )
    return "\n".join(lines) + "\n"
