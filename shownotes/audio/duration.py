"""Facts about an episode's audio file that other stages need (its real duration)."""

from __future__ import annotations

from pathlib import Path

import mutagen

from shownotes.errors import FileAccessError, InputError


def audio_duration(path: Path) -> float:
    """Duration in seconds, from the audio stream itself (not from any tag or transcript)."""
    if not path.is_file():
        raise FileAccessError(
            "no such audio file", "check the path (or 'audio' in episode.yaml)", path=path
        )
    try:
        audio = mutagen.File(path)
    except mutagen.MutagenError as exc:
        raise InputError(
            f"cannot read the audio: {exc}", "is it a real audio file?", path=path
        ) from None
    if audio is None or not getattr(audio.info, "length", 0):
        raise InputError(
            "not an audio file shownotes can measure", "use MP3, M4A, Ogg or Opus", path=path
        )
    return float(audio.info.length)
