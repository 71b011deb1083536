"""Where an audio file is silent, from ffmpeg's ``silencedetect`` filter (when ffmpeg is here).

Used by ``shownotes retime --from-audio`` to *suggest* how an old and a new export of an
episode differ: silences are cheap landmarks that a cut or an inserted ad shifts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from shownotes.errors import InputError

_START = re.compile(r"silence_start:\s*(-?[\d.]+)")
_END = re.compile(r"silence_end:\s*(-?[\d.]+)")


def detect_silences(
    path: Path, *, noise_db: float = -50.0, min_seconds: float = 0.3
) -> list[tuple[float, float]] | None:
    """``(start, end)`` of each silence of at least ``min_seconds`` below ``noise_db`` dBFS,
    in order; None when ffmpeg is not installed."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        return None
    command = [
        ffmpeg, "-hide_banner", "-nostats", "-i", str(path),
        "-af", f"silencedetect=noise={noise_db}dB:d={min_seconds}",
        "-f", "null", "-",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, errors="replace")
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise InputError(f"ffmpeg cannot read the audio: {last}", path=path)
    silences: list[tuple[float, float]] = []
    start: float | None = None
    for line in done.stderr.splitlines():
        if (match := _START.search(line)) is not None:
            start = max(0.0, float(match[1]))
        elif (match := _END.search(line)) is not None and start is not None:
            silences.append((start, float(match[1])))
            start = None
    return silences
