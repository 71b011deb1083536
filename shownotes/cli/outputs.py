"""Commands that make one kind of output: ``render`` (notes, chapter files) and ``feed``.

(``tag`` has a module of its own, :mod:`shownotes.cli.tag`, so that it starts quickly.)
"""

from __future__ import annotations

import difflib
from pathlib import Path

import click

from shownotes.cli.common import (
    CONFIG_OPTION,
    CONTEXT,
    report_sidecar,
    reports_errors,
    show_config,
)


@click.command(context_settings=CONTEXT)
@click.argument("episode_path", metavar="EPISODE", type=click.Path(path_type=Path))
@CONFIG_OPTION
@click.option(
    "-o",
    "--output",
    "outdir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write into [default: the show's output_dir/EPISODE-FOLDER].",
)
@click.option(
    "--only",
    multiple=True,
    metavar="NAME",
    help="Render only this output (e.g. notes.html); repeatable.",
)
@reports_errors
def render(
    episode_path: Path, config: Path | None, outdir: Path | None, only: tuple[str, ...]
) -> None:
    """Write an episode's show notes and chapter files from the templates.

    EPISODE is an episode folder or its episode.yaml. Writes notes.html (for content:encoded
    and web pages), notes.md, notes.txt (for <description> and YouTube, within Apple's 4,000
    bytes), chapters.json (Podcasting 2.0), chapters.psc.xml, chapters.mp4chaps.txt,
    chapters.ffmetadata.txt, chapters.vtt, chapters.audacity.txt and chapters.cue, plus one
    file per extra template in the show's templates_dir, and the transcript as
    transcript.vtt and transcript.json (Podcasting 2.0) for podcast:transcript. Chapters come
    from the hand-edited sidecar when there is one, else from detection. Everything is
    rendered and validated before anything is written.

    \b
    Example:
      shownotes render examples/episodes/2026-06-07 --config examples/config.yaml
    """

    from shownotes.config import load_episode
    from shownotes.outputs.render import write_outputs
    from shownotes.publishing.prepare import output_folder, prepare

    show = show_config(config)
    prepared = prepare(load_episode(episode_path), show, only=only)
    report_sidecar(prepared.chapters)
    for message in prepared.warnings:
        click.echo(f"shownotes: warning: {message}", err=True)
    for path in write_outputs(prepared.outputs, output_folder(show, prepared.episode, outdir)):
        click.echo(f"wrote {path}")


@click.command(context_settings=CONTEXT)
@CONFIG_OPTION
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Feed file to write [default: output_dir/feed.xml, or the --update file].",
)
@click.option(
    "--update",
    "existing",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Patch this feed (made by another tool) instead of generating a new one.",
)
@click.option("--dry-run", is_flag=True, help="Print a diff of the change; write nothing.")
@reports_errors
def feed(config: Path | None, output: Path | None, existing: Path | None, dry_run: bool) -> None:
    """Regenerate the show's RSS feed, or update a feed another tool made.

    Without --update, writes the whole feed: channel metadata from the config (iTunes tags,
    podcast:locked, podcast:guid, podcast:funding) and one item per episode, newest first,
    with its enclosure (real size and type), itunes:duration from the audio, <description>
    from notes.txt, content:encoded from notes.html, podcast:chapters and podcast:transcript.

    With --update FEED, finds each episode's <item> (by guid, then enclosure URL, then title)
    and adds or replaces only its podcast:chapters, podcast:transcript and content:encoded;
    everything else in the file stays as it was. Episodes without an item are reported.

    \b
    Examples:
      shownotes feed --config examples/config.yaml
      shownotes feed --update site/feed.xml --dry-run
    """

    from shownotes.atomic import write_atomic
    from shownotes.feed.build import build_feed
    from shownotes.feed.update import update_feed
    from shownotes.publishing.catalog import load_catalog
    from shownotes.publishing.feedrun import feed_items
    from shownotes.publishing.identity import settle_episode_guid, settle_show_guid
    from shownotes.publishing.prepare import output_folder
    from shownotes.publishing.state import load_state
    from shownotes.textfile import read_bytes

    catalog = load_catalog(config)
    if catalog.errors:
        raise catalog.errors[0]
    show = catalog.show
    target = output or existing or show.output_dir / "feed.xml"
    notes = []
    if existing is None:
        show, note = settle_show_guid(show, target, record=not dry_run)
        notes.append(note)
    episodes = []
    for episode in catalog.episodes:
        if not episode.unpublished:
            last = load_state(output_folder(show, episode)).item
            episode, note = settle_episode_guid(episode, show, last, record=not dry_run)
            episodes.append(episode)
            notes.append(note)
    for note in filter(None, notes):
        click.echo(note)
    # unchanged episodes give their saved items; only the others are prepared
    found = feed_items(show, episodes, catalog.index, external=existing is not None)
    if not dry_run and found.index.feed_unchanged(target, found.key):
        click.echo(f"{target}: unchanged")
        return
    items = found.items()
    if existing is not None:
        before = read_bytes(existing)
        result = update_feed(before, items, existing)
        after = result.data
        summary = f"patched {len(result.updated)} of {len(items)} episodes"
        for title in result.unmatched:
            click.echo(
                f"shownotes: no item in {existing} for episode {title!r} (matched by guid, "
                "enclosure URL, title or episode number: set guid: in its episode.yaml to the "
                "item's <guid>)",
                err=True,
            )
        if result.note:
            click.echo(f"shownotes: warning: {existing}: {result.note}", err=True)
    else:
        after = build_feed(show, items).rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
        before = target.read_bytes() if target.is_file() else b""
        summary = f"{len(items)} episodes"
    if dry_run:
        diff = difflib.unified_diff(
            before.decode("utf-8", "replace").splitlines(keepends=True),
            after.decode("utf-8", "replace").splitlines(keepends=True),
            str(target),
            f"{target} (new)",
        )
        click.echo("".join(diff), nl=False)
        return
    if before != after:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, after)
    if found.prepared == 0 and existing is None:  # the feed a publish would write: remember it
        found.index.record_feed(target, found.key, after)
        found.index.save()
    if before == after:
        click.echo(f"{target}: unchanged")
        return
    click.echo(f"wrote {target} ({summary})")
