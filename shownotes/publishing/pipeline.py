"""The whole publish step: episodes' files, tagged audio and the feed, doing only what changed.

For each episode: read the transcript, settle the chapters (a hand-edited sidecar wins),
render every output, write the ones whose content changed into ``output_dir/<episode>/``,
copy the audio there and tag its ID3 chapters; then regenerate the feed (or update the
external one). Episodes whose inputs are unchanged since the last run are skipped, and their
feed items come from the state file, so one new episode in a long catalogue costs about one
episode's work.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from shownotes.atomic import copy_atomic, write_atomic
from shownotes.audio.tagfile import read_chapters, write_chapters
from shownotes.errors import ShownotesError, internal_error
from shownotes.feed.build import build_feed
from shownotes.feed.items import ItemData
from shownotes.feed.update import update_feed
from shownotes.models import Chapter, Episode, Show
from shownotes.outputs.render import BUILTIN_TEMPLATES
from shownotes.publishing.plugins import load_plugins
from shownotes.publishing.prepare import item_data, output_folder, prepare
from shownotes.publishing.results import EpisodeResult, PublishReport
from shownotes.publishing.state import (
    State,
    audio_signature,
    inputs_digest,
    load_state,
    save_state,
    templates_digest,
)
from shownotes.textfile import read_bytes


def shared_digest(show: Show | None) -> str:
    """The part of every episode's input hash that is the same for all: the templates."""
    return templates_digest([BUILTIN_TEMPLATES, show.templates_dir if show else None])


def _same_chapters(a: Sequence[Chapter], b: Sequence[Chapter]) -> bool:
    """Same starts (to the millisecond), titles and table-of-contents flags."""
    key = [(round(c.start * 1000), c.title, c.toc) for c in a]
    return key == [(round(c.start * 1000), c.title, c.toc) for c in b]


def skipped_if_unchanged(episode: Episode, show: Show | None, shared: str) -> EpisodeResult | None:
    """The 'skipped' result when the episode's inputs match its last publish, else None."""
    folder = output_folder(show, episode)
    state = load_state(folder)
    if state.item is None or state.inputs != inputs_digest(episode, show, shared):
        return None
    item = state.item
    return EpisodeResult(episode, folder, skipped=True, chapters=len(item.chapters), item=item)


def publish_episode(
    episode: Episode,
    show: Show | None,
    *,
    shared: str | None = None,
    force: bool = False,
    tag_audio: bool = True,
) -> EpisodeResult:
    """Publish one episode's files into its output folder; skip it when nothing changed.

    Also writes the episode's chapters sidecar (EPISODE.chapters.yaml) when it is missing or
    untouched, so a person can correct the chapters; an edited one is used as it is.
    """
    shared = shared if shared is not None else shared_digest(show)
    unchanged = None if force else skipped_if_unchanged(episode, show, shared)
    if unchanged is not None:
        return unchanged
    folder = output_folder(show, episode)
    # the sidecar is written for people to edit; the hash is taken again after writing it
    prepared = prepare(episode, show, write_sidecar=True)
    inputs = inputs_digest(episode, show, shared)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in prepared.outputs.items():
        path = folder / name
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            write_atomic(path, data)
            written.append(path)
    chapters = prepared.chapters.chapters
    tagged, copied_from = "", ""
    if tag_audio and episode.audio.is_file() and episode.audio.suffix.lower() == ".mp3":
        audio = folder / episode.audio.name
        copied_from = audio_signature(episode.audio)
        # copy again exactly when the source audio changed since it was last copied
        copied = not audio.is_file() or load_state(folder).audio != copied_from
        if copied:
            copy_atomic(episode.audio, audio)
        if copied or not _same_chapters(read_chapters(audio), chapters):
            report = write_chapters(audio, chapters, duration=prepared.duration)
            tagged = f"{audio.name}: {report.chapters} chapters ({report.method})"
    item = item_data(prepared, show) if show else None
    save_state(folder, State(inputs, item, copied_from))
    return EpisodeResult(
        episode,
        folder,
        skipped=False,
        written=tuple(written),
        chapters=len(chapters),
        tagged=tagged,
        warnings=prepared.warnings,
        item=item,
    )


def write_feed(show: Show, items: Sequence[ItemData]) -> tuple[Path, bool, tuple[str, ...]]:
    """Regenerate output_dir/feed.xml, or update the show's external feed; (path, changed,
    episodes without an item in an external feed)."""
    if show.external_feed is not None:
        before = read_bytes(show.external_feed)
        result = update_feed(before, items, show.external_feed)
        target, after, unmatched = show.external_feed, result.data, result.unmatched
    else:
        target = show.output_dir / "feed.xml"
        after = build_feed(show, items).rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
        before = target.read_bytes() if target.is_file() else b""
        unmatched = ()
    if before == after:
        return target, False, unmatched
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, after)
    return target, True, unmatched


Runner = Callable[[Sequence[Episode]], list[EpisodeResult | ShownotesError]]


def _publish_one(
    episode: Episode, show: Show, shared: str, force: bool
) -> EpisodeResult | ShownotesError:
    try:
        return publish_episode(episode, show, shared=shared, force=force)
    except ShownotesError as error:
        return error
    except Exception as exc:  # a bug in one episode must not stop the others
        return internal_error(exc, f"publishing {episode.source}")


def parallel_runner(
    show: Show,
    *,
    force: bool = False,
    jobs: int | None = None,
    progress: Callable[[EpisodeResult | ShownotesError], None] | None = None,
) -> Runner:
    """A runner that publishes episodes on ``jobs`` processes (default: every core)."""
    shared = shared_digest(show)

    def run(episodes: Sequence[Episode]) -> list[EpisodeResult | ShownotesError]:
        outcomes: dict[int, EpisodeResult | ShownotesError] = {}
        todo = []
        for index, episode in enumerate(episodes):  # skipping is cheap: decide it here
            skipped = None if force else skipped_if_unchanged(episode, show, shared)
            if skipped is None:
                todo.append(index)
            else:
                outcomes[index] = skipped
                if progress:
                    progress(skipped)
        workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
        if workers == 1:
            for index in todo:
                outcomes[index] = _publish_one(episodes[index], show, shared, force)
                if progress:
                    progress(outcomes[index])
        else:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                futures = {
                    pool.submit(_publish_one, episodes[i], show, shared, force): i for i in todo
                }
                for future in as_completed(futures):
                    outcomes[futures[future]] = future.result()
                    if progress:
                        progress(outcomes[futures[future]])
        return [outcomes[i] for i in range(len(episodes))]

    return run


def publish(
    show: Show,
    episodes: Sequence[Episode],
    *,
    catalog: Sequence[Episode] = (),
    force: bool = False,
    feed: bool = True,
    runner: Runner | None = None,
) -> PublishReport:
    """Publish ``episodes`` of ``show``, then the feed over every published episode of
    ``catalog`` (the show's episodes; items of the ones not in this run come from their
    state files).

    ``runner`` maps episodes to results (e.g. over processes); errors are collected per
    episode, so one bad episode does not stop the others.
    """
    outcomes = (runner or parallel_runner(show, force=force, jobs=1))(episodes)
    results = tuple(o for o in outcomes if isinstance(o, EpisodeResult))
    errors = [o for o in outcomes if isinstance(o, ShownotesError)]
    plugins = load_plugins(show)
    for result in results:
        if not result.skipped:
            try:
                plugins.after_publish(result, show)
            except ShownotesError as error:
                errors.append(error)
    if not feed:
        return PublishReport(results, tuple(errors))
    fresh = {r.episode.source: r.item for r in results}
    items = []
    for episode in {e.source: e for e in [*catalog, *episodes]}.values():
        if episode.source in fresh:
            item = fresh[episode.source]
        else:
            item = load_state(output_folder(show, episode)).item
        if item is not None:
            items.append(item)
    target, changed, unmatched = write_feed(show, items)
    return PublishReport(results, tuple(errors), target, changed, unmatched)
