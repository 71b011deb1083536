"""What a publish run remembers per episode, so unchanged episodes are skipped.

Each published episode folder holds ``.shownotes-state.json``: a hash of everything the
episode's outputs depend on (shownotes version, show config, episode.yaml, transcript,
sidecar, the audio's size and time stamp, templates, plugins) and the feed item it produced,
so the feed can be rebuilt without rendering unchanged episodes again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from shownotes import __version__
from shownotes.atomic import write_atomic
from shownotes.chapters.resolve import sidecar_path
from shownotes.feed.items import ItemData, Transcript
from shownotes.models import Chapter, Episode, Show

STATE_FILE = ".shownotes-state.json"
_FORMAT = 1


def files_digest(paths: Iterable[Path]) -> str:
    """One hash over the names and bytes of files (missing files count as missing)."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path).encode())
        digest.update(path.read_bytes() if path.is_file() else b"\0missing")
    return digest.hexdigest()


def templates_digest(folders: Iterable[Path | None]) -> str:
    """Hash of every template file in the given folders (built-in and the show's)."""
    return files_digest(p for f in folders if f and f.is_dir() for p in f.rglob("*") if p.is_file())


def inputs_digest(episode: Episode, show: Show | None, shared: str) -> str:
    """Hash of everything an episode's outputs depend on; ``shared`` covers templates etc."""
    digest = hashlib.sha256(f"{__version__}\n{shared}\n".encode())
    texts = [episode.source, episode.transcript, sidecar_path(episode.audio)]
    if show and show.source:
        texts.append(show.source)
    digest.update(files_digest(p for p in texts if p is not None).encode())
    if episode.audio.is_file():
        digest.update(f"audio {audio_signature(episode.audio)}".encode())
    return digest.hexdigest()


def _item_to_json(item: ItemData) -> dict[str, Any]:
    data = asdict(item)
    data["published"] = item.published.isoformat()
    return data


def _item_from_json(data: dict[str, Any]) -> ItemData:
    data = dict(data)
    data["published"] = dt.datetime.fromisoformat(data["published"])
    data["transcripts"] = tuple(Transcript(**t) for t in data["transcripts"])
    data["chapters"] = tuple(Chapter(**c) for c in data["chapters"])
    return ItemData(**data)


@dataclass(frozen=True, slots=True)
class State:
    """What the last publish of an episode recorded."""

    inputs: str = ""
    item: ItemData | None = None
    #: The source audio's signature (see :func:`audio_signature`) when it was copied.
    audio: str = ""


def audio_signature(path: Path) -> str:
    """Size and modification time: cheap, and changes whenever the file is re-exported."""
    stat = path.stat()
    return f"{stat.st_size} {stat.st_mtime_ns}"


def load_state(folder: Path) -> State:
    """What ``folder``'s last publish recorded; an empty State when nothing usable is there."""
    try:
        data = json.loads((folder / STATE_FILE).read_text("utf-8"))
        if data.get("format") != _FORMAT:
            return State()
        item = _item_from_json(data["item"]) if data.get("item") else None
        return State(data["inputs"], item, data.get("audio", ""))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return State()


def save_state(folder: Path, state: State) -> None:
    data = {
        "format": _FORMAT,
        "inputs": state.inputs,
        "audio": state.audio,
        "item": _item_to_json(state.item) if state.item else None,
    }
    write_atomic(folder / STATE_FILE, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
