"""A whole feed from item fragments: only the items that are new or changed go through feedgen.

:func:`~shownotes.feed.build.build_feed`'s feed, serialized as shownotes writes it (pretty,
UTF-8, with the XML declaration), is three parts laid end to end: the channel (everything up
to the first item), each ``<item>`` as ``"    <item>\\n … </item>\\n"``, newest first, and
:data:`FOOTER`. libxml2 lays out an element from its own subtree and depth alone, so an item's
bytes do not depend on the items around it nor on the channel, and an item fragment kept from
an earlier feed can be put back beside freshly rendered ones: :func:`splice_feed` gives the
bytes ``build_feed(show, items).rss_str(...)`` would, rendering only the items it is given as
:class:`~shownotes.feed.items.ItemData` (and the channel, whose lastBuildDate is the newest
item's).

A fragment stands for its item only as long as the item's data and the code that renders it
are the same: the caller keys kept fragments on both (see :func:`renderer_key`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator
from lxml import etree

from shownotes import __version__
from shownotes.feed.build import NO_ITEMS_DATE, add_items, channel_feed
from shownotes.feed.items import ItemData
from shownotes.models import Show

#: What ends every feed :func:`~shownotes.feed.build.build_feed` makes, after its last item.
FOOTER = b"  </channel>\n</rss>\n"
#: Where an item starts: its start tag on a line of its own, indented under the channel. Text
#: and attributes cannot hold a bare ``<``, so outside CDATA only an item start looks so.
_ITEM_START = b"\n    <item>\n"


def renderer_key() -> str:
    """What besides an item's data decides its bytes: the versions of shownotes (its feed
    code), feedgen, lxml and libxml2. A fragment kept under another key is rendered again."""
    import feedgen.version

    versions = (
        __version__,
        feedgen.version.version_str,
        etree.LXML_VERSION,
        etree.LIBXML_VERSION,
    )
    return hashlib.sha256(repr(versions).encode()).hexdigest()


class UnknownLayout(Exception):
    """feedgen or libxml2 laid the feed out in a way splicing does not know: build it whole."""


@dataclass(frozen=True, slots=True)
class Fragment:
    """An item as an earlier feed carried it: its bytes, and its date (which orders the feed)."""

    published: dt.datetime
    #: The item's bytes (a memoryview may share them with the feed they were cut from).
    xml: bytes | memoryview


@dataclass(frozen=True, slots=True)
class SplicedFeed:
    """A feed's bytes and where each of the given entries ended up in them."""

    data: bytes
    #: Per entry given (in the order given): its item's ``(start, end)`` in :attr:`data`.
    spans: tuple[tuple[int, int], ...]
    #: How many entries were rendered (the rest were kept fragments).
    rendered: int


def splice_feed(show: Show, entries: Sequence[ItemData | Fragment]) -> SplicedFeed:
    """The feed of ``show`` over ``entries``: items to render and fragments kept from an
    earlier feed (see the module's docstring), in the order the catalogue lists them.

    Raises :class:`UnknownLayout` when the feed is not laid out as splicing expects."""
    order = sorted(range(len(entries)), key=lambda i: entries[i].published, reverse=True)
    fresh = [i for i in order if isinstance(entries[i], ItemData)]
    newest = entries[order[0]].published if order else NO_ITEMS_DATE
    rendered = [entries[i] for i in fresh]
    header, fragments = _render(show, rendered, newest)  # type: ignore[arg-type]
    xml = dict(zip(fresh, fragments, strict=True))
    parts: list[bytes | memoryview] = [header]
    spans = [(0, 0)] * len(entries)
    at = len(header)
    for i in order:
        entry = entries[i]
        part = xml[i] if isinstance(entry, ItemData) else entry.xml
        parts.append(part)
        size = len(part) if isinstance(part, bytes) else part.nbytes
        spans[i] = (at, at + size)
        at += size
    parts.append(FOOTER)
    return SplicedFeed(b"".join(parts), tuple(spans), len(fresh))


def _render(
    show: Show, items: Sequence[ItemData], newest: dt.datetime
) -> tuple[bytes, list[bytes]]:
    """The channel (its lastBuildDate ``newest``) and each of ``items`` (newest first) as
    the serialized feed holds them: one feedgen feed of just those items, cut at its items."""
    fg = channel_feed(show)
    add_items(fg, items)
    fg.lastBuildDate(newest)
    data = _serialize(fg)
    if not items:
        return data[: -len(FOOTER)], []
    starts = _item_starts(data)
    header = data[: starts[0]]  # the channel cannot hold an item start: this is the first
    if len(starts) != len(items):  # one inside some item's CDATA: render them one by one
        return header, [_render_one(show, item) for item in items]
    ends = [*starts[1:], len(data) - len(FOOTER)]
    return header, [data[s:e] for s, e in zip(starts, ends, strict=True)]


def _render_one(show: Show, item: ItemData) -> bytes:
    """One item's fragment: the first item start in a feed of it alone is its own."""
    fg = channel_feed(show)
    add_items(fg, [item])
    fg.lastBuildDate(item.published)
    data = _serialize(fg)
    return data[data.index(_ITEM_START) + 1 : -len(FOOTER)]


def _serialize(fg: FeedGenerator) -> bytes:
    data: bytes = fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    if not data.endswith(FOOTER):
        raise UnknownLayout(f"the feed does not end in {FOOTER!r}")
    return data


def _item_starts(data: bytes) -> list[int]:
    """Offsets of every ``<item>`` start line in ``data`` (its indentation included)."""
    starts = []
    at = data.find(_ITEM_START)
    while at >= 0:
        starts.append(at + 1)
        at = data.find(_ITEM_START, at + 1)
    return starts
