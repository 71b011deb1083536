"""A show's episodes: every episode folder under the show's ``episodes_dir``."""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from shownotes.bulk import collector_paused
from shownotes.config import AUDIO_SUFFIXES, load_episode, load_show
from shownotes.errors import (
    FileAccessError,
    ShownotesError,
    UnlistedEpisodeWarning,
    UsageError,
)
from shownotes.models import Episode, Show
from shownotes.paths import CONFIG_NAMES as CONFIG_NAMES

if TYPE_CHECKING:
    from shownotes.publishing.index import CatalogIndex


def find_config(given: Path | None = None, cwd: Path | None = None) -> Path:
    """The show config to use: ``given``, ``$SHOWNOTES_CONFIG``, or config.yaml here."""
    if given is not None:
        return given
    if os.environ.get("SHOWNOTES_CONFIG"):
        return Path(os.environ["SHOWNOTES_CONFIG"])
    here = cwd or Path.cwd()
    for name in CONFIG_NAMES:
        if (here / name).is_file():
            return here / name
    raise UsageError(
        f"no show config ({' or '.join(CONFIG_NAMES)}) in {here}",
        "pass --config FILE or set SHOWNOTES_CONFIG",
    )


class Catalog(NamedTuple):
    """The episodes that loaded, newest first, and the errors of those that did not.

    (A record as a NamedTuple: Python builds one in a fifth of a frozen dataclass's
    time, which ``check`` pays at every start.)"""

    show: Show
    #: A :class:`~.unchanged.CatalogEpisodes` from :func:`load_catalog`: the episodes the
    #: index vouches for whole are built only when read.
    episodes: Sequence[Episode]
    errors: tuple[ShownotesError, ...]
    #: The episode.yaml files that did not load (their episodes keep their feed items).
    failed: tuple[Path, ...] = ()
    #: The show's catalogue index, for the publish run that follows (see :mod:`.index`).
    index: CatalogIndex | None = None


def load_catalog(config: Path | None = None) -> Catalog:
    """Load the show config and every ``*/episode.yaml`` under its episodes folder.

    An episode.yaml whose file and folder are as the show's catalogue index recorded them is
    not parsed again: the index has the episode as it loaded. An episode whose every file is
    as the index recorded it is kept as its entry (:mod:`.unchanged`) until it is read."""
    from shownotes.publishing.index import load_index, templates_key

    show = load_show(find_config(config))
    folder = show.episodes_dir
    if not folder.is_dir():
        raise FileAccessError(
            "episodes folder does not exist", "create it or fix episodes_dir", path=folder
        )
    with collector_paused():  # a dict per episode in the index, an Episode per folder
        return _load_episodes(show, folder, load_index(show, templates_key(show)))


def _load_episodes(show: Show, folder: Path, index: CatalogIndex) -> Catalog:
    from shownotes.publishing.state import STATE_FILE
    from shownotes.publishing.unchanged import CatalogEpisodes, Unchanged

    root = folder.resolve()
    base, output = str(root), str(show.output_dir)
    episodes: list[Episode | Unchanged] = []
    errors, failed = [], []
    # the folders holding an episode.yaml, by name (what glob("*/episode.yaml") finds, without
    # building and comparing a Path per folder: at 5,000 episodes that was most of the run)
    with os.scandir(folder) as entries:
        names = sorted(entry.name for entry in entries if entry.is_dir())
    for name in names:
        entry = index.vouched_entry(base, name, f"{output}/{name}/{STATE_FILE}")
        if entry is not None:  # kept as its entry: no Episode, no Path
            episodes.append(Unchanged(name, entry, root))
            continue
        cached = index.cached_episode(root, name)
        if cached is not None:
            episodes.append(cached)
            continue
        path = folder / name / "episode.yaml"
        if not path.exists():
            _warn_if_episode_like(folder / name)
            continue
        try:
            episodes.append(load_episode(path))
        except ShownotesError as error:
            errors.append(error)
            failed.append(path)
    episodes.sort(key=lambda e: e.date, reverse=True)
    return Catalog(show, CatalogEpisodes(episodes), tuple(errors), tuple(failed), index)


def _warn_if_episode_like(folder: Path) -> None:
    """Warn when ``folder`` looks like an episode (a transcript or audio file) but has no
    episode.yaml: a podcaster who drops files into a new folder would otherwise see nothing
    happen. Hidden folders are never episodes and stay quiet."""
    if folder.name.startswith("."):
        return
    try:
        with os.scandir(folder) as entries:
            files = [e.name for e in entries if e.is_file()]
    except OSError:
        return
    looks = [
        f
        for f in sorted(files)
        if f.startswith("transcript.") or os.path.splitext(f)[1].lower() in AUDIO_SUFFIXES
    ]
    if looks:
        warnings.warn(
            f"{folder}: holds {', '.join(looks[:3])} but no episode.yaml, so it is not an "
            "episode and is not published; to publish it, add an episode.yaml with at "
            "least 'title:' and 'date:' (one audio file and one transcript.* beside it "
            "are found without naming them)",
            UnlistedEpisodeWarning,
            stacklevel=3,
        )
