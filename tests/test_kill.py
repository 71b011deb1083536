"""Crash safety: SIGKILL ``shownotes tag`` and ``shownotes publish`` at random moments.

After every kill the MP3 and the feed are either the old or the new version, complete (ffprobe
and lxml read them); after the next, unkilled run no temporary file is left anywhere.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ffprobe_chapters, need_tool
from lxml import etree

from shownotes.audio.silence import silent_mp3

RUNS = 6  # per command; about 20 s in all
SRT = (
    "1\n00:00:01,000 --> 00:00:04,000\nWelcome to a short episode.\n\n"
    "2\n00:05:00,000 --> 00:05:04,000\nSo story one is about harbors.\n"
)
TITLES = {"a": ("Alpha one", "Alpha two"), "b": ("Beta one", "Beta two", "Beta three")}


def sidecar(version: str) -> str:
    titles = TITLES[version]
    return "chapters:\n" + "".join(
        f"- start: {i * 120}\n  title: {t}\n" for i, t in enumerate(titles)
    )


def chapters_json(version: str) -> str:
    items = ", ".join(
        f'{{"startTime": {i * 120}, "title": "{t}"}}' for i, t in enumerate(TITLES[version])
    )
    return f'{{"version": "1.2.0", "chapters": [{items}]}}'


def killed(argv: list[str], after: float) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "shownotes", *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    process.wait()


def finished(argv: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "shownotes", *argv], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def titles_in(mp3: Path) -> tuple[str, ...]:
    return tuple(title for _, _, title in ffprobe_chapters(mp3))


def assert_no_temp_files(root: Path) -> None:
    left = list(root.rglob("*.tmp"))
    assert not left, left


def test_killed_tag_leaves_the_old_or_the_new_mp3(tmp_path: Path) -> None:
    need_tool("ffprobe")
    rng = random.Random(16)
    mp3 = tmp_path / "episode.mp3"
    mp3.write_bytes(silent_mp3(1800))
    for version in "ab":
        (tmp_path / f"{version}.json").write_text(chapters_json(version))
    for run in range(RUNS):
        version = "ab"[run % 2]
        before = titles_in(mp3)
        argv = ["tag", str(mp3), "--chapters", str(tmp_path / f"{version}.json")]
        if run % 3 == 0:
            argv.append("--id3v2.4")  # a new version does not fit in place: the copy path
        killed(argv, rng.uniform(0.05, 0.9))
        assert titles_in(mp3) in (before, TITLES[version])
        finished(argv)
        assert titles_in(mp3) == TITLES[version]
        assert_no_temp_files(tmp_path)


def test_killed_publish_leaves_old_or_new_files_and_a_parsing_feed(tmp_path: Path) -> None:
    need_tool("ffprobe")
    rng = random.Random(61)
    show = tmp_path / "show"
    folder = show / "episodes" / "ep1"
    folder.mkdir(parents=True)
    (show / "config.yaml").write_text(
        "title: Kill Show\nbase_url: https://example.com/e/\nepisodes_dir: episodes\n"
        "output_dir: public\n"
    )
    (folder / "episode.yaml").write_text(
        "title: One\ndate: 2026-06-07\naudio: audio.mp3\ntranscript: transcript.srt\n"
    )
    (folder / "transcript.srt").write_text(SRT)
    (folder / "audio.mp3").write_bytes(silent_mp3(1800))
    argv = ["publish", "--all", "--force", "-j", "1", "--config", str(show / "config.yaml")]
    for run in range(RUNS):
        version = "ab"[run % 2]
        (folder / "episode.chapters.yaml").write_text(sidecar(version))
        if run % 2:
            (folder / "audio.mp3").write_bytes(silent_mp3(1800 + run))  # the copy path too
        killed(argv, rng.uniform(0.1, 1.5))
        published = show / "public" / "ep1" / "audio.mp3"
        if published.exists():
            assert titles_in(published) in ((), *TITLES.values())
        feed = show / "public" / "feed.xml"
        if feed.exists():
            etree.fromstring(feed.read_bytes())
        finished(argv)
        assert titles_in(published) == TITLES[version]
        assert_no_temp_files(show)


@pytest.fixture(autouse=True)
def _posix_only() -> None:
    if not hasattr(signal, "SIGKILL"):
        pytest.skip("needs SIGKILL")
