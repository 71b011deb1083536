"""Measure chapter detection against chapters a publisher made.

A corpus folder holds one folder per episode with ``transcript.<ext>`` and ``chapters.json``
(``{"kind": "news"|"conversation", "duration": seconds|null, "chapters": [{"start", "title"}]}``).
Predicted chapter starts are matched one-to-one to true starts within a tolerance (15 s),
nearest pairs first; starts at 0 are left out on both sides (every method gets them).
Precision = matched / predicted, recall = matched / true; totals are micro-averaged (sums over
episodes), per kind of episode. Titles get a rough score: the token-overlap F1 between each
matched predicted title and its true title, averaged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from shownotes.chapters.detector import detect_chapters
from shownotes.chapters.words import STOPWORDS, stem
from shownotes.models import Chapter, Detection
from shownotes.transcripts import read_transcript

TOLERANCE_SECONDS = 15.0
_TOKEN = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True, slots=True)
class MatchCounts:
    """How many predicted and true boundaries there are and how many were paired."""

    matched: int
    predicted: int
    truth: int
    #: The (predicted, true) pairs, in predicted order.
    pairs: tuple[tuple[float, float], ...] = ()

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: MatchCounts) -> MatchCounts:
        return MatchCounts(
            self.matched + other.matched,
            self.predicted + other.predicted,
            self.truth + other.truth,
            self.pairs + other.pairs,
        )


def match_boundaries(
    predicted: Iterable[float], truth: Iterable[float], tolerance: float = TOLERANCE_SECONDS
) -> MatchCounts:
    """Pair predicted and true starts one-to-one within ``tolerance``, nearest pairs first.

    Starts at 0 are left out on both sides.

    >>> m = match_boundaries([0, 10, 40, 100], [0, 12, 20, 200])
    >>> m.matched, m.predicted, m.truth, m.pairs
    (1, 3, 3, ((10, 12),))
    >>> match_boundaries([18, 22], [20]).pairs   # one true start takes one prediction
    ((18, 20),)
    """
    pred = sorted(t for t in predicted if t > 0)
    true = sorted(t for t in truth if t > 0)
    candidates = sorted(
        (abs(p - t), i, j)
        for i, p in enumerate(pred)
        for j, t in enumerate(true)
        if abs(p - t) <= tolerance
    )
    used_p: set[int] = set()
    used_t: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_p and j not in used_t:
            used_p.add(i)
            used_t.add(j)
            pairs.append((pred[i], true[j]))
    return MatchCounts(len(pairs), len(pred), len(true), tuple(sorted(pairs)))


def title_tokens(title: str) -> set[str]:
    """Stems of a title's content words.

    >>> sorted(title_tokens("Story 2: Meta's Mad Max data centers"))
    ['2', 'center', 'data', 'mad', 'max', 'meta', 'story']
    """
    words = (stem(w) for w in _TOKEN.findall(title.lower().replace("'s", "")))
    return {w for w in words if w not in STOPWORDS or w.isdigit()}


def title_overlap(predicted: str, truth: str) -> float:
    """Token-overlap F1 of two titles (1.0 for the same words, 0.0 for none in common).

    >>> round(title_overlap("Story 2: Meta, data centers", "Story 2: Meta's data centers"), 2)
    1.0
    """
    a, b = title_tokens(predicted), title_tokens(truth)
    common = len(a & b)
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


@dataclass(frozen=True, slots=True)
class TrueChapter:
    """A publisher's chapter: where it starts and its title."""

    start: float
    title: str


@dataclass(frozen=True, slots=True)
class EpisodeReport:
    """Detection measured on one episode."""

    name: str
    kind: str
    counts: MatchCounts
    predicted: tuple[Chapter, ...]
    truth: tuple[TrueChapter, ...]
    #: Mean title overlap over matched pairs (None when nothing matched).
    title_score: float | None
    #: The show the episode belongs to (``chapters.json``'s ``show``; else the folder name).
    show: str = ""

    def title_pairs(self) -> list[tuple[Chapter, TrueChapter]]:
        """Matched (predicted, true) chapters, in time order."""
        by_start = {c.start: c for c in self.predicted}
        true_by_start = {c.start: c for c in self.truth}
        return [(by_start[p], true_by_start[t]) for p, t in self.counts.pairs]


@dataclass(frozen=True, slots=True)
class CorpusReport:
    """Detection measured on every episode of a corpus folder."""

    folder: Path
    episodes: tuple[EpisodeReport, ...] = field(default_factory=tuple)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.kind for e in self.episodes))

    def total(self, kind: str | None = None) -> MatchCounts:
        """Micro-averaged counts over all episodes (of one kind)."""
        total = MatchCounts(0, 0, 0)
        for episode in self.episodes:
            if kind is None or episode.kind == kind:
                total = total + episode.counts
        return total

    def title_score(self, kind: str | None = None, show: str | None = None) -> float | None:
        """Mean title overlap over all matched pairs (of one kind, of one show)."""
        scores = [
            title_overlap(p.title, t.title)
            for e in self.episodes
            if (kind is None or e.kind == kind) and (show is None or e.show == show)
            for p, t in e.title_pairs()
        ]
        return sum(scores) / len(scores) if scores else None

    @property
    def shows(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(e.show for e in self.episodes if e.show))


def _episode_folders(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir() and (p / "chapters.json").is_file())


def _transcript_file(folder: Path) -> Path:
    found = sorted(folder.glob("transcript.*"))
    if not found:
        raise FileNotFoundError(f"{folder}: no transcript.* file")
    return found[0]


def evaluate_episode(
    folder: Path,
    settings: Detection | None = None,
    tolerance: float = TOLERANCE_SECONDS,
    *,
    true_count: bool = False,
) -> EpisodeReport:
    """Detect chapters in one episode folder and compare them with its ``chapters.json``;
    with ``true_count``, asking detection for as many chapters as the publisher made (see
    ``Detection.chapter_count``): how well it places them when it knows how many."""
    data = json.loads((folder / "chapters.json").read_text(encoding="utf-8"))
    truth = tuple(TrueChapter(float(c["start"]), str(c.get("title", ""))) for c in data["chapters"])
    if true_count:
        settings = settings or Detection()
        wanted = sum(1 for t in truth if t.start > 0) + 1  # (detection always opens one at 0)
        settings = replace(settings, chapter_count=min(wanted, settings.max_chapters))
    transcript = read_transcript(_transcript_file(folder))
    duration = data.get("duration")
    predicted = detect_chapters(
        transcript, settings, duration=float(duration) if duration else None
    )
    counts = match_boundaries([c.start for c in predicted], [c.start for c in truth], tolerance)
    report = EpisodeReport(folder.name, str(data.get("kind", "")), counts, predicted, truth, None)
    scores = [title_overlap(p.title, t.title) for p, t in report.title_pairs()]
    title_score = sum(scores) / len(scores) if scores else None
    show = str(data.get("show") or folder.name)
    return EpisodeReport(folder.name, report.kind, counts, predicted, truth, title_score, show)


def evaluate_corpus(
    folder: Path,
    settings: Detection | None = None,
    tolerance: float = TOLERANCE_SECONDS,
    *,
    true_count: bool = False,
) -> CorpusReport:
    """Evaluate every episode folder (one with a ``chapters.json``) under ``folder``."""
    folder = Path(folder)
    episodes = tuple(
        evaluate_episode(p, settings, tolerance, true_count=true_count)
        for p in _episode_folders(folder)
    )
    return CorpusReport(folder, episodes)


def _row(name: str, kind: str, counts: MatchCounts, title: float | None) -> str:
    title_text = f"{title:5.2f}" if title is not None else "    -"
    return (
        f"{name:<36} {kind:<12} {counts.predicted:>4} {counts.truth:>5} {counts.matched:>5}"
        f" {counts.precision:5.2f} {counts.recall:5.2f} {counts.f1:5.2f} {title_text}"
    )


def format_report(report: CorpusReport) -> str:
    """A plain-text table: one row per episode, one per show, then the micro-averaged total
    per kind."""
    header = (
        f"{'episode':<36} {'kind':<12} {'pred':>4} {'truth':>5} {'match':>5}"
        f" {'P':>5} {'R':>5} {'F1':>5} {'title':>5}"
    )
    lines = [header, "-" * len(header)]
    lines += [_row(e.name, e.kind, e.counts, e.title_score) for e in report.episodes]
    lines.append("-" * len(header))
    for show in dict.fromkeys(e.show for e in report.episodes):
        mine = [e for e in report.episodes if e.show == show]
        counts = sum((e.counts for e in mine), MatchCounts(0, 0, 0))
        title = report.title_score(show=show)
        lines.append(_row(f"show: {show}"[:36], mine[0].kind, counts, title))
    lines.append("-" * len(header))
    for kind in report.kinds:
        lines.append(
            _row(f"total ({kind}, micro)", kind, report.total(kind), report.title_score(kind))
        )
    if len(report.kinds) > 1:
        lines.append(_row("total (all, micro)", "", report.total(), report.title_score()))
    return "\n".join(lines)


def format_titles(report: CorpusReport, names: Sequence[str] = ()) -> str:
    """Predicted and true chapters side by side, in time order, for reading titles."""
    lines = []
    for episode in report.episodes:
        if names and episode.name not in names:
            continue
        lines.append(f"== {episode.name}")
        rows = [(c.start, "predicted", c.title) for c in episode.predicted]
        rows += [(c.start, "true", c.title) for c in episode.truth]
        lines += [f"  {start:8.1f}  {who:<9}  {title}" for start, who, title in sorted(rows)]
    return "\n".join(lines)


def leave_one_show_out(
    folders: Sequence[Path], settings: Detection | None = None
) -> list[tuple[str, MatchCounts, MatchCounts]]:
    """For every show: (show, counts with the packaged model, counts with the model fitted
    on all other shows' episodes in ``folders``). The decoder's fixed weights, offset and
    length-prior form stay; the fitted weights and the length prior are refitted."""
    from shownotes.chapters.learn import fit_model, training_example

    episodes = []
    for folder in folders:
        for path in _episode_folders(Path(folder)):
            data = json.loads((path / "chapters.json").read_text(encoding="utf-8"))
            transcript = read_transcript(_transcript_file(path))
            duration = data.get("duration")
            end = float(duration) if duration else transcript.duration
            truth = [float(c["start"]) for c in data["chapters"]]
            show = str(data.get("show") or path.name)
            example = training_example(show, transcript, truth, end, settings)
            episodes.append((show, transcript, end, truth, example))
    results = []
    for show in dict.fromkeys(e[0] for e in episodes):
        model = fit_model([e[4] for e in episodes if e[0] != show])
        packaged = held_out = MatchCounts(0, 0, 0)
        for name, transcript, end, truth, _ in episodes:
            if name != show:
                continue
            mine = detect_chapters(transcript, settings, duration=end)
            theirs = detect_chapters(transcript, settings, duration=end, model=model)
            packaged = packaged + match_boundaries([c.start for c in mine], truth)
            held_out = held_out + match_boundaries([c.start for c in theirs], truth)
        results.append((show, packaged, held_out))
    return results


def format_leave_one_out(results: Sequence[tuple[str, MatchCounts, MatchCounts]]) -> str:
    """The leave-one-show-out table: F1 with the packaged model and fitted without the show."""
    header = f"{'held-out show':<40} {'F1 packaged':>11} {'F1 held out':>11}"
    lines = [header, "-" * len(header)]
    for show, packaged, held_out in results:
        lines.append(f"{show[:40]:<40} {packaged.f1:11.2f} {held_out.f1:11.2f}")
    return "\n".join(lines)
