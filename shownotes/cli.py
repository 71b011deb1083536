"""The ``shownotes`` command line: a thin layer over the library.

Every command reports a bad input as one line, ``FILE:LINE: what is wrong (how to fix it)``,
on standard error and exits with status 2; nothing is printed as a traceback.
"""

from __future__ import annotations

import functools
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from shownotes import __version__
from shownotes.atomic import write_atomic
from shownotes.audio import audio_duration
from shownotes.catalog import find_config, load_catalog
from shownotes.chapter_io import sidecar_body
from shownotes.chaptering import ChapterResult, resolve_chapters, sidecar_path
from shownotes.config import load_episode, load_show
from shownotes.errors import ShownotesError, ShownotesWarning, UsageError
from shownotes.models import Detection, Episode, Show, Transcript
from shownotes.readers import READERS, read_transcript
from shownotes.render import (
    chapter_formats,
    make_context,
    make_environment,
    output_templates,
    render_one,
    render_outputs,
    write_outputs,
)
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


def _show(config: Path | None) -> Show | None:
    """The show config given or found here, or None when there is none (defaults apply)."""
    try:
        path = find_config(config)
    except UsageError:
        return None
    return load_show(path)


def _episode_chapters(
    episode: Episode, show: Show | None, *, write_sidecar: bool = False
) -> tuple[ChapterResult, Transcript, float | None]:
    """An episode's transcript, its audio's duration, and its chapters (sidecar honoured)."""
    transcript = read_transcript(episode.transcript)
    duration = audio_duration(episode.audio) if episode.audio.is_file() else None
    result = resolve_chapters(
        transcript,
        show.detection if show else Detection(),
        sidecar_path(episode.audio),
        duration=duration,
        write_sidecar=write_sidecar,
    )
    _report_sidecar(result)
    return result, transcript, duration


def _report_sidecar(result: ChapterResult) -> None:
    if result.action == "kept-edited":
        click.echo(f"{result.sidecar}: edited by hand, kept as it is", err=True)
        if result.pending:
            click.echo("detection would have changed it like this:", err=True)
            click.echo(result.pending, err=True, nl=False)
    elif result.action != "none":
        click.echo(f"{result.sidecar}: {result.action}", err=True)


@cli.command(context_settings=CONTEXT)
@click.argument("source", type=click.Path(path_type=Path))
@CONFIG_OPTION
@click.option(
    "-f",
    "--format",
    "out_format",
    default="txt",
    show_default=True,
    help="txt ('MM:SS Title' lines), json (Podcasting 2.0), psc (Podlove), mp4chaps, "
    "ffmetadata, vtt, audacity, cue, yaml (sidecar), or NAME for a show template "
    "chapters.NAME.*.j2.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file (atomically) instead of standard output.",
)
@click.option(
    "-s",
    "--write-sidecar",
    is_flag=True,
    help="Write the detected chapters to the editable sidecar (never over hand edits).",
)
@click.option(
    "--ignore-sidecar",
    is_flag=True,
    help="Print what detection finds even when a hand-edited sidecar exists.",
)
@click.option(
    "--duration",
    type=click.FloatRange(min=0),
    default=None,
    help="Audio length in seconds, for the last chapter's end [default: the "
    "episode's audio, else the transcript's end].",
)
@reports_errors
def chapters(
    source: Path,
    config: Path | None,
    out_format: str,
    output: Path | None,
    write_sidecar: bool,
    ignore_sidecar: bool,
    duration: float | None,
) -> None:
    """Detect an episode's chapters from its transcript and print or write them.

    SOURCE is a transcript, or an episode folder / episode.yaml (then the episode's audio gives
    the duration). Chapters start at story cues ("So story one", "Quick one", "moving on",
    "what's your next item?"), hand-offs, edit gaps and topic shifts; the show config's
    detection rules extend or replace the built-in ones.

    The sidecar EPISODE.chapters.yaml (beside the audio, or the transcript) is for people to
    edit: -s writes it; once it is edited by hand, it is used as it is and never overwritten,
    and shownotes prints what detection would have changed instead.

    \b
    Examples:
      shownotes chapters examples/episodes/2026-06-07
      shownotes chapters transcript.srt --format json -o chapters.json
      shownotes chapters episodes/ep12 --write-sidecar
    """
    show = _show(config)
    settings = show.detection if show else Detection()
    env = make_environment(show.templates_dir if show else None)
    formats = chapter_formats(env)
    if out_format not in formats and out_format != "yaml":
        raise UsageError(
            f"unknown chapter format {out_format!r}",
            f"use one of {', '.join(sorted([*formats, 'yaml']))}",
        )
    episode = None
    if source.is_dir() or source.name == "episode.yaml":
        episode = load_episode(source)
        transcript_file, base = episode.transcript, episode.audio
        if duration is None and episode.audio.is_file():
            duration = audio_duration(episode.audio)
    else:
        transcript_file = base = source
    parsed = read_transcript(transcript_file)
    result = resolve_chapters(
        parsed,
        settings,
        sidecar_path(base),
        duration=duration,
        write_sidecar=write_sidecar,
        use_sidecar=not ignore_sidecar,
    )
    _report_sidecar(result)
    if out_format == "yaml":
        text = sidecar_body(result.chapters)
    else:
        context = make_context(
            result.chapters, show=show, episode=episode, transcript=parsed, duration=duration
        )
        text = render_one(env, formats[out_format], context)
    emit(text, output)


@cli.command("eval", context_settings=CONTEXT)
@click.argument("corpus", type=click.Path(path_type=Path, file_okay=False))
@CONFIG_OPTION
@click.option("--titles", is_flag=True, help="Also list predicted titles beside the true ones.")
@reports_errors
def eval_command(corpus: Path, config: Path | None, titles: bool) -> None:
    """Score chapter detection against episodes whose true chapters are known.

    CORPUS holds one folder per episode with a transcript.* file and a chapters.json whose
    "chapters" list "start" seconds and "title". Prints per-episode and overall boundary
    precision, recall and F1 (a predicted start within 15 s of a true one, one-to-one,
    starts at 0 left out) and a title score.

    \b
    Example:
      shownotes eval ../shared/corpus
    """
    from shownotes.evaluate import evaluate_corpus, format_report, format_titles

    show = _show(config)
    report = evaluate_corpus(corpus, show.detection if show else Detection())
    click.echo(format_report(report).rstrip("\n"))
    if titles:
        click.echo()
        click.echo(format_titles(report).rstrip("\n"))


@cli.command(context_settings=CONTEXT)
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
    file per extra template in the show's templates_dir. Chapters come from the hand-edited
    sidecar when there is one, else from detection. Everything is rendered and validated
    before anything is written.

    \b
    Example:
      shownotes render examples/episodes/2026-06-07 --config examples/config.yaml
    """
    show = _show(config)
    episode = load_episode(episode_path)
    result, transcript, duration = _episode_chapters(episode, show)
    env = make_environment(show.templates_dir if show else None)
    names = output_templates(env)
    if only:
        unknown = [n for n in only if f"{n}.j2" not in names]
        if unknown:
            raise UsageError(
                f"no template for {', '.join(unknown)}",
                f"outputs are: {', '.join(n.removesuffix('.j2') for n in names)}",
            )
        names = [f"{n}.j2" for n in only]
    context = make_context(
        result.chapters, show=show, episode=episode, transcript=transcript, duration=duration
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ShownotesWarning)
        outputs = render_outputs(context, env, names)
    for warning in caught:
        click.echo(f"shownotes: warning: {warning.message}", err=True)
    folder = outdir or (show.output_dir if show else Path("public")) / episode.source.parent.name
    for path in write_outputs(outputs, folder):
        click.echo(f"wrote {path}")


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
