"""What ``check`` may take from an episode's last publish instead of preparing it again.

When an episode's inputs are the ones its last publish saw, that publish's chapters are the
ones detection and the sidecar would give now, and its outputs are what rendering would
give: ``check`` then validates the published files against the saved chapters and skips
detection and rendering. "The same inputs" is decided as ``publish`` decides it before
skipping an episode: the catalogue index's stats first (:mod:`.index`), else the inputs
digest (:mod:`.state`: content hashes of the episode's files, the config, the templates and
shownotes' version). Anything that cannot be vouched for this way (no state, a changed
file, plugins named in the config, no GUID yet) takes the full check.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from shownotes.chapters.files import find_sidecar
from shownotes.errors import ShownotesError
from shownotes.publishing.folders import output_folder
from shownotes.publishing.index import templates_key
from shownotes.publishing.state import (
    STATE_FILE,
    audio_digest,
    inputs_digest,
    load_state,
)

if TYPE_CHECKING:
    from shownotes.chapters.explain import Explanation
    from shownotes.models import Chapter, Episode, Show
    from shownotes.publishing.index import CatalogIndex


class Saved(NamedTuple):
    """An unchanged episode's chapters as last published, and where they came from.

    (A private record as a NamedTuple: Python builds one in a fifth of a frozen dataclass's
    time, which ``check`` pays at every start.)"""

    chapters: tuple[Chapter, ...]
    #: Where chapter problems are reported: the edited sidecar, else the transcript.
    where: Path
    #: Why each automatic chapter is there (from the sidecar's ``automatic:`` blocks).
    explanations: dict[float, Explanation]


def saved_chapters(
    episode: Episode, show: Show | None, index: CatalogIndex | None = None
) -> Saved | None:
    """The episode's last published chapters when nothing it depends on changed since;
    None when the episode has to be prepared again to be checked."""
    if show is None or show.plugins or episode.folder is None or not episode.guid:
        return None
    if not episode.audio.is_file():
        return None
    folder = output_folder(show, episode)
    last = load_state(folder)
    if last.item is None:
        return None
    try:
        sidecar = find_sidecar(episode)
        unchanged = index is not None and index.unchanged(episode, folder / STATE_FILE)
        if not unchanged:
            audio = audio_digest(episode.audio, last)
            shared = templates_key(show)
            if last.inputs != inputs_digest(episode, show, shared, audio, last.images):
                return None
        return _saved(episode, last.item.chapters, sidecar)
    except (OSError, ShownotesError):
        return None  # the full check says what is wrong


def _saved(episode: Episode, chapters: tuple[Chapter, ...], sidecar: Path) -> Saved | None:
    from shownotes.chapters.explain import read_explanations
    from shownotes.chapters.files import sidecar_state

    state = sidecar_state(sidecar)
    if state == "missing":
        return None  # publish writes one: someone removed it since (inputs would differ)
    where = sidecar if state == "edited" else episode.transcript
    return Saved(chapters, where, read_explanations(sidecar))
