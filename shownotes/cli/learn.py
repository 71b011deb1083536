"""The ``learn`` command: a show teaches shownotes its chapter style from its back catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from shownotes.cli.common import CONFIG_OPTION, CONTEXT, OUTPUT_OPTION, reports_errors
from shownotes.errors import UsageError

if TYPE_CHECKING:
    from shownotes.chapters.sources import KnownEpisode
    from shownotes.models import Detection, Show


def _is_episode(folder: Path) -> bool:
    return (folder / "episode.yaml").is_file() or any(folder.glob("transcript.*"))


def _expand(sources: tuple[Path, ...]) -> list[Path]:
    """Episode folders: each SOURCE, or the episode folders inside a folder of episodes."""
    folders: list[Path] = []
    for source in sources:
        if source.is_dir() and not _is_episode(source):
            inside = sorted(p for p in source.iterdir() if p.is_dir() and _is_episode(p))
            folders += inside or [source]
        else:
            folders.append(source)
    return list(dict.fromkeys(folders))


def _base_settings(show: Show | None) -> Detection:
    """The show's detection settings without a rules file learned before: learning again
    starts from the show's own rules and the built-in ones."""
    from dataclasses import replace

    from shownotes.config import load_rules_file
    from shownotes.models import Detection

    if show is None:
        return Detection()
    settings = show.detection
    if settings.rules_file is None:
        return settings
    old = set(load_rules_file(settings.rules_file).rules)
    return replace(
        settings,
        rules=tuple(r for r in settings.rules if r not in old),
        style=None,
        rules_file=None,
    )


def _read(folders: list[Path], feed: Path | None, show: Show | None) -> list[KnownEpisode]:
    from shownotes.chapters.sources import read_known

    lookup = None
    if feed is not None:
        from shownotes.feed.known import FeedChapters

        lookup = FeedChapters(
            feed, show.output_dir if show else None, show.base_url if show else ""
        )
    known = []
    for folder in folders:
        found = read_known(folder, lookup)
        if found is None:
            click.echo(
                f"{folder}: no known chapters (edited sidecar, chapters.json, ID3 or feed), "
                "skipped",
                err=True,
            )
            continue
        click.echo(f"{folder}: {len(found.starts)} chapters from {found.origin}", err=True)
        known.append(found)
    return sorted(known, key=lambda k: (k.name, str(k.folder)))


@click.command(context_settings=CONTEXT)
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@OUTPUT_OPTION
@CONFIG_OPTION
@click.option(
    "--leave-one-out",
    is_flag=True,
    help="Score each episode with the defaults and with rules learned from the others.",
)
@click.option(
    "--feed",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="A local feed file whose items' podcast:chapters give known chapters (never fetched).",
)
@reports_errors
def learn(
    sources: tuple[Path, ...],
    output: Path | None,
    config: Path | None,
    leave_one_out: bool,
    feed: Path | None,
) -> None:
    """Learn a show's chapter style from episodes it already chaptered, as a rules file.

    Each SOURCE is an episode folder (episode.yaml, or any folder with a transcript.*), or a
    folder of them. Its chapters come from, in order: a hand-edited sidecar, a chapters.json
    (Podcasting 2.0 or the corpus layout), the ID3 chapters of its MP3, or the item's
    podcast:chapters in the local --feed (the URL names a file beside the feed, or under the
    show's output_dir). Without SOURCE, the episodes of the show config are read.

    It learns the show's own cue phrases (kept only when precise, and in two episodes or
    more; the others are listed as dropped), its chapter-length prior, opening, closing and
    recurring sections. Use the file with 'detection: {rules_file: FILE}' in the config, or
    --rules FILE on 'chapters' and 'eval'. --leave-one-out prints boundary F1 per episode
    with the defaults and with rules learned from the other episodes.

    \b
    Examples:
      shownotes learn --config my-show/config.yaml -o my-show/learned-rules.yaml
      shownotes learn old-episodes/ --leave-one-out
      shownotes learn episodes/* --feed public/feed.xml -o learned-rules.yaml
    """
    from shownotes import __version__
    from shownotes.atomic import write_atomic
    from shownotes.chapters.style import format_folds, learn_style
    from shownotes.chapters.style import leave_one_out as leave_one_out_folds
    from shownotes.chapters.stylefile import dropped_reason, rules_yaml
    from shownotes.cli.common import show_config

    if sources:
        show = show_config(config)
        folders = _expand(sources)
    else:
        if config is None:
            raise UsageError("name episode folders, or a show with --config", "see --help")
        from shownotes.publishing.catalog import load_catalog

        catalog = load_catalog(config)
        show = catalog.show
        folders = sorted(e.folder for e in catalog.episodes if e.folder is not None)
    known = _read(folders, feed, show)
    if len(known) < 2:
        raise UsageError(
            f"learning needs two or more episodes with known chapters, found {len(known)}",
            "add episodes whose chapters a person made (see --help for where they come from)",
        )
    from collections import Counter

    shows = Counter(k.show for k in known if k.show)
    if len(shows) > 1:
        named = ", ".join(f"{name} ({n})" for name, n in shows.most_common())
        click.echo(
            f"shownotes: warning: these episodes come from {len(shows)} shows: {named}; a "
            "style is one show's (its hosts' phrases, its chapter lengths), so learn each "
            "show from its own episodes",
            err=True,
        )
    base = _base_settings(show)
    learned = learn_style(known, base)
    if learned.rules:
        count = len(learned.rules)
        click.echo(f"learned {count} cue rule{'' if count == 1 else 's'}:", err=True)
        for rule in learned.rules:
            click.echo(
                f"  {rule.phrase!r}: {rule.hits} hits ({rule.new} new), {rule.misses} misses,"
                f" {rule.episodes} episodes",
                err=True,
            )
    else:
        click.echo("learned no cue rules (none precise in two or more episodes)", err=True)
    for rule in learned.dropped:
        click.echo(f"dropped {rule.phrase!r}: {dropped_reason(rule)}", err=True)
    text = rules_yaml(learned, __version__)
    if output is not None:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)
    elif not leave_one_out:
        click.echo(text, nl=False)
    if leave_one_out:
        click.echo(format_folds(leave_one_out_folds(known, base)), nl=False)
