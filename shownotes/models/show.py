"""A show and its episodes, as the show config and each episode.yaml describe them.

Paths are absolute once loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from shownotes.models.detection import Detection


@dataclass(frozen=True, slots=True)
class Link:
    """A link in the show notes: ``{title: ..., url: ...}`` in episode.yaml."""

    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Owner:
    """The feed owner Apple and directories contact (``itunes:owner``)."""

    name: str
    email: str


@dataclass(frozen=True, slots=True)
class Funding:
    """A way to support the show (``podcast:funding``): a URL and a short label."""

    url: str
    title: str = ""


#: The apps a show's chapters are made to work in by default (``platforms:`` in the config):
#: every app whose chapter rules shownotes knows (``shownotes/publishing/platforms.yaml``).
DEFAULT_PLATFORMS = (
    "apple",
    "spotify",
    "youtube",
    "pocketcasts",
    "castro",
    "antennapod",
    "podverse",
)


@dataclass(frozen=True, slots=True)
class PlatformRules:
    """A show's change to one app's chapter rules (an entry of ``platform_rules:``).

    Every rule left out (or ``null``) keeps the built-in value from
    ``shownotes/publishing/platforms.yaml``."""

    #: The app: apple, spotify, youtube, pocketcasts, castro, antennapod or podverse.
    platform: str
    #: Fewest timestamp lines the app accepts in a description.
    min_count: int | None = None
    #: Whether the first description timestamp must be 0:00.
    first_at_zero: bool | None = None
    #: Shortest chapter (seconds) the app accepts or advises in a description.
    min_chapter_seconds: float | None = None
    #: Longest chapter title (characters) the app shows whole.
    max_title_length: int | None = None
    #: HTML elements the app keeps in episode notes.
    allowed_html: tuple[str, ...] | None = None
    #: Largest ``description``/``content:encoded`` (UTF-8 bytes) the app takes.
    max_description_bytes: int | None = None
    #: What the app does with a ``toc: false`` chapter: hidden, shown or unknown.
    toc_false: Literal["hidden", "shown", "unknown"] | None = None
    #: Whether the app needs the MP3's CTOC to be top-level and ordered.
    ctoc_top_level_ordered: bool | None = None
    #: Whether the app needs chapters JSON sorted by startTime (it uses array order).
    json_ascending: bool | None = None
    #: Podcast namespace URIs the app reads podcast:chapters under.
    podcast_namespaces: tuple[str, ...] | None = None
    #: Whether the app needs show art (``itunes:image``) in the feed.
    show_image: bool | None = None
    #: Whether the app needs absolute ``https://`` enclosure URLs.
    https_enclosure: bool | None = None
    #: Where these values come from (kept with each changed rule as its source).
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Show:
    """A podcast: channel metadata plus where its files live (the show config)."""

    title: str
    description: str = ""
    link: str = ""
    author: str = ""
    owner: Owner | None = None
    image: str | None = None
    language: str = "en"
    #: Apple categories; ``Technology`` or ``Technology > Tech News`` for a subcategory.
    categories: tuple[str, ...] = ()
    explicit: bool = False
    copyright: str = ""
    #: ``episodic`` (newest first) or ``serial`` (in order; needs episode numbers).
    show_type: Literal["episodic", "serial"] = "episodic"
    #: ``podcast:locked``: true asks other platforms not to import the feed (needs owner).
    locked: bool | None = None
    #: ``podcast:guid``; derived once from feed_url as the Podcasting 2.0 spec says and then
    #: written into the config by the first publish, so it never changes with the feed URL.
    podcast_guid: str | None = None
    funding: tuple[Funding, ...] = ()
    #: Public URL the episode files are published under (audio, chapters, transcripts).
    base_url: str = ""
    #: Public URL of the feed itself.
    feed_url: str | None = None
    #: Moving hosts: the feed's new address, written as ``itunes:new-feed-url`` so apps follow.
    new_feed_url: str | None = None
    #: Folder with one sub-folder per episode, each holding an episode.yaml.
    episodes_dir: Path = Path("episodes")
    #: Folder shownotes writes show notes, chapter files and the feed into.
    output_dir: Path = Path("public")
    #: Folder whose templates override the built-in ones by file name.
    templates_dir: Path | None = None
    #: A feed another tool makes: publish updates it in place instead of writing its own.
    external_feed: Path | None = None
    #: Plugins to load, as importable module names (besides installed entry points).
    plugins: tuple[str, ...] = ()
    detection: Detection = field(default_factory=Detection)
    #: The apps the show's chapters must work in: publish writes the description's chapter
    #: block so every one of them accepts it, and check applies their rules.
    platforms: tuple[str, ...] = DEFAULT_PLATFORMS
    #: Changes to the built-in rules of an app (see :class:`PlatformRules`).
    platform_rules: tuple[PlatformRules, ...] = ()
    #: The config file this was loaded from.
    source: Path | None = None


@dataclass(frozen=True, slots=True)
class Episode:
    """One episode (its episode.yaml), with paths resolved against the episode's folder."""

    title: str
    date: dt.datetime
    audio: Path
    transcript: Path
    #: The episode's permanent identity in every app; the first publish records it here.
    guid: str = ""
    number: int | None = None
    season: int | None = None
    episode_type: Literal["full", "trailer", "bonus"] = "full"
    explicit: bool | None = None
    #: Public URL of the audio; defaults to the show's base URL plus the audio file's name.
    audio_url: str | None = None
    description: str = ""
    links: tuple[Link, ...] = ()
    image: str | None = None
    #: Taken out of the feed on purpose (its files stay); only this, or removing the episode's
    #: folder, removes a published episode from the feed.
    unpublished: bool = False
    #: Aim for this many chapters in this episode (``detection.chapter_count`` for one episode).
    chapter_count: int | None = None
    #: The episode.yaml this was loaded from; its folder is the episode's folder.
    source: Path | None = None

    def __post_init__(self) -> None:
        if self.chapter_count is not None and self.chapter_count < 1:
            raise ValueError(f"chapter_count must be 1 or more, got {self.chapter_count}")

    @property
    def folder(self) -> Path | None:
        return self.source.parent if self.source else None
