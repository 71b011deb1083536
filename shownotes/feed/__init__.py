"""Stage 4, feed: feed items in, RSS out.

Enters: the show and one :class:`~shownotes.feed.items.ItemData` per episode (plain data the
publishing stage makes from each episode's outputs and keeps in its state file), or an
existing feed to patch.
Leaves: a whole feed (feedgen, iTunes tags, the Podcasting 2.0 namespace, Podlove Simple
Chapters; :mod:`.build`), the same bytes spliced from kept item fragments and freshly
rendered items (:mod:`.splice`), or a foreign feed patched in place without losing anything
(:mod:`.update`); XML is parsed with entities and network access off (:mod:`.xmlsafe`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from shownotes._lazy import lazy_exports

__all__ = ["ItemData", "build_feed", "update_feed"]

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "ItemData": "shownotes.feed.items",
        "build_feed": "shownotes.feed.build",
        "update_feed": "shownotes.feed.update",
    },
)

if TYPE_CHECKING:
    from shownotes.feed.build import build_feed as build_feed
    from shownotes.feed.items import ItemData as ItemData
    from shownotes.feed.update import update_feed as update_feed
