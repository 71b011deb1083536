"""The ``shownotes`` command line: a thin layer over the library.

Every command reports a bad input as one line, ``FILE:LINE: what is wrong (how to fix it)``,
on standard error and exits with status 2; nothing is printed as a traceback.
"""

from __future__ import annotations

import difflib
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
from shownotes.catalog import CONFIG_NAMES, Catalog, find_config, load_catalog
from shownotes.chapter_io import is_chapters_file, read_chapters_file, sidecar_body
from shownotes.chaptering import ChapterResult, sidecar_path
from shownotes.check import check_episode
from shownotes.config import load_episode, load_show
from shownotes.detect import detect_chapters
from shownotes.errors import InputError, ShownotesError, ShownotesWarning, UsageError
from shownotes.feed import build_feed, item_data
from shownotes.feed_update import update_feed
from shownotes.models import Detection, Episode, Show
from shownotes.pipeline import EpisodeResult, parallel_runner
from shownotes.pipeline import publish as run_publish
from shownotes.plugins import load_plugins
from shownotes.prepare import (
    detection_settings,
    environment,
    output_folder,
    prepare,
    settle_chapters,
)
from shownotes.readers import READERS, read_transcript
from shownotes.render import (
    chapter_formats,
    make_context,
    render_one,
    write_outputs,
)
from shownotes.textfile import read_bytes
from shownotes.timecode import format_timestamp
from shownotes.transcript_writers import WRITERS

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
OUTPUT_OPTION = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write to this file (atomically) instead of standard output.",
)


def report_error(error: ShownotesError) -> None:
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
            report_error(error)
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
    Examples:
      shownotes init my-show && cd my-show && shownotes publish --all
      shownotes check --all
      shownotes chapters episodes/2026-06-07/transcript.txt
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
        report_error(error)
    if failed:
        sys.exit(2)


def _show(config: Path | None) -> Show | None:
    """The show config given or found here, or None when there is none (defaults apply)."""
    try:
        path = find_config(config)
    except UsageError:
        return None
    return load_show(path)


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
@OUTPUT_OPTION
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
    the duration). An MP3, a chapters JSON or a sidecar YAML as SOURCE is read, not detected:
    'shownotes chapters episode.mp3' lists the ID3 chapters already in the file.

    Chapters start at story cues ("So story one", "Quick one", "moving on", "what's your
    next item?"), hand-offs, edit gaps and topic shifts; the show config's detection rules
    extend or replace the built-in ones.

    The sidecar EPISODE.chapters.yaml (beside the audio, or the transcript) is for people to
    edit: -s writes it; once it is edited by hand, it is used as it is and never overwritten,
    and shownotes prints what detection would have changed instead.

    \b
    Examples:
      shownotes chapters examples/episodes/2026-06-07
      shownotes chapters transcript.srt --format json -o chapters.json
      shownotes chapters episodes/ep12 --write-sidecar
      shownotes chapters episode.mp3 --format json
    """
    show = _show(config)
    plugins = load_plugins(show)
    env = environment(show, plugins)
    formats = chapter_formats(env)
    if out_format not in formats and out_format != "yaml":
        raise UsageError(
            f"unknown chapter format {out_format!r}",
            f"use one of {', '.join(sorted([*formats, 'yaml']))}",
        )
    episode = None
    if source.is_file() and is_chapters_file(source):
        found = read_chapters_file(source, duration)
        if not found:
            raise InputError("has no chapters", "tag it with 'shownotes tag' first", path=source)
        context = make_context(found, show=show, duration=duration or found[-1].end)
        text = (
            sidecar_body(found)
            if out_format == "yaml"
            else render_one(env, formats[out_format], context)
        )
        emit(text, output)
        return
    if source.is_dir() or source.name == "episode.yaml":
        episode = load_episode(source)
        transcript_file, base = episode.transcript, episode.audio
        if duration is None and episode.audio.is_file():
            duration = audio_duration(episode.audio)
    else:
        transcript_file = base = source
    parsed = read_transcript(transcript_file)
    result = settle_chapters(
        parsed,
        show,
        plugins,
        sidecar_path(base),
        episode=episode,
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
@click.option(
    "--leave-one-out",
    is_flag=True,
    help="Also refit the decoder without each show and score it on that show.",
)
@click.option(
    "--with",
    "also",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Another corpus folder whose shows join the leave-one-show-out fit.",
)
@reports_errors
def eval_command(
    corpus: Path, config: Path | None, titles: bool, leave_one_out: bool, also: tuple[Path, ...]
) -> None:
    """Score chapter detection against episodes whose true chapters are known.

    CORPUS holds one folder per episode with a transcript.* file and a chapters.json whose
    "chapters" list "start" seconds and "title". Prints per-episode and overall boundary
    precision, recall and F1 (a predicted start within 15 s of a true one, one-to-one,
    starts at 0 left out) and a title score, per episode and per show (chapters.json's
    "show"). --leave-one-out refits the decoder's weights without each show in turn.

    \b
    Example:
      shownotes eval ../shared/corpus
      shownotes eval ../shared/corpus --leave-one-out --with ../shared/corpus-conversations
    """
    from shownotes.evaluate import (
        evaluate_corpus,
        format_leave_one_out,
        format_report,
        format_titles,
        leave_one_show_out,
    )

    show = _show(config)
    settings = show.detection if show else Detection()
    report = evaluate_corpus(corpus, settings)
    click.echo(format_report(report).rstrip("\n"))
    if leave_one_out:
        click.echo()
        click.echo(format_leave_one_out(leave_one_show_out([corpus, *also], settings)))
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
    file per extra template in the show's templates_dir, and the transcript as
    transcript.vtt and transcript.json (Podcasting 2.0) for podcast:transcript. Chapters come
    from the hand-edited sidecar when there is one, else from detection. Everything is
    rendered and validated before anything is written.

    \b
    Example:
      shownotes render examples/episodes/2026-06-07 --config examples/config.yaml
    """
    show = _show(config)
    prepared = prepare(load_episode(episode_path), show, only=only)
    _report_sidecar(prepared.chapters)
    for message in prepared.warnings:
        click.echo(f"shownotes: warning: {message}", err=True)
    for path in write_outputs(prepared.outputs, output_folder(show, prepared.episode, outdir)):
        click.echo(f"wrote {path}")


@cli.command(context_settings=CONTEXT)
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
    catalog = load_catalog(config)
    if catalog.errors:
        raise catalog.errors[0]
    show = catalog.show
    prepared = [prepare(episode, show) for episode in catalog.episodes]
    if existing is not None:
        before = read_bytes(existing)
        result = update_feed(before, [item_data(p, show) for p in prepared], existing)
        after = result.data
        target = output or existing
        for title in result.unmatched:
            click.echo(f"shownotes: no item in {existing} for episode {title!r}", err=True)
    else:
        items = [item_data(p, show) for p in prepared]
        after = build_feed(show, items).rss_str(pretty=True, encoding="UTF-8", xml_declaration=True)
        target = output or show.output_dir / "feed.xml"
        before = target.read_bytes() if target.is_file() else b""
    if dry_run:
        diff = difflib.unified_diff(
            before.decode("utf-8", "replace").splitlines(keepends=True),
            after.decode("utf-8", "replace").splitlines(keepends=True),
            str(target),
            f"{target} (new)",
        )
        click.echo("".join(diff), nl=False)
        return
    if before == after:
        click.echo(f"{target}: unchanged")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, after)
    click.echo(f"wrote {target} ({len(prepared)} episodes)")


@cli.command(context_settings=CONTEXT)
@click.argument("audio", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--chapters",
    "chapters_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Chapters JSON, a .chapters.yaml sidecar, another MP3, a transcript (chapters "
    "are detected) or an episode folder (its sidecar or detection).",
)
@click.option("--id3v2.4", "v24", is_flag=True, help="Write ID3v2.4 instead of v2.3.")
@click.option(
    "--toc-title",
    default="Chapters",
    show_default=True,
    help="Title of the table of contents (CTOC).",
)
@CONFIG_OPTION
@reports_errors
def tag(audio: Path, chapters_path: Path, v24: bool, toc_title: str, config: Path | None) -> None:
    """Write chapters into an MP3 as ID3 CHAP and CTOC frames, keeping every other tag.

    One CHAP per chapter (title, and url and image when the chapter has them) and one ordered
    top-level CTOC; ID3v2.3 by default, which every player reads. The last chapter ends at the
    audio's real length. When the new tag fits in the file's tag space, only the tag is
    rewritten in place; otherwise the file is rebuilt beside itself and renamed over the
    original, so a crash never leaves a broken MP3. Audio frames are never changed.

    \b
    Examples:
      shownotes tag episode.mp3 --chapters episode.chapters.yaml
      shownotes tag episode.mp3 --chapters chapters.json --id3v2.4
    """
    from shownotes.id3 import write_chapters

    duration = audio_duration(audio)
    if chapters_path.is_dir() or chapters_path.name == "episode.yaml":
        found = prepare(
            load_episode(chapters_path), _show(config), only=("chapters.json",)
        ).chapters.chapters
    elif is_chapters_file(chapters_path):
        found = read_chapters_file(chapters_path, duration)
    else:
        show = _show(config)
        plugins = load_plugins(show)
        found = detect_chapters(
            read_transcript(chapters_path), detection_settings(show, plugins), duration=duration
        )
    report = write_chapters(audio, found, version=4 if v24 else 3, toc_title=toc_title)
    how = "in place" if report.method == "in-place" else "via a new copy"
    click.echo(
        f"tagged {audio}: {report.chapters} chapters, ID3v2.{report.version}, {how} "
        f"({report.bytes_written:,} bytes written)"
    )
    for image in report.skipped_images:
        click.echo(
            f"shownotes: warning: image {image} is a web URL; ID3 embeds only local "
            "images, so this chapter has none",
            err=True,
        )


def _episodes_to_run(
    target: Path | None, every: bool, config: Path | None
) -> tuple[Catalog, list[Episode]]:
    """The show's catalogue and the episodes a command should run on (one, or --all)."""
    if every == (target is not None):
        raise UsageError("name one EPISODE or pass --all", "see --help")
    if target is not None and config is None:
        # an episode folder sits in the show's episodes folder: find the config above it
        folder = target if target.is_dir() else target.parent
        for parent in [folder, *folder.resolve().parents][:4]:
            found = next((parent / n for n in CONFIG_NAMES if (parent / n).is_file()), None)
            if found:
                config = found
                break
    catalog = load_catalog(config)
    if every:
        return catalog, list(catalog.episodes)
    episode = load_episode(target)  # type: ignore[arg-type]
    return catalog, [episode]


def _progress(total: int, label: str) -> tuple[Callable[[Any], None], Callable[[], None]]:
    """A progress bar on a terminal; plain numbered lines elsewhere (CI logs)."""
    if sys.stderr.isatty() and total > 1:
        bar = click.progressbar(length=total, label=label, file=sys.stderr)
        bar.__enter__()
        return (lambda _outcome: bar.update(1)), (lambda: bar.__exit__(None, None, None))
    done = [0]

    def step(outcome: Any) -> None:
        done[0] += 1
        name = (
            outcome.episode.source.parent.name if isinstance(outcome, EpisodeResult) else "failed"
        )
        if total > 1:
            click.echo(f"[{done[0]}/{total}] {label} {name}", err=True)

    return step, lambda: None


@cli.command(context_settings=CONTEXT)
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
    catalog, chosen = _episodes_to_run(target, every, config)
    step, finish = _progress(len(chosen), "publishing")
    runner = parallel_runner(catalog.show, force=force, jobs=jobs, progress=step)
    try:
        report = run_publish(catalog.show, chosen, catalog=catalog.episodes, runner=runner)
    finally:
        finish()
    for result in report.episodes:
        name = result.folder.name
        if result.skipped:
            click.echo(f"{name}: unchanged")
            continue
        parts = [f"{result.chapters} chapters"]
        if result.written:
            parts.append("wrote " + ", ".join(p.name for p in result.written))
        if result.tagged:
            parts.append(f"tagged {result.tagged}")
        click.echo(
            f"{name}: " + "; ".join(parts if result.changed else [*parts, "nothing to write"])
        )
        for message in result.warnings:
            click.echo(f"shownotes: warning: {name}: {message}", err=True)
    if report.feed is not None:
        click.echo(f"feed: {'wrote' if report.feed_changed else 'unchanged'} {report.feed}")
    for title in report.unmatched:
        click.echo(f"shownotes: no item in {report.feed} for episode {title!r}", err=True)
    if not report.changed and not report.errors:
        click.echo("nothing changed")
    for error in [*catalog.errors, *report.errors]:
        report_error(error)
    if report.errors or (every and catalog.errors):
        sys.exit(2)


@cli.command(context_settings=CONTEXT)
@click.argument("target", metavar="[EPISODE]", required=False, type=click.Path(path_type=Path))
@click.option("--all", "every", is_flag=True, help="Check every episode of the show.")
@CONFIG_OPTION
@reports_errors
def check(target: Path | None, every: bool, config: Path | None) -> None:
    """Pre-publish hook: validate an episode (or --all) without writing anything.

    Checks that the transcript reads; chapters are ordered, inside the audio and titled; the
    chapters JSON is valid; the MP3's ID3 chapters match the chapters; and the feed has the
    episode's item pointing to the right URLs. Exit status 0 when all is well, 1 with one line
    per problem otherwise (2 when the config itself cannot be read).

    \b
    Examples:
      shownotes check examples/episodes/2026-06-07
      shownotes check --all --config config.yaml
    """
    catalog, chosen = _episodes_to_run(target, every, config)
    problems = [p for e in catalog.errors for p in e.problems] if every else []
    for episode in chosen:
        problems += check_episode(episode, catalog.show)
    for problem in problems:
        click.echo(str(problem))
    if problems:
        sys.exit(1)
    click.echo(f"ok: {len(chosen)} episode{'s' if len(chosen) != 1 else ''} ready")


@cli.command(context_settings=CONTEXT)
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False), default=".")
@reports_errors
def init(folder: Path) -> None:
    """Create a starter show: config.yaml and one episode (transcript, silent audio).

    Never overwrites a file. Then publish it, and replace the starter episode with yours.

    \b
    Example:
      shownotes init my-show && cd my-show && shownotes publish --all
    """
    from shownotes.init import init_show

    for path in init_show(folder):
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {folder} && shownotes publish --all")


@cli.command("plugins", context_settings=CONTEXT)
@CONFIG_OPTION
@reports_errors
def plugins_command(config: Path | None) -> None:
    """List the plugins shownotes loads (installed ones and the config's) and their hooks.

    \b
    Example:
      shownotes plugins --config config.yaml
    """
    loaded = load_plugins(_show(config))
    if not loaded:
        click.echo("no plugins")
    for name, hooks in loaded.describe():
        click.echo(f"{name}: {', '.join(hooks) or 'no hooks'}")


def _show_warning(message: Warning | str, category: type[Warning], *args: Any, **kw: Any) -> None:
    click.echo(f"shownotes: warning: {message}", err=True)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", ShownotesWarning)
            warnings.showwarning = _show_warning
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
