"""What a publish run prints: one line an episode, and one line for many unchanged ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from shownotes.models import Episode
from shownotes.publishing.results import UNCHANGED_LISTED, EpisodeResult, PublishReport


def _result(name: str, skipped: bool = True) -> EpisodeResult:
    episode = Episode(
        title=name,
        date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        audio=Path("episode.mp3"),
        transcript=Path("transcript.txt"),
    )
    written = () if skipped else (Path("public") / name / "notes.html",)
    return EpisodeResult(episode, Path("episodes") / name, skipped, written, chapters=3)


def test_a_few_unchanged_episodes_are_listed_by_name() -> None:
    report = PublishReport(tuple(_result(f"ep{i}") for i in range(UNCHANGED_LISTED)))
    out, err = report.lines()
    assert out == [f"ep{i}: unchanged" for i in range(UNCHANGED_LISTED)] + ["nothing changed"]
    assert err == []


def test_many_unchanged_episodes_are_one_line_and_changed_ones_stay_listed() -> None:
    results = [_result(f"ep{i}") for i in range(4999)] + [_result("new", skipped=False)]
    out, _ = PublishReport(tuple(results)).lines()
    assert out == ["4,999 episodes unchanged", "new: 3 chapters; wrote notes.html"]
