"""Commands on the whole show: ``publish``, ``check``, ``init``, ``plugins``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from shownotes.cli.common import (
    CONFIG_OPTION,
    CONTEXT,
    episodes_to_run,
    progress_reporter,
    report_error,
    reports_errors,
    show_config,
)


@click.command(context_settings=CONTEXT)
@click.argument("target", metavar="[EPISODE]", required=False, type=click.Path(path_type=Path))
@click.option("--all", "every", is_flag=True, help="Publish every episode of the show.")
@CONFIG_OPTION
@click.option("--force", is_flag=True, help="Redo episodes even when their inputs are unchanged.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Episodes to publish at once [default: one per core].",
)
@reports_errors
def publish(
    target: Path | None, every: bool, config: Path | None, force: bool, jobs: int | None
) -> None:
    """The whole job: chapters, show notes, chapter files, tagged MP3 and the feed.

    For EPISODE (a folder or its episode.yaml) or --all: reads the transcript, takes the
    hand-edited chapters sidecar or detects chapters, renders every output, writes the changed
    files into output_dir/EPISODE-FOLDER, copies the audio there and writes its ID3 chapters,
    then regenerates the feed (or updates external_feed). Episodes whose inputs did not change
    since the last run are skipped, so a second run changes nothing and says so. With --all,
    one bad episode is reported and the others still publish (exit status 2 at the end).

    \b
    Examples:
      shownotes publish examples/episodes/2026-06-07
      shownotes publish --all --config examples/config.yaml
    """

    from shownotes.publishing.pipeline import publish_catalog

    catalog, chosen = episodes_to_run(target, every, config)
    step, finish = progress_reporter(len(chosen), "publishing")
    try:
        report = publish_catalog(
            catalog, chosen, force=force, jobs=jobs, progress=step, record=True
        )
    finally:
        finish()
    out, err = report.lines()
    for line in out:
        click.echo(line)
    for line in err:
        click.echo(line, err=True)
    for error in [*catalog.errors, *report.errors]:
        report_error(error)
    if report.errors or catalog.errors:
        sys.exit(2)


@click.command(context_settings=CONTEXT)
@click.argument("target", metavar="[EPISODE]", required=False, type=click.Path(path_type=Path))
@click.option("--all", "every", is_flag=True, help="Check every episode of the show.")
@CONFIG_OPTION
@click.option(
    "--apps", is_flag=True, help="Also print, per episode, what each podcast app will show."
)
@reports_errors
def check(target: Path | None, every: bool, config: Path | None, apps: bool) -> None:
    """Pre-publish hook: validate an episode (or --all) without writing anything.

    Checks that the transcript reads; chapters are ordered, inside the audio and titled; the
    chapters JSON is valid; the MP3's ID3 chapters match the chapters; the feed has the
    episode's item pointing to the right URLs, with the GUID its episode.yaml records (no two
    items sharing one, the show's podcast:guid unchanged); the MP3's ID3 chapters, the
    chapters JSON, the feed's psc:chapters and the description's chapter list agree; the feed
    keeps the rules of the show's apps (platforms:). Exit status 0 when all is well, 1 with
    one line per problem otherwise (2 when the config itself cannot be read).

    With --apps, first prints per episode a table of what each app will show: chapters,
    whether titles fit, whether the description's chapter block qualifies, which source it
    uses, and what would make it ignore or mangle the chapters.
    Automatic chapters detection is unsure of (confidence below 0.5) are listed first as
    warnings, least sure first, to review; they never fail the check.

    \b
    Examples:
      shownotes check examples/episodes/2026-06-07
      shownotes check --all --apps --config config.yaml
    """

    from shownotes.cli.fast import check_run  # (also run without click: see there)

    code = check_run(target, every, config, apps)
    if code:
        sys.exit(code)


@click.command(context_settings=CONTEXT)
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=".")
@reports_errors
def init(folder: Path) -> None:
    """Create a starter show: config.yaml and one episode (transcript, silent audio).

    Never overwrites a file. Then publish it, and replace the starter episode with yours.

    \b
    Example:
      shownotes init my-show && cd my-show && shownotes publish --all
    """
    from shownotes.publishing.init import init_show

    for path in init_show(folder):
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {folder} && shownotes publish --all")


@click.command("plugins", context_settings=CONTEXT)
@CONFIG_OPTION
@reports_errors
def plugins_command(config: Path | None) -> None:
    """List the plugins shownotes loads (installed ones and the config's) and their hooks.

    \b
    Example:
      shownotes plugins --config config.yaml
    """

    from shownotes.publishing.plugins import load_plugins

    loaded = load_plugins(show_config(config))
    if not loaded:
        click.echo("no plugins")
    for name, hooks in loaded.describe():
        click.echo(f"{name}: {', '.join(hooks) or 'no hooks'}")
