"""The chapters a local feed already points to, as local files (for ``shownotes learn``).

A feed item's ``<podcast:chapters url="...">`` names a URL; shownotes never fetches it. The
file is looked for on disk instead:

- a relative URL (or a ``file:`` URL) is a path relative to the feed file;
- an absolute ``http(s)`` URL under the show's ``base_url`` is that path under the show's
  ``output_dir`` (where ``shownotes publish`` puts what ``base_url`` serves);
- otherwise the URL's path is matched from its end against the feed's folder: for
  ``https://cdn.example.com/show/ep12/chapters.json`` that is ``FEED_DIR/show/ep12/chapters.json``,
  then ``FEED_DIR/ep12/chapters.json`` (the layout ``publish`` writes), then
  ``FEED_DIR/chapters.json``; the first file that exists wins.

The item is found like ``shownotes feed --update`` finds it (:func:`~.update.find_item`: guid,
enclosure URL, title, episode number), then by the enclosure's file name against the
episode's audio file.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from lxml import etree

from shownotes.chapters.sources import EpisodeKeys
from shownotes.errors import InputError
from shownotes.feed.build import PODCAST_NS
from shownotes.feed.update import find_item, index_items
from shownotes.feed.xmlsafe import parse_xml
from shownotes.textfile import read_bytes


class FeedChapters:
    """A :data:`~shownotes.chapters.sources.FeedLookup` over one local feed file."""

    def __init__(self, path: Path, output_dir: Path | None = None, base_url: str = "") -> None:
        self.path = Path(path)
        self.output_dir = output_dir
        self.base_url = base_url.rstrip("/")
        tree = parse_xml(read_bytes(self.path), self.path)
        channel = tree.getroot().find("channel")
        if channel is None:
            raise InputError("no <channel> in the feed", "give an RSS feed file", path=self.path)
        self.items = list(channel.iterchildren("item"))
        self.index = index_items(channel)

    def item(self, keys: EpisodeKeys) -> etree._Element | None:
        """The feed item of the episode, or None."""
        found = find_item(
            self.index, keys.guid, keys.audio_url, keys.title, keys.number, keys.season
        )
        if found is not None or not keys.audio_name:
            return found
        named = [
            item
            for item in self.items
            if (enclosure := item.find("enclosure")) is not None
            and PurePosixPath(urlsplit(enclosure.get("url", "")).path).name == keys.audio_name
        ]
        return named[0] if len(named) == 1 else None

    def local_file(self, url: str) -> Path | None:
        """The file on disk a chapters URL names (see the module docstring), or None."""
        parts = urlsplit(url.strip())
        path = unquote(parts.path)
        folder = self.path.parent
        if parts.scheme in ("", "file"):
            target = Path(path) if Path(path).is_absolute() else folder / path
            return target if target.is_file() else None
        tries = []
        if self.base_url and self.output_dir is not None and url.startswith(self.base_url + "/"):
            tries.append(self.output_dir / unquote(url[len(self.base_url) + 1 :].split("?")[0]))
        pieces = [p for p in PurePosixPath(path).parts if p not in ("/", "..", ".")]
        tries += [folder.joinpath(*pieces[i:]) for i in range(len(pieces))]
        return next((p for p in tries if p.is_file()), None)

    def __call__(self, keys: EpisodeKeys) -> Path | None:
        item = self.item(keys)
        if item is None:
            return None
        link = item.find(f"{{{PODCAST_NS}}}chapters")
        url = link.get("url", "") if link is not None else ""
        return self.local_file(url) if url else None
