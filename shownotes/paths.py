"""Keep every path from a user's file inside the show: nothing is read or written elsewhere.

The show folder is the folder of the show config; an episode without a show is its own show.
A path is resolved (following symlinks) before it is compared, so a symlink may point
anywhere inside the show folder but not out of it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from shownotes.errors import InputError

if TYPE_CHECKING:
    from shownotes.models import Episode, Show

#: The show config's names, looked for in that order.
CONFIG_NAMES = ("config.yaml", "shownotes.yaml")


def config_above(target: Path) -> Path | None:
    """The show config an episode folder (or a file in it) belongs to: the first of
    :data:`CONFIG_NAMES` in its folder or up to three folders above it; None if there is none."""
    folder = target if target.is_dir() else target.parent
    for parent in [folder, *folder.resolve().parents][:4]:
        found = next((parent / n for n in CONFIG_NAMES if (parent / n).is_file()), None)
        if found:
            return found
    return None


def show_folder(show: Show | None, episode: Episode | None = None) -> Path | None:
    """The folder nothing may leave: the show config's, else the episode's own."""
    if show is not None and show.source is not None:
        return show.source.parent.resolve()
    if episode is not None and episode.source is not None:
        return episode.source.parent.resolve()
    return None


def inside(path: Path, root: Path, what: str, source: Path | str | None = None) -> Path:
    """``path`` resolved, when it is ``root`` or below it; an InputError otherwise."""
    resolved = path.resolve()
    if resolved == root or resolved.is_relative_to(root):
        return resolved
    link = " (through a symbolic link)" if resolved != Path(path).absolute() else ""
    raise InputError(
        f"{what} {path} is outside the show folder {root}{link}",
        "keep the show's files inside its folder; copy the file there",
        path=source,
    )


def check_episode_paths(episode: Episode, show: Show | None) -> None:
    """Refuse an episode whose audio or transcript lies outside the show folder."""
    root = show_folder(show, episode)
    if root is None:
        return
    for what, path in (("audio", episode.audio), ("transcript", episode.transcript)):
        inside(path, root, what, episode.source)
