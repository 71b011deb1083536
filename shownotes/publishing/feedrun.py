"""The feed on its own (``shownotes feed``): items from the saved state, like ``publish``.

An episode whose inputs did not change since its last publish gives the feed item its state
file saved (found by the catalogue index's stats, else by hashing its inputs); only the
others are prepared (transcript read, chapters settled, outputs rendered in memory). When
the items and the show are those the feed was last written from, and the file is as written,
nothing is built at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from shownotes.feed.items import ItemData
from shownotes.models import Episode, Show
from shownotes.publishing.index import CatalogIndex, item_digest, load_index
from shownotes.publishing.pipeline import shared_digest, skipped_if_unchanged
from shownotes.publishing.prepare import item_data, output_folder, prepare
from shownotes.publishing.state import item_to_json, load_state


@dataclass(frozen=True, slots=True)
class FeedItems:
    """The feed's items, read only when needed, and the key the index knows the feed by."""

    planned: tuple[tuple[Path, ItemData | None], ...]
    key: str
    index: CatalogIndex
    #: How many episodes had to be prepared (their inputs changed or were never published).
    prepared: int

    def items(self) -> list[ItemData]:
        loaded = [item or load_state(folder).item for folder, item in self.planned]
        return [item for item in loaded if item is not None]


def feed_items(
    show: Show, episodes: Sequence[Episode], index: CatalogIndex | None, *, external: bool
) -> FeedItems:
    """The items of ``episodes`` (whose GUIDs are settled) for the feed of ``show``."""
    shared = shared_digest(show)
    index = index if index is not None else load_index(show, shared)
    planned: list[tuple[Path, ItemData | None]] = []
    digests: list[str] = []
    prepared = 0
    for episode in episodes:
        folder = output_folder(show, episode)
        skipped = skipped_if_unchanged(episode, show, shared, index)
        item: ItemData | None
        if skipped is None:
            item, prepared = item_data(prepare(episode, show), show), prepared + 1
            digest = item_digest(item_to_json(item))
        elif skipped.item is not None:
            item, digest = skipped.item, item_digest(item_to_json(skipped.item))
        else:  # the index vouches for the state file: its item is read only if needed
            item, digest = None, index.entries[folder.name]["item"]
        planned.append((folder, item))
        digests.append(digest)
    return FeedItems(tuple(planned), index.feed_key(external, digests), index, prepared)
