"""Identity that listeners' apps rely on: fixed at the first publish, then never derived again.

An app knows an episode by its ``<guid>`` and a show by its ``podcast:guid``. Both used to be
derived on every run (from the enclosure URL and the feed URL), so moving the audio, renaming
the MP3 or changing hosts changed them and every app showed the episodes twice. Now the first
publish derives each one once (keeping what an earlier publish already put in the feed) and
writes it into the source the podcaster keeps: ``guid:`` in the episode's ``episode.yaml``,
``podcast_guid:`` in the show config. From then on only that recorded value is used.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from shownotes.config import record_value
from shownotes.errors import InputError, ShownotesError
from shownotes.feed.build import PODCAST_NS, podcast_guid
from shownotes.feed.items import ItemData
from shownotes.feed.xmlsafe import parse_xml
from shownotes.models import Episode, Show
from shownotes.outputs.published import episode_urls
from shownotes.textfile import read_bytes

NOTE = "fixed at first publish; never change it (apps know the episode by it)"
SHOW_NOTE = "fixed at first publish; never change it (apps know the show by it)"


def settle_episode_guid(
    episode: Episode, show: Show, previous: ItemData | None, *, record: bool = True
) -> tuple[Episode, str]:
    """The episode with its permanent GUID, and a note when it was recorded just now.

    The GUID an earlier publish gave the episode (its state file's feed item) is kept;
    a new episode gets its enclosure URL, as before, but only this once. ``record=False``
    (a dry run) settles it without writing episode.yaml.
    """
    if episode.guid:
        return episode, ""
    guid = previous.guid if previous is not None and previous.guid else ""
    if not guid:
        guid = episode_urls(show, episode).audio
    if not guid:
        raise InputError(
            "no public URL for the audio, so no GUID for the episode",
            "set base_url in the show config, or audio_url or guid here",
            path=episode.source,
        )
    if episode.source is None or not record:
        return replace(episode, guid=guid), ""
    record_value(episode.source, "guid", guid, NOTE)
    return replace(episode, guid=guid), f"recorded guid {guid!r} in {episode.source}; commit it"


def feed_podcast_guid(feed: Path) -> str | None:
    """The ``podcast:guid`` a feed file already carries, if any."""
    if not feed.is_file():
        return None
    try:
        root = parse_xml(read_bytes(feed), feed).getroot()
    except ShownotesError:
        return None
    found = root.find(f"channel/{{{PODCAST_NS}}}guid")
    text = (found.text or "").strip() if found is not None else ""
    return text or None


def settle_show_guid(show: Show, feed: Path, *, record: bool = True) -> tuple[Show, str]:
    """The show with its permanent ``podcast:guid``, and a note when it was recorded now.

    Kept from the feed an earlier publish wrote, else derived from ``feed_url`` (the
    Podcasting 2.0 rule); a show without a feed URL has none.
    """
    if show.podcast_guid:
        return show, ""
    value = feed_podcast_guid(feed) or (podcast_guid(show.feed_url) if show.feed_url else None)
    if value is None:
        return show, ""
    if show.source is None or not record:
        return replace(show, podcast_guid=value), ""
    record_value(show.source, "podcast_guid", value, SHOW_NOTE)
    note = f"recorded podcast_guid {value!r} in {show.source}; commit it"
    return replace(show, podcast_guid=value), note
