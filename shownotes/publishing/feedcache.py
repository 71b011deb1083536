"""The show's own feed, rewritten by rendering only the items that changed since the last one.

The feed last written is its own cache: the catalogue index (:mod:`.index`) records, beside
its SHA-256, where each item is in it, with the item's digest (of everything the feed says
about the episode, :func:`.index.item_digest`) and date, under the key of the code that
rendered it (:func:`shownotes.feed.splice.renderer_key`). The next run that must write the
feed reads it, checks it is byte for byte the feed recorded, keeps the bytes of every item
whose digest is there and renders only the others through feedgen
(:func:`shownotes.feed.splice.splice_feed`): the bytes a whole rebuild gives, for the price
of the changed items. A feed that is missing, edited, or written by other code, or an index
without the record, means every item is rendered, as a first publish does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shownotes.atomic import write_atomic
from shownotes.feed.build import build_feed
from shownotes.feed.items import ItemData
from shownotes.feed.splice import Fragment, UnknownLayout, renderer_key, splice_feed
from shownotes.models import Show
from shownotes.publishing.index import CatalogIndex
from shownotes.publishing.state import load_state

#: Where the episode's item is when the index does not have it: its folder's state file
#: (a string for an episode the catalogue kept as its index entry: no Path made for it).
Planned = tuple[Path | str, ItemData | None]


def kept_fragments(
    index: CatalogIndex, target: Path, data: bytes
) -> dict[str, tuple[Fragment, str]]:
    """The items of the feed ``data`` (read from ``target``) by digest, each with its date as
    recorded, when it is the feed the index recorded with its items, rendered by this code;
    else none."""
    record = index.feed
    items = record.get("items")
    if not isinstance(items, dict) or items.get("renderer") != renderer_key():
        return {}
    if not data or not index.feed_as_recorded(target, data):
        return {}  # edited, replaced or gone since: nothing in it is vouched for
    view = memoryview(data)  # fragments share the feed's bytes
    kept = {}
    try:
        for digest, published, start, end in items["spans"]:
            if not 0 < start <= end <= len(data):
                return {}
            fragment = Fragment(dt.datetime.fromisoformat(published), view[start:end])
            kept[digest] = (fragment, published)
    except (KeyError, TypeError, ValueError):
        return {}
    return kept


def write_own_feed(
    show: Show, planned: Sequence[Planned], digests: Sequence[str], index: CatalogIndex, key: str
) -> tuple[Path, bool]:
    """Write ``output_dir/feed.xml`` over the ``planned`` items (with their ``digests``),
    keeping the last feed's bytes for the unchanged ones, and record it under ``key``;
    (its path, whether it changed)."""
    target = show.output_dir / "feed.xml"
    before = target.read_bytes() if target.is_file() else b""
    kept = kept_fragments(index, target, before)
    entries: list[ItemData | Fragment] = []
    listed: list[tuple[str, str]] = []  # (digest, date) of each entry
    for (folder, item), digest in zip(planned, digests, strict=True):
        if digest in kept:
            fragment, published = kept[digest]
            entries.append(fragment)
            listed.append((digest, published))
            continue
        item = item or load_state(Path(folder)).item
        if item is not None:
            entries.append(item)
            listed.append((digest, item.published.isoformat()))
    record: dict[str, Any] | None = None
    try:
        spliced = splice_feed(show, entries)
    except UnknownLayout:  # built whole, and nothing kept for next time
        after = _whole(show, planned)
    else:
        after = spliced.data
        spans = [
            [digest, published, start, end]
            for (digest, published), (start, end) in zip(listed, spliced.spans, strict=True)
        ]
        record = {"renderer": renderer_key(), "spans": spans}
    changed = before != after
    if changed:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, after)
    index.record_feed(target, key, after, items=record)
    return target, changed


def _whole(show: Show, planned: Sequence[Planned]) -> bytes:
    """The feed built whole through feedgen, every item from this run or its state file."""
    loaded = [item or load_state(Path(folder)).item for folder, item in planned]
    fg = build_feed(show, [item for item in loaded if item is not None])
    data: bytes = fg.rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
    return data
