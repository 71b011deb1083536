"""Evaluation: boundary matching, title overlap, corpus reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shownotes.chapters.evaluate import (
    MatchCounts,
    evaluate_corpus,
    format_report,
    format_titles,
    match_boundaries,
    title_overlap,
)

CONVERSATIONS = Path(__file__).resolve().parents[3] / "shared" / "corpus-conversations"


def test_matches_within_tolerance_only() -> None:
    m = match_boundaries([10, 50], [24, 66])
    assert (m.matched, m.pairs) == (1, ((10, 24),))
    assert match_boundaries([10], [25]).matched == 1  # 15 s apart: inside
    assert match_boundaries([10], [25.5]).matched == 0


def test_matching_is_one_to_one() -> None:
    m = match_boundaries([100, 101, 102], [101])
    assert (m.matched, m.predicted, m.truth) == (1, 3, 1)
    assert m.pairs == ((101, 101),)


def test_nearest_pairs_are_matched_first() -> None:
    # In time order 100 would take 110 and 112 would take 125; nearest first pairs 112-110.
    m = match_boundaries([100, 112], [110, 125])
    assert m.pairs == ((112, 110),)
    assert m.matched == 1


def test_starts_at_zero_are_left_out() -> None:
    m = match_boundaries([0, 0.0, 30], [0, 31])
    assert (m.matched, m.predicted, m.truth) == (1, 1, 1)
    assert (m.precision, m.recall, m.f1) == (1.0, 1.0, 1.0)


def test_scores_and_micro_sums() -> None:
    m = match_boundaries([10, 20, 300], [12, 400])
    assert m.precision == pytest.approx(1 / 3)
    assert m.recall == pytest.approx(1 / 2)
    assert m.f1 == pytest.approx(0.4)
    total = m + MatchCounts(2, 2, 2)
    assert (total.matched, total.predicted, total.truth) == (3, 5, 4)
    empty = match_boundaries([], [])
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)


def test_title_overlap() -> None:
    assert title_overlap("Extras", "Extras") == 1.0
    assert title_overlap("Joke", "Extras") == 0.0
    assert (
        0 < title_overlap("Story 2: Meta, data centers", "Story 2: Meta's Mad Max data centers") < 1
    )


def _write_episode(folder: Path, kind: str) -> None:
    """A small episode: three stories announced by number, a line every 5 s."""
    folder.mkdir(parents=True)
    topics = [
        "cargo ships crowd the harbor port cranes and dock workers",
        "apple orchards report a record harvest for cider presses",
        "the new telescope mirror images distant galaxies and comets",
    ]
    lines, t = [], 0
    for n, words in enumerate(topics, start=1):
        for k in range(24):
            text = f"So story {n}. {words}" if k == 0 else words
            lines.append(f"{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d} {text}")
            t += 5
    (folder / "transcript.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    chapters = [{"start": 0, "title": "Harbor"}, {"start": 120, "title": "Story 2: Apple orchards"}]
    chapters.append({"start": 250, "title": "Telescope"})
    data = {"kind": kind, "show": f"Show {kind}", "duration": t, "chapters": chapters}
    (folder / "chapters.json").write_text(json.dumps(data), encoding="utf-8")


def test_evaluate_corpus_reads_every_episode(tmp_path: Path) -> None:
    _write_episode(tmp_path / "ep-a", "news")
    _write_episode(tmp_path / "ep-b", "conversation")
    (tmp_path / "not-an-episode").mkdir()
    report = evaluate_corpus(tmp_path)
    assert [e.name for e in report.episodes] == ["ep-a", "ep-b"]
    episode = report.episodes[0]
    assert episode.predicted[0].start == 0
    assert (episode.counts.matched, episode.counts.truth) == (2, 2)
    assert episode.title_score is not None and episode.title_score > 0
    assert report.total("news").matched == 2
    assert report.total().matched == 4
    table = format_report(report)
    assert "ep-a" in table and "total (news, micro)" in table and "total (all, micro)" in table
    assert "Story 2" in format_titles(report, ["ep-a"])
    assert report.shows == ("Show news", "Show conversation")
    per_show = [line.split() for line in table.splitlines() if line.startswith("show: ")]
    assert [row[2] for row in per_show] == ["news", "conversation"]
    assert report.title_score(show="Show news") == episode.title_score
    assert per_show[0][-1] == f"{episode.title_score:.2f}"  # the title column, not "-"
    assert "title overlap per show" not in table


@pytest.mark.skipif(not CONVERSATIONS.is_dir(), reason="development corpus not present")
def test_conversation_corpus_report() -> None:
    report = evaluate_corpus(CONVERSATIONS)
    assert report.kinds == ("conversation",)
    assert report.total().f1 > 0.15
