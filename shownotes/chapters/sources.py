"""Episodes whose chapters are already known: the training data of ``shownotes learn``.

An episode folder (with an ``episode.yaml``, or any folder holding a ``transcript.*``) has
known chapters in one of four places, tried in this order:

1. a **hand-edited sidecar** (``episode.chapters.yaml``, or ``TRANSCRIPT.chapters.yaml``
   beside a bare transcript); a sidecar shownotes generated and nobody edited is detection's
   own output, so it never counts;
2. a **chapters.json** in the folder: Podcasting 2.0 (``startTime``) or the development
   corpus layout (``start``, plus ``duration`` and ``show``);
3. the **ID3 chapters** (CHAP frames) of the episode's MP3;
4. the item's ``podcast:chapters`` in a **local feed**: a lookup given by the caller (see
   :mod:`shownotes.feed.known`), so this stage never parses feeds or touches the network.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shownotes.chapters.files import read_chapters_file, read_chapters_json, read_sidecar
from shownotes.chapters.files import sidecar_state as _sidecar_state
from shownotes.chapters.resolve import SIDECAR_NAME, find_sidecar, sidecar_path
from shownotes.errors import InputError
from shownotes.models import Episode, Transcript
from shownotes.textfile import read_text
from shownotes.transcripts import read_transcript

#: Where known chapters came from, in the order they are tried.
ORIGINS = ("sidecar", "chapters.json", "id3", "feed")


@dataclass(frozen=True, slots=True)
class EpisodeKeys:
    """What identifies an episode in a feed (see ``shownotes.feed.update.find_item``)."""

    guid: str = ""
    audio_url: str = ""
    title: str = ""
    audio_name: str = ""
    number: int | None = None
    season: int | None = None


#: Finds the local chapters file an episode's feed item points to (None: no item, no file).
FeedLookup = Callable[[EpisodeKeys], Path | None]


@dataclass(frozen=True, slots=True)
class KnownEpisode:
    """An episode with its transcript and the chapters a person made for it."""

    name: str
    folder: Path
    transcript: Transcript
    #: Chapter starts (seconds, ascending, the first usually 0) and their titles.
    starts: tuple[float, ...]
    titles: tuple[str, ...]
    #: The episode's length: the audio's, else the chapters file's, else the transcript's end.
    end: float
    #: One of :data:`ORIGINS`, and the file the chapters were read from.
    origin: str
    origin_path: Path
    #: The show's name when the chapters file gives it (the corpus layout), else "".
    show: str = ""


def _transcript_file(folder: Path, episode: Episode | None) -> Path:
    if episode is not None:
        return episode.transcript
    found = sorted(p for p in folder.glob("transcript.*") if not p.name.endswith(".chapters.yaml"))
    if not found:
        raise InputError(
            "no transcript.* and no episode.yaml here",
            "give an episode folder (episode.yaml, or a transcript.* file)",
            path=folder,
        )
    return found[0]


def _audio_file(folder: Path, episode: Episode | None) -> Path | None:
    if episode is not None:
        return episode.audio if episode.audio.is_file() else None
    found = sorted(p for p in folder.glob("*") if p.suffix.lower() == ".mp3" and p.is_file())
    return found[0] if len(found) == 1 else None


def _sidecar_candidates(folder: Path, episode: Episode | None, transcript: Path) -> list[Path]:
    if episode is not None:
        return [find_sidecar(episode)]
    return list(dict.fromkeys([folder / SIDECAR_NAME, sidecar_path(transcript)]))


def _corpus_json(path: Path) -> tuple[list[tuple[float, str]], float | None, str] | None:
    """(start, title) pairs, duration and show of a corpus-layout chapters.json, or None when
    the file is Podcasting 2.0 (``startTime``) instead."""
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", path=path, line=exc.lineno) from None
    items = data.get("chapters") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items or not isinstance(items[0], dict):
        return None
    if "startTime" in items[0] or "start" not in items[0]:
        return None
    pairs = []
    for i, item in enumerate(items):
        start = item.get("start") if isinstance(item, dict) else None
        if not isinstance(start, (int, float)) or isinstance(start, bool) or start < 0:
            raise InputError(
                f"chapters[{i}]: start {start!r} is not a number of seconds",
                "write start as seconds, e.g. 754.5",
                path=path,
            )
        pairs.append((float(start), str(item.get("title") or "").strip()))
    duration = data.get("duration")
    ok = isinstance(duration, (int, float)) and not isinstance(duration, bool) and duration > 0
    return sorted(pairs), float(duration) if ok else None, str(data.get("show") or "")


def _keys(episode: Episode | None, transcript: Transcript, audio: Path | None) -> EpisodeKeys:
    if episode is None:
        return EpisodeKeys(title=transcript.title or "", audio_name=audio.name if audio else "")
    return EpisodeKeys(
        guid=episode.guid,
        audio_url=episode.audio_url or "",
        title=episode.title,
        audio_name=episode.audio.name,
        number=episode.number,
        season=episode.season,
    )


def read_known(source: Path, feed: FeedLookup | None = None) -> KnownEpisode | None:
    """The episode at ``source`` (a folder or its episode.yaml) with its known chapters, from
    the first of :data:`ORIGINS` that has them; None when none has."""
    from shownotes.audio.duration import audio_duration
    from shownotes.config import load_episode

    source = Path(source)
    if not source.exists():
        raise InputError("no such episode folder", "give an episode folder", path=source)
    folder = source if source.is_dir() else source.parent
    episode = load_episode(folder) if (folder / "episode.yaml").is_file() else None
    transcript_file = _transcript_file(folder, episode)
    transcript = read_transcript(transcript_file)
    audio = _audio_file(folder, episode)
    duration = audio_duration(audio) if audio is not None and audio.stat().st_size else None

    pairs: list[tuple[float, str]] = []
    origin, origin_path, show = "", folder, ""
    for path in _sidecar_candidates(folder, episode, transcript_file):
        if _sidecar_state(path) == "edited":
            pairs = [(c.start, c.title) for c in read_sidecar(path)]
            origin, origin_path = "sidecar", path
            break
    chapters_json = folder / "chapters.json"
    if not pairs and chapters_json.is_file():
        corpus = _corpus_json(chapters_json)
        if corpus is not None:
            pairs, given, show = corpus
            duration = duration or given
        else:
            pairs = [(c.start, c.title) for c in read_chapters_json(chapters_json)]
        origin, origin_path = "chapters.json", chapters_json
    if not pairs and audio is not None and audio.suffix.lower() == ".mp3":
        from shownotes.audio.tagread import read_chapters

        pairs = [(c.start, c.title) for c in read_chapters(audio) if c.toc]
        origin, origin_path = "id3", audio
    if not pairs and feed is not None:
        found = feed(_keys(episode, transcript, audio))
        if found is not None:
            pairs = [(c.start, c.title) for c in read_chapters_file(found) if c.toc]
            origin, origin_path = "feed", found
    if not pairs:
        return None
    pairs.sort()
    end = max(duration or transcript.duration, pairs[-1][0] + 1.0)
    return KnownEpisode(
        name=folder.name,
        folder=folder,
        transcript=transcript,
        starts=tuple(p[0] for p in pairs),
        titles=tuple(p[1] for p in pairs),
        end=end,
        origin=origin,
        origin_path=origin_path,
        show=show,
    )
