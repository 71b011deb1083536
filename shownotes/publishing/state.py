"""What a publish run remembers per episode, so unchanged episodes are skipped.

Each published episode folder holds ``.shownotes-state.json``: a hash of everything the
episode's outputs depend on (shownotes version, show config, episode.yaml, transcript,
sidecar, the audio's content, templates), the feed item it produced (so the feed can be
rebuilt without rendering unchanged episodes again), and the files it wrote there (so files
a later publish no longer makes, like the MP3 under its old name, are removed).

Every hash is of contents and of paths relative to the folder they belong to, never of
absolute paths or time stamps: a fresh clone with the output folder restored (a CI job)
skips every unchanged episode and writes nothing. The audio is hashed again only when its
size or modification time differs from the last publish's.
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
from shownotes.feed.items import ItemData, Transcript
from shownotes.models import Chapter, Episode, Show

STATE_FILE = ".shownotes-state.json"
_FORMAT = 2
_CHUNK = 1 << 20


def _relative(path: Path, base: Path | None) -> str:
    """``path`` as the hash sees it: relative to ``base`` when inside it, else its name."""
    if base is not None:
        try:
            return path.relative_to(base).as_posix()
        except ValueError:
            pass
    return path.name


def files_digest(paths: Iterable[Path], base: Path | None = None) -> str:
    """One hash over the names (relative to ``base``) and bytes of files; missing ones count."""
    digest = hashlib.sha256()
    for name, path in sorted((_relative(p, base), p) for p in paths):
        digest.update(f"{len(name)}:{name}".encode())
        digest.update(path.read_bytes() if path.is_file() else b"\0missing")
    return digest.hexdigest()


def templates_digest(folders: Iterable[Path | None]) -> str:
    """Hash of every template file in the given folders (built-in and the show's)."""
    digest = hashlib.sha256()
    for folder in folders:
        if folder and folder.is_dir():
            files = (p for p in folder.rglob("*") if p.is_file())
            digest.update(files_digest(files, folder).encode())
    return digest.hexdigest()


def content_digest(path: Path) -> str:
    """SHA-256 of a (possibly large) file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def audio_digest(path: Path, last: State) -> str:
    """The audio's content hash; reused from the last publish while size and mtime match."""
    if last.audio and last.audio_stat == audio_signature(path):
        return last.audio
    return content_digest(path)


def inputs_digest(
    episode: Episode, show: Show | None, shared: str, audio: str, images: Iterable[str] = ()
) -> str:
    """Hash of everything an episode's outputs depend on: its files by content and relative
    path, the show config, ``audio`` (see :func:`audio_digest`), the chapter ``images``
    (paths relative to the episode's folder); ``shared`` covers templates."""
    from shownotes.chapters.resolve import find_sidecar

    digest = hashlib.sha256(f"{__version__}\n{shared}\naudio {audio}\n".encode())
    folder = episode.folder
    texts = [p for p in (episode.source, episode.transcript, find_sidecar(episode)) if p]
    if folder is not None:
        texts += [folder / name for name in images]
    digest.update(files_digest(texts, folder).encode())
    if show and show.source:
        digest.update(files_digest([show.source], show.source.parent).encode())
    digest.update(f"audio-name {_relative(episode.audio, folder)}".encode())
    return digest.hexdigest()


def item_to_json(item: ItemData) -> dict[str, Any]:
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
    #: Content hash of the source audio when it was copied into the output folder.
    audio: str = ""
    #: The source audio's size and mtime then (see :func:`audio_signature`): while they are
    #: the same, the audio is not hashed again.
    audio_stat: str = ""
    #: Names of the files this publish wrote into the output folder (outputs and the audio).
    files: tuple[str, ...] = ()
    #: Chapter images the sidecar named, relative to the episode's folder (inputs too).
    images: tuple[str, ...] = ()
    #: Hash of what the published MP3's ID3 chapters carry (see ``pipeline.tag_digest``).
    tag: str = ""
    #: Size and mtime of each input when it was hashed, for the catalogue index
    #: (:mod:`.index`); relative paths, never part of a digest.
    stats: dict[str, list[int] | None] | None = None


def audio_signature(path: Path) -> str:
    """Size and modification time: cheap to read, and changed by every re-export."""
    stat = path.stat()
    return f"{stat.st_size} {stat.st_mtime_ns}"


def load_state(folder: Path) -> State:
    """What ``folder``'s last publish recorded; an empty State when nothing usable is there."""
    try:
        data = json.loads((folder / STATE_FILE).read_text("utf-8"))
        item = _item_from_json(data["item"]) if data.get("item") else None
        if data.get("format") == 1:  # shownotes 0.1: keep the feed item (and its GUID) only
            return State(item=item)
        if data.get("format") != _FORMAT:
            return State()
        files = tuple(str(name) for name in data["files"])
        images = tuple(str(name) for name in data["images"])
        stats = data.get("stats") if isinstance(data.get("stats"), dict) else None
        return State(
            data["inputs"],
            item,
            data["audio"],
            data["audio_stat"],
            files,
            images,
            data["tag"],
            stats,
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return State()


def save_state(folder: Path, state: State) -> None:
    data = {
        "format": _FORMAT,
        "inputs": state.inputs,
        "audio": state.audio,
        "audio_stat": state.audio_stat,
        "files": list(state.files),
        "images": list(state.images),
        "tag": state.tag,
        "item": item_to_json(state.item) if state.item else None,
    }
    if state.stats is not None:
        data["stats"] = state.stats
    write_atomic(folder / STATE_FILE, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
