"""``shownotes init``: a starter show a new user can publish in a minute."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from shownotes.audio.silence import silent_mp3
from shownotes.errors import UsageError

#: Length of the starter episode's silent audio: just past its last stamp.
STARTER_SECONDS = 240


def reference_config() -> bytes:
    """``config.example.yaml``, every key with its meaning: packaged in the wheel, or the
    repository's own when shownotes runs from a source checkout."""
    packaged = resources.files(__package__) / "starter" / "config.example.yaml"
    if packaged.is_file():
        return packaged.read_bytes()
    return (Path(__file__).resolve().parents[2] / "config.example.yaml").read_bytes()


def starter_files(today: dt.date) -> dict[str, bytes]:
    """The files of a starter show, by path relative to the show's folder."""
    folder = resources.files(__package__) / "starter"
    episode = f"episodes/{today.isoformat()}"
    return {
        "config.yaml": folder.joinpath("config.yaml").read_bytes(),
        "config.example.yaml": reference_config(),
        f"{episode}/episode.yaml": folder.joinpath("episode.yaml")
        .read_text("utf-8")
        .replace("DATE", f"{today.isoformat()}T06:00:00Z")
        .encode("utf-8"),
        f"{episode}/transcript.txt": folder.joinpath("transcript.txt").read_bytes(),
        f"{episode}/episode.mp3": silent_mp3(STARTER_SECONDS),
    }


def init_show(target: Path, today: dt.date | None = None) -> list[Path]:
    """Write a starter show into ``target``; refuses to overwrite any existing file."""
    files = starter_files(today or dt.date.today())
    existing = [target / name for name in files if (target / name).exists()]
    if existing:
        raise UsageError(
            f"{existing[0]} already exists; shownotes init never overwrites files",
            "run it in an empty folder, or name a new one: shownotes init my-show",
        )
    written = []
    for name, data in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written
