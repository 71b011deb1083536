"""Generate a show's whole RSS feed with feedgen, iTunes tags and the Podcasting 2.0 namespace.

feedgen is extended the way its own extensions are: a feed/entry pair of ``BaseExtension``
classes registered as ``podcastindex`` (feedgen's iTunes extension already owns ``podcast``).
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from shownotes import __version__
from shownotes.errors import InputError
from shownotes.feed.items import ItemData, Transcript
from shownotes.models import Chapter, Show
from shownotes.timecode import format_timestamp
from shownotes.validate import inert_text
from shownotes.validate import xml_text as _xml_text

PODCAST_NS = "https://podcastindex.org/namespace/1.0"
ITUNES_NS = "http://www.itunes.com/dtds/podcast-1.0.dtd"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
PSC_NS = "http://podlove.org/simple-chapters"
_PSC_CHAPTER = f"{{{PSC_NS}}}chapter"
_WEB = ("http://", "https://")
CHAPTERS_TYPE = "application/json+chapters"
_GUID_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
#: The lastBuildDate of a feed without items.
NO_ITEMS_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def podcast_guid(feed_url: str) -> str:
    """``podcast:guid``: UUIDv5 of the feed URL without scheme and trailing slashes (spec).

    >>> podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml")
    '917393e3-1b1e-5cef-ace4-edaa54e1f810'
    """
    return str(
        uuid.uuid5(
            _GUID_NAMESPACE, re.sub(r"^[A-Za-z][A-Za-z0-9+.-]*://", "", feed_url).rstrip("/")
        )
    )


def xml_text(text: str) -> str:
    """Text XML can carry: control characters (which XML 1.0 forbids) removed."""
    return _xml_text(text)


def _explicit_words(element: etree._Element) -> None:
    """feedgen writes itunes:explicit as yes/no; Apple now documents true/false."""
    for tag in element.iter(f"{{{ITUNES_NS}}}explicit"):
        tag.text = {"yes": "true", "no": "false", "clean": "false"}.get(tag.text or "", tag.text)


class PodcastIndexFeed(BaseExtension):  # type: ignore[misc]
    """Channel-level Podcasting 2.0 tags: podcast:locked, podcast:guid, podcast:funding."""

    def __init__(self) -> None:
        self.locked: tuple[bool, str] | None = None
        self.guid: str | None = None
        self.funding: list[tuple[str, str]] = []

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS}

    def extend_rss(self, rss: etree._Element) -> etree._Element:
        channel = rss[0]
        if self.locked is not None:
            locked, owner = self.locked
            tag = etree.SubElement(channel, f"{{{PODCAST_NS}}}locked", owner=owner)
            tag.text = "yes" if locked else "no"
        if self.guid:
            etree.SubElement(channel, f"{{{PODCAST_NS}}}guid").text = self.guid
        for url, title in self.funding:
            etree.SubElement(channel, f"{{{PODCAST_NS}}}funding", url=url).text = title[:128]
        _explicit_words(channel)
        return rss


class PodcastIndexEntry(BaseEntryExtension):  # type: ignore[misc]
    """Item-level Podcasting 2.0 tags: podcast:chapters and podcast:transcript."""

    def __init__(self) -> None:
        self.chapters_url: str | None = None
        self.transcripts: list[Transcript] = []

    def extend_rss(self, item: etree._Element) -> etree._Element:
        for element in item_elements(self.chapters_url, self.transcripts):
            item.append(element)
        _explicit_words(item)
        return item


def item_elements(
    chapters_url: str | None, transcripts: Sequence[Transcript]
) -> list[etree._Element]:
    """The podcast:chapters and podcast:transcript elements of one item."""
    out = []
    if chapters_url:
        out.append(etree.Element(f"{{{PODCAST_NS}}}chapters", url=chapters_url, type=CHAPTERS_TYPE))
    for t in transcripts:
        attrs = {"url": t.url, "type": t.type}
        if t.language:
            attrs["language"] = t.language
        if t.rel:
            attrs["rel"] = t.rel
        out.append(etree.Element(f"{{{PODCAST_NS}}}transcript", **attrs))
    return out


class PodloveFeed(BaseExtension):  # type: ignore[misc]
    """Declares the Podlove Simple Chapters namespace on the feed."""

    def extend_ns(self) -> dict[str, str]:
        return {"psc": PSC_NS}


class PodloveEntry(BaseEntryExtension):  # type: ignore[misc]
    """``psc:chapters`` inside an item: chapters for clients that read them from the feed."""

    def __init__(self) -> None:
        self.chapters: list[Chapter] = []

    def extend_rss(self, item: etree._Element) -> etree._Element:
        listed = [c for c in self.chapters if c.toc]
        if listed:
            block = etree.SubElement(item, f"{{{PSC_NS}}}chapters", version="1.2")
            for c in listed:
                attrs = {
                    "start": format_timestamp(c.start, millis=True),
                    "title": xml_text(c.title),
                }
                if c.url and c.url.startswith(_WEB):
                    attrs["href"] = c.url
                if c.image and c.image.startswith(_WEB):
                    attrs["image"] = c.image
                etree.SubElement(block, _PSC_CHAPTER, attrs)
        return item


def _categories(show: Show) -> list[dict[str, Any]]:
    out = []
    for category in show.categories:
        parent, _, child = (part.strip() for part in category.partition(">"))
        out.append({"cat": parent, "sub": child} if child else {"cat": parent})
    return out


def build_feed(show: Show, items: Sequence[ItemData]) -> FeedGenerator:
    """The whole feed: channel from the show, one item per episode, newest first.

    Items are plain data; the publishing stage makes them from an episode's outputs
    (:func:`shownotes.publishing.prepare.item_data`)."""
    fg = channel_feed(show)
    items = newest_first(items)
    for item in items:
        add_item(fg, item)
    # a fixed lastBuildDate (the newest episode's) keeps the feed byte-identical across reruns
    fg.lastBuildDate(items[0].published if items else NO_ITEMS_DATE)
    return fg


def newest_first(items: Sequence[ItemData]) -> list[ItemData]:
    """The feed's order: newest first; items published at the same time keep their order."""
    return sorted(items, key=lambda i: i.published, reverse=True)


def channel_feed(show: Show) -> FeedGenerator:
    """A feed with the show's channel and no items (nor lastBuildDate) yet."""
    fg = FeedGenerator()
    fg.load_extension("podcast")
    fg.register_extension("podcastindex", PodcastIndexFeed, PodcastIndexEntry)
    fg.register_extension("podlove", PodloveFeed, PodloveEntry)
    fg.title(xml_text(show.title))
    if show.feed_url:
        fg.link(href=show.feed_url, rel="self")
    # feedgen's RSS <link> is the last link given: the show's website
    fg.link(href=show.link or show.base_url or "https://example.invalid/", rel="alternate")
    fg.description(inert_text(show.description or show.title))
    fg.language(show.language)
    fg.generator(f"shownotes {__version__}", uri="https://pypi.org/project/shownotes/")
    if show.copyright:
        fg.copyright(xml_text(show.copyright))
    fg.podcast.itunes_explicit("yes" if show.explicit else "no")
    fg.podcast.itunes_type(show.show_type)
    if show.author:
        fg.podcast.itunes_author(xml_text(show.author))
        fg.author(
            {"name": xml_text(show.author), "email": show.owner.email if show.owner else None}
        )
    if show.new_feed_url:
        fg.podcast.itunes_new_feed_url(show.new_feed_url)
    if show.owner:
        fg.podcast.itunes_owner(name=xml_text(show.owner.name), email=show.owner.email)
    if show.image:
        fg.image(url=show.image, title=xml_text(show.title), link=show.link or None)
        fg.podcast.itunes_image(show.image)
    if show.categories:
        try:
            fg.podcast.itunes_category(_categories(show))
        except ValueError as exc:
            raise InputError(
                f"categories: {exc}", "use Apple's category names", path=show.source
            ) from None
    ext = fg.podcastindex
    if show.locked is not None:
        if not show.owner:
            raise InputError(
                "locked needs an owner e-mail", "add owner: {name, email}", path=show.source
            )
        ext.locked = (show.locked, show.owner.email)
    ext.guid = show.podcast_guid or (podcast_guid(show.feed_url) if show.feed_url else None)
    ext.funding = [(f.url, xml_text(f.title)) for f in show.funding]
    return fg


def add_item(fg: FeedGenerator, item: ItemData) -> None:
    """Append ``item`` to the feed as an entry (feedgen writes it out in ``rss_str``)."""
    fe = fg.add_entry(order="append")
    fe.title(xml_text(item.title))
    fe.guid(item.guid, permalink=bool(re.match(r"https?://", item.guid)))
    fe.pubDate(item.published)
    fe.enclosure(item.audio_url, str(item.audio_length), item.audio_type)
    fe.description(inert_text(item.description) or inert_text(item.title))
    if item.content_html:
        html = xml_text(item.content_html)
        fe.content(html, type="CDATA" if "]]>" not in html else None)
    if item.duration is not None:
        fe.podcast.itunes_duration(item.duration)
    if item.number:
        fe.podcast.itunes_episode(item.number)
    if item.season:
        fe.podcast.itunes_season(item.season)
    fe.podcast.itunes_episode_type(item.episode_type)
    if item.explicit is not None:
        fe.podcast.itunes_explicit("yes" if item.explicit else "no")
    if item.image:
        try:
            fe.podcast.itunes_image(item.image)
        except ValueError:
            raise InputError(
                f"image {item.image!r}: Apple needs a .jpg or .png URL", "fix the episode's image"
            ) from None
    fe.podcastindex.chapters_url = item.chapters_url
    fe.podcastindex.transcripts = list(item.transcripts)
    fe.podlove.chapters = list(item.chapters)
