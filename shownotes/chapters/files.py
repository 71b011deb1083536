"""Chapters in and out of files: Podcasting 2.0 chapters JSON and the editable sidecar YAML.

The sidecar (``EPISODE.chapters.yaml``) is the file a person edits. shownotes writes it with a
hash of what it generated in its header; if the body no longer matches that hash, a person
has changed it, and shownotes never overwrites it again (see :func:`sidecar_state`). Where an
episode's sidecar is: :func:`find_sidecar`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import urllib.parse
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from shownotes.errors import ConfigError, InputError
from shownotes.models import Chapter
from shownotes.textfile import read_text
from shownotes.timecode import format_exact, parse_time
from shownotes.validate import seconds, xml_text

if TYPE_CHECKING:
    from shownotes.chapters.explain import Explanation
    from shownotes.models import Episode

_HASH_LINE = r"^# shownotes-hash: sha256:([0-9a-f]{64})\s*$"  # (compiled on first use)

#: An episode's sidecar, in its folder: it belongs to the episode, not to the audio's name,
#: so renaming the MP3 keeps the hand-edited chapters.
SIDECAR_NAME = "episode.chapters.yaml"


def sidecar_path(base: Path) -> Path:
    """Where the sidecar of a lone file (a transcript given on the command line) lives."""
    return base.with_name(f"{base.stem}.chapters.yaml")


def episode_sidecar(episode: Episode) -> Path:
    """Where an episode's sidecar lives: ``episode.chapters.yaml`` in its folder."""
    if episode.folder is None:
        return sidecar_path(episode.audio)
    return episode.folder / SIDECAR_NAME


def find_sidecar(episode: Episode) -> Path:
    """The sidecar to read for an episode: its own, else one named after an audio file (as
    shownotes 0.1 named them, ``NAME.chapters.yaml``), so old hand edits are found."""
    own = episode_sidecar(episode)
    if own.exists() or episode.folder is None:
        return own
    older = sorted(p for p in episode.folder.glob("*.chapters.yaml") if p != own)
    if len(older) > 1:
        names = ", ".join(p.name for p in older)
        raise InputError(
            f"several chapter sidecars ({names}) and no {SIDECAR_NAME}",
            f"keep the one you edited, renamed to {SIDECAR_NAME}",
            path=episode.folder,
        )
    return older[0] if older else own


def sidecar_body(
    chapters: Sequence[Chapter], explanations: Mapping[float, Explanation] | None = None
) -> str:
    """The YAML list a person edits: start (HH:MM:SS), title, and url/image/toc when set;
    with ``explanations``, an ``automatic:`` block for each chapter that has one (see
    :mod:`.explain`)."""
    import yaml  # (here, not at the top: reading chapters JSON needs no YAML)

    from shownotes.chapters.explain import SIDECAR_KEY, sidecar_block

    items = []
    for chapter in chapters:
        item: dict[str, Any] = {"start": format_exact(chapter.start), "title": chapter.title}
        if chapter.url:
            item["url"] = chapter.url
        if chapter.image:
            item["image"] = chapter.image
        if not chapter.toc:
            item["toc"] = False
        if explanations and (why := explanations.get(chapter.start)) is not None:
            item[SIDECAR_KEY] = sidecar_block(item, why)
        items.append(item)
    return yaml.safe_dump(
        {"chapters": items},
        allow_unicode=True,
        sort_keys=False,
        width=1000,
        default_flow_style=False,
    )


def _digest(body: str) -> str:
    import hashlib  # (here: reading chapters JSON hashes nothing)

    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def sidecar_text(
    chapters: Sequence[Chapter],
    source: str,
    explanations: Mapping[float, Explanation] | None = None,
) -> str:
    """A complete sidecar file: header comments with the hash, then the body."""
    body = sidecar_body(chapters, explanations)
    return (
        f"# Chapters for {source}, detected by shownotes.\n"
        "# Edit freely: start times (HH:MM:SS), titles, and optional url, image, toc: false.\n"
        "# Once you change this file, shownotes uses it as it is and never overwrites it;\n"
        "# delete it to have chapters detected again.\n"
        "# 'automatic:' says why shownotes put a chapter there (confidence 0-1, reason, the\n"
        "# transcript line); once you change a chapter it is yours and its block no longer\n"
        "# applies (delete the block or leave it: shownotes ignores it).\n"
        f"# shownotes-hash: sha256:{_digest(body)}\n"
        f"{body}"
    )


SidecarState = Literal["missing", "generated", "edited"]


def sidecar_state(path: Path) -> SidecarState:
    """``missing``, ``generated`` (untouched since shownotes wrote it) or ``edited``."""
    if not path.exists():
        return "missing"
    text = read_text(path)
    match = re.search(_HASH_LINE, text, re.MULTILINE)
    if not match:
        return "edited"
    body = text[match.end() :].lstrip("\n")
    return "generated" if _digest(body) == match[1] else "edited"


def _start(value: Any, where: str, path: Path, line: int | None) -> float:
    with contextlib.suppress(ValueError, OverflowError):
        value = parse_time(value)
    if isinstance(value, float):
        try:
            return seconds(value, f"{where}: start", path=path, line=line)
        except InputError as error:
            raise ConfigError.from_problems(list(error.problems)) from None
    raise ConfigError(
        f"{where}: start {value!r} is not a time",
        "write HH:MM:SS, MM:SS or seconds, e.g. start: '00:12:09'",
        path=path,
        line=line,
    )


class _Entry(NamedTuple):
    """One chapter as a file lists it, with its line for messages. (A NamedTuple: a private
    record Python builds in a fifth of a frozen dataclass's time, at every start of tag.)"""

    start: float
    title: str
    url: str | None
    image: str | None
    toc: bool
    line: int | None


def _end(index: int, entries: list[_Entry], last_end: float) -> float:
    """A chapter ends where the next one starts; a listed (toc) chapter runs on under silent
    markers (toc: false) to the next listed chapter."""
    later = entries[index + 1 :]
    if entries[index].toc:
        later = [e for e in later if e.toc]
    return later[0].start if later else last_end


def _finish(entries: list[_Entry], path: Path, duration: float | None) -> tuple[Chapter, ...]:
    """Chapters from entries: ordered, non-empty titles, ends at the next start or ``duration``."""
    if not entries:
        raise InputError("no chapters in the file", "add at least one chapter", path=path)
    for before, after in itertools.pairwise(entries):
        if after.start < before.start:
            raise InputError(
                f"chapter at {format_exact(after.start)} comes before {format_exact(before.start)}",
                "list chapters in time order",
                path=path,
                line=after.line,
            )
    last_end = duration if duration is not None else entries[-1].start
    if duration is not None and entries[-1].start > duration:
        raise InputError(
            f"chapter at {format_exact(entries[-1].start)} starts after the audio ends "
            f"({format_exact(duration)})",
            "remove it or fix its start",
            path=path,
            line=entries[-1].line,
        )
    ends = [_end(i, entries, max(last_end, entries[-1].start)) for i in range(len(entries))]
    return tuple(
        Chapter(e.start, end, e.title, e.url, e.image, e.toc)
        for e, end in zip(entries, ends, strict=True)
    )


def _entry(item: Any, index: int, path: Path, keys: dict[str, str]) -> _Entry:
    """One chapter from a mapping whose key names are given by ``keys`` (start, title, ...)."""
    where = f"chapters[{index}]"
    line = getattr(item, "line", None)
    if not isinstance(item, dict):
        raise ConfigError(f"{where}: expected a mapping with start and title", path=path, line=line)
    if keys["start"] not in item:
        raise ConfigError(f"{where}: no {keys['start']}", path=path, line=line)
    title = item.get(keys["title"], "")
    if not isinstance(title, str) or not xml_text(title).strip():
        raise ConfigError(
            f"{where}: empty title", "every chapter needs a title", path=path, line=line
        )
    extras = {k: item.get(keys[k]) for k in ("url", "image")}
    for key, value in extras.items():
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{where}: {keys[key]} must be text", path=path, line=line)
        extras[key] = " ".join(xml_text(value).split()) or None if value is not None else None
    if extras["image"] is not None:
        _local_image(extras["image"], f"{where}: {keys['image']}", path, line)
    toc = item.get("toc", True)
    return _Entry(
        _start(item[keys["start"]], where, path, line),
        xml_text(title).strip(),
        extras["url"],
        extras["image"],
        toc is not False,
        line,
    )


def _local_image(image: str, where: str, path: Path, line: int | None) -> None:
    """Refuse an image path that could leave the show: absolute, ``..``, ``~`` or a
    ``file:`` URL (web and ``data:`` URLs are not paths and pass)."""
    scheme = urllib.parse.urlsplit(image).scheme.lower()
    if scheme in ("http", "https", "data"):
        return
    parts = PurePosixPath(image.replace("\\", "/")).parts
    if scheme or image.startswith(("/", "~")) or ".." in parts:
        raise ConfigError(
            f"{where}: {image!r} points outside the episode's folder",
            "use a web URL, a data: URL, or a file name relative to the audio file's folder",
            path=path,
            line=line,
        )


def read_sidecar(path: Path, duration: float | None = None) -> tuple[Chapter, ...]:
    """Chapters from a sidecar YAML (``chapters: [{start, title, url?, image?, toc?}]``)."""
    from shownotes.config import load_yaml

    data = load_yaml(path)
    items = data.get("chapters")
    if not isinstance(items, list):
        raise ConfigError(
            "no 'chapters:' list",
            "see the header of a generated sidecar",
            path=path,
            line=data.line,
        )
    keys = {"start": "start", "title": "title", "url": "url", "image": "image"}
    return _finish([_entry(item, i, path, keys) for i, item in enumerate(items)], path, duration)


def read_chapters_json(path: Path, duration: float | None = None) -> tuple[Chapter, ...]:
    """Chapters from a Podcasting 2.0 chapters JSON file."""
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", path=path, line=exc.lineno) from None
    except RecursionError:
        raise InputError("JSON nested too deeply", "chapters JSON is flat", path=path) from None
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        raise InputError(f"invalid JSON: {str(exc)[:80]}", path=path) from None
    items = data.get("chapters") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise InputError("no 'chapters' list", "expected Podcasting 2.0 chapters JSON", path=path)
    keys = {"start": "startTime", "title": "title", "url": "url", "image": "img"}
    return _finish([_entry(item, i, path, keys) for i, item in enumerate(items)], path, duration)


#: Audio files whose ID3 chapters can be read.
ID3_SUFFIXES = (".mp3",)


def is_chapters_file(path: Path) -> bool:
    """Whether ``path`` holds chapters itself (JSON, sidecar YAML, tagged MP3)."""
    return path.suffix.lower() in (".json", ".yaml", ".yml", *ID3_SUFFIXES)


def read_chapters_file(path: Path, duration: float | None = None) -> tuple[Chapter, ...]:
    """Chapters from a Podcasting 2.0 JSON file, a sidecar YAML, or an MP3's ID3 chapters."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        return read_chapters_json(path, duration)
    if suffix in (".yaml", ".yml"):
        return read_sidecar(path, duration)
    if suffix in ID3_SUFFIXES:
        from shownotes.audio.tagread import read_chapters

        return read_chapters(path)
    raise InputError(
        "not a chapters file", "use chapters JSON, a .chapters.yaml sidecar or an MP3", path=path
    )
