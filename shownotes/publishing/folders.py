"""Where an episode's published files go (apart from :mod:`.prepare`, so that ``check``
finds them without loading templates and detection)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shownotes.models import Episode, Show


def output_folder(show: Show | None, episode: Episode, given: Path | None = None) -> Path:
    """Where an episode's files go: ``given``, else ``output_dir/<episode folder>``."""
    name = episode.source.parent.name if episode.source else "episode"
    return given or (show.output_dir if show else Path("public")) / name
