"""What a publish run did: one result per episode and a report for the run (plain data).

Kept apart from :mod:`~shownotes.publishing.pipeline` so plugins (``after_publish``) and the
API can name these types without importing the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shownotes.errors import ShownotesError
from shownotes.feed.items import ItemData
from shownotes.models import Episode
from shownotes.publishing.lazy import BuiltOnRead

#: Up to this many unchanged episodes are listed by name; more are counted on one line.
UNCHANGED_LISTED = 10


@dataclass(frozen=True, slots=True)
class EpisodeResult:
    """What publishing one episode did."""

    episode: Episode
    folder: Path
    skipped: bool
    written: tuple[Path, ...] = ()
    chapters: int = 0
    tagged: str = ""
    warnings: tuple[str, ...] = ()
    item: ItemData | None = None
    #: What the run did besides its outputs: a GUID recorded, a sidecar renamed, old files
    #: removed (one line each, for the person to read and, for recorded values, commit).
    notes: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.written or self.tagged or self.removed or self.notes)


class PublishResults(BuiltOnRead[EpisodeResult]):
    """A run's results, in the order of its episodes. The episodes the catalogue index
    vouched for whole (:class:`~shownotes.publishing.unchanged.Unchanged`) are kept as they
    were and made into their (skipped) results only when read: at 5,000 episodes, an
    Episode and a result each were most of a run that changed one."""

    __slots__ = ("_output_dir",)

    def __init__(self, outcomes: Iterable[Any] = (), output_dir: Path = Path("public")) -> None:
        #: EpisodeResults, and Unchanged entries (anything else has ``result(output_dir)``).
        super().__init__(outcomes)
        self._output_dir = output_dir

    def made(self) -> Iterator[EpisodeResult]:
        """The results the run made: not the unchanged episodes kept unread."""
        return (o for o in self._kept if isinstance(o, EpisodeResult))

    def skipped_names(self) -> list[str]:
        """The folder names of the skipped episodes, in order (nothing built)."""
        return [
            o.folder.name if isinstance(o, EpisodeResult) else o.name
            for o in self._kept
            if not isinstance(o, EpisodeResult) or o.skipped
        ]

    def _built(self, outcome: Any) -> EpisodeResult:
        if isinstance(outcome, EpisodeResult):
            return outcome
        result: EpisodeResult = outcome.result(self._output_dir)
        return result


def _results(episodes: Sequence[EpisodeResult]) -> PublishResults:
    return episodes if isinstance(episodes, PublishResults) else PublishResults(episodes)


@dataclass(frozen=True, slots=True)
class PublishReport:
    """A whole run: each episode's result, the failures, and what happened to the feed."""

    #: A :class:`PublishResults` from a publish run (a sequence of EpisodeResults).
    episodes: Sequence[EpisodeResult]
    errors: tuple[ShownotesError, ...] = ()
    feed: Path | None = None
    feed_changed: bool = False
    unmatched: tuple[str, ...] = field(default=())
    #: Episode folders that failed this run but stay in the feed with their last published item.
    kept: tuple[str, ...] = ()
    #: Titles of episodes marked ``unpublished: true`` (left out of the feed).
    unpublished: tuple[str, ...] = ()
    #: Show-level notes (e.g. the podcast:guid recorded in the config).
    notes: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        made = _results(self.episodes).made()  # (an unchanged episode changed nothing)
        return self.feed_changed or bool(self.notes) or any(r.changed for r in made)

    def lines(self) -> tuple[list[str], list[str]]:
        """What the run did, for a person: (lines for standard output, warnings for standard
        error), one episode or event a line. Errors are the caller's to report."""
        out: list[str] = []
        err: list[str] = []
        results = _results(self.episodes)
        skipped = results.skipped_names()
        if len(skipped) > UNCHANGED_LISTED:  # a big show: one line, not thousands
            out.append(f"{len(skipped):,} episodes unchanged")
        else:
            out += [f"{name}: unchanged" for name in skipped]
        for result in results.made():
            name = result.folder.name
            if result.skipped:
                continue
            parts = [f"{result.chapters} chapters"]
            if result.written:
                parts.append("wrote " + ", ".join(p.name for p in result.written))
            if result.tagged:
                parts.append(f"tagged {result.tagged}")
            if not result.changed:
                parts.append("nothing to write")
            out.append(f"{name}: " + "; ".join(parts))
            out += [
                f"{name}: removed {removed} (no longer published)" for removed in result.removed
            ]
            out += [f"{name}: {note}" for note in result.notes]
            err += [f"shownotes: warning: {name}: {message}" for message in result.warnings]
        out += list(self.notes)
        out += [
            f"unpublished: {title!r} is marked 'unpublished: true' and left out of the feed"
            for title in self.unpublished
        ]
        err += [
            f"shownotes: {name} failed; its last published feed item stays" for name in self.kept
        ]
        if self.feed is not None:
            out.append(f"feed: {'wrote' if self.feed_changed else 'unchanged'} {self.feed}")
        err += [
            f"shownotes: no item in {self.feed} for episode {title!r} (set guid: in its "
            "episode.yaml to the item's <guid>)"
            for title in self.unmatched
        ]
        if not self.changed and not self.errors:
            out.append("nothing changed")
        return out, err
