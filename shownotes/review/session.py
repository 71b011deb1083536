"""One episode under review: what the page shows, and saving what the person changed.

The page gets the transcript, the chapters (from the hand-edited sidecar, else detection, with
the detector's reason and confidence when the sidecar records them) and a *version*: a hash
of the sidecar file as it was when the page loaded. Saving sends that version back; if the
file changed on disk in between, the save is refused (:class:`SidecarConflict`) so nobody's
edits are lost. A saved sidecar carries no generation hash, so it counts as edited by hand
and detection never overwrites it (:func:`shownotes.chapters.files.sidecar_state`).
"""

from __future__ import annotations

import hashlib
import math
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from shownotes.atomic import write_atomic
from shownotes.audio.duration import audio_duration
from shownotes.chapters.explain import Explanation, read_explanations
from shownotes.chapters.files import read_sidecar, sidecar_body, sidecar_state
from shownotes.chapters.resolve import adopt_sidecar, episode_sidecar
from shownotes.config import load_episode
from shownotes.errors import FileAccessError, InputError, ShownotesError
from shownotes.models import Chapter, Detection, Episode, Show, Transcript
from shownotes.publishing.catalog import load_catalog
from shownotes.publishing.pipeline import publish_catalog
from shownotes.publishing.plugins import load_plugins
from shownotes.publishing.prepare import settle_chapters
from shownotes.timecode import format_exact
from shownotes.transcripts import read_transcript

#: Chapters whose detector confidence is below this are marked in the page.
LOW_CONFIDENCE = 0.5
#: Limits on what the page may post (a review of one episode never comes near them).
MAX_CHAPTERS = 1000
MAX_TEXT = 2000


class PayloadError(InputError, ValueError):
    """What the page posted is not a valid set of chapters (HTTP 400)."""


class SidecarConflict(ShownotesError):
    """The sidecar changed on disk since the page loaded it (HTTP 409)."""


@dataclass(frozen=True, slots=True)
class ChapterView:
    """A chapter as the page edits it, with what the detector said about it, if anything."""

    start: float
    title: str
    url: str | None = None
    image: str | None = None
    toc: bool = True
    reason: str | None = None
    confidence: float | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "start": round(self.start, 3),
            "title": self.title,
            "url": self.url,
            "image": self.image,
            "toc": self.toc,
            "reason": self.reason,
            "confidence": self.confidence,
        }


@dataclass(frozen=True, slots=True)
class Saved:
    """The outcome of a save: the new version and the chapters as read back from disk."""

    version: str
    chapters: tuple[ChapterView, ...]
    path: Path


def file_version(path: Path) -> str:
    """A token for the file's content: its SHA-256, or ``missing``."""
    try:
        return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "missing"
    except OSError as exc:
        raise FileAccessError(f"cannot read: {exc.strerror}", path=path) from None


Note = tuple[str | None, float | None]


def _views(
    chapters: Sequence[Chapter], explained: Mapping[float, Explanation]
) -> tuple[ChapterView, ...]:
    """The chapters as the page shows them, each with the reason and confidence detection
    gave it (``explained``, by start).

    Detection writes them in each chapter's ``automatic:`` block of the sidecar; a chapter a
    person changed (its block no longer checks out), or a sidecar without blocks, has none.
    """
    notes: dict[int, Note] = {
        round(start * 1000): (why.reason, why.confidence if math.isfinite(why.confidence) else None)
        for start, why in explained.items()
    }
    return tuple(_view(c, notes.get(round(c.start * 1000), (None, None))) for c in chapters)


def _view(chapter: Chapter, note: Note = (None, None)) -> ChapterView:
    # a detector that sets reason/confidence on Chapter itself is shown the same way
    reason = note[0] or getattr(chapter, "reason", None)
    confidence = note[1] if note[1] is not None else getattr(chapter, "confidence", None)
    return ChapterView(
        chapter.start, chapter.title, chapter.url, chapter.image, chapter.toc, reason, confidence
    )


@dataclass
class ReviewSession:
    """An episode opened for review. Thread-safe: saves are serialized by a lock."""

    episode: Episode
    show: Show | None
    transcript: Transcript
    duration: float
    sidecar: Path
    #: The show config used to publish; None when the episode has no show (no publishing).
    config: Path | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def can_publish(self) -> bool:
        return self.show is not None

    def chapters(self) -> tuple[tuple[ChapterView, ...], str, str]:
        """(chapters, where they came from, version) as they are on disk now; they come from
        ``detected`` (no sidecar yet), ``generated`` (the sidecar as detection wrote it) or
        ``edited`` (a sidecar edited by hand)."""
        version = file_version(self.sidecar)
        result = settle_chapters(
            self.transcript,
            self.show,
            load_plugins(self.show),
            self.sidecar,
            episode=self.episode,
            duration=self.duration,
        )
        explained = read_explanations(self.sidecar) if self.sidecar.is_file() else {}
        views = _views(result.chapters, explained)
        origin = {"missing": "detected"}.get(state := sidecar_state(self.sidecar), state)
        return views, origin, version

    def state(self) -> dict[str, Any]:
        """Everything the page needs besides the transcript lines (JSON-ready)."""
        chapters, origin, version = self.chapters()
        return {
            "title": self.episode.title,
            "duration": self.duration,
            "audio": self.episode.audio.name,
            "sidecar": self.sidecar.name,
            "origin": origin,
            "version": version,
            "chapters": [c.as_json() for c in chapters],
            "canPublish": self.can_publish,
            "lowConfidence": LOW_CONFIDENCE,
            "maxChapters": self.max_chapters,
        }

    @property
    def max_chapters(self) -> int:
        return (self.show.detection if self.show else Detection()).max_chapters

    def detected(self, count: int) -> tuple[ChapterView, ...]:
        """What detection gives when asked for ``count`` chapters (``chapter_count``), with
        why each is there; the sidecar is neither read nor written: the page shows these as
        unsaved changes, for the person to keep or not."""
        if not 1 <= count <= self.max_chapters:
            raise PayloadError(
                f"ask for 1 to {self.max_chapters} chapters, not {count}",
                "detection.max_chapters in the show config sets the ceiling",
            )
        result = settle_chapters(
            self.transcript,
            self.show,
            load_plugins(self.show),
            self.sidecar,
            episode=replace(self.episode, chapter_count=count),
            duration=self.duration,
            use_sidecar=False,
        )
        return _views(result.chapters, result.explanations)

    def validate(self, payload: Any) -> tuple[Chapter, ...]:
        """Chapters from the JSON the page posted; :class:`PayloadError` naming the problem."""
        if not isinstance(payload, dict):
            raise PayloadError("expected a JSON object with 'version' and 'chapters'")
        if not isinstance(payload.get("version"), str):
            raise PayloadError("'version' must be the text the page was given")
        items = payload.get("chapters")
        if not isinstance(items, list) or not items:
            raise PayloadError("'chapters' must be a non-empty list", "keep at least one chapter")
        if len(items) > MAX_CHAPTERS:
            raise PayloadError(f"more than {MAX_CHAPTERS} chapters")
        chapters = [self._chapter(item, i) for i, item in enumerate(items)]
        chapters.sort(key=lambda c: c.start)  # stable: equal starts keep the page's order
        return tuple(chapters)

    def _chapter(self, item: Any, index: int) -> Chapter:
        where = f"chapter {index + 1}"
        if not isinstance(item, dict):
            raise PayloadError(f"{where}: expected an object with start and title")
        start = item.get("start")
        if isinstance(start, bool) or not isinstance(start, (int, float)):
            raise PayloadError(f"{where}: start must be a number of seconds")
        if not math.isfinite(start) or start < 0:
            raise PayloadError(f"{where}: start {start!r} is not a time")
        if start >= self.duration:
            raise PayloadError(
                f"{where}: starts at {format_exact(start)}, after the audio ends "
                f"({format_exact(self.duration)})"
            )
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            raise PayloadError(f"{where}: the title must be non-empty text")
        texts: dict[str, str | None] = {}
        for key in ("url", "image"):
            value = item.get(key)
            if value is not None and not isinstance(value, str):
                raise PayloadError(f"{where}: {key} must be text")
            texts[key] = (value.strip() or None) if value else None
        for key, value in (("title", title), *texts.items()):
            if value and len(value) > MAX_TEXT:
                raise PayloadError(f"{where}: {key} is longer than {MAX_TEXT} characters")
        toc = item.get("toc", True)
        if not isinstance(toc, bool):
            raise PayloadError(f"{where}: toc must be true or false")
        return Chapter(
            round(float(start), 3),
            self.duration,
            " ".join(title.split()),
            texts["url"],
            texts["image"],
            toc,
        )

    def save(self, chapters: Sequence[Chapter], version: str) -> Saved:
        """Write the sidecar atomically as edited by hand, unless it changed since ``version``."""
        with self._lock:
            now = file_version(self.sidecar)
            if now != version:
                raise SidecarConflict(
                    "the chapters file changed on disk since this page loaded it",
                    "reload to see the new version (your edits here would be lost), or copy "
                    "them first",
                    path=self.sidecar.name,
                )
            write_atomic(self.sidecar, edited_sidecar_text(chapters, self.episode))
            kept = read_sidecar(self.sidecar, self.duration)
            return Saved(file_version(self.sidecar), tuple(_view(c) for c in kept), self.sidecar)

    def publish(self) -> list[str]:
        """Publish this episode as ``shownotes publish EPISODE`` does; one line per outcome.

        Raises the first error (the episode's or the feed's) as a :class:`ShownotesError`.
        """
        if self.config is None:
            raise InputError("this episode has no show config to publish with")
        with self._lock:
            catalog = load_catalog(self.config)
            episode = load_episode(self.episode.source or self.episode.audio.parent)
            # the same run as 'shownotes publish EPISODE': episodes that do not load keep
            # their feed items
            report = publish_catalog(catalog, [episode])
        if report.errors:
            raise report.errors[0]
        return report.lines()[0]


def edited_sidecar_text(chapters: Sequence[Chapter], episode: Episode) -> str:
    """The sidecar as the review page saves it: a header without a generation hash (so it is
    edited by hand), then the body :func:`~shownotes.chapters.files.sidecar_body` writes."""
    return (
        f"# Chapters for {episode.audio.name}, reviewed in 'shownotes review'.\n"
        "# Edited by hand: shownotes uses this file as it is and never overwrites it;\n"
        "# delete it to have chapters detected again.\n"
        f"{sidecar_body(chapters)}"
    )


def open_session(
    episode: Episode, show: Show | None = None, config: Path | None = None
) -> ReviewSession:
    """Read the episode's transcript and measure its audio; errors name the missing file."""
    if not episode.audio.is_file():
        raise FileAccessError(
            "no such audio file",
            "the review page plays the episode's audio: check 'audio' in episode.yaml",
            path=episode.audio,
        )
    transcript = read_transcript(episode.transcript)
    duration = audio_duration(episode.audio)
    adopt_sidecar(episode)  # a 0.1 sidecar named after the audio becomes episode.chapters.yaml
    return ReviewSession(
        episode, show, transcript, duration, episode_sidecar(episode), config=config
    )
