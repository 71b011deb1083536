"""Generate a show's whole RSS feed with feedgen, iTunes tags and the Podcasting 2.0 namespace.

feedgen is extended the way its own extensions are: a feed/entry pair of ``BaseExtension``
classes registered as ``podcastindex`` (feedgen's iTunes extension already owns ``podcast``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from collections.abc import Sequence
from html import escape
from operator import attrgetter
from typing import Any

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import etree

from shownotes import __version__
from shownotes.bulk import collector_paused
from shownotes.errors import InputError
from shownotes.feed.items import ItemData, Transcript
from shownotes.feed.names import CONTENT_NS as CONTENT_NS
from shownotes.feed.names import ITUNES_NS as ITUNES_NS
from shownotes.feed.names import PODCAST_NS as PODCAST_NS
from shownotes.feed.names import PSC_NS as PSC_NS
from shownotes.models import Chapter, Show
from shownotes.timecode import format_timestamp
from shownotes.validate import inert_text, is_xml_text
from shownotes.validate import xml_text as _xml_text

_ITUNES_IMAGE = f"{{{ITUNES_NS}}}image"
_ITUNES_DURATION = f"{{{ITUNES_NS}}}duration"
_ITUNES_EXPLICIT = f"{{{ITUNES_NS}}}explicit"
_ITUNES_SEASON = f"{{{ITUNES_NS}}}season"
_ITUNES_EPISODE = f"{{{ITUNES_NS}}}episode"
_ITUNES_EPISODE_TYPE = f"{{{ITUNES_NS}}}episodeType"
_EPISODE_TYPES = ("full", "trailer", "bonus")
_TITLE = attrgetter("title")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PSC_CHAPTERS = f"{{{PSC_NS}}}chapters"
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


class ChannelTags(BaseExtension):  # type: ignore[misc]
    """Channel-level tags: podcast:locked, podcast:guid, podcast:funding; declares the
    Podcasting 2.0 and Podlove Simple Chapters namespaces the items use."""

    def __init__(self) -> None:
        self.locked: tuple[bool, str] | None = None
        self.guid: str | None = None
        self.funding: list[tuple[str, str]] = []

    def extend_ns(self) -> dict[str, str]:
        return {"podcast": PODCAST_NS, "psc": PSC_NS}

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


class ItemTags(BaseEntryExtension):  # type: ignore[misc]
    """An item's pubDate and namespaced tags: iTunes (art, duration, explicit as true/false,
    season, episode, episode type), podcast:chapters and podcast:transcript, and
    psc:chapters (chapters for clients that read them from the feed).

    The pubDate is written here rather than by feedgen, whose date formatting switches the
    whole process's locale to C and back for every item (three ``setlocale`` calls, racing
    any other thread, such as the review page's, that formats text meanwhile).

    One entry extension writes them all, feedgen's iTunes extension serving the channel
    only: feedgen makes and registers an instance of every entry extension for every item,
    so each one more costs every item of a long feed."""

    def __init__(self) -> None:
        #: The item, its texts XML-safe (see :func:`xml_safe_item`).
        self.item: ItemData | None = None

    def extend_rss(self, element: etree._Element) -> etree._Element:
        item = self.item
        if item is not None:
            # where feedgen puts it: after the enclosure, before every extension's tags
            etree.SubElement(element, "pubDate").text = rfc2822_date(item.published)
            itunes_tags(element, item)
            for extra in item_elements(item.chapters_url, item.transcripts):
                element.append(extra)
            psc_chapters(element, item.chapters)
        return element


def rfc2822_date(when: dt.datetime) -> str:
    """RSS's date format, in English whatever the locale: feedgen's (and email's) format.

    >>> rfc2822_date(dt.datetime(2026, 6, 7, 6, 30, tzinfo=dt.UTC))
    'Sun, 07 Jun 2026 06:30:00 +0000'
    """
    day, month = _DAYS[when.weekday()], _MONTHS[when.month - 1]
    return when.strftime(f"{day}, %d {month} %Y %H:%M:%S %z")  # numbers only: no locale


def itunes_tags(element: etree._Element, item: ItemData) -> None:
    """Append the item's iTunes tags to ``element``, in the order Apple's sample feed and
    feedgen's iTunes extension write them."""
    sub = etree.SubElement
    if item.image:
        sub(element, _ITUNES_IMAGE, href=item.image)
    if item.duration is not None:
        sub(element, _ITUNES_DURATION).text = str(item.duration)
    if item.explicit is not None:
        sub(element, _ITUNES_EXPLICIT).text = "true" if item.explicit else "false"
    if item.season:
        sub(element, _ITUNES_SEASON).text = str(item.season)
    if item.number:
        sub(element, _ITUNES_EPISODE).text = str(item.number)
    sub(element, _ITUNES_EPISODE_TYPE).text = item.episode_type


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


def psc_chapters(item: etree._Element, chapters: Sequence[Chapter]) -> None:
    """Append ``psc:chapters`` of the listed ``chapters`` (titles XML-safe) to ``item``."""
    block = None
    sub, stamp = etree.SubElement, format_timestamp  # (looked up once: 8 chapters an item)
    for c in chapters:
        if not c.toc:
            continue
        if block is None:
            block = sub(item, _PSC_CHAPTERS, version="1.2")
        attrs = {"start": stamp(c.start, millis=True), "title": c.title}
        if c.url and c.url.startswith(_WEB):
            attrs["href"] = c.url
        if c.image and c.image.startswith(_WEB):
            attrs["image"] = c.image
        sub(block, _PSC_CHAPTER, attrs)


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
    add_items(fg, items)
    # a fixed lastBuildDate (the newest episode's) keeps the feed byte-identical across reruns
    fg.lastBuildDate(items[0].published if items else NO_ITEMS_DATE)
    return fg


def newest_first(items: Sequence[ItemData]) -> list[ItemData]:
    """The feed's order: newest first; items published at the same time keep their order."""
    return sorted(items, key=lambda i: i.published, reverse=True)


def channel_feed(show: Show) -> FeedGenerator:
    """A feed with the show's channel and no items (nor lastBuildDate) yet."""
    fg = FeedGenerator()
    # (imported here: feedgen.util, which it imports, needs lxml.etree imported already)
    from feedgen.ext.podcast import PodcastExtension

    # feedgen's iTunes extension for the channel only (its items' tags are ItemTags')
    fg.register_extension("podcast", PodcastExtension)
    fg.register_extension("podcastindex", ChannelTags, ItemTags)
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


def add_items(fg: FeedGenerator, items: Sequence[ItemData]) -> None:
    """Append ``items`` to the feed, in order, as :func:`add_item` does (feedgen keeps a
    dozen small objects for each: the cycle collector waits until all are made)."""
    with collector_paused():
        for item in items:
            add_item(fg, item)


def add_item(fg: FeedGenerator, item: ItemData) -> None:
    """Append ``item`` to the feed as an entry (feedgen writes it out in ``rss_str``)."""
    if item.image and not item.image.endswith((".jpg", ".png")):
        raise InputError(
            f"image {item.image!r}: Apple needs a .jpg or .png URL", "fix the episode's image"
        )
    if item.published.tzinfo is None:
        raise InputError(f"date {item.published} has no time zone", "add one, such as Z")
    if item.episode_type not in _EPISODE_TYPES:
        raise InputError(
            f"episode_type {item.episode_type!r} is not one of {', '.join(_EPISODE_TYPES)}",
            "fix the episode's episode_type",
        )
    has_content = bool(item.content_html)
    item = xml_safe_item(item)
    fe = fg.add_entry(order="append")
    fe.title(item.title)
    fe.guid(item.guid, permalink=item.guid.startswith(_WEB))
    fe.enclosure(item.audio_url, str(item.audio_length), item.audio_type)
    fe.description(escape(item.description or item.title, quote=False))
    if has_content:
        html = item.content_html
        fe.content(html, type="CDATA" if "]]>" not in html else None)
    fe.podcastindex.item = item


def xml_safe_item(item: ItemData) -> ItemData:
    """``item`` with its texts (title, notes, chapter titles) as XML can carry them: checked
    in one scan, and copied only when one of them needs characters removed."""
    texts = [item.title, item.description, item.content_html, *map(_TITLE, item.chapters)]
    if is_xml_text("\n".join(texts)):
        return item
    chapters = tuple(dataclasses.replace(c, title=xml_text(c.title)) for c in item.chapters)
    return dataclasses.replace(
        item,
        title=xml_text(item.title),
        description=xml_text(item.description),
        content_html=xml_text(item.content_html),
        chapters=chapters,
    )
