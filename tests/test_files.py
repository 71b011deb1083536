"""Atomic writes and generated silent audio."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import mutagen.mp3
import pytest
from conftest import EXAMPLE, need_tool

from shownotes import FileAccessError
from shownotes.atomic import write_atomic
from shownotes.audio.silence import silent_mp3


def test_atomic_write_replaces_and_keeps_mode(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new ✓")
    assert target.read_text(encoding="utf-8") == "new ✓"
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["feed.xml"]


def test_failed_atomic_write_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "feed.xml"
    target.write_text("old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(FileAccessError, match="No space left"):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["feed.xml"]


def test_atomic_write_into_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(FileAccessError, match="folder does not exist"):
        write_atomic(tmp_path / "nope" / "x.txt", "x")


@pytest.mark.parametrize("seconds", [0.5, 65, 1017])
def test_silent_mp3_has_the_asked_duration(tmp_path: Path, seconds: float) -> None:
    path = tmp_path / "s.mp3"
    path.write_bytes(silent_mp3(seconds))
    assert mutagen.mp3.MP3(path).info.length == pytest.approx(seconds, abs=0.036)


def test_example_audio_decodes_with_ffmpeg() -> None:
    ffprobe = need_tool("ffprobe")
    audio = EXAMPLE / "episodes" / "2026-06-07" / "episode.mp3"
    out = subprocess.run(
        [
            ffprobe,
            "-v",
            "error",
            "-show_entries",
            "format=duration:stream=codec_name",
            "-of",
            "default=nw=1",
            str(audio),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "codec_name=mp3" in out
    assert float(out.split("duration=")[1].split()[0]) == pytest.approx(1017, abs=0.05)
    decoded = subprocess.run(
        [need_tool("ffmpeg"), "-v", "error", "-i", str(audio), "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    assert decoded.returncode == 0 and decoded.stderr == ""
