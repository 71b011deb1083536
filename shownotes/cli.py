"""The ``shownotes`` command line: a thin layer over the library.

Every command reports a bad input as one line, ``FILE:LINE: what is wrong (how to fix it)``,
on standard error and exits with status 2; nothing is printed as a traceback.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from shownotes import __version__
from shownotes.atomic import write_atomic
from shownotes.catalog import load_catalog
from shownotes.config import load_episode
from shownotes.errors import ShownotesError
from shownotes.readers import READERS, read_transcript
from shownotes.timecode import format_timestamp
from shownotes.transcript_writers import WRITERS

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def report(error: ShownotesError) -> None:
    """Print each problem of ``error`` as one line on standard error."""
    for problem in error.problems:
        click.echo(str(problem) if problem.path else f"shownotes: {problem}", err=True)


def reports_errors(command: F) -> F:
    """Turn a ShownotesError into its one-line message on stderr and exit status 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ShownotesError as error:
            report(error)
            sys.exit(error.exit_code)

    return wrapper  # type: ignore[return-value]


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to ``output``."""
    if output is None:
        click.echo(text, nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {output}", err=True)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="shownotes")
def cli() -> None:
    """Turn a podcast episode's timestamped transcript into chapters, show notes, a
    Podcasting 2.0 chapters file, an RSS feed and ID3 chapters.

    \b
    Example:
      shownotes transcript episodes/2026-06-07/transcript.txt
    Run 'shownotes COMMAND --help' for one command's options and examples.
    """


@cli.command(context_settings=CONTEXT)
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
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file (atomically) instead of standard output.",
)
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
    if file.is_dir() or file.name == "episode.yaml":
        file = load_episode(file).transcript
    parsed = read_transcript(file, input_format)
    emit(WRITERS[out_format](parsed), output)


CONFIG_OPTION = click.option(
    "-c",
    "--config",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Show config file [default: $SHOWNOTES_CONFIG, else config.yaml here].",
)


@cli.command(context_settings=CONTEXT)
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
        report(error)
    if failed:
        sys.exit(2)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        cli.main(args=argv, prog_name="shownotes", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        click.echo("shownotes: aborted", err=True)
        return 130
    except SystemExit as done:
        return done.code if isinstance(done.code, int) else 1
    except BrokenPipeError:
        return 0
    return 0
