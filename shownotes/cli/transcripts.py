"""Commands on transcripts and the show's episode list: ``transcript``, ``episodes``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from shownotes.cli.common import (
    CONFIG_OPTION,
    CONTEXT,
    OUTPUT_OPTION,
    emit,
    report_error,
    reports_errors,
)
from shownotes.errors import ShownotesError
from shownotes.transcripts import READERS, read_transcript
from shownotes.transcripts.writers import WRITERS


@click.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "-f",
    "--format",
    "out_format",
    type=click.Choice(sorted(WRITERS)),
    default="text",
    show_default=True,
    help="text: one 'HH:MM:SS text' line per segment; json: Podcasting 2.0 JSON transcript; "
    "srt, vtt: captions.",
)
@click.option(
    "--input-format",
    type=click.Choice(sorted(READERS)),
    default=None,
    help="Read FILE as this format instead of recognizing it from its content and extension.",
)
@OUTPUT_OPTION
@reports_errors
def transcript(file: Path, out_format: str, input_format: str | None, output: Path | None) -> None:
    """Print a transcript as shownotes reads it, one segment per line.

    FILE may be an episode folder or its episode.yaml (its transcript is read), or a
    transcript in the page format (title, "Show notes", "Show transcript", stamped lines), SRT,
    WebVTT, Podcasting 2.0 or Whisper JSON, or plain text with stamps such as [00:12:09],
    (12:09) or '12:09 Speaker:'. Use it to check what shownotes sees, or to convert.

    \b
    Examples:
      shownotes transcript episode.vtt
      shownotes transcript whisper.json --format srt -o episode.srt
    """

    from shownotes.config import load_episode

    if file.is_dir() or file.name == "episode.yaml":
        file = load_episode(file).transcript
    parsed = read_transcript(file, input_format)
    emit(WRITERS[out_format](parsed), output)


@click.command(context_settings=CONTEXT)
@CONFIG_OPTION
@click.option("--check", is_flag=True, help="Also read every transcript; exit 2 if one fails.")
@reports_errors
def episodes(config: Path | None, check: bool) -> None:
    """List the show's episodes, newest first, validating the config and every episode.yaml.

    One line per episode: date, number, title, folder; with --check also the transcript's
    format, segment count and length. Episodes that fail to load are reported on standard
    error and make the exit status 2; the others are still listed.

    \b
    Example:
      shownotes episodes --config examples/config.yaml --check
    """

    from shownotes.publishing.catalog import load_catalog
    from shownotes.timecode import format_timestamp

    catalog = load_catalog(config)
    failed = list(catalog.errors)
    for episode in catalog.episodes:
        number = f"#{episode.number}" if episode.number is not None else "-"
        line = f"{episode.date:%Y-%m-%d}  {number:>5}  {episode.title}  [{episode.folder}]"
        if check:
            try:
                t = read_transcript(episode.transcript)
            except ShownotesError as error:
                failed.append(error)
                continue
            line += f"  {t.format}, {len(t.segments)} segments, {format_timestamp(t.duration)}"
        click.echo(line)
    for error in failed:
        report_error(error)
    if failed:
        sys.exit(2)
