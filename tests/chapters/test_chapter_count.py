"""Asking detection for a number of chapters: ``detection.chapter_count``, ``chapter_count`` in
episode.yaml, ``shownotes chapters --count`` and ``shownotes eval --true-count``."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import EXAMPLE, SHARED, edit_yaml, example_detection, make_show, need_shared, run

from shownotes.chapters import detect_chapters
from shownotes.chapters.evaluate import evaluate_corpus
from shownotes.models import Detection, Segment, Transcript
from shownotes.transcripts import read_transcript

EPISODE = EXAMPLE / "episodes" / "2026-06-07"


@pytest.fixture(scope="module")
def example() -> Transcript:
    return read_transcript(next(EPISODE.glob("transcript.*")))


def test_each_count_the_episode_can_hold_is_met(example: Transcript) -> None:
    settings = example_detection()
    for count in range(1, 16):
        found = detect_chapters(example, replace(settings, chapter_count=count))
        assert len(found) == count, count
        assert found[0].start == 0.0
        assert all(
            b.start - a.start >= settings.min_chapter_seconds
            for a, b in itertools.pairwise(found[1:])
        )


def test_the_count_detection_finds_anyway_changes_nothing(example: Transcript) -> None:
    settings = example_detection()
    plain = detect_chapters(example, settings)
    assert detect_chapters(example, replace(settings, chapter_count=len(plain))) == plain
    # one more or one fewer: the other chapters mostly stay where they were
    more = detect_chapters(example, replace(settings, chapter_count=len(plain) + 1))
    assert len({c.start for c in plain} & {c.start for c in more}) >= len(plain) - 2


def test_a_count_too_high_for_the_shortest_chapter_gets_the_nearest() -> None:
    # two minutes of talk, chapters at least 30 s long: four at most
    segments = tuple(
        Segment(t, t + 10.0, f"okay so next up topic {t // 10:.0f} words here")
        for t in range(0, 120, 10)
    )
    found = detect_chapters(Transcript(segments), Detection(chapter_count=30), duration=120.0)
    assert 1 < len(found) <= 4


def test_the_count_must_fit_the_ceiling() -> None:
    with pytest.raises(ValueError, match="chapter_count must be from 1 to max_chapters"):
        Detection(chapter_count=31)
    with pytest.raises(ValueError, match="chapter_count"):
        Detection(chapter_count=0)


def test_chapters_count_on_the_command_line(tmp_path: Path) -> None:
    result = run("chapters", str(EPISODE), "--count", "6", "-c", str(EXAMPLE / "config.yaml"))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) == 6
    wrong = run("chapters", str(EPISODE), "--count", "31", "-c", str(EXAMPLE / "config.yaml"))
    assert wrong.returncode == 2
    assert "--count 31: chapter_count must be from 1 to max_chapters (30)" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def test_an_episode_asks_for_its_own_count(tmp_path: Path) -> None:
    show = make_show(tmp_path)
    episode = show / "episodes" / "ep2"
    edit_yaml(episode, chapter_count=2)
    assert run("publish", "--all", cwd=show).returncode == 0
    assert len((show / "public" / "ep2" / "chapters.txt").read_text().splitlines()) == 2
    assert len((show / "public" / "ep3" / "chapters.txt").read_text().splitlines()) != 2
    # a changed count is a changed episode: the next publish detects it again
    edit_yaml(episode, chapter_count=3)
    assert run("publish", "--all", cwd=show).returncode == 0
    assert len((show / "public" / "ep2" / "chapters.txt").read_text().splitlines()) == 3
    # --count wins over the episode's own for that run, and says how to keep it
    looked = run("chapters", str(episode), "--count", "4", "-s", cwd=show)
    assert looked.returncode == 0, looked.stderr
    assert len(looked.stdout.splitlines()) == 4
    assert "add 'chapter_count: 4' to it" in looked.stderr
    edit_yaml(episode, chapter_count=0)
    checked = run("check", "--all", cwd=show)
    assert checked.returncode == 1
    line = next(
        n
        for n, text in enumerate((episode / "episode.yaml").read_text().splitlines(), 1)
        if text.startswith("chapter_count:")
    )
    assert f"episode.yaml:{line}: chapter_count must be 1 or more, got 0" in checked.stdout


def test_eval_true_count_asks_each_episode_for_its_publishers_count() -> None:
    need_shared()
    report = evaluate_corpus(SHARED / "corpus", true_count=True)
    for episode in report.episodes:
        assert episode.counts.predicted == episode.counts.truth, episode.name
    result = run("eval", str(SHARED / "corpus"), "--true-count")
    assert result.returncode == 0
    assert "total (news, micro)" in result.stdout
