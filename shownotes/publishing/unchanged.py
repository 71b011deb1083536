"""Episodes the catalogue index vouches for whole, kept as their index entries until asked for.

A publish of a long catalogue in which one episode changed needs, of each unchanged episode,
only its folder name, its entry in the catalogue index (:mod:`.index`: its feed item's digest,
its chapter count) and the stats that vouch for that entry. Building an
:class:`~shownotes.models.Episode` (sixteen fields, four paths), then a result and a few paths
more for each of 4,999 such episodes was most of such a run. So the catalogue keeps an
episode whose folder, episode.yaml, every input and state file have the stats its entry
recorded as :class:`Unchanged`, and :class:`CatalogEpisodes` builds its Episode only when
someone reads it (a command walking the catalogue, the API's caller reading a report): the
Episode the index would have rebuilt, built once and then the same object every time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shownotes.publishing.index import episode_from_json
from shownotes.publishing.lazy import BuiltOnRead

if TYPE_CHECKING:
    from shownotes.models import Episode
    from shownotes.publishing.results import EpisodeResult


class Unchanged:
    """An episode the index vouched for whole when the catalogue loaded: its folder ``name``
    under the (resolved) episodes folder ``root`` and its index ``entry``, as loaded."""

    __slots__ = ("_episode", "_result", "date", "entry", "name", "root")

    def __init__(self, name: str, entry: dict[str, Any], root: Path) -> None:
        self.name = name
        self.entry = entry
        self.root = root
        #: The episode's date (what orders the catalogue), as its Episode would have it.
        self.date = dt.datetime.fromisoformat(entry["episode"]["date"])
        self._episode: Episode | None = None
        self._result: EpisodeResult | None = None

    @property
    def source(self) -> str:
        """Its episode.yaml, as the string of the Path its Episode has."""
        return f"{self.root}/{self.name}/episode.yaml"

    def episode(self) -> Episode:
        """The episode as the index recorded it (built on the first call)."""
        if self._episode is None:
            folder = self.root / self.name
            self._episode = episode_from_json(
                self.entry["episode"], folder / "episode.yaml", folder
            )
        return self._episode

    def result(self, output_dir: Path) -> EpisodeResult:
        """What publishing it did: skipped, as a run that checked its stats one by one says."""
        if self._result is None:
            from shownotes.publishing.results import EpisodeResult

            chapters = self.entry["chapters"]
            folder = output_dir / self.name
            self._result = EpisodeResult(self.episode(), folder, skipped=True, chapters=chapters)
        return self._result

    def __repr__(self) -> str:
        return f"Unchanged({self.name!r})"


def built(item: Episode | Unchanged) -> Episode:
    """The Episode of a catalogue item."""
    return item.episode() if isinstance(item, Unchanged) else item


class CatalogEpisodes(BuiltOnRead["Episode"]):
    """A show's episodes, newest first, as :attr:`.catalog.Catalog.episodes` holds them: a
    sequence of Episodes, of which the ones kept as :class:`Unchanged` are built when read.

    :meth:`items` gives them as kept, for the publish run that needs no more."""

    __slots__ = ()

    def items(self) -> tuple[Episode | Unchanged, ...]:
        """The episodes as kept: Episodes, and Unchanged entries not built yet."""
        return self._kept

    def _built(self, item: Episode | Unchanged) -> Episode:
        return built(item)


def catalog_items(episodes: Sequence[Episode]) -> Sequence[Episode | Unchanged]:
    """``episodes`` as kept, when they are a catalogue's (see :class:`CatalogEpisodes`)."""
    return episodes.items() if isinstance(episodes, CatalogEpisodes) else episodes
