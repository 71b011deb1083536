"""Facts about an episode's audio file that other stages need (its real duration)."""

from __future__ import annotations

from pathlib import Path

from shownotes.errors import FileAccessError, InputError

#: How an MP3 starts: an ID3v2 tag, or an MPEG audio frame sync mutagen's MP3 scores.
_MP3_STARTS = (b"ID3", b"\xff\xf2", b"\xff\xf3", b"\xff\xfa", b"\xff\xfb")


def _plain_mp3(path: Path) -> bool:
    """Whether ``mutagen.File`` would open ``path`` as an MP3 whatever else is installed.

    ``mutagen.File`` imports every format it knows to score the file. A name ending in .mp3
    and a start in :data:`_MP3_STARTS` scores 3 for MP3; no other format can score more than
    2 for such a file, so opening it as an MP3 straight away gives the same result without
    importing the other two dozen formats (a tenth of ``shownotes tag``'s start-up)."""
    if not path.name.lower().endswith(".mp3"):
        return False
    try:
        with open(path, "rb") as handle:
            return handle.read(3).startswith(_MP3_STARTS)
    except OSError:
        return False  # mutagen.File reports it


def audio_duration(path: Path) -> float:
    """Duration in seconds, from the audio stream itself (not from any tag or transcript)."""
    import mutagen

    if not path.is_file():
        raise FileAccessError(
            "no such audio file", "check the path (or 'audio' in episode.yaml)", path=path
        )
    try:
        if _plain_mp3(path):
            from mutagen.mp3 import MP3

            audio = MP3(path)
        else:
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
