"""The whole publish step: episodes' files, tagged audio and the feed, doing only what changed.

For each episode: read the transcript, settle the chapters (a hand-edited sidecar wins),
render every output, write the ones whose content changed into ``output_dir/<episode>/``,
copy the audio there and tag its ID3 chapters; then write the feed (or update the external
one). Episodes whose inputs are unchanged since the last run are skipped, their feed items
come from the state file, and the feed keeps the last one's bytes for every unchanged item
(:mod:`.feedcache`), so one new episode in a long catalogue costs about one episode's work.

What listeners have is never lost by accident: an episode's GUID is recorded at its first
publish (:mod:`.identity`); an episode that fails this run (a typo in its episode.yaml, a
missing transcript or audio) keeps its last published feed item; only removing its folder or
marking it ``unpublished: true`` takes it out of the feed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from shownotes.atomic import copy_atomic, remove_stale_temps, write_atomic
from shownotes.audio.tagfile import read_chapters, write_chapters
from shownotes.bulk import collector_paused
from shownotes.chapters.resolve import find_sidecar
from shownotes.config import key_line
from shownotes.errors import InputError, ShownotesError, internal_error
from shownotes.feed.build import build_feed
from shownotes.feed.items import ItemData
from shownotes.feed.update import update_feed
from shownotes.models import Chapter, Episode, Show
from shownotes.publishing.catalog import Catalog
from shownotes.publishing.checked import record_checks
from shownotes.publishing.feedcache import write_own_feed
from shownotes.publishing.identity import settle_episode_guid, settle_show_guid
from shownotes.publishing.index import (
    CatalogIndex,
    file_stat,
    input_stats,
    item_digest,
    load_index,
    shared_key,
    templates_key,
)
from shownotes.publishing.plugins import Plugins, load_plugins
from shownotes.publishing.prepare import item_data, output_folder, prepare
from shownotes.publishing.results import EpisodeResult, PublishReport, PublishResults
from shownotes.publishing.state import (
    STATE_FILE,
    State,
    audio_digest,
    audio_signature,
    content_digest,
    inputs_digest,
    item_to_json,
    load_state,
    save_state,
)
from shownotes.publishing.unchanged import Unchanged, catalog_items
from shownotes.textfile import read_bytes


def shared_digest(show: Show | None) -> str:
    """The part of every episode's input hash that is the same for all: the templates."""
    return templates_key(show)


def _same_chapters(a: Sequence[Chapter], b: Sequence[Chapter]) -> bool:
    """Same starts (to the millisecond), titles and table-of-contents flags."""
    key = [(round(c.start * 1000), c.title, c.toc) for c in a]
    return key == [(round(c.start * 1000), c.title, c.toc) for c in b]


def tag_digest(chapters: Sequence[Chapter], images: dict[str, Path]) -> str:
    """Hash of everything the ID3 tag carries of ``chapters``; the local ``images`` (published
    name → source file) by content."""
    parts = []
    for c in chapters:
        image = c.image or ""
        if image in images:
            image = content_digest(images[image])
        parts.append([round(c.start * 1000), c.title, c.toc, c.url or "", image])
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()


def require_audio(episode: Episode) -> None:
    """A published episode needs its audio: never an enclosure of length 0."""
    if not episode.audio.is_file():
        raise InputError(
            f"audio file {episode.audio.name!r} not found",
            "fix 'audio:' in episode.yaml or put the file in the episode's folder",
            path=episode.source or episode.audio,
            line=key_line(episode.source, "audio") if episode.source else None,
        )


def skipped_if_unchanged(
    episode: Episode, show: Show | None, shared: str, index: CatalogIndex | None = None
) -> EpisodeResult | None:
    """The 'skipped' result when the episode's inputs match its last publish, else None.

    With the show's ``index``, an episode whose files all have the stats it recorded is
    skipped without reading its state (its result then has no ``item``: the state file has
    it); otherwise the inputs are hashed and compared with the state file, and an episode
    the index did not know yet is added to it."""
    if index is not None and show is not None and episode.source is not None:
        # (on strings: a Path is made only for the result, at 5,000 episodes it counts)
        name = os.path.basename(os.path.dirname(str(episode.source)))
        entry = index.unchanged(episode, f"{show.output_dir}/{name}/{STATE_FILE}")
        if entry is not None:
            folder = show.output_dir / name
            return EpisodeResult(episode, folder, skipped=True, chapters=entry["chapters"])
    folder = output_folder(show, episode)
    last = load_state(folder)
    if last.item is None or not episode.audio.is_file() or (show and not episode.guid):
        return None
    stats = None
    if index is not None and show is not None and episode.folder is not None:
        stats = input_stats(episode, find_sidecar(episode), last.images)  # before hashing
    audio = audio_digest(episode.audio, last)
    if last.inputs != inputs_digest(episode, show, shared, audio, last.images):
        return None
    item = last.item
    if stats is not None and index is not None:
        known = index.entries.get(folder.name)
        if known is None or known.get("inputs") != last.inputs:  # stale stats alone: no write
            item_json = item_to_json(item)
            index.record(
                episode, folder / STATE_FILE, stats, last.inputs, item_json, len(item.chapters)
            )
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

    Also writes the episode's chapters sidecar (``episode.chapters.yaml``) when it is missing
    or untouched, so a person can correct the chapters; an edited one is used as it is. The
    first publish records the episode's GUID in its episode.yaml. Files an earlier publish
    wrote that this one no longer makes (the MP3 under an old name) are removed.
    """
    shared = shared if shared is not None else shared_digest(show)
    unchanged = None if force else skipped_if_unchanged(episode, show, shared)
    if unchanged is not None:
        return unchanged
    require_audio(episode)
    folder = output_folder(show, episode)
    for written_into in (folder, episode.folder):  # what a killed run left is never deployed
        if written_into is not None:
            remove_stale_temps(written_into)
    last = load_state(folder)
    notes: list[str] = []
    if show is not None:
        episode, note = settle_episode_guid(episode, show, last.item)
        notes += [note] if note else []
    # the sidecar is written for people to edit; the hash is taken again after writing it
    prepared = prepare(episode, show, write_sidecar=True)
    notes += prepared.notes
    audio_hash = audio_digest(episode.audio, last)
    base = episode.folder or episode.audio.parent
    images = tuple(os.path.relpath(p, base) for p in prepared.images.values())
    stats = input_stats(episode, find_sidecar(episode), images) if episode.folder else None
    inputs = inputs_digest(episode, show, shared, audio_hash, images)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in prepared.outputs.items():
        path = folder / name
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            write_atomic(path, data)
            written.append(path)
    for name, source in prepared.images.items():  # chapter images, beside chapters.json
        path = folder / name
        if not path.is_file() or path.read_bytes() != source.read_bytes():
            copy_atomic(source, path)
            written.append(path)
    files = [*prepared.outputs, *prepared.images]
    chapters = prepared.chapters.chapters
    tagged, tag = "", ""
    if tag_audio and episode.audio.suffix.lower() == ".mp3":
        audio = folder / episode.audio.name
        files.append(audio.name)
        # copy again exactly when the source audio's content changed since the last copy
        copied = not audio.is_file() or last.audio != audio_hash
        if copied:
            copy_atomic(episode.audio, audio)
        tag = tag_digest(chapters, prepared.images)
        if copied or last.tag != tag or not _same_chapters(read_chapters(audio), chapters):
            report = write_chapters(
                audio, chapters, duration=prepared.duration, version=_id3_version(episode.audio)
            )
            tagged = f"{audio.name}: {report.chapters} chapters ({report.method})"
    removed = _remove_orphans(folder, last.files, files)
    item = item_data(prepared, show) if show else None
    signature = audio_signature(episode.audio)
    state = State(inputs, item, audio_hash, signature, tuple(files), images, tag, stats)
    save_state(folder, state)
    return EpisodeResult(
        episode,
        folder,
        skipped=False,
        written=tuple(written),
        chapters=len(chapters),
        tagged=tagged,
        warnings=prepared.warnings,
        item=item,
        notes=tuple(notes),
        removed=removed,
    )


def _id3_version(master: Path) -> int:
    """The ID3v2 version to tag the published copy with: the master's own (3 if it has none
    or it is older), so a v2.4 master is not converted behind the podcaster's back."""
    try:
        with open(master, "rb") as handle:
            header = handle.read(4)
    except OSError:
        return 3
    return 4 if header[:3] == b"ID3" and header[3:4] == b"\x04" else 3


def _remove_orphans(folder: Path, before: Sequence[str], now: Sequence[str]) -> tuple[str, ...]:
    """Delete the files the last publish wrote here that this one no longer makes."""
    removed = []
    keep = {*now, STATE_FILE}
    for name in before:
        path = folder / name
        if name not in keep and "/" not in name and path.is_file() and not path.is_symlink():
            path.unlink()
            removed.append(name)
    return tuple(removed)


def write_feed(show: Show, items: Sequence[ItemData]) -> tuple[Path, bool, tuple[str, ...], str]:
    """Regenerate output_dir/feed.xml, or update the show's external feed; (path, changed,
    episodes without an item in an external feed, a note such as an encoding change)."""
    note = ""
    if show.external_feed is not None:
        before = read_bytes(show.external_feed)
        result = update_feed(before, items, show.external_feed)
        target, after, unmatched = show.external_feed, result.data, result.unmatched
        note = f"{target}: {result.note}" if result.note else ""
    else:
        target = show.output_dir / "feed.xml"
        after = build_feed(show, items).rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
        before = target.read_bytes() if target.is_file() else b""
        unmatched = ()
    if before == after:
        return target, False, unmatched, note
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, after)
    return target, True, unmatched, note


#: Maps episodes to their outcomes, in order. An episode the catalogue kept as its index
#: entry (:class:`~.unchanged.Unchanged`) is its own outcome: skipped, nothing to do.
Runner = Callable[[Sequence[Episode | Unchanged]], list[EpisodeResult | ShownotesError | Unchanged]]
Progress = Callable[[EpisodeResult | ShownotesError | Unchanged], None]


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
    progress: Progress | None = None,
    index: CatalogIndex | None = None,
) -> Runner:
    """A runner that publishes episodes on ``jobs`` processes (default: every core);
    with the show's catalogue ``index``, unchanged episodes are recognized by their stats.
    ``progress`` is told of each outcome (an Unchanged one too)."""
    shared = shared_digest(show)
    known = index  # (``index`` below is a position)

    def run(
        items: Sequence[Episode | Unchanged],
    ) -> list[EpisodeResult | ShownotesError | Unchanged]:
        outcomes: dict[int, EpisodeResult | ShownotesError | Unchanged] = {}
        episodes: dict[int, Episode] = {}
        todo = []
        with collector_paused():  # a result per episode, no cycles
            for index, item in enumerate(items):  # skipping is cheap: decide it here
                if isinstance(item, Unchanged) and _stands(item, known, force):
                    outcomes[index] = item  # vouched for whole as the catalogue loaded
                    if progress:
                        progress(item)
                    continue
                episode = episodes[index] = item.episode() if isinstance(item, Unchanged) else item
                skipped = None if force else skipped_if_unchanged(episode, show, shared, known)
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
        return [outcomes[i] for i in range(len(items))]

    return run


def _stands(item: Unchanged, index: CatalogIndex | None, force: bool = False) -> bool:
    """Whether an episode kept as its index entry is still vouched for by ``index`` (not
    forced, and the entry neither replaced nor forgotten since the catalogue loaded)."""
    return not force and index is not None and index.entries.get(item.name) is item.entry


def _source_key(item: Episode | Unchanged) -> str | None:
    """What tells a catalogue's episodes apart: their episode.yaml, as a string."""
    if isinstance(item, Unchanged):
        return item.source
    return os.fspath(item.source) if item.source is not None else None


def publish(
    show: Show,
    episodes: Sequence[Episode],
    *,
    catalog: Sequence[Episode] = (),
    failed: Sequence[Path] = (),
    force: bool = False,
    feed: bool = True,
    runner: Runner | None = None,
    index: CatalogIndex | None = None,
) -> PublishReport:
    """Publish ``episodes`` of ``show``, then the feed over every published episode of
    ``catalog`` (the show's episodes; items of the ones not in this run come from their
    state files).

    ``failed`` are the episode.yaml files of the show that did not load: their episodes keep
    their last published feed item, like episodes whose publish fails here. Episodes marked
    ``unpublished`` are not published and leave the feed. ``runner`` maps episodes to results
    (e.g. over processes); errors are collected per episode, so one bad episode does not stop
    the others. ``index`` is the show's catalogue index (loaded here when not given; pass the
    runner's): the feed is rebuilt only when one of its items or the show changed.
    """
    shared = shared_digest(show)
    index = index if index is not None else load_index(show, shared)
    remove_stale_temps(show.output_dir)  # what a killed run left is never deployed (the feed's)
    notes: tuple[str, ...] = ()
    if feed and show.external_feed is None:  # before the episodes: the config is their input
        show, note = settle_show_guid(show, show.output_dir / "feed.xml")
        notes = (note,) if note else ()
        if note:  # the config changed: nothing recorded under the old one stands
            index.reset(shared_key(show, shared))
    # a catalogue's episodes as it keeps them: the unchanged ones as their index entries
    items, listed = catalog_items(episodes), catalog_items(catalog)
    active = [e for e in items if isinstance(e, Unchanged) or not e.unpublished]
    outcomes = (runner or parallel_runner(show, force=force, jobs=1, index=index))(active)
    made = [o for o in outcomes if isinstance(o, EpisodeResult)]
    results = PublishResults(
        (o for o in outcomes if not isinstance(o, ShownotesError)), show.output_dir
    )
    errors = [o for o in outcomes if isinstance(o, ShownotesError)]
    plugins: Plugins | None = None
    for result in made:
        if not result.skipped:
            plugins = plugins if plugins is not None else load_plugins(show)
            try:
                plugins.after_publish(result, show)
            except ShownotesError as error:
                errors.append(error)
            _record(index, result)
    every = {_source_key(e): e for e in [*listed, *items]}
    if catalog:
        names = [e.name for e in every.values() if isinstance(e, Unchanged)]
        sources = [s for s, e in every.items() if s is not None and not isinstance(e, Unchanged)]
        folders = (os.path.dirname(os.fspath(s)) for s in [*sources, *failed])
        index.forget_except({*names, *(os.path.basename(f) for f in folders)})
    unpublished = tuple(
        e.title for e in every.values() if not isinstance(e, Unchanged) and e.unpublished
    )
    if not feed:
        index.save()
        return PublishReport(results, tuple(errors), unpublished=unpublished, notes=notes)
    fresh = {_source_key(r.episode): r.item for r in made}
    folders = {_source_key(r.episode): r.folder for r in made}  # (no Path made again)
    # they failed this run
    failing = {_source_key(e) for e in active if not isinstance(e, Unchanged)} - set(fresh)
    planned: list[tuple[Path | str, ItemData | None]] = []  # None: in the state file
    digests, kept = [], []
    output = os.fspath(show.output_dir)
    for key, episode in every.items():
        if isinstance(episode, Unchanged) and key not in folders and _stands(episode, index):
            # vouched for with its state file as the catalogue loaded: its item's digest
            planned.append((f"{output}/{episode.name}", None))
            digests.append(episode.entry["item"])
            continue
        if isinstance(episode, Unchanged):
            folder = folders.get(key) or show.output_dir / episode.name
        elif episode.unpublished:
            continue
        else:
            folder = folders.get(key) or output_folder(show, episode)
        item, digest = fresh.get(key), ""
        if item is None:
            item, digest = _saved_item(index, folder)
        if item is not None or digest:
            planned.append((folder, item))
            digests.append(digest or item_digest(item_to_json(item)))  # type: ignore[arg-type]
            if key in failing:
                kept.append(folder.name)
    for source in failed:  # did not load: the last published item stays in the feed
        folder = show.output_dir / source.parent.name
        item = load_state(folder).item
        if item is not None:
            planned.append((folder, item))
            digests.append(item_digest(item_to_json(item)))
            kept.append(folder.name)
    target = show.external_feed or show.output_dir / "feed.xml"
    key = index.feed_key(show.external_feed is not None, digests)
    if index.feed_unchanged(target, key):
        changed, unmatched = False, tuple(index.feed.get("unmatched", ()))
    elif show.external_feed is None:  # only the items that changed are rendered
        with collector_paused():  # the kept items' fragments and spans
            (target, changed), unmatched = write_own_feed(show, planned, digests, index, key), ()
    else:
        items = [item or load_state(Path(folder)).item for folder, item in planned]
        target, changed, unmatched, note = write_feed(show, [i for i in items if i is not None])
        notes += (note,) if note else ()
        index.record_feed(target, key, target.read_bytes(), unmatched)
    index.save()
    return PublishReport(
        results,
        tuple(errors),
        target,
        changed,
        unmatched,
        kept=tuple(kept),
        unpublished=unpublished,
        notes=notes,
    )


def _record(index: CatalogIndex, result: EpisodeResult) -> None:
    """Put a just-published episode into the index, with the stats its publish took."""
    state_file = result.folder / STATE_FILE
    last = load_state(result.folder)
    if last.stats is None or last.item is None:
        return
    item_json = item_to_json(last.item)
    index.record(result.episode, state_file, last.stats, last.inputs, item_json, result.chapters)


def _saved_item(index: CatalogIndex, folder: Path) -> tuple[ItemData | None, str]:
    """An episode's last published item: (None, its digest) when the index vouches for the
    state file (read only if the feed must be rebuilt), else (the item, "")."""
    entry = index.entries.get(folder.name)
    if entry is not None and (
        folder.name in index.vouched or entry["state"] == file_stat(folder / STATE_FILE)
    ):
        return None, entry["item"]
    return load_state(folder).item, ""


def publish_catalog(
    catalog: Catalog,
    episodes: Sequence[Episode] | None = None,
    *,
    force: bool = False,
    jobs: int | None = 1,
    progress: Progress | None = None,
    record: bool = False,
) -> PublishReport:
    """Publish ``episodes`` (default: all) of a loaded show, keeping the feed items of the
    episodes that did not load, with the show's catalogue index: what the API, the command
    line and the review page's "save and publish" all run.

    ``record`` (the ``publish`` command) also records ``check``'s verdict on the episodes
    written (:mod:`.checked`); it installs an audit hook for the rest of the process, which
    a library call into someone else's process should not get."""
    whole = episodes is None or episodes is catalog.episodes
    # (the catalogue as it keeps it: its unchanged episodes are not built)
    chosen = catalog.episodes if whole else list(episodes)  # type: ignore[arg-type]
    runner = parallel_runner(
        catalog.show, force=force, jobs=jobs, progress=progress, index=catalog.index
    )
    report = publish(
        catalog.show,
        chosen,
        catalog=catalog.episodes,
        failed=catalog.failed,
        runner=runner,
        index=catalog.index,
    )
    if record:
        made = report.episodes.made() if isinstance(report.episodes, PublishResults) else ()
        record_checks(catalog, [r.episode for r in made if not r.skipped])
    return report
