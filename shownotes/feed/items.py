"""What the feed says about one episode: plain data, built by ``publish`` and kept in its state.

The feed builder turns a sequence of :class:`ItemData` into ``<item>`` elements; the publish
step makes them from an episode's prepared outputs and stores them, so a later run can
rebuild the feed without preparing the episode again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from shownotes.models import Chapter

AUDIO_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/x-m4a",
    ".mp4": "video/mp4",
    ".ogg": "audio/ogg",
    ".opus": "audio/opus",
}


@dataclass(slots=True)
class Transcript:
    """A ``podcast:transcript`` tag."""

    url: str
    type: str
    language: str | None = None
    rel: str | None = None


@dataclass(frozen=True, slots=True)
class ItemData:
    """What the feed says about one episode, from its prepared outputs."""

    guid: str
    title: str
    published: dt.datetime
    audio_url: str
    audio_length: int
    audio_type: str
    duration: int | None
    description: str
    content_html: str
    chapters_url: str | None
    transcripts: tuple[Transcript, ...] = field(default=())
    number: int | None = None
    season: int | None = None
    episode_type: str = "full"
    explicit: bool | None = None
    image: str | None = None
    chapters: tuple[Chapter, ...] = ()
