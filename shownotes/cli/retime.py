"""``shownotes retime``: chapters, transcript and notes follow the audio when it was edited."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from shownotes.cli.common import CONFIG_OPTION, CONTEXT, OUTPUT_OPTION, emit, reports_errors
from shownotes.errors import UsageError

if TYPE_CHECKING:
    from shownotes.models import Chapter


@click.command(context_settings=CONTEXT)
@click.argument("target", metavar="EPISODE", type=click.Path(path_type=Path))
@click.option(
    "-e",
    "--edits",
    type=click.Path(path_type=Path, dir_okay=False),
    help="How the audio changed: Audacity labels of the cut regions, a YAML/JSON edit list "
    "(cut, insert, keep) or an ffmpeg concat list. Times in the old audio.",
)
@click.option(
    "--from-audio",
    "old_audio",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Compare this old export with the episode's audio and print a suggested edit list "
    "(to check, then pass with --edits); changes nothing.",
)
@CONFIG_OPTION
@click.option("--dry-run", is_flag=True, help="Print the before/after table; change nothing.")
@click.option(
    "--in-place", is_flag=True, help="Overwrite the transcript instead of writing a retimed copy."
)
@click.option(
    "--mark-inserts",
    is_flag=True,
    help="Add a silent chapter marker (toc: false) over each inserted stretch.",
)
@click.option(
    "--no-publish", is_flag=True, help="Rewrite the episode's files but do not publish it."
)
@OUTPUT_OPTION
@reports_errors
def retime(
    target: Path,
    edits: Path | None,
    old_audio: Path | None,
    config: Path | None,
    dry_run: bool,
    in_place: bool,
    mark_inserts: bool,
    no_publish: bool,
    output: Path | None,
) -> None:
    """Move an episode's chapters and transcript onto its edited audio, then publish it.

    For when the audio changed after the transcript was made (a cut, a re-recorded intro,
    trimmed silence, inserted ads). EDITS says how, in times of the old audio:

    \b
      Audacity labels   start<TAB>end<TAB>label per cut region (File > Export > Labels)
      YAML or JSON      cut: [[start, end], ...]   insert: [[at, seconds, label], ...]
                        or keep: [[start, end], ...] (the kept segments, in order)
      ffmpeg concat     ffconcat version 1.0 / file / inpoint / outpoint entries

    A chapter inside a cut starts where the audio resumes; one whose whole span was cut is
    dropped; one at an insert starts after it. The transcript is written retimed beside the
    old one (NAME.retimed.EXT, which episode.yaml then names) or over it (--in-place); a
    hand-edited sidecar stays hand-edited; then the episode is published so notes, chapter
    files, ID3 chapters and the feed agree. Nothing is written if any input is bad.

    \b
    Examples:
      shownotes retime episodes/ep12 --edits cuts.txt --dry-run
      shownotes retime episodes/ep12 --edits edits.yaml --mark-inserts
      shownotes retime episodes/ep12 --from-audio old.mp3 -o edits.yaml
    """

    if (edits is None) == (old_audio is None):
        raise UsageError("pass --edits FILE or --from-audio OLD", "see --help")
    if old_audio is not None:
        emit(_suggestion(target, old_audio), output)
        return
    if output is not None:
        raise UsageError("-o goes with --from-audio", "see --help")

    from shownotes.publishing.retime import retime_episode, summary, table

    report = retime_episode(
        target,
        edits,  # type: ignore[arg-type]
        config,
        in_place=in_place,
        mark_inserts=mark_inserts,
        dry_run=dry_run,
        publish=not no_publish,
    )
    plan = report.plan
    click.echo(table(plan), nl=False)
    for row in plan.retimed.rows:
        if row.fate == "dropped" and row.before is not None:
            click.echo(f"dropped: {row.before.title!r} ({row.why})", err=True)
    for line in summary(plan):
        click.echo(("would write " if dry_run else "") + line)
    if dry_run:
        click.echo("dry run: nothing written")
        return
    if report.redetected:
        click.echo(
            "the sidecar is automatic, so publish detected chapters again on the retimed "
            "transcript; it differs from the table above:"
        )
        click.echo(_difference(plan.retimed.chapters, report.redetected), nl=False)
    if report.published is not None:
        for result in report.published.episodes:
            parts = [f"{result.chapters} chapters"]
            if result.written:
                parts.append("wrote " + ", ".join(p.name for p in result.written))
            if result.tagged:
                parts.append(f"tagged {result.tagged}")
            click.echo(f"published {result.folder.name}: " + "; ".join(parts))
        if report.published.feed is not None:
            state = "wrote" if report.published.feed_changed else "unchanged"
            click.echo(f"feed: {state} {report.published.feed}")


def _suggestion(target: Path, old_audio: Path) -> str:
    """A suggested edit list (YAML with comments) from the old and the new audio."""

    from shownotes.audio.duration import audio_duration
    from shownotes.audio.silences import detect_silences
    from shownotes.chapters.edits import format_edits, suggest_edits
    from shownotes.config import load_episode
    from shownotes.timecode import format_exact

    episode = load_episode(target)
    old_length, new_length = audio_duration(old_audio), audio_duration(episode.audio)
    old_silences, new_silences = detect_silences(old_audio), detect_silences(episode.audio)
    suggested = suggest_edits(old_length, new_length, old_silences, new_silences)
    change = new_length - old_length
    old_text, new_text = format_exact(round(old_length, 3)), format_exact(round(new_length, 3))
    comments = [f"Suggested by: shownotes retime {target} --from-audio {old_audio}"]
    if suggested is None:
        return f"# {comments[0]}\n# Both files last {new_text}: no edit to suggest.\n"
    longer = "longer" if change > 0 else "shorter"
    comments.append(f"Old audio {old_text}, new {new_text}: {abs(change):.3f} s {longer}.")
    where = "from where their silences stop matching" if old_silences else "at the end"
    comments += [
        f"A GUESS ({where}): listen there in both files, fix the times, and only then run",
        f"  shownotes retime {target} --edits THIS-FILE --dry-run",
        "Times are in the old audio. If it changed in more than one place, list each change.",
    ]
    return format_edits(suggested, comments)


def _difference(moved: tuple[Chapter, ...], used: tuple[Chapter, ...]) -> str:
    """``-``/``+`` lines: chapters moved by the edits, chapters detection placed instead."""

    import difflib

    from shownotes.timecode import format_exact

    def lines(chapters: tuple[Chapter, ...]) -> list[str]:
        return [f"{format_exact(c.start)} {c.title}\n" for c in chapters]

    diff = difflib.ndiff(lines(moved), lines(used))
    return "".join(f"  {line}" for line in diff if line[:1] in "+-")
